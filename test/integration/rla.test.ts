/**
 * The monitors' risk-limiting audit on DynamoDB Local, through the API: a household-ballot round of 40 slips entered by
 * serial and published; two monitors enter the seed; the slips drawn are read as the paper says and the audit confirms
 * the outcome; in a second round one slip was typed "yes" though it says "no", and the audit draws more when it meets
 * it. The published rla.json and rla.jws pass the check after the result (R1) under the pinned key and fail on a
 * changed byte. A show of hands has no paper to audit.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { verifyAfter } from '../../shared/verify-after/index.ts';
import { COMMUNE, holdMeeting, recordBallotConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const HOUSEHOLDS = 40;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function round(method: 'household_ballot' | 'meeting'): ConsultationInput {
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  const now = new Date();
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'opinion',
    method,
    title: 'Lấy ý kiến về giờ mở cửa nhà văn hóa',
    description: 'Mở cửa nhà văn hóa đến 21 giờ.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + 24 * 3600_000)),
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý mở cửa đến 21 giờ?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
  };
}

describe('a risk-limiting audit of a published paper round', () => {
  let s: Sys;
  let official = '';
  let monitorA = '';
  let monitorB = '';

  beforeAll(async () => {
    s = await testSystem('rla');
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

  /** A published round whose slips were entered as `entered` says (serial -> answer), 36 yes and 4 no. */
  async function publishedRound(): Promise<{ id: string; entered: Map<string, string> }> {
    const created = await post(official, '/api/consultations', round('household_ballot'));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(HOUSEHOLDS), type: 'text/csv' })).status).toBe(200);
    await recordBallotConditions(s.call, official, id);
    const open = await post(official, `/api/consultations/${id}/open`);
    expect(open.status).toBe(200);
    const serials = open.json.serials as string[];
    const entered = new Map<string, string>();
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const household = `H-${String(i + 1).padStart(3, '0')}`;
      expect((await post(official, `/api/consultations/${id}/returns`, { household })).status).toBe(201);
      const answer = i % 10 === 3 ? 'no' : 'yes';
      expect((await post(official, `/api/consultations/${id}/paper-ballots`, { serial: serials[i], answers: { q1: answer } })).status).toBe(201);
      entered.set(serials[i]!, answer);
    }
    expect((await post(official, `/api/consultations/${id}/close`)).status).toBe(200);
    return { id, entered };
  }

  async function seed(id: string) {
    expect((await s.call('GET', `/api/consultations/${id}/rla`, { token: monitorA })).json.seed).toBeUndefined();
    expect((await post(monitorA, `/api/consultations/${id}/rla/seed`, { digits: '0712349856' })).status).toBe(201);
    // One monitor alone cannot fix the seed: more digits of theirs are taken.
    const more = await post(monitorA, `/api/consultations/${id}/rla/seed`, { digits: '33' });
    expect(more.status).toBe(201);
    expect(more.json.seed).toBeUndefined();
    const fixed = await post(monitorB, `/api/consultations/${id}/rla/seed`, { digits: '5550193827' });
    expect(fixed.status).toBe(201);
    expect(fixed.json.seed).toBe('0712349856335550193827');
    expect(fixed.json.seedEntries.map((e: { actor: { id: string } }) => e.actor.id)).toEqual(['monitor-a', 'monitor-a', 'monitor-second']);
    const late = await post(monitorA, `/api/consultations/${id}/rla/seed`, { digits: '1' });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('already_recorded');
    return fixed.json;
  }

  /** Reads the listed draws in order, as `paper` says, until the audit confirms or nothing is listed; the last state. */
  async function readUntilDone(id: string, paper: (serial: string) => string, start: any) {
    let state = start;
    let k = state.draws.filter((d: { reading?: unknown }) => d.reading !== undefined).length + 1;
    while (state.conclusion !== 'confirmed' && k <= state.draws.length) {
      const draw = state.draws[k - 1];
      const r = await post(monitorA, `/api/consultations/${id}/rla/readings`, { k, answers: { q1: paper(draw.serial) } });
      expect(r.status).toBe(201);
      state = r.json;
      k++;
    }
    return state;
  }

  function siteFiles(id: string, names: readonly string[]): Record<string, Uint8Array> {
    const dir = join(s.dataDir, 'site', 'c', id);
    return Object.fromEntries(names.map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))]));
  }
  const BUNDLE = ['result.jws', 'consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl'];
  const pem = () => readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');

  it('confirms a round whose entries match the paper, and publishes an audit that verifies and fails on a changed byte', async () => {
    const { id, entered } = await publishedRound();
    const before = (await s.call('GET', `/api/consultations/${id}/rla`, { token: monitorA })).json;
    expect(before).toMatchObject({ auditable: true, population: HOUSEHOLDS, riskLimit: [1, 20] });
    // yes 36 of 40 households, more than half needs 21: a margin of 16 votes.
    expect(before.questions[0]).toMatchObject({ questionId: 'q1', margin: 16 });
    const expected = before.expected.draws as number;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(HOUSEHOLDS);

    // Reading before the seed is fixed is refused.
    expect((await post(monitorA, `/api/consultations/${id}/rla/readings`, { k: 1, answers: { q1: 'yes' } })).status).toBe(409);
    const seeded = await seed(id);
    expect(seeded.draws).toHaveLength(expected);
    const drawsJson = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'audit', 'draws.json'), 'utf8'));
    expect(drawsJson.draws).toEqual(seeded.draws.map((d: { k: number; serial: string }) => ({ k: d.k, serial: d.serial })));

    // The page: the expected number, the serials to pull, a form for the next draw; Vietnamese alone.
    const pageBefore = await browse(`/monitors/c/${id}/rla`);
    expect(pageBefore.status).toBe(200);
    expect(pageBefore.text).toContain('kiểm đếm lại toàn bộ phiếu giấy');
    expect(pageBefore.text).toContain('⌈−2γ·ln(α) / μ⌉');
    expect(pageBefore.text).toContain(seeded.draws[0].serial);
    expect(pageBefore.text).toContain('name="answer_q1" value="no"');
    expect(pageBefore.text).not.toContain('Risk-limiting audit');
    expect((await browse(`/monitors/c/${id}/rla?lang=en`)).text).toContain('Risk-limiting audit');
    expect((await browse(`/monitors/c/${id}`)).text).toContain(`href="/monitors/c/${id}/rla"`);

    // Out of order, and an answer the question does not allow, are refused.
    expect((await post(monitorA, `/api/consultations/${id}/rla/readings`, { k: 2, answers: { q1: 'yes' } })).status).toBe(400);
    expect((await post(monitorA, `/api/consultations/${id}/rla/readings`, { k: 1, answers: { q1: 'maybe' } })).status).toBe(400);

    // The first reading from the page's form.
    const posted = await browse(`/monitors/c/${id}/rla/readings`, `k=1&answer_q1=${entered.get(seeded.draws[0].serial)}`);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/monitors/c/${id}/rla#draws`);
    const afterOne = (await s.call('GET', `/api/consultations/${id}/rla`, { token: monitorA })).json;
    expect(afterOne.draws[0].reading).toEqual({ q1: entered.get(seeded.draws[0].serial) });
    expect(afterOne.draws[0].risk.q1).toBeLessThan(1);

    const done = await readUntilDone(id, (serial) => entered.get(serial)!, afterOne);
    expect(done.conclusion).toBe('confirmed');
    expect((await browse(`/monitors/c/${id}/rla`)).text).toContain('Kết quả được xác nhận');
    expect(done.draws.every((d: { discrepancy?: { q1: number } }) => d.discrepancy?.q1 === 0)).toBe(true);
    expect(done.draws).toHaveLength(expected);
    expect(done.latestRisk.q1).toBeLessThan(0.05);

    const resultPage = () => readFileSync(join(s.dataDir, 'site', 'c', id, 'index.html'), 'utf8');
    expect(resultPage()).toContain('Chưa kiểm tra phiếu giấy');
    const concluded = await post(monitorA, `/api/consultations/${id}/rla/conclude`);
    expect(concluded.status).toBe(200);
    expect(concluded.json.published).toMatchObject({ conclusion: 'confirmed' });
    // The public result page says it was audited, how many slips and to what risk.
    expect(resultPage()).toContain(`so ${expected} phiếu giấy rút ngẫu nhiên với số liệu đã công bố, rủi ro kết quả sai dưới 5%`);
    // A second conclusion republishes the same signature: one event, the same bytes.
    const rlaBytes = readFileSync(join(s.dataDir, 'site', 'c', id, 'audit', 'rla.jws'), 'utf8');
    expect((await post(monitorB, `/api/consultations/${id}/rla/conclude`)).status).toBe(200);
    expect(readFileSync(join(s.dataDir, 'site', 'c', id, 'audit', 'rla.jws'), 'utf8')).toBe(rlaBytes);
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitorA })).json as Array<{ action: string }>;
    expect(log.filter((e) => e.action === 'rla_published')).toHaveLength(1);
    expect(log.filter((e) => e.action === 'rla_reading')).toHaveLength(expected);
    // Nothing more after the conclusion.
    expect((await post(monitorA, `/api/consultations/${id}/rla/readings`, { k: expected + 1, answers: { q1: 'yes' } })).status).toBe(409);

    const files = siteFiles(id, [...BUNDLE, 'audit/rla.json', 'audit/rla.jws']);
    const good = await verifyAfter(files, { resultKey: { pinned: pem() } });
    const r1 = good.checks.find((c) => c.step === 'R1')!;
    expect(r1).toMatchObject({ ok: true });
    expect(r1.absent).toBeUndefined();
    expect(good.ok).toBe(true);

    // One changed byte of rla.json: it is no longer what rla.jws signs.
    const changed = new Uint8Array(files['audit/rla.json']!);
    const at = new TextDecoder().decode(changed).indexOf('"conclusion":"confirmed"') + '"conclusion":"c'.length;
    changed[at] = 'k'.charCodeAt(0);
    const bad = await verifyAfter({ ...files, 'audit/rla.json': changed }, { resultKey: { pinned: pem() } });
    expect(bad.checks.find((c) => c.step === 'R1')).toMatchObject({ ok: false });
    // One changed byte of the signature.
    const jws = files['audit/rla.jws']!.slice();
    jws[jws.length - 3] = jws[jws.length - 3] === 65 ? 66 : 65;
    expect((await verifyAfter({ ...files, 'audit/rla.jws': jws }, { resultKey: { pinned: pem() } })).checks.find((c) => c.step === 'R1')).toMatchObject({
      ok: false,
    });
    // danban verify on the published folder, with the pinned key: R1 passes; a changed byte of rla.json fails it.
    const work = mkdtempSync(join(tmpdir(), 'danban-rla-'));
    try {
      const keyFile = join(work, 'key.pem');
      writeFileSync(keyFile, pem());
      const folder = join(work, 'c');
      cpSync(join(s.dataDir, 'site', 'c', id), folder, { recursive: true });
      const cli = () => {
        const run = spawnSync(process.execPath, ['bin/danban.mjs', 'verify', folder, '--key', keyFile, '--json'], { cwd: ROOT, encoding: 'utf8' });
        return { code: run.status, report: JSON.parse(run.stdout) as { ok: boolean; after: { checks: Array<{ step: string; ok: boolean }> } } };
      };
      const passing = cli();
      expect(passing.report.after.checks.find((c) => c.step === 'R1')).toMatchObject({ ok: true });
      expect(passing.code).toBe(0);
      writeFileSync(join(folder, 'audit', 'rla.json'), changed);
      const failing = cli();
      expect(failing.code).toBe(1);
      expect(failing.report.after.checks.find((c) => c.step === 'R1')).toMatchObject({ ok: false });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    // A round without an audit passes as before.
    const bare = await verifyAfter(siteFiles(id, BUNDLE), { resultKey: { pinned: pem() } });
    expect(bare.checks.find((c) => c.step === 'R1')).toMatchObject({ ok: true, absent: true });
  });

  it('escalates on a slip typed "yes" that says "no"', async () => {
    const { id, entered } = await publishedRound();
    const seeded = await seed(id);
    const listed = seeded.draws.length as number;
    // The planted entry error: the first drawn slip that was entered "yes" says "no" on paper.
    const planted = (seeded.draws as Array<{ serial: string }>).find((d) => entered.get(d.serial) === 'yes')!.serial;
    const paper = (serial: string) => (serial === planted ? 'no' : entered.get(serial)!);
    const done = await readUntilDone(id, paper, seeded);
    const caught = done.draws.filter((d: { serial: string }) => d.serial === planted);
    expect(caught.length).toBeGreaterThan(0);
    for (const d of caught) expect(d.discrepancy.q1).toBe(1);
    // It could not stop where it would have with no error: the list grew.
    expect(done.draws.length).toBeGreaterThan(listed);
    expect(done.conclusion).toBe('confirmed');

    expect((await post(monitorA, `/api/consultations/${id}/rla/conclude`)).status).toBe(200);
    const files = siteFiles(id, [...BUNDLE, 'audit/rla.json', 'audit/rla.jws']);
    const rla = JSON.parse(new TextDecoder().decode(files['audit/rla.json']));
    expect(rla.draws.some((d: { discrepancy: { q1: number } }) => d.discrepancy.q1 === 1)).toBe(true);
    expect((await verifyAfter(files, { resultKey: { pinned: pem() } })).checks.find((c) => c.step === 'R1')).toMatchObject({ ok: true });
  });

  it('has no paper to audit after a show of hands', async () => {
    const created = await post(official, '/api/consultations', round('meeting'));
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    expect((await post(official, `/api/consultations/${id}/open`)).status).toBe(200);
    expect((await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } })).status).toBe(200);
    const state = await s.call('GET', `/api/consultations/${id}/rla`, { token: monitorA });
    expect(state.json).toMatchObject({ auditable: false });
    const refused = await post(monitorA, `/api/consultations/${id}/rla/seed`, { digits: '123' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('không có phiếu giấy để kiểm tra');
    const noPaper = await browse(`/monitors/c/${id}/rla`);
    expect(noPaper.status).toBe(200);
    expect(noPaper.text).toContain('không có phiếu giấy để kiểm tra');
    expect(noPaper.text).toContain('người chứng kiến');
    // An official may read the state but not act.
    expect((await post(official, `/api/consultations/${id}/rla/seed`, { digits: '123' })).status).toBe(403);
  });
});
