/**
 * The ledger against the schedule: collected against due per household and in total, spent against collected, and
 * who paid in full, partly or not yet. Amounts are integer dong.
 */
import type { LedgerEvent } from './ledger.ts';
import type { Schedule } from './schedule.ts';

/** Where a household stands: `nothing_due` when it owes and paid nothing, `overpaid` when it paid more than its due. */
export type PaymentStatus = 'not_yet' | 'partly' | 'paid' | 'overpaid' | 'nothing_due';

export interface HouseholdPayment {
  id: string;
  due: number;
  collected: number;
  outstanding: number;
  status: PaymentStatus;
}

export interface LedgerTotals {
  /** Per household of the schedule, in its order (by roll id). */
  households: HouseholdPayment[];
  due: number;
  /** Every live collection, including any for a roll id not on the schedule. */
  collected: number;
  /** What households still owe: the sum of max(0, due − collected), so one household's overpayment never hides another's debt. */
  outstanding: number;
  spent: number;
  /** Collected minus spent; negative when more was spent than collected. */
  balance: number;
  count: Record<PaymentStatus, number>;
  overpayments: Array<{ id: string; amount: number }>;
  /** Collections for roll ids that are not on the schedule. */
  unknown: Array<{ rollId: string; amount: number }>;
}

/** The entries that stand: every collection and spending not reversed by a correction. */
export function liveEntries(events: readonly LedgerEvent[]): LedgerEvent[] {
  const corrected = new Set(events.flatMap((e) => (e.entry.type === 'correction' ? [e.entry.ref] : [])));
  return events.filter((e) => e.entry.type !== 'correction' && !corrected.has(e.seq));
}

/**
 * Collected against due per household and in total, spent against collected, and who paid in full, partly or not
 * yet; overpayments are flagged, never netted against other households.
 */
export function ledgerTotals(schedule: Pick<Schedule, 'households'>, events: readonly LedgerEvent[]): LedgerTotals {
  const paid = new Map<string, number>();
  let collected = 0;
  let spent = 0;
  for (const { entry } of liveEntries(events)) {
    if (entry.type === 'collection') {
      paid.set(entry.rollId, (paid.get(entry.rollId) ?? 0) + entry.amount);
      collected += entry.amount;
    } else if (entry.type === 'spending') spent += entry.amount;
  }
  const count: Record<PaymentStatus, number> = { not_yet: 0, partly: 0, paid: 0, overpaid: 0, nothing_due: 0 };
  const households = schedule.households.map(({ id, due }): HouseholdPayment => {
    const got = paid.get(id) ?? 0;
    const status: PaymentStatus = got > due ? 'overpaid' : got === due ? (due === 0 ? 'nothing_due' : 'paid') : got === 0 ? 'not_yet' : 'partly';
    count[status]++;
    return { id, due, collected: got, outstanding: Math.max(0, due - got), status };
  });
  const onSchedule = new Set(schedule.households.map((h) => h.id));
  return {
    households,
    due: households.reduce((s, h) => s + h.due, 0),
    collected,
    outstanding: households.reduce((s, h) => s + h.outstanding, 0),
    spent,
    balance: collected - spent,
    count,
    overpayments: households.filter((h) => h.status === 'overpaid').map((h) => ({ id: h.id, amount: h.collected - h.due })),
    unknown: [...paid]
      .filter(([id]) => !onSchedule.has(id))
      .map(([rollId, amount]) => ({ rollId, amount }))
      .sort((a, b) => (a.rollId < b.rollId ? -1 : 1)),
  };
}
