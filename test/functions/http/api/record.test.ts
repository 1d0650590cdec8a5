/**
 * The after-publication routes through the app, with bearer tokens of each role signed like Cognito id tokens and
 * checked by the real token verifier: who may record what (401, 403), what the law does not ask (409), and the
 * public read.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../../../functions/adapters/token-verifier.ts';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import { createApp } from '../../../../functions/http/app.ts';
import type { Consultation } from '../../../../shared/schemas.ts';
import { roadConsultation } from '../../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../../support/profile.ts';

const COMMUNE = 'xa-do-tai';
const ISSUER = 'danban-test';
const { privateKey, publicKey } = await generateKeyPair('ES256');
const verifyToken = tokenVerifier({ jwks: localJwks({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }), issuer: ISSUER });
const token = (group: string, commune = COMMUNE) =>
  new SignJWT({ 'cognito:groups': [group], 'custom:commune': commune, token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject(`${group}-1`)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

const store = new MemoryStore();
const core: CoreDeps = {
  store,
  limiter: new MemoryAttemptLimiter(),
  signer: { publicKeySpki: async () => new Uint8Array(91), sign: async () => new Uint8Array(64) },
  publisher: { put: async () => {}, get: async () => undefined, url: (key) => `http://site.test/${key}` },
  scheduler: { schedule: async () => {}, cancel: async () => {} },
  clock: { now: () => new Date('2026-12-09T03:00:00Z') },
  ids: { ulid: () => '01JDANBAN0000000000000000Z', random: (k) => new Uint8Array(k) },
  profile: OPEN_AT_ONCE,
  log: () => {},
};
const app = createApp({ core, verifyToken, clientIp: () => '127.0.0.1' });

async function published(matter: string, id: string): Promise<string> {
  const actor = { role: 'official' as const, id: 'o1' };
  const at = '2026-12-07T10:00:00Z';
  const doc = { ...roadConsultation(new Date('2026-12-01T00:00:00Z')), id, commune: COMMUNE, matter } as Consultation;
  await store.createConsultation(doc, at, { at, actor, action: 'created', data: {} });
  await store.transition(id, ['draft'], 'voting', at, { at, actor, action: 'opened', data: {} });
  await store.close(id, at, { at, actor, action: 'closed', data: {} });
  await store.markPublished(id, 'http://site.test/c/', { at, actor, action: 'published', data: { consultationId: id } });
  return id;
}

async function post(path: string, body: unknown, bearer?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

const RULES = await published('community_rules', '01JDANBAN0000000000000000A');
const ROAD = await published('contribution', '01JDANBAN0000000000000000B');
const BOARD = await published('board_members', '01JDANBAN0000000000000000C');
const SENT = { date: '2026-12-09', reference: '12/TB-TĐ' };
const YES = { decision: 'recognized', date: '2026-12-09', reference: '45/QĐ-UBND' };

describe('the after-publication routes', () => {
  it('the commune’s token carries the role `commune`; an unknown group is no role', async () => {
    expect(await verifyToken(await token('commune'))).toEqual({ sub: 'commune-1', role: 'commune', commune: COMMUNE });
    expect(await verifyToken(await token('admin'))).toBeUndefined();
  });

  it('an official records the sending (201); the commune may not (403); no token is 401; twice is 409', async () => {
    const path = `/api/consultations/${RULES}/record/sent`;
    expect((await post(path, { to: 'ubnd_xa', ...SENT })).status).toBe(401);
    expect((await post(path, { to: 'ubnd_xa', ...SENT }, await token('commune'))).json.error.code).toBe('forbidden');
    const ok = await post(path, { to: 'ubnd_xa', ...SENT }, await token('official'));
    expect(ok).toMatchObject({ status: 201, json: { to: 'ubnd_xa', ...SENT } });
    expect(await post(path, { to: 'ubnd_xa', ...SENT }, await token('official'))).toMatchObject({ status: 409, json: { error: { code: 'already_recorded' } } });
    expect((await post(path, { to: 'ubnd_xa', date: 'hôm qua', reference: 'x' }, await token('official'))).status).toBe(400);
  });

  it('recognition: an official is refused (403), a decision in force on the vote needs none (409), UBND xã records it (201) once', async () => {
    const path = `/api/consultations/${RULES}/recognition`;
    expect(await post(path, YES, await token('official'))).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect(await post(path, YES, await token('commune', 'xa-khac'))).toMatchObject({ status: 403 });
    expect(await post(`/api/consultations/${ROAD}/recognition`, YES, await token('commune'))).toMatchObject({
      status: 409,
      json: { error: { code: 'no_recognition_needed' } },
    });
    expect((await post(path, { ...YES, decision: 'refused' }, await token('commune'))).status).toBe(400);
    expect(await post(path, YES, await token('commune'))).toMatchObject({ status: 201, json: { decision: 'recognized', body: 'ubnd_xa' } });
    expect(await post(path, YES, await token('commune'))).toMatchObject({ status: 409, json: { error: { code: 'already_recorded' } } });
  });

  it('a monitor of the Front recognises the boards’ members once it is sent to UBMTTQ xã; UBND xã may not', async () => {
    const path = `/api/consultations/${BOARD}/recognition`;
    expect(await post(path, YES, await token('monitor'))).toMatchObject({ status: 409, json: { error: { code: 'not_sent' } } });
    await post(`/api/consultations/${BOARD}/record/sent`, { to: 'ubmttq_xa', ...SENT }, await token('official'));
    expect((await post(path, YES, await token('commune'))).status).toBe(403);
    expect(await post(path, YES, await token('monitor'))).toMatchObject({ status: 201, json: { body: 'ubmttq_xa' } });
  });

  it('annulment and a request to amend are the commune’s, with reasons', async () => {
    const why = { date: '2026-12-09', reference: '46/QĐ-UBND', reason: 'Sai trình tự, thủ tục' };
    expect((await post(`/api/consultations/${ROAD}/amendment-request`, why, await token('official'))).status).toBe(403);
    expect((await post(`/api/consultations/${ROAD}/amendment-request`, { ...why, reason: undefined }, await token('commune'))).status).toBe(400);
    expect((await post(`/api/consultations/${ROAD}/amendment-request`, why, await token('commune'))).status).toBe(201);
    expect((await post(`/api/consultations/${ROAD}/annulment`, why, await token('commune'))).status).toBe(201);
    expect((await post(`/api/consultations/${ROAD}/annulment`, why, await token('commune'))).status).toBe(409);
  });

  it('anyone reads what followed publication, with the deadlines', async () => {
    const res = await app.request(`/api/consultations/${RULES}/after-publication`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      takesEffect: 'ubnd_xa',
      sending: { deadline: '2026-12-14', pending: ['ubmttq_xa'], overdue: false },
      recognition: { by: 'ubnd_xa', deadline: '2026-12-16', overdue: false, decision: { decision: 'recognized' } },
    });
  });

  it('lists the routes in the OpenAPI document, the acts behind a bearer token', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    for (const p of ['record/sent', 'recognition', 'annulment', 'amendment-request'])
      expect(doc.paths[`/api/consultations/{id}/${p}`]?.post?.security).toBeDefined();
    expect(doc.paths['/api/consultations/{id}/after-publication']?.get).toBeDefined();
  });
});
