/**
 * TransactWriteItems with named items. DynamoDB reports why a transaction was cancelled as a list of reasons in
 * the order of its items; the store names each item (`gate`, `slot`, `ballot`) and reads the reasons by those
 * names, so that adding or reordering an item cannot silently change which failure means what.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CONGESTED_REASONS, isThrottled, THROTTLE_POLICY, type ThrottlePolicy, withThrottling } from './retry.ts';
import type { Table } from './table.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item of a transaction and the name its cancellation reason is reported under. */
export interface NamedItem<N extends string = string> {
  readonly name: N;
  readonly item: TransactItem;
}

/** The cancellation reason of each item of a cancelled transaction, by the item's name (`None` where it did not fail). */
export type Reasons<N extends string = string> = Readonly<Partial<Record<N, string>>>;

/** The reason of an item whose condition expression did not hold. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/** A cancelled transaction, with the reason of each item by name. */
export class TransactionCancelledError extends Error {
  constructor(
    readonly reasons: Reasons,
    options?: ErrorOptions,
  ) {
    super(`transaction cancelled: ${JSON.stringify(reasons)}`, options);
    this.name = 'TransactionCancelledError';
  }

  /** Whether the condition of one of the items named `names` failed. */
  conditionFailed(names: Iterable<string>): boolean {
    for (const name of names) if (this.reasons[name] === CONDITION_FAILED) return true;
    return false;
  }
}

const Cancellation = z.object({
  name: z.literal('TransactionCanceledException'),
  CancellationReasons: z.array(z.object({ Code: z.string().optional() })).nullish(),
});

/**
 * Writes `items` in one transaction; a cancellation is thrown as a TransactionCancelledError naming each item's
 * reason. A transaction throttled, or cancelled only because another one held an item (`TransactionConflict`), is
 * sent again with capped exponential backoff (retry.ts), and answered `unavailable` once that is spent: sending the
 * same items again is safe, as each item's condition still decides.
 */
export async function transact(table: Table, items: readonly NamedItem[], policy: ThrottlePolicy = THROTTLE_POLICY): Promise<void> {
  if (new Set(items.map((i) => i.name)).size !== items.length) throw new Error('two items of one transaction have the same name');
  try {
    await withThrottling(() => table.doc.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) })), congested, policy);
  } catch (err) {
    const cancelled = Cancellation.safeParse(err);
    if (!cancelled.success) throw err;
    throw new TransactionCancelledError(reasonsOf(items, cancelled.data), { cause: err });
  }
}

function reasonsOf(items: readonly NamedItem[], cancelled: z.infer<typeof Cancellation>): Reasons {
  const codes = (cancelled.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return Object.fromEntries(items.map((i, n) => [i.name, codes[n] ?? 'None']));
}

/** Throttled, or cancelled with no item refused: only "not now" reasons (a conflict, throttling), never a failed condition. */
function congested(err: unknown): boolean {
  if (isThrottled(err)) return true;
  const cancelled = Cancellation.safeParse(err);
  if (!cancelled.success) return false;
  const codes = (cancelled.data.CancellationReasons ?? []).map((r) => r.Code ?? 'None').filter((c) => c !== 'None');
  return codes.length > 0 && codes.every((c) => CONGESTED_REASONS.has(c));
}

/** Whether a single conditional write (PutItem, UpdateItem) failed its condition. */
export function isConditionFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && err.name === 'ConditionalCheckFailedException';
}
