import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGNING_JS, signingScript } from '../../../functions/http/signing-script.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../../../shared/jws.ts';
import { browserKeyPair, runScript } from '../../support/signing-script.ts';

describe('the common part of the signing scripts', () => {
  const s = runScript(SIGNING_JS).DanbanSigning;

  it('writes JCS like the project’s canonicaliser for the signed shapes', () => {
    const value = { statement: 'verified', monitor: { organisation: 'Ban "Thanh tra" \u2028', name: 'Trần Văn Giám' }, at: '2026-11-23T08:00:00Z', Z: 'upper first', é: 'after ascii' };
    expect(s.jcs(value)).toBe(new TextDecoder().decode(jcsBytes(value)));
    expect(s.jcs({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('encodes base64url and hex without padding, and decodes it back', () => {
    const bytes = new Uint8Array([251, 255, 0, 62, 63]);
    expect(s.b64u(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(Array.from(s.b64uDecode(s.b64u(bytes)))).toEqual(Array.from(bytes));
    expect(s.hex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(() => s.b64uDecode('a+b/')).toThrow();
    expect(s.utcSecond(new Date('2026-11-23T08:00:00.987Z'))).toBe('2026-11-23T08:00:00Z');
  });

  it('computes the RFC 7638 thumbprint the server computes, of a JWK and of a key pair', async () => {
    const pair = await browserKeyPair();
    const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
    expect(await s.thumbprint({ ...jwk, ext: true, key_ops: ['verify'] })).toBe(jwkThumbprint(jwk));
    expect(await s.keyThumbprint(pair)).toBe(jwkThumbprint(jwk));
    await expect(webcrypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    const ec = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    expect(await s.thumbprint(ec)).toBe(jwkThumbprint(ec));
  });

  it('signs a compact JWS whose header carries the key, its thumbprint and the type, and which verifies under it', async () => {
    const pair = await browserKeyPair();
    const compact: string = await s.signJws(pair, 'example+jws', { b: 'Thôn Đông', a: 1 });
    const decoded = decodeJws(compact);
    expect(decoded.header).toEqual({ alg: 'ES256', jwk: decoded.header.jwk, kid: jwkThumbprint(decoded.header.jwk as JsonWebKey), typ: 'example+jws' });
    expect(Object.keys(decoded.header.jwk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(new TextDecoder().decode(decoded.payloadBytes)).toBe('{"a":1,"b":"Thôn Đông"}');
    expect(await verifyEs256(decoded, await importP256PublicKey(decoded.header.jwk as JsonWebKey))).toBe(true);
    const other = await browserKeyPair();
    expect(await verifyEs256(decoded, other.publicKey)).toBe(false);
  });

  it('words a refused post Vietnamese first, then the status and the English reason', () => {
    expect(s.refusal({ status: 403, body: { error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } } })).toBe('Bị từ chối: Bạn không có quyền. / Refused (HTTP 403): not yours');
    expect(s.refusal({ status: 502, body: undefined })).toBe('Bị từ chối / Refused (HTTP 502)');
  });

  it('starts nothing outside a browser, and puts the common part before the parts a page needs', () => {
    expect(s.supported()).toBe(false);
    expect(signingScript('/* part */')).toBe(`${SIGNING_JS}\n/* part */`);
  });
});
