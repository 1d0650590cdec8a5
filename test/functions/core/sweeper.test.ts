/**
 * The sweeper on the in-memory store: it closes and publishes a round past its closing time whose schedule never
 * fired, finishes a round a dead closer left `closed` once its lease ran out, leaves rounds not yet due alone, and
 * reports a round voting without a schedule.
 */
import { describe, expect, it } from 'vitest';
import { LocalSealer } from '../../../functions/adapters/local-sealer.ts';
import { createConsultation, uploadRoll } from '../../../functions/core/consultations.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { PUBLISH_LEASE_MS } from '../../../functions/core/publishing.ts';
import { sweep } from '../../../functions/core/sweeper.ts';
import { openVoting } from '../../../functions/core/voting.ts';
import { onlineConsultation, recordOnlineConditions, roll } from '../../bench/fixtures.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));

function world() {
  let now = Date.parse('2026-12-01T02:00:00Z');
  let n = 0;
  const scheduled = new Set<string>();
  const files = new Map<string, Uint8Array>();
  const base = memoryCoreDeps(new Date(now), 'unused');
  const core: CoreDeps = {
    ...base,
    sealer: new LocalSealer(new Uint8Array(32).fill(1)),
    signer: {
      publicKeySpki: async () => SPKI,
      sign: async (m) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(m))),
    },
    publisher: {
      put: async (key, body) => void files.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body),
      get: async (key) => files.get(key),
      url: (key) => `http://site.test/${key}`,
    },
    // A scheduler that lost every schedule: nothing ever fires by itself.
    scheduler: {
      schedule: async (id) => void scheduled.add(id),
      cancel: async (id) => void scheduled.delete(id),
      has: async (id) => scheduled.has(id),
    },
    clock: { now: () => new Date(now) },
    ids: { ...base.ids, ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}` },
  };
  return { core, scheduled, files, advance: (ms: number) => void (now += ms) };
}

async function openRound(core: CoreDeps, hours: number): Promise<string> {
  const input = onlineConsultation(core.clock.now());
  input.closesAt = new Date(core.clock.now().getTime() + hours * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = (await createConsultation(core, OFFICIAL, input)).consultation.id;
  await uploadRoll(core, OFFICIAL, id, roll(4));
  await recordOnlineConditions(core, OFFICIAL, id, 4);
  await openVoting(core, OFFICIAL, id, { override: { reason: 'Cộng đồng đã họp và thống nhất mở ngay.' } });
  return id;
}

describe('the sweeper', () => {
  it('closes an overdue round whose schedule never fired, and leaves a round not yet due alone', async () => {
    const w = world();
    const soon = await openRound(w.core, 1);
    const later = await openRound(w.core, 48);
    expect(await sweep(w.core)).toEqual({ closed: [], busy: [], failed: [], missingSchedules: [], notices: { sent: [], failed: [] } });
    w.advance(2 * 3600_000);
    const report = await sweep(w.core);
    expect(report.closed).toEqual([soon]);
    expect((await w.core.store.getConsultation(soon))?.state).toBe('published');
    expect((await w.core.store.getConsultation(later))?.state).toBe('voting');
    expect(w.files.has(`c/${soon}/result.jws`)).toBe(true);
    // A second sweep has nothing left to do.
    expect((await sweep(w.core)).closed).toEqual([]);
  });

  it('reports a round voting without its schedule, before its closing time', async () => {
    const w = world();
    const id = await openRound(w.core, 24);
    w.scheduled.delete(id);
    expect((await sweep(w.core)).missingSchedules).toEqual([id]);
  });

  it('finishes a round a dead closer left closed, once its lease has run out', async () => {
    const w = world();
    const id = await openRound(w.core, 1);
    w.advance(2 * 3600_000);
    const at = w.core.clock.now().toISOString();
    await w.core.store.close(id, at, { at, actor: { role: 'system', id: 'closer' }, action: 'closed', data: { consultationId: id, reason: 'scheduled' } });
    await w.core.store.takePublishLease(id, 'dead-closer', at, new Date(w.core.clock.now().getTime() + PUBLISH_LEASE_MS).toISOString());
    expect(await sweep(w.core)).toMatchObject({ closed: [], busy: [id] });
    w.advance(PUBLISH_LEASE_MS + 1000);
    expect((await sweep(w.core)).closed).toEqual([id]);
    expect((await w.core.store.getConsultation(id))?.state).toBe('published');
    expect((await w.core.store.getAudit(id)).filter((e) => e.action === 'closed')).toHaveLength(1);
  });
});
