/** How the store retries a write that lost a race: how often, and how long it waits in between. */

/** Tries of an act that keeps losing races before it gives up with `busy`. */
export const MAX_TRIES = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff with full jitter: contention clears fastest when the losers spread out. */
export const backoff = (attempt: number) => sleep(Math.random() * Math.min(50, 2 * 2 ** Math.min(attempt, 5)));
