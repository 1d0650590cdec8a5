/**
 * When a long act must answer (epoch ms): on Lambda, the invocation's remaining time less a margin for the answer
 * and one more step of work; locally (no invocation context) there is no deadline, and the act runs to its end.
 */
import type { Context } from 'hono';

/** Room left for the last step of work (a chunk of an opening) and the answer. */
export const DEADLINE_MARGIN_MS = 8_000;

export function deadlineOf(c: Context): number | undefined {
  const env = c.env as { lambdaContext?: { getRemainingTimeInMillis?: () => number } } | undefined;
  const remaining = env?.lambdaContext?.getRemainingTimeInMillis?.();
  return typeof remaining === 'number' ? Date.now() + Math.max(1_000, remaining - DEADLINE_MARGIN_MS) : undefined;
}
