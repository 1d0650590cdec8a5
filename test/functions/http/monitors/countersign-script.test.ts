import { webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { dataSummary, MONITOR_SIGN_JS } from '../../../../functions/http/monitors/routes.tsx';
import { utf8 } from '../../../../shared/bytes.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../../../shared/jws.ts';
import { sha256Hex } from '../../../../shared/sha256.ts';
import { attestationProblem } from '../../../../shared/verify.ts';
import { browserKeyPair, cryptoWith, FakeElement, FakeIndexedDB, fakePage, runScript } from '../../../support/signing-script.ts';

describe('the countersign part of the monitors’ script', () => {
  const cs = runScript(MONITOR_SIGN_JS).DanbanCountersign;

  it('hashes the result’s payload bytes and signs an attestation the verifier accepts', async () => {
    const manifestBytes = utf8('{"kind":"manifest/1","consultationId":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}');
    const result = await encodeJws({ alg: 'ES256', kid: 'k' }, manifestBytes, async () => new Uint8Array(64));
    const manifest = await cs.manifestHash(result);
    expect(manifest).toBe(sha256Hex(manifestBytes));
    const keyPair = await browserKeyPair();
    const id = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const compact: string = await cs.attestation({
      keyPair,
      resultJws: `${result}\n`,
      consultationId: id,
      name: 'Trần Văn Giám',
      organisation: 'Ban Thanh tra nhân dân xã',
      now: new Date('2026-11-23T08:00:00.5Z'),
    });
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

describe('the countersign page’s key', () => {
  it('after a failed first attempt, signing makes the key again without a reload, shows it and signs with it', async () => {
    const id = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const manifestBytes = utf8(`{"kind":"manifest/1","consultationId":"${id}"}`);
    const result = await encodeJws({ alg: 'ES256', kid: 'k' }, manifestBytes, async () => new Uint8Array(64));
    const idb = new FakeIndexedDB();
    let calls = 0;
    const crypto = cryptoWith((real, ...args) => (++calls === 1 ? Promise.reject(new Error('no key this time')) : real(...args)));
    const named = { name: new FakeElement(), organisation: new FakeElement() };
    named.name.value = ' Trần Văn Giám ';
    named.organisation.value = 'Ban Thanh tra nhân dân xã';
    const form = new FakeElement({ action: `/monitors/c/${id}/attest` }, { button: () => null }, named);
    const status = new FakeElement();
    const fingerprint = new FakeElement();
    const section = new FakeElement({ 'data-result': `/c/${id}/result.jws`, 'data-id': id });
    const posted: string[] = [];
    const fetch = async (url: string, init: { method?: string; body?: string } = {}) => {
      if (url === `/c/${id}/result.jws` && !init.method) return { ok: true, status: 200, text: async () => `${result}\n` };
      if (url === `/monitors/c/${id}/attest` && init.method === 'POST') {
        posted.push(init.body!);
        const kid = String(decodeJws(init.body!).header.kid);
        const problem = await attestationProblem(`attestations/${kid}.jws`, utf8(init.body!), sha256Hex(manifestBytes), id);
        return {
          ok: !problem,
          status: problem ? 400 : 201,
          text: async () => JSON.stringify(problem ? { error: { code: 'invalid', message: problem } } : { kid }),
        };
      }
      return { ok: false, status: 404, text: async () => '' };
    };
    const page = fakePage({ countersign: section, 'cs-form': form, 'cs-status': status, 'cs-fingerprint': fingerprint }, idb, crypto);
    runScript(MONITOR_SIGN_JS, { indexedDB: idb, crypto, fetch, ...page });
    await vi.waitFor(() => expect(status.textContent).toBe('Không tạo được khóa / Could not make the key: no key this time'));
    expect(fingerprint.textContent).toBe('');

    form.dispatch('submit');
    await vi.waitFor(() => expect(status.textContent).toMatch(/^(Đã ghi nhận|Bị từ chối|Không ký được)/));
    const kept = idb.records('danban-monitor', 'keys').get('monitor') as CryptoKeyPair;
    const kid = jwkThumbprint(await webcrypto.subtle.exportKey('jwk', kept.publicKey));
    expect(status.textContent).toBe(`Đã ghi nhận chữ ký xác nhận / Attestation accepted: ${kid}`);
    expect(fingerprint.textContent).toBe(kid);
    expect(posted).toHaveLength(1);
    expect(decodeJws(posted[0]!).header.kid).toBe(kid);
    expect(calls).toBe(2);
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
