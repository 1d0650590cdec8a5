/**
 * The staff pages in plain Vietnamese (the village head's phone): every main page of the officials, the monitors and
 * UBND xã shows no English and nothing marked English, unless the URL asks for it with `?lang=en`; a form sent with a
 * missing field is refused with the field's Vietnamese name and what is wrong, never zod's English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdMeeting, onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';

/** Words of these pages' English that must not reach a Vietnamese page (zod's among them). */
const ENGLISH = ['Sign out', 'Back', 'Household', 'Close', 'Invalid', 'expected', 'Too small', 'Required', 'Not found', 'Not allowed'];

/** What a person reads of a page: its text, and the attributes read aloud or shown (title, aria-label, placeholder, alt). */
function readable(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ');
  return `${text} ${attributes.join(' ')}`.replace(/\s+/g, ' ');
}

/** The English words of the list found in a page's readable text. */
const englishIn = (html: string) => ENGLISH.filter((word) => new RegExp(`\\b${word}\\b`).test(readable(html)));

/** Each element marked English, with a little of what it holds. */
const markedEnglish = (html: string) => [...html.matchAll(/<[^>]*\slang="en"[^>]*>([^<]{0,40})/g)].map((m) => m[0]);

describe('the staff pages in Vietnamese alone, English only under ?lang=en', () => {
  let s: Sys;
  const session: Record<'official' | 'monitor' | 'commune', string> = { official: '', monitor: '', commune: '' };
  /** A draft road (a contribution by meeting), an online round open, and a village-head election closed and published. */
  let draft = '';
  let online = '';
  let closed = '';

  const request = async (path: string, who: keyof typeof session, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session[who]}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    s = await testSystem('staff-language');
    [session.official, session.monitor, session.commune] = await Promise.all([s.token('official'), s.token('monitor'), s.token('commune')]);
    const token = session.official;
    const road = await s.call('POST', '/api/consultations', { token, body: roadConsultation() });
    expect(road.status, road.text).toBe(201);
    draft = road.json.id;
    expect((await s.call('PUT', `/api/consultations/${draft}/roll`, { token, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);

    const lights = await s.call('POST', '/api/consultations', { token, body: onlineConsultation() });
    expect(lights.status, lights.text).toBe(201);
    online = lights.json.id;
    expect((await s.call('PUT', `/api/consultations/${online}/roll`, { token, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, token, online, 4);
    const opened = await s.call('POST', `/api/consultations/${online}/open`, { token });
    expect(opened.status, opened.text).toBe(200);

    const election = {
      ...roadConsultation(),
      title: 'Bầu Trưởng thôn Thử Nghiệm',
      matter: 'village_head',
      contribution: undefined,
      questions: [{ id: 'q1', type: 'yes_no', text: 'Bầu ông A làm Trưởng thôn?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
    };
    const created = await s.call('POST', '/api/consultations', { token, body: election });
    expect(created.status, created.text).toBe(201);
    closed = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${closed}/roll`, { token, body: rollCsv(6), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${closed}/open`, { token })).status).toBe(200);
    const held = await holdMeeting(s.call, token, closed, ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'], { q1: { yes: 4, no: 1, abstain: 0 } });
    expect(held.status, held.text).toBe(200);
  });
  afterAll(() => s.cleanup());

  /** The main pages of each role, as each role's session asks for them. */
  const pages = (): Array<[keyof typeof session, string]> => [
    ['official', '/officials/'],
    ['official', '/officials/c/new'],
    ['official', `/officials/c/${draft}`],
    ['official', `/officials/c/${draft}/edit`],
    ['official', `/officials/c/${draft}/roll`],
    ['official', `/officials/c/${draft}/documents`],
    ['official', `/officials/c/${draft}/open`],
    ['official', `/officials/c/${online}`],
    ['official', `/officials/c/${online}/paper`],
    ['official', `/officials/c/${online}/discussion`],
    ['official', `/officials/c/${closed}`],
    ['official', `/officials/c/${closed}/minutes`],
    ['official', `/officials/c/${closed}/complaints`],
    ['monitor', '/monitors/'],
    ['monitor', `/monitors/c/${online}`],
    ['monitor', `/monitors/c/${closed}`],
    ['commune', '/commune/'],
    ['commune', `/commune/c/${closed}`],
  ];

  it('shows each main page in Vietnamese alone: nothing marked English, none of the English words', async () => {
    const leaks: string[] = [];
    for (const [who, path] of pages()) {
      const r = await request(path, who);
      expect(r.status, `${path}: ${r.html.slice(0, 300)}`).toBe(200);
      expect(r.html, path).toContain('<html lang="vi">');
      leaks.push(...markedEnglish(r.html).map((m) => `${path}: ${m}`), ...englishIn(r.html).map((w) => `${path}: «${w}»`));
      // The way to the English.
      expect(r.html, path).toMatch(/<a class="lang-switch" href="[^"]*lang=en"[^>]*>\s*English\s*<\/a>/);
    }
    expect(leaks).toEqual([]);
  });

  it('shows the English beside the Vietnamese under ?lang=en, with the way back to Vietnamese alone', async () => {
    for (const [who, path] of pages()) {
      const r = await request(`${path}?lang=en`, who);
      expect(r.status, path).toBe(200);
      expect(r.html, path).toContain('<html lang="vi">');
      expect(r.html, path).toContain('lang="en"');
      expect(r.html, path).toContain('Sign out');
      const back = /<a class="lang-switch" href="([^"]*)"[^>]*>\s*Tiếng Việt\s*<\/a>/.exec(r.html);
      expect(back?.[1], path).toBe(path);
    }
  });

  it('refuses a form with a missing field in Vietnamese: the field’s name and the problem, no zod English', async () => {
    const r = await request(`/officials/c/${closed}/record/sent`, 'official', { to: 'ubnd_xa', date: '', reference: '' });
    expect(r.status).toBe(400);
    expect(markedEnglish(r.html)).toEqual([]);
    expect(englishIn(r.html)).toEqual([]);
    const text = readable(r.html);
    expect(text).toContain('Dữ liệu gửi lên không hợp lệ.');
    expect(text).toContain('Số hiệu: chưa điền');
    expect(text).toContain('Ngày: không phải một ngày hợp lệ');
    // The same refusal with the English beside it.
    const en = await request(`/officials/c/${closed}/record/sent?lang=en`, 'official', { to: 'ubnd_xa', date: '', reference: '' });
    expect(en.status).toBe(400);
    expect(readable(en.html)).toContain('Số hiệu: chưa điền');
    expect(readable(en.html)).toMatch(/reference: Too small/);
    // The answer to a post has no link to itself in the other language: a post cannot be asked for again.
    expect(r.html).not.toContain('class="lang-switch"');
  });

  it('sends the consultation form back with each problem in Vietnamese under its field', async () => {
    const r = await request('/officials/c/new', 'official', { slots: '5', title: '', description: '', matter: 'other_self_managed', method: 'online' });
    expect(r.status).toBe(400);
    expect(markedEnglish(r.html)).toEqual([]);
    expect(englishIn(r.html)).toEqual([]);
    expect(readable(r.html)).toContain('Bắt buộc.');
  });

  it('tells a monitor of a page that is not there in Vietnamese alone', async () => {
    const r = await request('/monitors/c/01ARZ3NDEKTSV4RRFFQ69G5FAV', 'monitor');
    expect(r.status).toBe(404);
    expect(markedEnglish(r.html)).toEqual([]);
    expect(englishIn(r.html)).toEqual([]);
    expect(readable(r.html)).toContain('Không tìm thấy');
  });

  it('keeps the API’s error details as api.md gives them: path and message, no words for the pages', async () => {
    const r = await s.call('POST', '/api/consultations', { token: session.official, body: { ...roadConsultation(), title: '' } });
    expect(r.status).toBe(400);
    for (const detail of r.json.error.details) expect(Object.keys(detail).sort()).toEqual(['message', 'path']);
  });
});
