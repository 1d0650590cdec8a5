import { describe, expect, it } from 'vitest';
import { dataSummary, MONITOR_SIGN_JS } from '../../../../functions/http/monitors/routes.tsx';
import { utf8 } from '../../../../shared/bytes.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../../../shared/jws.ts';
import { sha256Hex } from '../../../../shared/sha256.ts';
import { attestationProblem } from '../../../../shared/verify.ts';
import { browserKeyPair, runScript } from '../../../support/signing-script.ts';

describe('the countersign part of the monitors’ script', () => {
  const cs = runScript(MONITOR_SIGN_JS).DanbanCountersign;

  it('hashes the result’s payload bytes and signs an attestation the verifier accepts', async () => {
    const manifestBytes = utf8('{"kind":"manifest/1","consultationId":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}');
    const result = await encodeJws({ alg: 'ES256', kid: 'k' }, manifestBytes, async () => new Uint8Array(64));
    const manifest = await cs.manifestHash(result);
    expect(manifest).toBe(sha256Hex(manifestBytes));
    const keyPair = await browserKeyPair();
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
