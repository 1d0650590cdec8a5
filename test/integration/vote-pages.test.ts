import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../../shared/bytes.ts';
import { verifyInclusion } from '../../shared/merkle.ts';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { residentPages } from '../../functions/http/pages/index.ts';
import { recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** Opinions asked online (Law 10/2022 Art. 26(1)): the resident pages vote with the household's code. */
function opinionRound(title: string, hoursOpen = 24): ConsultationInput {
  const now = new Date();
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'opinion',
    method: 'online',
    title,
    description: 'Lấy ý kiến về sân chơi và giờ mở nhà văn hóa.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Tán thành làm sân chơi cho trẻ em?', options: [], rule: { base: 'plurality' } },
      {
        id: 'q2',
        type: 'single',
        text: 'Chọn vị trí sân chơi',
        options: [
          { id: 'dinh', label: 'Cạnh đình làng' },
          { id: 'truong', label: 'Sau trường mầm non' },
        ],
        rule: { base: 'plurality' },
      },
      {
        id: 'q3',
        type: 'approval',
        text: 'Giờ mở nhà văn hóa',
        options: [
          { id: 'sang', label: 'Buổi sáng' },
          { id: 'chieu', label: 'Buổi chiều' },
          { id: 'toi', label: 'Buổi tối' },
        ],
        max: 2,
        rule: { base: 'plurality' },
      },
    ],
  };
}

/** The hidden fields of a page's form, as a browser would post them. */
function hiddenFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields.append(m[1]!, m[2]!.replace(/&amp;/g, '&'));
  return fields;
}

const CHOICES = 'a.q1=yes&a.q2=truong&a.q3=toi&a.q3=sang';

describe('the resident pages: vote with the household code and check the receipt', () => {
  let s: Sys;
  let official: string;
  let pages: Hono;
  let clientIp = '10.0.0.1';
  let id: string;
  let codes: Map<string, string>;
  const receipts: Record<string, string> = {};

  const get = async (path: string) => {
    const res = await pages.request(path);
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  const post = async (path: string, body: string | URLSearchParams) => {
    const res = await pages.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: String(body) });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  const receiptOf = (html: string) => /<code id="receipt" class="receipt">([0-9a-f]{64})<\/code>/.exec(html)?.[1];
  /** Review, then send the fields of the review page, as a resident does. */
  const vote = async (code: string, choices = CHOICES) => {
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(code)}&${choices}`);
    expect(review.status).toBe(200);
    return post(`/vote/${id}/cast`, hiddenFields(review.html));
  };
  const openRound = async (title: string, households = 5) => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: opinionRound(title) });
    expect(created.status).toBe(201);
    const cid = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${cid}/roll`, { token: official, body: rollCsv(households), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, cid, households);
    const opened = await s.call('POST', `/api/consultations/${cid}/open`, { token: official });
    expect(opened.status).toBe(200);
    return { cid, codes: new Map<string, string>(opened.json.credentials.map((c: { household: string; code: string }) => [c.household, c.code])) };
  };

  beforeAll(async () => {
    s = await testSystem('vote-pages');
    official = await s.token('official');
    pages = new Hono().route(
      '/',
      residentPages(s.core, () => clientIp),
    );
    ({ cid: id, codes } = await openRound(`Sân chơi thôn ${XSS}`));
  });
  afterAll(() => s.cleanup());

  it('shows the ballot in Vietnamese with a labelled code field and every question and choice', async () => {
    const r = await get(`/vote/${id}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<html lang="vi">');
    expect(r.html).toMatch(/<label class="field" for="code">Mã biểu quyết của hộ<\/label>/);
    expect(r.html).toMatch(/<input class="code" id="code" name="code" type="text" value=""[^>]* autocomplete="off"[^>]* inputmode="text"/);
    for (const text of [
      'Tán thành làm sân chơi cho trẻ em?',
      'Chọn vị trí sân chơi',
      'Giờ mở nhà văn hóa',
      'Cạnh đình làng',
      'Sau trường mầm non',
      'Buổi tối',
      'Không đồng ý',
      'Ý kiến khác',
      'Chọn tối đa 2 phương án',
    ]) {
      expect(r.html).toContain(text);
    }
    expect(r.html.match(/<fieldset/g)).toHaveLength(3);
    expect(r.html.match(/<legend>/g)).toHaveLength(3);
    expect(r.html.match(/<h1>/g)).toHaveLength(1);
    expect(r.html).toContain(`href="http://127.0.0.1:9/c/${id}/"`);
    expect(r.html).toContain('<script src="/vote/assets/vote.js" defer=""></script>');
  });

  it('renders a script in a consultation title as text', async () => {
    const r = await get(`/vote/${id}`);
    expect(r.html).not.toContain('<script>alert');
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('sends the site CSP, no caching and the usual security headers on every page', async () => {
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes.get('H-005')!)}&${CHOICES}`);
    for (const r of [await get(`/vote/${id}`), review, await get(`/vote/${id}/receipt`), await get(`/vote/${id}/nowhere`)]) {
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/https?:/);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('serves the helper script from this origin as JavaScript that parses', async () => {
    const res = await pages.request('/vote/assets/vote.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await res.text();
    expect(() => new Function(js)).not.toThrow();
    expect(js).toContain('history.replaceState');
  });

  it('shows a review page saying the ballot is NOT sent yet, with the choices in words', async () => {
    const r = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes.get('H-001')!.toLowerCase())}&${CHOICES}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
    expect(r.html).toContain('class="panel panel-warn"');
    expect(r.html).not.toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ</h1>');
    expect(r.html).toContain('<dd>Đồng ý</dd>');
    expect(r.html).toContain('<li>Sau trường mầm non</li>');
    expect(r.html).toContain('<li>Buổi sáng</li><li>Buổi tối</li>');
    expect(r.html).toContain('>Gửi phiếu</button>');
    expect(r.html).toContain(`formaction="/vote/${id}/edit">Sửa lại</button>`);
    expect(hiddenFields(r.html).getAll('a.q3')).toEqual(['sang', 'toi']);
    // Nothing was recorded: the household has not voted yet.
    const turnout = await s.call('GET', `/api/consultations/${id}`, { token: official });
    expect(turnout.json.counts.participants).toBe(0);
  });

  it('records the ballot on cast, says so unmistakably, and gives a receipt the receipts API reports counted', async () => {
    const r = await vote(codes.get('H-001')!);
    expect(r.status).toBe(200);
    expect(r.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
    expect(r.html).toContain('class="panel panel-ok"');
    expect(r.html).toContain('Đây là phiếu đầu tiên của hộ');
    const receipt = receiptOf(r.html)!;
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(r.html).toContain(`<p class="tracking">${receipt.slice(0, 5)} ${receipt.slice(5, 10)}</p>`);
    expect(r.html).toContain(`href="/vote/${id}/receipt/${receipt}"`);
    const api = await s.call('GET', `/api/consultations/${id}/receipts/${receipt}`);
    expect(api.json).toEqual({ status: 'counted' });
    receipts['H-001'] = receipt;
  });

  it('never shows the household code once the ballot is cast', async () => {
    const code = codes.get('H-002')!;
    const r = await vote(code.toLowerCase().replace(/-/g, ' '));
    expect(r.status).toBe(200);
    const bare = code.replace(/-/g, '');
    for (const form of [code, bare, code.toLowerCase(), bare.toLowerCase()]) expect(r.html).not.toContain(form);
    receipts['H-002'] = receiptOf(r.html)!;
  });

  it('refuses a wrong code with 401, a plain error, the code and the answers kept', async () => {
    clientIp = '10.0.0.2';
    const r = await post(`/vote/${id}/cast`, `code=ZZZZ-ZZZZ-ZZZZ-ZZZZ&${CHOICES}`);
    expect(r.status).toBe(401);
    expect(r.html).toContain('role="alert"');
    expect(r.html).toContain('Phiếu CHƯA được ghi nhận');
    expect(r.html).toContain('Mã biểu quyết không đúng hoặc đã được thay bằng mã mới');
    // Nothing typed is lost: the code stays in its field, marked as the one to fix.
    expect(r.html).toContain('id="code" name="code" type="text" value="ZZZZ-ZZZZ-ZZZZ-ZZZZ"');
    expect(r.html).toContain('aria-invalid="true"');
    expect(r.html).toMatch(/value="truong" checked=""/);
    expect(r.html).toMatch(/value="toi" checked=""/);
    expect(r.html).not.toContain('ĐÃ GHI NHẬN');
  });

  it('refuses wrong codes with 429 after too many from one client, and still takes a right code from it', async () => {
    clientIp = '10.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(`/vote/${id}/cast`, `code=ZZZZ-ZZZZ-ZZZZ-ZZZ${i}&${CHOICES}`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const last = await post(`/vote/${id}/cast`, `code=ZZZZ-ZZZZ-ZZZZ-ZZZ9&${CHOICES}`);
    expect(last.status).toBe(429);
    expect(last.html).toContain('Đã nhập sai mã quá nhiều lần');
    expect(last.html).toContain('Phiếu CHƯA được ghi nhận');
    const right = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes.get('H-003')!)}&${CHOICES}`);
    expect(right.status).toBe(200);
    expect(right.html).toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
    clientIp = '10.0.0.1';
  });

  it('sends back a form with a malformed code or a missing answer as 400, naming each problem', async () => {
    const r = await post(`/vote/${id}/review`, 'code=12&a.q3=sang&a.q3=chieu&a.q3=toi');
    expect(r.status).toBe(400);
    expect(r.html).toContain('Mã biểu quyết phải gồm 16 chữ và số');
    expect(r.html).toContain('Câu 1: Hãy chọn một câu trả lời');
    expect(r.html).toContain('Câu 2: Hãy chọn một câu trả lời');
    expect(r.html).toContain('Câu 3: Chỉ được chọn tối đa 2 phương án.');
    expect(r.html).toContain('aria-describedby="code-hint code-error"');
    expect(r.html).toContain('aria-describedby="hint-q3 err-q3"');
    expect(r.html).not.toContain('Kiểm tra lại lựa chọn');
  });

  it('brings the answers and the code back to the form to change them', async () => {
    const code = codes.get('H-004')!;
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(code)}&${CHOICES}`);
    const r = await post(`/vote/${id}/edit`, hiddenFields(review.html));
    expect(r.status).toBe(200);
    expect(r.html).toContain(`value="${code}"`);
    expect(r.html).toMatch(/value="yes" checked=""/);
    expect(r.html).toMatch(/value="sang" checked=""/);
    expect(r.html).not.toMatch(/value="chieu" checked=""/);
  });

  it('lets a household change its vote, saying the new ballot replaced the earlier one', async () => {
    const r = await vote(codes.get('H-001')!, 'a.q1=no&a.q2=abstain');
    expect(r.status).toBe(200);
    expect(r.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
    expect(r.html).toContain('Phiếu này thay thế phiếu hộ đã gửi trước đó');
    const newer = receiptOf(r.html)!;
    expect(newer).not.toBe(receipts['H-001']);
    const old = await get(`/vote/${id}/receipt/${receipts['H-001']}`);
    expect(old.status).toBe(200);
    expect(old.html).toContain('ĐÃ ĐƯỢC THAY THẾ');
    const current = await get(`/vote/${id}/receipt/${newer}`);
    expect(current.html).toContain('ĐANG ĐƯỢC TÍNH');
    receipts['H-001'] = newer;
  });

  it('reports an unknown receipt as not found (404) and a malformed one as 400', async () => {
    const unknown = await get(`/vote/${id}/receipt/${'0'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('KHÔNG TÌM THẤY');
    const typed = receipts['H-002']!.toUpperCase().replace(/(.{8})/g, '$1 ');
    const byForm = await get(`/vote/${id}/receipt?r=${encodeURIComponent(typed)}`);
    expect(byForm.status).toBe(200);
    expect(byForm.html).toContain('ĐANG ĐƯỢC TÍNH');
    const bad = await get(`/vote/${id}/receipt?r=not-a-receipt`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Biên nhận phải gồm đúng 64 ký tự');
  });

  it('switches to English and back on the same page', async () => {
    const en = await get(`/vote/${id}?lang=en`);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Your household’s voting code');
    expect(en.html).toContain('In favour');
    expect(en.html).toContain(`action="/vote/${id}/review?lang=en"`);
    expect(en.html).toContain(`href="/vote/${id}" lang="vi" hreflang="vi">Tiếng Việt</a>`);
    // The consultation's own Vietnamese text stays marked as Vietnamese.
    expect(en.html).toContain('<span lang="vi">Cạnh đình làng</span>');
    const vi = await get(`/vote/${id}`);
    expect(vi.html).toContain(`href="/vote/${id}?lang=en" lang="en" hreflang="en">English</a>`);
    const receipt = await get(`/vote/${id}/receipt/${receipts['H-002']}?lang=en`);
    expect(receipt.html).toContain('COUNTING');
    expect(receipt.html).toContain(`href="/vote/${id}/receipt/${receipts['H-002']}" lang="vi"`);
  });

  it('answers an unknown consultation or page with an HTML 404, never JSON or a trace', async () => {
    for (const path of ['/vote/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/vote/not-an-id', `/vote/${id}/nowhere`, '/vote/01ARZ3NDEKTSV4RRFFQ69G5FAV/receipt']) {
      const r = await get(path);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(r.html).toContain('Không tìm thấy');
      expect(r.html).not.toMatch(/at .*\.ts:\d+|DomainError/);
    }
    const posted = await pages.request(`/vote/${id}/cast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(posted.status).toBe(415);
    expect(await posted.text()).toContain('Phiếu CHƯA được ghi nhận');
  });

  it('keeps each page and its CSS under 30 KB compressed', async () => {
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes.get('H-005')!)}&${CHOICES}`);
    const pagesHtml = [(await get(`/vote/${id}`)).html, review.html, (await get(`/vote/${id}/receipt/${receipts['H-002']}`)).html];
    for (const html of pagesHtml) expect(gzipSync(html).length).toBeLessThan(30 * 1024);
  });

  it('refuses a ballot once voting is closed with 409, and then shows the proof that the receipt is in the result', async () => {
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.status).toBe(200);
    const late = await post(`/vote/${id}/cast`, `code=${encodeURIComponent(codes.get('H-005')!)}&${CHOICES}`);
    expect(late.status).toBe(409);
    expect(late.html).toContain('Phiếu CHƯA được ghi nhận');
    expect(late.html).toContain('Cuộc biểu quyết chưa mở hoặc đã kết thúc');
    expect(late.html).not.toContain('<form id="ballot"');
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes.get('H-005')!)}&${CHOICES}`);
    expect(review.status).toBe(409);
    const form = await get(`/vote/${id}`);
    expect(form.html).toContain('kết quả đã được công bố');
    expect(form.html).not.toContain('<form id="ballot"');

    const receipt = receipts['H-002']!;
    const r = await get(`/vote/${id}/receipt/${receipt}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('ĐÃ ĐƯỢC TÍNH');
    expect(r.html).toContain('Khớp với gốc Merkle trong kết quả đã ký.');
    expect(r.html).toContain(`npx danban verify http://127.0.0.1:9/c/${id}/ --receipt ${receipt}`);
    const position = /Phiếu thứ (\d+) trong (\d+) phiếu được tính/.exec(r.html)!;
    expect(Number(position[2])).toBe(2);
    const root = /Gốc Merkle tính lại từ danh sách phiếu:<\/p><code class="receipt">([0-9a-f]{64})<\/code>/.exec(r.html)![1]!;
    const path = [...r.html.matchAll(/<li><code>([0-9a-f]{64})<\/code><\/li>/g)].map((m) => fromHex(m[1]!));
    expect(verifyInclusion(fromHex(receipt), Number(position[1]) - 1, Number(position[2]), path, fromHex(root))).toBe(true);
    const unknown = await get(`/vote/${id}/receipt/${'0'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).not.toContain('npx danban verify');
  });

  it('tells a resident that voting has not opened yet, and refuses a review with 409', async () => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: opinionRound('Chưa mở') });
    const cid = created.json.id as string;
    await s.call('PUT', `/api/consultations/${cid}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${cid}/disclose`, { token: official })).status).toBe(200);
    const r = await get(`/vote/${cid}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('Cuộc biểu quyết chưa mở.');
    expect(r.html).not.toContain('<form id="ballot"');
    const review = await post(`/vote/${cid}/review`, `code=ABCD-EFGH-JKMN-PQRS&${CHOICES}`);
    expect(review.status).toBe(409);
    expect(review.html).toContain('Phiếu CHƯA được ghi nhận');
  });

  it('hides a draft from residents', async () => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: opinionRound('Bản nháp') });
    expect((await get(`/vote/${created.json.id}`)).status).toBe(404);
  });
});
