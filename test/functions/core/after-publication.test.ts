/**
 * What follows publication, on the in-memory store: the sending by an official, the recognition by the body the law
 * names and no other, annulment and requests to amend by UBND xã, each once, each an audit event that republishes
 * the result page, and the read with its deadlines.
 */
import { describe, expect, it } from 'vitest';
import { afterPublication, annul, recognize, recordSent, requestAmendment } from '../../../functions/core/after-publication.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import type { Consultation } from '../../../shared/schemas.ts';
import { roadConsultation } from '../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';

const COMMUNE = 'xa-do-tai';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: COMMUNE };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: COMMUNE };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: COMMUNE };
const OTHER_UBND: Principal = { sub: 'u2', role: 'commune', commune: 'xa-khac' };
// Voting closed on Monday 7 December 2026 (Vietnam time).
const CLOSED = '2026-12-07T10:00:00Z';

function setup(now = '2026-12-09T03:00:00Z') {
  const clock = { at: new Date(now) };
  const read: string[] = [];
  const logged: string[] = [];
  const store = new MemoryStore();
  let n = 0;
  const core: CoreDeps = {
    store,
    limiter: new MemoryAttemptLimiter(),
    signer: { publicKeySpki: async () => new Uint8Array(91), sign: async () => new Uint8Array(64) },
    publisher: {
      put: async () => {},
      get: async (key) => {
        read.push(key);
        return undefined;
      },
      url: (key) => `http://site.test/${key}`,
    },
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => clock.at },
    ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => new Uint8Array(k).fill(7) },
    profile: { ...OPEN_AT_ONCE, holidays: ['2026-12-08'] } as CoreDeps['profile'],
    log: (line) => logged.push(line),
  };
  return { core, store, clock, read, logged };
}

/** A round of `matter`, published: written straight to the store, as the acts before publication leave it. */
async function published(store: MemoryStore, matter: string, id = '01JDANBAN0000000000000000A'): Promise<string> {
  const actor = { role: 'official' as const, id: 'o1' };
  const doc = { ...roadConsultation(new Date('2026-12-01T00:00:00Z')), id, commune: COMMUNE, matter } as Consultation;
  await store.createConsultation(doc, '2026-12-01T00:00:00Z', { at: '2026-12-01T00:00:00Z', actor, action: 'created', data: {} });
  await store.transition(id, ['draft'], 'voting', '2026-12-02T00:00:00Z', { at: '2026-12-02T00:00:00Z', actor, action: 'opened', data: {} });
  await store.close(id, CLOSED, { at: CLOSED, actor, action: 'closed', data: {} });
  await store.fixPublishedAt(id, CLOSED);
  await store.markPublished(id, 'http://site.test/c/', { at: CLOSED, actor, action: 'published', data: { consultationId: id } });
  return id;
}

const SENT = { date: '2026-12-09', reference: '12/TB-TĐ' };
const YES = { decision: 'recognized' as const, date: '2026-12-09', reference: '45/QĐ-UBND' };
const WHY = { date: '2026-12-09', reference: '46/QĐ-UBND', reason: 'Trái với quy định của pháp luật' };

describe('recording the sending', () => {
  it('an official records each body once, audit-logged `record_sent`, and the result page is published again', async () => {
    const { core, store, read } = setup();
    const id = await published(store, 'contribution');
    const out = await recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT });
    expect(out).toEqual({ to: 'ubnd_xa', ...SENT, at: '2026-12-09T03:00:00Z' });
    expect((await store.getAudit(id)).at(-1)).toMatchObject({ action: 'record_sent', actor: { role: 'official', id: 'o1' }, data: { to: 'ubnd_xa', ...SENT } });
    expect(read).toContain(`c/${id}/result.jws`);
    await expect(recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT })).rejects.toMatchObject({ code: 'already_recorded' });
    await recordSent(core, OFFICIAL, id, { to: 'ubmttq_xa', ...SENT });
  });

  it('is for an official of the commune, after publication, with a date from the vote to today', async () => {
    const { core, store } = setup();
    const id = await published(store, 'contribution');
    await expect(recordSent(core, UBND, id, { to: 'ubnd_xa', ...SENT })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordSent(core, { ...OFFICIAL, commune: 'xa-khac' }, id, { to: 'ubnd_xa', ...SENT })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordSent(core, undefined, id, { to: 'ubnd_xa', ...SENT })).rejects.toMatchObject({ code: 'unauthorized' });
    for (const date of ['2026-12-06', '2026-12-10'])
      await expect(recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', date, reference: '1' })).rejects.toMatchObject({ code: 'invalid_request' });
    const actor = { role: 'official' as const, id: 'o1' };
    await store.createConsultation({ ...(await store.getConsultation(id))!.consultation, id: '01JDANBAN0000000000000000B' }, CLOSED, {
      at: CLOSED,
      actor,
      action: 'created',
      data: {},
    });
    await expect(recordSent(core, OFFICIAL, '01JDANBAN0000000000000000B', { to: 'ubnd_xa', ...SENT })).rejects.toMatchObject({ code: 'wrong_state' });
  });
});

describe('recognition', () => {
  it('UBND xã recognises community rules once, after the sending to it, audit-logged `recognized`', async () => {
    const { core, store } = setup();
    const id = await published(store, 'community_rules');
    await expect(recognize(core, UBND, id, YES)).rejects.toMatchObject({ code: 'not_sent' });
    await recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT });
    const out = await recognize(core, UBND, id, YES);
    expect(out).toMatchObject({ decision: 'recognized', body: 'ubnd_xa', reference: '45/QĐ-UBND' });
    expect((await store.getAudit(id)).at(-1)).toMatchObject({ action: 'recognized', actor: { role: 'commune', id: 'u1' } });
    await expect(recognize(core, UBND, id, YES)).rejects.toMatchObject({ code: 'already_recorded' });
    await expect(recognize(core, UBND, id, { ...YES, decision: 'refused', reason: 'Sai' })).rejects.toMatchObject({ code: 'already_recorded' });
  });

  it('is never the official’s, nor the wrong body’s, nor another commune’s', async () => {
    const { core, store } = setup();
    const rules = await published(store, 'community_rules');
    const board = await published(store, 'board_members', '01JDANBAN0000000000000000C');
    for (const id of [rules, board]) await recordSent(core, OFFICIAL, id, { to: id === rules ? 'ubnd_xa' : 'ubmttq_xa', ...SENT });
    await expect(recognize(core, OFFICIAL, rules, YES)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recognize(core, MONITOR, rules, YES)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recognize(core, OTHER_UBND, rules, YES)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recognize(core, UBND, board, YES)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recognize(core, OFFICIAL, board, YES)).rejects.toMatchObject({ code: 'forbidden' });
    // UBMTTQ xã recognises the boards' members (Art. 21(2)).
    await expect(recognize(core, MONITOR, board, YES)).resolves.toMatchObject({ body: 'ubmttq_xa' });
  });

  it('is not asked of a decision that takes effect on the vote, nor of an opinion', async () => {
    const { core, store } = setup();
    for (const [matter, id] of [
      ['contribution', '01JDANBAN0000000000000000D'],
      ['other_self_managed', '01JDANBAN0000000000000000E'],
      ['opinion', '01JDANBAN0000000000000000F'],
    ] as const) {
      await published(store, matter, id);
      await expect(recognize(core, UBND, id, YES)).rejects.toMatchObject({ code: 'no_recognition_needed' });
    }
  });

  it('a refusal is recorded with its reasons as `recognition_refused`', async () => {
    const { core, store } = setup();
    const id = await published(store, 'village_head');
    await recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT });
    await expect(recognize(core, UBND, id, { ...YES, decision: 'refused' })).rejects.toMatchObject({ code: 'invalid_request' });
    await recognize(core, UBND, id, { ...YES, decision: 'refused', reason: 'Người trúng cử không đủ tiêu chuẩn' });
    expect((await store.getAudit(id)).at(-1)).toMatchObject({ action: 'recognition_refused', data: { reason: 'Người trúng cử không đủ tiêu chuẩn' } });
  });
});

describe('annulment and requests to amend (Art. 22)', () => {
  it('are UBND xã’s, each once, with reasons; nothing is recognised after an annulment', async () => {
    const { core, store } = setup();
    const id = await published(store, 'community_rules');
    await recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT });
    await expect(annul(core, OFFICIAL, id, WHY)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestAmendment(core, MONITOR, id, WHY)).rejects.toMatchObject({ code: 'forbidden' });
    await requestAmendment(core, UBND, id, WHY);
    await expect(requestAmendment(core, UBND, id, WHY)).rejects.toMatchObject({ code: 'already_recorded' });
    await annul(core, UBND, id, WHY);
    expect((await store.getAudit(id)).slice(-2).map((e) => e.action)).toEqual(['amendment_requested', 'annulled']);
    await expect(annul(core, UBND, id, WHY)).rejects.toMatchObject({ code: 'already_recorded' });
    await expect(recognize(core, UBND, id, YES)).rejects.toMatchObject({ code: 'wrong_state' });
  });
});

describe('the read after publication', () => {
  it('gives the deadlines in working days, counting the commune’s holidays, and flags what is overdue at the clock', async () => {
    const { core, store, clock } = setup();
    const id = await published(store, 'community_rules');
    // Tuesday 8 December is a holiday of the commune: the sending is due on Tuesday 15 December.
    expect((await afterPublication(core, id)).sending).toMatchObject({ deadline: '2026-12-15', overdue: false });
    await recordSent(core, OFFICIAL, id, { to: 'ubnd_xa', ...SENT });
    clock.at = new Date('2026-12-16T17:00:00Z');
    const late = await afterPublication(core, id);
    expect(late.sending).toMatchObject({ pending: ['ubmttq_xa'], overdue: true });
    expect(late.recognition).toEqual({ by: 'ubnd_xa', deadline: '2026-12-16', overdue: true });
    await recognize(core, UBND, id, { ...YES, date: '2026-12-17' });
    expect((await afterPublication(core, id)).recognition).toMatchObject({ overdue: false, decision: { decision: 'recognized', late: true } });
  });

  it('is not found for a draft', async () => {
    const { core, store } = setup();
    await store.createConsultation({ ...roadConsultation(new Date(CLOSED)), id: '01JDANBAN0000000000000000G', commune: COMMUNE }, CLOSED, {
      at: CLOSED,
      actor: { role: 'official', id: 'o1' },
      action: 'created',
      data: {},
    });
    await expect(afterPublication(core, '01JDANBAN0000000000000000G')).rejects.toMatchObject({ code: 'not_found' });
  });
});
