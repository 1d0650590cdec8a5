import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenVerifier } from '../../../functions/adapters/token-verifier.ts';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const AUDIENCE = 'client-1';
const pool = await generateKeyPair('ES256');
const verify = tokenVerifier({
  jwks: createLocalJWKSet({ keys: [{ ...(await exportJWK(pool.publicKey)), kid: 'k1', alg: 'ES256' }] }),
  issuer: ISSUER,
  audience: AUDIENCE,
});

/** A pool token with the given claims; `null` leaves a claim out. */
function token(claims: Record<string, unknown> = {}, exp: string | number | null = '1h'): Promise<string> {
  const payload: Record<string, unknown> = { 'cognito:groups': ['official'], 'custom:commune': 'xa-a', token_use: 'id', ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === null) delete payload[k];
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('o-1').setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(pool.privateKey);
}

describe('the token verifier', () => {
  it('accepts an id token of the pool: the principal from its claims', async () => {
    expect(await verify(await token())).toEqual({ sub: 'o-1', role: 'official', commune: 'xa-a' });
  });

  it('refuses a token without token_use', async () => {
    expect(await verify(await token({ token_use: null }))).toBeUndefined();
  });

  it('refuses an access token', async () => {
    expect(await verify(await token({ token_use: 'access' }))).toBeUndefined();
  });

  it('refuses a token without an expiry', async () => {
    expect(await verify(await token({}, null))).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    expect(await verify(await token({}, Math.floor(Date.now() / 1000) - 60))).toBeUndefined();
  });

  it('refuses a token of another app client or signed by another key', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': 'xa-a', token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('o-1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect(await verify(forged)).toBeUndefined();
    const foreign = await new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': 'xa-a', token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('o-1')
      .setIssuer(ISSUER)
      .setAudience('another-client')
      .setExpirationTime('1h')
      .sign(pool.privateKey);
    expect(await verify(foreign)).toBeUndefined();
  });
});
