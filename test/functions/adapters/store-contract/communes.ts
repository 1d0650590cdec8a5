/** The contract's facts about a commune's profile (its display name) and the commune's own audit log. */
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../../../shared/audit.ts';
import { audit, consultation, T, type StoreContext } from './fixtures.ts';

const COMMUNE = 'xa-an-binh';
const named = (name: string, at: string = T.created) => audit('commune_named', at, { commune: COMMUNE, name });

export function communeFacts(ctx: StoreContext): void {
  describe('a commune’s profile', () => {
    it('is absent, with an empty log, until it is first set', async () => {
      expect(await ctx.store.getCommuneProfile(COMMUNE)).toBeUndefined();
      expect(await ctx.store.getCommuneAudit(COMMUNE)).toEqual([]);
    });

    it('is read back as set, and its setting is the first event of the commune’s own log', async () => {
      const event = await ctx.store.putCommuneProfile(COMMUNE, { name: 'Xã An Bình', province: 'Tỉnh Quảng Ngãi' }, named('Xã An Bình'));
      expect(await ctx.store.getCommuneProfile(COMMUNE)).toEqual({ name: 'Xã An Bình', province: 'Tỉnh Quảng Ngãi' });
      expect(event).toMatchObject({ seq: 1, action: 'commune_named', data: { commune: COMMUNE, name: 'Xã An Bình' }, prev: '0'.repeat(64) });
      expect(await ctx.store.getCommuneAudit(COMMUNE)).toEqual([event]);
    });

    it('is replaced whole by a later setting, each setting chained after the one before', async () => {
      const first = await ctx.store.putCommuneProfile(COMMUNE, { name: 'Xã An Bình', district: 'Huyện Cũ' }, named('Xã An Bình'));
      const second = await ctx.store.putCommuneProfile(COMMUNE, { name: 'Xã An Bình Mới' }, named('Xã An Bình Mới', T.edited));
      expect(await ctx.store.getCommuneProfile(COMMUNE)).toEqual({ name: 'Xã An Bình Mới' });
      expect(second).toMatchObject({ seq: 2, prev: first.hash });
      const log = await ctx.store.getCommuneAudit(COMMUNE);
      expect(log.map((e) => e.data.name)).toEqual(['Xã An Bình', 'Xã An Bình Mới']);
      expect(checkChain(log)).toEqual([]);
    });

    it('settings at the same time all land in one unbroken chain, and the profile is one of them', async () => {
      const names = ['Xã Một', 'Xã Hai', 'Xã Ba', 'Xã Bốn'];
      await Promise.all(names.map((name) => ctx.store.putCommuneProfile(COMMUNE, { name }, named(name))));
      const log = await ctx.store.getCommuneAudit(COMMUNE);
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(checkChain(log)).toEqual([]);
      expect(new Set(log.map((e) => e.data.name))).toEqual(new Set(names));
      // The profile is the last setting written.
      expect((await ctx.store.getCommuneProfile(COMMUNE))?.name).toBe(log[3]?.data.name);
    });

    it('is the commune’s own: another commune’s profile and log, and the rounds’ logs, stay apart', async () => {
      await ctx.store.createConsultation(consultation(1), T.created, audit('created'));
      await ctx.store.putCommuneProfile(COMMUNE, { name: 'Xã An Bình' }, named('Xã An Bình'));
      expect(await ctx.store.getCommuneProfile('xa-ben-canh')).toBeUndefined();
      expect(await ctx.store.getCommuneAudit('xa-ben-canh')).toEqual([]);
      expect((await ctx.store.getAudit(consultation(1).id)).map((e) => e.action)).toEqual(['created']);
    });

    it('is a copy: changing what was given or read back changes nothing stored', async () => {
      const profile = { name: 'Xã An Bình' };
      await ctx.store.putCommuneProfile(COMMUNE, profile, named('Xã An Bình'));
      profile.name = 'Xã Khác';
      const read = await ctx.store.getCommuneProfile(COMMUNE);
      if (read) read.name = 'Xã Khác nữa';
      expect(await ctx.store.getCommuneProfile(COMMUNE)).toEqual({ name: 'Xã An Bình' });
    });
  });
}
