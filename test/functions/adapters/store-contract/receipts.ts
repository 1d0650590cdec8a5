/**
 * The contract's facts about finding ballots by the start of their receipt (the tracking code a resident keeps):
 * every match of the prefix in the consultation, whatever the ballot's status, and never more than two.
 */
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../../../shared/schemas.ts';
import { ballot, credential, openedVote, refusal, rollId, T, type StoreContext } from './fixtures.ts';

/** A ballot whose receipt begins with `start` (hex), the rest from `tag`. */
function ballotStartingWith(start: string, tag: string): Ballot {
  const b = ballot(tag);
  return { ...b, receipt: start + b.receipt.slice(start.length) };
}

function cast(ctx: StoreContext, id: string, n: number, b: Ballot) {
  return ctx.store.castBallot({ consultationId: id, household: rollId(n), credentialHash: credential(rollId(n)), channel: 'online', ballot: b, now: T.during });
}

export function receiptLookupFacts(ctx: StoreContext): void {
  describe('finding receipts by their start', () => {
    it('finds the one receipt a tracking code begins, and nothing for a prefix no receipt has', async () => {
      const id = await openedVote(ctx.store, 3);
      const mine = ballotStartingWith('e161510682', 'mine');
      await cast(ctx, id, 1, mine);
      await cast(ctx, id, 2, ballotStartingWith('e161510683', 'neighbour'));
      expect(await ctx.store.findReceipts(id, 'e161510682')).toEqual([mine.receipt]);
      expect(await ctx.store.findReceipts(id, mine.receipt)).toEqual([mine.receipt]);
      expect(await ctx.store.findReceipts(id, 'e161510684')).toEqual([]);
      expect(await ctx.store.findReceipts(id, '0000000000')).toEqual([]);
    });

    it('returns two receipts at most for a prefix that several share, so the caller can ask for more', async () => {
      const id = await openedVote(ctx.store, 4);
      await Promise.all([1, 2, 3].map((n) => cast(ctx, id, n, ballotStartingWith('abcdef0123', `shared${n}`))));
      const found = await ctx.store.findReceipts(id, 'abcdef0123');
      expect(found).toHaveLength(2);
      for (const r of found) expect(r.startsWith('abcdef0123')).toBe(true);
      expect(new Set(found).size).toBe(2);
    });

    it('finds a replaced ballot too (its status says it no longer counts), and only in its own consultation', async () => {
      const id = await openedVote(ctx.store, 2);
      const other = await openedVote(ctx.store, 2, 2);
      const first = ballotStartingWith('1234567890', 'first');
      await cast(ctx, id, 1, first);
      await cast(ctx, id, 1, ballotStartingWith('9876543210', 'second'));
      expect(await ctx.store.findReceipts(id, '1234567890')).toEqual([first.receipt]);
      expect(await ctx.store.receiptStatus(id, first.receipt)).toBe('replaced');
      expect(await ctx.store.findReceipts(other, '1234567890')).toEqual([]);
    });

    it('refuses a prefix too short to name a shard or not lowercase hex', async () => {
      const id = await openedVote(ctx.store, 1);
      expect(await refusal(ctx.store.findReceipts(id, 'a'))).toBe('invalid_request');
      expect(await refusal(ctx.store.findReceipts(id, 'E161510682'))).toBe('invalid_request');
    });
  });
}
