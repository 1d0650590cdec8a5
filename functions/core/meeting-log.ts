/**
 * What a meeting's audit log says (domain.md "How a round is held", `meeting`): the households present, how the
 * meeting voted, and the show of hands as last entered. The log is the meeting's record: attendance, the voting
 * method and the hand counts are audit events and nothing else, so the use cases and both stores read them back
 * here, from one place.
 *
 * A hamlet of 200 households or more may meet in residential clusters (Law 10/2022 Art. 18(3)): each arrival then
 * names its cluster, each cluster's show of hands is kept on its own (the last entry per cluster), and the hamlet's
 * hand count, the one published, is their sum.
 */
import * as z from 'zod';
import { type AuditEvent, HandCount, Voting } from '../../shared/schemas.ts';

/** A residential cluster's short name ("Cụm 1"), as the meeting's plan names it (D59 Art. 3(6)). */
export const Cluster = z.string().trim().normalize('NFC').min(1).max(60);

/** The audit actions of a round held at a meeting or by household ballot. */
export const ACTIONS = {
  attendance: 'attendance_recorded',
  voting: 'meeting_voting_chosen',
  handCount: 'hand_count_recorded',
  slipReturned: 'slip_returned',
  slipEntered: 'slip_entered',
} as const;

export interface MeetingLog {
  /** Households present, in order of arrival (a household recorded twice counts once), with its cluster if any. */
  present: Array<{ household: string; at: string; cluster?: string }>;
  voting?: Voting;
  /**
   * The hamlet's show of hands: the last one entered (each entry replaces the one before, until close) or, at a
   * meeting in clusters, the sum of each cluster's last one.
   */
  handCount?: HandCount;
  /** A meeting in clusters: each cluster in order of its first arrival, its households present and its last count. */
  clusters?: Array<{ cluster: string; present: number; handCount?: HandCount }>;
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
  const clusters = new Map<string, { cluster: string; present: number; handCount?: HandCount }>();
  const clusterOf = (name: string) => {
    const known = clusters.get(name) ?? { cluster: name, present: 0 };
    clusters.set(name, known);
    return known;
  };
  let whole: HandCount | undefined;
  for (const e of events) {
    if (e.action === ACTIONS.attendance && typeof e.data.household === 'string' && !seen.has(e.data.household)) {
      seen.add(e.data.household);
      const cluster = e.data.cluster === undefined ? undefined : Cluster.safeParse(e.data.cluster).data;
      log.present.push({ household: e.data.household, at: e.at, ...(cluster !== undefined ? { cluster } : {}) });
      if (cluster !== undefined) clusterOf(cluster).present += 1;
    } else if (e.action === ACTIONS.voting) {
      const v = Voting.safeParse(e.data.voting);
      // Recorded once (meeting.ts refuses a second choice); the first stands should two ever race in.
      if (v.success && !log.voting) log.voting = v.data;
    } else if (e.action === ACTIONS.handCount) {
      const counts = HandCount.safeParse(e.data.counts);
      if (!counts.success) continue;
      if (e.data.cluster === undefined) whole = counts.data;
      else {
        const cluster = Cluster.safeParse(e.data.cluster);
        if (cluster.success) clusterOf(cluster.data).handCount = counts.data;
      }
    } else if (e.action === ACTIONS.slipEntered) {
      log.slips += 1;
    }
  }
  if (clusters.size > 0) log.clusters = [...clusters.values()];
  // meeting.ts takes a cluster's count only at a meeting in clusters, and a hamlet-wide one only at one without.
  const counted = log.clusters?.flatMap((c) => (c.handCount ? [c.handCount] : []));
  const handCount = counted && counted.length > 0 ? sumHandCounts(counted) : whole;
  if (handCount) log.handCount = handCount;
  return log;
}

/**
 * The clusters' shows of hands added up, question by question and answer by answer (Art. 18(3): each cluster
 * reports its result, summed into the hamlet's).
 * @example sumHandCounts([{ q1: { yes: 3 } }, { q1: { yes: 2, no: 1 } }]) // { q1: { yes: 5, no: 1 } }
 */
export function sumHandCounts(counts: readonly HandCount[]): HandCount {
  const sum: Record<string, Record<string, number>> = {};
  for (const count of counts) {
    for (const [question, answers] of Object.entries(count)) {
      const into = sum[question] ?? {};
      for (const [answer, n] of Object.entries(answers)) into[answer] = (into[answer] ?? 0) + n;
      sum[question] = into;
    }
  }
  return sum;
}
