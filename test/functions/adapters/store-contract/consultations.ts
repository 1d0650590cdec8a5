/** The contract's facts about consultations: creating, reading, listing, editing, documents and transitions. */
import { describe, expect, it } from 'vitest';
import { GENESIS, sealEvent } from '../../../../shared/audit.ts';
import { DomainError } from '../../../../shared/errors.ts';
import type { Document } from '../../../../shared/schemas.ts';
import { audit, consultation, document, NO_TURNOUT, online, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

export function consultationFacts(ctx: StoreContext): void {
  describe('consultations', () => {
    it('a new consultation is a draft whose creation is the first event of its chain', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created', T.created, { title: c.title }));
      expect(await ctx.store.getConsultation(c.id)).toEqual({
        consultation: c,
        state: 'draft',
        createdAt: T.created,
        updatedAt: T.created,
        rollCount: 0,
        participants: NO_TURNOUT,
        auditCount: 1,
      });
      const events = await ctx.store.getAudit(c.id);
      expect(events).toEqual([sealEvent(undefined, audit('created', T.created, { title: c.title }))]);
      expect(events[0]?.prev).toBe(GENESIS);
    });

    it('a consultation with an id already taken is refused and the first stays as it was', async () => {
      await ctx.store.createConsultation(consultation(1, 'Trước'), T.created, audit('created'));
      await expect(ctx.store.createConsultation(consultation(1, 'Sau'), T.edited, audit('created', T.edited))).rejects.toThrow();
      expect((await ctx.store.getConsultation(ulid(1)))?.consultation.title).toBe('Trước');
      expect(await ctx.store.getAudit(ulid(1))).toHaveLength(1);
    });

    it('an unknown consultation reads as undefined, with an empty audit log', async () => {
      expect(await ctx.store.getConsultation(ulid(9))).toBeUndefined();
      expect(await ctx.store.getAudit(ulid(9))).toEqual([]);
    });

    it('consultations are listed newest id first, without their turnout', async () => {
      for (const n of [2, 3, 1]) await ctx.store.createConsultation(consultation(n), T.created, audit('created'));
      const voting = await openedVote(ctx.store, 2, 4);
      await online(ctx.store, voting, 'H-001', 'a');
      const list = await ctx.store.listConsultations();
      expect(list.map((r) => r.consultation.id)).toEqual([ulid(4), ulid(3), ulid(2), ulid(1)]);
      expect(list.map((r) => r.participants)).toEqual([NO_TURNOUT, NO_TURNOUT, NO_TURNOUT, NO_TURNOUT]);
      expect(list[0]).toMatchObject({ state: 'voting', rollCount: 2, auditCount: 3 });
    });

    it('the turnout is read unless counts are declined', async () => {
      const id = await openedVote(ctx.store, 2);
      await online(ctx.store, id, 'H-001', 'a');
      expect((await ctx.store.getConsultation(id))?.participants).toEqual({ online: 1, paper: 0, meeting: 0 });
      expect((await ctx.store.getConsultation(id, { counts: false }))?.participants).toEqual(NO_TURNOUT);
    });

    it("editing a draft replaces its content, keeps its documents, and takes the event's time", async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      const attached = [document('quyết định')];
      await ctx.store.changeDocuments(c.id, T.created, () => ({ documents: attached, audit: audit('document_attached') }));
      await ctx.store.updateDraft({ ...consultation(1, 'Đường mới'), documents: [document('khác')] }, T.edited, audit('edited', T.edited));
      const rec = await ctx.store.getConsultation(c.id);
      expect(rec?.consultation).toEqual({ ...consultation(1, 'Đường mới'), documents: attached });
      expect(rec).toMatchObject({ state: 'draft', createdAt: T.created, updatedAt: T.edited, auditCount: 3 });
    });

    it('a draft edit is refused with wrong_state once the consultation is disclosed', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.created, audit('disclosed'));
      expect(await refusal(ctx.store.updateDraft(consultation(1, 'Muộn'), T.edited, audit('edited', T.edited)))).toBe('wrong_state');
      expect((await ctx.store.getConsultation(c.id))?.consultation.title).toBe(c.title);
      expect(await ctx.store.getAudit(c.id)).toHaveLength(2);
    });
  });
}

export function transitionFacts(ctx: StoreContext): void {
  describe('transitions', () => {
    it('a transition from a listed state moves the consultation and records its event', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.transition(c.id, ['draft', 'disclosure'], 'cancelled', T.edited, audit('cancelled', T.edited, { from: 'draft' }));
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'cancelled', updatedAt: T.edited, auditCount: 2 });
      expect((await ctx.store.getAudit(c.id))[1]).toMatchObject({ seq: 2, action: 'cancelled', data: { from: 'draft' } });
    });

    it('a transition from a state not listed is refused with wrong_state', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      expect(await refusal(ctx.store.transition(c.id, ['disclosure'], 'cancelled', T.edited, audit('cancelled')))).toBe('wrong_state');
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'draft', auditCount: 1 });
    });
  });
}

export function documentFacts(ctx: StoreContext): void {
  describe('documents', () => {
    it('documents change in draft and in disclosure, each change seeing the list as it is, with the event it gives', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      const seen: Array<readonly Document[]> = [];
      const attach = (name: string) => (documents: readonly Document[]) => {
        seen.push(documents);
        return { documents: [...documents, document(name)], audit: audit('document_attached', T.edited, { title: name }) };
      };
      expect(await ctx.store.changeDocuments(c.id, T.edited, attach('a'))).toEqual([document('a')]);
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.edited, audit('disclosed', T.edited));
      expect(await ctx.store.changeDocuments(c.id, T.edited, attach('b'))).toEqual([document('a'), document('b')]);
      expect(seen).toEqual([[], [document('a')]]);
      expect((await ctx.store.getConsultation(c.id))?.consultation.documents).toEqual([document('a'), document('b')]);
      expect((await ctx.store.getAudit(c.id)).map((e) => [e.action, e.data])).toEqual([
        ['created', {}],
        ['document_attached', { title: 'a' }],
        ['disclosed', {}],
        ['document_attached', { title: 'b' }],
      ]);
    });

    it('removing the last document leaves the consultation without a documents field', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.changeDocuments(c.id, T.edited, () => ({ documents: [document('a')], audit: audit('document_attached') }));
      expect(await ctx.store.changeDocuments(c.id, T.edited, () => ({ documents: [], audit: audit('document_removed') }))).toEqual([]);
      expect((await ctx.store.getConsultation(c.id))?.consultation).toEqual(c);
      expect('documents' in ((await ctx.store.getConsultation(c.id))?.consultation ?? {})).toBe(false);
    });

    it('a documents change is refused with wrong_state once voting opens', async () => {
      const id = await openedVote(ctx.store);
      let called = false;
      const change = () => ((called = true), { documents: [document('a')], audit: audit('document_attached') });
      expect(await refusal(ctx.store.changeDocuments(id, T.during, change))).toBe('wrong_state');
      expect(called).toBe(false);
      expect((await ctx.store.getConsultation(id))?.consultation.documents).toBeUndefined();
    });

    it('a change that refuses changes nothing', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      const change = () => {
        throw new DomainError('too_many_documents');
      };
      expect(await refusal(ctx.store.changeDocuments(c.id, T.edited, change))).toBe('too_many_documents');
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ consultation: c, auditCount: 1 });
    });
  });
}
