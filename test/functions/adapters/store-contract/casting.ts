/** The contract's facts about casting: counting, replacing, refusing, and ballots racing each other. */
import { describe, expect, it } from 'vitest';
import {
  audit,
  ballot,
  consultation,
  credential,
  entered,
  households,
  NO_TURNOUT,
  online,
  openedVote,
  refusal,
  T,
  turnoutOf,
  type StoreContext,
} from './fixtures.ts';

export function castingFacts(ctx: StoreContext): void {
  describe('casting', () => {
    it("a household's first ballot is counted and replaces nothing", async () => {
      const id = await openedVote(ctx.store);
      expect(await online(ctx.store, id, 'H-001', 'a')).toEqual({ replaced: false });
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('counted');
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'online' });
      expect(await ctx.store.householdVoted(id, 'H-002')).toEqual({ voted: false });
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 0 });
    });

    it("a household's last ballot replaces its earlier one", async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      expect(await online(ctx.store, id, 'H-001', 'b')).toEqual({ replaced: true, previousChannel: 'online' });
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('replaced');
      expect(await ctx.store.receiptStatus(id, ballot('b').receipt)).toBe('counted');
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 0 });
    });

    it("a ballot by another channel moves the household to that channel's count", async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      await online(ctx.store, id, 'H-002', 'b');
      expect(await entered(ctx.store, id, 'H-001', 'c')).toEqual({ replaced: true, previousChannel: 'online' });
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 1, meeting: 0 });
      expect(await entered(ctx.store, id, 'H-001', 'd', 'meeting')).toEqual({ replaced: true, previousChannel: 'paper' });
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 1 });
      expect(await ctx.store.householdVoted(id, 'H-001')).toEqual({ voted: true, channel: 'meeting' });
    });

    it('an online ballot is never an audit event; a paper entry is, written with it', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      expect(await ctx.store.getConsultation(id)).toMatchObject({ auditCount: 3, updatedAt: T.opensAt });
      await entered(ctx.store, id, 'H-002', 'b', 'paper', T.later);
      expect(await ctx.store.getConsultation(id)).toMatchObject({ auditCount: 4, updatedAt: T.later });
      expect((await ctx.store.getAudit(id))[3]).toMatchObject({ seq: 4, action: 'paper_ballot_entered', data: { household: 'H-002' } });
    });

    it('two concurrent casts of one household leave exactly one counted ballot', async () => {
      const id = await openedVote(ctx.store);
      const outcomes = await Promise.all([online(ctx.store, id, 'H-001', 'a'), online(ctx.store, id, 'H-001', 'b')]);
      expect(outcomes.filter((o) => !o.replaced)).toHaveLength(1);
      const statuses = await Promise.all(['a', 'b'].map((tag) => ctx.store.receiptStatus(id, ballot(tag).receipt)));
      expect(statuses.sort()).toEqual(['counted', 'replaced']);
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 0 });
      expect((await ctx.store.readForTally(id)).ballots).toHaveLength(1);
    });

    it('concurrent casts of different households are all counted', async () => {
      const id = await openedVote(ctx.store, 12);
      const casts = households(12).map((h, i) => (i % 3 === 0 ? entered(ctx.store, id, h.id, h.id) : online(ctx.store, id, h.id, h.id)));
      expect(await Promise.all(casts)).toEqual(Array.from({ length: 12 }, () => ({ replaced: false })));
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 8, paper: 4, meeting: 0 });
      expect(await ctx.store.getAudit(id)).toHaveLength(3 + 4);
    });

    it('an unknown receipt has no status, and only households of the frozen roll have voted or not (not_found)', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      expect(await refusal(ctx.store.householdVoted(c.id, 'H-001'))).toBe('not_found');
      const id = await openedVote(ctx.store, 2, 2);
      expect(await ctx.store.receiptStatus(id, ballot('never').receipt)).toBeUndefined();
      expect(await refusal(ctx.store.householdVoted(id, 'H-003'))).toBe('not_found');
    });

    it('a transition out of voting leaves online casts open: only close shuts them', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.transition(id, ['voting'], 'cancelled', T.during, audit('cancelled', T.during));
      expect(await online(ctx.store, id, 'H-001', 'a')).toEqual({ replaced: false });
      expect(await refusal(entered(ctx.store, id, 'H-002', 'b'))).toBe('not_open');
    });
  });
}

export function castRefusalFacts(ctx: StoreContext): void {
  describe('refusing a cast', () => {
    it("an online ballot needs the household's current credential: invalid_code otherwise", async () => {
      const id = await openedVote(ctx.store);
      const cast = (household: string, credentialHash: string) =>
        ctx.store.castBallot({
          consultationId: id,
          household,
          credentialHash,
          channel: 'online',
          ballot: ballot(`${household}-${credentialHash}`),
          now: T.during,
        });
      expect(await refusal(cast('H-001', credential('H-002')))).toBe('invalid_code');
      expect(await refusal(cast('H-009', credential('H-009')))).toBe('invalid_code');
      await online(ctx.store, id, 'H-001', 'a');
      expect(await refusal(cast('H-001', credential('H-001', 7)))).toBe('invalid_code');
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('counted');
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 1, paper: 0, meeting: 0 });
    });

    it('a paper entry for a household not on the frozen roll is refused with not_found', async () => {
      const id = await openedVote(ctx.store);
      expect(await refusal(entered(ctx.store, id, 'H-009', 'a'))).toBe('not_found');
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBeUndefined();
      expect(await ctx.store.getAudit(id)).toHaveLength(3);
    });

    it('a cast before opensAt, or from closesAt on, is refused with not_open', async () => {
      const id = await openedVote(ctx.store);
      expect(await refusal(online(ctx.store, id, 'H-001', 'a', '2026-03-01T23:59:59Z'))).toBe('not_open');
      expect(await refusal(online(ctx.store, id, 'H-001', 'b', T.closesAt))).toBe('not_open');
      expect(await refusal(entered(ctx.store, id, 'H-002', 'c', 'paper', T.closesAt))).toBe('not_open');
      expect(await online(ctx.store, id, 'H-001', 'd', T.opensAt)).toEqual({ replaced: false });
      expect(await online(ctx.store, id, 'H-002', 'e', '2026-03-08T23:59:59Z')).toEqual({ replaced: false });
    });

    it('a cast before voting opens is refused with not_open', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      expect(await refusal(online(ctx.store, c.id, 'H-001', 'a'))).toBe('not_open');
      expect(await refusal(entered(ctx.store, c.id, 'H-001', 'b'))).toBe('not_open');
      expect(await ctx.store.getAudit(c.id)).toHaveLength(2);
    });

    it('a cast after close is refused with not_open', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await refusal(online(ctx.store, id, 'H-001', 'a'))).toBe('not_open');
      expect(await refusal(entered(ctx.store, id, 'H-002', 'b'))).toBe('not_open');
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBeUndefined();
      expect(await turnoutOf(ctx.store, id)).toEqual(NO_TURNOUT);
    });

    it('a receipt already recorded is refused with busy', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      expect(await refusal(online(ctx.store, id, 'H-002', 'a'))).toBe('busy');
      expect(await refusal(online(ctx.store, id, 'H-001', 'a'))).toBe('busy');
      expect(await refusal(entered(ctx.store, id, 'H-002', 'a'))).toBe('busy');
      expect(await ctx.store.householdVoted(id, 'H-002')).toEqual({ voted: false });
      expect(await ctx.store.receiptStatus(id, ballot('a').receipt)).toBe('counted');
      expect(await ctx.store.getAudit(id)).toHaveLength(3);
    });
  });
}
