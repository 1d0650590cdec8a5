/**
 * The full hand count and the correction round on DynamoDB Local, through the API. In the first round eight slips
 * that say "no" were typed "yes", which turns the outcome: the monitors' audit meets a discrepancy and ends in a full
 * count; officials and monitors read every slip by serial; the count differs, and a correction round is published
 * that names the original, whose bundle verifies with all nine checks, while the original's signed files stay as they
 * were and its page and the home page link onward. In the second round the entries match the paper: the monitors
 * decide a full count, it agrees, and no round is made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, type ConsultationInput } from '../../shared/schemas.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { COMMUNE, recordBallotConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const HOUSEHOLDS = 40;

function round(): ConsultationInput {
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  const now = new Date();
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'opinion',
    method: 'household_ballot',
    title: 'Lấy ý kiến về giờ mở cửa nhà văn hóa',
    description: 'Mở cửa nhà văn hóa đến 21 giờ.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + 24 * 3600_000)),
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý mở cửa đến 21 giờ?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
  };
}

describe('a full hand count after an audit, and the correction round', () => {
  let s: Sys;
  let official = '';
  let monitorA = '';
  let monitorB = '';

  beforeAll(async () => {
    s = await testSystem('fullcount');
    official = await s.token('official');
    monitorA = await s.token('monitor');
    monitorB = await s.issuer.issue({ sub: 'monitor-second', role: 'monitor', commune: COMMUNE });
  });
  afterAll(() => s.cleanup());

  const ORIGIN = 'http://127.0.0.1:9';
  let session = '';
  /** The monitors' pages, as a browser signed in as the first monitor. */
  async function browse(path: string, form?: string) {
    if (!session) {
      const login = await s.app.request('/monitors/login', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=monitor&password=pw-monitor',
      });
      expect(login.status).toBe(303);
      session = /danban_session=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
    }
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form !== undefined) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form === undefined ? 'GET' : 'POST', headers, ...(form !== undefined ? { body: form } : {}) });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  const post = (token: string, path: string, body?: unknown) => s.call('POST', path, { token, ...(body !== undefined ? { body } : {}) });
  const site = (path: string) => join(s.dataDir, 'site', path);

  /**
   * A published round of 40 slips: the paper says 16 yes and 24 no; `typedWrong` of the "no" slips were entered "yes".
   * Returns the round, what each slip says on paper, and what was entered.
   */
  async function publishedRound(typedWrong: number) {
    const created = await post(official, '/api/consultations', round());
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(HOUSEHOLDS), type: 'text/csv' })).status).toBe(200);
    await recordBallotConditions(s.call, official, id);
    const open = await post(official, `/api/consultations/${id}/open`);
    expect(open.status).toBe(200);
    const serials = open.json.serials as string[];
    const paper = new Map<string, string>();
    const entered = new Map<string, string>();
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const household = `H-${String(i + 1).padStart(3, '0')}`;
      expect((await post(official, `/api/consultations/${id}/returns`, { household })).status).toBe(201);
      const says = i < 16 ? 'yes' : 'no';
      const typed = i >= 16 && i < 16 + typedWrong ? 'yes' : says;
      expect((await post(official, `/api/consultations/${id}/paper-ballots`, { serial: serials[i], answers: { q1: typed } })).status).toBe(201);
      paper.set(serials[i]!, says);
      entered.set(serials[i]!, typed);
    }
    expect((await post(official, `/api/consultations/${id}/close`)).status).toBe(200);
    return { id, serials, paper, entered };
  }

  async function seed(id: string) {
    expect((await post(monitorA, `/api/consultations/${id}/rla/seed`, { digits: '0712349856' })).status).toBe(201);
    const fixed = await post(monitorB, `/api/consultations/${id}/rla/seed`, { digits: '5550193827' });
    expect(fixed.status).toBe(201);
    return fixed.json;
  }

  it('escalates on a planted entry error, counts every slip, and publishes a correction round that verifies and names the original', async () => {
    const { id, serials, paper } = await publishedRound(8);
    const tallyOf = (manifestId: string) => JSON.parse(readFileSync(site(`c/${manifestId}/result.json`), 'utf8')).tally[0];
    // As entered: 24 yes of 40, more than half: adopted. On paper: 16 yes, not adopted.
    expect(tallyOf(id)).toMatchObject({ counts: { yes: 24, no: 16 }, outcome: { status: 'adopted' } });
    const originalJws = readFileSync(site(`c/${id}/result.jws`));
    const originalResult = readFileSync(site(`c/${id}/result.json`));

    // No full count before the audit ends in one: a reading is refused.
    const early = await post(official, `/api/consultations/${id}/full-count/readings`, { serial: serials[0], answers: { q1: paper.get(serials[0]!) } });
    expect(early.status).toBe(409);

    // The audit reads the drawn slips as the paper says until it meets a slip whose entry differs.
    let state = await seed(id);
    let k = 1;
    let found = false;
    while (!found && k <= state.draws.length) {
      const draw = state.draws[k - 1];
      const r = await post(monitorA, `/api/consultations/${id}/rla/readings`, { k, answers: { q1: paper.get(draw.serial) } });
      expect(r.status).toBe(201);
      state = r.json;
      found = (state.draws[k - 1].discrepancy?.q1 ?? 0) > 0;
      k++;
    }
    expect(found).toBe(true);
    expect(state.conclusion).not.toBe('confirmed');
    const concluded = await post(monitorA, `/api/consultations/${id}/rla/conclude`, { fullCount: true });
    expect(concluded.status).toBe(200);
    expect(concluded.json.published).toMatchObject({ conclusion: 'full_count' });

    // The full count: every slip by serial, the first half by the official, the rest by a monitor.
    const opened = await s.call('GET', `/api/consultations/${id}/full-count`, { token: official });
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ open: true, why: { by: 'rla' }, population: HOUSEHOLDS, read: 0 });
    expect((await post(official, `/api/consultations/${id}/full-count/readings`, { serial: 'ZZZZ-ZZZZ', answers: { q1: 'no' } })).status).toBe(404);
    expect((await post(official, `/api/consultations/${id}/full-count/readings`, { serial: serials[0], answers: {} })).status).toBe(400);
    for (const [i, serial] of serials.entries()) {
      const token = i < HOUSEHOLDS / 2 ? official : monitorA;
      // Typed as read off the slip: lower case and a space are forgiven.
      const typed = i === 3 ? ` ${serial.toLowerCase()} ` : serial;
      const r = await post(token, `/api/consultations/${id}/full-count/readings`, { serial: typed, answers: { q1: paper.get(serial) } });
      expect(r.status, r.text).toBe(201);
      // Concluding before every slip is read is refused.
      if (i === 5) expect((await post(monitorA, `/api/consultations/${id}/full-count/conclude`)).status).toBe(409);
    }
    const read = (await s.call('GET', `/api/consultations/${id}/full-count`, { token: monitorA })).json;
    expect(read.read).toBe(HOUSEHOLDS);
    expect(read.differences).toEqual([
      {
        questionId: 'q1',
        published: expect.objectContaining({ outcome: expect.objectContaining({ status: 'adopted' }) }),
        counted: expect.objectContaining({ outcome: expect.objectContaining({ status: 'rejected' }) }),
      },
    ]);
    // Only a monitor concludes.
    expect((await post(official, `/api/consultations/${id}/full-count/conclude`)).status).toBe(403);
    const done = await post(monitorA, `/api/consultations/${id}/full-count/conclude`);
    expect(done.status, done.text).toBe(200);
    expect(done.json.concluded).toMatchObject({ agrees: false });
    const cid = done.json.concluded.correctedBy as string;
    expect(cid).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    // The correction round: a normal result/2 bundle whose nine checks pass under the pinned key.
    const files = Object.fromEntries([...BUNDLE_FILES, 'result.jws'].map((name) => [name, new Uint8Array(readFileSync(site(`c/${cid}/${name}`)))]));
    const report = await verifyBundle(files, { pinned: readFileSync(site(`keys/${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks).toHaveLength(9);
    expect(tallyOf(cid)).toMatchObject({ counts: { yes: 16, no: 24 }, outcome: { status: 'rejected' } });
    const consultation = JSON.parse(readFileSync(site(`c/${cid}/consultation.json`), 'utf8'));
    expect(consultation).toMatchObject({ id: cid, follows: id, questions: round().questions });
    const ballots = JSON.parse(readFileSync(site(`c/${cid}/ballots.json`), 'utf8')).ballots as Array<{ serial: string; answers: { q1: string } }>;
    expect(ballots.map((b) => b.serial).sort()).toEqual([...serials].sort());
    for (const b of ballots) expect(b.answers.q1).toBe(paper.get(b.serial));
    const log = readFileSync(site(`c/${cid}/audit.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log[0]).toMatchObject({ action: 'created', data: { corrects: id } });
    expect(log.filter((e) => e.action === 'slip_entered')).toHaveLength(HOUSEHOLDS);
    expect(log.at(-1)).toMatchObject({ action: 'closed', data: { reason: 'full_count' } });
    // Each reading of the count is an event of the original's live log, with who read it.
    const liveLog = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitorA })).json as Array<{ action: string; actor: { id: string } }>;
    const readings = liveLog.filter((e) => e.action === 'full_count_reading');
    expect(readings).toHaveLength(HOUSEHOLDS);
    expect(new Set(readings.map((e) => e.actor.id))).toEqual(new Set(['official-a', 'monitor-a']));

    // The original's signed files are as they were; its page and the home page point to the correction.
    expect(readFileSync(site(`c/${id}/result.jws`)).equals(originalJws)).toBe(true);
    expect(readFileSync(site(`c/${id}/result.json`)).equals(originalResult)).toBe(true);
    const originalPage = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(originalPage).toContain('Kết quả này đã được sửa bởi vòng');
    expect(originalPage).toContain(`href="../${cid}/"`);
    const correctionPage = readFileSync(site(`c/${cid}/index.html`), 'utf8');
    expect(correctionPage).toContain(`Vòng này sửa kết quả của vòng <a href="../${id}/">`);
    const home = readFileSync(site('index.html'), 'utf8');
    expect(home).toContain(`href="c/${cid}/"`);
    expect(home).toContain('đã được sửa');

    // Concluding again finishes nothing new: the same signature, no second round.
    const again = await post(monitorB, `/api/consultations/${id}/full-count/conclude`);
    expect(again.status).toBe(200);
    expect(again.json.concluded.correctedBy).toBe(cid);
    expect(readFileSync(site(`c/${cid}/result.jws`), 'utf8')).toBe(new TextDecoder().decode(files['result.jws']));
    // The count is closed: no more readings.
    expect((await post(official, `/api/consultations/${id}/full-count/readings`, { serial: serials[0], answers: { q1: 'yes' } })).status).toBe(409);
  });

  it('records that a full count the monitors decided agrees with the published result, and makes no round', async () => {
    const { id, serials, paper } = await publishedRound(0);
    // Only a monitor decides a full count, and with a reason.
    expect((await post(official, `/api/consultations/${id}/full-count/start`, { reason: 'Cách biệt quá nhỏ để kiểm tra rủi ro.' })).status).toBe(403);
    expect((await post(monitorA, `/api/consultations/${id}/full-count/start`, { reason: 'nhỏ' })).status).toBe(400);
    // The page offers the decision; the monitor takes it there, with the reason.
    const first = await browse(`/monitors/c/${id}/full-count`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Quyết định đếm lại toàn bộ');
    expect(first.text).not.toContain('Decide a full count');
    const decided = await browse(`/monitors/c/${id}/full-count/start`, `reason=${encodeURIComponent('Cách biệt quá nhỏ để kiểm tra rủi ro.')}`);
    expect(decided.status).toBe(303);
    expect(decided.location).toBe(`/monitors/c/${id}/full-count#why`);
    const started = await s.call('GET', `/api/consultations/${id}/full-count`, { token: official });
    expect(started.json.why).toMatchObject({ by: 'decision', reason: 'Cách biệt quá nhỏ để kiểm tra rủi ro.', actor: { id: 'monitor-a' } });
    expect((await post(monitorA, `/api/consultations/${id}/full-count/start`, { reason: 'Một lần nữa cho chắc.' })).status).toBe(409);
    const before = (await s.call('GET', '/api/consultations', { token: official })).json;
    // One slip read wrongly at first, then read again: the later reading counts.
    expect((await post(official, `/api/consultations/${id}/full-count/readings`, { serial: serials[0], answers: { q1: 'no' } })).status).toBe(201);
    // One slip from the page's form, the rest through the API.
    const viaPage = await browse(`/monitors/c/${id}/full-count/readings`, `serial=${serials[1]}&answer_q1=${paper.get(serials[1]!)}`);
    expect(viaPage.status).toBe(303);
    for (const serial of serials.slice(2).concat(serials[0]!)) {
      expect((await post(official, `/api/consultations/${id}/full-count/readings`, { serial, answers: { q1: paper.get(serial) } })).status).toBe(201);
    }
    const ready = await browse(`/monitors/c/${id}/full-count`);
    expect(ready.text).toContain('Số liệu đếm lại khớp với số liệu đã công bố.');
    expect(ready.text).toContain('Kết luận: khớp');
    expect((await browse(`/monitors/c/${id}/full-count/conclude`, '')).status).toBe(303);
    const done = await s.call('GET', `/api/consultations/${id}/full-count`, { token: monitorA });
    expect(done.status, done.text).toBe(200);
    expect((await browse(`/monitors/c/${id}/full-count`)).text).toContain('Đếm lại toàn bộ: khớp');
    expect(done.json.concluded).toMatchObject({ agrees: true });
    expect(done.json.concluded.correctedBy).toBeUndefined();
    expect(done.json.differences).toEqual([]);
    expect(done.json.slips[0].times).toBe(2);
    expect(readFileSync(site(`c/${id}/index.html`), 'utf8')).toContain('Đếm lại toàn bộ: khớp');
    // No correction round was made.
    const after = (await s.call('GET', '/api/consultations', { token: official })).json;
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    const liveLog = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitorA })).json as Array<{ action: string; data: { agrees?: boolean } }>;
    expect(liveLog.filter((e) => e.action === 'full_count_concluded')).toEqual([expect.objectContaining({ data: expect.objectContaining({ agrees: true }) })]);
  });
});
