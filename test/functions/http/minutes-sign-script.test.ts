import { webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { MINUTES_SIGN_JS } from '../../../functions/http/minutes-sign-script.ts';
import { OFFICIAL_SIGN_JS } from '../../../functions/http/officials/minutes-sign-routes.tsx';
import { signingScript } from '../../../functions/http/signing-script.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { decodeJws, jwkThumbprint } from '../../../shared/jws.ts';
import { Minutes, MINUTES_ROLES, minutesHash, minutesSigningInput, signMinutes, verifyMinutesSignature, type MinutesRole } from '../../../shared/minutes.ts';
import { browserKeyPair, cryptoWith, FakeElement, FakeIndexedDB, fakePage, runScript } from '../../support/signing-script.ts';

const MINUTES: Minutes = Minutes.parse({
  kind: 'minutes/1',
  consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  manifest: 'a'.repeat(64),
  commune: 'xa-an-binh',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  title: 'Bê tông hóa đường "liên thôn"',
  matter: 'opinion',
  place: 'Nhà văn hóa thôn Đông',
  time: { from: '2026-11-01T00:00:00Z', to: '2026-11-20T10:00:00Z' },
  method: 'household_ballot',
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' },
  secretary: { name: 'Lê Thị Bình', title: 'Thư ký cuộc họp' },
  frontRepresentative: { name: 'Trần Văn Cường', organisation: 'Ban công tác Mặt trận thôn Đông' },
  eligible: 3,
  participants: { total: 2, byChannel: { online: 1, paper: 1, meeting: 0 }, percentOfH: '66.7' },
  questions: [],
  decision: 'Ý kiến của cộng đồng dân cư Thôn Đông được tổng hợp.\n1. «Làm đường?»: Được thông qua.',
  closedAt: '2026-11-20T10:00:00Z',
  publishedAt: '2026-11-20T10:00:05Z',
});
const BYTES = jcsBytes(MINUTES);
const AT = new Date('2026-12-02T02:00:00.750Z');

describe('the minutes part of the signing scripts', () => {
  const ms = runScript(OFFICIAL_SIGN_JS).DanbanMinutesSign;

  it('is served to the officials after the common part', () => {
    expect(OFFICIAL_SIGN_JS).toBe(signingScript(MINUTES_SIGN_JS));
  });

  it('reads the published bytes: their hash is the minutes’ hash', async () => {
    const read = await ms.readMinutes(BYTES);
    expect(read.hash).toBe(minutesHash(MINUTES));
    expect(read.minutes).toEqual(MINUTES);
  });

  it.each(MINUTES_ROLES)('signs as %s exactly what shared/minutes.ts signMinutes signs, and the signature verifies', async (role: MinutesRole) => {
    const keyPair = await browserKeyPair();
    const compact: string = await ms.signature({ keyPair, minutesBytes: BYTES, role, now: AT, expectedHash: minutesHash(MINUTES) });
    const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', keyPair.publicKey);
    const jwk = { kty, crv, x, y } as JsonWebKey;
    // The same header and the same JCS payload, byte for byte.
    const input = await minutesSigningInput({ minutes: MINUTES, role, at: '2026-12-02T02:00:00Z', jwk });
    expect(compact.slice(0, compact.lastIndexOf('.'))).toBe(input);
    const check = await verifyMinutesSignature(compact, MINUTES);
    expect(check).toEqual({ ok: true, role, at: '2026-12-02T02:00:00Z', kid: jwkThumbprint(jwk), problems: [] });
    expect(decodeJws(compact).header.typ).toBe('minutes+jws');
    // And other minutes are not what it signed.
    const other = await verifyMinutesSignature(compact, { ...MINUTES, place: 'Nơi khác' });
    expect(other.ok).toBe(false);
    expect(other.problems).toContain('it names other minutes');
  });

  it('signs with the person the minutes name for the role: the Front representative’s title is their organisation', async () => {
    expect(ms.signerOf(MINUTES, 'chair')).toEqual({ name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' });
    expect(ms.signerOf(MINUTES, 'front')).toEqual({ name: 'Trần Văn Cường', title: 'Ban công tác Mặt trận thôn Đông' });
    const payload = ms.payload(MINUTES, 'b'.repeat(64), 'front', AT);
    expect(payload).toEqual({
      kind: 'minutes-signature/1',
      consultationId: MINUTES.consultationId,
      minutes: 'b'.repeat(64),
      signer: { role: 'front', name: 'Trần Văn Cường', title: 'Ban công tác Mặt trận thôn Đông' },
      at: '2026-12-02T02:00:00Z',
    });
    // What the shared code signs for the same role, with the same key, verifies the same way.
    const keyPair = await browserKeyPair();
    const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', keyPair.publicKey);
    const shared = await signMinutes(
      { minutes: MINUTES, role: 'front', at: '2026-12-02T02:00:00Z', jwk: { kty, crv, x, y } },
      async (i) => new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, i)),
    );
    const browser: string = await ms.signature({ keyPair, minutesBytes: BYTES, role: 'front', now: AT });
    expect(browser.split('.').slice(0, 2)).toEqual(shared.split('.').slice(0, 2));
  });

  it('refuses minutes drafted again since the page was opened, and a role the minutes name no one for', async () => {
    const keyPair = await browserKeyPair();
    await expect(ms.signature({ keyPair, minutesBytes: BYTES, role: 'chair', now: AT, expectedHash: 'f'.repeat(64) })).rejects.toThrow(
      /^Biên bản đã được lập lại.*\/ The minutes were drafted again/,
    );
    const { frontRepresentative: _front, ...unnamed } = MINUTES;
    await expect(ms.signature({ keyPair, minutesBytes: jcsBytes(unnamed), role: 'front', now: AT })).rejects.toThrow(
      'the minutes name no one as the Front representative',
    );
  });

  it('keeps one key per role and person, whatever the Unicode form of the name', () => {
    expect(ms.keyName('chair', 'Nguyễn Văn An')).toBe(ms.keyName('chair', 'Nguyễn Văn An'.normalize('NFD')));
    expect(ms.keyName('chair', 'Nguyễn Văn An')).not.toBe(ms.keyName('secretary', 'Nguyễn Văn An'));
    expect(ms.keyName('chair', 'Nguyễn Văn An')).not.toBe(ms.keyName('chair', 'Lê Thị Bình'));
  });
});

describe('the minutes signing page’s key', () => {
  const ms = runScript(OFFICIAL_SIGN_JS).DanbanMinutesSign;

  it('shows the key after a failed first attempt when the role is chosen again, without a reload', async () => {
    const idb = new FakeIndexedDB();
    let calls = 0;
    const crypto = cryptoWith((real, ...args) => (++calls === 1 ? Promise.reject(new Error('no key this time')) : real(...args)));
    const chair = new FakeElement({ 'data-name': 'Nguyễn Văn An' });
    chair.value = 'chair';
    chair.checked = true;
    const button = new FakeElement();
    const form = new FakeElement(
      { action: '/officials/c/x/minutes/sign' },
      {
        'input[name="role"]:checked': () => (chair.checked ? chair : null),
        'input[name="role"]:not([disabled])': () => (chair.disabled ? null : chair),
        'button[type="submit"]': () => button,
      },
    );
    form.hidden = true;
    const status = new FakeElement();
    const fingerprint = new FakeElement();
    const section = new FakeElement({ 'data-minutes': '/c/x/minutes.json', 'data-hash': minutesHash(MINUTES) });
    const page = fakePage(
      { 'minutes-sign': section, 'ms-form': form, 'ms-status': status, 'ms-fingerprint': fingerprint, 'ms-nojs': new FakeElement() },
      idb,
      crypto,
    );
    runScript(OFFICIAL_SIGN_JS, { indexedDB: idb, crypto, ...page });
    expect(form.hidden).toBe(false);
    await vi.waitFor(() => expect(status.textContent).toBe('Không tạo được khóa / Could not make the key: no key this time'));
    expect(fingerprint.textContent).toBe('…');
    expect(idb.records('danban-minutes', 'keys').size).toBe(0);

    form.dispatch('change');
    await vi.waitFor(() => expect(fingerprint.textContent).toMatch(/^[A-Za-z0-9_-]{43}$/));
    const kept = idb.records('danban-minutes', 'keys').get(ms.keyName('chair', 'Nguyễn Văn An')) as CryptoKeyPair;
    expect(fingerprint.textContent).toBe(jwkThumbprint(await webcrypto.subtle.exportKey('jwk', kept.publicKey)));
    expect(calls).toBe(2);
  });
});
