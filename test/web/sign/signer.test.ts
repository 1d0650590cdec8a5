import { describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../../shared/bytes.ts';
import { canonicalize } from '../../../shared/jcs.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../../../shared/jws.ts';
import { keyThumbprint, publicJwk, signJws } from '../../../web/sign/signer.ts';

/** A key pair as the key store makes it: the private key not extractable. */
async function browserKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

describe('signing with a key pair kept in the browser', () => {
  it('signs a compact JWS whose header carries the key, its thumbprint and the type, and which verifies under it', async () => {
    const pair = await browserKeyPair();
    const compact = await signJws(pair, 'example+jws', { b: 'Thôn Đông', a: 1 });
    const decoded = decodeJws(compact);
    expect(decoded.header).toEqual({ alg: 'ES256', jwk: decoded.header.jwk, kid: jwkThumbprint(decoded.header.jwk as JsonWebKey), typ: 'example+jws' });
    expect(Object.keys(decoded.header.jwk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(fromUtf8(decoded.payloadBytes)).toBe('{"a":1,"b":"Thôn Đông"}');
    // The header is JCS too: what the server and the verifier re-read byte for byte.
    expect(decoded.headerB64).toBe(Buffer.from(canonicalize(decoded.header)).toString('base64url'));
    expect(await verifyEs256(decoded, await importP256PublicKey(decoded.header.jwk as JsonWebKey))).toBe(true);
    expect(await verifyEs256(decoded, (await browserKeyPair()).publicKey)).toBe(false);
  });

  it('signs the JCS of the payload, as the project’s canonicaliser writes it', async () => {
    const value = {
      statement: 'verified',
      monitor: { organisation: 'Ban "Thanh tra" \u2028', name: 'Trần Văn Giám' },
      at: '2026-11-23T08:00:00Z',
      Z: 'upper first',
      é: 'after ascii',
      list: [true, null, 'x', 10.5],
    };
    const decoded = decodeJws(await signJws(await browserKeyPair(), 'example+jws', value));
    expect(fromUtf8(decoded.payloadBytes)).toBe(canonicalize(value));
    expect(fromUtf8(decoded.payloadBytes).startsWith('{"Z":"upper first","at":')).toBe(true);
    expect(fromUtf8(decoded.payloadBytes).endsWith(',"statement":"verified","é":"after ascii"}')).toBe(true);
  });

  it('shows as fingerprint the RFC 7638 thumbprint the server computes, and exports only the public key', async () => {
    const pair = await browserKeyPair();
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const fingerprint = await keyThumbprint(pair);
    expect(fingerprint).toBe(jwkThumbprint(jwk));
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await publicJwk(pair)).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    // A key given as a JWK: the thumbprint of its public members only, whatever else the JWK carries.
    const ec = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    const publicKey = await importP256PublicKey({ ...ec, key_ops: ['verify'], ext: true } as JsonWebKey);
    expect(await keyThumbprint({ publicKey, privateKey: pair.privateKey })).toBe(jwkThumbprint(ec));
  });
});
