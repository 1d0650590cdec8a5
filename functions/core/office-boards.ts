/**
 * Electing the members of the People's Inspection Board and of the Community Investment Supervision Board (Law
 * 10/2022 Art. 15(5); Decree 59/2023 Art. 3(5)(b)): an official creates the election with the board and its seats,
 * records the Front working committee's list, the nominations from the floor and the count (each member elected with
 * more than 50 % of H, shared/process/election.ts); UBMTTQ xã, a `monitor` of the commune, recognises the members or
 * answers in writing (Art. 21(2)). The common steps, the chain and the timeline are ./office-processes.ts.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { electionOutcome } from '../../shared/process/election.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from './deps.ts';
import { acting, checkStep, Day, done, Line, loadOffice, parse, Reference, saveOffice, stepEntry } from './office-processes.ts';
import type { Principal } from './ports.ts';
import type { ProcessRecord } from './store.ts';

const Names = z.array(Line(120)).max(50);

/** Creating a board election: the hamlet, the meeting day, the board and how many members it elects. */
export const CreateBoardBody = z.strictObject({
  hamlet: Line(120),
  meeting: Day,
  board: z.enum(['inspection', 'investment_supervision']),
  seats: z.int().min(1).max(15),
});
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;
/** The Front working committee's list, agreed with the party cell (D59 Art. 3(5)(b)). */
export const BoardCandidatesBody = z.strictObject({ on: Day, reference: Reference, names: Names.min(1, 'at least 1 candidate') });
/** Nominations and self-nominations from the floor of the meeting. */
export const BoardNominationsBody = z.strictObject({ nominated: Names, selfNominated: Names });
/** The count at the meeting: H (entered), the households present, the votes per candidate id. */
export const BoardCountBody = z.strictObject({
  on: Day,
  households: z.int().min(1).max(100_000),
  present: z.int().min(0).max(100_000),
  votes: z.record(z.string().regex(/^c\d{1,3}$/), z.int().min(0).max(100_000)),
});
/** UBMTTQ xã's decision (Law 10/2022 Art. 21(2)): recognise the members, or answer in writing with reasons. */
export const BoardRecognitionBody = z.strictObject({ outcome: z.enum(['recognised', 'refused']), on: Day, decision: Reference });

const official = (who: Principal | undefined) => acting(who, 'official', 'the commune’s officials record the steps');

/**
 * An official creates a board election for a hamlet.
 * @example await createBoardElection(deps, official, { hamlet: 'Thôn Đông', meeting: '2027-03-01', board: 'inspection', seats: 3 })
 */
export async function createBoardElection(deps: CoreDeps, who: Principal | undefined, body: unknown): Promise<ProcessRecord> {
  const me = official(who);
  const b = parse(CreateBoardBody, body);
  const record: ProcessRecord = {
    id: deps.ids.ulid(),
    commune: me.commune,
    hamlet: b.hamlet,
    kind: 'board_election',
    meeting: b.meeting,
    createdAt: instant(deps.clock.now()),
    steps: [],
    candidates: [],
    board: { board: b.board, seats: b.seats },
  };
  await saveOffice(deps, me, record, 0, 'process_created', { kind: record.kind, hamlet: b.hamlet, meeting: b.meeting, board: b.board, seats: b.seats });
  return record;
}

function checkNames(r: ProcessRecord): void {
  const seen = new Set<string>();
  for (const c of r.candidates) {
    const key = c.name.toLocaleLowerCase('vi');
    if (seen.has(key))
      throw new DomainError(
        'invalid_request',
        'a person is listed once',
        [{ path: 'names', message: 'listed twice' }],
        `Một người chỉ được ghi một lần (${c.name}).`,
      );
    seen.add(key);
  }
}

/** An official records the Front working committee's list of candidates (at least 1). */
export async function recordBoardCandidates(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(BoardCandidatesBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'board_election');
  checkStep(deps, r, 'board_candidates_listed', b.on);
  const candidates = b.names.map((name, i) => ({ id: `c${i + 1}`, name, source: 'front_list' as const }));
  const next: ProcessRecord = { ...r, candidates, steps: [...r.steps, stepEntry(deps, 'board_candidates_listed', b.on, b.reference)] };
  checkNames(next);
  return saveOffice(deps, me, next, auditSeq, 'candidates_listed', { on: b.on, candidates: candidates.map((c) => ({ id: c.id, name: c.name })) });
}

/** An official records the candidates nominated or standing from the floor, before the count. */
export async function recordBoardNominations(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(BoardNominationsBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'board_election');
  if (r.recognition || done(r, 'board_election_held')) throw new DomainError('wrong_state', 'the election is held');
  if (!done(r, 'board_candidates_listed'))
    throw new DomainError('wrong_state', 'the Front’s list comes first', undefined, 'Cần ghi danh sách người ứng cử của Ban công tác Mặt trận trước.');
  const added = [
    ...b.nominated.map((name) => ({ name, source: 'nominated' as const })),
    ...b.selfNominated.map((name) => ({ name, source: 'self_nominated' as const })),
  ].map((c, i) => ({ id: `c${r.candidates.length + i + 1}`, ...c }));
  if (added.length === 0) throw new DomainError('invalid_request', 'name at least one person', [{ path: 'nominated', message: 'required' }]);
  const next: ProcessRecord = { ...r, candidates: [...r.candidates, ...added] };
  checkNames(next);
  return saveOffice(deps, me, next, auditSeq, 'candidates_nominated', { candidates: added.map((c) => ({ id: c.id, name: c.name, source: c.source })) });
}

/** An official records the count at the meeting: who fills the board's seats is `electionOutcome` (more than 50 % of H). */
export async function recordBoardCount(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(BoardCountBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'board_election');
  checkStep(deps, r, 'board_election_held', b.on);
  if (!done(r, 'board_candidates_listed'))
    throw new DomainError('wrong_state', 'the Front’s list comes first', undefined, 'Cần ghi danh sách người ứng cử của Ban công tác Mặt trận trước.');
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
  const count = { households: b.households, householdsFrom: 'entered' as const, present: b.present, seats: r.board?.seats ?? 1, votes };
  let outcome: ReturnType<typeof electionOutcome>;
  try {
    outcome = electionOutcome(count);
  } catch (err) {
    throw new DomainError('invalid_request', err instanceof Error ? err.message : 'impossible counts', [{ path: 'votes', message: 'impossible counts' }]);
  }
  const next: ProcessRecord = { ...r, count, steps: [...r.steps, stepEntry(deps, 'board_election_held', b.on, undefined)] };
  return saveOffice(deps, me, next, auditSeq, 'board_counted', {
    on: b.on,
    households: b.households,
    householdsFrom: 'entered',
    present: b.present,
    seats: count.seats,
    votes,
    status: outcome.status,
    elected: outcome.elected,
    reason: outcome.reason,
  });
}

/** UBMTTQ xã (a monitor of the commune) recognises the members elected, or answers in writing with reasons. */
export async function recogniseBoard(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = acting(who, 'monitor', 'UBMTTQ xã recognises the board’s members');
  const b = parse(BoardRecognitionBody, body);
  const { record: r, auditSeq } = await loadOffice(deps, me, id, 'board_election');
  if (r.recognition) throw new DomainError('already_recorded', 'the election is decided', undefined, 'Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã đã quyết định.');
  if (!done(r, 'decision_sent') || !r.count)
    throw new DomainError(
      'not_sent',
      'the decision has not reached UBMTTQ xã',
      undefined,
      'Quyết định của cộng đồng chưa được gửi đến Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã.',
    );
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
  const next: ProcessRecord = { ...r, recognition, steps: [...r.steps, stepEntry(deps, 'board_recognised', b.on, b.decision)] };
  return saveOffice(deps, me, next, auditSeq, 'board_recognised', { ...recognition, elected: electionOutcome(r.count).elected });
}
