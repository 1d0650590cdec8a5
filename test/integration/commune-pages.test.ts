/**
 * What follows publication through the staff pages on the real store (domain.md "Sending the decision",
 * "Recognition"): an official records the sending of a village-head election from the round's page, UBND xã sees
 * the round on its own pages (`/commune/`) and recognises it through the form; both acts are in the live log; an
 * official's session is refused on the commune's pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../shared/working-days.ts';
import { holdMeeting, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';

describe('the commune People’s Committee’s pages', () => {
  let s: Sys;
  let official = '';
  let commune = '';
  let id = '';

  /** A page of the local server with a session cookie; a string body is a form post from this origin. */
  const request = async (path: string, session: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };

  beforeAll(async () => {
    s = await testSystem('commune-pages');
    [official, commune] = await Promise.all([s.token('official'), s.token('commune')]);
    const consultation = {
      ...roadConsultation(),
      title: 'Bầu Trưởng thôn Thử Nghiệm',
      matter: 'village_head',
      contribution: undefined,
      questions: [{ id: 'q1', type: 'yes_no', text: 'Bầu ông A làm Trưởng thôn?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
    };
    const created = await s.call('POST', '/api/consultations', { token: official, body: consultation });
    expect(created.status, created.text).toBe(201);
    id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(6), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    const closed = await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'], { q1: { yes: 4, no: 1, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
  });
  afterAll(() => s.cleanup());

  it('an official records the sending, UBND xã recognises the election through its pages, and both are in the log', async () => {
    const today = vietnamDate(s.core.clock.now());
    const before = await request(`/officials/c/${id}`, official);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Gửi văn bản đến UBND xã / UBMTTQ xã');
    expect(before.text).toContain(`action="/officials/c/${id}/record/sent"`);

    // Nothing to recognise before the decision reached UBND xã.
    const early = await request(`/commune/c/${id}/recognition`, commune, { decision: 'recognized', date: today, reference: 'QĐ 01' });
    expect(early.status).toBe(409);

    const sent = await request(`/officials/c/${id}/record/sent`, official, { to: 'ubnd_xa', date: today, reference: '05/TTr-TTN' });
    expect(sent.status, sent.text).toBe(303);
    expect(sent.location).toContain(`/officials/c/${id}?done=sent`);
    const after = await request(`/officials/c/${id}`, official);
    expect(after.text).toContain('Đã gửi UBND xã');
    expect(after.text).toContain('05/TTr-TTN');
    // Only UBMTTQ xã is left to send to.
    expect(after.text).not.toContain('value="ubnd_xa"');
    expect(after.text).toContain('value="ubmttq_xa"');

    const list = await request('/commune/', commune);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/commune/c/${id}"`);
    expect(list.text).toContain('Chờ công nhận');

    const round = await request(`/commune/c/${id}`, commune);
    expect(round.status).toBe(200);
    expect(round.text).toContain(`action="/commune/c/${id}/recognition"`);
    expect(round.text).toContain(`action="/commune/c/${id}/annulment"`);
    expect(round.text).toContain(`action="/commune/c/${id}/amendment-request"`);

    // A refusal needs its reasons: the form is sent back, nothing is recorded.
    const bare = await request(`/commune/c/${id}/recognition`, commune, { decision: 'refused', date: today, reference: 'CV 02' });
    expect(bare.status).toBe(400);

    const recognised = await request(`/commune/c/${id}/recognition`, commune, {
      decision: 'recognized',
      date: today,
      reference: 'QĐ số 12/QĐ-UBND',
      reason: '',
    });
    expect(recognised.status, recognised.text).toBe(303);
    expect(recognised.location).toBe(`/commune/c/${id}?done=recognition`);
    const done = await request(`/commune/c/${id}`, commune);
    expect(done.text).toContain('UBND xã đã công nhận');
    expect(done.text).not.toContain(`action="/commune/c/${id}/recognition"`);
    expect((await request('/commune/', commune)).text).toContain('Đã công nhận');

    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') });
    expect(audit.status).toBe(200);
    const events = audit.json as Array<{ action: string; actor: { role: string }; data: Record<string, unknown> }>;
    expect(events.find((e) => e.action === 'record_sent')).toMatchObject({ actor: { role: 'official' }, data: { to: 'ubnd_xa', reference: '05/TTr-TTN' } });
    expect(events.find((e) => e.action === 'recognized')).toMatchObject({
      actor: { role: 'commune' },
      data: { body: 'ubnd_xa', reference: 'QĐ số 12/QĐ-UBND' },
    });
    expect(events.some((e) => e.action === 'recognition_refused')).toBe(false);
  });

  it('refuses an official’s session, and sends a visitor without one to sign in', async () => {
    const page = await request('/commune/', official);
    expect(page.status).toBe(403);
    expect(page.text).toContain('dành cho UBND xã');
    const post = await request(`/commune/c/${id}/annulment`, official, { date: '2026-12-01', reference: 'x', reason: 'x' });
    expect(post.status).toBe(403);
    const none = await s.app.request('/commune/');
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/commune/login');
    // And UBND xã's session is no official's.
    expect((await request(`/officials/c/${id}`, commune)).status).toBe(403);
  });
});
