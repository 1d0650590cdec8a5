/**
 * The wrong-code limiter in memory, with the DynamoDB store's window: it starts at a key's first failure and runs
 * `windowMs`; a failure after it starts a new one.
 */
import type { AttemptLimiter } from '../../../functions/core/store.ts';

interface Window {
  n: number;
  windowStart: number;
}

export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs = 15 * 60_000) {}

  async failures(key: string, now: Date): Promise<number> {
    const w = this.windows.get(key);
    if (!w || w.windowStart + this.windowMs < now.getTime()) return 0;
    return w.n;
  }

  async recordFailure(key: string, now: Date): Promise<number> {
    const t = now.getTime();
    const w = this.windows.get(key);
    // As on DynamoDB: `failures` still counts a window at its last instant, a new failure there starts the next one.
    if (w && w.windowStart > t - this.windowMs) {
      w.n += 1;
      return w.n;
    }
    this.windows.set(key, { n: 1, windowStart: t });
    return 1;
  }
}
