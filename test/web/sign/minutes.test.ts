import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { decodeJws, jwkThumbprint } from '../../../shared/jws.ts';
import { MINUTES_ROLES, minutesSigningInput, signMinutes, verifyMinutesSignature, type MinutesRole } from '../../../shared/minutes.ts';
import { sha256Hex } from '../../../shared/sha256.ts';
import { keyName, minutesSignature } from '../../../web/sign/minutes.ts';
import { publicJwk, signerOf } from '../../../web/sign/signer.ts';
import { MINUTES, MINUTES_BYTES, MINUTES_HASH } from '../../support/minutes-fixture.ts';

const NOW = new Date('2026-12-02T02:00:00.750Z');
const AT = '2026-12-02T02:00:00Z';

async function browserKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

describe('an officer’s key signature of the decision record in the browser', () => {
  it.each(MINUTES_ROLES)('signs as %s exactly what shared/minutes.ts signs, and the signature verifies', async (role: MinutesRole) => {
    const keyPair = await browserKeyPair();
    const compact = await minutesSignature({ keyPair, minutesBytes: MINUTES_BYTES, role, now: NOW, expectedHash: MINUTES_HASH });
    const jwk = await publicJwk(keyPair);
    // The same header and the same JCS payload, byte for byte, signed at the second.
    expect(compact.slice(0, compact.lastIndexOf('.'))).toBe(await minutesSigningInput({ minutes: MINUTES, role, at: AT, jwk }));
    expect(await verifyMinutesSignature(compact, MINUTES)).toEqual({ ok: true, role, at: AT, kid: jwkThumbprint(jwk), problems: [] });
    expect(decodeJws(compact).header.typ).toBe('record+jws');
    // And another record is not what it signed.
    const other = await verifyMinutesSignature(compact, { ...MINUTES, place: 'Nơi khác' });
    expect(other.ok).toBe(false);
    expect(other.problems).toContain('it names another record');
  });

  it('names the hash of the published bytes, the one the page shows', async () => {
    expect(sha256Hex(MINUTES_BYTES)).toBe(MINUTES_HASH);
    const compact = await minutesSignature({
      keyPair: await browserKeyPair(),
      minutesBytes: MINUTES_BYTES,
      role: 'village_head',
      now: NOW,
      expectedHash: MINUTES_HASH,
    });
    expect(JSON.parse(fromUtf8(decodeJws(compact).payloadBytes))).toMatchObject({ record: MINUTES_HASH, consultationId: MINUTES.consultationId });
  });

  it('signs with the person the record names for the role: the head of the Front working committee by name', async () => {
    const keyPair = await browserKeyPair();
    const browser = await minutesSignature({ keyPair, minutesBytes: MINUTES_BYTES, role: 'front_head', now: NOW });
    expect(JSON.parse(fromUtf8(decodeJws(browser).payloadBytes))).toEqual({
      kind: 'record-signature/1',
      consultationId: MINUTES.consultationId,
      record: MINUTES_HASH,
      signer: { role: 'front_head', name: 'Trần Văn Cường' },
      at: AT,
    });
    // What the shared code signs for the same role, with the same key, is the same text.
    const shared = await signMinutes({ minutes: MINUTES, role: 'front_head', at: AT, jwk: await publicJwk(keyPair) }, signerOf(keyPair));
    expect(browser.split('.').slice(0, 2)).toEqual(shared.split('.').slice(0, 2));
  });

  it('refuses a record drafted again since the page was opened, and a record that names no one for a role', async () => {
    const keyPair = await browserKeyPair();
    await expect(minutesSignature({ keyPair, minutesBytes: MINUTES_BYTES, role: 'village_head', now: NOW, expectedHash: 'f'.repeat(64) })).rejects.toThrow(
      /^Văn bản đã được lập lại sau khi mở trang này; hãy tải lại trang\. \/ The record was drafted again since this page was opened; reload it\.$/,
    );
    const { frontHead: _front, ...unnamed } = MINUTES.signers;
    await expect(minutesSignature({ keyPair, minutesBytes: jcsBytes({ ...MINUTES, signers: unnamed }), role: 'front_head', now: NOW })).rejects.toThrow(
      /frontHead/,
    );
  });

  it('refuses bytes that are not the canonical record, whose hash no signature could name', async () => {
    const keyPair = await browserKeyPair();
    const pretty = utf8(JSON.stringify(MINUTES, null, 2));
    await expect(minutesSignature({ keyPair, minutesBytes: pretty, role: 'village_head', now: NOW })).rejects.toThrow('not the canonical JSON');
    await expect(minutesSignature({ keyPair, minutesBytes: jcsBytes({ ...MINUTES, kind: 'decision/2' }), role: 'village_head', now: NOW })).rejects.toThrow();
  });

  it('keeps one key per role and person, whatever the Unicode form of the name', () => {
    expect(keyName('village_head', 'Nguyễn Văn An')).toBe('village_head:Nguyễn Văn An');
    expect(keyName('village_head', 'Nguyễn Văn An'.normalize('NFD'))).toBe('village_head:Nguyễn Văn An');
    expect(keyName('village_head', 'Nguyễn Văn An')).not.toBe(keyName('front_head', 'Nguyễn Văn An'));
    expect(keyName('village_head', 'Nguyễn Văn An')).not.toBe(keyName('village_head', 'Lê Thị Bình'));
  });
});
