/**
 * The law's processes that have their own procedure, starting with electing the village head (Decree 59/2023 Art.
 * 6–8): an official of the commune creates the process for a hamlet with its meeting date, records each step with the
 * day it was done (the chair's decision and plan, the Front's candidate list, the election team, the public notice,
 * the invitation, the nominations from the floor, the count at the meeting, the decision sent), and UBND xã (role
 * `commune`) recognises the person elected or decides a new election. Each act is an event of the process's own audit
 * chain; the public timeline (`p/<id>/index.html`) is published again after each. The steps' limits, the team's and
 * candidates' checks and who is elected are shared/process/; this file only orders and records them.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { type ChecklistRow, checklist, type StepEvent } from '../../shared/process/checklist.ts';
import { electionOutcome } from '../../shared/process/election.ts';
import { electionProblems, electionSteps } from '../../shared/process/village-head.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { isIsoDate, vietnamDate } from '../../shared/working-days.ts';
import { timelinePage } from '../../web/process/timeline-page.tsx';
import { actorOf } from './access.ts';
import { communeName } from './commune-names.ts';
import type { CoreDeps } from './deps.ts';
import { electionNoticeAfterStep } from './notice-election.ts';
import type { Principal } from './ports.ts';
import { publishRulePages, ruleRows } from './rule-pages.ts';
import type { ProcessRecord } from './store.ts';

const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
/** A line of text people write: NFC, trimmed, one line. */
const Line = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'required')
        .max(max, `at most ${max} characters`)
        .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'one line'),
    );
const Reference = Line(80).optional();
const Names = z.array(Line(120)).max(50);

/** Creating a village-head election: the hamlet and the day of the community meeting. */
export const CreateElectionBody = z.strictObject({ hamlet: Line(120), meeting: Day });
export type CreateElectionBody = z.infer<typeof CreateElectionBody>;

/** The steps recorded with a date and the document's reference alone. */
export const PLAIN_STEPS = ['election_decided', 'notice_posted', 'meeting_invited', 'decision_sent'] as const;
export const PlainStepBody = z.strictObject({ step: z.enum(PLAIN_STEPS), on: Day, reference: Reference });
/** The Front working committee's list (at least 1 candidate, D59 Art. 6(2)). */
export const CandidatesBody = z.strictObject({ on: Day, reference: Reference, names: Names.min(1, 'at least 1 candidate') });
/** The election team: its leader, the Front's representative (D59 Art. 6(1)(b)), and its other members. */
export const TeamBody = z.strictObject({ on: Day, reference: Reference, leader: Line(120), members: Names });
/** Nominations and self-nominations from the floor of the meeting (D59 Art. 3(5)(b)). */
export const NominationsBody = z.strictObject({ nominated: Names, selfNominated: Names });
/** The count at the meeting: H (entered), the households present, the votes per candidate id. */
export const CountBody = z.strictObject({
  on: Day,
  households: z.int().min(1).max(100_000),
  present: z.int().min(0).max(100_000),
  votes: z.record(z.string().regex(/^c\d{1,3}$/), z.int().min(0).max(100_000)),
});
/** UBND xã's decision (D59 Art. 8). */
export const RecognitionBody = z.strictObject({ outcome: z.enum(['recognised', 'new_election', 'refused']), on: Day, decision: Reference });

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new DomainError('invalid_request', 'the form is not complete', detailsOf(r.error));
  return r.data;
};

function official(who: Principal | undefined): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'official') throw new DomainError('forbidden', 'the commune’s officials record the steps');
  return who;
}

async function load(deps: CoreDeps, who: Principal, id: string) {
  const stored = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await deps.store.getProcess(id) : undefined;
  // Another commune's process is as good as absent.
  if (!stored || stored.record.commune !== who.commune) throw new DomainError('not_found', 'no such process');
  return stored;
}

/** A village-head election of the official's commune: a process of another kind is refused by these acts. */
async function loadElection(deps: CoreDeps, who: Principal, id: string) {
  const stored = await load(deps, who, id);
  if (stored.record.kind !== 'village_head_election')
    throw new DomainError('wrong_state', 'not a village-head election', undefined, 'Đây không phải là cuộc bầu Trưởng thôn, Tổ trưởng tổ dân phố.');
  return stored;
}

/** The recorded acts as the checklist reads them: the day each was done, at noon Vietnam time unless done today. */
function eventsOf(r: ProcessRecord): StepEvent[] {
  return r.steps.map((s) => ({ id: s.step, at: vietnamDate(s.at) === s.on ? s.at : `${s.on}T05:00:00Z` }));
}

/** The checklist of a process today. */
export function processRows(deps: CoreDeps, r: ProcessRecord): ChecklistRow[] {
  if (r.kind === 'community_rule') return ruleRows(deps, r);
  const plan = { meeting: r.meeting, holidays: deps.profile.holidays };
  const events = eventsOf(r);
  return checklist(electionSteps(plan, events), events, deps.clock.now());
}

const done = (r: ProcessRecord, step: string) => r.steps.some((s) => s.step === step);

/** The public timeline of the process: the steps, who was elected (candidates are public), the recognition. */
export async function publishTimeline(deps: CoreDeps, r: ProcessRecord): Promise<void> {
  if (r.kind === 'community_rule') return publishRulePages(deps, r);
  const count = r.count;
  const html = timelinePage({
    kind: 'village_head_election',
    hamlet: r.hamlet,
    communeName: await communeName(deps, r.commune),
    base: '../../',
    meeting: r.meeting,
    rows: processRows(deps, r),
    ...(count
      ? {
          result: {
            count: { households: count.households, present: count.present, seats: count.seats, votes: count.votes },
            outcome: electionOutcome(count),
            candidates: r.candidates.map((c) => ({ id: c.id, name: c.name, source: c.source })),
          },
        }
      : {}),
    ...(r.recognition ? { recognition: r.recognition } : {}),
  });
  await deps.publisher.put(`p/${r.id}/index.html`, html, { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' });
}

async function save(deps: CoreDeps, who: Principal, next: ProcessRecord, prevSeq: number, action: string, data: Record<string, unknown>): Promise<AuditEvent> {
  const event = await deps.store.putProcess(next, { at: instant(deps.clock.now()), actor: actorOf(who), action, data: { process: next.id, ...data } }, prevSeq);
  try {
    await publishTimeline(deps, next);
  } catch (err) {
    // The act is recorded; the page is published again with the next act.
    deps.log?.(`process page not published: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
  return event;
}

/**
 * An official creates the election of a hamlet's village head with its meeting date (403 for another role).
 * @example await createElection(deps, official, { hamlet: 'Thôn Đông', meeting: '2027-03-01' })
 */
export async function createElection(deps: CoreDeps, who: Principal | undefined, body: unknown): Promise<ProcessRecord> {
  const me = official(who);
  const b = parse(CreateElectionBody, body);
  const now = instant(deps.clock.now());
  const record: ProcessRecord = {
    id: deps.ids.ulid(),
    commune: me.commune,
    hamlet: b.hamlet,
    kind: 'village_head_election',
    meeting: b.meeting,
    createdAt: now,
    steps: [],
    candidates: [],
  };
  await save(deps, me, record, 0, 'process_created', { kind: record.kind, hamlet: b.hamlet, meeting: b.meeting });
  return record;
}

const stepEntry = (deps: CoreDeps, step: string, on: string, reference: string | undefined) => ({
  step,
  on,
  at: instant(deps.clock.now()),
  ...(reference !== undefined ? { reference } : {}),
});

/** A step is recorded once, not on a day in the future, and the count only on or after the meeting day. */
function checkStep(deps: CoreDeps, r: ProcessRecord, step: string, on: string): void {
  if (r.recognition) throw new DomainError('wrong_state', 'the process is decided');
  if (done(r, step)) throw new DomainError('already_recorded', `${step} is recorded`, undefined, 'Bước này đã được ghi nhận.');
  if (on > vietnamDate(deps.clock.now()))
    throw new DomainError('invalid_request', 'a step is recorded once done', [{ path: 'on', message: 'not in the future' }]);
}

/** The team's and the candidates' problems (D59 Art. 6), as a 400 naming each. */
function checkPeople(r: ProcessRecord, requireFront: boolean): void {
  const key = (name: string) => name.toLocaleLowerCase('vi');
  const team = (r.team ?? []).map((m) => ({ id: key(m.name), role: m.role, leads: m.leads }));
  const candidates = r.candidates.map((c) => ({ id: key(c.name), source: c.source }));
  const problems = electionProblems(team.length > 0 ? team : [{ id: '\u0000', role: 'front_representative', leads: true }], candidates).filter(
    (p) => requireFront || p.code !== 'no_front_candidate',
  );
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_request',
      problems.map((p) => p.en).join('; '),
      undefined,
      `${problems.map((p) => (p.id ? `${p.vi} (${r.candidates.find((c) => key(c.name) === p.id)?.name ?? p.id})` : p.vi)).join('; ')}.`,
    );
  }
}

/**
 * An official records a step done with its date and reference: the chair's decision and plan, the notice, the
 * invitation, the decision sent to UBND xã (after the election).
 */
export async function recordStep(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(PlainStepBody, body);
  const { record: r, auditSeq } = await loadElection(deps, me, id);
  checkStep(deps, r, b.step, b.on);
  if (b.step === 'decision_sent' && !done(r, 'election_held')) throw new DomainError('wrong_state', 'the election is not held yet');
  const next = { ...r, steps: [...r.steps, stepEntry(deps, b.step, b.on, b.reference)] };
  const event = await save(deps, me, next, auditSeq, 'process_step_recorded', { step: b.step, on: b.on, ...(b.reference ? { reference: b.reference } : {}) });
  // The public notice and the invitation reach the hamlet's households with a contact (best effort, recorded once).
  await electionNoticeAfterStep(deps, me, id, b.step);
  return event;
}

/** An official records the Front working committee's list of candidates (at least 1), checked against the team. */
export async function recordCandidates(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(CandidatesBody, body);
  const { record: r, auditSeq } = await loadElection(deps, me, id);
  checkStep(deps, r, 'candidates_listed', b.on);
  const candidates = b.names.map((name, i) => ({ id: `c${i + 1}`, name, source: 'front_list' as const }));
  const next: ProcessRecord = { ...r, candidates, steps: [...r.steps, stepEntry(deps, 'candidates_listed', b.on, b.reference)] };
  checkPeople(next, true);
  return save(deps, me, next, auditSeq, 'candidates_listed', { on: b.on, candidates: candidates.map((c) => ({ id: c.id, name: c.name })) });
}

/** An official records the election team: led by the Front's representative, and no candidate on it. */
export async function recordTeam(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(TeamBody, body);
  const { record: r, auditSeq } = await loadElection(deps, me, id);
  checkStep(deps, r, 'team_formed', b.on);
  const team: NonNullable<ProcessRecord['team']> = [
    { id: 't1', name: b.leader, role: 'front_representative', leads: true },
    ...b.members.map((name, i) => ({ id: `t${i + 2}`, name, role: 'household_representative' as const, leads: false })),
  ];
  const next: ProcessRecord = { ...r, team, steps: [...r.steps, stepEntry(deps, 'team_formed', b.on, b.reference)] };
  checkPeople(next, false);
  return save(deps, me, next, auditSeq, 'election_team_formed', { on: b.on, members: team.length });
}

/** An official records the candidates nominated or standing from the floor at the meeting, checked against the team. */
export async function recordNominations(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(NominationsBody, body);
  const { record: r, auditSeq } = await loadElection(deps, me, id);
  if (r.recognition || done(r, 'election_held')) throw new DomainError('wrong_state', 'the election is held');
  if (!done(r, 'candidates_listed'))
    throw new DomainError('wrong_state', 'the Front’s list comes first', undefined, 'Cần ghi danh sách người ứng cử của Ban công tác Mặt trận trước.');
  const added = [
    ...b.nominated.map((name) => ({ name, source: 'nominated' as const })),
    ...b.selfNominated.map((name) => ({ name, source: 'self_nominated' as const })),
  ].map((c, i) => ({ id: `c${r.candidates.length + i + 1}`, ...c }));
  if (added.length === 0) throw new DomainError('invalid_request', 'name at least one person', [{ path: 'nominated', message: 'required' }]);
  const next: ProcessRecord = { ...r, candidates: [...r.candidates, ...added] };
  checkPeople(next, true);
  return save(deps, me, next, auditSeq, 'candidates_nominated', { candidates: added.map((c) => ({ id: c.id, name: c.name, source: c.source })) });
}

/**
 * An official records the count at the meeting (H entered, the households present, the votes per candidate): the
 * election is held; who is elected is `electionOutcome` (more than 50 % of H).
 */
export async function recordCount(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(CountBody, body);
  const { record: r, auditSeq } = await loadElection(deps, me, id);
  checkStep(deps, r, 'election_held', b.on);
  if (b.on < r.meeting)
    throw new DomainError('invalid_request', 'the election is held at the meeting', [{ path: 'on', message: 'not before the meeting day' }]);
  const known = new Set(r.candidates.map((c) => c.id));
  const unknown = Object.keys(b.votes).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new DomainError(
      'invalid_request',
      'votes for someone not a candidate',
      unknown.map((k) => ({ path: `votes.${k}`, message: 'not a candidate' })),
    );
  const votes = Object.fromEntries(r.candidates.map((c) => [c.id, b.votes[c.id] ?? 0]));
  const count = { households: b.households, householdsFrom: 'entered' as const, present: b.present, seats: 1, votes };
  let outcome: ReturnType<typeof electionOutcome>;
  try {
    outcome = electionOutcome(count);
  } catch (err) {
    throw new DomainError('invalid_request', err instanceof Error ? err.message : 'impossible counts', [{ path: 'votes', message: 'impossible counts' }]);
  }
  const next: ProcessRecord = { ...r, count, steps: [...r.steps, stepEntry(deps, 'election_held', b.on, undefined)] };
  return save(deps, me, next, auditSeq, 'election_counted', {
    on: b.on,
    households: b.households,
    householdsFrom: 'entered',
    present: b.present,
    votes,
    status: outcome.status,
    elected: outcome.elected,
    reason: outcome.reason,
  });
}

/** UBND xã recognises the person elected, decides a new election, or refuses with reasons (D59 Art. 8). */
export async function recogniseElection(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'commune') throw new DomainError('forbidden', 'UBND xã recognises the election');
  const b = parse(RecognitionBody, body);
  const { record: r, auditSeq } = await loadElection(deps, who, id);
  if (r.recognition) throw new DomainError('already_recorded', 'the election is decided', undefined, 'Ủy ban nhân dân cấp xã đã quyết định.');
  if (!done(r, 'decision_sent') || !r.count)
    throw new DomainError('not_sent', 'the decision has not reached UBND xã', undefined, 'Quyết định của cộng đồng chưa được gửi đến Ủy ban nhân dân cấp xã.');
  if (b.outcome === 'recognised' && electionOutcome(r.count).elected.length === 0)
    throw new DomainError(
      'invalid_request',
      'nobody was elected',
      [{ path: 'outcome', message: 'nobody to recognise' }],
      'Không có người trúng cử để công nhận.',
    );
  if (b.on > vietnamDate(deps.clock.now()))
    throw new DomainError('invalid_request', 'a decision is recorded once made', [{ path: 'on', message: 'not in the future' }]);
  const recognition = { outcome: b.outcome, on: b.on, ...(b.decision ? { decision: b.decision } : {}) };
  const next: ProcessRecord = { ...r, recognition, steps: [...r.steps, stepEntry(deps, 'election_recognised', b.on, b.decision)] };
  return save(deps, who, next, auditSeq, 'election_recognised', { ...recognition });
}

function staff(who: Principal | undefined): Principal {
  if (!who) throw new DomainError('unauthorized');
  return who;
}

/** The commune's processes (officials, monitors, UBND xã of that commune). */
export async function listProcesses(deps: CoreDeps, who: Principal | undefined): Promise<ProcessRecord[]> {
  const me = staff(who);
  return deps.store.listProcesses(me.commune);
}

/** A process with its checklist today and its audit chain, for the staff of its commune. */
export async function processOf(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
): Promise<{ record: ProcessRecord; rows: ChecklistRow[]; log: AuditEvent[]; outcome?: ReturnType<typeof electionOutcome> }> {
  const me = staff(who);
  const { record } = await load(deps, me, id);
  const log = await deps.store.getProcessAudit(id);
  return { record, rows: processRows(deps, record), log, ...(record.count ? { outcome: electionOutcome(record.count) } : {}) };
}
