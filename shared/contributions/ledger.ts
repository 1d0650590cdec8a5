/**
 * The ledger of a contribution (`ledger.jsonl`): the collections (money, workdays given, property received), spending,
 * the village head's reports on carrying out the decision (Law 10/2022 Art. 23(2)) and corrections an official
 * records, hash-chained exactly as the audit log is, never edited or deleted; appending an entry and checking the file.
 */
import * as z from 'zod';
import { GENESIS } from '../audit.ts';
import { fromUtf8, utf8 } from '../bytes.ts';
import { DomainError } from '../errors.ts';
import { canonicalize, isCanonicalText } from '../jcs.ts';
import { Actor, Document, Hex64, Instant, RollId } from '../schemas.ts';
import { sha256, sha256Hex, type Hash } from '../sha256.ts';

/** The largest amount an option may carry (schemas.ts `Option.amountPerUnit`); entries use the same bound. */
const MAX_DONG = 1_000_000_000_000;

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

/** The most workdays one collection may record: a bound against dong typed as workdays. */
const MAX_WORKDAYS = 10_000;

/**
 * What a household gave, against the receipt handed to it: money (no `form`, as every collection before forms
 * existed) in dong, labour in whole workdays, or property with its description and its value in dong.
 */
export const Collection = z
  .strictObject({
    type: z.literal('collection'),
    rollId: RollId,
    form: z.enum(['labour', 'property'], { error: 'form: labour or property (none for money)' }).optional(),
    amount: Dong,
    description: text('description', 500).optional(),
    date: Day,
    receiptNo: text('receiptNo', 40),
  })
  .superRefine((c, ctx) => {
    if (c.form === 'labour' && c.amount > MAX_WORKDAYS) ctx.addIssue({ code: 'custom', path: ['amount'], message: `amount: at most ${MAX_WORKDAYS} workdays` });
    if (c.form === 'property' && c.description === undefined)
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'description: what property was received' });
    if (c.form !== 'property' && c.description !== undefined)
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'description: only for property received' });
  });
export type Collection = z.infer<typeof Collection>;
/** Money spent on the work, with what for and, when there is one, the voucher or invoice it rests on. */
export const Spending = z.strictObject({
  type: z.literal('spending'),
  amount: Dong,
  date: Day,
  purpose: text('purpose', 500),
  document: text('document', 200).optional(),
});
/**
 * The village head's report to the residents on carrying out the decision (Law 10/2022 Art. 23(2)): its date, its
 * text and, when there is one, the file it was signed on, published at `c/<id>/<document.file>` like the disclosure's.
 */
export const Report = z.strictObject({ type: z.literal('report'), date: Day, text: text('text', 10_000), document: Document.optional() });
export type Report = z.infer<typeof Report>;
/** Reverses entry `ref` (a collection, spending or report) entirely; the right values, if any, follow as a new entry. */
export const Correction = z.strictObject({
  type: z.literal('correction'),
  ref: z.int({ error: 'ref: the seq of an earlier entry' }).min(1, 'ref: the seq of an earlier entry'),
  reason: text('reason', 500),
});
/** What an official records; entries are never edited or deleted, a mistake is corrected by a new entry. */
export const LedgerEntry = z.discriminatedUnion('type', [Collection, Spending, Report, Correction], {
  error: 'type: collection, spending, report or correction',
});
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
