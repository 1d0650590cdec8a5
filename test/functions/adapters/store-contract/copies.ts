/** The contract's facts about values crossing the store: what a caller holds is never what is stored. */
import { describe, expect, it } from 'vitest';
import { audit, ballot, comment, consultation, credential, document, household, households, openedVote, T, type StoreContext, ulid } from './fixtures.ts';

export function copyFacts(ctx: StoreContext): void {
  describe('values in and out', () => {
    it('what a caller changes after giving it is stored as it was given', async () => {
      const c = consultation();
      const draft = audit('created', T.created, { title: c.title });
      await ctx.store.createConsultation(c, T.created, draft);
      const roll = [household(1)];
      await ctx.store.replaceRoll(c.id, roll, T.created, audit('roll_uploaded'));
      const said = comment(1);
      await ctx.store.addComment(said);
      c.title = 'Đổi sau';
      draft.data.title = 'Đổi sau';
      roll[0]!.head = 'Đổi sau';
      said.text = 'Đổi sau';
      expect((await ctx.store.getConsultation(c.id))?.consultation.title).toBe(consultation().title);
      expect((await ctx.store.getAudit(c.id))[0]?.data).toEqual({ title: consultation().title });
      expect(await ctx.store.getRoll(c.id)).toEqual([household(1)]);
      expect(await ctx.store.listComments(c.id)).toEqual([comment(1)]);
    });

    it('a ballot changed by its caller after the cast is counted as it was cast', async () => {
      const id = await openedVote(ctx.store, 1);
      const given = ballot('a');
      await ctx.store.castBallot({
        consultationId: id,
        household: 'H-001',
        credentialHash: credential('H-001'),
        channel: 'online',
        ballot: given,
        now: T.during,
      });
      given.answers.q1 = 'no';
      expect((await ctx.store.readForTally(id)).ballots).toEqual([ballot('a')]);
    });

    it('what a caller changes after reading it leaves the store as it was', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.changeDocuments(c.id, T.created, () => ({ documents: [document('a')], audit: audit('document_attached') }));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      await ctx.store.addComment(comment(1));
      const rec = await ctx.store.getConsultation(c.id);
      rec!.consultation.title = 'Đổi';
      rec!.consultation.documents!.pop();
      (await ctx.store.listConsultations())[0]!.consultation.questions.pop();
      (await ctx.store.getRoll(c.id))[0]!.members = 99;
      (await ctx.store.getAudit(c.id))[0]!.data.x = 1;
      (await ctx.store.listComments(c.id))[0]!.text = 'Đổi';
      expect((await ctx.store.getConsultation(c.id))?.consultation).toEqual({ ...c, documents: [document('a')] });
      expect(await ctx.store.getRoll(c.id)).toEqual(households(2));
      expect((await ctx.store.getAudit(c.id))[0]?.data).toEqual({});
      expect(await ctx.store.listComments(ulid(1))).toEqual([comment(1)]);
    });
  });
}
