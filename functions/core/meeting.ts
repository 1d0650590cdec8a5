/**
 * A community meeting (method `meeting`, domain.md "How a round is held"; Law 10/2022 Art. 18, Decree 59/2023 Art. 3):
 * the secretary records each household's arrival by roll id while the meeting is in session (state `voting`); the
 * page shows live whether those present can still reach each question's threshold (Art. 19(1)(b)); the procedural
 * votes (the secretary, the counting committee) pass with more than 50 % of the households present (D59 Art. 3(5));
 * the meeting's voting method is recorded once; a show of hands is entered as counts (replaceable until close), a
 * secret ballot slip by slip by serial (paper.ts). No voting codes.
 *
 * A hamlet of 200 households or more may meet in residential clusters (Law 10/2022 Art. 18(3); D59 Art. 3(6)): each
 * arrival then names its cluster, and each cluster's show of hands is entered on its own, at most its households
 * present, replaceable per cluster; the hamlet's hand count is their sum (meeting-log.ts). A meeting either names a
 * cluster at every arrival or at none.
 *
 * Every one of these is an official's act and so an audit event, and nothing else: the meeting's record is the
 * audit log, published with the result, and read back from it (meeting-log.ts). Two secretaries entering the same
 * household at once make two events; the first arrival counts.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { canReachThreshold, threshold } from '../../shared/rules.ts';
import { type AuditEvent, type Consultation, HandCount, RollId, Voting } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { ACTIONS, Cluster, meetingLog } from './meeting-log.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

export const AttendanceBody = z.strictObject({ household: RollId, cluster: Cluster.optional() });
export const VotingMethodBody = z.strictObject({ voting: Voting });
export const HandCountBody = z.strictObject({ counts: HandCount, cluster: Cluster.optional() });

/** Law 10/2022 Art. 18(3): households on the roll from which a hamlet may meet in residential clusters. */
export const CLUSTER_MIN_HOUSEHOLDS = 200;

export const PROCEDURAL_SUBJECTS = ['chair', 'secretary', 'counting_committee', 'voting_method', 'other'] as const;
export const ProceduralVoteBody = z
  .strictObject({
    subject: z.enum(PROCEDURAL_SUBJECTS),
    /** What was put to the meeting: "Bầu ông Nguyễn Văn A làm thư ký", "Biểu quyết bằng phiếu kín". */
    text: z.string().trim().min(3).max(500),
    for: z.int().min(0),
    against: z.int().min(0),
    abstain: z.int().min(0),
  })
  .refine((v) => v.for + v.against + v.abstain > 0, { message: 'no one voted', path: ['for'] });
export type ProceduralVote = z.infer<typeof ProceduralVoteBody>;

export interface MeetingStatus {
  /** H: households on the roll. */
  eligible: number;
  present: number;
  /** Households that must be present for the meeting to decide, and whether they are. */
  quorum: { required: number; met: boolean };
  /** Whether those present can still reach every question's threshold (else the outcome is `not_enough_present`). */
  canReachThreshold: boolean;
  /** The same per question, with the yes-votes the rule needs of H. */
  questions: Array<{ questionId: string; threshold: number; canReachThreshold: boolean }>;
  /** Arrivals in order: roll id, time and, at a meeting in clusters, the cluster. */
  attendance: Array<{ household: string; at: string; cluster?: string }>;
  /** Each procedural vote with the households present when it was taken; adopted with more than half of them. */
  procedural: Array<ProceduralVote & { at: string; present: number; adopted: boolean }>;
  voting?: Voting;
  /** The hamlet's show of hands: at a meeting in clusters, the sum of the clusters' counts. */
  handCount?: HandCount;
  /** A meeting in clusters: each cluster's households present and its own show of hands as last entered. */
  clusters?: Array<{ cluster: string; present: number; handCount?: HandCount }>;
  /** Secret-ballot slips entered so far. */
  slips: number;
}

/** The meeting as the audit log records it. */
export function meetingFromAudit(
  events: readonly AuditEvent[],
  eligible: number,
  quorum: CoreDeps['profile']['meetingQuorum'],
  questions: Consultation['questions'] = [],
): MeetingStatus {
  const log = meetingLog(events);
  const procedural: MeetingStatus['procedural'] = [];
  let present = 0;
  const seen = new Set<string>();
  for (const e of events) {
    if (e.action === ACTIONS.attendance && typeof e.data.household === 'string' && !seen.has(e.data.household)) {
      seen.add(e.data.household);
      present += 1;
    }
    if (e.action === 'procedural_vote_recorded') {
      const v = ProceduralVoteBody.safeParse(e.data);
      // Decree 59/2023 Art. 3(5)(a), (c): more than 50 % of the households present, not of those voting.
      if (v.success) procedural.push({ ...v.data, at: e.at, present, adopted: v.data.for * 2 > present });
    }
  }
  const count = log.present.length;
  const required = threshold({ base: 'eligible', op: quorum.op, fraction: quorum.fraction }, eligible, 0);
  const perQuestion = questions.map((q) => ({
    questionId: q.id,
    threshold: threshold(q.rule, eligible, count),
    canReachThreshold: canReachThreshold(q.rule, count, eligible),
  }));
  return {
    eligible,
    present: count,
    quorum: { required, met: count >= required },
    canReachThreshold: perQuestion.every((q) => q.canReachThreshold),
    questions: perQuestion,
    attendance: log.present,
    procedural,
    ...(log.voting ? { voting: log.voting } : {}),
    ...(log.handCount ? { handCount: log.handCount } : {}),
    ...(log.clusters ? { clusters: log.clusters } : {}),
    slips: log.slips,
  };
}

/** A cluster's name as recorded: trimmed, NFC, 1–60 characters. */
function clusterName(cluster: string | undefined): string | undefined {
  if (cluster === undefined) return undefined;
  const parsed = Cluster.safeParse(cluster);
  if (!parsed.success)
    throw new DomainError('invalid_request', 'a cluster is named in 1 to 60 characters', [{ path: 'cluster', message: 'not a cluster name' }]);
  return parsed.data;
}

function requireMeeting(rec: ConsultationRecord): void {
  if (rec.consultation.method !== 'meeting') throw new DomainError('wrong_state', `this consultation is held by ${rec.consultation.method}, not at a meeting`);
  // api.md: the meeting is in session while the round is `voting` (opened at the meeting, closed when it ends).
  if (rec.state !== 'voting') throw new DomainError('not_open', `the meeting is in session while voting is open; this consultation is ${rec.state}`);
}

/** The meeting's status from the log as it is now. */
async function statusOf(deps: CoreDeps, rec: ConsultationRecord): Promise<MeetingStatus> {
  const events = await deps.store.getAudit(rec.consultation.id);
  return meetingFromAudit(events, rec.rollCount, deps.profile.meetingQuorum, rec.consultation.questions);
}

export async function meetingStatus(deps: CoreDeps, who: Principal | undefined, id: string): Promise<MeetingStatus> {
  const { rec } = await loadForMonitor(deps, who, id);
  if (rec.consultation.method !== 'meeting') throw new DomainError('wrong_state', `this consultation is held by ${rec.consultation.method}, not at a meeting`);
  return statusOf(deps, rec);
}

/**
 * The secretary records a household's arrival, in its residential cluster if the meeting is held in clusters; a
 * household already present is not recorded twice.
 */
export async function recordAttendance(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  household: string,
  named?: string,
): Promise<MeetingStatus & { recorded: boolean }> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const cluster = clusterName(named);
  if (cluster !== undefined && rec.rollCount < CLUSTER_MIN_HOUSEHOLDS) {
    throw new DomainError(
      'invalid_request',
      `Chỉ thôn, tổ dân phố có từ ${CLUSTER_MIN_HOUSEHOLDS} hộ gia đình trở lên mới họp theo cụm dân cư (Luật 10/2022, Điều 18 khoản 3); danh sách có ${rec.rollCount} hộ. ` +
        `Only a hamlet of ${CLUSTER_MIN_HOUSEHOLDS} households or more may meet in residential clusters (Law 10/2022 Art. 18(3)); the roll has ${rec.rollCount}.`,
      [{ path: 'cluster', message: `clusters need a roll of ${CLUSTER_MIN_HOUSEHOLDS} households or more` }],
    );
  }
  const roll = await deps.store.getRoll(id);
  if (!roll.some((h) => h.id === household))
    throw new DomainError('invalid_request', `household ${household} is not on the roll`, [{ path: 'household', message: 'not on the roll' }]);
  const before = await statusOf(deps, rec);
  if (before.attendance.some((a) => a.household === household)) return { ...before, recorded: false };
  if (before.attendance.length > 0 && (before.clusters !== undefined) !== (cluster !== undefined)) {
    throw new DomainError(
      'invalid_request',
      cluster === undefined
        ? 'the meeting is held in clusters: name the household’s cluster'
        : 'the meeting is not held in clusters: households are already present without one',
      [{ path: 'cluster', message: cluster === undefined ? 'name the cluster' : 'not a meeting in clusters' }],
    );
  }
  const data = { household, ...(cluster !== undefined ? { cluster } : {}) };
  await deps.store.appendAudit(id, { at: instant(deps.clock.now()), actor: actorOf(official), action: ACTIONS.attendance, data });
  return { ...(await statusOf(deps, rec)), recorded: true };
}

/** A procedural vote of the meeting, by show of hands, as counts of those present. */
export async function recordProceduralVote(deps: CoreDeps, who: Principal | undefined, id: string, vote: ProceduralVote): Promise<MeetingStatus> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const status = await statusOf(deps, rec);
  const total = vote.for + vote.against + vote.abstain;
  if (total > status.present) {
    throw new DomainError('invalid_request', `${total} votes but ${status.present} households present`, [
      { path: 'for', message: 'more votes than households present' },
    ]);
  }
  await deps.store.appendAudit(id, { at: instant(deps.clock.now()), actor: actorOf(official), action: 'procedural_vote_recorded', data: { ...vote } });
  return statusOf(deps, rec);
}

/**
 * How the meeting votes (Art. 18(4)(d)): by show of hands or by secret ballot, as the meeting decided; recorded once.
 * Checked against the log as read: of two choices sent at once, one is recorded and the other refused.
 */
export async function recordVotingMethod(deps: CoreDeps, who: Principal | undefined, id: string, voting: Voting): Promise<MeetingStatus> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const events = await deps.store.getAudit(id);
  const chosen = meetingLog(events).voting;
  if (chosen) throw new DomainError('wrong_state', `the meeting's voting method is already recorded: ${chosen}`);
  const now = instant(deps.clock.now());
  await deps.store.appendAudit(id, { at: now, actor: actorOf(official), action: ACTIONS.voting, data: { voting } }, { after: events.length });
  return statusOf(deps, rec);
}

/**
 * The show of hands as the counting committee counts it: per question, per answer (or option), the households; each
 * question's counts add up to at most the households present. Entered again, it replaces the earlier counts. At a
 * meeting in clusters, each cluster's count is entered on its own, at most the households present in that cluster,
 * and replaces only that cluster's earlier count; the hamlet's is their sum.
 */
export async function recordHandCount(deps: CoreDeps, who: Principal | undefined, id: string, counts: HandCount, named?: string): Promise<MeetingStatus> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const cluster = clusterName(named);
  const status = await statusOf(deps, rec);
  if (status.voting !== 'show_of_hands')
    throw new DomainError('wrong_state', status.voting ? 'the meeting votes by secret ballot: enter the slips' : 'record how the meeting votes first');
  if ((status.clusters !== undefined) !== (cluster !== undefined)) {
    throw new DomainError(
      'invalid_request',
      cluster === undefined ? 'the meeting is held in clusters: enter each cluster’s count' : 'the meeting is not held in clusters',
      [{ path: 'cluster', message: cluster === undefined ? 'name the cluster' : 'not a meeting in clusters' }],
    );
  }
  let present = status.present;
  if (cluster !== undefined) {
    const found = status.clusters?.find((c) => c.cluster === cluster);
    if (!found) throw new DomainError('invalid_request', `no household is present in cluster ${cluster}`, [{ path: 'cluster', message: 'no such cluster' }]);
    present = found.present;
  }
  const problems = handCountProblems(rec.consultation.questions, counts, present);
  if (problems.length > 0) {
    const where = cluster !== undefined ? 'those present in the cluster' : 'those present';
    throw new DomainError('invalid_request', `the hand count does not fit the questions or ${where}`, problems);
  }
  const now = instant(deps.clock.now());
  const data = { counts, ...(cluster !== undefined ? { cluster } : {}) };
  await deps.store.appendAudit(id, { at: now, actor: actorOf(official), action: ACTIONS.handCount, data });
  return statusOf(deps, rec);
}

/** Every question counted, only its own answers (or options), and no more hands than households present. */
export function handCountProblems(questions: Consultation['questions'], counts: HandCount, present: number): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(counts)) if (!known.has(id)) problems.push({ path: `counts.${id}`, message: 'no such question' });
  for (const q of questions) {
    const given = counts[q.id];
    if (!given) {
      problems.push({ path: `counts.${q.id}`, message: 'not counted' });
      continue;
    }
    // The answers a ballot may carry (shared/answers.ts): "abstain" is the other opinion of a yes/no question.
    const allowed = new Set(q.type === 'yes_no' ? ['yes', 'no', 'abstain'] : [...q.options.map((o) => o.id), ...(q.type === 'single' ? ['abstain'] : [])]);
    for (const a of Object.keys(given)) if (!allowed.has(a)) problems.push({ path: `counts.${q.id}.${a}`, message: 'not an answer of this question' });
    const total = Object.values(given).reduce((a, b) => a + b, 0);
    // An approval question: a household may raise its hand for several options, up to max; single and yes/no once.
    const most = q.type === 'approval' ? present * (q.max ?? q.options.length) : present;
    if (total > most) problems.push({ path: `counts.${q.id}`, message: `${total} hands but ${present} households present` });
  }
  return problems;
}
