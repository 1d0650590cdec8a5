/**
 * Which answers of the API CloudFront may keep (infra/constructs/site.ts, PUBLIC_READ_PATHS): the public reads'
 * successful answers to anonymous callers carry `public, s-maxage=N`; the same reads for a signed-in caller, every
 * error, receipts, lists and writes stay `no-store`.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../../../functions/adapters/token-verifier.ts';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import { PUBLIC_READ_CACHE_CONTROL } from '../../../../functions/http/api/route.ts';
import { createApp } from '../../../../functions/http/app.ts';
import type { Consultation } from '../../../../shared/schemas.ts';
import { roadConsultation } from '../../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../../support/profile.ts';

const COMMUNE = 'xa-bo-dem';
const ISSUER = 'danban-test';
const { privateKey, publicKey } = await generateKeyPair('ES256');
const verifyToken = tokenVerifier({ jwks: localJwks({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }), issuer: ISSUER });
const official = await new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': COMMUNE, token_use: 'id' })
  .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
  .setSubject('official-1')
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

const ID = '01JDANBAN0000000000000000A';
{
  const actor = { role: 'official' as const, id: 'o1' };
  const at = '2026-12-07T10:00:00Z';
  const doc = { ...roadConsultation(new Date('2026-12-01T00:00:00Z')), id: ID, commune: COMMUNE, matter: 'community_rules' } as Consultation;
  await store.createConsultation(doc, at, { at, actor, action: 'created', data: {} });
  await store.transition(ID, ['draft'], 'voting', at, { at, actor, action: 'opened', data: {} });
  await store.close(ID, at, { at, actor, action: 'closed', data: {} });
  await store.markPublished(ID, 'http://site.test/c/', { at, actor, action: 'published', data: { consultationId: ID } });
}

const get = async (path: string, bearer?: string) => {
  const res = await app.request(path, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  return { status: res.status, cacheControl: res.headers.get('cache-control') };
};

describe('Cache-Control of the API', () => {
  it('is public for a few seconds on the public reads answered to anyone', async () => {
    expect(PUBLIC_READ_CACHE_CONTROL).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    for (const path of [`/api/consultations/${ID}`, `/api/consultations/${ID}/comments`, `/api/consultations/${ID}/after-publication`]) {
      expect(await get(path), path).toEqual({ status: 200, cacheControl: PUBLIC_READ_CACHE_CONTROL });
    }
  });

  it('is no-store for the same reads by a signed-in official', async () => {
    for (const path of [`/api/consultations/${ID}`, `/api/consultations/${ID}/comments`, `/api/consultations/${ID}/after-publication`]) {
      expect(await get(path, official), path).toEqual({ status: 200, cacheControl: 'no-store' });
    }
  });

  it('is no-store for errors, receipts, lists and everything else', async () => {
    const missing = '01JDANBAN00000000000000000';
    for (const path of [
      `/api/consultations/${missing}`,
      `/api/groups/${missing}`,
      `/api/consultations/${missing}/contributions`,
      // A public read that is refused (no published result to complain about here) is an error: not kept.
      `/api/consultations/${ID}/complaints`,
      `/api/consultations/${ID}/receipts/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      '/api/consultations',
      '/api/health',
    ]) {
      expect((await get(path)).cacheControl, path).toBe('no-store');
    }
    const posted = await app.request(`/api/consultations/${ID}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(posted.headers.get('cache-control')).toBe('no-store');
  });
});
