/**
 * What a meeting's audit log says (domain.md "How a round is held", `meeting`): the households present, how the
 * meeting voted, and the show of hands as last entered. The log is the meeting's record: attendance, the voting
 * method and the hand counts are audit events and nothing else, so the use cases and both stores read them back
 * here, from one place.
 */
import { HandCount, type AuditEvent, Voting } from '../../shared/schemas.ts';

/** The audit actions of a round held at a meeting or by household ballot. */
export const ACTIONS = {
  attendance: 'attendance_recorded',
  voting: 'meeting_voting_chosen',
  handCount: 'hand_count_recorded',
  slipReturned: 'slip_returned',
  slipEntered: 'slip_entered',
} as const;

export interface MeetingLog {
  /** Households present, in order of arrival (a household recorded twice counts once). */
  present: Array<{ household: string; at: string }>;
  voting?: Voting;
  /** The last show of hands entered (each entry replaces the one before, until close). */
  handCount?: HandCount;
  /** Slips entered so far. */
  slips: number;
}

/**
 * Reads a meeting's record from its audit log, events in order.
 * @example meetingLog(events).present.length // households present
 */
export function meetingLog(events: ReadonlyArray<Pick<AuditEvent, 'action' | 'at' | 'data'>>): MeetingLog {
  const seen = new Set<string>();
  const log: MeetingLog = { present: [], slips: 0 };
  for (const e of events) {
    if (e.action === ACTIONS.attendance && typeof e.data.household === 'string' && !seen.has(e.data.household)) {
      seen.add(e.data.household);
      log.present.push({ household: e.data.household, at: e.at });
    } else if (e.action === ACTIONS.voting) {
      const v = Voting.safeParse(e.data.voting);
      // Recorded once (meeting.ts refuses a second choice); the first stands should two ever race in.
      if (v.success && !log.voting) log.voting = v.data;
    } else if (e.action === ACTIONS.handCount) {
      const counts = HandCount.safeParse(e.data.counts);
      if (counts.success) log.handCount = counts.data;
    } else if (e.action === ACTIONS.slipEntered) {
      log.slips += 1;
    }
  }
  return log;
}
