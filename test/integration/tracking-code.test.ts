/**
 * A resident checks the household's ballot with the tracking code printed on the recorded page ("e1615 10682"),
 * as written on a slip: the receipt page finds the ballot from the code, and refuses a code too short to be safe
 * or one no ballot has, in Vietnamese, keeping what was typed.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentPages } from '../../functions/http/pages/index.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** The hidden fields of a page's form, as a browser would post them. */
function hiddenFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields.append(m[1]!, m[2]!.replace(/&amp;/g, '&'));
  return fields;
}

describe('checking a ballot by its tracking code', () => {
  let s: Sys;
  let pages: Hono;
  let id: string;
  let receipt: string;
  let tracking: string;

  const get = async (path: string) => {
    const res = await pages.request(path);
    return { status: res.status, html: await res.text() };
  };
  const post = async (path: string, body: string | URLSearchParams) => {
    const res = await pages.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: String(body) });
    return { status: res.status, html: await res.text() };
  };
  const check = (typed: string) => get(`/vote/${id}/receipt?r=${encodeURIComponent(typed)}`);
  /** The value the receipt form shows in its field. */
  const fieldValue = (html: string) => /<input class="code receipt-in" id="r" name="r" type="text" value="([^"]*)"/.exec(html)?.[1];

  beforeAll(async () => {
    s = await testSystem('tracking-code');
    const official = await s.token('official');
    pages = new Hono().route(
      '/',
      residentPages(s.core, () => '10.0.0.7'),
    );
    const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
    expect(created.status).toBe(201);
    id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, 3);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    const code = opened.json.credentials[0].code as string;

    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(code)}&a.q1=yes`);
    expect(review.status).toBe(200);
    const recorded = await post(`/vote/${id}/cast`, hiddenFields(review.html));
    expect(recorded.status).toBe(200);
    receipt = /<code id="receipt" class="receipt">([0-9a-f]{64})<\/code>/.exec(recorded.html)![1]!;
    tracking = /<p class="tracking">([^<]+)<\/p>/.exec(recorded.html)![1]!;
  });
  afterAll(() => s.cleanup());

  it('prints a tracking code of two groups of five that begins the receipt', () => {
    expect(tracking).toMatch(/^[0-9a-f]{5} [0-9a-f]{5}$/);
    expect(receipt.startsWith(tracking.replace(' ', ''))).toBe(true);
  });

  it('finds the ballot from the tracking code as printed, and shows its status and full receipt', async () => {
    const r = await check(tracking);
    expect(r.status).toBe(200);
    expect(r.html).toContain('ĐANG ĐƯỢC TÍNH');
    expect(r.html).toContain(`<code class="receipt">${receipt}</code>`);
  });

  it('finds it too when the code is written in capitals with a dash', async () => {
    const r = await check(` ${tracking.toUpperCase().replace(' ', '-')} `);
    expect(r.status).toBe(200);
    expect(r.html).toContain('ĐANG ĐƯỢC TÍNH');
    expect(r.html).toContain(`<code class="receipt">${receipt}</code>`);
  });

  it('refuses a code shorter than 10 characters, saying why in Vietnamese and keeping what was typed', async () => {
    const typed = tracking.slice(0, 8);
    const r = await check(typed);
    expect(r.status).toBe(400);
    expect(r.html).toContain('Mã quá ngắn: cần ít nhất 10 ký tự');
    expect(fieldValue(r.html)).toBe(typed);
    expect(r.html).not.toContain('ĐANG ĐƯỢC TÍNH');
  });

  it('refuses a code no ballot has, saying so in Vietnamese and keeping what was typed', async () => {
    // The same length as the printed code, its last character changed: no other ballot of three starts this way.
    const last = tracking.at(-1)!;
    const typed = tracking.slice(0, -1) + (last === '0' ? '1' : '0');
    const r = await check(typed);
    expect(r.status).toBe(404);
    expect(r.html).toContain('KHÔNG TÌM THẤY phiếu nào có mã theo dõi này');
    expect(fieldValue(r.html)).toBe(typed);
    expect(r.html).not.toContain(receipt);
  });

  it('answers the API by tracking code: the receipt and its status, 400 for a short code, 404 for an unknown one', async () => {
    const found = await s.call('GET', `/api/consultations/${id}/receipts/by-code/${tracking.replace(' ', '-')}`);
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ receipt, status: 'counted' });
    expect((await s.call('GET', `/api/consultations/${id}/receipts/by-code/${tracking.slice(0, 9)}`)).status).toBe(400);
    expect((await s.call('GET', `/api/consultations/${id}/receipts/by-code/0000000000`)).status).toBe(404);
    // The full receipt keeps its own route and answer (api.md).
    expect((await s.call('GET', `/api/consultations/${id}/receipts/${receipt}`)).json).toEqual({ status: 'counted' });
  });

  it('leads from the ballot page to the check', async () => {
    const r = await get(`/vote/${id}`);
    expect(r.html).toContain(`<a href="/vote/${id}/receipt">Kiểm tra phiếu của hộ</a>`);
  });
});
