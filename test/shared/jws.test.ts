import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../../shared/bytes.ts';
import { derToP1363 } from '../../shared/der.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, jwkToSpki, pemToSpki, spkiToJwk, spkiToPem, verifyEs256 } from '../../shared/jws.ts';

async function webKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const signer = async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input));
  return { pair, signer };
}

// RFC 7638 §3.1 example key (RSA) and its thumbprint.
const RFC7638_JWK = {
  kty: 'RSA',
  n:
    '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn6' +
    '4tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n9' +
    '1CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('JWS ES256 and P-256 keys', () => {
  it('a JWS made here verifies here and under an independent JOSE library', async () => {
    const { pair, signer } = await webKey();
    const payload = utf8('{"format":"result/1"}');
    const compact = await encodeJws({ typ: 'result+jws', kid: 'k1', alg: 'ES256' }, payload, signer);
    expect(compact.split('.')[0]).toBe(toBase64Url(utf8('{"alg":"ES256","kid":"k1","typ":"result+jws"}')));
    expect(await verifyEs256(compact, pair.publicKey)).toBe(true);
    const checked = await jose.compactVerify(compact, pair.publicKey);
    expect(new TextDecoder().decode(checked.payload)).toBe('{"format":"result/1"}');
  });

  it('a JWS made by an independent JOSE library verifies here', async () => {
    const { pair } = await webKey();
    const compact = await new jose.CompactSign(utf8('hello')).setProtectedHeader({ alg: 'ES256' }).sign(pair.privateKey);
    expect(await verifyEs256(compact, pair.publicKey)).toBe(true);
  });

  it('a KMS-style DER signature, converted, makes a JWS that verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const compact = await encodeJws({ alg: 'ES256' }, utf8('x'), async (input) => derToP1363(nodeSign('sha256', input, privateKey)));
    expect(await verifyEs256(compact, await importP256PublicKey(spki))).toBe(true);
  });

  it('decodeJws returns the parts and the exact signing input', async () => {
    const { signer } = await webKey();
    const compact = await encodeJws({ alg: 'ES256', kid: 'a' }, utf8('payload'), signer);
    const d = decodeJws(compact);
    expect(d.header).toEqual({ alg: 'ES256', kid: 'a' });
    expect(new TextDecoder().decode(d.payloadBytes)).toBe('payload');
    expect(d.signature.length).toBe(64);
    expect(new TextDecoder().decode(d.signingInput)).toBe(compact.split('.').slice(0, 2).join('.'));
  });

  it('a tampered payload, header or signature does not verify', async () => {
    const { pair, signer } = await webKey();
    const compact = await encodeJws({ alg: 'ES256' }, utf8('{"yes":10}'), signer);
    const [h, p, s] = compact.split('.') as [string, string, string];
    const otherPayload = toBase64Url(utf8('{"yes":11}'));
    const otherHeader = toBase64Url(utf8('{"alg":"ES256","kid":"x"}'));
    const sig = fromBase64Url(s);
    sig[10]! ^= 1;
    expect(await verifyEs256(`${h}.${otherPayload}.${s}`, pair.publicKey)).toBe(false);
    expect(await verifyEs256(`${otherHeader}.${p}.${s}`, pair.publicKey)).toBe(false);
    expect(await verifyEs256(`${h}.${p}.${toBase64Url(sig)}`, pair.publicKey)).toBe(false);
    const other = await webKey();
    expect(await verifyEs256(compact, other.pair.publicKey)).toBe(false);
  });

  it('another alg, a crit header or a DER-length signature is refused even with a valid signature', async () => {
    const { pair, signer } = await webKey();
    expect(await verifyEs256(await encodeJws({ alg: 'ES384' }, utf8('x'), signer), pair.publicKey)).toBe(false);
    expect(await verifyEs256(await encodeJws({ alg: 'ES256', crit: ['exp'], exp: 1 }, utf8('x'), signer), pair.publicKey)).toBe(false);
    const compact = await encodeJws({ alg: 'ES256' }, utf8('x'), async () => new Uint8Array(70));
    expect(await verifyEs256(compact, pair.publicKey)).toBe(false);
  });

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['a header that is not base64url', '!!.e30.AA'],
    ['a header that is not JSON', `${toBase64Url(utf8('nope'))}.e30.AA`],
    ['a header that is an array', `${toBase64Url(utf8('[]'))}.e30.AA`],
    ['a padded signature', `${toBase64Url(utf8('{}'))}.e30.AA==`],
  ])('decodeJws names a malformed JWS: %s', (_name, compact) => {
    expect(() => decodeJws(compact)).toThrow(/JWS/);
  });

  it('SPKI, JWK and PEM forms of a key convert into each other and import to the same key', async () => {
    const { pair } = await webKey();
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    expect(spkiToJwk(spki)).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    expect([...jwkToSpki(jwk)]).toEqual([...spki]);
    const pem = spkiToPem(spki);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/=]{1,64}\n-----END PUBLIC KEY-----\n$/);
    expect([...pemToSpki(pem)]).toEqual([...spki]);
    expect([...pemToSpki(pem.replace(/\n/g, '\r\n'))]).toEqual([...spki]);
    for (const form of [jwk, spki, pem, { ...jwk, alg: 'ES256', use: 'sig', key_ops: ['verify'], kid: 'x' }]) {
      const key = await importP256PublicKey(form);
      expect(new Uint8Array(await crypto.subtle.exportKey('spki', key))).toEqual(spki);
    }
  });

  it('node:crypto and WebCrypto agree on the SPKI PEM of a key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    expect(spkiToPem(der)).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('refuses keys that are not P-256 public keys', async () => {
    const { pair } = await webKey();
    const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
    await expect(importP256PublicKey(priv)).rejects.toThrow(/private/);
    await expect(importP256PublicKey({ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' })).rejects.toThrow(/P-256/);
    await expect(importP256PublicKey(new Uint8Array(91))).rejects.toThrow(/SPKI/);
    await expect(importP256PublicKey('-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n')).rejects.toThrow(/PEM/);
    // A point that is not on the curve.
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const y = fromBase64Url(jwk.y!);
    y[31]! ^= 1;
    await expect(importP256PublicKey({ ...jwk, y: toBase64Url(y) })).rejects.toThrow();
  });

  it('the thumbprint of the RFC 7638 example key is the one the RFC gives', () => {
    expect(jwkThumbprint(RFC7638_JWK)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('the thumbprint of a P-256 key equals one computed independently from node:crypto and by a JOSE library', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    // RFC 7638 §3.2 by hand: required members in lexicographic order, no whitespace.
    const json = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
    const expected = createHash('sha256').update(json).digest('base64url');
    expect(jwkThumbprint(jwk as JsonWebKey)).toBe(expected);
    expect(jwkThumbprint({ ...(jwk as JsonWebKey), use: 'sig', alg: 'ES256', ext: true } as JsonWebKey)).toBe(expected);
    expect(await jose.calculateJwkThumbprint(jwk as jose.JWK)).toBe(expected);
  });

  it('a JWK thumbprint needs the required members of its key type', () => {
    expect(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'AA' })).toThrow(/member y/);
    expect(() => jwkThumbprint({ kty: 'XYZ' })).toThrow(/kty/);
  });
});
