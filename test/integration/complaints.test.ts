/**
 * Petitions and reports after publication on the real store (kiến nghị, phản ánh, Law 10/2022 Art. 24): a household
 * sends one with the code on its slip at any time after publication, officials answer; no window, nothing waits on
 * them; every act is in the live log and the result page shows the state, with markup shown as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/core/ports.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const DAY = 86_400_000;
const START = Date.parse('2026-12-01T01:00:00Z');
const XSS = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

class MovableClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

describe('complaints about a published result', () => {
  let s: Sys;
  let official = '';
  let other = '';
  let monitor = '';
  const clock = new MovableClock(START);

  beforeAll(async () => {
    s = await testSystem('complaints', { clock });
    [official, other, monitor] = await Promise.all([s.token('official'), s.token('other'), s.token('monitor')]);
  });
  afterAll(() => s.cleanup());

  const site = (path: string) => readFileSync(join(s.dataDir, 'site', path), 'utf8');
  const file = (id: string, body: Record<string, unknown>) => s.call('POST', `/api/consultations/${id}/complaints`, { body });
  const answer = (id: string, complaintId: string, token: string, text = 'UBND xã đã kiểm tra lại và trả lời.') =>
    s.call('POST', `/api/consultations/${id}/complaints/${complaintId}/answer`, { token, body: { text } });

  /** An online round with three households, opened, with one online ballot: its id and each household's code. */
  const opened = async () => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation(new Date(clock.ms), 24) });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, 3);
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(200);
    const codes = Object.fromEntries((open.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes['H-001'], answers: { q1: 'yes' } } })).status).toBe(201);
    return { id, codes };
  };

  it('takes petitions at any time after publication, never before, and lists them by roll id', async () => {
    const { id, codes } = await opened();
    // Before publication: no complaint.
    const early = await file(id, { code: codes['H-002'], text: 'Khiếu nại sớm' });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('wrong_state');

    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const publishedAt = clock.ms;
    clock.ms += 2 * DAY;

    const wrong = await file(id, { code: 'AAAA-AAAA-AAAA-AAAA', text: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('invalid_code');

    const filed = await file(id, { code: codes['H-002']!.toLowerCase(), text: `Hộ tôi không nhận được phiếu ${XSS}` });
    expect(filed.status).toBe(201);
    expect(filed.json).toMatchObject({ rollId: 'H-002', official: false });
    const complaintId = filed.json.id as string;

    const listed = await s.call('GET', `/api/consultations/${id}/complaints`);
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ filed: 1, answered: 0 });
    expect(listed.json).not.toHaveProperty('windowEnd');
    expect(listed.json.complaints[0]).toMatchObject({ id: complaintId, rollId: 'H-002', answers: [] });
    expect(listed.text).not.toContain('Chủ hộ');

    let page = site(`c/${id}/index.html`);
    expect(page).not.toContain('Thời hạn khiếu nại');
    expect(page).toContain('1 kiến nghị, phản ánh; 0 đã trả lời');
    expect(page).toContain('Gửi và công nhận / Sending and recognition');
    expect(page).toContain('Hộ H-002');
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain(XSS);
    expect(page).not.toContain('Chủ hộ');

    // Officials answer: not another commune's, not a complaint that does not exist.
    expect((await answer(id, complaintId, other)).status).toBe(403);
    expect((await answer(id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', official)).status).toBe(404);

    // Long after the old ten-day window a petition is still taken, and the answer needs no window either.
    clock.ms = publishedAt + 20 * DAY;
    const late = await file(id, { code: codes['H-003'], text: 'Kiến nghị muộn' });
    expect(late.status).toBe(201);

    const answered = await answer(id, complaintId, official);
    expect(answered.status).toBe(201);
    expect(answered.json).toMatchObject({ parent: complaintId, official: true });

    const after = await s.call('GET', `/api/consultations/${id}/complaints`);
    expect(after.json).toMatchObject({ filed: 2, answered: 1, awaitingAnswer: 1 });
    expect(after.json).not.toHaveProperty('recognition');

    page = site(`c/${id}/index.html`);
    expect(page).toContain('2 kiến nghị, phản ánh; 1 đã trả lời');
    expect(page).toContain('UBND xã đã kiểm tra lại và trả lời.');

    // The live log has each act, the filing without the household.
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor });
    expect(audit.status).toBe(200);
    const events = audit.json as Array<{ action: string; data: Record<string, unknown> }>;
    const filedEvent = events.find((e) => e.action === 'complaint_filed');
    expect(filedEvent?.data).toEqual({ complaintId });
    expect(events.find((e) => e.action === 'complaint_answered')?.data).toMatchObject({ complaintId });
    expect(events.some((e) => e.action === 'result_recognized')).toBe(false);
    expect(JSON.stringify(events.filter((e) => e.action.startsWith('complaint')))).not.toContain('H-002');
  });

  it("takes a petition on the resident page without script, and the officials' pages answer it", async () => {
    clock.ms = START + 30 * DAY;
    const { id, codes } = await opened();
    expect((await s.call('GET', `/api/consultations/${id}/complaints`)).status).toBe(409);
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);

    const form = await s.app.request(`/vote/${id}/complain`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="code"');

    const posted = await s.app.request(`/vote/${id}/complain`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: codes['H-003']!, text: `Trang kiến nghị ${XSS}` }).toString(),
    });
    expect(posted.status).toBe(303);
    const shown = await (await s.app.request(posted.headers.get('location')!)).text();
    expect(shown).toContain('Hộ H-003');
    expect(shown).toContain(ESCAPED);
    expect(shown).not.toContain(XSS);

    const wrongForm = await s.app.request(`/vote/${id}/complain`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'AAAA-AAAA-AAAA-AAAA', text: 'x' }).toString(),
    });
    expect(wrongForm.status).toBe(401);

    // The officials' page answers it.
    const officialsPage = (path: string, body?: Record<string, string>) =>
      s.app.request(path, {
        method: body ? 'POST' : 'GET',
        headers: { cookie: `danban_session=${official}`, origin: 'http://localhost', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: new URLSearchParams(body).toString() } : {}),
      });
    const list = await officialsPage(`/officials/c/${id}/complaints`);
    expect(list.status).toBe(200);
    const complaintId = (await s.call('GET', `/api/consultations/${id}/complaints`)).json.complaints[0].id as string;
    const answered = await officialsPage(`/officials/c/${id}/complaints/${complaintId}/answer`, { text: 'Đã kiểm tra danh sách.' });
    expect(answered.status).toBe(303);
    expect(site(`c/${id}/index.html`)).toContain('Đã kiểm tra danh sách.');
    // The recognition is no official's act (UBND xã records it through the API).
    expect((await officialsPage(`/officials/c/${id}/complaints/recognition`, { note: '' })).status).toBe(404);
    const recognition = async (token: string) =>
      s.call('POST', `/api/consultations/${id}/recognition`, { token, body: { decision: 'recognized', date: '2026-12-31', reference: 'QĐ số 01/QĐ-UBND' } });
    expect((await recognition(official)).status).toBe(403);
    // This decision took effect on the vote: UBND xã has nothing to recognise, so the petition waits on nothing.
    const commune = await recognition(await s.token('commune'));
    expect(commune.status).toBe(409);
    expect(commune.json.error.code).toBe('no_recognition_needed');
  });
  it('hides a complaint with a reason, audit-logged: its text leaves the public pages, the count and reason show, and only spam needs no answer', async () => {
    clock.ms = START + 60 * DAY;
    const { id, codes } = await opened();
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const hide = (complaintId: string, reason: unknown, token?: string) =>
      s.call('POST', `/api/consultations/${id}/complaints/${complaintId}/hide`, { ...(token ? { token } : {}), body: { reason } });
    const SPAM = 'Bán đất nền giá rẻ, gọi ngay';
    const PERSONAL = 'Ông Nguyễn Văn A, số CCCD 001234567890, không được phát phiếu';
    // A minute apart, so that the public list (oldest first) has them in this order.
    const spam = (await file(id, { code: codes['H-001'], text: SPAM })).json.id as string;
    clock.ms += 60_000;
    const personal = (await file(id, { code: codes['H-002'], text: PERSONAL })).json.id as string;
    clock.ms += 60_000;
    const plain = await file(id, { code: codes['H-003'], text: `Kết quả tính sai ${XSS}` });
    expect(plain.status).toBe(201);
    const answerId = (await answer(id, plain.json.id as string, official)).json.id as string;

    // Only the commune's officials hide, only a complaint that exists, only with one of the reasons.
    expect((await hide(spam, 'spam')).status).toBe(401);
    expect((await hide(spam, 'spam', monitor)).status).toBe(403);
    expect((await hide(spam, 'spam', other)).status).toBe(403);
    expect((await hide('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'spam', official)).status).toBe(404);
    expect((await hide(answerId, 'spam', official)).status).toBe(404);
    const badReason = await hide(spam, 'rude', official);
    expect(badReason.status).toBe(400);
    expect(badReason.json.error.code).toBe('invalid_request');

    const hidden = await hide(spam, 'spam', official);
    expect(hidden.status).toBe(200);
    expect(hidden.json).toEqual({ id: spam, hidden: { reason: 'spam', at: `${new Date(clock.ms).toISOString().slice(0, 19)}Z` } });
    const again = await hide(spam, 'insult', official);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('wrong_state');
    expect((await hide(personal, 'personal_data', official)).status).toBe(200);

    // The public sees where they were, when, why, and how many, never their text or household.
    const listed = await s.call('GET', `/api/consultations/${id}/complaints`);
    expect(listed.json).toMatchObject({ filed: 3, answered: 1, hidden: 2, hiddenByReason: { spam: 1, personal_data: 1 }, awaitingAnswer: 1 });
    expect(listed.json.complaints.map((k: { hidden?: { reason: string } }) => k.hidden?.reason ?? null)).toEqual(['spam', 'personal_data', null]);
    for (const secret of [SPAM, 'CCCD', 'H-001', 'H-002']) expect(listed.text).not.toContain(secret);
    let page = site(`c/${id}/index.html`);
    expect(page).toContain('Số kiến nghị, phản ánh bị ẩn: <strong data-count="complaints-hidden">2</strong> (quảng cáo, tin rác: 1; lộ thông tin cá nhân: 1).');
    expect(page).toContain('Kiến nghị này đã bị ẩn (lý do: lộ thông tin cá nhân)');
    expect(page).toContain('Hộ H-003');
    expect(page).toContain(ESCAPED);
    for (const secret of [SPAM, 'CCCD', 'Hộ H-001', 'Hộ H-002', XSS]) expect(page).not.toContain(secret);
    const resident = await (await s.app.request(`/vote/${id}/complain`)).text();
    expect(resident).toContain('Số kiến nghị bị ẩn: 2 (quảng cáo, tin rác: 1; lộ thông tin cá nhân: 1).');
    for (const secret of [SPAM, 'CCCD', 'Hộ H-001', 'Hộ H-002']) expect(resident).not.toContain(secret);

    // Each hiding is in the live log with the complaint and the reason, by the official.
    const events = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json as Array<{
      action: string;
      actor: { role: string };
      data: Record<string, unknown>;
    }>;
    expect(events.filter((e) => e.action === 'complaint_hidden').map((e) => [e.actor.role, e.data])).toEqual([
      ['official', { complaintId: spam, reason: 'spam' }],
      ['official', { complaintId: personal, reason: 'personal_data' }],
    ]);

    // The petition hidden for personal data still needs its answer, the spam none.
    expect((await s.call('GET', `/api/consultations/${id}/complaints`)).json.awaitingAnswer).toBe(1);
    expect((await answer(id, personal, official, 'UBND xã đã liên hệ trực tiếp với hộ.')).status).toBe(201);
    expect((await s.call('GET', `/api/consultations/${id}/complaints`)).json.awaitingAnswer).toBe(0);
    page = site(`c/${id}/index.html`);
    expect(page).toContain('UBND xã đã liên hệ trực tiếp với hộ.');
    expect(page).toContain('Không cần trả lời: tin rác không phải là kiến nghị.');

    // Personal data noticed late is hidden later too, from the officials' page.
    // Personal data noticed late is hidden after the recognition too, from the officials' page.
    const form = (path: string, body?: Record<string, string>) =>
      s.app.request(path, {
        method: body ? 'POST' : 'GET',
        headers: { cookie: `danban_session=${official}`, origin: 'http://localhost', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: new URLSearchParams(body).toString() } : {}),
      });
    const before = await (await form(`/officials/c/${id}/complaints`)).text();
    // Officials still read every text, hidden ones with their reason.
    expect(before).toContain(SPAM);
    expect(before).toContain('Đã ẩn (quảng cáo, tin rác)');
    expect(before).toContain(`action="/officials/c/${id}/complaints/${plain.json.id}/hide"`);
    expect(before).not.toContain(`action="/officials/c/${id}/complaints/${spam}/hide"`);
    expect((await form(`/officials/c/${id}/complaints/${plain.json.id}/hide`, { reason: 'nope' })).status).toBe(400);
    const viaPage = await form(`/officials/c/${id}/complaints/${plain.json.id}/hide`, { reason: 'insult' });
    expect(viaPage.status).toBe(303);
    expect(viaPage.headers.get('location')).toBe(`/officials/c/${id}/complaints?done=hidden`);
    expect(site(`c/${id}/index.html`)).not.toContain('Kết quả tính sai');
    expect(site(`c/${id}/index.html`)).toContain(
      'Số kiến nghị, phản ánh bị ẩn: <strong data-count="complaints-hidden">3</strong> (quảng cáo, tin rác: 1; xúc phạm: 1; lộ thông tin cá nhân: 1).',
    );
  });
});
