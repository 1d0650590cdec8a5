/**
 * The roll a commune already keeps, on the real store: Vietnamese headers and categories separated by semicolons
 * (Excel with Vietnamese settings) are taken by the officials' page and by the API, every bad line is explained in
 * Vietnamese first, and the template the page offers goes back up as it is.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';
/** Five households as Excel saves them with Vietnamese settings: a byte-order mark, `;`, CRLF, columns reordered. */
const EXCEL_ROLL = `\ufeff${[
  'Mã hộ;Chủ hộ;Thôn, tổ;Số nhân khẩu;DIỆN',
  'TD-01;"Nguyễn Văn An; con trưởng";"Thôn Đông, tổ 1";4;Thường',
  'TD-02;Trần Thị Bình;"Thôn Đông, tổ 1";3;NGHÈO',
  `TD-03;Lê Văn Cường;Thôn Đông;2;${'cận nghèo'.normalize('NFD')}`,
  'TD-04;Phạm Thị Dung;Thôn Đông;5;Chính sách',
  'TD-05;Hoàng Văn Em;Thôn Đông;1;thường',
].join('\r\n')}\r\n`;

describe('the roll a commune already keeps, on the real store', () => {
  let s: Sys;
  let pages: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  let session = '';
  let token = '';
  let id = '';

  const request = async (path: string, init: { method?: string; body?: FormData } = {}) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (init.method === 'POST') headers.origin = ORIGIN;
    const res = await pages.request(path, { method: init.method ?? 'GET', headers, ...(init.body ? { body: init.body } : {}) });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const html = (r: { bytes: Uint8Array }) => new TextDecoder().decode(r.bytes);
  const upload = (csv: string | Uint8Array<ArrayBuffer>, name = 'roll.csv') => {
    const form = new FormData();
    form.append('file', new File([csv], name, { type: 'text/csv' }));
    form.append('csv', '');
    return request(`/officials/c/${id}/roll`, { method: 'POST', body: form });
  };

  beforeAll(async () => {
    s = await testSystem('roll-vietnamese');
    pages = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
    const login = await pages.request('/officials/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=official&password=pw-official',
    });
    expect(login.status).toBe(303);
    session = /danban_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    token = await s.token('official');
    const created = await s.call('POST', '/api/consultations', { token, body: roadConsultation() });
    expect(created.status).toBe(201);
    id = created.json.id;
  });
  afterAll(() => s.cleanup());

  it('takes a semicolon file with Vietnamese headers and categories on the officials’ page, counted by category', async () => {
    const r = await upload(EXCEL_ROLL);
    expect(r.status).toBe(200);
    const page = html(r);
    expect(page).toContain('Đã tải lên 5 hộ');
    expect(page).toContain('data-category="standard">2<');
    expect(page).toContain('data-category="poor">1<');
    expect(page).toContain('data-category="near_poor">1<');
    expect(page).toContain('data-category="policy">1<');
    expect(page).not.toContain('Nguyễn Văn An');
    expect((await s.call('GET', `/api/consultations/${id}`, { token })).json.counts.eligible).toBe(5);
  });

  it('takes the same file through the API', async () => {
    const r = await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: EXCEL_ROLL, type: 'text/csv' });
    expect(r.status).toBe(200);
    expect((await s.call('GET', `/api/consultations/${id}`, { token })).json.counts.eligible).toBe(5);
  });

  it('explains every bad line in Vietnamese first on the page and in the API, and keeps the roll in force', async () => {
    const bad = [
      'mã hộ;thôn;chủ hộ;số nhân khẩu;diện',
      'X-1;Thôn Đông;A;2;thường',
      'X-2;Thôn Đông;B;0;thường',
      'X-3;Thôn Đông;C;2;giàu',
      'X-1;Thôn Đông;D;2;nghèo',
    ].join('\n');
    const r = await upload(bad);
    expect(r.status).toBe(400);
    const page = html(r);
    // Vietnamese alone on the page (English only under ?lang=en).
    expect(page).toContain('<strong>Dòng 3: </strong>số nhân khẩu phải là số nguyên từ 1 đến 100');
    expect(page).toContain('<strong>Dòng 4: </strong>diện phải là thường, nghèo, cận nghèo hoặc chính sách');
    expect(page).toContain('<strong>Dòng 5: </strong>mã hộ X-1 đã có ở dòng 2');
    expect(page).not.toContain('lang="en"');
    // Every problem in Vietnamese, and nothing of the schema's own wording shows.
    const items = [...page.matchAll(/<li><strong>Dòng \d+: <\/strong>([^<]+)<\/li>/g)];
    expect(items).toHaveLength(3);
    expect(page).not.toMatch(/Invalid|Too small|expected number|received/);
    expect(page).toContain('<strong data-total="">5</strong>');

    const api = await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: bad, type: 'text/csv' });
    expect(api.status).toBe(400);
    expect(api.json.error.details.map((d: { line: number }) => d.line)).toEqual([3, 4, 5]);
    for (const d of api.json.error.details) expect(d.message).toMatch(new RegExp(`^Dòng ${d.line}: [^/]+ / line ${d.line}: `));
    expect((await s.call('GET', `/api/consultations/${id}`, { token })).json.counts.eligible).toBe(5);
  });

  it('offers a template to download, with Vietnamese headers and a byte-order mark, that goes back up as it is', async () => {
    const roll = html(await request(`/officials/c/${id}/roll`));
    expect(roll).toContain(`href="/officials/c/${id}/roll/template.csv"`);
    expect(roll).toContain('Tải mẫu danh sách hộ (CSV)');

    const t = await request(`/officials/c/${id}/roll/template.csv`);
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/i);
    expect(t.headers.get('content-disposition')).toBe('attachment; filename="mau-danh-sach-ho.csv"');
    expect([...t.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(t.bytes);
    const lines = text.slice(1).trimEnd().split(/\r\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Mã hộ,/);
    expect(lines[0]).toContain('Số nhân khẩu');
    expect(lines[0]).toContain('Diện');
    expect(text).toBe(text.normalize('NFC'));

    const r = await upload(t.bytes, 'mau-danh-sach-ho.csv');
    expect(r.status).toBe(200);
    expect(html(r)).toContain('Đã tải lên 2 hộ');
    expect((await s.call('GET', `/api/consultations/${id}`, { token })).json.counts.eligible).toBe(2);
  });

  it('keeps the template to the officials of the consultation’s commune', async () => {
    const login = await pages.request('/officials/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=other&password=pw-other',
    });
    const other = /danban_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const elsewhere = await pages.request(`/officials/c/${id}/roll/template.csv`, { headers: { cookie: `danban_session=${other}` } });
    expect([403, 404]).toContain(elsewhere.status);
    expect(await elsewhere.text()).not.toContain('Mã hộ,');
    const anonymous = await pages.request(`/officials/c/${id}/roll/template.csv`);
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain('Mã hộ,');
  });
});
