import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../../shared/jws.ts';
import { sha256Hex } from '../../../shared/sha256.ts';
import { attestationProblem } from '../../../shared/verify/index.ts';
import { attestation, manifestHash } from '../../../web/sign/countersign.ts';
import { keyThumbprint } from '../../../web/sign/signer.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('a monitor’s countersignature in the browser', () => {
  it('hashes the result’s payload bytes and signs an attestation the verifier accepts', async () => {
    const manifestBytes = utf8(`{"kind":"manifest/1","consultationId":"${ID}"}`);
    const result = await encodeJws({ alg: 'ES256', kid: 'k' }, manifestBytes, async () => new Uint8Array(64));
    const manifest = manifestHash(`${result}\n`);
    expect(manifest).toBe(sha256Hex(manifestBytes));
    const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const compact = await attestation({
      keyPair,
      resultJws: `${result}\n`,
      consultationId: ID,
      name: 'Trần Văn Giám',
      organisation: 'Ban Thanh tra nhân dân xã',
      now: new Date('2026-11-23T08:00:00.5Z'),
    });
    const decoded = decodeJws(compact);
    expect(decoded.header).toMatchObject({ alg: 'ES256', typ: 'attestation+jws', kid: jwkThumbprint(decoded.header.jwk as JsonWebKey) });
    expect(decoded.header.kid).toBe(await keyThumbprint(keyPair));
    expect(fromUtf8(decoded.payloadBytes)).toBe(
      `{"at":"2026-11-23T08:00:00Z","consultationId":"${ID}","manifest":"${manifest}","monitor":{"name":"Trần Văn Giám","organisation":"Ban Thanh tra nhân dân xã"},"statement":"verified"}`,
    );
    const name = `attestations/${String(decoded.header.kid)}.jws`;
    expect(await attestationProblem(name, utf8(compact), manifest, ID)).toBeUndefined();
    expect(await attestationProblem(name, utf8(compact), 'f'.repeat(64), ID)).toBeDefined();
  });

  it('refuses a result that is not a compact JWS, in words a monitor can act on', async () => {
    expect(() => manifestHash('not a jws')).toThrow('result.jws is not a compact JWS');
    expect(() => manifestHash('a.b')).toThrow('result.jws is not a compact JWS');
    const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    await expect(attestation({ keyPair, resultJws: '<html>', consultationId: ID, name: 'A', organisation: 'B', now: new Date() })).rejects.toThrow(
      'result.jws is not a compact JWS',
    );
  });
});
