/**
 * The acts before voting and the reads of the staff pages, on the in-memory store: each act decides its own state,
 * records its audit event and republishes what it changes; each read checks who asks.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { createConsultation, uploadRoll } from '../../../functions/core/consultations.ts';
import { cancelConsultation, discloseConsultation } from '../../../functions/core/lifecycle.ts';
import type { Principal, Publisher } from '../../../functions/core/ports.ts';
import { communeDashboard, liveAudit, openingReadiness, rollSummary } from '../../../functions/core/read-model.ts';
import { roadConsultation, roll } from '../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' };
const STRANGER: Principal = { sub: 'o2', role: 'official', commune: 'xa-khac' };

function deps(): { core: CoreDeps; written: string[]; logged: string[] } {
  const files = new Map<string, Uint8Array>();
  const written: string[] = [];
  const logged: string[] = [];
  const publisher: Publisher = {
    put: async (key, body) => {
      written.push(key);
      files.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
    },
    get: async (key) => files.get(key),
    url: (key) => `http://site.test/${key}`,
  };
  let n = 0;
  const core: CoreDeps = {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: {
      publicKeySpki: async () => SPKI,
      sign: async (message) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(message))),
    },
    publisher,
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => NOW },
    ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => new Uint8Array(k).fill(7) },
    profile: OPEN_AT_ONCE,
    log: (line) => logged.push(line),
  };
  return { core, written, logged };
}

async function draft(core: CoreDeps) {
  const rec = await createConsultation(core, OFFICIAL, { ...roadConsultation(NOW), method: 'meeting' });
  return rec.consultation.id;
}

/** A draft with its roll: only such a draft may be disclosed. */
async function rolled(core: CoreDeps) {
  const id = await draft(core);
  await uploadRoll(core, OFFICIAL, id, roll(4));
  return id;
}

describe('disclosing and cancelling', () => {
  it('disclosing a draft moves it to disclosure, logs `disclosed` and republishes its page and the site index', async () => {
    const { core, written, logged } = deps();
    const id = await rolled(core);
    const rec = await discloseConsultation(core, OFFICIAL, id);
    expect(logged).toEqual([]);
    expect(rec.state).toBe('disclosure');
    const log = await core.store.getAudit(id);
    expect(log.at(-1)).toMatchObject({ action: 'disclosed', data: { from: 'draft', to: 'disclosure' } });
    expect(written).toEqual(expect.arrayContaining([`c/${id}/index.html`, 'index.html']));
  });

  it('a disclosed consultation cannot be disclosed again, and a cancelled one cannot be cancelled again', async () => {
    const { core } = deps();
    const id = await rolled(core);
    await discloseConsultation(core, OFFICIAL, id);
    await expect(discloseConsultation(core, OFFICIAL, id)).rejects.toMatchObject({ code: 'wrong_state' });
    await cancelConsultation(core, OFFICIAL, id);
    await expect(cancelConsultation(core, OFFICIAL, id)).rejects.toMatchObject({ code: 'wrong_state' });
  });

  it('a draft whose roll is empty cannot be disclosed: refused with the reason in Vietnamese, nothing logged', async () => {
    const { core, written } = deps();
    const id = await draft(core);
    await expect(discloseConsultation(core, OFFICIAL, id)).rejects.toMatchObject({
      code: 'wrong_state',
      vi: 'Chưa có danh sách hộ: hãy tải danh sách hộ lên trước khi công khai.',
    });
    expect((await core.store.getAudit(id)).map((e) => e.action)).toEqual(['created']);
    expect(written).not.toContain(`c/${id}/index.html`);
  });

  it('only an official of the commune acts: a monitor is forbidden, another commune does not see the draft', async () => {
    const { core } = deps();
    const id = await draft(core);
    await expect(discloseConsultation(core, MONITOR, id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(discloseConsultation(core, STRANGER, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(discloseConsultation(core, undefined, id)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('the staff pages’ reads', () => {
  it('the dashboard lists the commune’s rounds, drafts only to officials', async () => {
    const { core } = deps();
    const a = await draft(core);
    const b = await rolled(core);
    await discloseConsultation(core, OFFICIAL, b);
    expect((await communeDashboard(core, OFFICIAL)).map((r) => r.consultation.id).sort()).toEqual([a, b].sort());
    expect((await communeDashboard(core, MONITOR)).map((r) => r.consultation.id)).toEqual([b]);
    expect(await communeDashboard(core, STRANGER)).toEqual([]);
  });

  it('opening readiness names every obstacle: an empty roll, then none once the roll is up', async () => {
    const { core } = deps();
    const id = await draft(core);
    const empty = await openingReadiness(core, OFFICIAL, id);
    expect([empty.allowed, empty.reasons]).toEqual([false, ['roll_empty']]);
    await uploadRoll(core, OFFICIAL, id, roll(4));
    expect((await rollSummary(core, OFFICIAL, id)).count).toBe(4);
    const ready = await openingReadiness(core, OFFICIAL, id);
    expect([ready.allowed, ready.reasons]).toEqual([true, []]);
    await cancelConsultation(core, OFFICIAL, id);
    expect((await openingReadiness(core, OFFICIAL, id)).reasons).toContain('not_before_voting');
  });

  it('the live audit log is the monitors’ (and the commune’s officials’), with every act', async () => {
    const { core } = deps();
    const id = await rolled(core);
    await discloseConsultation(core, OFFICIAL, id);
    const { log } = await liveAudit(core, MONITOR, id, { monitorOnly: true });
    expect(log.map((e) => e.action)).toEqual(['created', 'roll_uploaded', 'disclosed']);
    await expect(liveAudit(core, OFFICIAL, id, { monitorOnly: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(liveAudit(core, STRANGER, id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
