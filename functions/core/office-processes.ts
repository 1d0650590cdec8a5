/**
 * Dismissing the village head (Decree 59/2023 Art. 9) and electing the members of the People's Inspection Board and
 * of the Community Investment Supervision Board (Law 10/2022 Art. 15(5)), as processes like the village-head election
 * (./processes.ts): an official creates one for a hamlet and its meeting day and records each step with its date; the
 * meeting's count (a dismissal needs more than 50 % of H in favour; a board fills several seats, each member with more
 * than 50 % of H); UBND xã (role `commune`) recognises a dismissal, appoints the acting head and decides the new
 * election within 60 days; UBMTTQ xã recognises the boards' members, and here that is a `monitor` of the commune
 * (domain.md "Who may do what": the Front's accounts recognise 15(5)). Each act is an event of the process's own chain;
 * the public timeline `p/<id>/index.html` is published again after each. The limits and who is elected are
 * shared/process/; the boards' acts are ./office-boards.ts.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { boardSteps } from '../../shared/process/boards.ts';
import { type ChecklistRow, checklist, type StepEvent } from '../../shared/process/checklist.ts';
import { dismissalSteps, petitionReaches } from '../../shared/process/dismissal.ts';
import { electionOutcome, electionThreshold } from '../../shared/process/election.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { isIsoDate, vietnamDate } from '../../shared/working-days.ts';
import { timelinePage } from '../../web/process/timeline-page.tsx';
import { actorOf } from './access.ts';
import { communeName } from './commune-names.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ProcessRecord, StoredProcess } from './store.ts';

export const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
/** A line of text people write: NFC, trimmed, one line. */
export const Line = (max: number) =>
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
export const Reference = Line(80).optional();
const Count = z.int().min(0).max(100_000);

/** Creating a dismissal: the hamlet, the meeting day, the ground, and for a petition its households (D59 Art. 9(1)). */
export const CreateDismissalBody = z.strictObject({
  hamlet: Line(120),
  meeting: Day,
  ground: z.enum(['own_request', 'front_proposal']),
  headLeadsFront: z.boolean(),
  petition: z.strictObject({ households: z.int().min(1).max(100_000), rollIds: z.array(Line(40)).max(100_000) }).optional(),
});
export type CreateDismissalBody = z.infer<typeof CreateDismissalBody>;

/** The steps of a dismissal or a board election recorded with a date and the document's reference alone. */
export const OFFICE_STEPS = ['dismissal_requested', 'meeting_invited', 'decision_sent'] as const;
export const OfficeStepBody = z.strictObject({ step: z.enum(OFFICE_STEPS), on: Day, reference: Reference });
/** The vote at the dismissal meeting: H (entered), the households present, those in favour of the dismissal. */
export const DismissalVoteBody = z.strictObject({ on: Day, households: z.int().min(1).max(100_000), present: Count, yes: Count });
/** UBND xã's decision on a dismissal (D59 Art. 9(3)); `withFront` when the meeting reached no decision. */
export const DismissalRecognitionBody = z.strictObject({
  outcome: z.enum(['recognised', 'refused']),
  on: Day,
  decision: Reference,
  withFront: z.boolean().optional(),
});
/** The acting head UBND xã appoints after agreeing with UBMTTQ xã (D59 Art. 9(3)). */
export const ActingHeadBody = z.strictObject({ name: Line(120), on: Day, decision: Reference });
/** UBND xã's decision to hold the new election, within 60 days of recognising the dismissal. */
export const NewElectionBody = z.strictObject({ on: Day, decision: Reference });

export const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new DomainError('invalid_request', 'the form is not complete', detailsOf(r.error));
  return r.data;
};

/** The principal if it has that role: 401 signed out, 403 another role. */
export function acting(who: Principal | undefined, role: Principal['role'], what: string): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== role) throw new DomainError('forbidden', what);
  return who;
}

export type OfficeKind = 'dismissal' | 'board_election';
export const isOfficeKind = (k: ProcessRecord['kind']): k is OfficeKind => k === 'dismissal' || k === 'board_election';

/** A process of this commune and of these kinds; another commune's, or another kind, is as good as absent. */
export async function loadOffice(deps: CoreDeps, who: Principal, id: string, kind?: OfficeKind): Promise<StoredProcess> {
  const stored = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await deps.store.getProcess(id) : undefined;
  if (!stored || stored.record.commune !== who.commune || !isOfficeKind(stored.record.kind) || (kind && stored.record.kind !== kind))
    throw new DomainError('not_found', 'no such process');
  return stored;
}

/** The recorded acts as the checklist reads them: the day each was done, at noon Vietnam time unless done today. */
const eventsOf = (r: ProcessRecord): StepEvent[] => r.steps.map((s) => ({ id: s.step, at: vietnamDate(s.at) === s.on ? s.at : `${s.on}T05:00:00Z` }));

/** The checklist of a dismissal or a board election today. */
export function officeRows(deps: CoreDeps, r: ProcessRecord): ChecklistRow[] {
  const plan = { meeting: r.meeting, holidays: deps.profile.holidays };
  const events = eventsOf(r);
  const steps =
    r.kind === 'board_election'
      ? boardSteps(r.board?.board ?? 'inspection', plan, events)
      : dismissalSteps({ ...plan, ground: r.dismissal?.ground ?? 'own_request', headLeadsFront: r.dismissal?.headLeadsFront ?? false }, events);
  return checklist(steps, events, deps.clock.now());
}

/** The dismissal vote's outcome: dismissed with more than 50 % of H in favour (Law 10/2022 Art. 21(1)). */
export function dismissalOutcome(v: { households: number; present: number; yes: number }) {
  return { dismissed: v.yes * 2 > v.households, threshold: electionThreshold(v.households), enoughPresent: v.present * 2 > v.households };
}

export const done = (r: ProcessRecord, step: string) => r.steps.some((s) => s.step === step);

/** The public timeline: the steps, the vote or who was elected (candidates are public), the recognition, the acting head. */
export async function publishOffice(deps: CoreDeps, r: ProcessRecord): Promise<void> {
  const common = { hamlet: r.hamlet, communeName: await communeName(deps, r.commune), base: '../../', meeting: r.meeting, rows: officeRows(deps, r) };
  const recognition = r.recognition ? { recognition: r.recognition } : {};
  const html =
    r.kind === 'board_election'
      ? timelinePage({
          kind: 'board_election',
          ...common,
          board: r.board?.board ?? 'inspection',
          ...(r.count
            ? {
                result: {
                  count: r.count,
                  outcome: electionOutcome(r.count),
                  candidates: r.candidates.map((c) => ({ id: c.id, name: c.name, source: c.source })),
                },
              }
            : {}),
          ...recognition,
        })
      : timelinePage({
          kind: 'dismissal',
          ...common,
          ground: r.dismissal?.ground ?? 'own_request',
          headLeadsFront: r.dismissal?.headLeadsFront ?? false,
          ...(r.dismissalVote ? { vote: { ...r.dismissalVote, ...dismissalOutcome(r.dismissalVote) } } : {}),
          ...(r.dismissal?.petition ? { petition: r.dismissal.petition } : {}),
          ...recognition,
          ...(r.actingHead ? { actingHead: r.actingHead.name } : {}),
        });
  await deps.publisher.put(`p/${r.id}/index.html`, html, { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' });
}

/** Writes the act as the next event of the process's chain, then publishes the timeline again. */
export async function saveOffice(
  deps: CoreDeps,
  who: Principal,
  next: ProcessRecord,
  prevSeq: number,
  action: string,
  data: Record<string, unknown>,
): Promise<AuditEvent> {
  const event = await deps.store.putProcess(next, { at: instant(deps.clock.now()), actor: actorOf(who), action, data: { process: next.id, ...data } }, prevSeq);
  try {
    await publishOffice(deps, next);
  } catch (err) {
    // The act is recorded; the page is published again with the next act.
    deps.log?.(`process page not published: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
  return event;
}

export const stepEntry = (deps: CoreDeps, step: string, on: string, reference: string | undefined) => ({
  step,
  on,
  at: instant(deps.clock.now()),
  ...(reference !== undefined ? { reference } : {}),
});

/** A step is recorded once, not on a day in the future, and not once the recognising body has decided. */
export function checkStep(deps: CoreDeps, r: ProcessRecord, step: string, on: string): void {
  if (r.recognition && !['acting_head_appointed', 'new_election_decided'].includes(step)) throw new DomainError('wrong_state', 'the process is decided');
  if (done(r, step)) throw new DomainError('already_recorded', `${step} is recorded`, undefined, 'Bước này đã được ghi nhận.');
  if (on > vietnamDate(deps.clock.now()))
    throw new DomainError('invalid_request', 'a step is recorded once done', [{ path: 'on', message: 'not in the future' }]);
}

/**
 * An official creates the dismissal of a hamlet's village head: on the head's own request, or on the Front committee's
 * proposal; a petition, when there is one, must reach at least 50 % of H by distinct roll id (D59 Art. 9(1)(b)).
 * @example await createDismissal(deps, official, { hamlet: 'Thôn Đông', meeting: '2027-03-01', ground: 'own_request', headLeadsFront: false })
 */
export async function createDismissal(deps: CoreDeps, who: Principal | undefined, body: unknown): Promise<ProcessRecord> {
  const me = acting(who, 'official', 'the commune’s officials record the steps');
  const b = parse(CreateDismissalBody, body);
  if (b.petition && b.ground !== 'front_proposal')
    throw new DomainError('invalid_request', 'a petition goes with the Front’s proposal', [{ path: 'petition', message: 'only with front_proposal' }]);
  if (b.petition && !petitionReaches(b.petition.households, b.petition.rollIds))
    throw new DomainError(
      'invalid_request',
      'the petition has fewer than 50 % of the households',
      [{ path: 'petition.rollIds', message: 'fewer than 50 % of H' }],
      'Kiến nghị phải có ít nhất 50% tổng số hộ gia đình (mỗi hộ tính một lần).',
    );
  const petition = b.petition ? { households: b.petition.households, signed: new Set(b.petition.rollIds).size } : undefined;
  const record: ProcessRecord = {
    id: deps.ids.ulid(),
    commune: me.commune,
    hamlet: b.hamlet,
    kind: 'dismissal',
    meeting: b.meeting,
    createdAt: instant(deps.clock.now()),
    steps: [],
    candidates: [],
    dismissal: { ground: b.ground, headLeadsFront: b.headLeadsFront, ...(petition ? { petition } : {}) },
  };
  await saveOffice(deps, me, record, 0, 'process_created', {
    kind: record.kind,
    hamlet: b.hamlet,
    meeting: b.meeting,
    ground: b.ground,
    ...(petition ? { petition } : {}),
  });
  return record;
}

/** An official records a step done with its date and reference: the request or proposal, the invitation, the decision sent. */
export async function recordOfficeStep(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = acting(who, 'official', 'the commune’s officials record the steps');
  const b = parse(OfficeStepBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id);
  if (b.step === 'dismissal_requested' && r.kind !== 'dismissal')
    throw new DomainError('invalid_request', 'not a step of this process', [{ path: 'step', message: 'not a step of this process' }]);
  checkStep(deps, r, b.step, b.on);
  const held = r.kind === 'dismissal' ? 'dismissal_meeting' : 'board_election_held';
  if (b.step === 'decision_sent' && !done(r, held))
    throw new DomainError('wrong_state', 'the meeting is not held yet', undefined, 'Cuộc họp chưa được ghi nhận.');
  const next = { ...r, steps: [...r.steps, stepEntry(deps, b.step, b.on, b.reference)] };
  return saveOffice(deps, me, next, auditSeq, 'process_step_recorded', { step: b.step, on: b.on, ...(b.reference ? { reference: b.reference } : {}) });
}

/** An official records the vote at the dismissal meeting; more than 50 % of H in favour dismisses the head. */
export async function recordDismissalVote(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = acting(who, 'official', 'the commune’s officials record the steps');
  const b = parse(DismissalVoteBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'dismissal');
  checkStep(deps, r, 'dismissal_meeting', b.on);
  if (b.on < r.meeting) throw new DomainError('invalid_request', 'the vote is at the meeting', [{ path: 'on', message: 'not before the meeting day' }]);
  if (b.present > b.households) throw new DomainError('invalid_request', 'more present than households', [{ path: 'present', message: 'at most H' }]);
  if (b.yes > b.present) throw new DomainError('invalid_request', 'more in favour than present', [{ path: 'yes', message: 'at most the households present' }]);
  const vote = { households: b.households, present: b.present, yes: b.yes };
  const next: ProcessRecord = { ...r, dismissalVote: vote, steps: [...r.steps, stepEntry(deps, 'dismissal_meeting', b.on, undefined)] };
  return saveOffice(deps, me, next, auditSeq, 'dismissal_voted', { on: b.on, ...vote, householdsFrom: 'entered', dismissed: dismissalOutcome(vote).dismissed });
}

const ubnd = (who: Principal | undefined) => acting(who, 'commune', 'UBND xã decides the dismissal');

/**
 * UBND xã recognises the dismissal or answers in writing (D59 Art. 9(3)); when the meeting did not dismiss, it may
 * still decide the dismissal after agreeing with UBMTTQ xã (`withFront`).
 */
export async function recogniseDismissal(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = ubnd(who);
  const b = parse(DismissalRecognitionBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'dismissal');
  if (r.recognition) throw new DomainError('already_recorded', 'the dismissal is decided', undefined, 'Ủy ban nhân dân cấp xã đã quyết định.');
  if (!done(r, 'decision_sent') || !r.dismissalVote)
    throw new DomainError('not_sent', 'the decision has not reached UBND xã', undefined, 'Quyết định của cộng đồng chưa được gửi đến Ủy ban nhân dân cấp xã.');
  if (b.outcome === 'recognised' && !dismissalOutcome(r.dismissalVote).dismissed && b.withFront !== true)
    throw new DomainError(
      'invalid_request',
      'the meeting did not dismiss the head',
      [{ path: 'withFront', message: 'required when the meeting did not dismiss' }],
      'Cuộc họp không đủ trên 50% tổng số hộ gia đình tán thành; Ủy ban nhân dân cấp xã chỉ quyết định sau khi thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã.',
    );
  checkStep(deps, r, 'dismissal_recognised', b.on);
  const recognition = { outcome: b.outcome, on: b.on, ...(b.decision ? { decision: b.decision } : {}) };
  const next: ProcessRecord = { ...r, recognition, steps: [...r.steps, stepEntry(deps, 'dismissal_recognised', b.on, b.decision)] };
  return saveOffice(deps, me, next, auditSeq, 'dismissal_recognised', { ...recognition, ...(b.withFront ? { withFront: true } : {}) });
}

function afterDismissal(r: ProcessRecord): void {
  if (r.recognition?.outcome !== 'recognised')
    throw new DomainError('wrong_state', 'the dismissal is not recognised', undefined, 'Ủy ban nhân dân cấp xã chưa công nhận việc cho thôi.');
}

/** UBND xã, agreeing with UBMTTQ xã, appoints the acting village head until a new one is elected (D59 Art. 9(3)). */
export async function appointActingHead(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = ubnd(who);
  const b = parse(ActingHeadBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'dismissal');
  afterDismissal(r);
  checkStep(deps, r, 'acting_head_appointed', b.on);
  const actingHead = { name: b.name, on: b.on, ...(b.decision ? { decision: b.decision } : {}) };
  const next: ProcessRecord = { ...r, actingHead, steps: [...r.steps, stepEntry(deps, 'acting_head_appointed', b.on, b.decision)] };
  return saveOffice(deps, me, next, auditSeq, 'acting_head_appointed', { ...actingHead });
}

/** UBND xã decides to hold the election of a new village head, within 60 days of recognising the dismissal. */
export async function decideNewElection(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = ubnd(who);
  const b = parse(NewElectionBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'dismissal');
  afterDismissal(r);
  checkStep(deps, r, 'new_election_decided', b.on);
  const next: ProcessRecord = { ...r, steps: [...r.steps, stepEntry(deps, 'new_election_decided', b.on, b.decision)] };
  return saveOffice(deps, me, next, auditSeq, 'new_election_decided', { on: b.on, ...(b.decision ? { decision: b.decision } : {}) });
}

/** A dismissal or a board election with its checklist today and its chain, for the staff of its commune (any role). */
export async function officeOf(deps: CoreDeps, who: Principal | undefined, id: string) {
  if (!who) throw new DomainError('unauthorized');
  const { record } = await loadOffice(deps, who, id);
  const log = await deps.store.getProcessAudit(id);
  return {
    record,
    rows: officeRows(deps, record),
    log,
    ...(record.count ? { outcome: electionOutcome(record.count) } : {}),
    ...(record.dismissalVote ? { vote: dismissalOutcome(record.dismissalVote) } : {}),
  };
}

/** Whether a process is one of these kinds (the pages hand the others on), without loading it twice for the stranger. */
export async function isOfficeProcess(deps: CoreDeps, who: Principal | undefined, id: string): Promise<boolean> {
  if (!who || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return false;
  const stored = await deps.store.getProcess(id);
  return stored !== undefined && stored.record.commune === who.commune && isOfficeKind(stored.record.kind);
}
