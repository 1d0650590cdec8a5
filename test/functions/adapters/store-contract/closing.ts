/** The contract's facts about closing, the recount's input, and publishing. */
import { describe, expect, it } from 'vitest';
import { audit, ballot, consultation, entered, households, online, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

export function closingFacts(ctx: StoreContext): void {
  describe('closing and the recount', () => {
    it('close flips voting off, records when, and appends its event', async () => {
      const id = await openedVote(ctx.store);
      expect(await ctx.store.close(id, T.later, audit('closed', T.later, { reason: 'manual' }))).toEqual({ closedAt: T.later, alreadyClosed: false });
      expect(await ctx.store.getConsultation(id)).toMatchObject({ state: 'closed', closedAt: T.later, updatedAt: T.later, auditCount: 4 });
      expect((await ctx.store.getAudit(id))[3]).toMatchObject({ action: 'closed', data: { reason: 'manual' } });
      expect(await refusal(online(ctx.store, id, 'H-001', 'a', T.later))).toBe('not_open');
    });

    it('closing again changes nothing and returns the first closedAt', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await ctx.store.close(id, T.after, audit('closed', T.after))).toEqual({ closedAt: T.later, alreadyClosed: true });
      await ctx.store.markPublished(id, 'https://example.org/c/1/', audit('published', T.after));
      expect(await ctx.store.close(id, T.after, audit('closed', T.after))).toEqual({ closedAt: T.later, alreadyClosed: true });
      expect(await ctx.store.getConsultation(id)).toMatchObject({ state: 'published', closedAt: T.later, auditCount: 5 });
    });

    it('a consultation that is not voting cannot be closed: wrong_state', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      expect(await refusal(ctx.store.close(c.id, T.later, audit('closed')))).toBe('wrong_state');
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'draft', auditCount: 1 });
      expect((await ctx.store.getConsultation(c.id))?.closedAt).toBeUndefined();
    });

    it("the recount reads the frozen roll, every counted ballot, and each voter's channel", async () => {
      const id = await openedVote(ctx.store, 4);
      await online(ctx.store, id, 'H-001', 'a');
      await online(ctx.store, id, 'H-001', 'b');
      await entered(ctx.store, id, 'H-002', 'c');
      await entered(ctx.store, id, 'H-004', 'd', 'meeting');
      await entered(ctx.store, id, 'H-004', 'e');
      await ctx.store.withdrawPaperBallot(id, 'H-004', ballot('e').receipt, T.during, audit('paper_ballot_withdrawn', T.during));
      await ctx.store.close(id, T.later, audit('closed', T.later));
      const tally = await ctx.store.readForTally(id);
      expect(tally.rollIds).toEqual(['H-001', 'H-002', 'H-003', 'H-004']);
      expect([...tally.participants].sort((p, q) => p.id.localeCompare(q.id))).toEqual([
        { id: 'H-001', channel: 'online' },
        { id: 'H-002', channel: 'paper' },
        { id: 'H-004', channel: 'meeting' },
      ]);
      const receipts = (tags: string[]) => tags.map((t) => ballot(t)).sort((p, q) => p.receipt.localeCompare(q.receipt));
      expect([...tally.ballots].sort((p, q) => p.receipt.localeCompare(q.receipt))).toEqual(receipts(['b', 'c', 'd']));
    });

    it('the recount of a vote without ballots is the roll alone', async () => {
      const id = await openedVote(ctx.store, 2);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await ctx.store.readForTally(id)).toEqual({ rollIds: ['H-001', 'H-002'], participants: [], ballots: [] });
    });
  });
}

export function publishingFacts(ctx: StoreContext): void {
  describe('publishing', () => {
    it('the publication time is fixed once, outside the audit log', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await ctx.store.fixPublishedAt(id, T.after)).toBe(T.after);
      expect(await ctx.store.fixPublishedAt(id, '2026-04-01T00:00:00Z')).toBe(T.after);
      expect(await ctx.store.getConsultation(id)).toMatchObject({ state: 'closed', publishedAt: T.after, updatedAt: T.later, auditCount: 4 });
    });

    it('fixing the publication time of an unknown consultation is refused', async () => {
      await expect(ctx.store.fixPublishedAt(ulid(9), T.after)).rejects.toThrow();
      expect(await ctx.store.getConsultation(ulid(9))).toBeUndefined();
    });

    it('publishing moves a closed consultation to published once; again, it changes nothing', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      await ctx.store.markPublished(id, 'https://example.org/c/1/', audit('published', T.after));
      expect(await ctx.store.getConsultation(id)).toMatchObject({
        state: 'published',
        resultUrl: 'https://example.org/c/1/',
        updatedAt: T.after,
        auditCount: 5,
      });
      await ctx.store.markPublished(id, 'https://example.org/other/', audit('published', '2026-04-01T00:00:00Z'));
      expect(await ctx.store.getConsultation(id)).toMatchObject({ resultUrl: 'https://example.org/c/1/', updatedAt: T.after, auditCount: 5 });
    });

    it('a consultation is published only after close: wrong_state', async () => {
      const id = await openedVote(ctx.store);
      expect(await refusal(ctx.store.markPublished(id, 'https://example.org/c/1/', audit('published')))).toBe('wrong_state');
      expect(await ctx.store.getConsultation(id)).toMatchObject({ state: 'voting', auditCount: 3 });
      expect((await ctx.store.getConsultation(id))?.resultUrl).toBeUndefined();
    });

    it('the roll is kept as frozen through close and publication', async () => {
      const id = await openedVote(ctx.store, 3);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      await ctx.store.markPublished(id, 'https://example.org/c/1/', audit('published', T.after));
      expect(await ctx.store.getRoll(id)).toEqual(households(3));
      expect(await refusal(ctx.store.replaceRoll(id, households(1), T.after, audit('roll_uploaded')))).toBe('wrong_state');
    });
  });
}
