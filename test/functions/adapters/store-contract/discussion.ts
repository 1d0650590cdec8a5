/** The contract's facts about comments on the two boards, hiding them, and discussion codes. */
import { describe, expect, it } from 'vitest';
import type { Hidden } from '../../../../shared/discussion.ts';
import { answer, audit, ballot, comment, consultation, credential, households, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

const SPAM: Hidden = { reason: 'spam', at: T.edited, by: 'official-a' };
const CODES = [
  { household: 'H-001', hash: credential('H-001', 9) },
  { household: 'H-002', hash: credential('H-002', 9) },
];

export function discussionFacts(ctx: StoreContext): void {
  describe('comments', () => {
    it('comments are listed oldest id first, each board on its own', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(comment(3));
      await ctx.store.addComment(comment(1, { author: 'Bà Lan' }));
      await ctx.store.addComment(comment(2), undefined, 'complaints');
      await ctx.store.addComment(answer(4, comment(1).id), audit('comment_answered', T.edited));
      expect(await ctx.store.listComments(ulid(1))).toEqual([comment(1, { author: 'Bà Lan' }), comment(3), answer(4, comment(1).id)]);
      expect(await ctx.store.listComments(ulid(1), 'discussion')).toHaveLength(3);
      expect(await ctx.store.listComments(ulid(1), 'complaints')).toEqual([comment(2)]);
      expect(await ctx.store.listComments(ulid(2))).toEqual([]);
    });

    it("a resident's comment is not an audit event; an official's answer is, written with it", async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(comment(1));
      expect(await ctx.store.getConsultation(ulid(1))).toMatchObject({ auditCount: 1, updatedAt: T.created });
      await ctx.store.addComment(answer(2, comment(1).id), audit('comment_answered', T.edited, { comment: comment(1).id }), 'complaints');
      expect(await ctx.store.getConsultation(ulid(1))).toMatchObject({ auditCount: 2, updatedAt: T.edited });
      expect((await ctx.store.getAudit(ulid(1)))[1]).toMatchObject({ action: 'comment_answered', data: { comment: comment(1).id } });
    });

    it('a comment id already used on a board is refused with busy, and the first comment stays', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(comment(1));
      expect(await refusal(ctx.store.addComment({ ...comment(1), text: 'Khác' }))).toBe('busy');
      expect(await refusal(ctx.store.addComment({ ...answer(1, ulid(999)) }, audit('comment_answered')))).toBe('busy');
      await ctx.store.addComment({ ...comment(1), text: 'Khiếu nại' }, undefined, 'complaints');
      expect(await ctx.store.listComments(ulid(1))).toEqual([comment(1)]);
      expect(await ctx.store.listComments(ulid(1), 'complaints')).toEqual([{ ...comment(1), text: 'Khiếu nại' }]);
      expect(await ctx.store.getAudit(ulid(1))).toHaveLength(1);
    });

    it('a new comment is never stored hidden', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment({ ...comment(1), hidden: SPAM });
      expect(await ctx.store.listComments(ulid(1))).toEqual([comment(1)]);
    });

    it('a hidden comment keeps its text with the reason; hiding it again is wrong_state', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(comment(1));
      await ctx.store.addComment(comment(2));
      await ctx.store.hideComment(ulid(1), comment(1).id, SPAM, audit('comment_hidden', T.edited, { reason: 'spam' }));
      expect(await ctx.store.listComments(ulid(1))).toEqual([{ ...comment(1), hidden: SPAM }, comment(2)]);
      expect((await ctx.store.getAudit(ulid(1)))[1]).toMatchObject({ action: 'comment_hidden', data: { reason: 'spam' } });
      const again = { ...SPAM, reason: 'insult' as const };
      expect(await refusal(ctx.store.hideComment(ulid(1), comment(1).id, again, audit('comment_hidden')))).toBe('wrong_state');
      expect((await ctx.store.listComments(ulid(1)))[0]?.hidden).toEqual(SPAM);
      expect(await ctx.store.getAudit(ulid(1))).toHaveLength(2);
    });

    it('hiding a comment that is not on the board is refused with not_found', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.addComment(comment(1));
      expect(await refusal(ctx.store.hideComment(ulid(1), comment(1).id, SPAM, audit('comment_hidden'), 'complaints'))).toBe('not_found');
      expect(await refusal(ctx.store.hideComment(ulid(1), comment(2).id, SPAM, audit('comment_hidden')))).toBe('not_found');
      expect(await ctx.store.listComments(ulid(1))).toEqual([comment(1)]);
      expect(await ctx.store.getAudit(ulid(1))).toHaveLength(1);
    });

    it("a resident's comment is stored without checking that its consultation exists", async () => {
      await ctx.store.addComment(comment(1, { consultationId: ulid(9) }));
      expect(await ctx.store.listComments(ulid(9))).toEqual([comment(1, { consultationId: ulid(9) })]);
      expect(await ctx.store.getConsultation(ulid(9))).toBeUndefined();
    });
  });
}

export function discussionCodeFacts(ctx: StoreContext): void {
  describe('discussion codes', () => {
    it('issued discussion codes find their households, in one audited act', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.created, audit('disclosed'));
      await ctx.store.issueDiscussionCodes(c.id, CODES, audit('discussion_codes_issued', T.edited, { households: 2 }));
      expect(await ctx.store.findCredential(c.id, credential('H-001', 9))).toBe('H-001');
      expect(await ctx.store.findCredential(c.id, credential('H-002', 9))).toBe('H-002');
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'disclosure', auditCount: 4, updatedAt: T.edited });
      expect((await ctx.store.getAudit(c.id))[3]).toMatchObject({ action: 'discussion_codes_issued', data: { households: 2 } });
    });

    it('discussion codes still find their households once voting opens, but never vote', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.created, audit('disclosed'));
      await ctx.store.issueDiscussionCodes(c.id, CODES, audit('discussion_codes_issued'));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      await ctx.store.openVoting(
        c.id,
        (roll) => roll.map((h) => ({ household: h.id, hash: credential(h.id) })),
        T.opensAt,
        () => audit('opened'),
      );
      expect(await ctx.store.findCredential(c.id, credential('H-001', 9))).toBe('H-001');
      const cast = {
        consultationId: c.id,
        household: 'H-001',
        credentialHash: credential('H-001', 9),
        channel: 'online' as const,
        ballot: ballot('a'),
        now: T.during,
      };
      expect(await refusal(ctx.store.castBallot(cast))).toBe('invalid_code');
    });

    it('discussion codes outside disclosure are refused with busy, their hashes stored all the same', async () => {
      const id = await openedVote(ctx.store, 2);
      expect(await refusal(ctx.store.issueDiscussionCodes(id, CODES, audit('discussion_codes_issued')))).toBe('busy');
      expect(await ctx.store.getAudit(id)).toHaveLength(3);
      expect(await ctx.store.findCredential(id, credential('H-001', 9))).toBe('H-001');
    });
  });
}
