/**
 * The contract's facts that the table's spreading of gates, ballots and slots over shards must keep: every shard
 * takes ballots while voting and refuses them once closed, and the turnout counts each household once.
 */
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../../../shared/schemas.ts';
import { audit, ballot, credential, openedVote, refusal, rollId, T, turnoutOf, type StoreContext } from './fixtures.ts';

/** More households than any store's shards: every shard of ballots and slots gets some. */
const HOUSEHOLDS = 66;

/** A ballot whose receipt starts with byte `first` (receipts are uniform hashes: this picks the ballot's shard). */
function ballotStartingWith(first: number, tag: string): Ballot {
  const b = ballot(tag);
  return { ...b, receipt: first.toString(16).padStart(2, '0') + b.receipt.slice(2) };
}

const castBy = (n: number, first: number, tag: string) => ({
  household: rollId(n),
  credentialHash: credential(rollId(n)),
  channel: 'online' as const,
  ballot: ballotStartingWith(first, tag),
});

export function shardFacts(ctx: StoreContext): void {
  describe('ballots over every shard', () => {
    it('a ballot on any shard counts while voting is open, each household once', async () => {
      const id = await openedVote(ctx.store, HOUSEHOLDS);
      const firsts = Array.from({ length: HOUSEHOLDS }, (_, i) => (i * 7) % 256);
      await Promise.all(firsts.map((first, i) => ctx.store.castBallot({ consultationId: id, now: T.during, ...castBy(i + 1, first, `s${i}`) })));
      // The first five vote again, on other shards: they still count once.
      await Promise.all(
        firsts.slice(0, 5).map((first, i) => ctx.store.castBallot({ consultationId: id, now: T.during, ...castBy(i + 1, 255 - first, `t${i}`) })),
      );
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: HOUSEHOLDS, paper: 0, meeting: 0 });
      expect((await ctx.store.readForTally(id)).ballots).toHaveLength(HOUSEHOLDS);
    });

    it('closing shuts every shard at once: no ballot on any of them is taken after', async () => {
      const id = await openedVote(ctx.store, 64);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      const refusals = await Promise.all(
        Array.from({ length: 64 }, (_, i) => refusal(ctx.store.castBallot({ consultationId: id, now: T.during, ...castBy(i + 1, i, `c${i}`) }))),
      );
      expect(new Set(refusals)).toEqual(new Set(['not_open']));
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 0, paper: 0, meeting: 0 });
    });
  });
}
