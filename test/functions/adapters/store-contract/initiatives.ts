/** The contract's facts about a citizens' initiative: its own audit chain, and its consents, one per roll id. */
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../../../shared/audit.ts';
import { DomainError } from '../../../../shared/errors.ts';
import type { Consent } from '../../../../shared/process/initiatives.ts';
import type { InitiativeRecord } from '../../../../functions/core/store.ts';
import { audit, T, type StoreContext } from './fixtures.ts';

const I1 = '01JDANBAN0000000000000KN01';
const I2 = '01JDANBAN0000000000000KN02';
const record = (id: string, commune = 'xa-an-binh'): InitiativeRecord => ({
  id,
  commune,
  hamlet: 'Thôn Đông',
  rollFrom: '01JDANBAN00000000000000001',
  matter: 'other_self_managed',
  title: 'Lắp đèn đường thôn',
  text: 'Lắp 12 bóng đèn.',
  proposer: { kind: 'household', rollId: 'H-001' },
  proposedOn: '2027-01-05',
  createdAt: T.created,
  online: true,
  lists: [],
});
const online = (rollId: string, on: string): Consent => ({ rollId, on, channel: 'online' });

export function initiativeFacts(ctx: StoreContext): void {
  describe('a citizens’ initiative', () => {
    it('is absent, with no chain and no consent, until proposed', async () => {
      expect(await ctx.store.getInitiative(I1)).toBeUndefined();
      expect(await ctx.store.getInitiativeAudit(I1)).toEqual([]);
      expect(await ctx.store.listConsents(I1)).toEqual([]);
      expect(await ctx.store.listInitiatives('xa-an-binh')).toEqual([]);
    });

    it('is read back as written, each act chained after the one before, and listed in its commune only', async () => {
      const first = await ctx.store.putInitiative(record(I1), audit('initiative_proposed', T.created, { initiative: I1 }), 0);
      const next = { ...record(I1), lists: [{ id: 'DS-01', filedBy: 'Hộ H-001', filedOn: '2027-01-06', households: 3 }] };
      const second = await ctx.store.putInitiative(next, audit('initiative_paper_list_filed', T.edited, { initiative: I1 }), 1);
      await ctx.store.putInitiative(record(I2, 'xa-khac'), audit('initiative_proposed', T.created, { initiative: I2 }), 0);
      expect(await ctx.store.getInitiative(I1)).toEqual({ record: next, auditSeq: 2 });
      const log = await ctx.store.getInitiativeAudit(I1);
      expect(log).toEqual([first, second]);
      expect(checkChain(log)).toEqual([]);
      expect((await ctx.store.listInitiatives('xa-an-binh')).map((r) => r.id)).toEqual([I1]);
    });

    it('refuses a write from a stale head with busy, writing nothing', async () => {
      await ctx.store.putInitiative(record(I1), audit('initiative_proposed', T.created, { initiative: I1 }), 0);
      const err = await ctx.store.putInitiative({ ...record(I1), title: 'Khác' }, audit('x', T.edited, {}), 0).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('busy');
      expect((await ctx.store.getInitiative(I1))?.record.title).toBe('Lắp đèn đường thôn');
      expect(await ctx.store.getInitiativeAudit(I1)).toHaveLength(1);
    });

    it('keeps one consent per roll id while it counts, and takes a renewal once it has expired', async () => {
      expect(await ctx.store.addConsent(I1, online('H-001', '2027-01-05'), '2027-04-05', '2027-01-05')).toBe(true);
      const paper: Consent = { rollId: 'H-001', on: '2027-01-06', channel: 'paper', list: 'DS-01', filedBy: 'Hộ H-002' };
      expect(await ctx.store.addConsent(I1, paper, '2027-04-06', '2027-01-06')).toBe(false);
      expect(await ctx.store.addConsent(I1, online('H-001', '2027-04-05'), '2027-07-05', '2027-04-05')).toBe(false);
      expect(await ctx.store.listConsents(I1)).toEqual([online('H-001', '2027-01-05')]);
      // The day after its last day, the household may consent again: the new consent replaces the expired one.
      expect(await ctx.store.addConsent(I1, online('H-001', '2027-04-06'), '2027-07-06', '2027-04-06')).toBe(true);
      expect(await ctx.store.addConsent(I1, paper, '2027-04-06', '2027-01-06')).toBe(false);
      expect(await ctx.store.listConsents(I1)).toEqual([online('H-001', '2027-04-06')]);
      expect(await ctx.store.listConsents(I2)).toEqual([]);
    });

    it('simultaneous consents of one household keep exactly one; of many households, each one', async () => {
      const same = await Promise.all(Array.from({ length: 10 }, () => ctx.store.addConsent(I1, online('H-007', '2027-01-05'), '2027-04-05', '2027-01-05')));
      expect(same.filter(Boolean)).toHaveLength(1);
      const ids = Array.from({ length: 10 }, (_, i) => `H-1${String(i).padStart(2, '0')}`);
      const many = await Promise.all(ids.map((id) => ctx.store.addConsent(I1, online(id, '2027-01-05'), '2027-04-05', '2027-01-05')));
      expect(many.every(Boolean)).toBe(true);
      expect((await ctx.store.listConsents(I1)).map((c) => c.rollId).sort()).toEqual(['H-007', ...ids].sort());
    });
  });
}
