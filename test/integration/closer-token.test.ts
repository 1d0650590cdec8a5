/**
 * The closer trusts no caller's word for who closes: a close by hand carries the official's id token, which the
 * closer verifies itself (issuer, keys, audience, `token_use`, expiry) and reads the official from. A schedule's
 * event carries no token, and closes only a round whose planned close has passed.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { createCloser } from '../../functions/lambda/closer.ts';
import { lambdaContext } from '../support/lambda-world.ts';
import { COMMUNE, OTHER_COMMUNE, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const AUDIENCE = 'pages-client';
const context = lambdaContext('danban-closer', 1024, 60_000) as never;

describe('the closer verifies who closes by hand', () => {
  let s: Awaited<ReturnType<typeof testSystem>>;
  let closer: ReturnType<typeof createCloser>;
  let pool: CryptoKeyPair;
  let forger: CryptoKeyPair;
  /** How far the system's clock is ahead of real time (a schedule firing at closesAt). */
  let ahead = 0;

  /** An id token of the user pool (or, with `key`, signed by someone else under the pool's key id). */
  const idToken = async (
    claims: Record<string, unknown> = {},
    opts: { key?: CryptoKey; expiresIn?: string | number; sub?: string; audience?: string } = {},
  ) => {
    const jwt = new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': COMMUNE, token_use: 'id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
      .setSubject(opts.sub ?? 'official-a')
      .setIssuer(ISSUER)
      .setAudience(opts.audience ?? AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(opts.expiresIn ?? '1h');
    return jwt.sign(opts.key ?? pool.privateKey);
  };

  /** A household-ballot round of the commune, voting now, planned to close in 24 hours. */
  const votingRound = async () => {
    const official = await s.token('official');
    const id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    return id;
  };
  const stateOf = async (id: string) => (await s.core.store.getConsultation(id))!.state;

  beforeAll(async () => {
    s = await testSystem('closer-token', { clock: { now: () => new Date(Date.now() + ahead) } });
    pool = (await generateKeyPair('RS256')) as CryptoKeyPair;
    forger = (await generateKeyPair('RS256')) as CryptoKeyPair;
    const jwk = { ...(await exportJWK(pool.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' };
    closer = createCloser(
      () => s.core,
      () => tokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }), issuer: ISSUER, audience: AUDIENCE }),
    );
  });
  afterAll(() => s?.cleanup());

  it('refuses a forged, an expired, an access or a foreign-audience token, and the round stays open', async () => {
    const id = await votingRound();
    const refused = [
      await idToken({}, { key: forger.privateKey }),
      await idToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await idToken({ token_use: 'access' }),
      await idToken({}, { audience: 'another-client' }),
      'not-a-token',
    ];
    for (const token of refused) {
      const out = await closer({ consultationId: id, idToken: token }, context);
      expect(out).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(await stateOf(id)).toBe('voting');
  });

  it("refuses a valid token of another commune's official, or of a monitor, and the round stays open", async () => {
    const id = await votingRound();
    const other = await closer({ consultationId: id, idToken: await idToken({ 'custom:commune': OTHER_COMMUNE }, { sub: 'official-b' }) }, context);
    expect(other).toMatchObject({ error: { code: 'forbidden' } });
    const monitor = await closer({ consultationId: id, idToken: await idToken({ 'cognito:groups': ['monitor'] }, { sub: 'monitor-a' }) }, context);
    expect(monitor).toMatchObject({ error: { code: 'forbidden' } });
    expect(await stateOf(id)).toBe('voting');
  });

  it('takes who closes from the claims, never from the event: a principal sent alongside is not accepted', async () => {
    const id = await votingRound();
    const out = await closer({ consultationId: id, idToken: await idToken(), requestedBy: { sub: 'official-a', role: 'official', commune: COMMUNE } }, context);
    expect(out).toEqual({ status: 'ignored' });
    expect(await stateOf(id)).toBe('voting');
  });

  it("closes and publishes with a valid token of the commune's official, recorded as that official", async () => {
    const id = await votingRound();
    const out = await closer({ consultationId: id, idToken: await idToken() }, context);
    expect(out).toMatchObject({ state: 'published' });
    expect(await stateOf(id)).toBe('published');
    const closed = (await s.core.store.getAudit(id)).find((e) => e.action === 'closed')!;
    expect(closed.actor).toEqual({ role: 'official', id: 'official-a' });
    expect(closed.data).toMatchObject({ reason: 'manual', early: true });
  });

  it('a scheduled close (no token) leaves a round alone before closesAt, and closes it once it has passed', async () => {
    const id = await votingRound();
    expect(await closer({ consultationId: id }, context)).toEqual({ status: 'not_due' });
    expect(await stateOf(id)).toBe('voting');
    ahead = 25 * 3600_000;
    try {
      expect(await closer({ consultationId: id }, context)).toMatchObject({ status: 'published' });
    } finally {
      ahead = 0;
    }
    expect(await stateOf(id)).toBe('published');
    const closed = (await s.core.store.getAudit(id)).find((e) => e.action === 'closed')!;
    expect(closed.data).toMatchObject({ reason: 'scheduled' });
    expect(closed.data).not.toHaveProperty('early');
  });

  it('refuses every close by hand when it has no verifier', async () => {
    const id = await votingRound();
    const bare = createCloser(() => s.core);
    expect(await bare({ consultationId: id, idToken: await idToken() }, context)).toMatchObject({ error: { code: 'unauthorized' } });
    expect(await stateOf(id)).toBe('voting');
  });
});
