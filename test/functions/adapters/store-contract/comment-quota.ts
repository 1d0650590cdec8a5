/**
 * The contract's facts about a household's comment limits, charged in the comment's own write (`CommentQuota`), and
 * about what an official's entry records when it replaces a ballot.
 */
import { describe, expect, it } from 'vitest';
import type { CommentQuota } from '../../../../functions/core/store.ts';
import { audit, comment, consultation, entered, openedVote, online, refusal, rollId, T, type StoreContext, ulid } from './fixtures.ts';

/** The n-th comment of household H-001 (ids distinct, all by the same household). */
const own = (n: number) => comment(n, { rollId: rollId(1) });
const quota = (fields: Partial<CommentQuota> = {}): CommentQuota => ({ total: 3, perWindow: 100, window: 1, ...fields });

export function commentQuotaFacts(ctx: StoreContext): void {
  describe('comment limits', () => {
    it('a household past its limit on a board is refused with too_many_comments and nothing is stored', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      for (const n of [1, 2, 3]) await ctx.store.addComment(own(n), undefined, 'discussion', quota());
      expect(await refusal(ctx.store.addComment(own(4), undefined, 'discussion', quota()))).toBe('too_many_comments');
      expect((await ctx.store.listComments(ulid(1))).map((c) => c.id)).toEqual([own(1).id, own(2).id, own(3).id]);
      // Another household, and the same household on the other board, have counters of their own.
      await ctx.store.addComment(comment(5, { rollId: rollId(2) }), undefined, 'discussion', quota());
      await ctx.store.addComment(own(6), undefined, 'complaints', quota());
      expect(await ctx.store.listComments(ulid(1))).toHaveLength(4);
      expect(await ctx.store.listComments(ulid(1), 'complaints')).toHaveLength(1);
    });

    it('the window limit holds within a window; the next window starts again, up to the limit in all', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const q = (window: number) => quota({ total: 4, perWindow: 2, window });
      await ctx.store.addComment(own(1), undefined, 'discussion', q(7));
      await ctx.store.addComment(own(2), undefined, 'discussion', q(7));
      expect(await refusal(ctx.store.addComment(own(3), undefined, 'discussion', q(7)))).toBe('too_many_comments');
      await ctx.store.addComment(own(4), undefined, 'discussion', q(8));
      await ctx.store.addComment(own(5), undefined, 'discussion', q(8));
      expect(await refusal(ctx.store.addComment(own(6), undefined, 'discussion', q(9)))).toBe('too_many_comments');
      expect((await ctx.store.listComments(ulid(1))).map((c) => c.id)).toEqual([own(1).id, own(2).id, own(4).id, own(5).id]);
    });

    it('a refused comment is not charged: a taken id is busy and leaves the counters as they were', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(own(1), undefined, 'discussion', quota({ total: 2 }));
      expect(await refusal(ctx.store.addComment({ ...own(1), text: 'Lại' }, undefined, 'discussion', quota({ total: 2 })))).toBe('busy');
      await ctx.store.addComment(own(2), undefined, 'discussion', quota({ total: 2 }));
      expect(await ctx.store.listComments(ulid(1))).toHaveLength(2);
    });

    it('an audited filing past the limit is refused with its event: the log does not move', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const file = (n: number) =>
        ctx.store.addComment(own(n), audit('complaint_filed', T.edited, { complaintId: own(n).id }), 'complaints', quota({ total: 2 }));
      await file(1);
      await file(2);
      expect(await refusal(file(3))).toBe('too_many_comments');
      expect(await ctx.store.listComments(ulid(1), 'complaints')).toHaveLength(2);
      expect((await ctx.store.getAudit(ulid(1))).map((e) => e.action)).toEqual(['created', 'complaint_filed', 'complaint_filed']);
    });

    it('40 simultaneous comments of one household store exactly its limit, never one more', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const posts = Array.from({ length: 40 }, (_, i) => refusal(ctx.store.addComment(own(i + 1), undefined, 'discussion', quota({ total: 30 }))));
      const outcomes = await Promise.all(posts);
      expect(outcomes.filter((o) => o === 'none')).toHaveLength(30);
      expect(outcomes.filter((o) => o === 'too_many_comments')).toHaveLength(10);
      expect(await ctx.store.listComments(ulid(1))).toHaveLength(30);
    });

    it('40 simultaneous comments in one window store exactly the window limit', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const q = quota({ total: 30, perWindow: 5 });
      const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => refusal(ctx.store.addComment(own(i + 1), undefined, 'discussion', q))));
      expect(outcomes.filter((o) => o === 'none')).toHaveLength(5);
      expect(await ctx.store.listComments(ulid(1))).toHaveLength(5);
      // Those refused were not charged to the limit in all.
      for (let w = 2; w <= 6; w++) for (let k = 0; k < 5; k++) await ctx.store.addComment(own(100 + w * 10 + k), undefined, 'discussion', { ...q, window: w });
      expect(await ctx.store.listComments(ulid(1))).toHaveLength(30);
    });
  });

  describe('an entry that replaces a ballot', () => {
    it('records replaced and the channel replaced in its event; an entry that replaced nothing does not', async () => {
      const id = await openedVote(ctx.store, 3);
      await online(ctx.store, id, 'H-001', 'a');
      await entered(ctx.store, id, 'H-001', 'b');
      await entered(ctx.store, id, 'H-002', 'c');
      await entered(ctx.store, id, 'H-002', 'd');
      const events = (await ctx.store.getAudit(id)).filter((e) => e.action === 'paper_ballot_entered');
      expect(events.map((e) => e.data)).toEqual([
        { household: 'H-001', replaced: true, previousChannel: 'online' },
        { household: 'H-002' },
        { household: 'H-002', replaced: true, previousChannel: 'paper' },
      ]);
    });
  });
}
