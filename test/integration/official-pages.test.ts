import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { qrPath } from '../../web/officials/qr.ts';
import { recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; headers: Headers; html: string };

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';
const ORIGIN = 'http://localhost';
const HOUR = 3600_000;

/** A time as the form's datetime-local field takes it, in Vietnam time (UTC+7), to the minute. */
const vnLocal = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 16);
/** The UTC instant the form must save for that field. */
const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}:00Z`;

/** The fields a browser would post from a page's form: inputs, textareas, and each select's selected option. */
function formFieldsOf(html: string): URLSearchParams {
  const text = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? text(m[1]!) : undefined;
  };
  const fields = new URLSearchParams();
  const form = /<form method="post" action="\/officials\/c\/[^"]*">([\s\S]*?)<\/form>/.exec(html)![1]!;
  for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    if (m[0].startsWith('<input')) fields.append(attr(m[0], 'name')!, attr(m[0], 'value') ?? '');
    else if (m[0].startsWith('<textarea')) fields.append(attr(m[0], 'name')!, text(m[2]!));
    else {
      const options = [...m[4]!.matchAll(/<option value="([^"]*)"( selected="")?/g)];
      fields.append(attr(m[0], 'name')!, text((options.find((o) => o[2]) ?? options[0]!)[1]!));
    }
  }
  return fields;
}

/**
 * The officials' pages on DynamoDB Local: the road (a contribution, decided at a meeting) drafted, edited, previewed,
 * given its roll and disclosed from the form; then a round the law lets the hamlet vote online (an Art. 15(6) matter,
 * Decree 59/2023 Art. 5) opened with its code slips, a code reissued, paper ballots entered for households, closed.
 */
describe('the officials’ pages on the real store', () => {
  let s: Sys;
  let pages: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  let session = '';
  /** The official's id token, for the API (the pages' session is not one). */
  let apiToken = '';
  /** The road: a contribution by meeting. */
  let id = '';
  /** Street lights from the hamlet's fund, voted online with codes. */
  let online = '';
  const opens = Date.now() - HOUR;
  const closes = Date.now() + 48 * HOUR;
  const codes = new Map<string, string>();
  const sizes: Record<string, number> = {};

  const request = async (
    path: string,
    init: { method?: string; body?: string | FormData; who?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...init.headers };
    const who = init.who ?? session;
    if (who) headers.cookie = `danban_session=${who}`;
    if (typeof init.body === 'string') headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await pages.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  const get = (path: string, who?: string) => request(path, { ...(who !== undefined ? { who } : {}) });
  const post = (path: string, body: string | FormData | URLSearchParams, who?: string) =>
    request(path, {
      method: 'POST',
      body: body instanceof URLSearchParams ? body.toString() : body,
      headers: { origin: ORIGIN },
      ...(who !== undefined ? { who } : {}),
    });
  const measure = (name: string, r: Reply) => {
    sizes[name] = gzipSync(r.html).length;
  };
  const sessionOf = (r: Reply) => /danban_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1] ?? '';

  const form = (fields: Record<string, string> = {}) =>
    new URLSearchParams({
      slots: '5',
      'scope.kind': 'hamlet',
      'scope.name': 'Thôn Thử Nghiệm',
      matter: 'contribution',
      method: 'meeting',
      title: `Bê tông hóa đường thôn ${XSS}`,
      titleEn: 'Concreting the hamlet road',
      description: 'Đường dài 500 m, rộng 3 m.',
      opensAt: vnLocal(opens),
      closesAt: vnLocal(closes),
      'c.totalCost': '900.000.000',
      'c.stateBudget': '870.000.000',
      'c.residentsShare': '30.000.000',
      'c.basis': 'per_household',
      'c.amountPerUnit': '300.000',
      'c.poor': '100',
      'c.near_poor': '50',
      'q1.type': 'yes_no',
      'q1.text': 'Tán thành làm đường với mức 300.000 đồng/hộ?',
      'q1.rule': 'preset',
      'q2.type': 'single',
      'q2.text': 'Chọn mức đóng góp',
      'q2.options': 'a|Phương án A|300.000\nb|Phương án B|200.000',
      'q2.rule': 'preset',
      ...fields,
    });

  /** The online round's form: no contribution terms, options without amounts. */
  const onlineForm = () =>
    new URLSearchParams({
      slots: '5',
      'scope.kind': 'hamlet',
      'scope.name': 'Thôn Thử Nghiệm',
      matter: 'other_self_managed',
      method: 'online',
      title: `Lắp đèn chiếu sáng đường thôn ${XSS}`,
      description: 'Lắp 20 bóng đèn năng lượng mặt trời dọc đường thôn.',
      opensAt: vnLocal(opens),
      closesAt: vnLocal(closes),
      'q1.type': 'yes_no',
      'q1.text': 'Đồng ý lắp đèn chiếu sáng từ quỹ của thôn?',
      'q1.rule': 'preset',
      'q2.type': 'single',
      'q2.text': 'Chọn loại đèn',
      'q2.options': 'a|Phương án A\nb|Phương án B',
      'q2.rule': 'preset',
    });

  beforeAll(async () => {
    s = await testSystem('official-pages');
    pages = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
  });
  afterAll(() => s.cleanup());

  it('signs an official in with an HttpOnly, SameSite=Strict session cookie, and shows the commune’s list', async () => {
    const login = await get('/officials/login', '');
    expect(login.status).toBe(200);
    measure('login', login);
    const wrong = await post('/officials/login', 'username=official&password=nope', '');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const r = await post('/officials/login', 'username=official&password=pw-official', '');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/officials/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/officials/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeLessThanOrEqual(8 * 3600);
    session = sessionOf(r);
    // The session is a random id kept on the server, not a token: the API takes no such thing.
    expect(session).toMatch(/^[\w-]{43}$/);
    expect((await s.call('GET', '/api/consultations', { token: session })).status).toBe(401);
    apiToken = await s.token('official');
    const home = await get('/officials/');
    expect(home.status).toBe(200);
    expect(home.html).toContain('<html lang="vi">');
    expect(home.html).toContain('Chưa có cuộc lấy ý kiến nào.');
    expect(home.html).toContain('lang="en"');
  });

  it('refuses a post that does not come from these pages, and creates nothing', async () => {
    const r = await request('/officials/c/new', { method: 'POST', body: form().toString(), headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
    const noOrigin = await request('/officials/c/new', { method: 'POST', body: form().toString() });
    expect(noOrigin.status).toBe(403);
    expect(await s.core.store.listConsultations()).toHaveLength(0);
  });

  it('sends a form with mistakes back with each problem next to its field, saving nothing', async () => {
    const r = await post('/officials/c/new', form({ method: 'online', title: '', 'q2.options': 'a|Phương án A|3,5\nb|Phương án B|200.000' }));
    expect(r.status).toBe(400);
    measure('form with problems', r);
    expect(r.html).toContain('role="alert"');
    expect(r.html).toContain('href="#f-title"');
    expect(r.html).toMatch(/<input type="text" id="f-title" name="title" aria-describedby="err-f-title" aria-invalid="true"/);
    expect(r.html).toContain('id="err-f-q2-options"');
    expect(r.html).toContain('số tiền «3,5» không phải số nguyên đồng');
    // What was typed comes back.
    expect(r.html).toContain('Phương án B|200.000');
    const legal = await post('/officials/c/new', form({ method: 'online' }));
    expect(legal.status).toBe(400);
    expect(legal.html).toContain('id="err-f-method"');
    expect(legal.html).toContain('Nghị định 59/2023 Điều 5');
    expect(await s.core.store.listConsultations()).toHaveLength(0);
  });

  it('creates a consultation from the form, with the dates typed in Vietnam time saved in UTC', async () => {
    const blank = await get('/officials/c/new');
    expect(blank.status).toBe(200);
    measure('new consultation form', blank);
    // The rule in English beside it only under ?lang=en.
    expect(blank.html).not.toContain('at least 2/3 of all households');
    expect((await get('/officials/c/new?lang=en')).html).toContain('at least 2/3 of all households');
    expect(blank.html).toContain('từ 2/3 tổng số hộ gia đình trở lên');
    expect(blank.html).toContain('trên 50% tổng số hộ gia đình');
    const r = await post('/officials/c/new', form());
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    expect(location).toMatch(/^\/officials\/c\/[0-9A-HJKMNP-TV-Z]{26}\?done=created$/);
    id = location.slice('/officials/c/'.length, location.indexOf('?'));
    const api = await s.call('GET', `/api/consultations/${id}`, { token: apiToken });
    expect(api.json).toMatchObject({
      state: 'draft',
      commune: 'xa-thu-nghiem',
      matter: 'contribution',
      method: 'meeting',
      opensAt: utcMinute(opens),
      closesAt: utcMinute(closes),
      title: `Bê tông hóa đường thôn ${XSS}`,
      contribution: {
        totalCost: 900_000_000,
        amountPerUnit: 300_000,
        exemptions: [
          { category: 'poor', percent: 100 },
          { category: 'near_poor', percent: 50 },
        ],
      },
    });
    expect(api.json.questions[1].options).toEqual([
      { id: 'a', label: 'Phương án A', amountPerUnit: 300_000 },
      { id: 'b', label: 'Phương án B', amountPerUnit: 200_000 },
    ]);
  });

  it('renders a script in the title as text on every page', async () => {
    for (const path of ['/officials/', `/officials/c/${id}`, `/officials/c/${id}/edit`, `/officials/c/${id}/roll`, `/officials/c/${id}/preview`]) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.html).not.toContain('<script>alert');
      expect(r.html).not.toContain('<img src=x');
      expect(r.html).toContain(ESCAPED);
    }
  });

  it('edits the draft: the form shows the saved values in Vietnam time, and saves the change', async () => {
    const edit = await get(`/officials/c/${id}/edit`);
    expect(edit.html).toContain(`value="${vnLocal(opens)}"`);
    expect(edit.html).toContain('a|Phương án A|300000\nb|Phương án B|200000');
    const r = await post(`/officials/c/${id}/edit`, form({ description: 'Đường dài 520 m, rộng 3 m.' }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/officials/c/${id}?done=saved`);
    expect((await s.call('GET', `/api/consultations/${id}`, { token: apiToken })).json.description).toBe('Đường dài 520 m, rộng 3 m.');
    const page = await get(`/officials/c/${id}?done=saved`);
    expect(page.html).toContain('Đã lưu dự thảo.');
  });

  it('saves the same consultation when its edit form is posted back untouched, as a browser would', async () => {
    const before = (await s.call('GET', `/api/consultations/${id}`, { token: apiToken })).json;
    const fields = formFieldsOf((await get(`/officials/c/${id}/edit`)).html);
    expect(fields.get('matter')).toBe('contribution');
    expect(fields.get('method')).toBe('meeting');
    expect(fields.get('q2.type')).toBe('single');
    expect(fields.get('c.basis')).toBe('per_household');
    const r = await post(`/officials/c/${id}/edit`, fields);
    expect(r.status).toBe(303);
    const after = (await s.call('GET', `/api/consultations/${id}`, { token: apiToken })).json;
    expect({ ...after, updatedAt: undefined }).toEqual({ ...before, updatedAt: undefined });
  });

  it('previews the public page exactly as the site will publish it', async () => {
    const r = await get(`/officials/c/${id}/preview`);
    expect(r.status).toBe(200);
    measure('preview', r);
    expect(r.html).toContain('Đường dài 520 m, rộng 3 m.');
    expect(r.html).toContain('Điều kiện thông qua');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('lists every bad line of a roll with its reason and takes none of it, then counts a good roll by category', async () => {
    const bad = [
      'id,hamlet,head,members,category',
      'H-001,Thôn Thử Nghiệm,Chủ hộ 1,3,standard',
      'H-002,Thôn Thử Nghiệm,Chủ hộ 2,0,standard',
      'H-003,Thôn Thử Nghiệm,Chủ hộ 3,2',
      'H-001,Thôn Thử Nghiệm,Chủ hộ 4,2,poor',
      'H 5,Thôn Thử Nghiệm,Chủ hộ 5,2,rich',
    ].join('\n');
    const file = new FormData();
    file.append('file', new File([bad], 'roll.csv', { type: 'text/csv' }));
    file.append('csv', '');
    const r = await post(`/officials/c/${id}/roll`, file);
    expect(r.status).toBe(400);
    measure('roll with problems', r);
    for (const line of [3, 4, 5, 6]) expect(r.html).toContain(`<strong>Dòng ${line}: </strong>`);
    expect(r.html).not.toContain('<strong>Dòng 2: </strong>');
    expect(r.html).toContain('cần 5 cột, dòng này có 4');
    expect(r.html).toContain('đã có ở dòng 2');
    expect(r.html).not.toContain('expected 5 fields, found 4');
    expect(r.html).toContain('<strong data-total="">0</strong>');
    // Pasted text: refused the same way, and shown again to fix.
    const pasted = await post(`/officials/c/${id}/roll`, new URLSearchParams({ csv: 'id,hamlet\nH-1,X' }));
    expect(pasted.status).toBe(400);
    expect(pasted.html).toContain('id,hamlet\nH-1,X</textarea>');

    const good = new FormData();
    good.append('file', new File([rollCsv(12)], 'roll.csv', { type: 'text/csv' }));
    const ok = await post(`/officials/c/${id}/roll`, good);
    expect(ok.status).toBe(200);
    measure('roll uploaded', ok);
    expect(ok.html).toContain('Đã tải lên 12 hộ');
    expect(ok.html).toContain('data-category="standard">11<');
    expect(ok.html).toContain('data-category="poor">1<');
    expect(ok.html).toContain('data-category="near_poor">0<');
    expect(ok.html).not.toContain('Chủ hộ 1');
    expect((await s.call('GET', `/api/consultations/${id}`, { token: apiToken })).json.counts.eligible).toBe(12);
  });

  it('discloses the draft', async () => {
    const r = await post(`/officials/c/${id}/disclose`, '');
    expect(r.status).toBe(303);
    const page = await get(r.headers.get('location')!);
    expect(page.html).toContain('Đang công khai, lấy ý kiến');
    expect(page.html).toContain(`href="http://127.0.0.1:9/c/${id}/"`);
  });

  it('opens the road’s meeting with no codes to print: straight to the meeting page', async () => {
    const r = await post(`/officials/c/${id}/open`, '');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/officials/c/${id}/meeting`);
    expect(r.html).not.toContain('<article class="slip"');
    const meeting = await get(`/officials/c/${id}/meeting`);
    expect(meeting.status).toBe(200);
    expect(meeting.html).toContain(ESCAPED);
    expect(meeting.html).not.toContain('<script>alert');
    expect(meeting.html).toContain(`action="/officials/c/${id}/meeting/attendance"`);
    // No voting code exists in a meeting, so none can be reissued.
    expect((await post(`/officials/c/${id}/reissue`, 'household=H-001')).status).toBe(409);
    expect((await get(`/officials/c/${id}`)).html).not.toContain(`action="/officials/c/${id}/reissue"`);
  });

  it('creates a round to vote online from the form, which opens only once the five conditions are recorded', async () => {
    const r = await post('/officials/c/new', onlineForm());
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    online = location.slice('/officials/c/'.length, location.indexOf('?'));
    const api = await s.call('GET', `/api/consultations/${online}`, { token: apiToken });
    expect(api.json).toMatchObject({ state: 'draft', matter: 'other_self_managed', method: 'online', title: `Lắp đèn chiếu sáng đường thôn ${XSS}` });
    const good = new FormData();
    good.append('file', new File([rollCsv(12)], 'roll.csv', { type: 'text/csv' }));
    expect((await post(`/officials/c/${online}/roll`, good)).status).toBe(200);
    expect((await post(`/officials/c/${online}/disclose`, '')).status).toBe(303);
    const missing = await get(`/officials/c/${online}/open`);
    // Waiting for its conditions is a normal step: the page with their forms, not a refusal (the POST is refused).
    expect(missing.status).toBe(200);
    expect(missing.html).toContain(`action="/officials/c/${online}/conditions"`);
    expect(missing.html).not.toContain('Phiếu mã hiện ra từng trang');
    expect((await post(`/officials/c/${online}/open`, '')).status).toBe(409);
    await recordOnlineConditions(s.call, apiToken, online, 12);
  });

  it('opens voting after a confirmation, then prints the code slips page by page: 8 slips to an A4 sheet, each with its QR code', async () => {
    const confirm = await get(`/officials/c/${online}/open`);
    expect(confirm.status).toBe(200);
    measure('open confirmation', confirm);
    expect(confirm.html).toContain('Phiếu mã hiện ra từng trang');
    expect(confirm.html).toContain(`action="/officials/c/${online}/open"`);

    const opened = await post(`/officials/c/${online}/open`, '');
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/officials/c/${online}/codes?page=1`);
    expect(opened.html).not.toContain('slip-code');
    const r = await get(opened.headers.get('location')!);
    expect(r.status).toBe(200);
    measure('slips (12 households)', r);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.html).toContain('@page{size:A4;margin:10mm}');
    expect(r.html).toContain('grid-template-columns:repeat(2,95mm);grid-template-rows:repeat(4,69mm)');
    expect(r.html).toMatch(/<div class="panel panel-warn no-print" role="alert">/);
    const sheets = r.html.split('<section class="sheet"').slice(1);
    expect(sheets.map((sheet) => sheet.match(/<article class="slip"/g)?.length)).toEqual([8, 4]);
    const slips = [...r.html.matchAll(/<article class="slip" data-household="([^"]+)">([\s\S]*?)<\/article>/g)];
    expect(slips.map((m) => m[1])).toEqual(Array.from({ length: 12 }, (_, i) => `H-${String(i + 1).padStart(3, '0')}`));
    for (const [, household, slip] of slips) {
      const code = /<p class="slip-code">([^<]+)<\/p>/.exec(slip!)![1]!;
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(slip).toContain('Thôn Thử Nghiệm');
      expect(slip).toContain(`<strong class="mono">${household}</strong>`);
      expect(slip).toContain(ESCAPED);
      expect(slip).toContain('Quét mã QR hoặc vào');
      expect(slip).toContain('<svg class="qr"');
      // The QR code opens the ballot with the code in the fragment, on the site's address.
      expect(slip).toContain(`d="${qrPath(`http://127.0.0.1:9/vote/${online}#code=${code}`).d}"`);
      codes.set(household!, code);
    }
    expect(new Set(codes.values()).size).toBe(12);
    // Every printed code is a household's working code.
    for (const household of ['H-001', 'H-002', 'H-003', 'H-004']) {
      const cast = await s.call('POST', `/api/consultations/${online}/ballots`, { body: { code: codes.get(household), answers: { q1: 'yes', q2: 'a' } } });
      expect(cast.status).toBe(201);
    }
    const again = await post(`/officials/c/${online}/open`, '');
    expect(again.status).toBe(409);
    expect(again.html).toContain('mã biểu quyết chỉ được cấp một lần');
    // A reload (a lost connection, a jammed printer) shows the same codes again, and says so in the audit log.
    const reload = await get(`/officials/c/${online}/codes?page=1`);
    expect(reload.status).toBe(200);
    expect([...reload.html.matchAll(/<p class="slip-code">([^<]+)<\/p>/g)].map((m) => m[1])).toEqual([...codes.values()]);
    const shown = (await s.call('GET', `/api/consultations/${online}/audit`, { token: await s.token('monitor') })).json.filter(
      (e: { action: string }) => e.action === 'codes_shown',
    );
    expect(shown.map((e: { data: { page: number; codes: number } }) => [e.data.page, e.data.codes])).toEqual([
      [1, 12],
      [1, 12],
    ]);
    expect((await get(`/officials/c/${online}/codes?page=2`)).status).toBe(400);
    expect((await get(`/officials/c/${online}/codes?page=abc`)).status).toBe(400);
  });

  it('reissues one household’s code on one slip; the old code stops working', async () => {
    const r = await post(`/officials/c/${online}/reissue`, 'household=H-004');
    expect(r.status).toBe(200);
    expect(r.html.match(/<article class="slip"/g)).toHaveLength(1);
    expect(r.html).toContain('Mã mới của hộ');
    const code = /<p class="slip-code">([^<]+)<\/p>/.exec(r.html)![1]!;
    expect(code).not.toBe(codes.get('H-004'));
    const old = await s.call('POST', `/api/consultations/${online}/ballots`, { body: { code: codes.get('H-004'), answers: { q1: 'no', q2: 'b' } } });
    expect(old.status).toBe(401);
    const fresh = await s.call('POST', `/api/consultations/${online}/ballots`, { body: { code, answers: { q1: 'no', q2: 'b' } } });
    expect(fresh.status).toBe(201);
    expect((await post(`/officials/c/${online}/reissue`, 'household=H-999')).status).toBe(404);
    // The slips drawn again leave out the household whose code was reissued: its old slip would not work.
    const slips = await get(`/officials/c/${online}/codes?page=1`);
    expect(slips.html).not.toContain('data-household="H-004"');
    expect(slips.html).toContain('Không in phiếu của 1 hộ đã được cấp lại mã: H-004.');
  });

  it('seals the slips once printed: from then on no code can be shown again, and a lost slip is a reissued code', async () => {
    expect((await post(`/officials/c/${online}/codes/seal`, '')).status).toBe(400);
    const sealed = await post(`/officials/c/${online}/codes/seal`, 'confirm=yes');
    expect(sealed.status).toBe(303);
    const gone = await get(`/officials/c/${online}/codes?page=1`);
    expect(gone.status).toBe(409);
    expect(gone.html).toContain('Phiếu mã đã được khóa sau khi in');
    expect(gone.html).not.toContain('slip-code');
    const api = await s.call('GET', `/api/consultations/${online}/credentials`, { token: apiToken });
    expect(api.status).toBe(409);
    const log = (await s.call('GET', `/api/consultations/${online}/audit`, { token: await s.token('monitor') })).json as Array<{ action: string }>;
    expect(log.filter((e) => e.action === 'slips_sealed')).toHaveLength(1);
  });

  it('enters paper ballots from the keyboard, with the running count and a warning when a ballot replaced one', async () => {
    const blank = await get(`/officials/c/${online}/paper`);
    expect(blank.status).toBe(200);
    measure('paper entry', blank);
    expect(blank.html).toMatch(/<input type="text" class="entry" id="f-household" name="household"[^>]* autofocus=""/);
    expect(blank.html).toContain('1/Đ = Đồng ý · 2/K = Không đồng ý · 0/Y = Ý kiến khác');
    expect(blank.html).toContain('1 = Phương án A · 2 = Phương án B · 0/Y = Ý kiến khác');

    // H-001 voted online: the form asks once more, keeping what was typed, and records nothing yet.
    const warned = await post(`/officials/c/${online}/paper`, 'entered=0&household=H-001&a.q1=1&a.q2=2');
    expect(warned.status).toBe(200);
    expect(warned.html).toContain('Hộ H-001 đã biểu quyết (trực tuyến). Phiếu giấy sẽ thay thế phiếu trước. Nhấn Enter lần nữa để xác nhận.');
    expect(warned.html).not.toContain('Đã ghi phiếu');
    expect(warned.html).toContain('name="confirm" value="1"');
    const first = await post(`/officials/c/${online}/paper`, 'entered=0&household=H-001&a.q1=1&a.q2=2&confirm=1&confirmFor=H-001');
    expect(first.status).toBe(200);
    measure('paper entry after a ballot', first);
    expect(first.html).toContain('Đã ghi phiếu của hộ H-001.');
    expect(first.html).toContain('Hộ này đã bỏ phiếu trước đó; phiếu mới thay thế phiếu cũ.');
    expect(first.html).toMatch(/<strong class="mono big">[0-9a-f]{5} [0-9a-f]{5}<\/strong>/);
    expect(first.html).toContain('Đã nhập ở màn hình này: 1 phiếu.');
    expect(first.html).toContain('<th scope="row">Trực tuyến</th><td class="n">3</td>');
    expect(first.html).toContain('<th scope="row">Phiếu giấy</th><td class="n">1</td>');
    expect(first.html).toMatch(/<strong>4 \/ 12<\/strong>/);
    expect(first.html).toContain('name="entered" value="1"');
    expect(first.html).toMatch(/id="f-household" name="household"[^>]* value=""/);

    const second = await post(`/officials/c/${online}/paper`, 'entered=1&household=H-005&a.q1=n&a.q2=0');
    expect(second.status).toBe(200);
    expect(second.html).toContain('Đã ghi phiếu của hộ H-005.');
    expect(second.html).not.toContain('id="replaced"');
    expect(second.html).toContain('Đã nhập ở màn hình này: 2 phiếu.');
    expect(second.html).toMatch(/<strong>5 \/ 12<\/strong>/);

    const typo = await post(`/officials/c/${online}/paper`, 'entered=2&household=H-006&a.q1=7&a.q2=1');
    expect(typo.status).toBe(400);
    expect(typo.html).toMatch(/id="f-a-q1" name="a.q1"[^>]* aria-invalid="true"[^>]* value="7"[^>]* autofocus=""/);
    expect(typo.html).toContain('«7» không phải lựa chọn của câu này');
    const stranger = await post(`/officials/c/${online}/paper`, 'entered=2&household=H-999&a.q1=1&a.q2=1');
    expect(stranger.status).toBe(404);
    expect(stranger.html).toContain('Không có hộ này trong danh sách đã chốt.');
    expect((await s.call('GET', `/api/consultations/${online}`, { token: apiToken })).json.counts).toMatchObject({
      participants: 5,
      byChannel: { online: 3, paper: 2, meeting: 0 },
    });
    const audit = await s.call('GET', `/api/consultations/${online}/audit`, { token: await s.token('monitor') });
    expect(
      audit.json.filter((e: { action: string }) => e.action === 'paper_ballot_entered').map((e: { data: { household: string } }) => e.data.household),
    ).toEqual(['H-001', 'H-005']);
  });

  it('shows live turnout by channel on the consultation page, and never the tally before the close', async () => {
    const r = await get(`/officials/c/${online}`);
    expect(r.status).toBe(200);
    measure('consultation page', r);
    expect(r.html).toContain('<th scope="row">Trực tuyến</th><td class="n">3</td>');
    expect(r.html).toContain('<th scope="row">Phiếu giấy</th><td class="n">2</td>');
    expect(r.html).toMatch(/<strong>5 \/ 12<\/strong>/);
    expect(r.html).toContain('Kết quả chỉ được kiểm và công bố sau khi kết thúc biểu quyết.');
    // Households have chosen answers, but no answer is on the page to be counted against.
    expect(r.html).not.toContain('Phương án A');
    expect(r.html).not.toMatch(/>\s*(Đồng ý|Không đồng ý|Ý kiến khác|Phương án B)\s*</);
    expect(r.html).not.toMatch(/tally|Kết quả kiểm phiếu/i);
    expect(r.html).toContain(`href="/officials/c/${online}/paper"`);
    expect(r.html).toContain(`action="/officials/c/${online}/reissue"`);
  });

  it('keeps another commune’s official out: not listed, 403 on its pages and acts, 404 for its drafts', async () => {
    const other = await s.token('other');
    expect((await get('/officials/', other)).html).not.toContain(ESCAPED);
    for (const path of [
      `/officials/c/${online}`,
      `/officials/c/${online}/paper`,
      `/officials/c/${online}/close`,
      `/officials/c/${online}/roll`,
      `/officials/c/${online}/preview`,
    ]) {
      expect((await get(path, other)).status).toBe(403);
    }
    const entered = await post(`/officials/c/${online}/paper`, 'entered=0&household=H-006&a.q1=1&a.q2=1', other);
    expect(entered.status).toBe(403);
    expect((await post(`/officials/c/${online}/close`, '', other)).status).toBe(403);
    const draft = await s.call('POST', '/api/consultations', { token: apiToken, body: roadConsultation() });
    expect((await get(`/officials/c/${draft.json.id}`, other)).status).toBe(404);
    expect((await post(`/officials/c/${draft.json.id}/edit`, form(), other)).status).toBe(404);
    expect((await s.call('GET', `/api/consultations/${online}`, { token: apiToken })).json.counts.participants).toBe(5);
  });

  it('gives a monitor’s session 403', async () => {
    const monitor = await s.token('monitor');
    for (const path of ['/officials/', `/officials/c/${online}`]) {
      const r = await get(path, monitor);
      expect(r.status).toBe(403);
      expect(r.html).toContain('dành cho cán bộ xã');
    }
  });

  it('closes after a confirmation and links to the signed result', async () => {
    const confirm = await get(`/officials/c/${online}/close`);
    expect(confirm.status).toBe(200);
    measure('close confirmation', confirm);
    expect(confirm.html).toContain('Kết thúc ngay và công bố');
    // Before its planned close, a reason is asked and required.
    expect(confirm.html).toContain('name="reason"');
    expect((await post(`/officials/c/${online}/close`, '')).status).toBe(400);
    const r = await post(`/officials/c/${online}/close`, new URLSearchParams({ reason: 'Các hộ đã biểu quyết đủ theo kế hoạch' }));
    expect(r.status).toBe(200);
    measure('published', r);
    expect(r.html).toContain(`<a href="http://127.0.0.1:9/c/${online}/" id="result">`);
    const api = await s.call('GET', `/api/consultations/${online}`, { token: apiToken });
    expect(api.json.state).toBe('published');
    const page = await get(`/officials/c/${online}`);
    expect(page.html).toContain('Đã công bố kết quả');
    expect(page.html).toContain(`href="http://127.0.0.1:9/c/${online}/"`);
    expect(page.html).not.toContain(`href="/officials/c/${online}/paper"`);
    expect((await post(`/officials/c/${online}/paper`, 'entered=0&household=H-006&a.q1=1&a.q2=1')).status).toBe(409);
  });

  it('sends the site’s CSP, no caching and no framing on every page, and keeps each under 30 KB compressed', async () => {
    for (const path of [
      '/officials/',
      `/officials/c/${online}`,
      '/officials/c/new',
      `/officials/c/${online}/roll`,
      '/officials/login',
      `/officials/c/${online}/nowhere`,
    ]) {
      const r = await get(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toMatch(/https?:/);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1:9\/)/);
    }
    measure('dashboard', await get('/officials/'));
    console.log(`officials' pages, gzipped bytes: ${JSON.stringify(sizes)}`);
    for (const [name, bytes] of Object.entries(sizes)) expect(bytes, name).toBeLessThan(30 * 1024);
  });

  it('signs out', async () => {
    const r = await post('/officials/logout', '');
    expect(r.status).toBe(303);
    expect(r.headers.get('set-cookie')).toContain('Max-Age=0');
  });
});
