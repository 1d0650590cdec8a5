/**
 * The ledger against the schedule: collected against due per household and in total, in the schedule's form (dong,
 * workdays, or dong of property value), what was collected in each form, money spent against money collected, and
 * who gave in full, partly or not yet.
 */
import type { ContributionForm } from '../schemas.ts';
import type { Collection, LedgerEvent } from './ledger.ts';
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
  /** The form the schedule counts in: its dues, `collected` and `outstanding` are in its unit. */
  form: ContributionForm;
  due: number;
  /** Every live collection in the schedule's form, including any for a roll id not on the schedule. */
  collected: number;
  /**
   * Every live collection by the form it was given in (dong, workdays, dong of property value). Only those in the
   * schedule's form count against a household's due: there is no rate between a workday and a dong in the terms.
   */
  collectedByForm: Record<ContributionForm, number>;
  /** What households still owe: the sum of max(0, due − collected), so one household's overpayment never hides another's debt. */
  outstanding: number;
  /** Money spent, in dong, whatever the form. */
  spent: number;
  /** Money collected minus money spent, in dong; negative when more was spent than collected. */
  balance: number;
  count: Record<PaymentStatus, number>;
  overpayments: Array<{ id: string; amount: number }>;
  /** Collections for roll ids that are not on the schedule. */
  unknown: Array<{ rollId: string; amount: number }>;
}

/** The form a collection was given in: none is money. */
export const collectionForm = (c: Pick<Collection, 'form'>): ContributionForm => c.form ?? 'money';

/** The entries that stand: every collection, spending and report not reversed by a correction. */
export function liveEntries(events: readonly LedgerEvent[]): LedgerEvent[] {
  const corrected = new Set(events.flatMap((e) => (e.entry.type === 'correction' ? [e.entry.ref] : [])));
  return events.filter((e) => e.entry.type !== 'correction' && !corrected.has(e.seq));
}

/**
 * Collected against due per household and in total, spent against collected, and who paid in full, partly or not
 * yet; overpayments are flagged, never netted against other households.
 */
export function ledgerTotals(schedule: Pick<Schedule, 'households' | 'form'>, events: readonly LedgerEvent[]): LedgerTotals {
  const form = schedule.form ?? 'money';
  const paid = new Map<string, number>();
  const collectedByForm: Record<ContributionForm, number> = { money: 0, labour: 0, property: 0 };
  let spent = 0;
  for (const { entry } of liveEntries(events)) {
    if (entry.type === 'collection') {
      const given = collectionForm(entry);
      collectedByForm[given] += entry.amount;
      if (given === form) paid.set(entry.rollId, (paid.get(entry.rollId) ?? 0) + entry.amount);
    } else if (entry.type === 'spending') spent += entry.amount;
  }
  const collected = collectedByForm[form];
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
    form,
    due: households.reduce((s, h) => s + h.due, 0),
    collected,
    collectedByForm,
    outstanding: households.reduce((s, h) => s + h.outstanding, 0),
    spent,
    balance: collectedByForm.money - spent,
    count,
    overpayments: households.filter((h) => h.status === 'overpaid').map((h) => ({ id: h.id, amount: h.collected - h.due })),
    unknown: [...paid]
      .filter(([id]) => !onSchedule.has(id))
      .map(([rollId, amount]) => ({ rollId, amount }))
      .sort((a, b) => (a.rollId < b.rollId ? -1 : 1)),
  };
}
