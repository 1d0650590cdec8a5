/**
 * The code slips of an online round, on the in-memory store with the local sealer: every code printed on any page
 * is the household's working code, the same on every showing, drawn from a key kept sealed (never the codes);
 * pages of 200 by hamlet; a reissued code leaves its old slip out; sealed slips or a closed round show nothing.
 */
import { describe, expect, it } from 'vitest';
import { LocalSealer } from '../../../functions/adapters/local-sealer.ts';
import { codeSlips, SLIPS_PER_PAGE, sealSlips, slipContext } from '../../../functions/core/code-slips.ts';
import { codeHash, normalizeCode } from '../../../functions/core/codes.ts';
import { createConsultation, uploadRoll } from '../../../functions/core/consultations.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { openVoting, reissueCode } from '../../../functions/core/voting.ts';
import type { Household } from '../../../shared/schemas.ts';
import { onlineConsultation, recordOnlineConditions } from '../../bench/fixtures.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const STRANGER: Principal = { sub: 'o2', role: 'official', commune: 'xa-khac' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' };

function roll(n: number): Household[] {
  // Three hamlets, listed out of order, so the pages must sort them.
  const hamlets = ['Thôn Đông', 'Thôn Bắc', 'Thôn Nam'];
  return Array.from({ length: n }, (_, i) => ({
    id: `H-${String(n - i).padStart(4, '0')}`,
    hamlet: hamlets[i % 3]!,
    head: `Chủ hộ ${i}`,
    members: 2,
    category: 'standard' as const,
  }));
}

async function opened(n: number, sealer = new LocalSealer(new Uint8Array(32).fill(9))) {
  const core: CoreDeps = { ...memoryCoreDeps(NOW, '01JDANBAN00000000000000C01'), sealer };
  const rec = await createConsultation(core, OFFICIAL, onlineConsultation(NOW));
  const id = rec.consultation.id;
  await uploadRoll(core, OFFICIAL, id, roll(n));
  await recordOnlineConditions(core, OFFICIAL, id, n);
  const open = await openVoting(core, OFFICIAL, id, { override: { reason: 'Cộng đồng đã họp và thống nhất mở ngay.' } });
  return { core, id, open };
}

describe('the code slips', () => {
  it('every page shows working codes, the same as the opening answered and on every showing, sorted by hamlet then roll id', async () => {
    const { core, id, open } = await opened(450);
    const fromOpening = new Map(open.credentials.map((k) => [k.household, k.code]));
    const first = await codeSlips(core, OFFICIAL, id, { page: 1 });
    expect(first.pages).toBe(Math.ceil(450 / SLIPS_PER_PAGE));
    const all = [];
    for (let page = 1; page <= first.pages; page++) all.push(...(await codeSlips(core, OFFICIAL, id, { page })).slips);
    expect(all).toHaveLength(450);
    expect(new Set(all.map((s) => s.household)).size).toBe(450);
    const order = all.map((s) => `${s.hamlet}|${s.household}`);
    expect(order).toEqual([...order].sort());
    for (const slip of all) {
      expect(slip.code).toBe(fromOpening.get(slip.household));
      expect(await core.store.findCredential(id, codeHash(id, normalizeCode(slip.code!)!))).toBe(slip.household);
    }
    expect((await codeSlips(core, OFFICIAL, id, { page: 1 })).slips).toEqual(first.slips);
    // Every showing is in the log, with how many codes it showed; the codes themselves never are.
    const log = await core.store.getAudit(id);
    const shown = log.filter((e) => e.action === 'codes_shown');
    expect(shown.map((e) => e.data.codes)).toEqual([200, 200, 200, 50, 200]);
    expect(JSON.stringify(log)).not.toContain(all[0]!.code!);
  });

  it('by hamlet: only that hamlet’s households; an unknown hamlet or a page past the end is a 400', async () => {
    const { core, id } = await opened(30);
    const page = await codeSlips(core, OFFICIAL, id, { page: 1, hamlet: 'Thôn Nam' });
    expect(page.total).toBe(10);
    expect(page.slips.every((s) => s.hamlet === 'Thôn Nam')).toBe(true);
    expect(page.hamlets).toEqual([
      { name: 'Thôn Bắc', count: 10 },
      { name: 'Thôn Nam', count: 10 },
      { name: 'Thôn Đông', count: 10 },
    ]);
    await expect(codeSlips(core, OFFICIAL, id, { page: 1, hamlet: 'Thôn Tây' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(codeSlips(core, OFFICIAL, id, { page: 2 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(codeSlips(core, OFFICIAL, id, { page: 0 })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('a reissued household’s old slip is left out; only the new code works', async () => {
    const { core, id, open } = await opened(6);
    const reissued = await reissueCode(core, OFFICIAL, id, 'H-0003');
    const slips = (await codeSlips(core, OFFICIAL, id, { page: 1 })).slips;
    expect(slips.find((s) => s.household === 'H-0003')).toEqual({ household: 'H-0003', hamlet: expect.any(String) });
    const old = open.credentials.find((k) => k.household === 'H-0003')!.code;
    expect(await core.store.findCredential(id, codeHash(id, normalizeCode(old)!))).toBeUndefined();
    expect(await core.store.findCredential(id, codeHash(id, normalizeCode(reissued.code)!))).toBe('H-0003');
  });

  it('the store keeps the key sealed, never in clear, and only for this round', async () => {
    const sealer = new LocalSealer(new Uint8Array(32).fill(4));
    const { core, id } = await opened(3, sealer);
    const sealed = (await core.store.getSlipKey(id, NOW.toISOString()))!;
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    const key = await sealer.unseal(sealed, slipContext(id));
    expect(key).toHaveLength(32);
    expect(sealed).not.toContain(Buffer.from(key).toString('base64url'));
    await expect(sealer.unseal(sealed, slipContext('01JDANBAN00000000000000C02'))).rejects.toThrow();
    await expect(new LocalSealer(new Uint8Array(32).fill(5)).unseal(sealed, slipContext(id))).rejects.toThrow();
  });

  it('sealed after printing: nothing shown again, the act logged once; only the commune’s officials see or seal', async () => {
    const { core, id } = await opened(3);
    await expect(codeSlips(core, STRANGER, id, { page: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(codeSlips(core, MONITOR, id, { page: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sealSlips(core, MONITOR, id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await sealSlips(core, OFFICIAL, id)).toEqual({ sealed: true });
    expect(await sealSlips(core, OFFICIAL, id)).toEqual({ sealed: true });
    await expect(codeSlips(core, OFFICIAL, id, { page: 1 })).rejects.toMatchObject({ code: 'wrong_state' });
    expect((await core.store.getAudit(id)).filter((e) => e.action === 'slips_sealed')).toHaveLength(1);
  });

  it('an online round cannot open without a sealer: refused before anything is written', async () => {
    const core = memoryCoreDeps(NOW, '01JDANBAN00000000000000C03');
    const rec = await createConsultation(core, OFFICIAL, onlineConsultation(NOW));
    await uploadRoll(core, OFFICIAL, rec.consultation.id, roll(3));
    await recordOnlineConditions(core, OFFICIAL, rec.consultation.id, 3);
    await expect(openVoting(core, OFFICIAL, rec.consultation.id, { override: { reason: 'Cộng đồng đã họp và thống nhất mở ngay.' } })).rejects.toMatchObject({
      code: 'internal_error',
    });
    expect((await core.store.getConsultation(rec.consultation.id))?.state).toBe('draft');
  });
});
