/**
 * The roll as an Excel workbook, on the real store: an .xlsx with Vietnamese headers goes up through the officials'
 * page and makes the same roll as the same households in CSV; a bad row is named by its number in Excel; an old .xls,
 * a ZIP that is no workbook and a damaged workbook are refused in Vietnamese; the .xlsx template goes back up as it
 * is; the preview shows the households with their names to the commune's officials alone, 200 a page. And exceljs
 * stays out of the API's bundle, and is only imported on demand in the officials'.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { LAMBDA_BUNDLING, LAMBDA_ENTRIES, SIGN_SCRIPTS_DEFINE } from '../../infra/lambda-bundling.ts';
import { signScriptsModule as moduleText } from '../../scripts/build-sign.ts';
import type { Household } from '../../shared/schemas.ts';
import { roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Cell = string | number | null | ExcelJS.CellValue;

const ORIGIN = 'http://localhost';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook of `rows` (row 1 first; an empty array is an empty row) on its first sheet, and a second sheet after. */
async function workbook(rows: ReadonlyArray<readonly Cell[]>, options: { extraSheet?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  rows.forEach((cells, i) => {
    cells.forEach((value, j) => {
      if (value !== null) sheet.getCell(i + 1, j + 1).value = value as ExcelJS.CellValue;
    });
  });
  if (options.extraSheet) book.addWorksheet('Ghi chú').getCell('A1').value = 'Không phải danh sách';
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The households of a roll, by id, to compare two uploads. */
const byId = (roll: readonly Household[]) => [...roll].sort((a, b) => (a.id < b.id ? -1 : 1));

/** A ZIP holding one stored (uncompressed) file: a ZIP that is no workbook. */
function storedZip(name: string, content: string): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const nameBytes = enc.encode(name);
  const data = enc.encode(content);
  const crc = (() => {
    let c = ~0;
    for (const b of data) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  })();
  const local = new DataView(new ArrayBuffer(30));
  [
    [0, 0x04034b50, 4],
    [4, 20, 2],
    [14, crc, 4],
    [18, data.length, 4],
    [22, data.length, 4],
    [26, nameBytes.length, 2],
  ].forEach(([at, v, n]) => {
    if (n === 4) local.setUint32(at!, v!, true);
    else local.setUint16(at!, v!, true);
  });
  const central = new DataView(new ArrayBuffer(46));
  [
    [0, 0x02014b50, 4],
    [4, 20, 2],
    [6, 20, 2],
    [16, crc, 4],
    [20, data.length, 4],
    [24, data.length, 4],
    [28, nameBytes.length, 2],
  ].forEach(([at, v, n]) => {
    if (n === 4) central.setUint32(at!, v!, true);
    else central.setUint16(at!, v!, true);
  });
  const localSize = 30 + nameBytes.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + nameBytes.length, true);
  end.setUint32(16, localSize, true);
  const parts = [new Uint8Array(local.buffer), nameBytes, data, new Uint8Array(central.buffer), nameBytes, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('the roll as an Excel workbook, on the real store', () => {
  let s: Sys;
  let pages: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  let session = '';
  let otherSession = '';
  let token = '';
  let id = '';

  const signIn = async (username: string, password: string) => {
    const login = await pages.request('/officials/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${username}&password=${password}`,
    });
    expect(login.status).toBe(303);
    return /danban_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  };
  const request = async (path: string, init: { method?: string; body?: FormData; as?: string } = {}) => {
    const headers: Record<string, string> = { cookie: `danban_session=${init.as ?? session}` };
    if (init.method === 'POST') headers.origin = ORIGIN;
    const res = await pages.request(path, { method: init.method ?? 'GET', headers, ...(init.body ? { body: init.body } : {}) });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const html = (r: { bytes: Uint8Array }) => new TextDecoder().decode(r.bytes);
  const upload = (bytes: string | Uint8Array<ArrayBuffer>, name: string, type = XLSX_TYPE) => {
    const form = new FormData();
    form.append('file', new File([bytes], name, { type }));
    form.append('csv', '');
    return request(`/officials/c/${id}/roll`, { method: 'POST', body: form });
  };
  const eligible = async () => (await s.call('GET', `/api/consultations/${id}`, { token })).json.counts.eligible;

  beforeAll(async () => {
    s = await testSystem('roll-xlsx');
    pages = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
    session = await signIn('official', 'pw-official');
    otherSession = await signIn('other', 'pw-other');
    token = await s.token('official');
    const created = await s.call('POST', '/api/consultations', { token, body: roadConsultation() });
    expect(created.status).toBe(201);
    id = created.json.id;
  });
  afterAll(() => s.cleanup());

  it('takes an .xlsx with Vietnamese headers and makes the same roll as the same households in CSV', async () => {
    // Columns reordered; a member count as a number, one as a formula's result, one as text; a rich-text name; an
    // empty row; a hamlet in decomposed Unicode; and a second sheet that is not read.
    const xlsx = await workbook(
      [
        ['Mã hộ', 'Chủ hộ', 'Thôn, tổ', 'Số nhân khẩu', 'DIỆN'],
        ['TD-01', { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: 'Văn An' }] }, 'Thôn Đông, tổ 1', 4, 'Thường'],
        ['TD-02', 'Trần Thị Bình', 'Thôn Đông, tổ 1', { formula: '1+2', result: 3 }, 'NGHÈO'],
        [],
        ['TD-03', 'Lê Văn Cường', 'Thôn Đông'.normalize('NFD'), '2', 'cận nghèo'],
        ['TD-04', ' Phạm Thị Dung ', 'Thôn Tây', 5, 'Chính sách'],
      ],
      { extraSheet: true },
    );
    const r = await upload(xlsx, 'danh-sach.xlsx');
    expect(r.status).toBe(200);
    const page = html(r);
    expect(page).toContain('Đã tải lên 4 hộ');
    expect(page).toContain('data-category="standard">1<');
    expect(page).toContain('data-category="poor">1<');
    expect(page).toContain('data-category="near_poor">1<');
    expect(page).toContain('data-category="policy">1<');
    expect(page).toContain(`href="/officials/c/${id}/roll/households"`);
    expect(page).not.toContain('Nguyễn Văn An');
    const fromXlsx = byId(await s.core.store.getRoll(id));
    expect(fromXlsx.map((h) => h.head)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung']);
    expect(fromXlsx.map((h) => h.members)).toEqual([4, 3, 2, 5]);

    const csv = [
      'mã hộ;chủ hộ;thôn;số nhân khẩu;diện',
      'TD-01;Nguyễn Văn An;"Thôn Đông, tổ 1";4;thường',
      'TD-02;Trần Thị Bình;"Thôn Đông, tổ 1";3;nghèo',
      'TD-03;Lê Văn Cường;Thôn Đông;2;cận nghèo',
      'TD-04;Phạm Thị Dung;Thôn Tây;5;chính sách',
    ].join('\r\n');
    expect((await upload(csv, 'danh-sach.csv', 'text/csv')).status).toBe(200);
    expect(byId(await s.core.store.getRoll(id))).toEqual(fromXlsx);
    expect(await eligible()).toBe(4);
  });

  it('names a bad row by its number in Excel, in Vietnamese, and keeps the roll in force', async () => {
    const xlsx = await workbook([
      [],
      ['mã hộ', 'thôn', 'chủ hộ', 'số nhân khẩu', 'diện'],
      ['X-1', 'Thôn Đông', 'A', 2, 'thường'],
      [],
      ['X-2', 'Thôn Đông', 'B', 0, 'thường'],
      ['X-3', 'Thôn Đông', 'C', 2, 'giàu'],
      ['X-1', 'Thôn Đông', 'D', 2, 'nghèo'],
      ['X-4', 'Thôn Đông', 'E', 2, 'nghèo', 'thừa'],
    ]);
    const r = await upload(xlsx, 'sai.xlsx');
    expect(r.status).toBe(400);
    const page = html(r);
    expect(page).toContain('Chưa tải lên: 4 lỗi');
    expect(page).toContain('<strong>Dòng 5: </strong>số nhân khẩu phải là số nguyên từ 1 đến 100');
    expect(page).toContain('<strong>Dòng 6: </strong>diện phải là thường, nghèo, cận nghèo hoặc chính sách');
    expect(page).toContain('<strong>Dòng 7: </strong>mã hộ X-1 đã có ở dòng 3');
    expect(page).toContain('<strong>Dòng 8: </strong>cần 5 cột, dòng này có 6');
    expect(page).toContain('<strong data-total="">4</strong>');
    expect(await eligible()).toBe(4);
  });

  it('refuses an old .xls, a ZIP that is no workbook and a damaged workbook, in Vietnamese', async () => {
    const ole2 = new Uint8Array(4096);
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const xls = await upload(ole2, 'danh-sach.xls', 'application/vnd.ms-excel');
    expect(xls.status).toBe(400);
    expect(html(xls)).toContain('Tệp Excel dạng cũ (.xls) hoặc tệp có đặt mật khẩu: không đọc được.');

    const zip = storedZip('ghi-chu.txt', 'không phải bảng tính');
    const notBook = await upload(zip, 'danh-sach.xlsx');
    expect(notBook.status).toBe(400);
    expect(html(notBook)).toContain('Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.');

    // The bytes decide, not the name: the same ZIP named .csv is refused as a workbook, not read as text.
    const named = await upload(zip, 'danh-sach.csv', 'text/csv');
    expect(named.status).toBe(400);
    expect(html(named)).toContain('Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.');

    const good = await workbook([
      ['Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện'],
      ['Y-1', 'Thôn Đông', 'A', 2, 'Thường'],
    ]);
    const cut = await upload(good.slice(0, Math.floor(good.length / 2)), 'hong.xlsx');
    expect(cut.status).toBe(400);
    expect(html(cut)).toContain('Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.');

    const text = await upload('Mã hộ,Thôn\n', 'danh-sach.xlsx');
    expect(text.status).toBe(400);
    expect(html(text)).toContain('Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.');
    expect(await eligible()).toBe(4);
  });

  it('offers an .xlsx template beside the CSV one, explained, that goes back up as it is', async () => {
    const roll = html(await request(`/officials/c/${id}/roll`));
    expect(roll).toContain(`href="/officials/c/${id}/roll/template.xlsx"`);
    expect(roll).toContain(`href="/officials/c/${id}/roll/template.csv"`);
    expect(roll).toContain('accept=".csv,.xlsx');

    const t = await request(`/officials/c/${id}/roll/template.xlsx`);
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(t.headers.get('content-disposition')).toBe('attachment; filename="mau-danh-sach-ho.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(t.bytes.slice().buffer);
    const [first, guide] = book.worksheets;
    expect(first!.getRow(1).values).toEqual([undefined, 'Mã hộ', 'Thôn, tổ', 'Chủ hộ', 'Số nhân khẩu', 'Diện', 'Mặt tiền (m)']);
    expect(first!.getCell('A2').value).toBe('TD-001');
    expect(first!.getCell('C3').value).toBe('Trần Thị Bình');
    expect(first!.actualRowCount).toBe(3);
    const explained = guide!.getColumn(2).values.join('\n');
    expect(explained).toContain('Thường (hộ thường), Nghèo (hộ nghèo), Cận nghèo (hộ cận nghèo), Chính sách (gia đình chính sách)');

    const r = await upload(t.bytes, 'mau-danh-sach-ho.xlsx');
    expect(r.status).toBe(200);
    expect(html(r)).toContain('Đã tải lên 2 hộ');
    const stored = byId(await s.core.store.getRoll(id));
    expect(stored).toEqual([
      { id: 'TD-001', hamlet: 'Thôn Đông', head: 'Nguyễn Văn An', members: 4, category: 'standard', frontageDecimetres: 125 },
      { id: 'TD-002', hamlet: 'Thôn Đông', head: 'Trần Thị Bình', members: 3, category: 'near_poor' },
    ]);

    const elsewhere = await request(`/officials/c/${id}/roll/template.xlsx`, { as: otherSession });
    expect([403, 404]).toContain(elsewhere.status);
    expect(elsewhere.headers.get('content-type')).not.toBe(XLSX_TYPE);
  });

  it('previews the households with their names to the commune’s officials, 200 a page, and to nobody else', async () => {
    const hamlets = ['Thôn Đông', 'Thôn Tây', 'Thôn Bắc'];
    const categories = ['Thường', 'Nghèo', 'Cận nghèo', 'Chính sách'];
    const rows: Cell[][] = [['Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện']];
    for (let i = 1; i <= 450; i++) rows.push([`H-${i}`, hamlets[i % 3]!, `Chủ hộ số ${i}`, (i % 7) + 1, categories[i % 4]!]);
    const r = await upload(await workbook(rows), 'lon.xlsx');
    expect(r.status).toBe(200);
    expect(html(r)).toContain('Đã tải lên 450 hộ');

    const first = await request(`/officials/c/${id}/roll/households`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    const page1 = html(first);
    expect(page1.match(/<li data-household=/g)).toHaveLength(200);
    expect(page1).toContain('Hộ thứ 1–200 trong 450 hộ, còn 250 hộ ở các trang sau.');
    expect(page1).toContain('Trang 1/3');
    // By hamlet in Vietnamese order (Bắc, Đông, Tây), then by roll id with its number read as a number (H-8, H-11).
    const ids = [...page1.matchAll(/<li data-household="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.slice(0, 4)).toEqual(['H-2', 'H-5', 'H-8', 'H-11']);
    expect(ids[150]).toBe('H-3');
    expect(page1).toMatch(/<li data-household="H-2"><span class="head">Chủ hộ số 2<\/span><span class="cat" data-category="near_poor">Hộ cận nghèo/);
    expect(page1).toContain('Mã hộ H-2 · Thôn Bắc · 3 nhân khẩu');
    // Counts by hamlet and category: 150 households a hamlet.
    expect(page1).toMatch(/Thôn Đông<\/a><\/th><td class="n" data-label="Tổng số hộ">150<\/td>/);
    expect(page1).toMatch(
      /Cả danh sách ?(<span lang="en" class="en">Whole roll<\/span>)?<\/th><td class="n" data-label="Tổng số hộ"><strong>450<\/strong><\/td><td class="n" data-label="Hộ thường">112<\/td>(<td class="n" data-label="[^"]+">113<\/td>){2}<td class="n" data-label="Gia đình chính sách">112<\/td>/,
    );
    // Stacked below 600 px: no wide table on a phone.
    expect(page1).toContain('@media (max-width:600px){table.by-hamlet');

    const page3 = html(await request(`/officials/c/${id}/roll/households?page=3`));
    expect(page3.match(/<li data-household=/g)).toHaveLength(50);
    expect(page3).toContain('Hộ thứ 401–450 trong 450 hộ.');

    const east = html(await request(`/officials/c/${id}/roll/households?hamlet=${encodeURIComponent('Thôn Đông')}`));
    expect(east.match(/<li data-household=/g)).toHaveLength(150);
    expect(east).not.toContain('· Thôn Tây ·');
    expect(east).toContain('Các hộ của Thôn Đông');

    expect((await request(`/officials/c/${id}/roll/households?page=zero`)).status).toBe(400);

    const elsewhere = await request(`/officials/c/${id}/roll/households`, { as: otherSession });
    expect([403, 404]).toContain(elsewhere.status);
    expect(html(elsewhere)).not.toContain('Chủ hộ số');
    const anonymous = await pages.request(`/officials/c/${id}/roll/households`);
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain('Chủ hộ số');
  });
});

describe('exceljs in the Lambda bundles', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const scratch = mkdtempSync(join(tmpdir(), 'danban-roll-xlsx-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Every input of a function's bundle, and how each imports exceljs. */
  const bundled = async (name: 'api' | 'officials') => {
    const injected = join(scratch, 'scripts.mjs');
    writeFileSync(injected, moduleText({ officials: '', monitors: '' }));
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, LAMBDA_ENTRIES[name])],
      outfile: join(scratch, name, 'index.mjs'),
      write: false,
      bundle: true,
      platform: LAMBDA_BUNDLING.platform,
      format: LAMBDA_BUNDLING.format,
      target: LAMBDA_BUNDLING.target,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      external: [...LAMBDA_BUNDLING.external],
      define: { ...SIGN_SCRIPTS_DEFINE },
      inject: [injected],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = result.metafile.inputs;
    const importsOfExcel = Object.values(inputs).flatMap((input) => input.imports.filter((i) => i.original === 'exceljs').map((i) => i.kind));
    return { files: Object.keys(inputs), importsOfExcel };
  };

  it('are not in the API’s bundle, and only imported on demand in the officials’', async () => {
    const api = await bundled('api');
    expect(api.files.some((f) => f.includes('roll-routes'))).toBe(false);
    expect(api.files.filter((f) => f.includes('node_modules/exceljs/'))).toEqual([]);
    const officials = await bundled('officials');
    expect(officials.files.some((f) => f.includes('node_modules/exceljs/'))).toBe(true);
    expect(officials.importsOfExcel.length).toBeGreaterThan(0);
    expect(new Set(officials.importsOfExcel)).toEqual(new Set(['dynamic-import']));
  }, 120_000);
});
