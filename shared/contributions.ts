/**
 * Contributions after adoption (domain.md "Contributions", law-research §6): which level the vote adopted, what
 * each household owes by roll id, and the hash-chained ledger of what was collected and spent against it.
 * Amounts are integer dong; frontage is integer decimetres; nothing here is rounded except in `roundDue`.
 */
import * as z from 'zod';
import { GENESIS } from './audit.ts';
import { fromUtf8, utf8 } from './bytes.ts';
import { DomainError, type ErrorDetail } from './errors.ts';
import { canonicalize, isCanonicalText } from './jcs.ts';
import { Actor, Basis, Category, Exemption, Hex64, Instant, RollId } from './schemas.ts';
import type { Consultation, Contribution, Household, Manifest } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

/** The largest amount an option may carry (schemas.ts `Option.amountPerUnit`); entries use the same bound. */
const MAX_DONG = 1_000_000_000_000;

// ---------------------------------------------------------------------------------------------------------------
// The adopted level

/** One contribution level on the ballot: the question (and option) that carries it, and its amount per unit. */
export const Level = z.strictObject({ questionId: z.string(), optionId: z.string().optional(), amountPerUnit: z.int().min(0) });
export type Level = z.infer<typeof Level>;

/**
 * The levels a contribution consultation puts to the vote, in ballot order, by the rule matters.ts holds drafts to:
 * a yes/no question adopts the amount of the terms (`contribution.amountPerUnit`), and each option of a
 * single-choice question is a level with its own `amountPerUnit`. Approval questions carry no level (they may
 * adopt several options; a household owes one amount).
 */
export function contributionLevels(c: Pick<Consultation, 'matter' | 'questions' | 'contribution'>): Level[] {
  const terms = c.contribution;
  if (c.matter !== 'contribution' || terms === undefined) return [];
  const levels: Level[] = [];
  for (const q of c.questions) {
    if (q.type === 'yes_no' && terms.amountPerUnit !== undefined) levels.push({ questionId: q.id, amountPerUnit: terms.amountPerUnit });
    if (q.type === 'single')
      for (const o of q.options) if (o.amountPerUnit !== undefined) levels.push({ questionId: q.id, optionId: o.id, amountPerUnit: o.amountPerUnit });
  }
  return levels;
}

/**
 * Whether the community refused the work itself: a yes/no question that carries no level (going ahead with the work,
 * voted beside the level, Law 10/2022 Art. 15(1)) was not adopted. A community that refused the work adopted no
 * contribution, whatever the level questions say.
 */
export function goingAheadRefused(c: Pick<Consultation, 'matter' | 'questions' | 'contribution'>, manifest: Pick<Manifest, 'tally'>): boolean {
  const levels = contributionLevels(c);
  return c.questions.some(
    (q) => q.type === 'yes_no' && !levels.some((l) => l.questionId === q.id) && manifest.tally.find((t) => t.questionId === q.id)?.outcome.status !== 'adopted',
  );
}

/**
 * The level the signed result adopted: the first level question in ballot order whose outcome is `adopted` (domain.md:
 * sequential yes/no questions, lowest level first, stop at the first adopted; or one single-choice question under
 * the 2/3 rule, whose adopted option is the level). Undefined when nothing was adopted, or when the going-ahead
 * question was not (goingAheadRefused).
 * @example adoptedLevel(consultation, manifest) // { questionId: 'q2', optionId: 'level-50k', amountPerUnit: 50000 }
 */
export function adoptedLevel(consultation: Consultation, manifest: Pick<Manifest, 'consultationId' | 'tally'>): Level | undefined {
  if (manifest.consultationId !== consultation.id)
    throw new DomainError('invalid_request', `the result is of consultation ${manifest.consultationId}, not ${consultation.id}`);
  const levels = contributionLevels(consultation);
  if (levels.length === 0 || goingAheadRefused(consultation, manifest)) return undefined;
  for (const q of consultation.questions) {
    const t = manifest.tally.find((x) => x.questionId === q.id);
    if (t?.outcome.status !== 'adopted') continue;
    const option = q.type === 'yes_no' ? undefined : t.outcome.options[0];
    const level = levels.find((l) => l.questionId === q.id && l.optionId === option);
    if (level) return level;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The schedule of dues

/**
 * THE rounding rule of a due amount, stated once. The exact due is amountPerUnit × units × (100 − exemptPercent) / 100
 * (frontage counted in decimetres / 10). It is rounded DOWN to whole dong after the reduction, then DOWN to a
 * multiple of `multiple` dong (a setting: 1, the default, adds nothing; 1,000 gives whole thousands). Rounding
 * down means a household never owes more than the adopted level says; the dong lost show up as a shortfall
 * against the residents' share, never as a higher due. `gross` (before exemptions) is rounded down to whole dong.
 */
export const ROUNDING = Object.freeze({ mode: 'down', multiple: 1 } as const);

/** floor(numerator / denominator), then down to a multiple of `multiple`: the one place a due is rounded. */
function roundDue(numerator: bigint, denominator: bigint, multiple: number): number {
  const whole = numerator / denominator; // BigInt division truncates, which is floor for non-negative values
  const m = BigInt(multiple);
  return Number(whole - (whole % m));
}

/**
 * A household's frontage in metres with at most one decimal ("12.5", "12,5" or 12.5), as integer decimetres (125),
 * so the schedule stays in integer arithmetic.
 */
export const FrontageMetres = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.');
  const m = /^(\d{1,5})(?:\.(\d))?$/.exec(text);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'frontage: metres with at most one decimal, e.g. 12.5' });
    return z.NEVER;
  }
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
});

/** What the schedule reads of a household: never its head's name. `frontageDecimetres` only for the frontage basis. */
export type ScheduleHousehold = Pick<Household, 'id' | 'category' | 'members'> & { frontageDecimetres?: number | undefined };

export const ScheduleRow = z.strictObject({
  id: RollId,
  category: Category,
  /** Units of the basis: 1 household, its members, or metres of frontage (one decimal at most). */
  units: z.number().min(0),
  basis: Basis,
  gross: z.int().min(0),
  exemptPercent: z.int().min(0).max(100),
  due: z.int().min(0),
});
export type ScheduleRow = z.infer<typeof ScheduleRow>;

/** `schedule.json`: the dues by roll id under the adopted level, with the terms it applied. */
export const Schedule = z.strictObject({
  format: z.literal('schedule/1'),
  consultationId: z.string(),
  level: Level,
  basis: Basis,
  exemptions: z.array(Exemption),
  rounding: z.strictObject({ mode: z.literal('down'), multiple: z.int().min(1) }),
  households: z.array(ScheduleRow),
  /** `exempt`: households that owe nothing by exemption (100 %); `reduced`: by a partial reduction. */
  totals: z.strictObject({ households: z.int(), exempt: z.int(), reduced: z.int(), gross: z.int(), due: z.int() }),
  /** The residents' total due against the residents' share of the terms; at most one of the two is above 0. */
  residentsShare: z.strictObject({ amount: z.int(), shortfall: z.int(), surplus: z.int() }),
});
export type Schedule = z.infer<typeof Schedule>;

export interface ScheduleInput {
  consultation: Pick<Consultation, 'id' | 'contribution'>;
  households: readonly ScheduleHousehold[];
  level: Level;
  /** Round each due down to a multiple of this many dong (ROUNDING.multiple by default). */
  roundTo?: number;
}

/** The units of a household under a basis, scaled so they stay integers: [units × scale, scale]. */
function scaledUnits(h: ScheduleHousehold, basis: Contribution['basis']): [number, number] | undefined {
  if (basis === 'per_household') return [1, 1];
  if (basis === 'per_person') return [h.members, 1];
  const dm = h.frontageDecimetres;
  return dm !== undefined && Number.isSafeInteger(dm) && dm >= 0 ? [dm, 10] : undefined;
}

/**
 * Each household's due under the adopted level, sorted by roll id, with totals and the cover of the residents' share.
 * Throws a DomainError naming every roll id that has no frontage under `per_frontage_metre`, or that is repeated.
 * @example dueSchedule({ consultation, households, level: adoptedLevel(consultation, manifest)! }).totals.due
 */
export function dueSchedule({ consultation, households, level, roundTo = ROUNDING.multiple }: ScheduleInput): Schedule {
  const terms = consultation.contribution;
  if (terms === undefined) throw new DomainError('invalid_request', 'the consultation has no contribution terms');
  if (!Number.isSafeInteger(roundTo) || roundTo < 1)
    throw new DomainError('invalid_request', `roundTo must be a whole number of dong, at least 1; got ${roundTo}`);
  const sorted = [...households].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const twice = sorted.filter((h, i) => i > 0 && sorted[i - 1]!.id === h.id).map((h) => h.id);
  const noFrontage = sorted.filter((h) => scaledUnits(h, terms.basis) === undefined).map((h) => h.id);
  if (twice.length > 0 || noFrontage.length > 0) {
    const details: ErrorDetail[] = [
      ...twice.map((id) => ({ path: `households.${id}`, message: `roll id ${id} appears twice` })),
      ...noFrontage.map((id) => ({ path: `households.${id}.frontage`, message: `household ${id} has no frontage in whole decimetres` })),
    ];
    const why = [
      twice.length > 0 ? `roll ids listed twice: ${twice.join(', ')}` : '',
      noFrontage.length > 0 ? `households without frontage: ${noFrontage.join(', ')}` : '',
    ];
    throw new DomainError('invalid_request', `the schedule cannot be made: ${why.filter(Boolean).join('; ')}`, details);
  }

  const percentOf = (category: Category) => terms.exemptions.find((e) => e.category === category)?.percent ?? 0;
  const rows = sorted.map((h): ScheduleRow => {
    const [units, scale] = scaledUnits(h, terms.basis)!;
    const exemptPercent = percentOf(h.category);
    const exact = BigInt(level.amountPerUnit) * BigInt(units);
    return {
      id: h.id,
      category: h.category,
      units: units / scale,
      basis: terms.basis,
      gross: roundDue(exact, BigInt(scale), 1),
      exemptPercent,
      due: roundDue(exact * BigInt(100 - exemptPercent), BigInt(scale * 100), roundTo),
    };
  });
  const sum = (pick: (r: ScheduleRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const totals = {
    households: rows.length,
    exempt: rows.filter((r) => r.exemptPercent === 100).length,
    reduced: rows.filter((r) => r.exemptPercent > 0 && r.exemptPercent < 100).length,
    gross: sum((r) => r.gross),
    due: sum((r) => r.due),
  };
  if (!Number.isSafeInteger(totals.gross)) throw new DomainError('invalid_request', 'the schedule total is too large for exact arithmetic');
  return {
    format: 'schedule/1',
    consultationId: consultation.id,
    level,
    basis: terms.basis,
    exemptions: terms.exemptions,
    rounding: { mode: ROUNDING.mode, multiple: roundTo },
    households: rows,
    totals,
    residentsShare: {
      amount: terms.residentsShare,
      shortfall: Math.max(0, terms.residentsShare - totals.due),
      surplus: Math.max(0, totals.due - terms.residentsShare),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The ledger

const Dong = z.int({ error: 'amount: a whole number of dong' }).min(1, 'amount: more than 0 dong').max(MAX_DONG, 'amount: at most 1,000,000,000,000 dong');

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
  }, 'date: not a day of the calendar');

const text = (name: string, max: number) => z.string().trim().min(1, `${name}: 1 to ${max} characters`).max(max, `${name}: 1 to ${max} characters`);

/** Money received from a household, against the receipt handed to it. */
export const Collection = z.strictObject({ type: z.literal('collection'), rollId: RollId, amount: Dong, date: Day, receiptNo: text('receiptNo', 40) });
/** Money spent on the work, with what for and, when there is one, the voucher or invoice it rests on. */
export const Spending = z.strictObject({
  type: z.literal('spending'),
  amount: Dong,
  date: Day,
  purpose: text('purpose', 500),
  document: text('document', 200).optional(),
});
/** Reverses entry `ref` (a collection or spending) entirely; the right values, if any, follow as a new entry. */
export const Correction = z.strictObject({
  type: z.literal('correction'),
  ref: z.int({ error: 'ref: the seq of an earlier entry' }).min(1, 'ref: the seq of an earlier entry'),
  reason: text('reason', 500),
});
/** What an official records; entries are never edited or deleted, a mistake is corrected by a new entry. */
export const LedgerEntry = z.discriminatedUnion('type', [Collection, Spending, Correction], { error: 'type: collection, spending or correction' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** One line of `ledger.jsonl`: chained exactly as the audit log is (bundle.md "The audit log"), kind `ledger/1`. */
export const LedgerEvent = z.strictObject({
  kind: z.literal('ledger/1'),
  seq: z.int().min(1),
  at: Instant,
  actor: Actor,
  entry: LedgerEntry,
  prev: Hex64,
  hash: Hex64,
});
export type LedgerEvent = z.infer<typeof LedgerEvent>;

/**
 * H(JCS(the event without `hash`)), as audit.ts's `hashOfEvent` computes it. That function is typed to audit events;
 * its bytes do not depend on the kind, so a generic signature there could serve both without changing a hash.
 */
export function hashOfLedgerEvent(event: { readonly [member: string]: unknown }, hash: Hash = sha256): string {
  const { hash: _ignored, ...body } = event;
  return sha256Hex(utf8(canonicalize(body)), hash);
}

/** What the next entry is checked against: each entry by seq, the corrected seqs, the live receipt numbers. */
interface LedgerState {
  entries: Map<number, LedgerEntry>;
  corrected: Set<number>;
  receipts: Map<string, number>;
}

/** Adds one entry to the state, in one step, so that checking a whole ledger stays linear. */
function record(state: LedgerState, seq: number, entry: LedgerEntry): void {
  state.entries.set(seq, entry);
  if (entry.type === 'collection') state.receipts.set(entry.receiptNo, seq);
  if (entry.type === 'correction') {
    state.corrected.add(entry.ref);
    const target = state.entries.get(entry.ref);
    if (target?.type === 'collection' && state.receipts.get(target.receiptNo) === entry.ref) state.receipts.delete(target.receiptNo);
  }
}

/** Why `entry` may not come next, or undefined: a correction names an earlier entry not yet corrected, a receipt is used once. */
function entryProblem(state: LedgerState, entry: LedgerEntry): string | undefined {
  if (entry.type === 'correction') {
    const target = state.entries.get(entry.ref);
    if (target === undefined) return `correction: there is no earlier entry ${entry.ref}`;
    if (target.type === 'correction') return `correction: entry ${entry.ref} is itself a correction; record the entry again instead`;
    if (state.corrected.has(entry.ref)) return `correction: entry ${entry.ref} is already corrected`;
  }
  if (entry.type === 'collection') {
    const twin = state.receipts.get(entry.receiptNo);
    if (twin !== undefined) return `collection: receipt ${entry.receiptNo} is already recorded as entry ${twin}`;
  }
  return undefined;
}

function stateOf(events: readonly LedgerEvent[]): LedgerState {
  const state: LedgerState = { entries: new Map(), corrected: new Set(), receipts: new Map() };
  for (const e of events) record(state, e.seq, e.entry);
  return state;
}

/**
 * The next event of the ledger after `events` (the whole ledger so far, in order). Throws a DomainError when the
 * entry may not follow them (see entryProblem).
 * @example appendEntry([], { at, actor, entry: { type: 'collection', rollId: 'DG-001', amount: 50000, date: '2027-01-05', receiptNo: '0001' } }) // seq 1
 */
export function appendEntry(events: readonly LedgerEvent[], next: { at: string; actor: Actor; entry: LedgerEntry }, hash: Hash = sha256): LedgerEvent {
  const problem = entryProblem(stateOf(events), next.entry);
  if (problem !== undefined) throw new DomainError('invalid_request', problem);
  const last = events[events.length - 1];
  const body = { kind: 'ledger/1' as const, seq: last ? last.seq + 1 : 1, at: next.at, actor: next.actor, entry: next.entry, prev: last ? last.hash : GENESIS };
  return { ...body, hash: hashOfLedgerEvent(body, hash) };
}

/** The `ledger.jsonl` bytes: the canonical JSON of each event, each followed by `\n` (as audit.jsonl). */
export function toLedgerJsonl(events: readonly LedgerEvent[]): Uint8Array<ArrayBuffer> {
  return utf8(events.map((e) => `${canonicalize(e)}\n`).join(''));
}

/**
 * Checks `ledger.jsonl` and collects every problem, one sentence each, rather than stopping at the first: lines that
 * are not canonical JSON ledger events, and breaks of the chain (kind, seq, prev, hash, recomputed from each line's
 * own bytes), then corrections and receipt numbers that make no sense. `events` holds the lines that parsed.
 */
export function verifyLedger(jsonl: string | Uint8Array, hash: Hash = sha256): { events: LedgerEvent[]; problems: string[] } {
  const source = typeof jsonl === 'string' ? jsonl : fromUtf8(jsonl);
  const problems: string[] = [];
  const events: LedgerEvent[] = [];
  const state = stateOf([]);
  if (source.length > 0 && !source.endsWith('\n')) problems.push('the last line does not end with a newline');
  const lines = source.length === 0 ? [] : source.replace(/\n$/, '').split('\n');
  let prevHash = GENESIS;
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(`${where}: not JSON`);
      return;
    }
    const parsed = LedgerEvent.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      if (typeof raw === 'object' && raw !== null && typeof (raw as { hash?: unknown }).hash === 'string') prevHash = (raw as { hash: string }).hash;
      return;
    }
    const event = parsed.data;
    if (event.seq !== i + 1) problems.push(`${where}: seq is ${event.seq}`);
    if (event.prev !== prevHash) problems.push(`${where}: prev does not name the hash of the line before`);
    try {
      if (!isCanonicalText(raw, line)) problems.push(`${where}: not in canonical form (RFC 8785)`);
      // The hash of what the line says, not of the parsed value: parsing must never repair a tampered line.
      if (hashOfLedgerEvent(raw as Record<string, unknown>, hash) !== event.hash) problems.push(`${where}: hash does not recompute`);
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
    const problem = entryProblem(state, event.entry);
    if (problem !== undefined) problems.push(`${where}: ${problem}`);
    record(state, event.seq, event.entry);
    prevHash = event.hash;
    events.push(event);
  });
  return { events, problems };
}

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

// ---------------------------------------------------------------------------------------------------------------
// schedule.csv

/** The fixed header of `schedule.csv`. */
export const SCHEDULE_CSV_HEADER = ['roll id', 'category', 'basis', 'units', 'gross', 'exempt_percent', 'due', 'collected', 'outstanding'] as const;

/**
 * `schedule.csv`: the header, then one row per household by roll id, written as web/open-data.ts writes its files
 * (UTF-8 with a byte order mark, for Excel, and CRLF line ends, RFC 4180). No field needs quoting or can start a
 * formula: roll ids start with a letter or digit and hold no comma (schemas.ts), the rest are enums and numbers.
 */
export function scheduleCsv(schedule: Pick<Schedule, 'households'>, events: readonly LedgerEvent[] = []): Uint8Array<ArrayBuffer> {
  const payments = ledgerTotals(schedule, events).households;
  let out = `\uFEFF${SCHEDULE_CSV_HEADER.join(',')}\r\n`;
  schedule.households.forEach((r, i) => {
    const p = payments[i]!;
    out += `${[r.id, r.category, r.basis, r.units, r.gross, r.exemptPercent, r.due, p.collected, p.outstanding].join(',')}\r\n`;
  });
  return utf8(out);
}
