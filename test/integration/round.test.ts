import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundleFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir))
    if (!name.endsWith('.html') && name !== 'attestations' && name !== 'contributions') files[name] = new Uint8Array(readFileSync(join(dir, name)));
  const att = join(dir, 'attestations');
  try {
    for (const name of readdirSync(att)) if (name.endsWith('.jws')) files[`attestations/${name}`] = new Uint8Array(readFileSync(join(att, name)));
  } catch {
    /* none yet */
  }
  return files;
}

async function monitorAttestation(consultationId: string, manifestHash: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const pub = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  const kid = jwkThumbprint(pub);
  const payload = {
    consultationId,
    manifest: manifestHash,
    monitor: { name: 'Trần Văn Giám', organisation: 'Ban Thanh tra nhân dân xã' },
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

/**
 * A whole online round (an Art. 15(6) matter, Decree 59/2023 Art. 5): the one kind of round with voting codes,
 * receipts and paper entries for a household. The road (a contribution) is refused online.
 */
describe('a whole consultation round through the API, on DynamoDB Local', () => {
  let s: Sys;
  let official: string;
  let other: string;
  let monitor: string;
  let id: string;
  let codes: Map<string, string>;
  const receipts: Record<string, string> = {};

  beforeAll(async () => {
    s = await testSystem('round');
    official = await s.token('official');
    other = await s.token('other');
    monitor = await s.token('monitor');
  });
  afterAll(() => s.cleanup());

  it('an official creates a draft in their own commune', async () => {
    const r = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
    expect(r.status).toBe(201);
    expect(r.json.state).toBe('draft');
    expect(r.json.commune).toBe(COMMUNE);
    expect(r.json.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    id = r.json.id;
  });

  it('refuses creation without a token, with a bad token, and to a monitor', async () => {
    expect((await s.call('POST', '/api/consultations', { body: roadConsultation() })).status).toBe(401);
    const bad = await s.call('POST', '/api/consultations', { token: 'not.a.jwt', body: roadConsultation() });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe('unauthorized');
    expect((await s.call('POST', '/api/consultations', { token: monitor, body: roadConsultation() })).status).toBe(403);
  });

  it('names every bad field of an invalid consultation', async () => {
    const { title: _t, ...noTitle } = roadConsultation();
    const r = await s.call('POST', '/api/consultations', { token: official, body: { ...noTitle, questions: [{ id: 'Q 1' }] } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_request');
    const paths = r.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('title');
    expect(paths.some((p: string) => p.startsWith('questions.0'))).toBe(true);
  });

  it('refuses an online vote on a contribution (Decree 59/2023 Art. 5)', async () => {
    const r = await s.call('POST', '/api/consultations', { token: official, body: { ...roadConsultation(), method: 'online' } });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain('method');
  });

  it('refuses malformed JSON, a wrong media type and an oversized body without a stack trace', async () => {
    const malformed = await s.call('POST', '/api/consultations', { token: official, body: '{"title":', type: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalid_json');
    const wrongType = await s.call('POST', '/api/consultations', { token: official, body: 'title=x', type: 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    const big = await s.call('POST', '/api/consultations', { token: official, body: JSON.stringify({ description: 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
    expect(big.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('hides a draft from another commune and refuses its officials', async () => {
    expect((await s.call('GET', `/api/consultations/${id}`, { token: other })).status).toBe(404);
    expect((await s.call('GET', `/api/consultations/${id}`)).status).toBe(404);
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: other, body: rollCsv(3), type: 'text/csv' })).status).toBe(404);
    expect((await s.call('POST', `/api/consultations/${id}/close`)).status).toBe(401);
    expect((await s.call('POST', '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV/close')).status).toBe(401);
  });

  it('lists every bad line of a roll with its line number, and keeps nothing of it', async () => {
    const csv =
      'id,hamlet,head,members,category\nH-1,Thôn A,Nguyễn Văn A,3,standard\nH-1,Thôn A,Lê Thị B,2,standard\nH-3,Thôn A,Phạm C,zero,standard\nH 4,Thôn A,Đỗ D,2,rich\n';
    const r = await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: csv, type: 'text/csv' });
    expect(r.status).toBe(400);
    const lines = [...new Set(r.json.error.details.map((d: { line: number }) => d.line))];
    expect(lines).toEqual([3, 4, 5]);
    const got = await s.call('GET', `/api/consultations/${id}`, { token: official });
    expect(got.json.counts.eligible).toBe(0);
  });

  it('takes a roll of 30 households as CSV', async () => {
    const r = await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(30), type: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.json.count).toBe(30);
    expect(r.json.byCategory.poor).toBe(3);
  });

  it('discloses the consultation, which then appears in the public list', async () => {
    const r = await s.call('POST', `/api/consultations/${id}/disclose`, { token: official });
    expect(r.status).toBe(200);
    expect(r.json.state).toBe('disclosure');
    const list = await s.call('GET', '/api/consultations?state=disclosure');
    expect(list.json.consultations.map((c: { id: string }) => c.id)).toContain(id);
    expect((await s.call('GET', '/api/consultations?state=bogus')).status).toBe(400);
    const page = readFileSync(join(s.dataDir, 'site', 'c', id, 'index.html'), 'utf8');
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Lắp đèn chiếu sáng đường thôn');
    expect(page).toContain('Lắp 20 bóng đèn năng lượng mặt trời dọc đường thôn.');
    expect(page).not.toContain('Chủ hộ');
    expect(readFileSync(join(s.dataDir, 'site', 'index.html'), 'utf8')).toContain(`c/${id}/`);
  });

  it('refuses a ballot before voting opens', async () => {
    const r = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: 'AAAA-AAAA-AAAA-AAAA', answers: { q1: 'yes' } } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('not_open');
  });

  it('opens voting once, after the Art. 5 conditions, showing one code per household that time only', async () => {
    const early = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('conditions_missing');
    await recordOnlineConditions(s.call, official, id, 30);
    const r = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(r.status).toBe(200);
    expect(r.json.state).toBe('voting');
    expect(r.json.credentials).toHaveLength(30);
    codes = new Map(r.json.credentials.map((c: { household: string; code: string }) => [c.household, c.code]));
    expect(new Set(codes.values()).size).toBe(30);
    const again = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(again.status).toBe(409);
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(409);
  });

  it('records online ballots and lets a household change its vote', async () => {
    for (let i = 1; i <= 24; i++) {
      const hh = `H-${String(i).padStart(3, '0')}`;
      const r = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes.get(hh), answers: { q1: i <= 20 ? 'yes' : 'no' } } });
      expect(r.status).toBe(201);
      expect(r.json.replaced).toBe(false);
      receipts[hh] = r.json.receipt;
    }
    // H-021 changes its mind, typing its code in lower case with spaces.
    const code = codes.get('H-021')!.toLowerCase().replace(/-/g, ' ');
    const change = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: 'yes' } } });
    expect(change.status).toBe(201);
    expect(change.json.replaced).toBe(true);
    expect((await s.call('GET', `/api/consultations/${id}/receipts/${receipts['H-021']}`)).json.status).toBe('replaced');
    expect((await s.call('GET', `/api/consultations/${id}/receipts/${change.json.receipt}`)).json.status).toBe('counted');
    receipts['H-021'] = change.json.receipt;
    expect((await s.call('GET', `/api/consultations/${id}/receipts/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('refuses a wrong code with invalid_code and bad answers with details', async () => {
    const wrong = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', answers: { q1: 'yes' } } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('invalid_code');
    expect(wrong.json.error.message).toMatch(/Mã biểu quyết/);
    const bad = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes.get('H-025'), answers: { q1: 'maybe', q9: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['answers.q1', 'answers.q9']);
  });

  it('enters paper ballots, replacing an online one, and audit-logs who entered them', async () => {
    const paper = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-030', answers: { q1: 'yes' } } });
    expect(paper.status).toBe(201);
    const over = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-024', answers: { q1: 'abstain' } } });
    expect(over.status).toBe(201);
    expect(over.json.replaced).toBe(true);
    expect(
      (await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: other, body: { household: 'H-029', answers: { q1: 'yes' } } })).status,
    ).toBe(403);
    const unknown = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-999', answers: { q1: 'yes' } } });
    expect(unknown.status).toBe(404);
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor });
    const entries = audit.json.filter((e: { action: string }) => e.action === 'paper_ballot_entered');
    expect(entries).toHaveLength(2);
    expect(entries[0].actor).toEqual({ role: 'official', id: 'official-a' });
  });

  it('reissues a code: the old one stops working, the new one votes', async () => {
    const r = await s.call('POST', `/api/consultations/${id}/credentials/H-026/reissue`, { token: official });
    expect(r.status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes.get('H-026'), answers: { q1: 'no' } } })).status).toBe(401);
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: r.json.code, answers: { q1: 'no' } } })).status).toBe(201);
  });

  it('shows live turnout by channel to the commune, never the running tally, and not to the public', async () => {
    const r = await s.call('GET', `/api/consultations/${id}`, { token: monitor });
    expect(r.json.counts).toEqual({ eligible: 30, participants: 26, byChannel: { online: 24, paper: 2, meeting: 0 } });
    expect(JSON.stringify(r.json)).not.toMatch(/"yes"\s*:\s*\d/);
    const pub = await s.call('GET', `/api/consultations/${id}`);
    expect(pub.json.counts).toEqual({ eligible: 30 });
  });

  it('keeps the audit log from residents and other communes', async () => {
    expect((await s.call('GET', `/api/consultations/${id}/audit`)).status).toBe(401);
    expect((await s.call('GET', `/api/consultations/${id}/audit`, { token: other })).status).toBe(403);
  });

  it('closes, tallies, signs and publishes; closing again changes nothing', async () => {
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: other })).status).toBe(403);
    const r = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ state: 'published', result: `http://127.0.0.1:9/c/${id}/` });
    const jws = readFileSync(join(s.dataDir, 'site', 'c', id, 'result.jws'));
    const again = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(again.json.state).toBe('published');
    expect(readFileSync(join(s.dataDir, 'site', 'c', id, 'result.jws'))).toEqual(jws);
    const late = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes.get('H-027'), answers: { q1: 'yes' } } });
    expect(late.status).toBe(409);
  });

  it('publishes a bundle that verifies under the pinned key, with the right outcome', async () => {
    const dir = join(s.dataDir, 'site', 'c', id);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem }, { receipt: receipts['H-001'] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.inclusion?.receipt).toBe(receipts['H-001']);
    const manifest = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    // 21 online yes (H-001..H-021, H-021 after its change) + H-030 on paper = 22 of 30; more than half of 30 needs 16.
    expect(manifest.tally[0].counts).toEqual({ yes: 22, no: 3 });
    expect(manifest.tally[0].threshold).toBe(16);
    expect(manifest.tally[0].outcome).toEqual({ status: 'adopted', options: ['yes'] });
    expect(manifest.participants).toEqual({ count: 26, byChannel: { online: 24, paper: 2, meeting: 0 } });
    const ballots = readFileSync(join(dir, 'ballots.json'), 'utf8');
    expect(ballots).not.toMatch(/H-0/);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Được thông qua: 22/30 hộ tán thành');
    expect(html).not.toContain('Chủ hộ');
  });

  it('accepts a monitor attestation naming this manifest and refuses one naming another', async () => {
    const dir = join(s.dataDir, 'site', 'c', id);
    const manifestHash = sha256Hex(new Uint8Array(readFileSync(join(dir, 'result.json'))));
    const good = await monitorAttestation(id, manifestHash);
    const r = await s.call('POST', `/api/consultations/${id}/attestations`, { token: monitor, body: good.jws, type: 'application/jose' });
    expect(r.status).toBe(201);
    expect(r.json.kid).toBe(good.kid);
    const wrong = await monitorAttestation(id, 'f'.repeat(64));
    const bad = await s.call('POST', `/api/consultations/${id}/attestations`, { token: monitor, body: { jws: wrong.jws } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_attestation');
    expect((await s.call('POST', `/api/consultations/${id}/attestations`, { token: official, body: good.jws, type: 'application/jose' })).status).toBe(403);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem });
    expect(report.checks.find((c) => c.step === 9)).toMatchObject({ ok: true });
    expect(Object.keys(bundleFiles(dir))).toContain(`attestations/${good.kid}.jws`);
  });
});
