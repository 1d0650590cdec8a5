/** The contract's facts about withdrawing a paper or meeting entry. */
import { describe, expect, it } from 'vitest';
import { audit, ballot, entered, NO_TURNOUT, online, openedVote, refusal, T, turnoutOf, type StoreContext } from './fixtures.ts';

/** Withdraws the entry `tag` of a household, with its event. */
function withdrawer(ctx: StoreContext) {
  return (id: string, household: string, tag: string, now: string = T.later) =>
    ctx.store.withdrawPaperBallot(id, household, ballot(tag).receipt, now, audit('paper_ballot_withdrawn', now, { household }));
}

export function withdrawalFacts(ctx: StoreContext): void {
  const withdraw = withdrawer(ctx);

  describe('withdrawing a paper entry', () => {
    it('a withdrawn paper entry restores the ballot it replaced', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      await entered(ctx.store, id, 'H-001', 'b');
      expect(await withdraw(id, 'H-001', 'b')).toEqual({ restored: true });
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('counted');
      expect(await ctx.store.receiptStatus(id, ballot('b').receipt)).toBe('replaced');
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'online' });
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 0 });
      expect(await ctx.store.getConsultation(id)).toMatchObject({ auditCount: 5, updatedAt: T.later });
      expect((await ctx.store.getAudit(id))[4]).toMatchObject({ seq: 5, action: 'paper_ballot_withdrawn', data: { household: 'H-001' } });
      expect((await ctx.store.readForTally(id)).ballots).toEqual([ballot('a')]);
    });

    it("withdrawing a household's first entry leaves it without a ballot", async () => {
      const id = await openedVote(ctx.store);
      await entered(ctx.store, id, 'H-001', 'a', 'meeting');
      expect(await withdraw(id, 'H-001', 'a')).toEqual({ restored: false });
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('replaced');
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: false });
      expect(await turnoutOf(ctx.store, id)).toEqual(NO_TURNOUT);
      expect(await ctx.store.readForTally(id)).toMatchObject({ participants: [], ballots: [] });
      expect(await online(ctx.store, id, 'H-001', 'b')).toEqual({ replaced: false });
    });

    it('withdrawals unwind a chain of entries one at a time', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      await entered(ctx.store, id, 'H-001', 'b', 'paper');
      await entered(ctx.store, id, 'H-001', 'c', 'meeting');
      expect(await withdraw(id, 'H-001', 'c')).toEqual({ restored: true });
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'paper' });
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 0, paper: 1, meeting: 0 });
      expect(await withdraw(id, 'H-001', 'b')).toEqual({ restored: true });
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'online' });
      const statuses = await Promise.all(['a', 'b', 'c'].map((tag) => ctx.store.receiptStatus(id, ballot(tag).receipt)));
      expect(statuses).toEqual(['counted', 'replaced', 'replaced']);
    });
  });
}

export function withdrawalRefusalFacts(ctx: StoreContext): void {
  const withdraw = withdrawer(ctx);

  describe('refusing a withdrawal', () => {
    it("only the household's current paper or meeting entry can be withdrawn: anything else is busy", async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      expect(await refusal(withdraw(id, 'H-001', 'a'))).toBe('busy');
      await entered(ctx.store, id, 'H-002', 'b');
      await entered(ctx.store, id, 'H-002', 'c');
      expect(await refusal(withdraw(id, 'H-002', 'b'))).toBe('busy');
      expect(await refusal(withdraw(id, 'H-001', 'c'))).toBe('busy');
      expect(await withdraw(id, 'H-002', 'c')).toEqual({ restored: true });
      expect(await refusal(withdraw(id, 'H-002', 'c'))).toBe('busy');
      expect(await refusal(withdraw(id, 'H-003', 'never'))).toBe('busy');
      expect(await ctx.store.getAudit(id)).toHaveLength(3 + 2 + 1);
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 1, meeting: 0 });
    });

    it('a withdrawal after close is refused with not_open', async () => {
      const id = await openedVote(ctx.store);
      await entered(ctx.store, id, 'H-001', 'a');
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await refusal(withdraw(id, 'H-001', 'a', T.after))).toBe('not_open');
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('counted');
      expect(await ctx.store.getAudit(id)).toHaveLength(5);
    });

    it('a withdrawal after closesAt, while the state is still voting, is refused with not_open', async () => {
      const id = await openedVote(ctx.store);
      await entered(ctx.store, id, 'H-001', 'a');
      expect(await refusal(withdraw(id, 'H-001', 'a', T.after))).toBe('not_open');
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'paper' });
    });

    it('a withdrawal for a household not on the frozen roll is refused with not_found', async () => {
      const id = await openedVote(ctx.store);
      expect(await refusal(withdraw(id, 'H-009', 'a'))).toBe('not_found');
    });
  });
}
