/**
 * The discussion during disclosure on the real store: households comment with their code, officials answer and
 * hide with a reason (audit-logged, never deleted), limits hold, and markup is shown as text on every page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const XSS = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('discussion during disclosure', () => {
  let s: Sys;
  let official: string;
  let other: string;

  beforeAll(async () => {
    s = await testSystem('discussion');
    [official, other] = await Promise.all([s.token('official'), s.token('other')]);
  });
  afterAll(() => s.cleanup());

  const site = (path: string) => readFileSync(join(s.dataDir, 'site', path), 'utf8');
  /** An online round with `n` households, disclosed, its conditions recorded and opened: its id and each household's code. */
  const opened = async (n = 3) => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(n), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, n);
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(200);
    const codes = Object.fromEntries((open.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    return { id, codes };
  };
  const post = (id: string, body: Record<string, unknown>) => s.call('POST', `/api/consultations/${id}/comments`, { body });
  const officialsPage = async (path: string, init: { method?: string; body?: string } = {}) => {
    const res = await s.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        cookie: `danban_session=${official}`,
        origin: 'http://localhost',
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
    });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };

  it("lists a household's comment by roll id, refuses a wrong code (401) and a reply to a reply (400)", async () => {
    const { id, codes } = await opened();
    const first = await post(id, { code: codes['H-001']!.toLowerCase(), text: 'Đường có được mở rộng không?' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ rollId: 'H-001', official: false, text: 'Đường có được mở rộng không?' });
    expect(first.json).not.toHaveProperty('author');

    const named = await post(id, { code: codes['H-002']!, text: 'Tôi đồng ý.', parent: first.json.id, author: 'Chị Lan' });
    expect(named.status).toBe(201);

    const listed = await s.call('GET', `/api/consultations/${id}/comments`);
    expect(listed.status).toBe(200);
    expect(listed.json.total).toBe(2);
    expect(listed.json.threads).toHaveLength(1);
    expect(listed.json.threads[0].comment).toMatchObject({ id: first.json.id, rollId: 'H-001' });
    expect(listed.json.threads[0].replies[0]).toMatchObject({ rollId: 'H-002', author: 'Chị Lan', text: 'Tôi đồng ý.' });
    // The head of household's name on the roll never appears.
    expect(listed.text).not.toContain('Chủ hộ');

    const wrong = await post(id, { code: 'AAAA-AAAA-AAAA-AAAA', text: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('invalid_code');

    const deeper = await post(id, { code: codes['H-003']!, text: 'Trả lời lồng', parent: named.json.id });
    expect(deeper.status).toBe(400);
    expect(deeper.json.error.details[0].path).toBe('parent');

    const tooLong = await post(id, { code: codes['H-003']!, text: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect((await s.call('GET', `/api/consultations/${id}/comments`)).json.total).toBe(2);
  });

  it("refuses a household's sixth comment in ten minutes with 429, and still takes another household's", async () => {
    const { id, codes } = await opened();
    for (let i = 1; i <= 5; i++) expect((await post(id, { code: codes['H-001']!, text: `Ý kiến số ${i}` })).status).toBe(201);
    const sixth = await post(id, { code: codes['H-001']!, text: 'Ý kiến số 6' });
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe('too_many_comments');
    expect((await post(id, { code: codes['H-002']!, text: 'Hộ khác' })).status).toBe(201);
    expect((await s.call('GET', `/api/consultations/${id}/comments`)).json.total).toBe(6);
  });

  it("marks an official's answer, hides with a reason (counted, audit-logged), publishes both, and keeps other communes out", async () => {
    const { id, codes } = await opened();
    const question = (await post(id, { code: codes['H-001']!, text: 'Ai giám sát thi công?' })).json;
    const spam = (await post(id, { code: codes['H-002']!, text: 'Mua bán đất giá rẻ, gọi 0900000000', author: 'Quảng cáo' })).json;

    const answer = await s.call('POST', `/api/consultations/${id}/comments/${question.id}/answer`, {
      token: official,
      body: { text: 'Ban Giám sát đầu tư của cộng đồng.' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ official: true, parent: question.id });
    expect(answer.json).not.toHaveProperty('rollId');

    const hide = await s.call('POST', `/api/consultations/${id}/comments/${spam.id}/hide`, { token: official, body: { reason: 'spam' } });
    expect(hide.status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/comments/${spam.id}/hide`, { token: official, body: { reason: 'spam' } })).status).toBe(409);
    expect((await s.call('POST', `/api/consultations/${id}/comments/${spam.id}/hide`, { token: official, body: { reason: 'rude' } })).status).toBe(400);

    // Another commune's official may neither answer nor hide; a resident without a token may not either.
    expect((await s.call('POST', `/api/consultations/${id}/comments/${question.id}/hide`, { token: other, body: { reason: 'spam' } })).status).toBe(403);
    expect((await s.call('POST', `/api/consultations/${id}/comments/${question.id}/answer`, { token: other, body: { text: 'x' } })).status).toBe(403);
    expect((await s.call('POST', `/api/consultations/${id}/comments/${question.id}/hide`, { body: { reason: 'spam' } })).status).toBe(401);

    const pub = await s.call('GET', `/api/consultations/${id}/comments`);
    expect(pub.json).toMatchObject({ total: 3, hidden: 1, answered: 1 });
    const placeholder = pub.json.threads.find((t: any) => t.comment.id === spam.id).comment;
    expect(placeholder.hidden.reason).toBe('spam');
    expect(placeholder).not.toHaveProperty('text');
    expect(pub.text).not.toContain('0900000000');
    // The commune's officials still read the hidden text.
    const insider = await s.call('GET', `/api/consultations/${id}/comments`, { token: official });
    expect(insider.text).toContain('0900000000');

    const audit = (await s.call('GET', `/api/consultations/${id}/audit`, { token: official })).json as Array<{ action: string; data: any; actor: any }>;
    expect(audit.find((e) => e.action === 'comment_answered')).toMatchObject({
      data: { commentId: question.id },
      actor: { role: 'official', id: 'official-a' },
    });
    expect(audit.find((e) => e.action === 'comment_hidden')).toMatchObject({ data: { commentId: spam.id, reason: 'spam' } });
    // Residents' comments are not events: the log never ties a household to what it said.
    expect(audit.filter((e) => e.action.startsWith('comment_'))).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('H-002');

    const page = site(`c/${id}/index.html`);
    expect(page).toContain('Ý kiến và giải trình');
    expect(page).toMatch(/data-count="comments">3</);
    expect(page).toMatch(/data-count="hidden">1</);
    expect(page).toContain('Ai giám sát thi công?');
    expect(page).toContain('Ban Giám sát đầu tư của cộng đồng.');
    expect(page).not.toContain('0900000000');
  });

  it("shows an XSS payload as text on the resident page, the officials' page and the public disclosure page", async () => {
    const { id, codes } = await opened();
    const sent = await s.app.request(`/vote/${id}/discuss`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: codes['H-001']!, text: XSS, author: XSS }).toString(),
    });
    expect(sent.status).toBe(303);
    const stored = (await s.call('GET', `/api/consultations/${id}/comments`)).json.threads[0].comment;
    expect(stored.text).toBe(XSS);
    expect((await s.call('POST', `/api/consultations/${id}/comments/${stored.id}/answer`, { token: official, body: { text: XSS } })).status).toBe(201);

    const resident = await s.app.request(`/vote/${id}/discuss`);
    expect(resident.status).toBe(200);
    const residentHtml = await resident.text();
    expect(residentHtml).toContain(ESCAPED);
    expect(residentHtml).not.toContain(XSS);
    expect(residentHtml).toContain('Hộ H-001');

    const staff = await officialsPage(`/officials/c/${id}/discussion`);
    expect(staff.status).toBe(200);
    expect(staff.text).toContain(ESCAPED);
    expect(staff.text).not.toContain(XSS);

    const page = site(`c/${id}/index.html`);
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain(XSS);
  });

  it("lets an official answer and hide from the officials' page, and shows a resident's wrong code on the page with 401", async () => {
    const { id, codes } = await opened();
    const q = (await post(id, { code: codes['H-001']!, text: 'Câu hỏi' })).json;
    const answered = await officialsPage(`/officials/c/${id}/discussion/${q.id}/answer`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'Trả lời của xã' }).toString(),
    });
    expect(answered.status).toBe(303);
    const hidden = await officialsPage(`/officials/c/${id}/discussion/${q.id}/hide`, {
      method: 'POST',
      body: new URLSearchParams({ reason: 'off_topic' }).toString(),
    });
    expect(hidden.status).toBe(303);
    const list = (await s.call('GET', `/api/consultations/${id}/comments`)).json;
    expect(list.hidden).toBe(1);
    expect(list.threads[0].comment.hidden.reason).toBe('off_topic');
    expect(list.threads[0].replies[0]).toMatchObject({ official: true, text: 'Trả lời của xã' });
    const residentHtml = await (await s.app.request(`/vote/${id}/discuss`)).text();
    expect(residentHtml).toContain('không liên quan');

    const wrong = await s.app.request(`/vote/${id}/discuss`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'AAAA-AAAA-AAAA-AAAA', text: 'Giữ lại nội dung này' }).toString(),
    });
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('Giữ lại nội dung này');
    expect(wrongHtml).not.toContain('AAAA-AAAA-AAAA-AAAA');
  });
});
