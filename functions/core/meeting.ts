/**
 * A community meeting (method `meeting`, domain.md "How a round is held"): the secretary records each household's
 * arrival by roll id, the quorum shows live (more than 1/2 of H by the commune's profile, Law 10/2022 Art. 18),
 * and the procedural votes of the meeting (the secretary, the vote-counting committee, the voting method) are
 * recorded as counts of those present. The secret ballots themselves are paper entries of channel `meeting`
 * (voting.ts).
 *
 * Every one of these is an official's act and so an audit event, and nothing else: the meeting's record is the
 * audit log, published with the result, and the attendance and quorum are read back from it. Two secretaries
 * entering the same household at once make two events; the first arrival counts.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { threshold } from '../../shared/rules.ts';
import { RollId, type AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

export const AttendanceBody = z.strictObject({ household: RollId });

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
  /** Arrivals in order: roll id and time. */
  attendance: Array<{ household: string; at: string }>;
  procedural: Array<ProceduralVote & { at: string; adopted: boolean }>;
}

/** The meeting as the audit log records it. */
export function meetingFromAudit(events: readonly AuditEvent[], eligible: number, quorum: CoreDeps['profile']['meetingQuorum']): MeetingStatus {
  const seen = new Set<string>();
  const attendance: MeetingStatus['attendance'] = [];
  const procedural: MeetingStatus['procedural'] = [];
  for (const e of events) {
    if (e.action === 'attendance_recorded' && typeof e.data.household === 'string' && !seen.has(e.data.household)) {
      seen.add(e.data.household);
      attendance.push({ household: e.data.household, at: e.at });
    }
    if (e.action === 'procedural_vote_recorded') {
      const v = ProceduralVoteBody.safeParse(e.data);
      // A procedural vote passes with more than half of those voting on it (Decree 59/2023 Art. 3: by a show of hands).
      if (v.success) procedural.push({ ...v.data, at: e.at, adopted: v.data.for * 2 > v.data.for + v.data.against + v.data.abstain });
    }
  }
  const required = threshold({ base: 'eligible', op: quorum.op, fraction: quorum.fraction }, eligible, 0);
  return { eligible, present: attendance.length, quorum: { required, met: attendance.length >= required }, attendance, procedural };
}

function requireMeeting(rec: ConsultationRecord): void {
  if (rec.consultation.method !== 'meeting') throw new DomainError('wrong_state', `this consultation is held by ${rec.consultation.method}, not at a meeting`);
  if (rec.state !== 'disclosure' && rec.state !== 'voting')
    throw new DomainError('wrong_state', `the meeting is held while the consultation is disclosed or voting; it is ${rec.state}`);
}

export async function meetingStatus(deps: CoreDeps, who: Principal | undefined, id: string): Promise<MeetingStatus> {
  const { rec } = await loadForMonitor(deps, who, id);
  if (rec.consultation.method !== 'meeting') throw new DomainError('wrong_state', `this consultation is held by ${rec.consultation.method}, not at a meeting`);
  return meetingFromAudit(await deps.store.getAudit(id), rec.rollCount, deps.profile.meetingQuorum);
}

/** The secretary records a household's arrival; a household already present is not recorded twice. */
export async function recordAttendance(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  household: string,
): Promise<MeetingStatus & { recorded: boolean }> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const roll = await deps.store.getRoll(id);
  if (!roll.some((h) => h.id === household))
    throw new DomainError('invalid_request', `household ${household} is not on the roll`, [{ path: 'household', message: 'not on the roll' }]);
  const before = meetingFromAudit(await deps.store.getAudit(id), roll.length, deps.profile.meetingQuorum);
  if (before.attendance.some((a) => a.household === household)) return { ...before, recorded: false };
  await deps.store.appendAudit(id, { at: instant(deps.clock.now()), actor: actorOf(official), action: 'attendance_recorded', data: { household } });
  return { ...meetingFromAudit(await deps.store.getAudit(id), roll.length, deps.profile.meetingQuorum), recorded: true };
}

/** A procedural vote of the meeting, by show of hands, as counts of those present. */
export async function recordProceduralVote(deps: CoreDeps, who: Principal | undefined, id: string, vote: ProceduralVote): Promise<MeetingStatus> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMeeting(rec);
  const status = meetingFromAudit(await deps.store.getAudit(id), rec.rollCount, deps.profile.meetingQuorum);
  const total = vote.for + vote.against + vote.abstain;
  if (total > status.present) {
    throw new DomainError('invalid_request', `${total} votes but ${status.present} households present`, [
      { path: 'for', message: 'more votes than households present' },
    ]);
  }
  await deps.store.appendAudit(id, { at: instant(deps.clock.now()), actor: actorOf(official), action: 'procedural_vote_recorded', data: { ...vote } });
  return meetingFromAudit(await deps.store.getAudit(id), rec.rollCount, deps.profile.meetingQuorum);
}
