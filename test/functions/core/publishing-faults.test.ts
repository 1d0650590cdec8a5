/**
 * Close-and-publish under failure, on the in-memory store: the store, the signer and the publisher fail in turn at
 * every step of a close, the closer "dies" there (every later call fails too, its lease is never given back), and a
 * second closer runs after the lease ran out. Whatever the step, the round ends published once: one `closed` and one
 * `published` event, every `result.jws` and `result.json` ever written identical, and a bundle that verifies. Two
 * closers at once leave one signature.
 */
import { describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../../functions/core/codes.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal, Publisher, Signer } from '../../../functions/core/ports.ts';
import { closeAndPublish, PUBLISH_LEASE_MS } from '../../../functions/core/publishing.ts';
import type { Store } from '../../../functions/core/store.ts';
import { castOnline } from '../../../functions/core/voting.ts';
import { fromUtf8 } from '../../../shared/bytes.ts';
import { spkiToPem } from '../../../shared/jws.ts';
import { sha256 } from '../../../shared/sha256.ts';
import { verifyBundle } from '../../../shared/verify/index.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';
import { streetLights } from '../../support/street-lights.ts';

const AT = '2026-12-01T20:00:00Z';
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const ID = '01JDANBAN00000000000000001';
const CODES = ['AAAA-BBBB-CCCC-DDD1', 'AAAA-BBBB-CCCC-DDD2', 'AAAA-BBBB-CCCC-DDD3', 'AAAA-BBBB-CCCC-DDD4'];

/** The store's acts that close-and-publish calls: each is a step where the closer can die. */
const STORE_STEPS = [
  'getConsultation',
  'takePublishLease',
  'close',
  'dropSlipKey',
  'fixPublishedAt',
  'readForTally',
  'getAudit',
  'getSignature',
  'keepSignature',
  'markPublished',
  'listConsultations',
  'listComments',
  'listOpinions',
  'releasePublishLease',
] as const;

class Crash extends Error {}

/** Counts every step; from step `at` on (once armed) every step throws, as if the process had died there. */
class Faults {
  steps: string[] = [];
  at: number | undefined;
  step(name: string): void {
    this.steps.push(name);
    if (this.at !== undefined && this.steps.length >= this.at) throw new Crash(`died at ${name}`);
  }
}

interface World {
  core: CoreDeps;
  faults: Faults;
  files: Map<string, Uint8Array>;
  /** Every write of each key, in order. */
  writes: Map<string, string[]>;
  signatures: number;
  advance(ms: number): void;
}

function world(): World {
  const faults = new Faults();
  const files = new Map<string, Uint8Array>();
  const writes = new Map<string, string[]>();
  let now = Date.parse(AT);
  const publisher: Publisher = {
    put: async (key, body) => {
      faults.step(`put ${key}`);
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      files.set(key, bytes);
      writes.set(key, [...(writes.get(key) ?? []), fromUtf8(bytes)]);
    },
    get: async (key) => files.get(key),
    url: (key) => `http://site.test/${key}`,
  };
  const w = { faults, files, writes, signatures: 0 } as World;
  const signer: Signer = {
    publicKeySpki: async () => SPKI,
    sign: async (m) => {
      faults.step('sign');
      const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(m)));
      w.signatures++;
      return sig;
    },
  };
  const memory = new MemoryStore();
  const store = new Proxy(memory, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !(STORE_STEPS as readonly string[]).includes(String(prop))) return value;
      return (...args: unknown[]) => {
        faults.step(String(prop));
        return value.apply(target, args);
      };
    },
  }) as Store;
  let counter = 0;
  w.core = {
    store,
    limiter: new MemoryAttemptLimiter(),
    signer,
    publisher,
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => new Date(now) },
    ids: { ulid: () => ID, random: (k) => sha256(new TextEncoder().encode(`r${++counter}`)).slice(0, k) },
    profile: OPEN_AT_ONCE,
    log: () => {},
  };
  w.advance = (ms) => {
    now += ms;
  };
  return w;
}

const consultation = streetLights(ID);

/** An online round with four households, three of which have voted; no fault armed yet. */
async function votedRound(): Promise<World> {
  const w = world();
  const actor = { role: 'official' as const, id: 'o1' };
  const store = w.core.store;
  await store.createConsultation(consultation, AT, { at: AT, actor, action: 'created', data: {} });
  const roll = CODES.map((_, n) => ({ id: `H-${n + 1}`, hamlet: 'Thôn Đông', head: `Chủ hộ ${n + 1}`, members: 2, category: 'standard' as const }));
  await store.replaceRoll(ID, roll, AT, { at: AT, actor, action: 'roll_uploaded', data: {} });
  await store.openVoting(
    ID,
    (r) => r.map((h, i) => ({ household: h.id, hash: codeHash(ID, normalizeCode(CODES[i]!)!) })),
    AT,
    () => ({ at: AT, actor, action: 'voting_opened', data: {} }),
  );
  for (const [i, answer] of (['yes', 'no', 'yes'] as const).entries()) await castOnline(w.core, ID, { code: CODES[i]!, answers: { q1: answer } }, '127.0.0.1');
  w.faults.steps = [];
  return w;
}

function bundleOf(files: Map<string, Uint8Array>): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const dir = `c/${ID}/`;
  for (const [key, bytes] of files) {
    const name = key.slice(dir.length);
    if (key.startsWith(dir) && !name.endsWith('.html') && !name.endsWith('.csv') && !name.startsWith('attestations/') && !name.startsWith('contributions/'))
      out[name] = bytes;
  }
  return out;
}

/** What every run must leave, whatever failed before it. */
async function expectPublishedOnce(w: World): Promise<void> {
  const rec = await w.core.store.getConsultation(ID);
  expect(rec?.state).toBe('published');
  const actions = (await w.core.store.getAudit(ID)).map((e) => e.action);
  expect(actions.filter((a) => a === 'closed')).toHaveLength(1);
  expect(actions.filter((a) => a === 'published')).toHaveLength(1);
  const jws = new Set(w.writes.get(`c/${ID}/result.jws`));
  expect(jws.size).toBe(1);
  expect(new Set(w.writes.get(`c/${ID}/result.json`)).size).toBe(1);
  expect((await w.core.store.getSignature(ID))?.jws).toBe([...jws][0]);
  const report = await verifyBundle(bundleOf(w.files), { pinned: spkiToPem(SPKI) });
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report.ok).toBe(true);
}

async function outcome(act: Promise<unknown>): Promise<string> {
  try {
    await act;
    return 'done';
  } catch (err) {
    return err instanceof Crash ? 'crashed' : `refused ${(err as { code?: string }).code}`;
  }
}

describe('close-and-publish after a crash at any step', () => {
  it('a clean close goes through every step once and signs once', async () => {
    const w = await votedRound();
    await closeAndPublish(w.core, OFFICIAL, ID, 'manual');
    await expectPublishedOnce(w);
    expect(w.signatures).toBe(1);
    for (const name of ['takePublishLease', 'close', 'sign', 'keepSignature', `put c/${ID}/result.jws`, 'markPublished'])
      expect(w.faults.steps).toContain(name);
  });

  it('dies at each step in turn; a later closer finishes with the same bytes, one signature published, a bundle that verifies', async () => {
    const clean = await votedRound();
    await closeAndPublish(clean.core, OFFICIAL, ID, 'manual');
    const total = clean.faults.steps.length;
    expect(total).toBeGreaterThan(20);
    const seen: string[] = [];
    for (let at = 1; at <= total; at++) {
      const w = await votedRound();
      w.faults.at = at;
      const first = await outcome(closeAndPublish(w.core, OFFICIAL, ID, 'manual'));
      seen.push(`${w.faults.steps[at - 1]}: ${first}`);
      // A death inside an after-commit step (the site index, the lease's release) is logged, and the close is done.
      expect(['crashed', 'done']).toContain(first);
      // The process is gone; a new one starts.
      w.faults.at = undefined;
      const second = await outcome(closeAndPublish(w.core, undefined, ID, 'scheduled'));
      // A dead closer's lease holds a second one off (busy) until it runs out, unless the closer died before taking it.
      if (second !== 'done') {
        expect(second).toBe('refused busy');
        w.advance(PUBLISH_LEASE_MS + 1_000);
        expect(await outcome(closeAndPublish(w.core, undefined, ID, 'scheduled'))).toBe('done');
      }
      await expectPublishedOnce(w);
      // Signed again only when the first signature was never kept (the closer died signing or keeping it).
      const keptBeforeDeath = clean.faults.steps.indexOf('keepSignature') + 1 < at;
      expect(w.signatures).toBeLessThanOrEqual(keptBeforeDeath ? 1 : 2);
    }
    expect(seen).toHaveLength(total);
  });

  it('two closers at once: one publishes, the other is told the round is busy; one signature', async () => {
    const w = await votedRound();
    const results = await Promise.all([outcome(closeAndPublish(w.core, OFFICIAL, ID, 'manual')), outcome(closeAndPublish(w.core, undefined, ID, 'scheduled'))]);
    expect(results.sort()).toEqual(['done', 'refused busy']);
    await expectPublishedOnce(w);
    expect(w.signatures).toBe(1);
    // A third, later: finds it published and changes nothing.
    expect(await outcome(closeAndPublish(w.core, undefined, ID, 'scheduled'))).toBe('done');
    expect(w.signatures).toBe(1);
    await expectPublishedOnce(w);
  });

  it('a kept signature over other bytes is refused, never signed again', async () => {
    const w = await votedRound();
    await w.core.store.keepSignature(ID, { manifestHash: '0'.repeat(64), jws: 'x.y.z' });
    expect(await outcome(closeAndPublish(w.core, OFFICIAL, ID, 'manual'))).toBe('refused integrity_error');
    expect(w.signatures).toBe(0);
    expect(w.files.has(`c/${ID}/result.jws`)).toBe(false);
  });

  it('a ballot that lands between the close and the recount is refused and never counted (a barrier in the store)', async () => {
    const w = await votedRound();
    const store = w.core.store;
    let late: string | undefined;
    const realClose = store.close.bind(store);
    store.close = async (...args) => {
      const closed = await realClose(...args);
      // The barrier: the close has committed, the recount has not read yet; the fourth household tries now.
      late = await outcome(castOnline(w.core, ID, { code: CODES[3]!, answers: { q1: 'no' } }, '127.0.0.1'));
      return closed;
    };
    await closeAndPublish(w.core, OFFICIAL, ID, 'manual');
    expect(late).toBe('refused not_open');
    const ballots = JSON.parse(fromUtf8(w.files.get(`c/${ID}/ballots.json`)!));
    expect((ballots.ballots ?? ballots).length).toBe(3);
    await expectPublishedOnce(w);
  });
});
