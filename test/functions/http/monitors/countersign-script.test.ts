import { runInNewContext } from 'node:vm';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COUNTERSIGN_JS } from '../../../../functions/http/monitors/countersign-script.ts';
import { dataSummary } from '../../../../functions/http/monitors/routes.tsx';
import { jcsBytes } from '../../../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../../../shared/jws.ts';
import { sha256Hex } from '../../../../shared/sha256.ts';
import { utf8 } from '../../../../shared/bytes.ts';
import { attestationProblem } from '../../../../shared/verify.ts';

/** The served script, run as a browser would run it but without a document: only its pure functions. */
function script(): any {
  const context: Record<string, unknown> = { crypto: webcrypto, TextEncoder, btoa, atob, Uint8Array, Promise, JSON, String, Object, Array, Error };
  runInNewContext(COUNTERSIGN_JS, context);
  return context.DanbanCountersign;
}

describe('the countersign script', () => {
  const cs = script();

  it('writes JCS like the project’s canonicaliser for the attestation’s shapes', () => {
    const value = { statement: 'verified', monitor: { organisation: 'Ban "Thanh tra" \u2028', name: 'Trần Văn Giám' }, at: '2026-11-23T08:00:00Z', Z: 'upper first', é: 'after ascii' };
    expect(cs.jcs(value)).toBe(new TextDecoder().decode(jcsBytes(value)));
    expect(cs.jcs({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('encodes base64url and hex without padding, and decodes it back', () => {
    const bytes = new Uint8Array([251, 255, 0, 62, 63]);
    expect(cs.b64u(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(Array.from(cs.b64uDecode(cs.b64u(bytes)))).toEqual(Array.from(bytes));
    expect(cs.hex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(() => cs.b64uDecode('a+b/')).toThrow();
    expect(cs.utcSecond(new Date('2026-11-23T08:00:00.987Z'))).toBe('2026-11-23T08:00:00Z');
  });

  it('computes the RFC 7638 thumbprint the server computes, and the RFC’s own example', async () => {
    const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
    expect(await cs.thumbprint({ ...jwk, ext: true, key_ops: ['verify'] })).toBe(jwkThumbprint(jwk));
    await expect(webcrypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    // RFC 7638 §3.1 is RSA; an EC key's members are crv, kty, x, y in that order.
    const ec = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    expect(await cs.thumbprint(ec)).toBe(jwkThumbprint(ec));
  });

  it('hashes the result’s payload bytes and signs an attestation the verifier accepts', async () => {
    const manifestBytes = utf8('{"kind":"manifest/1","consultationId":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}');
    const result = await encodeJws({ alg: 'ES256', kid: 'k' }, manifestBytes, async () => new Uint8Array(64));
    const manifest = await cs.manifestHash(result);
    expect(manifest).toBe(sha256Hex(manifestBytes));
    const keyPair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const id = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const compact: string = await cs.attestation({ keyPair, resultJws: `${result}\n`, consultationId: id, name: 'Trần Văn Giám', organisation: 'Ban Thanh tra nhân dân xã', now: new Date('2026-11-23T08:00:00.5Z') });
    const decoded = decodeJws(compact);
    expect(decoded.header).toMatchObject({ alg: 'ES256', typ: 'attestation+jws', kid: jwkThumbprint(decoded.header.jwk as JsonWebKey) });
    expect(new TextDecoder().decode(decoded.payloadBytes)).toBe(
      `{"at":"2026-11-23T08:00:00Z","consultationId":"${id}","manifest":"${manifest}","monitor":{"name":"Trần Văn Giám","organisation":"Ban Thanh tra nhân dân xã"},"statement":"verified"}`,
    );
    const name = `attestations/${String(decoded.header.kid)}.jws`;
    expect(await attestationProblem(name, utf8(compact), manifest, id)).toBeUndefined();
    expect(await attestationProblem(name, utf8(compact), 'f'.repeat(64), id)).toBeDefined();
    await expect(cs.manifestHash('not a jws')).rejects.toThrow();
  });
});

describe('the audit log’s data column', () => {
  it('shows the data as one line, cut to fit', () => {
    expect(dataSummary({})).toBe('');
    expect(dataSummary({ count: 3 })).toBe('{"count":3}');
    const long = dataSummary({ text: 'x'.repeat(500) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});
