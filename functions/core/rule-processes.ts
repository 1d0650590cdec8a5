/**
 * A community rule (hương ước, quy ước; Decree 61/2023) as a process, up to the vote: an official creates a round for a
 * hamlet (a new rule, or an amendment, replacement, suspension or annulment linked to the rule in force), proposed by
 * the village head with the head of the Front working committee or by residents' initiative; records the drafting
 * team (an elder, a speaker of each minority language of the community), the draft posted and the consultation round
 * whose discussion holds the comments, the team's summary of the comments and its answers, the meeting's invitation,
 * and, once adopted, the translations the community decided (Art. 6(5)). The vote, the signatures, the dossier and
 * UBND xã's recognition are ./rule-adoption.ts. The law's checks are shared/process/; this file orders and records.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { draftingTeamProblems, earliestAdoption } from '../../shared/process/community-rules.ts';
import { linkProblems, type RoundKind } from '../../shared/process/rule-rounds.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import {
  checkLinkedRound,
  checkStep,
  Day,
  done,
  Line,
  loadRule,
  official,
  parse,
  ProcessId,
  Reference,
  refuse,
  saveRule,
  stepEntry,
  Text,
} from './rule-common.ts';
import { hamletRounds, type RuleProcess, roundOf } from './rule-pages.ts';
import type { RuleFields } from './rule-record.ts';

const Languages = z.array(Line(60)).max(10);

/** Creating a round of a community rule. */
export const CreateRuleBody = z.strictObject({
  hamlet: Line(120),
  /** The day of the meeting that will vote on it. */
  meeting: Day,
  /** The day it was proposed. */
  on: Day,
  reference: Reference,
  title: Line(200),
  round: z.enum(['adoption', 'amendment', 'replacement', 'suspension', 'annulment']),
  ruleOf: ProcessId.optional(),
  until: Day.optional(),
  proposal: z.enum(['village_head_with_front', 'initiative']),
  initiativeId: Line(80).optional(),
  postingDays: z.int().min(30).max(365).optional(),
  hasElders: z.boolean(),
  minorityLanguages: Languages,
});
export type CreateRuleBody = z.infer<typeof CreateRuleBody>;

/** The drafting team (D61 Art. 8): each member, whether an elder or respected person, and the languages spoken. */
export const RuleTeamBody = z.strictObject({
  on: Day,
  reference: Reference,
  members: z
    .array(z.strictObject({ name: Line(120), elder: z.boolean(), languages: Languages }))
    .min(1, 'at least 1 member')
    .max(30),
});
/** The draft posted (D61 Art. 9(1)), and the consultation round whose discussion holds the comments. */
export const DraftBody = z.strictObject({ on: Day, reference: Reference, text: Text(20_000), consultation: ProcessId.optional() });
/** The comments and the team's answers, summarised (D61 Art. 9(4)). */
export const CommentsBody = z.strictObject({ on: Day, received: z.int().min(0).max(100_000), summary: Text(5000), answers: Text(5000) });
/** The steps recorded with a date and a reference alone. */
export const RuleStepBody = z.strictObject({ step: z.enum(['meeting_invited', 'dossier_sent']), on: Day, reference: Reference });
/** A translation the community decided (D61 Art. 6(5)). */
export const TranslationBody = z.strictObject({
  on: Day,
  language: Line(60),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag'),
  text: Text(20_000),
});

/** Whether the round may be linked as it asks (linkProblems over the commune's rule rounds), as a 400 in words. */
async function checkLink(deps: CoreDeps, commune: string, b: CreateRuleBody, on: string): Promise<void> {
  const rounds = (await deps.store.listProcesses(commune)).filter((p): p is RuleProcess => p.kind === 'community_rule' && p.rule !== undefined);
  const problems = linkProblems({ id: '', kind: b.round, ...(b.ruleOf ? { rule: b.ruleOf } : {}) }, rounds.map(roundOf), on);
  if (problems.length > 0)
    throw new DomainError(
      'invalid_request',
      problems.map((p) => p.en).join('; '),
      [{ path: 'ruleOf', message: problems[0]!.en }],
      `${problems.map((p) => p.vi).join('; ')}.`,
    );
  const target = rounds.find((p) => p.id === b.ruleOf);
  if (target && target.hamlet !== b.hamlet) throw refuse('ruleOf', 'the rule is of another hamlet', 'Hương ước, quy ước này của thôn, tổ dân phố khác.');
}

function fieldsOf(b: CreateRuleBody): RuleFields {
  return {
    round: b.round as RoundKind,
    title: b.title,
    ...(b.ruleOf ? { ruleOf: b.ruleOf } : {}),
    ...(b.until ? { until: b.until } : {}),
    proposal: b.proposal === 'initiative' ? { by: 'initiative', initiative: b.initiativeId! } : { by: 'village_head_with_front' },
    postingDays: b.postingDays ?? 30,
    community: { hasElders: b.hasElders, minorityLanguages: b.minorityLanguages },
  };
}

/**
 * An official creates a round of a community rule for a hamlet, proposed on `on`, to be voted at `meeting` (at least
 * the posting period after it); a change of a rule links to the rule in force (`ruleOf`).
 * @example await createRule(deps, official, { hamlet: 'Thôn Đông', meeting: '2027-03-01', on: '2027-01-05', title: 'Hương ước thôn Đông', round: 'adoption', proposal: 'village_head_with_front', hasElders: true, minorityLanguages: [] })
 */
export async function createRule(deps: CoreDeps, who: Principal | undefined, body: unknown): Promise<RuleProcess> {
  const me = official(who);
  const b = parse(CreateRuleBody, body);
  const today = vietnamDate(deps.clock.now());
  if (b.on > today) throw refuse('on', 'not in the future', 'Ngày đề xuất không được ở tương lai.');
  if (b.proposal === 'initiative' && !b.initiativeId) throw refuse('initiativeId', 'name the initiative', 'Cần ghi sáng kiến của công dân.');
  if (b.until !== undefined && b.round !== 'suspension') throw refuse('until', 'only a suspension has an end', 'Chỉ việc tạm ngưng có ngày thực hiện lại.');
  if (b.meeting < earliestAdoption(b.on, b.postingDays ?? 30))
    throw refuse(
      'meeting',
      'the draft is posted for the posting period first',
      `Dự thảo phải được niêm yết ít nhất ${b.postingDays ?? 30} ngày trước cuộc họp.`,
    );
  await checkLink(deps, me.commune, b, today);
  const record: RuleProcess = {
    id: deps.ids.ulid(),
    commune: me.commune,
    hamlet: b.hamlet,
    kind: 'community_rule',
    meeting: b.meeting,
    createdAt: instant(deps.clock.now()),
    steps: [stepEntry(deps, 'rule_proposed', b.on, b.reference)],
    candidates: [],
    rule: fieldsOf(b),
  };
  await saveRule(deps, me, record, 0, 'process_created', {
    kind: record.kind,
    hamlet: b.hamlet,
    meeting: b.meeting,
    round: b.round,
    ...(b.ruleOf ? { ruleOf: b.ruleOf } : {}),
    proposal: record.rule.proposal,
  });
  return record;
}

/** An official records the drafting team, checked for an elder and a speaker of each minority language (D61 Art. 8). */
export async function recordRuleTeam(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(RuleTeamBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  checkStep(deps, r, 'drafting_team_formed', b.on);
  const problems = draftingTeamProblems(
    b.members.map((m, i) => ({ id: String(i), elder: m.elder, languages: m.languages })),
    r.rule.community,
  );
  if (problems.length > 0)
    throw new DomainError(
      'invalid_request',
      problems.map((p) => p.en).join('; '),
      [{ path: 'members', message: problems[0]!.en }],
      `${problems.map((p) => p.vi).join('; ')}.`,
    );
  const next: RuleProcess = { ...r, rule: { ...r.rule, team: b.members }, steps: [...r.steps, stepEntry(deps, 'drafting_team_formed', b.on, b.reference)] };
  return saveRule(deps, me, next, auditSeq, 'rule_team_formed', { on: b.on, members: b.members.length, elders: b.members.filter((m) => m.elder).length });
}

/** An official records the draft posted, linked to the consultation round whose discussion holds the comments. */
export async function recordDraft(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(DraftBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  checkStep(deps, r, 'draft_posted', b.on);
  if (!done(r, 'drafting_team_formed')) throw new DomainError('wrong_state', 'the drafting team comes first', undefined, 'Cần ghi Tổ soạn thảo trước.');
  if (b.consultation) await checkLinkedRound(deps, me.commune, b.consultation, 'disclosed', 'consultation');
  const draft = { text: b.text, ...(b.consultation ? { consultation: b.consultation } : {}) };
  const next: RuleProcess = { ...r, rule: { ...r.rule, draft }, steps: [...r.steps, stepEntry(deps, 'draft_posted', b.on, b.reference)] };
  return saveRule(deps, me, next, auditSeq, 'rule_draft_posted', {
    on: b.on,
    chars: b.text.length,
    ...(b.consultation ? { consultation: b.consultation } : {}),
  });
}

/** An official records the drafting team's summary of the comments and its answers. */
export async function recordComments(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(CommentsBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  checkStep(deps, r, 'comments_summarised', b.on);
  if (!done(r, 'draft_posted')) throw new DomainError('wrong_state', 'the draft is posted first', undefined, 'Cần ghi việc niêm yết dự thảo trước.');
  const comments = { received: b.received, summary: b.summary, answers: b.answers };
  const next: RuleProcess = { ...r, rule: { ...r.rule, comments }, steps: [...r.steps, stepEntry(deps, 'comments_summarised', b.on)] };
  return saveRule(deps, me, next, auditSeq, 'rule_comments_summarised', { on: b.on, received: b.received });
}

/** An official records the meeting's invitation, or the dossier sent to UBND xã (once adopted and signed). */
export async function recordRuleStep(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(RuleStepBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  checkStep(deps, r, b.step, b.on);
  if (b.step === 'dossier_sent') {
    if (!r.rule.text) throw new DomainError('wrong_state', 'the rule is not adopted', undefined, 'Hương ước, quy ước chưa được thông qua.');
    if (!r.rule.signatures) throw new DomainError('wrong_state', 'the text is not signed', undefined, 'Văn bản chưa được ký đủ.');
  }
  const next: RuleProcess = { ...r, steps: [...r.steps, stepEntry(deps, b.step, b.on, b.reference)] };
  return saveRule(deps, me, next, auditSeq, 'process_step_recorded', { step: b.step, on: b.on, ...(b.reference ? { reference: b.reference } : {}) });
}

/** An official adds a translation the community decided, published beside the Vietnamese text (D61 Art. 6(5)). */
export async function addTranslation(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(TranslationBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  if (!r.rule.text) throw new DomainError('wrong_state', 'the rule is not adopted', undefined, 'Hương ước, quy ước chưa được thông qua.');
  if (b.on > vietnamDate(deps.clock.now())) throw refuse('on', 'not in the future', 'Ngày quyết định không được ở tương lai.');
  const translations = r.rule.translations ?? [];
  if (translations.some((t) => t.lang === b.lang))
    throw new DomainError('already_recorded', 'this language is translated', undefined, 'Bản dịch tiếng này đã được ghi nhận.');
  const next: RuleProcess = { ...r, rule: { ...r.rule, translations: [...translations, { language: b.language, lang: b.lang, text: b.text, on: b.on }] } };
  return saveRule(deps, me, next, auditSeq, 'rule_translation_added', { on: b.on, language: b.language, lang: b.lang, chars: b.text.length });
}

/** The rule rounds of a hamlet (for the officials' form that links a change to the rule in force). */
export async function hamletRules(deps: CoreDeps, who: Principal | undefined, hamlet: string): Promise<RuleProcess[]> {
  if (!who) throw new DomainError('unauthorized');
  return hamletRounds(deps, who.commune, hamlet);
}

/** The commune's rules in force or suspended today, that a change may link to. */
export async function rulesInForce(deps: CoreDeps, who: Principal | undefined): Promise<RuleProcess[]> {
  if (!who) throw new DomainError('unauthorized');
  const all = (await deps.store.listProcesses(who.commune)).filter((p): p is RuleProcess => p.kind === 'community_rule' && p.rule !== undefined);
  const rounds = all.map(roundOf);
  const today = vietnamDate(deps.clock.now());
  return all.filter((p) => p.rule.round === 'adoption' && linkProblems({ id: '', kind: 'amendment', rule: p.id }, rounds, today).length === 0);
}
