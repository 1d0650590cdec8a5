/**
 * The minutes of a published result on the real system: drafted from the signed manifest, published beside the
 * result as JCS and a printable page, and signed by the chair, the secretary (sent by an official) and the Front
 * representative (sent by a monitor), each with a key of their own; a signature that does not fit is refused and
 * nothing is published for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { Minutes, signMinutes, type MinutesRole } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

async function officerKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk: { kty, crv, x, y } as JsonWebKey,
    sign: async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  };
}

const OFFICERS = {
  place: 'Nhà văn hóa Thôn Thử Nghiệm',
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn' },
  secretary: { name: 'Trần Thị Bình', title: 'Thư ký' },
  frontRepresentative: { name: 'Lê Văn Cường', organisation: 'Ban công tác Mặt trận thôn' },
};

describe('the minutes of a published result', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let id = '';

  beforeAll(async () => {
    s = await testSystem('minutes');
    official = await s.token('official');
    monitor = await s.token('monitor');
    const created = await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() });
    id = created.json.id;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    for (const h of ['H-001', 'H-002'])
      await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: h, answers: { q1: 'yes' } } });
  });
  afterAll(() => s.cleanup());

  const draft = (body: unknown = OFFICERS) => s.call('POST', `/api/consultations/${id}/minutes`, { token: official, body });
  const submit = (jws: string, token: string) => s.call('POST', `/api/consultations/${id}/minutes/signatures`, { token, body: { jws } });
  const published = async () => Minutes.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/minutes.json`))!)));
  const page = async () => fromUtf8((await s.core.publisher.get(`c/${id}/minutes.html`))!);

  it('is refused before the result is published', async () => {
    const r = await draft();
    expect(r.status).toBe(409);
  });

  it('drafts the minutes from the signed manifest and publishes them beside the result', async () => {
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const bad = await draft({ ...OFFICERS, meeting: { from: '2026-12-01T01:00:00Z', to: '2026-12-01T03:00:00Z' } });
    expect(bad.status).toBe(400);
    expect((await draft({ ...OFFICERS, chair: { name: '' } })).status).toBe(400);
    expect((await s.call('POST', `/api/consultations/${id}/minutes`, { token: monitor, body: OFFICERS })).status).toBe(403);

    const r = await draft();
    expect(r.status).toBe(201);
    const minutes = await published();
    expect(r.json.sha256).toBe(sha256Hex(jcsBytes(minutes)));
    // Bound to the signed result: the manifest hash is the hash of result.jws's payload bytes (result.json).
    expect(minutes.manifest).toBe(sha256Hex((await s.core.publisher.get(`c/${id}/result.json`))!));
    expect(minutes.eligible).toBe(3);
    expect(minutes.questions[0]!.status).toBe('adopted');
    const html = await page();
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Nguyễn Văn An');
    expect(html).not.toContain('Chủ hộ 1');
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json as Array<{ action: string; data: { sha256?: string } }>;
    expect(log.find((e) => e.action === 'minutes_drafted')!.data.sha256).toBe(r.json.sha256);
    const result = fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!);
    expect(result).toContain('<a href="minutes.html">');
    expect(result).toContain('đã ký số: chưa ai; chưa ký: Chủ trì, Thư ký, Đại diện Mặt trận');
  });

  it('is drafted from the officials’ page too: a form with the officers, then the link to print', async () => {
    const headers = { cookie: `danban_session=${official}`, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' };
    const form = await s.app.request(`/officials/c/${id}/minutes`, { headers });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('id="m-chairName"');
    const missing = await s.app.request(`/officials/c/${id}/minutes`, { method: 'POST', headers, body: 'place=&chairName=' });
    expect(missing.status).toBe(400);
    const body = new URLSearchParams({
      place: 'Nhà văn hóa thôn',
      chairName: 'Nguyễn Văn An',
      chairTitle: 'Trưởng thôn',
      secretaryName: 'Trần Thị Bình',
      secretaryTitle: 'Thư ký',
      frontName: 'Lê Văn Cường',
      frontOrganisation: 'Ban công tác Mặt trận thôn',
    });
    const posted = await s.app.request(`/officials/c/${id}/minutes`, { method: 'POST', headers, body: body.toString() });
    expect(posted.status).toBe(303);
    const after = await (await s.app.request(`/officials/c/${id}/minutes`, { headers })).text();
    expect(after).toContain(`href="http://127.0.0.1:9/c/${id}/minutes.html" id="minutes"`);
    expect((await published()).place).toBe('Nhà văn hóa thôn');
    // Back to the place the other tests expect.
    expect((await draft()).status).toBe(201);
  });

  it('takes each officer’s signature from the right role, shows who has signed, and then fixes the minutes', async () => {
    const minutes = await published();
    const keys = { chair: await officerKey(), secretary: await officerKey(), front: await officerKey() };
    const sig = (role: MinutesRole, over: { minutes?: Minutes; key?: MinutesRole } = {}) =>
      signMinutes({ minutes: over.minutes ?? minutes, role, at: '2026-12-02T02:00:00Z', jwk: keys[over.key ?? role].jwk }, keys[role].sign);

    // The Front representative's signature comes from a monitor, the chair's from an official.
    expect((await submit(await sig('front'), official)).status).toBe(403);
    expect((await submit(await sig('chair'), monitor)).status).toBe(403);
    // A signature whose header key is not the signing key, or of other minutes, is refused.
    const wrongKey = await submit(await sig('chair', { key: 'secretary' }), official);
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.json.error.code).toBe('invalid_attestation');
    const other = await submit(await sig('chair', { minutes: { ...minutes, place: 'Nơi khác' } }), official);
    expect(other.status).toBe(400);
    expect(await s.core.publisher.get(`c/${id}/minutes/chair.jws`)).toBeUndefined();

    const chairJws = await sig('chair');
    const chair = await submit(chairJws, official);
    expect(chair.status).toBe(201);
    expect(chair.json).toMatchObject({ role: 'chair', signed: ['chair'], missing: ['secretary', 'front'] });
    // One signature a role: the same one again is accepted (a retry), another one for the chair is not, and the
    // published file stays the first.
    expect((await submit(chairJws, official)).status).toBe(201);
    const second = await submit(await signMinutes({ minutes, role: 'chair', at: '2026-12-02T03:00:00Z', jwk: keys.chair.jwk }, keys.chair.sign), official);
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('already_signed');
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/minutes/chair.jws`))!)).toBe(chairJws);
    expect(await page()).toContain('Đã ký số');
    // Signed minutes are not redrafted.
    expect((await draft()).status).toBe(409);

    expect((await submit(await sig('secretary'), official)).status).toBe(201);
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!)).toContain('đã ký số: Chủ trì, Thư ký; chưa ký: Đại diện Mặt trận');
    const front = await submit(await sig('front'), monitor);
    expect(front.json).toMatchObject({ signed: ['chair', 'secretary', 'front'], missing: [] });
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!)).toContain('đã ký số: Chủ trì, Thư ký, Đại diện Mặt trận.');
    expect((await page()).match(/Đã ký số/g)!.length).toBeGreaterThanOrEqual(3);
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json as Array<{ action: string; data: { role?: string } }>;
    expect(log.filter((e) => e.action === 'minutes_signed').map((e) => e.data.role)).toEqual(['chair', 'secretary', 'front']);
  });
});

describe('the minutes a signature is checked against', () => {
  let s: Sys;
  let official = '';
  let id = '';

  beforeAll(async () => {
    s = await testSystem('minutes-drafted');
    official = await s.token('official');
    id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-001', answers: { q1: 'yes' } } });
    await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect((await s.call('POST', `/api/consultations/${id}/minutes`, { token: official, body: OFFICERS })).status).toBe(201);
  });
  afterAll(() => s.cleanup());

  it('are the ones the last draft logged: a redraft logged but not yet written is busy, and the next draft mends it', async () => {
    const minutes = Minutes.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/minutes.json`))!)));
    const key = await officerKey();
    const jws = await signMinutes({ minutes, role: 'chair', at: '2026-12-02T02:00:00Z', jwk: key.jwk }, key.sign);
    // A redraft that stopped between logging its hash and writing its file.
    await s.core.store.appendAudit(id, {
      at: '2026-12-02T01:59:00Z',
      actor: { id: 'o-1', role: 'official' },
      action: 'minutes_drafted',
      data: { sha256: 'e'.repeat(64) },
    });
    const busy = await s.call('POST', `/api/consultations/${id}/minutes/signatures`, { token: official, body: { jws } });
    expect(busy.status).toBe(409);
    expect(busy.json.error.code).toBe('busy');
    expect(await s.core.publisher.get(`c/${id}/minutes/chair.jws`)).toBeUndefined();
    // Drafted again (the same officers, so the same bytes): the signature of these minutes is taken.
    expect((await s.call('POST', `/api/consultations/${id}/minutes`, { token: official, body: OFFICERS })).status).toBe(201);
    expect((await s.call('POST', `/api/consultations/${id}/minutes/signatures`, { token: official, body: { jws } })).status).toBe(201);
  });

  it('are claimed for a role even when another act is logged at the same moment', async () => {
    const minutes = Minutes.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/minutes.json`))!)));
    const key = await officerKey();
    const jws = await signMinutes({ minutes, role: 'secretary', at: '2026-12-02T02:05:00Z', jwk: key.jwk }, key.sign);
    const complaints = Array.from({ length: 4 }, (_, i) =>
      s.core.store.appendAudit(id, { at: '2026-12-02T02:05:00Z', actor: { id: 'o-1', role: 'official' }, action: 'note', data: { i } }),
    );
    const [signed] = await Promise.all([s.call('POST', `/api/consultations/${id}/minutes/signatures`, { token: official, body: { jws } }), ...complaints]);
    expect(signed.status).toBe(201);
    const log = (await s.core.store.getAudit(id)).filter((e) => e.action === 'minutes_signed').map((e) => e.data.role);
    expect(log).toEqual(['chair', 'secretary']);
  });
});
