/** The contract's facts about the wrong-code limiter's window. */
import { describe, expect, it } from 'vitest';
import { type StoreContext, WINDOW_MS } from './fixtures.ts';

const t0 = Date.parse('2026-03-03T10:00:00Z');
const at = (ms: number) => new Date(t0 + ms);

export function limiterFacts(ctx: StoreContext): void {
  describe('the attempt limiter', () => {
    it('a key without failures has none', async () => {
      expect(await ctx.limiter.failures('client-a', at(0))).toBe(0);
    });

    it('failures in one window are counted one by one, each key apart', async () => {
      expect(await ctx.limiter.recordFailure('client-a', at(0))).toBe(1);
      expect(await ctx.limiter.recordFailure('client-a', at(1_000))).toBe(2);
      expect(await ctx.limiter.recordFailure('client-b', at(2_000))).toBe(1);
      expect(await ctx.limiter.recordFailure('client-a', at(3_000))).toBe(3);
      expect(await ctx.limiter.failures('client-a', at(4_000))).toBe(3);
      expect(await ctx.limiter.failures('client-b', at(4_000))).toBe(1);
    });

    it('the window runs from its first failure: later failures do not stretch it', async () => {
      await ctx.limiter.recordFailure('client-a', at(0));
      await ctx.limiter.recordFailure('client-a', at(WINDOW_MS - 1_000));
      expect(await ctx.limiter.failures('client-a', at(WINDOW_MS + 1))).toBe(0);
      expect(await ctx.limiter.recordFailure('client-a', at(WINDOW_MS + 1))).toBe(1);
      expect(await ctx.limiter.failures('client-a', at(WINDOW_MS + 2))).toBe(1);
    });

    it("at the window's last instant failures still count, but a new failure there starts the next window", async () => {
      await ctx.limiter.recordFailure('client-a', at(0));
      await ctx.limiter.recordFailure('client-a', at(10));
      expect(await ctx.limiter.failures('client-a', at(WINDOW_MS))).toBe(2);
      expect(await ctx.limiter.recordFailure('client-a', at(WINDOW_MS))).toBe(1);
      expect(await ctx.limiter.failures('client-a', at(2 * WINDOW_MS))).toBe(1);
      expect(await ctx.limiter.failures('client-a', at(2 * WINDOW_MS + 1))).toBe(0);
    });

    it('concurrent failures are each counted once', async () => {
      const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => ctx.limiter.recordFailure('client-a', at(i))));
      expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await ctx.limiter.failures('client-a', at(100))).toBe(10);
    });
  });
}
