/**
 * What the record's integration and browser tests share: the entries of a decision record and a counting record for
 * a meeting round of test/support/system.ts, a published meeting round to draft them from, and an officer's key.
 */
import { expect } from 'vitest';
import { holdMeeting, roadConsultation, rollCsv } from './system.ts';

type Call = (method: string, path: string, opts?: { body?: unknown; token?: string; type?: string }) => Promise<{ status: number; json: any; text: string }>;

/** The decision record's entries (`POST /record/decision`) for a meeting of H-001 … H-003. */
export const RECORD = {
  form: 'bien_ban',
  letterhead: { authority: 'UBND XÃ THỬ NGHIỆM', unit: 'THÔN THỬ NGHIỆM' },
  place: 'Nhà văn hóa Thôn Thử Nghiệm',
  meeting: { from: '2026-12-01T12:00:00Z', to: '2026-12-01T14:00:00Z' },
  summary: 'Các hộ bàn về mức đóng góp làm đường thôn.',
  signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['H-001', 'H-002'] },
};

/** The counting record's entries (`POST /record/counting`). */
export const COUNTING = {
  letterhead: RECORD.letterhead,
  place: RECORD.place,
  at: '2026-12-01T13:30:00Z',
  members: [
    { name: 'Trần Thị Bình', role: 'Trưởng ban' },
    { name: 'Phạm Văn Dũng', role: 'Thành viên' },
    { name: 'Hoàng Thị Em', role: 'Thư ký' },
  ],
  witnesses: ['H-001', 'H-003'],
  spoiled: 0,
};

/** A meeting round of 3 households, held by show of hands (3 in favour, adopted) and published; its id. */
export async function publishedMeeting(call: Call, official: string): Promise<string> {
  const id = (await call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id as string;
  expect((await call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
  expect((await call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
  const closed = await holdMeeting(call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
  expect(closed.status, closed.text).toBe(200);
  return id;
}

/** An officer's P-256 key: its public JWK and a signer of raw r||s, as a browser's WebCrypto makes them. */
export async function officerKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk: { kty, crv, x, y } as JsonWebKey,
    sign: async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  };
}
