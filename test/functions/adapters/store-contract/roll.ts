/** The contract's facts about the roll, opening voting, and voting codes. */
import { describe, expect, it } from 'vitest';
import type { Household } from '../../../../shared/schemas.ts';
import { audit, ballot, consultation, credential, household, households, online, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

export function rollFacts(ctx: StoreContext): void {
  describe('the roll', () => {
    it('a roll is read back whole, ordered by roll id, and counted', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      const given = [household(3), household(1), { ...household(2), frontageDecimetres: 125 }];
      await ctx.store.replaceRoll(c.id, given, T.edited, audit('roll_uploaded', T.edited, { count: 3 }));
      expect(await ctx.store.getRoll(c.id)).toEqual([household(1), { ...household(2), frontageDecimetres: 125 }, household(3)]);
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ rollCount: 3, updatedAt: T.edited, auditCount: 2 });
      expect((await ctx.store.getAudit(c.id))[1]).toMatchObject({ action: 'roll_uploaded', data: { count: 3 } });
    });

    it('a new roll replaces the whole earlier one', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.replaceRoll(c.id, households(3), T.created, audit('roll_uploaded'));
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.created, audit('disclosed'));
      await ctx.store.replaceRoll(c.id, [household(4), household(2)], T.edited, audit('roll_uploaded', T.edited));
      expect(await ctx.store.getRoll(c.id)).toEqual([household(2), household(4)]);
      expect((await ctx.store.getConsultation(c.id))?.rollCount).toBe(2);
    });

    it('a household is on the roll only while the roll in force lists it', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      expect(await ctx.store.onRoll(c.id, 'H-001')).toBe(false);
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      expect([await ctx.store.onRoll(c.id, 'H-001'), await ctx.store.onRoll(c.id, 'H-003')]).toEqual([true, false]);
      await ctx.store.replaceRoll(c.id, [household(3)], T.created, audit('roll_uploaded'));
      expect([await ctx.store.onRoll(c.id, 'H-001'), await ctx.store.onRoll(c.id, 'H-003')]).toEqual([false, true]);
    });

    it('the roll is frozen once voting opens: a new roll is refused with already_open', async () => {
      const id = await openedVote(ctx.store, 2);
      expect(await refusal(ctx.store.replaceRoll(id, households(5), T.during, audit('roll_uploaded', T.during)))).toBe('already_open');
      expect(await ctx.store.getRoll(id)).toEqual(households(2));
      expect(await ctx.store.getConsultation(id)).toMatchObject({ rollCount: 2, auditCount: 3 });
    });

    it('a roll for a cancelled consultation is refused with wrong_state', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.transition(c.id, ['draft'], 'cancelled', T.created, audit('cancelled'));
      expect(await refusal(ctx.store.replaceRoll(c.id, households(2), T.edited, audit('roll_uploaded')))).toBe('wrong_state');
      expect(await ctx.store.getRoll(c.id)).toEqual([]);
    });
  });
}

export function openingFacts(ctx: StoreContext): void {
  describe('opening voting and voting codes', () => {
    it('opening freezes the roll, stores one credential per household, and moves to voting', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.transition(c.id, ['draft'], 'disclosure', T.created, audit('disclosed'));
      await ctx.store.replaceRoll(c.id, [household(2), household(1)], T.created, audit('roll_uploaded'));
      const given: Household[][] = [];
      const make = (roll: Household[]) => (given.push(roll), roll.map((h) => ({ household: h.id, hash: credential(h.id) })));
      const dates = await ctx.store.openVoting(c.id, make, T.opensAt, (n) => audit('opened', T.opensAt, { households: n }));
      expect(dates).toEqual({ opensAt: c.opensAt, closesAt: c.closesAt });
      expect(given).toEqual([[household(1), household(2)]]);
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'voting', rollCount: 2, updatedAt: T.opensAt, auditCount: 4 });
      expect((await ctx.store.getAudit(c.id))[3]).toMatchObject({ action: 'opened', data: { households: 2 } });
      expect(await ctx.store.findCredential(c.id, credential('H-001'))).toBe('H-001');
      expect(await ctx.store.findCredential(c.id, credential('H-002'))).toBe('H-002');
      expect(await ctx.store.findCredential(c.id, credential('H-003'))).toBeUndefined();
      expect(await ctx.store.findCredential(ulid(2), credential('H-001'))).toBeUndefined();
      expect(await ctx.store.householdVoted(c.id, 'H-001')).toEqual({ voted: false });
    });

    it('opening with an empty roll is refused with wrong_state', async () => {
      const c = consultation();
      await ctx.store.createConsultation(c, T.created, audit('created'));
      expect(
        await refusal(
          ctx.store.openVoting(
            c.id,
            () => [],
            T.opensAt,
            () => audit('opened'),
          ),
        ),
      ).toBe('wrong_state');
      expect(await ctx.store.getConsultation(c.id)).toMatchObject({ state: 'draft', auditCount: 1 });
    });

    it('opening twice is refused with already_open, and opening a cancelled consultation with wrong_state', async () => {
      const id = await openedVote(ctx.store, 2);
      const make = (roll: Household[]) => roll.map((h) => ({ household: h.id, hash: credential(h.id, 1) }));
      expect(await refusal(ctx.store.openVoting(id, make, T.during, () => audit('opened')))).toBe('already_open');
      expect(await ctx.store.findCredential(id, credential('H-001', 1))).toBeUndefined();
      const c = consultation(2);
      await ctx.store.createConsultation(c, T.created, audit('created'));
      await ctx.store.replaceRoll(c.id, households(2), T.created, audit('roll_uploaded'));
      await ctx.store.transition(c.id, ['draft'], 'cancelled', T.created, audit('cancelled'));
      expect(await refusal(ctx.store.openVoting(c.id, make, T.during, () => audit('opened')))).toBe('wrong_state');
    });

    it('a reissued credential works at once and the old one no longer does', async () => {
      const id = await openedVote(ctx.store, 2);
      await ctx.store.reissueCredential(id, 'H-001', credential('H-001', 1), T.during, audit('code_reissued', T.during, { household: 'H-001' }));
      expect(await ctx.store.findCredential(id, credential('H-001'))).toBeUndefined();
      expect(await ctx.store.findCredential(id, credential('H-001', 1))).toBe('H-001');
      expect(await refusal(online(ctx.store, id, 'H-001', 'old'))).toBe('invalid_code');
      const cast = {
        consultationId: id,
        household: 'H-001',
        credentialHash: credential('H-001', 1),
        channel: 'online' as const,
        ballot: ballot('new'),
        now: T.during,
      };
      expect(await ctx.store.castBallot(cast)).toEqual({ replaced: false });
      expect((await ctx.store.getAudit(id)).at(-1)).toMatchObject({ seq: 4, action: 'code_reissued', data: { household: 'H-001' } });
    });

    it('a credential is reissued only for a household of the frozen roll (not_found), while voting (not_open)', async () => {
      const id = await openedVote(ctx.store, 2);
      expect(await refusal(ctx.store.reissueCredential(id, 'H-009', credential('H-009', 1), T.during, audit('code_reissued')))).toBe('not_found');
      await ctx.store.close(id, T.after, audit('closed', T.after));
      expect(await refusal(ctx.store.reissueCredential(id, 'H-001', credential('H-001', 1), T.after, audit('code_reissued')))).toBe('not_open');
      expect(await ctx.store.findCredential(id, credential('H-001'))).toBe('H-001');
      expect(await ctx.store.getAudit(id)).toHaveLength(4);
    });
  });
}
