/**
 * The decision record of a published result on the real system (Law 10/2022 Art. 20): drafted through the API and the
 * officials' page from the signed result of a meeting, published under `record/` as JCS and a printable page with
 * the counting record beside it, and signed with a key by the village head (sent by an official) and the head of the
 * Front working committee (sent by a monitor); a signature that does not fit is refused and nothing is published for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { DecisionRecord, type MinutesRole, signMinutes } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { COUNTING, officerKey, publishedMeeting, RECORD } from '../support/record-round.ts';
import { holdMeeting, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('the decision record of a published result', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let id = '';

  beforeAll(async () => {
    s = await testSystem('record');
    official = await s.token('official');
    monitor = await s.token('monitor');
    id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
  });
  afterAll(() => s.cleanup());

  const draft = (body: unknown = RECORD) => s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body });
  const submit = (jws: string, token: string) => s.call('POST', `/api/consultations/${id}/record/signatures`, { token, body: { jws } });
  const site = async (name: string) => fromUtf8((await s.core.publisher.get(`c/${id}/${name}`))!);
  const published = async () => DecisionRecord.parse(JSON.parse(await site('record/decision.json')));
  const auditLog = async () =>
    (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json as Array<{ action: string; data: Record<string, string> }>;

  it('is refused before the result is published', async () => {
    const r = await draft();
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('wrong_state');
  });

  it('is drafted from the signed result of the meeting and published under record/ beside it', async () => {
    const closed = await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    const { meeting: _meeting, ...noTimes } = RECORD;
    const bad = await draft(noTimes);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('meeting');
    expect((await draft({ ...RECORD, signers: { ...RECORD.signers, households: ['H-001', 'H-009'] } })).status).toBe(400);
    expect((await s.call('POST', `/api/consultations/${id}/record/decision`, { token: monitor, body: RECORD })).status).toBe(403);

    const r = await draft();
    expect(r.status, r.text).toBe(201);
    const record = await published();
    expect(r.json.sha256).toBe(sha256Hex(jcsBytes(record)));
    // Bound to the signed result: the manifest hash is the hash of result.jws's payload bytes (result.json).
    expect(record.manifest).toBe(sha256Hex((await s.core.publisher.get(`c/${id}/result.json`))!));
    expect(record.households).toMatchObject({ total: 3, present: 3, byChannel: { meeting: 3 } });
    expect(record.voting).toBe('show_of_hands');
    expect(record.questions[0]!.status).toBe('adopted');
    const html = await site('record/decision.html');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Nguyễn Văn An');
    expect(html).not.toContain('Chủ hộ 1');
    expect((await auditLog()).find((e) => e.action === 'record_drafted')!.data.sha256).toBe(r.json.sha256);
    const result = await site('index.html');
    expect(result).toContain('<a href="record/decision.html">');
    expect(result).not.toContain('record/counting.html');
    expect(result).toContain('đã ký số: chưa ai; chưa ký: Trưởng thôn, Trưởng ban công tác Mặt trận.');
  });

  it('has its counting record (form 02, a show of hands) beside it, linked from the result page', async () => {
    expect(
      (await s.call('POST', `/api/consultations/${id}/record/counting`, { token: official, body: { ...COUNTING, witnesses: ['H-001', 'H-001'] } })).status,
    ).toBe(400);
    const r = await s.call('POST', `/api/consultations/${id}/record/counting`, { token: official, body: COUNTING });
    expect(r.status, r.text).toBe(201);
    expect(r.json.record).toMatchObject({ kind: 'counting/1', form: 'mau_02', method: 'meeting', witnesses: ['H-001', 'H-003'] });
    expect(r.json.record.slips).toBeUndefined();
    expect(sha256Hex(jcsBytes(r.json.record))).toBe(r.json.sha256);
    expect(await site('record/counting.html')).toContain('Cuộc họp biểu quyết bằng hình thức giơ tay: không có phiếu.');
    expect((await auditLog()).find((e) => e.action === 'counting_drafted')!.data.sha256).toBe(r.json.sha256);
    expect(await site('index.html')).toContain('<a href="record/counting.html">');
  });

  it('is drafted from the officials’ page too: a form with the officers, then the links to print', async () => {
    const headers = { cookie: `danban_session=${official}`, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' };
    const form = await s.app.request(`/officials/c/${id}/minutes`, { headers });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('id="r-summary"');
    const missing = await s.app.request(`/officials/c/${id}/minutes`, { method: 'POST', headers, body: 'place=&villageHead=' });
    expect(missing.status).toBe(400);
    const body = new URLSearchParams({
      form: 'bien_ban',
      authority: RECORD.letterhead.authority,
      unit: RECORD.letterhead.unit,
      place: 'Nhà văn hóa thôn',
      from: '2026-12-01T19:00',
      to: '2026-12-01T21:00',
      summary: RECORD.summary,
      villageHead: RECORD.signers.villageHead,
      frontHead: RECORD.signers.frontHead,
      household1: 'H-001',
      household2: 'H-002',
    });
    const posted = await s.app.request(`/officials/c/${id}/minutes`, { method: 'POST', headers, body: body.toString() });
    expect(posted.status).toBe(303);
    const after = await (await s.app.request(`/officials/c/${id}/minutes`, { headers })).text();
    expect(after).toContain(`href="http://127.0.0.1:9/c/${id}/record/decision.html" id="minutes"`);
    expect(after).toContain(`href="http://127.0.0.1:9/c/${id}/record/counting.html" id="counting"`);
    const record = await published();
    expect(record.place).toBe('Nhà văn hóa thôn');
    // Vietnam time on the form, UTC in the record.
    expect(record.time).toEqual(RECORD.meeting);
    // Back to the place the other tests expect.
    expect((await draft()).status).toBe(201);
  });

  it('takes each officer’s key signature from the right account, shows who has signed, and then fixes the record', async () => {
    const record = await published();
    const keys = { village_head: await officerKey(), front_head: await officerKey() };
    const sig = (role: MinutesRole, over: { record?: DecisionRecord; key?: MinutesRole } = {}) =>
      signMinutes({ minutes: over.record ?? record, role, at: '2026-12-02T02:00:00Z', jwk: keys[over.key ?? role].jwk }, keys[role].sign);

    // The Front head's signature comes from a monitor, the village head's from an official.
    expect((await submit(await sig('front_head'), official)).status).toBe(403);
    expect((await submit(await sig('village_head'), monitor)).status).toBe(403);
    // A signature whose header key is not the signing key, or of another record, is refused.
    const wrongKey = await submit(await sig('village_head', { key: 'front_head' }), official);
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.json.error.code).toBe('invalid_attestation');
    const other = await submit(await sig('village_head', { record: { ...record, place: 'Nơi khác' } }), official);
    expect(other.status).toBe(400);
    expect(await s.core.publisher.get(`c/${id}/record/signatures/village_head.jws`)).toBeUndefined();

    const headJws = await sig('village_head');
    const head = await submit(headJws, official);
    expect(head.status).toBe(201);
    expect(head.json).toMatchObject({ role: 'village_head', signed: ['village_head'], missing: ['front_head'] });
    // One signature a role: the same one again is accepted (a retry), another one is not, and the file stays the first.
    expect((await submit(headJws, official)).status).toBe(201);
    const second = await submit(
      await signMinutes({ minutes: record, role: 'village_head', at: '2026-12-02T03:00:00Z', jwk: keys.village_head.jwk }, keys.village_head.sign),
      official,
    );
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('already_signed');
    expect(await site('record/signatures/village_head.jws')).toBe(headJws);
    expect(await site('record/decision.html')).toContain('Đã ký số (khóa');
    expect(await site('index.html')).toContain('đã ký số: Trưởng thôn; chưa ký: Trưởng ban công tác Mặt trận.');
    // A record signed with a key is not redrafted.
    expect((await draft()).status).toBe(409);

    const front = await submit(await sig('front_head'), monitor);
    expect(front.status).toBe(201);
    expect(front.json).toMatchObject({ signed: ['village_head', 'front_head'], missing: [] });
    expect(await site('index.html')).toContain('đã ký số: Trưởng thôn, Trưởng ban công tác Mặt trận.');
    expect((await site('record/decision.html')).match(/Đã ký số \(khóa/g)).toHaveLength(2);
    expect((await auditLog()).filter((e) => e.action === 'record_signed').map((e) => e.data.role)).toEqual(['village_head', 'front_head']);
  });
});

describe('the record a signature is checked against', () => {
  let s: Sys;
  let official = '';
  let id = '';

  beforeAll(async () => {
    s = await testSystem('record-drafted');
    official = await s.token('official');
    id = await publishedMeeting(s.call, official);
    expect((await s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body: RECORD })).status).toBe(201);
  });
  afterAll(() => s.cleanup());

  const published = async () => DecisionRecord.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/record/decision.json`))!)));

  it('is the one the last draft logged: a redraft logged but not yet written is busy, and the next draft mends it', async () => {
    const key = await officerKey();
    const jws = await signMinutes({ minutes: await published(), role: 'village_head', at: '2026-12-02T02:00:00Z', jwk: key.jwk }, key.sign);
    // A redraft that stopped between logging its hash and writing its file.
    await s.core.store.appendAudit(id, {
      at: '2026-12-02T01:59:00Z',
      actor: { id: 'o-1', role: 'official' },
      action: 'record_drafted',
      data: { sha256: 'e'.repeat(64) },
    });
    const busy = await s.call('POST', `/api/consultations/${id}/record/signatures`, { token: official, body: { jws } });
    expect(busy.status).toBe(409);
    expect(busy.json.error.code).toBe('busy');
    expect(await s.core.publisher.get(`c/${id}/record/signatures/village_head.jws`)).toBeUndefined();
    // Drafted again (the same entries, so the same bytes): the signature of this record is taken.
    expect((await s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body: RECORD })).status).toBe(201);
    expect((await s.call('POST', `/api/consultations/${id}/record/signatures`, { token: official, body: { jws } })).status).toBe(201);
  });

  it('is claimed for a role even when another act is logged at the same moment', async () => {
    const monitor = await s.token('monitor');
    const key = await officerKey();
    const jws = await signMinutes({ minutes: await published(), role: 'front_head', at: '2026-12-02T02:05:00Z', jwk: key.jwk }, key.sign);
    const others = Array.from({ length: 4 }, (_, i) =>
      s.core.store.appendAudit(id, { at: '2026-12-02T02:05:00Z', actor: { id: 'o-1', role: 'official' }, action: 'note', data: { i } }),
    );
    const [signed] = await Promise.all([s.call('POST', `/api/consultations/${id}/record/signatures`, { token: monitor, body: { jws } }), ...others]);
    expect(signed.status, signed.text).toBe(201);
    const log = (await s.core.store.getAudit(id)).filter((e) => e.action === 'record_signed').map((e) => e.data.role);
    expect(log).toEqual(['village_head', 'front_head']);
  });
});
