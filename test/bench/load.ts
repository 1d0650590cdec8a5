/**
 * A closed-loop load driver: `concurrency` workers each run one operation after another until a count or a
 * deadline is reached, and every operation's latency is taken with performance.now() (sub-millisecond).
 */
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  concurrency: number;
  /** Upper bound on operations started. */
  maxOps: number;
  /** No operation starts after this many milliseconds. */
  maxMs: number;
}

export interface LoadResult {
  concurrency: number;
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  firstError?: string;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Runs `op(seq)` (seq = 0, 1, 2 ... in start order) under the bounds of `options`. */
export async function runLoad(op: (seq: number) => Promise<void>, options: LoadOptions): Promise<LoadResult> {
  const latencies = new Float64Array(options.maxOps);
  let started = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const deadline = t0 + options.maxMs;

  const worker = async (): Promise<void> => {
    while (started < options.maxOps && performance.now() < deadline) {
      const seq = started++;
      const begin = performance.now();
      try {
        await op(seq);
        latencies[ok++] = performance.now() - begin;
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = latencies.subarray(0, ok).sort();
  return {
    concurrency: options.concurrency,
    ok,
    failed,
    seconds,
    perSecond: ok / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: ok ? sorted[ok - 1]! : Number.NaN,
    ...(firstError ? { firstError } : {}),
  };
}
