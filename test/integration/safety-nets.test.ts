import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { auditWords } from '../../shared/audit-words.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { vnTime } from '../../web/format.ts';
import { onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; html: string };

const HOUR = 3600_000;
const ORIGIN = 'http://localhost';
/** The reason typed on a phone, decomposed (NFD): it is kept and published composed (NFC). */
const REASON = 'Đã đủ số hộ tham gia, họp thôn thống nhất kết thúc sớm';

/**
 * The safety nets of the officials' pages on DynamoDB Local: a confirmation before disclosing (refused with an empty
 * roll, on the pages and the API), the state as it is before `opensAt`, the sealing confirmation and the print
 * button, the warning that a rule can no longer be met, and a close before `closesAt` that needs a reason, recorded
 * in the closed event and published with the result, after which the lists show the actual close.
 */
describe('the officials’ safety nets', () => {
  let s: Sys;
  let pages: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  let session = '';
  let now = Date.now();
  const start = now;
  /** Opens in two hours (codes handed out ahead), closes in a day. */
  let ahead = '';
  /** Open now, closes in a day: the one closed early by hand. */
  let running = '';

  const request = async (path: string, init: { method?: string; body?: string } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = ORIGIN;
    }
    const res = await pages.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    return { status: res.status, html: await res.text() };
  };
  const get = (path: string) => request(path);
  const post = (path: string, body: URLSearchParams | string = '') => request(path, { method: 'POST', body: body.toString() });
  const api = (method: string, path: string, body?: unknown) => s.call(method, path, { token: session, ...(body !== undefined ? { body } : {}) });
  const stateOf = async (id: string) => (await api('GET', `/api/consultations/${id}`)).json.state as string;
  const site = (path: string) => join(s.dataDir, 'site', path);

  beforeAll(async () => {
    s = await testSystem('safety-nets', { clock: { now: () => new Date(now) } });
    pages = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
    session = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('refuses to disclose while the roll is empty: the page says why, the act and the API refuse', async () => {
    const created = await api('POST', '/api/consultations', onlineConsultation(new Date(start + 2 * HOUR)));
    expect(created.status).toBe(201);
    ahead = created.json.id;
    const page = await get(`/officials/c/${ahead}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="disclose-blocked"');
    expect(page.html).toMatch(/<button type="button" class="secondary" disabled=""/);
    expect(page.html).toContain('danh sách hộ còn trống');
    expect(page.html).not.toContain(`href="/officials/c/${ahead}/disclose"`);

    const confirm = await get(`/officials/c/${ahead}/disclose`);
    expect(confirm.status).toBe(409);
    expect(confirm.html).toContain('Chưa có danh sách hộ');
    expect(confirm.html).not.toContain(`action="/officials/c/${ahead}/disclose"`);

    const act = await post(`/officials/c/${ahead}/disclose`);
    expect(act.status).toBe(409);
    expect(act.html).toContain('Chưa có danh sách hộ');
    const viaApi = await api('POST', `/api/consultations/${ahead}/disclose`);
    expect(viaApi.status).toBe(409);
    expect(viaApi.json.error.code).toBe('wrong_state');
    expect(await stateOf(ahead)).toBe('draft');
    const log = (await api('GET', `/api/consultations/${ahead}/audit`)).json as Array<{ action: string }>;
    expect(log.map((e) => e.action)).toEqual(['created']);
  });

  it('discloses after a confirmation that says what follows', async () => {
    expect((await s.call('PUT', `/api/consultations/${ahead}/roll`, { token: session, body: rollCsv(12), type: 'text/csv' })).status).toBe(200);
    const page = await get(`/officials/c/${ahead}`);
    expect(page.html).toContain(`href="/officials/c/${ahead}/disclose"`);
    expect(page.html).not.toContain('id="disclose-blocked"');
    // The page links to the confirmation; nothing on it posts the act directly.
    expect(page.html).not.toContain(`action="/officials/c/${ahead}/disclose"`);

    const confirm = await get(`/officials/c/${ahead}/disclose`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(`action="/officials/c/${ahead}/disclose"`);
    expect(confirm.html).toContain('được đăng công khai trên trang web');
    expect(confirm.html).toContain('Không sửa được nội dung');
    expect(confirm.html).toContain('Thời hạn thông báo bắt đầu tính từ lúc công khai');
    expect(confirm.html).toContain('Danh sách hiện có 12 hộ.');
    expect(await stateOf(ahead)).toBe('draft');

    const r = await post(`/officials/c/${ahead}/disclose`);
    expect(r.status).toBe(303);
    expect(await stateOf(ahead)).toBe('disclosure');
    // Once disclosed, the confirmation says it cannot be done again.
    expect((await get(`/officials/c/${ahead}/disclose`)).status).toBe(409);
  });

  it('shows a round open before its opensAt as not yet taking ballots, on its page and in the list', async () => {
    await recordOnlineConditions(s.call, session, ahead, 12);
    const opened = await api('POST', `/api/consultations/${ahead}/open`);
    expect(opened.status, opened.text).toBe(200);
    expect(await stateOf(ahead)).toBe('voting');
    const page = await get(`/officials/c/${ahead}`);
    expect(page.html).toContain('<span class="state">Chưa đến giờ nhận phiếu');
    expect(page.html).not.toContain('<span class="state">Đang biểu quyết');
    const list = await get('/officials/');
    expect(list.html).toContain('Chưa đến giờ nhận phiếu');
    // Once opensAt has come, the state is the plain one.
    now = start + 3 * HOUR;
    try {
      expect((await get(`/officials/c/${ahead}`)).html).toContain('<span class="state">Đang biểu quyết');
      expect((await get('/officials/')).html).not.toContain('Chưa đến giờ nhận phiếu');
    } finally {
      now = start;
    }
  });

  it('asks for a confirmation before sealing the code slips, and prints the slips with a button', async () => {
    const slips = await get(`/officials/c/${ahead}/codes?page=1`);
    expect(slips.status).toBe(200);
    expect(slips.html).toContain('<script src="/officials/assets/print.js" defer=""></script>');
    expect(slips.html).toMatch(/<p class="no-print print-button"><button type="button" data-print="[^"]*" hidden=""/);
    expect(slips.html).toContain(`href="/officials/c/${ahead}/codes/seal"`);
    expect(slips.html).not.toContain(`action="/officials/c/${ahead}/codes/seal"`);
    const script = await pages.request('/officials/assets/print.js', { headers: { cookie: `danban_session=${session}` } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('window.print()');

    const confirm = await get(`/officials/c/${ahead}/codes/seal`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(`action="/officials/c/${ahead}/codes/seal"`);
    expect(confirm.html).toContain('không ai xem hoặc in lại được mã');
    expect(confirm.html).toContain('không thể hoàn tác');
    const log = (await api('GET', `/api/consultations/${ahead}/audit`)).json as Array<{ action: string }>;
    expect(log.some((e) => e.action === 'slips_sealed')).toBe(false);
  });

  it('warns when turnout can no longer meet a rule, and not before', async () => {
    const created = await api('POST', '/api/consultations', onlineConsultation(new Date(start - HOUR), 24));
    running = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${running}/roll`, { token: session, body: rollCsv(10), type: 'text/csv' })).status).toBe(200);
    expect((await post(`/officials/c/${running}/disclose`)).status).toBe(303);
    await recordOnlineConditions(s.call, session, running, 10);
    expect((await api('POST', `/api/consultations/${running}/open`)).status).toBe(200);
    for (const household of ['H-001', 'H-002', 'H-003']) {
      const r = await api('POST', `/api/consultations/${running}/paper-ballots`, { household, answers: { q1: 'yes' } });
      expect(r.status, r.text).toBe(201);
    }
    // While voting runs, every household may still vote: the rule (more than 5 of 10) can be met.
    const during = await get(`/officials/c/${running}`);
    expect(during.html).not.toContain('id="unreachable"');
    // Past the planned close (the closer not yet run), 3 of 10 cannot make more than half.
    now = start + 24 * HOUR;
    try {
      const after = await get(`/officials/c/${running}`);
      expect(after.html).toContain('id="unreachable"');
      expect(after.html).toContain('Không thể đạt điều kiện thông qua');
      expect(after.html).toContain('chỉ 3/10 hộ đã tham gia');
    } finally {
      now = start;
    }
  });

  it('warns at a meeting when those present are too few to meet the rule, until enough have arrived', async () => {
    const created = await api('POST', '/api/consultations', roadConsultation(new Date(start - HOUR), 24));
    const meeting = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${meeting}/roll`, { token: session, body: rollCsv(12), type: 'text/csv' })).status).toBe(200);
    expect((await api('POST', `/api/consultations/${meeting}/disclose`)).status).toBe(200);
    const opened = await api('POST', `/api/consultations/${meeting}/open`);
    expect(opened.status, opened.text).toBe(200);
    // Before anyone is registered present, nothing is said.
    expect((await get(`/officials/c/${meeting}`)).html).not.toContain('id="unreachable"');
    for (const household of ['H-001', 'H-002']) expect((await api('POST', `/api/consultations/${meeting}/attendance`, { household })).status).toBeLessThan(300);
    const few = await get(`/officials/c/${meeting}`);
    expect(few.html).toContain('id="unreachable"');
    expect(few.html).toContain('mới có 2/12 hộ có mặt');
    // 2/3 of 12 is 8: with 8 present the rule can be met again.
    for (let i = 3; i <= 8; i++) {
      const household = `H-${String(i).padStart(3, '0')}`;
      expect((await api('POST', `/api/consultations/${meeting}/attendance`, { household })).status).toBeLessThan(300);
    }
    expect((await get(`/officials/c/${meeting}`)).html).not.toContain('id="unreachable"');
  });

  it('refuses an early close without a fit reason, on the pages and the API, and closes nothing', async () => {
    const confirm = await get(`/officials/c/${running}/close`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Chưa đến thời gian kết thúc dự kiến');
    expect(confirm.html).toMatch(/<textarea id="reason" name="reason" required="" minlength="5" maxlength="500"/);

    const none = await post(`/officials/c/${running}/close`);
    expect(none.status).toBe(400);
    expect(none.html).toContain('Hãy ghi lý do kết thúc sớm');
    expect(none.html).toContain('aria-invalid="true"');
    const short = await post(`/officials/c/${running}/close`, new URLSearchParams({ reason: 'vội' }));
    expect(short.status).toBe(400);
    // What was typed comes back.
    expect(short.html).toContain('>vội</textarea>');
    expect((await post(`/officials/c/${running}/close`, new URLSearchParams({ reason: 'lý do\u0000ẩn' }))).status).toBe(400);
    const bad = await api('POST', `/api/consultations/${running}/close`, { reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(await stateOf(running)).toBe('voting');
  });

  it('closes early with a reason: recorded in the closed event, on the result page and in the signed log', async () => {
    now = start + 2 * HOUR;
    const r = await post(`/officials/c/${running}/close`, new URLSearchParams({ reason: REASON.normalize('NFD') }));
    expect(r.status, r.html).toBe(200);
    expect(r.html).toContain(`href="http://127.0.0.1:9/c/${running}/" id="result"`);
    const log = (await api('GET', `/api/consultations/${running}/audit`)).json as Array<{ action: string; at: string; data: Record<string, unknown> }>;
    const closed = log.find((e) => e.action === 'closed')!;
    expect(closed.data).toEqual({ consultationId: running, reason: 'manual', early: true, earlyReason: REASON });
    expect(auditWords('closed', closed.data).vi).toBe(`Đóng biểu quyết sớm hơn dự kiến, lý do: «${REASON}»`);

    const result = readFileSync(site(`c/${running}/index.html`), 'utf8');
    expect(result).toContain('id="early-close"');
    expect(result).toContain(`lý do: «${REASON}»`);
    const signed = readFileSync(site(`c/${running}/audit.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(signed.at(-1)).toMatchObject({ action: 'closed', data: { early: true, earlyReason: REASON } });
    // The bundle still verifies: the reason is part of the chained event, nothing else changes.
    const manifest = JSON.parse(readFileSync(site(`c/${running}/result.json`), 'utf8')) as { files: Record<string, string> };
    const files = Object.fromEntries([...Object.keys(manifest.files), 'result.jws'].map((n) => [n, new Uint8Array(readFileSync(site(`c/${running}/${n}`)))]));
    const report = await verifyBundle(files, { pinned: readFileSync(site(`keys/${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);

    // The lists show the actual close, not the planned one.
    const list = await get('/officials/');
    expect(list.html).toContain(vnTime(closed.at));
    expect(list.html).toContain(`Kết thúc sớm; dự kiến ${vnTime(new Date(start + 23 * HOUR).toISOString())}`);
    const page = await get(`/officials/c/${running}`);
    expect(page.html).toContain(`Kết thúc thực tế: ${vnTime(closed.at)} (kết thúc sớm hơn dự kiến).`);
  });

  it('records an early close through the API with the reason of its JSON body', async () => {
    const reason = 'Hoãn vì mưa bão, sẽ tổ chức vòng khác';
    const r = await api('POST', `/api/consultations/${ahead}/close`, { reason });
    expect(r.status, r.text).toBe(200);
    const log = (await api('GET', `/api/consultations/${ahead}/audit`)).json as Array<{ action: string; data: Record<string, unknown> }>;
    expect(log.find((e) => e.action === 'closed')!.data).toMatchObject({ early: true, earlyReason: reason });
    expect(readFileSync(site(`c/${ahead}/index.html`), 'utf8')).toContain(`lý do: «${reason}»`);
  });
});
