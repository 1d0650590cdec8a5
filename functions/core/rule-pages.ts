/**
 * What a community rule's process shows and publishes (Decree 61/2023): its checklist from
 * shared/process/community-rules.ts, its own page `p/<id>/index.html` (the round's steps, vote, text, recognition and
 * the rule it belongs to) and the hamlet's page `h/<commune>/<hamlet-slug>/rules.html` (the rule in force today, its
 * text with the translations beside the Vietnamese, its recognition with the stamped copy, and its history), both
 * built from every rule process of the hamlet with `ruleState()`. Published again after each act of any of them.
 */
import { type ChecklistRow, checklist, type StepEvent } from '../../shared/process/checklist.ts';
import { communityRuleSteps, ruleAdoption } from '../../shared/process/community-rules.ts';
import { type RuleRound, type RuleState, ruleState } from '../../shared/process/rule-rounds.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { communityRulePage } from '../../web/process/community-rule-page.tsx';
import type { RoundRecord } from '../../web/process/rule-parts.tsx';
import { timelinePage } from '../../web/process/timeline-page.tsx';
import { communeName } from './commune-names.ts';
import type { CoreDeps } from './deps.ts';
import type { RuleFields } from './rule-record.ts';
import type { ProcessRecord } from './store.ts';

const HTML = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' };

/** A community rule's process: a process record with its rule fields. */
export type RuleProcess = ProcessRecord & { kind: 'community_rule'; rule: RuleFields };

export const isRuleProcess = (r: ProcessRecord): r is RuleProcess => r.kind === 'community_rule' && r.rule !== undefined;

/**
 * The hamlet's name as a path segment: without diacritics, lower case, words joined by hyphens.
 * @example hamletSlug('Thôn Đông') // 'thon-dong'
 */
export function hamletSlug(hamlet: string): string {
  const plain = hamlet.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  return plain.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'thon';
}

/** Where the hamlet's rule page is published, from the site's root. */
export const hamletRulesKey = (commune: string, hamlet: string) => `h/${encodeURIComponent(commune)}/${hamletSlug(hamlet)}/rules.html`;

/** The household ballot's last day, when one followed the meeting. */
export const ballotEndsOf = (f: RuleFields) => f.votes?.find((v) => v.vote.method === 'household_ballot')?.on;

/** The recorded acts as the checklist reads them: the day each was done, at noon Vietnam time unless done today. */
function eventsOf(r: ProcessRecord): StepEvent[] {
  return r.steps.map((s) => ({ id: s.step, at: vietnamDate(s.at) === s.on ? s.at : `${s.on}T05:00:00Z` }));
}

/** The checklist of a community rule's round today. */
export function ruleRows(deps: CoreDeps, r: ProcessRecord): ChecklistRow[] {
  const f = r.rule;
  if (!f) return [];
  const ballotEnds = ballotEndsOf(f);
  const plan = {
    meeting: r.meeting,
    holidays: deps.profile.holidays,
    proposal: f.proposal,
    postingDays: f.postingDays,
    ...(ballotEnds ? { ballotEnds } : {}),
  };
  const events = eventsOf(r);
  return checklist(communityRuleSteps(plan, events), events, deps.clock.now());
}

/** The round as `ruleState()` reads it: in effect from the day UBND xã recognised it. */
export function roundOf(r: RuleProcess): RuleRound {
  const f = r.rule;
  return {
    id: r.id,
    kind: f.round,
    ...(f.round !== 'adoption' && f.ruleOf ? { rule: f.ruleOf } : {}),
    ...(r.recognition?.outcome === 'recognised' ? { effective: r.recognition.on } : {}),
    ...(f.until ? { until: f.until } : {}),
  };
}

/** A round as the pages show it; links are relative to `base`, the site's root seen from the page. */
export function roundRecord(r: RuleProcess, base: string): RoundRecord {
  const f = r.rule;
  const vi = f.text ?? f.draft?.text;
  const recognised = r.recognition?.outcome === 'recognised' ? r.recognition : undefined;
  return {
    round: roundOf(r),
    title: f.title,
    href: `${base}p/${r.id}/index.html`,
    ...(vi ? { text: { vi, translations: (f.translations ?? []).map((t) => ({ language: t.language, lang: t.lang, text: t.text })) } } : {}),
    ...(recognised
      ? {
          recognition: {
            on: recognised.on,
            ...(recognised.decision ? { decision: recognised.decision } : {}),
            ...(f.copy ? { copy: `${base}${f.copy.file}` } : {}),
          },
        }
      : {}),
  };
}

/** Every rule round of a hamlet of the commune. */
export async function hamletRounds(deps: CoreDeps, commune: string, hamlet: string): Promise<RuleProcess[]> {
  const all = await deps.store.listProcesses(commune);
  return all.filter(isRuleProcess).filter((p) => p.hamlet === hamlet);
}

/** The rule a round belongs to: itself for a new rule, else the rule it changes. */
export const ruleIdOf = (r: RuleProcess) => (r.rule.round === 'adoption' ? r.id : (r.rule.ruleOf ?? r.id));

/** The hamlet's rule to show: one in force or suspended today (the latest to take effect), else none. */
export function ruleInForce(rounds: readonly RuleProcess[], on: string): { adoption: RuleProcess; state: RuleState } | undefined {
  const all = rounds.map(roundOf);
  const states = rounds
    .filter((r) => r.rule.round === 'adoption')
    .map((adoption) => ({ adoption, state: ruleState(all, adoption.id, on) }))
    .filter((s) => s.state.status === 'in_force' || s.state.status === 'suspended');
  states.sort((a, b) => ((a.adoption.recognition?.on ?? '') < (b.adoption.recognition?.on ?? '') ? 1 : -1));
  return states[0];
}

async function publishHamlet(deps: CoreDeps, r: RuleProcess, rounds: readonly RuleProcess[], name: string | undefined, on: string): Promise<void> {
  const base = '../../../';
  const current = ruleInForce(rounds, on);
  const html = communityRulePage({
    hamlet: r.hamlet,
    communeName: name,
    base,
    on,
    ...(current
      ? {
          rule: {
            title: current.adoption.rule.title,
            state: current.state,
            rounds: rounds.filter((x) => ruleIdOf(x) === current.adoption.id).map((x) => roundRecord(x, base)),
          },
        }
      : {}),
    pending: rounds
      .filter((x) => !x.recognition)
      .map((x) => ({
        ...roundRecord(x, base),
        ...(x.rule.draft?.consultation ? { discussion: `${base}c/${x.rule.draft.consultation}/index.html` } : {}),
        ...(x.rule.comments ? { comments: x.rule.comments } : {}),
      })),
  });
  await deps.publisher.put(hamletRulesKey(r.commune, r.hamlet), html, HTML);
}

/** The round's own page and the hamlet's rule page, published again (after each act). */
export async function publishRulePages(deps: CoreDeps, record: ProcessRecord): Promise<void> {
  if (!isRuleProcess(record)) return;
  const r = record;
  const f = r.rule;
  const on = vietnamDate(deps.clock.now());
  const stored = await hamletRounds(deps, r.commune, r.hamlet);
  // The list may not hold this act yet: the record in hand is the newest.
  const rounds = [...stored.filter((x) => x.id !== r.id), r];
  const name = await communeName(deps, r.commune);
  const base = '../../';
  const ruleId = ruleIdOf(r);
  const all = rounds.map(roundOf);
  const last = f.votes?.at(-1);
  const recognised = r.recognition?.outcome === 'recognised' ? roundRecord(r, base).recognition : undefined;
  const vi = f.text ?? f.draft?.text;
  const html = timelinePage({
    kind: 'community_rule',
    hamlet: r.hamlet,
    communeName: name,
    base,
    meeting: r.meeting,
    rows: ruleRows(deps, r),
    round: { kind: f.round, title: f.title, ...(vi ? { text: roundRecord(r, base).text! } : {}) },
    ...(last ? { adoption: { vote: last.vote, outcome: ruleAdoption(last.vote) } } : {}),
    ...(recognised ? { recognition: recognised } : {}),
    ...(all.some((x) => x.id === ruleId && x.kind === 'adoption')
      ? {
          rule: {
            state: ruleState(all, ruleId, on),
            rounds: rounds.filter((x) => ruleIdOf(x) === ruleId).map((x) => roundRecord(x, base)),
            href: `${base}${hamletRulesKey(r.commune, r.hamlet)}`,
          },
        }
      : {}),
  });
  await deps.publisher.put(`p/${r.id}/index.html`, html, HTML);
  await publishHamlet(deps, r, rounds, name, on);
}
