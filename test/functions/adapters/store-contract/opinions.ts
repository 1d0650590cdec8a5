/** The contract's facts about other opinions: kept apart from the ballots, through the gate, hidden with an event. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OpinionHidden, StoredOpinion } from '../../../../shared/opinions.ts';
import { audit, consultation, online, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

/** A random-looking hex id (the shard is its first digit), one per tag. */
const opinionId = (tag: string) => createHash('sha256').update(`opinion:${tag}`).digest('hex').slice(0, 32);

function opinion(tag: string, text = `Ý kiến ${tag}`): Omit<StoredOpinion, 'hidden'> {
  return { id: opinionId(tag), questionId: 'q1', text, day: '2026-03-03' };
}

const PERSONAL: OpinionHidden = { reason: 'personal_data', at: T.later, by: 'official-a' };

export function opinionFacts(ctx: StoreContext): void {
  describe('other opinions', () => {
    it('are listed by their random id, apart from the ballots, with their day and no household', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      for (const tag of ['x', 'y', 'z']) await ctx.store.addOpinion(id, opinion(tag), T.during);
      const expected = ['x', 'y', 'z'].map((t) => opinion(t)).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(await ctx.store.listOpinions(id)).toEqual(expected);
      expect(await ctx.store.listOpinions(ulid(2))).toEqual([]);
      // Keeping an opinion is no audit event: the log would date it.
      expect(await ctx.store.getAudit(id)).toHaveLength(3);
    });

    it('a new opinion is never stored hidden, and an id already used is refused with busy', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.addOpinion(id, { ...opinion('x'), hidden: PERSONAL } as StoredOpinion, T.during);
      expect(await refusal(ctx.store.addOpinion(id, opinion('x', 'Khác'), T.during))).toBe('busy');
      expect(await ctx.store.listOpinions(id)).toEqual([opinion('x')]);
    });

    it('is refused with not_open before opening, after closesAt, and once closed', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      expect(await refusal(ctx.store.addOpinion(c.id, opinion('x'), T.during))).toBe('not_open');
      const id = await openedVote(ctx.store, 3, 2);
      expect(await refusal(ctx.store.addOpinion(id, opinion('y'), T.after))).toBe('not_open');
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await refusal(ctx.store.addOpinion(id, opinion('z'), T.later))).toBe('not_open');
      expect(await ctx.store.listOpinions(c.id)).toEqual([]);
      expect(await ctx.store.listOpinions(id)).toEqual([]);
    });

    it('hiding keeps the text with the reason, in one act with its event; never twice', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.addOpinion(id, opinion('x'), T.during);
      await ctx.store.addOpinion(id, opinion('y'), T.during);
      await ctx.store.hideOpinion(id, opinionId('x'), PERSONAL, audit('opinion_hidden', T.later, { opinionId: opinionId('x'), reason: 'personal_data' }));
      const list = await ctx.store.listOpinions(id);
      expect(list.find((o) => o.id === opinionId('x'))).toEqual({ ...opinion('x'), hidden: PERSONAL });
      expect(list.find((o) => o.id === opinionId('y'))).toEqual(opinion('y'));
      expect((await ctx.store.getAudit(id))[3]).toMatchObject({ action: 'opinion_hidden', data: { opinionId: opinionId('x'), reason: 'personal_data' } });
      const again = { ...PERSONAL, reason: 'insult' as const };
      expect(await refusal(ctx.store.hideOpinion(id, opinionId('x'), again, audit('opinion_hidden')))).toBe('wrong_state');
      expect(await refusal(ctx.store.hideOpinion(id, opinionId('w'), again, audit('opinion_hidden')))).toBe('not_found');
      expect(await ctx.store.getAudit(id)).toHaveLength(4);
    });

    it('is hidden only while voting: wrong_state once closed', async () => {
      const id = await openedVote(ctx.store);
      await ctx.store.addOpinion(id, opinion('x'), T.during);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect(await refusal(ctx.store.hideOpinion(id, opinionId('x'), PERSONAL, audit('opinion_hidden')))).toBe('wrong_state');
      expect(await ctx.store.listOpinions(id)).toEqual([opinion('x')]);
    });

    it('the recount reads the visible opinions (question and text only), none when there are none', async () => {
      const id = await openedVote(ctx.store);
      await online(ctx.store, id, 'H-001', 'a');
      await ctx.store.close(id, T.later, audit('closed', T.later));
      expect((await ctx.store.readForTally(id)).opinions).toBeUndefined();
      const other = await openedVote(ctx.store, 3, 2);
      await ctx.store.addOpinion(other, opinion('x', 'Nên làm rãnh thoát nước'), T.during);
      await ctx.store.addOpinion(other, opinion('y', 'Số nhà 12 của ông A'), T.during);
      await ctx.store.hideOpinion(other, opinionId('y'), PERSONAL, audit('opinion_hidden', T.later));
      await ctx.store.close(other, T.later, audit('closed', T.later));
      expect((await ctx.store.readForTally(other)).opinions).toEqual([{ questionId: 'q1', text: 'Nên làm rãnh thoát nước' }]);
    });
  });
}
