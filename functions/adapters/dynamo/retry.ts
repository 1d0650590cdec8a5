/**
 * How the store retries: a write that lost a race (how often, and how long it waits in between), and a request
 * DynamoDB throttled or could not serialise (capped exponential backoff with full jitter, then `unavailable`).
 */
import { DomainError } from '../../../shared/errors.ts';

/** Tries of an act that keeps losing races before it gives up with `busy`. */
export const MAX_TRIES = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff with full jitter: contention clears fastest when the losers spread out. */
export const backoff = (attempt: number) => sleep(Math.random() * Math.min(50, 2 * 2 ** Math.min(attempt, 5)));

/** How a throttled request is retried: tries in all, and the bounds of the exponential backoff between them. */
export interface ThrottlePolicy {
  readonly tries: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** Seconds the client is told to wait (`Retry-After`) once the tries are spent. */
  readonly retryAfterS: number;
}

/**
 * After the SDK's own retries: eight more tries over at most about 1.6 s, so that a short burst of throttling is
 * absorbed and a long one is answered quickly with 503 rather than holding the request.
 */
export const THROTTLE_POLICY: ThrottlePolicy = { tries: 8, baseMs: 10, capMs: 500, retryAfterS: 1 };

/** The delay before try `attempt + 1`: full jitter over an exponential bound, capped. */
export function throttleDelay(policy: ThrottlePolicy, attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
}

/** Errors of a request DynamoDB refused for load, not for what it asked: worth sending again later. */
const THROTTLED_ERRORS: ReadonlySet<string> = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** Cancellation reasons of a transaction item that say "not now" rather than "no". */
export const CONGESTED_REASONS: ReadonlySet<string> = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** Whether an SDK error is DynamoDB throttling the request. */
export function isThrottled(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string' && THROTTLED_ERRORS.has(err.name);
}

/** The store's answer once throttling outlasted the retries: 503 with `Retry-After`, nothing recorded. */
export function unavailable(policy: ThrottlePolicy = THROTTLE_POLICY, cause?: unknown): DomainError {
  const err = new DomainError('unavailable', `the database is overloaded; nothing was recorded, try again in ${policy.retryAfterS} s`);
  if (cause !== undefined) Object.defineProperty(err, 'cause', { value: cause });
  return err;
}

/**
 * Runs `send`, retrying while it fails with an error `retryable` accepts (throttling by default), with capped
 * exponential backoff and full jitter; throws `unavailable` when the tries are spent. Any other error is thrown as is.
 * @example const r = await withThrottling(() => table.doc.send(new GetCommand(input)));
 */
export async function withThrottling<T>(
  send: () => Promise<T>,
  retryable: (err: unknown) => boolean = isThrottled,
  policy: ThrottlePolicy = THROTTLE_POLICY,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!retryable(err)) throw err;
      if (attempt + 1 >= policy.tries) throw unavailable(policy, err);
      await sleep(throttleDelay(policy, attempt));
    }
  }
}
