/**
 * A commune round's aggregate is signed with the commune's key, so on AWS the closer publishes it: the event
 * `{act: 'aggregate', groupId, idToken}` carries the official's id token, which the closer verifies itself exactly
 * as for a close by hand, and reads who asks from. A forged or expired token, a monitor, an official of another
 * commune sign nothing; the commune's official has the aggregate signed once, recorded as theirs, and it verifies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { AGGREGATE_SIGNED } from '../../functions/core/commune-rounds.ts';
import { createCloser } from '../../functions/lambda/closer.ts';
import { verifyAggregate } from '../../shared/verify-aggregate.ts';
import { lambdaContext } from '../support/lambda-world.ts';
import { COMMUNE, OTHER_COMMUNE, testSystem } from '../support/system.ts';
import { unsignedGroup } from '../support/unsigned-group.ts';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const AUDIENCE = 'pages-client';
const context = lambdaContext('danban-closer', 1024, 60_000) as never;

function folder(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

describe('the closer publishes a commune round’s aggregate for the official its token names', () => {
  let s: Awaited<ReturnType<typeof testSystem>>;
  let closer: ReturnType<typeof createCloser>;
  let pool: CryptoKeyPair;
  let forger: CryptoKeyPair;
  let group: { groupId: string; rounds: string[] };

  const idToken = async (claims: Record<string, unknown> = {}, opts: { key?: CryptoKey; expiresIn?: string | number; sub?: string; audience?: string } = {}) =>
    new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': COMMUNE, token_use: 'id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
      .setSubject(opts.sub ?? 'official-a')
      .setIssuer(ISSUER)
      .setAudience(opts.audience ?? AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(opts.expiresIn ?? '1h')
      .sign(opts.key ?? pool.privateKey);

  const signedEvents = async () => (await s.core.store.getAudit(group.rounds[0]!)).filter((e) => e.action === AGGREGATE_SIGNED);
  const groupDir = () => join(s.dataDir, 'site', 'g', group.groupId);

  beforeAll(async () => {
    s = await testSystem('closer-aggregate');
    pool = (await generateKeyPair('RS256')) as CryptoKeyPair;
    forger = (await generateKeyPair('RS256')) as CryptoKeyPair;
    const jwk = { ...(await exportJWK(pool.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' };
    closer = createCloser(
      () => s.core,
      () => tokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }), issuer: ISSUER, audience: AUDIENCE }),
    );
    group = await unsignedGroup(s.call, await s.token('official'), s.core);
  });
  afterAll(() => s?.cleanup());

  it('starts from a group whose rounds are all published and whose aggregate is not signed', async () => {
    const status = await s.call('GET', `/api/groups/${group.groupId}`);
    expect(status.json.rounds.map((r: { state: string }) => r.state)).toEqual(['published', 'published', 'published']);
    expect(status.json.aggregate).toBeUndefined();
    expect(await signedEvents()).toEqual([]);
  });

  it('refuses a forged, an expired, an access or a foreign-audience token, and signs nothing', async () => {
    const refused = [
      await idToken({}, { key: forger.privateKey }),
      await idToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await idToken({ token_use: 'access' }),
      await idToken({}, { audience: 'another-client' }),
      'not-a-token',
    ];
    for (const token of refused) {
      const out = await closer({ act: 'aggregate', groupId: group.groupId, idToken: token }, context);
      expect(out).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(await signedEvents()).toEqual([]);
  });

  it("refuses a valid token of a monitor, or of another commune's official, and signs nothing", async () => {
    const monitor = await closer(
      { act: 'aggregate', groupId: group.groupId, idToken: await idToken({ 'cognito:groups': ['monitor'] }, { sub: 'monitor-a' }) },
      context,
    );
    expect(monitor).toMatchObject({ error: { code: 'forbidden' } });
    const other = await closer(
      { act: 'aggregate', groupId: group.groupId, idToken: await idToken({ 'custom:commune': OTHER_COMMUNE }, { sub: 'official-b' }) },
      context,
    );
    expect(other).toMatchObject({ error: { code: 'forbidden' } });
    expect(await signedEvents()).toEqual([]);
  });

  it('takes who asks from the claims, never from the event; an unknown act or a bad group id is ignored', async () => {
    const token = await idToken();
    const withClaim = { act: 'aggregate', groupId: group.groupId, idToken: token, requestedBy: { sub: 'official-a', role: 'official', commune: COMMUNE } };
    expect(await closer(withClaim, context)).toEqual({ status: 'ignored' });
    expect(await closer({ act: 'sign-anything', groupId: group.groupId, idToken: token }, context)).toEqual({ status: 'ignored' });
    expect(await closer({ act: 'aggregate', groupId: 'not-a-ulid', idToken: token }, context)).toEqual({ status: 'ignored' });
    expect(await signedEvents()).toEqual([]);
  });

  it('refuses every aggregate when it has no verifier', async () => {
    const bare = createCloser(() => s.core);
    expect(await bare({ act: 'aggregate', groupId: group.groupId, idToken: await idToken() }, context)).toMatchObject({ error: { code: 'unauthorized' } });
    expect(await signedEvents()).toEqual([]);
  });

  it("signs and publishes the aggregate with a valid token of the commune's official, recorded as theirs, once", async () => {
    const out = await closer({ act: 'aggregate', groupId: group.groupId, idToken: await idToken() }, context);
    expect(out).toMatchObject({
      groupId: group.groupId,
      hamlets: 3,
      threshold: 2,
      aggregate: { adopted: true, outcome: { q1: { adoptedIn: 2, status: 'adopted' } } },
    });
    const events = await signedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toEqual({ role: 'official', id: 'official-a' });

    const site = join(s.dataDir, 'site');
    const report = await verifyAggregate(
      { group: folder(groupDir()), rounds: Object.fromEntries(group.rounds.map((id) => [id, folder(join(site, 'c', id))])) },
      { pinned: readFileSync(join(site, 'keys', `${s.kid}.pem`), 'utf8') },
    );
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);

    // Again: the same bytes, no second signature.
    const jws = readFileSync(join(groupDir(), 'aggregate.jws'));
    expect(await closer({ act: 'aggregate', groupId: group.groupId, idToken: await idToken({}, { sub: 'official-c' }) }, context)).toMatchObject({
      aggregate: { adopted: true },
    });
    expect(readFileSync(join(groupDir(), 'aggregate.jws'))).toEqual(jws);
    expect(await signedEvents()).toHaveLength(1);
  });

  it('answers an aggregate of no group as not found, without throwing', async () => {
    const out = await closer({ act: 'aggregate', groupId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', idToken: await idToken() }, context);
    expect(out).toMatchObject({ error: { code: 'not_found' } });
  });

  it("verifies a monitor's token for an audit's conclusion before anything else, as for the aggregate", async () => {
    const id = group.rounds[0]!;
    const forged = await closer(
      { act: 'rla', consultationId: id, idToken: await idToken({ 'cognito:groups': ['monitor'] }, { key: forger.privateKey }) },
      context,
    );
    expect(forged).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    // A valid token reaches the audit's conclusion (core/rla.ts), which answers for itself: never ignored, never refused for the token.
    const valid = await closer({ act: 'rla', consultationId: id, idToken: await idToken({ 'cognito:groups': ['monitor'] }, { sub: 'monitor-a' }) }, context);
    expect(valid).not.toEqual({ status: 'ignored' });
    expect(valid).not.toMatchObject({ error: { code: 'unauthorized' } });
  });
});
