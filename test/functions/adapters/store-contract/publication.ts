/** The contract's facts about what makes a round signed once: the closer's lease, the kept signature, the sealed slip key. */
import { describe, expect, it } from 'vitest';
import { openedVote, type StoreContext } from './fixtures.ts';

const NOW = '2026-12-02T00:00:00Z';
const SOON = '2026-12-02T00:15:00Z';
const LATER = '2026-12-02T00:20:00Z';

export function publicationFacts(ctx: StoreContext): void {
  describe('the publishing lease and the kept signature', () => {
    it('one closer holds the lease at a time; its holder may take it again; another only after it runs out or is given back', async () => {
      const id = await openedVote(ctx.store);
      expect(await ctx.store.takePublishLease(id, 'a', NOW, SOON)).toBe(true);
      expect(await ctx.store.takePublishLease(id, 'b', NOW, SOON)).toBe(false);
      expect(await ctx.store.takePublishLease(id, 'a', NOW, SOON)).toBe(true);
      // Run out: a dead closer's lease is taken over; the dead one's release then leaves the new holder's alone.
      expect(await ctx.store.takePublishLease(id, 'b', LATER, '2026-12-02T00:35:00Z')).toBe(true);
      await ctx.store.releasePublishLease(id, 'a');
      expect(await ctx.store.takePublishLease(id, 'c', LATER, '2026-12-02T00:35:00Z')).toBe(false);
      await ctx.store.releasePublishLease(id, 'b');
      expect(await ctx.store.takePublishLease(id, 'c', LATER, '2026-12-02T00:35:00Z')).toBe(true);
    });

    it('two closers racing for the lease: exactly one gets it', async () => {
      const id = await openedVote(ctx.store);
      const got = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => ctx.store.takePublishLease(id, owner, NOW, SOON)));
      expect(got.filter(Boolean)).toHaveLength(1);
    });

    it('the first signature kept is the one every later call gets back', async () => {
      const id = await openedVote(ctx.store);
      expect(await ctx.store.getSignature(id)).toBeUndefined();
      const first = { manifestHash: 'a'.repeat(64), jws: 'h.p.s1' };
      expect(await ctx.store.keepSignature(id, first)).toEqual(first);
      expect(await ctx.store.keepSignature(id, { manifestHash: 'a'.repeat(64), jws: 'h.p.s2' })).toEqual(first);
      expect(await ctx.store.getSignature(id)).toEqual(first);
    });

    it('simultaneous keeps leave one signature, returned to each', async () => {
      const id = await openedVote(ctx.store);
      const kept = await Promise.all([1, 2, 3, 4].map((n) => ctx.store.keepSignature(id, { manifestHash: 'b'.repeat(64), jws: `h.p.s${n}` })));
      expect(new Set(kept.map((k) => k.jws)).size).toBe(1);
      expect(await ctx.store.getSignature(id)).toEqual(kept[0]);
    });
  });

  describe('the sealed slip key', () => {
    it('is kept until its time or until dropped, and a new one replaces the old', async () => {
      const id = await openedVote(ctx.store);
      expect(await ctx.store.getSlipKey(id, NOW)).toBeUndefined();
      await ctx.store.keepSlipKey(id, 'sealed-1', SOON);
      expect(await ctx.store.getSlipKey(id, NOW)).toBe('sealed-1');
      expect(await ctx.store.getSlipKey(id, LATER)).toBeUndefined();
      await ctx.store.keepSlipKey(id, 'sealed-2', LATER);
      expect(await ctx.store.getSlipKey(id, NOW)).toBe('sealed-2');
      await ctx.store.dropSlipKey(id);
      expect(await ctx.store.getSlipKey(id, NOW)).toBeUndefined();
      await ctx.store.dropSlipKey(id);
    });
  });
}
