/** One countersignature a monitor account and round: a second one is refused and leaves no trace; another account can still sign. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** An attestation of `manifestHash` signed with a fresh key of a monitor of `name`. */
async function attestation(consultationId: string, manifestHash: string, name: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const pub = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  const kid = jwkThumbprint(pub);
  const payload = {
    consultationId,
    manifest: manifestHash,
    monitor: { name, organisation: 'Ban Thanh tra nhân dân xã' },
    statement: 'verified',
    at: '2026-11-23T08:00:00Z',
  };
  const jws = await encodeJws(
    { alg: 'ES256', kid, typ: 'attestation+jws', jwk: pub },
    jcsBytes(payload),
    async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  );
  return { jws, kid };
}

describe('one countersignature a monitor account and round', () => {
  let s: Sys;
  let id = '';
  let manifest = '';
  let first = '';
  let second = '';

  const attest = (token: string, jws: string) => s.call('POST', `/api/consultations/${id}/attestations`, { token, body: jws, type: 'application/jose' });
  const published = (kid: string) => existsSync(join(s.dataDir, 'site', 'c', id, 'attestations', `${kid}.jws`));
  const accepted = async () => (await s.core.store.getAudit(id)).filter((e) => e.action === 'attestation_accepted');

  beforeAll(async () => {
    s = await testSystem('one-attestation');
    const official = await s.token('official');
    const ok = <R extends { status: number; text: string }>(r: R, status: number): R => {
      if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
      return r;
    };
    id = ok(await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() }), 201).json.id;
    ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' }), 200);
    await recordOnlineConditions(s.call, official, id, 4);
    ok(await s.call('POST', `/api/consultations/${id}/disclose`, { token: official }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/close`, { token: official }), 200);
    const result = readFileSync(join(s.dataDir, 'site', 'c', id, 'result.jws'), 'utf8').trim();
    manifest = sha256Hex(decodeJws(result).payloadBytes);
    first = await s.token('monitor');
    second = await s.issuer.issue({ sub: 'monitor-c', role: 'monitor', commune: COMMUNE });
  });
  afterAll(() => s.cleanup());

  it('refuses a second countersignature by the same monitor account, with another key or the same, and publishes and logs nothing', async () => {
    const a = await attestation(id, manifest, 'Trần Văn Giám');
    expect((await attest(first, a.jws)).status).toBe(201);
    expect(published(a.kid)).toBe(true);

    const again = await attestation(id, manifest, 'Trần Văn Giám');
    const refused = await attest(first, again.jws);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('already_signed');
    expect(published(again.kid)).toBe(false);
    const repeated = await attest(first, a.jws);
    expect(repeated.status).toBe(409);
    expect((await accepted()).map((e) => e.data.kid)).toEqual([a.kid]);
    expect(JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'attestations', 'index.json'), 'utf8'))).toEqual([a.kid]);
  });

  it('lets another monitor account of the commune countersign the same round', async () => {
    const b = await attestation(id, manifest, 'Lê Thị Sát');
    expect((await attest(second, b.jws)).status).toBe(201);
    expect(published(b.kid)).toBe(true);
    const kids = (await accepted()).map((e) => e.data.kid);
    expect(kids).toHaveLength(2);
    expect(kids).toContain(b.kid);
    expect((await attest(second, (await attestation(id, manifest, 'Lê Thị Sát')).jws)).status).toBe(409);
  });

  it('finishes a countersignature recorded whose publishing failed when it is sent again, once, and refuses its replay by another account', async () => {
    const third = await s.issuer.issue({ sub: 'monitor-d', role: 'monitor', commune: COMMUNE });
    const c = await attestation(id, manifest, 'Phạm Văn Kiểm');
    expect((await attest(third, c.jws)).status).toBe(201);
    // As if the put had failed after the event was written: the file is gone, the event stays.
    rmSync(join(s.dataDir, 'site', 'c', id, 'attestations', `${c.kid}.jws`));
    const retried = await attest(third, c.jws);
    expect(retried.status, retried.text).toBe(201);
    expect(published(c.kid)).toBe(true);
    expect((await accepted()).filter((e) => e.data.kid === c.kid)).toHaveLength(1);
    // Published now: the same countersignature again, from its account or replayed from another, is refused.
    expect((await attest(third, c.jws)).status).toBe(409);
    const other = await s.issuer.issue({ sub: 'monitor-e', role: 'monitor', commune: COMMUNE });
    expect((await attest(other, c.jws)).json.error?.code).toBe('already_signed');
    expect((await accepted()).filter((e) => e.data.kid === c.kid)).toHaveLength(1);
  });
});
