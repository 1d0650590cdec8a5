import { describe, expect, it } from 'vitest';
import { fromUtf8, toBase64Url, utf8 } from '../../shared/bytes.ts';
import { decodeJws, jwkThumbprint, type P256Jwk } from '../../shared/jws.ts';
import { dropProof, RECEIPT_JWS_TYPE, signReceipt, verifyReceiptSignature } from '../../shared/receipt-signature.ts';

const ID = '01JRECEIPTSIGNATURE0000000';
const RECEIPT = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const AT = '2026-11-22T10:00:00Z';

async function keyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const full = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const jwk: P256Jwk = { kty: 'EC', crv: 'P-256', x: full.x!, y: full.y! };
  const kid = jwkThumbprint(jwk);
  const sign = async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input));
  return { jwk, kid, sign };
}

describe('receipt signatures', () => {
  it('signs the canonical statement as an ES256 JWS of type receipt+jws named by the key thumbprint, and verifies it', async () => {
    const key = await keyPair();
    const jws = await signReceipt({ consultationId: ID, receipt: RECEIPT, at: AT }, key);
    const decoded = decodeJws(jws);
    expect(decoded.header).toEqual({ alg: 'ES256', kid: key.kid, typ: RECEIPT_JWS_TYPE });
    expect(fromUtf8(decoded.payloadBytes)).toBe(`{"at":"${AT}","consultationId":"${ID}","kind":"receipt-signature/1","receipt":"${RECEIPT}"}`);
    const verified = await verifyReceiptSignature(jws, key.jwk);
    expect(verified).toEqual({ valid: true, statement: { kind: 'receipt-signature/1', consultationId: ID, receipt: RECEIPT, at: AT } });
  });

  it('refuses a tampered statement (another receipt put in the payload)', async () => {
    const key = await keyPair();
    const jws = await signReceipt({ consultationId: ID, receipt: RECEIPT, at: AT }, key);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const swapped = toBase64Url(utf8(fromUtf8(decodeJws(jws).payloadBytes).replace(RECEIPT, OTHER)));
    expect(swapped).not.toBe(p);
    const verified = await verifyReceiptSignature(`${h}.${swapped}.${s}`, key.jwk);
    expect(verified.valid).toBe(false);
    if (!verified.valid) expect(verified.problem.vi).toContain('Chữ ký không hợp lệ');
  });

  it('refuses a signature by another key, whether it names that key or ours', async () => {
    const ours = await keyPair();
    const theirs = await keyPair();
    const byThem = await signReceipt({ consultationId: ID, receipt: RECEIPT, at: AT }, theirs);
    const named = await verifyReceiptSignature(byThem, ours.jwk);
    expect(named.valid).toBe(false);
    if (!named.valid) expect(named.problem.en).toContain('not made by');
    const forged = await signReceipt({ consultationId: ID, receipt: RECEIPT, at: AT }, { kid: ours.kid, sign: theirs.sign });
    const verified = await verifyReceiptSignature(forged, ours.jwk);
    expect(verified.valid).toBe(false);
    if (!verified.valid) expect(verified.problem.en).toContain('Invalid signature');
  });

  it('refuses garbage and a JWS of another type without throwing', async () => {
    const key = await keyPair();
    expect((await verifyReceiptSignature('not a jws', key.jwk)).valid).toBe(false);
    const { encodeJws } = await import('../../shared/jws.ts');
    const result = await encodeJws({ alg: 'ES256', kid: key.kid, typ: 'result+jws' }, utf8('{}'), key.sign);
    expect((await verifyReceiptSignature(result, key.jwk)).valid).toBe(false);
  });

  it('drop proof: counted when the receipt is published, missing (proof of a drop) when it is not, and another consultation apart', async () => {
    const key = await keyPair();
    const jws = await signReceipt({ consultationId: ID, receipt: RECEIPT, at: AT }, key);
    const counted = dropProof(jws, { consultationId: ID, ballots: [{ receipt: OTHER }, { receipt: RECEIPT }] });
    expect(counted.kind).toBe('counted');
    if (counted.kind === 'counted') expect(counted.index).toBe(1);
    const missing = dropProof(jws, { consultationId: ID, ballots: [{ receipt: OTHER }] });
    expect(missing.kind).toBe('missing');
    expect(missing.words.vi).toMatch(/^Phiếu KHÔNG có trong danh sách/);
    expect(missing.words.vi).toContain('bằng chứng');
    expect(missing.words.en).toContain('proof that a ballot was dropped');
    expect(missing.words.vi.normalize('NFC')).toBe(missing.words.vi);
    expect(dropProof(jws, { consultationId: 'another', ballots: [{ receipt: RECEIPT }] }).kind).toBe('other_consultation');
    expect(dropProof('x.y.z', { consultationId: ID, ballots: [] }).kind).toBe('unreadable');
  });
});
