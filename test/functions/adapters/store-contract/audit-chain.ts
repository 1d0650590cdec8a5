/** The contract's facts about the audit chain, and about acts on a consultation that does not exist. */
import { describe, expect, it } from 'vitest';
import { checkChain, sealEvent } from '../../../../shared/audit.ts';
import type { Store } from '../../../../functions/core/store.ts';
import {
  answer,
  audit,
  ballot,
  comment,
  consultation,
  credential,
  document,
  entered,
  households,
  online,
  refusal,
  T,
  type StoreContext,
  ulid,
} from './fixtures.ts';

/** Every audited act of a consultation's life, in an order the states allow. */
function auditedActs(store: Store, id: string): Array<() => Promise<unknown>> {
  return [
    () => store.updateDraft(consultation(1, 'Sửa'), T.edited, audit('edited', T.edited)),
    () => store.changeDocuments(id, T.edited, () => ({ documents: [document('a')], audit: audit('document_attached', T.edited) })),
    () => store.replaceRoll(id, households(3), T.edited, audit('roll_uploaded', T.edited)),
    () => store.transition(id, ['draft'], 'disclosure', T.edited, audit('disclosed', T.edited)),
    () => store.issueDiscussionCodes(id, [{ household: 'H-001', hash: credential('H-001', 9) }], audit('discussion_codes_issued', T.edited)),
    () => store.addComment(comment(1)),
    () => store.addComment(answer(2, comment(1).id), audit('comment_answered', T.edited)),
    () => store.hideComment(id, comment(1).id, { reason: 'spam', at: T.edited, by: 'official-a' }, audit('comment_hidden', T.edited)),
    () =>
      store.openVoting(
        id,
        (roll) => roll.map((h) => ({ household: h.id, hash: credential(h.id) })),
        T.opensAt,
        () => audit('opened', T.opensAt),
      ),
    () => online(store, id, 'H-001', 'a'),
    () => entered(store, id, 'H-002', 'b'),
    () => store.withdrawPaperBallot(id, 'H-002', ballot('b').receipt, T.during, audit('paper_ballot_withdrawn', T.during)),
    () => store.reissueCredential(id, 'H-003', credential('H-003', 1), T.during, audit('code_reissued', T.during)),
    () => store.appendAudit(id, audit('attestation_accepted', T.during)),
    () => store.close(id, T.later, audit('closed', T.later)),
    () => store.fixPublishedAt(id, T.after),
    () => store.markPublished(id, 'https://example.org/c/1/', audit('published', T.after)),
  ];
}

const UNAUDITED = new Set([5, 9, 15]);

export function auditFacts(ctx: StoreContext): void {
  describe('the audit chain', () => {
    it('every audited act extends the chain by one event whose prev is the last hash', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const id = ulid(1);
      for (const [i, act] of auditedActs(ctx.store, id).entries()) {
        const before = await ctx.store.getAudit(id);
        await act();
        const after = await ctx.store.getAudit(id);
        expect(after.slice(0, before.length), `act ${i} keeps the chain before it`).toEqual(before);
        if (UNAUDITED.has(i)) {
          expect(after, `act ${i} is no event`).toHaveLength(before.length);
          continue;
        }
        expect(after, `act ${i} is one event`).toHaveLength(before.length + 1);
        expect(after.at(-1)).toMatchObject({ seq: before.length + 1, prev: before.at(-1)?.hash });
        expect((await ctx.store.getConsultation(id))?.auditCount).toBe(after.length);
      }
      const events = await ctx.store.getAudit(id);
      expect(checkChain(events)).toEqual([]);
      expect(events.map((e) => e.action)).toEqual([
        'created',
        'edited',
        'document_attached',
        'roll_uploaded',
        'disclosed',
        'discussion_codes_issued',
        'comment_answered',
        'comment_hidden',
        'opened',
        'paper_ballot_entered',
        'paper_ballot_withdrawn',
        'code_reissued',
        'attestation_accepted',
        'closed',
        'published',
      ]);
    });

    it('an appended event is the draft sealed after the last one', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      const [first] = await ctx.store.getAudit(ulid(1));
      const draft = audit('attestation_accepted', T.edited, { monitor: 'm-1', nested: { list: [1, 2] } });
      const event = await ctx.store.appendAudit(ulid(1), draft);
      expect(event).toEqual(sealEvent(first, draft));
      expect(await ctx.store.getAudit(ulid(1))).toEqual([first, event]);
      expect(await ctx.store.getConsultation(ulid(1))).toMatchObject({ auditCount: 2, updatedAt: T.edited });
    });

    it('an append after a seq that is no longer the last is refused with busy', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      expect((await ctx.store.appendAudit(ulid(1), audit('first'), { after: 1 })).seq).toBe(2);
      expect(await refusal(ctx.store.appendAudit(ulid(1), audit('stale'), { after: 1 }))).toBe('busy');
      expect((await ctx.store.getAudit(ulid(1))).map((e) => e.action)).toEqual(['created', 'first']);
    });

    it('concurrent acts never fork the chain', async () => {
      await ctx.store.createConsultation(consultation(), T.created, audit('created'));
      await ctx.store.appendAudit(ulid(1), audit('seen'));
      const appends = Array.from({ length: 8 }, (_, i) => ctx.store.appendAudit(ulid(1), audit(`attestation-${i}`)));
      const [appended] = await Promise.all([Promise.all(appends), ctx.store.addComment(answer(1, ulid(999)), audit('comment_answered'))]);
      const events = await ctx.store.getAudit(ulid(1));
      expect(events).toHaveLength(11);
      expect(checkChain(events)).toEqual([]);
      expect(new Set(appended.map((e) => e.seq)).size).toBe(8);
      expect(events.slice(2)).toEqual(expect.arrayContaining(appended));
      expect(await refusal(ctx.store.appendAudit(ulid(1), audit('late'), { after: 2 }))).toBe('busy');
    });
  });
}

export function unknownConsultationFacts(ctx: StoreContext): void {
  describe('a consultation that does not exist', () => {
    it('an act on an unknown consultation is refused with not_found and creates nothing', async () => {
      const id = ulid(9);
      const acts: Array<[string, () => Promise<unknown>]> = [
        ['updateDraft', () => ctx.store.updateDraft(consultation(9), T.edited, audit('edited'))],
        ['changeDocuments', () => ctx.store.changeDocuments(id, T.edited, () => ({ documents: [], audit: audit('document_removed') }))],
        ['transition', () => ctx.store.transition(id, ['draft'], 'disclosure', T.edited, audit('disclosed'))],
        ['replaceRoll', () => ctx.store.replaceRoll(id, households(1), T.edited, audit('roll_uploaded'))],
        ['getRoll', () => ctx.store.getRoll(id)],
        ['onRoll', () => ctx.store.onRoll(id, 'H-001')],
        [
          'openVoting',
          () =>
            ctx.store.openVoting(
              id,
              () => [],
              T.opensAt,
              () => audit('opened'),
            ),
        ],
        ['reissueCredential', () => ctx.store.reissueCredential(id, 'H-001', credential('H-001', 1), T.during, audit('code_reissued'))],
        ['paper entry', () => entered(ctx.store, id, 'H-001', 'a')],
        ['householdVoted', () => ctx.store.householdVoted(id, 'H-001')],
        ['withdrawPaperBallot', () => ctx.store.withdrawPaperBallot(id, 'H-001', ballot('a').receipt, T.during, audit('paper_ballot_withdrawn'))],
        ['close', () => ctx.store.close(id, T.later, audit('closed'))],
        ['readForTally', () => ctx.store.readForTally(id)],
        ['appendAudit', () => ctx.store.appendAudit(id, audit('attestation_accepted'))],
        ['markPublished', () => ctx.store.markPublished(id, 'https://example.org/', audit('published'))],
        ['an official answer', () => ctx.store.addComment({ ...answer(1, ulid(999)), consultationId: id }, audit('comment_answered'), 'complaints')],
        ['hideComment', () => ctx.store.hideComment(id, ulid(999), { reason: 'spam', at: T.edited, by: 'x' }, audit('comment_hidden'))],
      ];
      const codes = await Promise.all(acts.map(async ([name, act]) => [name, await refusal(act())]));
      expect(codes).toEqual(acts.map(([name]) => [name, 'not_found']));
      expect(await refusal(online(ctx.store, id, 'H-001', 'b'))).toBe('not_open');
      expect(await ctx.store.getConsultation(id)).toBeUndefined();
      expect(await ctx.store.listConsultations()).toEqual([]);
      expect(await ctx.store.getAudit(id)).toEqual([]);
      expect(await ctx.store.listComments(id, 'complaints')).toEqual([]);
    });
  });
}
