/**
 * Signing the decision record with a key from the staff pages on the real store: the officials' signing page (the
 * village head) and the monitors' consultation page (the head of the Front working committee) show what is signed and
 * who has signed, and their routes take the compact JWS the page's script sends, from the page's own origin and
 * session only, through the same use case as the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signScript } from '../../functions/http/sign-assets.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import { DecisionRecord, minutesHash, signMinutes, type MinutesRole } from '../../shared/minutes.ts';
import { SITE_HEADERS } from '../../web/security-headers.ts';
import { officerKey, RECORD } from '../support/record-round.ts';
import { holdMeeting, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';

/** The radio buttons of the signing form: role and the person's name, in page order. */
function choices(html: string): string[] {
  return [...html.matchAll(/<input type="radio" name="role" value="([a-z_]+)" data-name="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
}

/** The text of one role's state on a page. */
function stateOf(html: string, role: MinutesRole): string {
  const m = new RegExp(`<span id="ms-state-${role}">(.*?)</span> *</li>`).exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '') : '';
}

describe('signing the decision record from the officials’ and the monitors’ pages', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let id = '';
  const keys: Partial<Record<MinutesRole, Awaited<ReturnType<typeof officerKey>>>> = {};

  /** A page with the English beside the Vietnamese (`?lang=en`): what is checked here is said in both. */
  const get = async (path: string, token: string) => {
    const res = await s.app.request(`${path}${path.includes('?') ? '&' : '?'}lang=en`, { headers: token ? { cookie: `danban_session=${token}` } : {} });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const post = async (path: string, body: string, opts: { token: string; origin?: string; type?: string }) => {
    const headers: Record<string, string> = {
      cookie: `danban_session=${opts.token}`,
      'content-type': opts.type ?? 'application/jose',
      origin: opts.origin ?? ORIGIN,
    };
    const res = await s.app.request(path, { method: 'POST', headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  const published = async () => DecisionRecord.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/record/decision.json`))!)));
  const sig = async (role: MinutesRole) => {
    keys[role] ??= await officerKey();
    return signMinutes({ minutes: await published(), role, at: '2026-12-02T02:00:00Z', jwk: keys[role]!.jwk }, keys[role]!.sign);
  };
  const officialsPost = (jws: string, opts: { token?: string; origin?: string; type?: string } = {}) =>
    post(`/officials/c/${id}/minutes/signatures`, jws, { token: official, ...opts });
  const monitorsPost = (jws: string, opts: { token?: string; origin?: string } = {}) =>
    post(`/monitors/c/${id}/minutes/signatures`, jws, { token: monitor, ...opts });

  beforeAll(async () => {
    s = await testSystem('minutes-signing-pages');
    official = await s.token('official');
    monitor = await s.token('monitor');
    id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
  });
  afterAll(() => s.cleanup());

  it('before the result is published there is nothing to sign', async () => {
    const r = await get(`/officials/c/${id}/minutes/sign`, official);
    expect(r.status).toBe(409);
    expect(r.text).toContain('this consultation is voting');
    expect((await get(`/monitors/c/${id}`, monitor)).text).not.toContain('id="minutes-sign"');
  });

  it('after publication but before drafting, no page offers to sign', async () => {
    const closed = await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    const sign = await get(`/officials/c/${id}/minutes/sign`, official);
    expect(sign.status).toBe(409);
    expect(sign.text).toContain('the record has not been drafted yet');
    expect((await get(`/officials/c/${id}`, official)).text).not.toContain(`/officials/c/${id}/minutes/sign`);
    const monitors = await get(`/monitors/c/${id}`, monitor);
    expect(monitors.text).toContain('Văn bản quyết định chưa được lập');
    expect(monitors.text).not.toContain('id="ms-form"');
  });

  it('once drafted, the officials’ signing page shows the hash, what is signed, who has not signed, and the form for the script', async () => {
    expect((await s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body: RECORD })).status).toBe(201);
    const minutes = await published();
    const r = await get(`/officials/c/${id}/minutes/sign`, official);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(SITE_HEADERS['Content-Security-Policy']);
    expect(r.text).toBe(r.text.normalize('NFC'));
    // One script, of this origin, and no inline one.
    expect([...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/officials/assets/sign.js" defer="">']);
    expect(r.text).toContain(`data-minutes="/c/${id}/record/decision.json"`);
    expect(r.text).toContain(`data-hash="${minutesHash(minutes)}"`);
    expect(r.text).toContain(`<dd class="fingerprint" id="ms-hash">${minutesHash(minutes)}</dd>`);
    expect(r.text).toContain(RECORD.place);
    expect(r.text).toContain(`<p class="decision">${minutes.decision}</p>`);
    expect(choices(r.text)).toEqual(['village_head:Nguyễn Văn An']);
    expect(r.text).toMatch(/<form id="ms-form" method="post" action="\/officials\/c\/[0-9A-Z]{26}\/minutes\/signatures" hidden="">/);
    // Without JavaScript: signing needs it, and the paper copy is signed by hand, Vietnamese first.
    const nojs = /<div id="ms-nojs"[^>]*>([\s\S]*?)<\/div>/.exec(r.text)![1]!;
    expect(nojs.indexOf('Ký số cần JavaScript')).toBeGreaterThanOrEqual(0);
    expect(nojs.indexOf('bản giấy vẫn được ký tay')).toBeGreaterThan(0);
    expect(nojs.indexOf('Signing with a key needs JavaScript')).toBeGreaterThan(nojs.indexOf('ký tay'));
    expect(nojs).toContain('the paper copy is still signed by hand');
    for (const role of ['village_head', 'front_head'] as const) expect(stateOf(r.text, role)).toBe('Chưa ký Not signed yet');

    // Linked from the consultation page and the record's page, which says who has not signed.
    expect((await get(`/officials/c/${id}`, official)).text).toContain(`href="/officials/c/${id}/minutes/sign"`);
    const form = await get(`/officials/c/${id}/minutes`, official);
    expect(form.text).toContain(`href="/officials/c/${id}/minutes/sign"`);
    expect(form.text).toContain(
      'Chưa ký số: <span lang="en" class="en">Not signed with a key yet:</span> Trưởng thôn, Trưởng ban công tác Mặt trận <span lang="en" class="en">village head, head of the Front working committee</span>',
    );
  });

  it('serves each role’s script without a session: the officials’ signs the record, the monitors’ countersigns too', async () => {
    const officials = await get('/officials/assets/sign.js', '');
    expect(officials.status).toBe(200);
    expect(officials.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(officials.headers.get('cache-control')).toBe('no-cache');
    // The scripts built from web/sign/: the officials' keeps the officers' keys, the monitors' the monitor's too.
    expect(officials.text).toBe(await signScript('officials'));
    expect(officials.text).toContain('"danban-minutes"');
    expect(officials.text).not.toContain('"danban-monitor"');
    const monitors = await get('/monitors/assets/sign.js', '');
    expect(monitors.status).toBe(200);
    expect(monitors.text).toBe(await signScript('monitors'));
    for (const database of ['"danban-minutes"', '"danban-monitor"']) expect(monitors.text).toContain(database);
  });

  it('the officials’ route refuses another origin, another media type, a bad signature, the Front head’s signature and a monitor', async () => {
    const head = await sig('village_head');
    const foreign = await officialsPost(head, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('không được gửi từ trang của hệ thống');
    const json = await officialsPost(JSON.stringify({ jws: head }), { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.json.error.code).toBe('unsupported_media_type');
    const bad = await officialsPost('not.a.jws');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalid_attestation', vi: 'Chữ ký số không hợp lệ: không khớp với nội dung cần ký hoặc với khóa.' });
    const front = await officialsPost(await sig('front_head'));
    expect(front.status).toBe(403);
    expect(front.json.error.code).toBe('forbidden');
    expect((await officialsPost(head, { token: monitor })).status).toBe(403);
    const signedOut = await s.app.request(`/officials/c/${id}/minutes/signatures`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/jose' },
      body: head,
    });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/officials/login');
    for (const role of ['village_head', 'front_head']) expect(await s.core.publisher.get(`c/${id}/record/signatures/${role}.jws`)).toBeUndefined();
  });

  it('takes the village head’s signature, publishes it, and then offers no role on the officials’ page', async () => {
    const head = await sig('village_head');
    const r = await officialsPost(head);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ role: 'village_head', signed: ['village_head'], missing: ['front_head'] });
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/record/signatures/village_head.jws`))!)).toBe(head);
    const page = await get(`/officials/c/${id}/minutes/sign`, official);
    expect(stateOf(page.text, 'village_head')).toBe(`Đã ký số lúc 09:00 02/12/2026 (khóa ${r.json.kid}) Signed`);
    expect(stateOf(page.text, 'front_head')).toBe('Chưa ký Not signed yet');
    expect(choices(page.text)).toEqual([]);
    expect(page.text).not.toContain('id="ms-form"');
  });

  it('the monitors’ page offers the Front head, whose signature its route takes, and no other role; then every page says both signed', async () => {
    const before = await get(`/monitors/c/${id}`, monitor);
    expect(before.status).toBe(200);
    expect(choices(before.text)).toEqual(['front_head:Lê Văn Cường']);
    expect(before.text).toContain(`action="/monitors/c/${id}/minutes/signatures"`);
    expect(before.text).toContain(`data-hash="${minutesHash(await published())}"`);
    expect([...before.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/monitors/assets/sign.js" defer="">']);
    expect(stateOf(before.text, 'village_head')).toMatch(/^Đã ký số/);
    expect(stateOf(before.text, 'front_head')).toBe('Chưa ký Not signed yet');

    const headByMonitor = await monitorsPost(await sig('village_head'));
    expect(headByMonitor.status).toBe(403);
    expect(headByMonitor.json.error.code).toBe('forbidden');
    expect((await monitorsPost(await sig('front_head'), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await monitorsPost(await sig('front_head'), { token: official })).status).toBe(403);

    const front = await monitorsPost(await sig('front_head'));
    expect(front.status).toBe(201);
    expect(front.json).toMatchObject({ role: 'front_head', signed: ['village_head', 'front_head'], missing: [] });
    const after = await get(`/monitors/c/${id}`, monitor);
    expect(stateOf(after.text, 'front_head')).toMatch(/^Đã ký số lúc .* \(khóa [A-Za-z0-9_-]{43}\) Signed$/);
    expect(after.text).not.toContain('id="ms-form"');
    expect(after.text).toContain('data-action="record_signed"');
    const page = await get(`/officials/c/${id}/minutes/sign`, official);
    for (const role of ['village_head', 'front_head'] as const) expect(stateOf(page.text, role)).toMatch(/^Đã ký số lúc/);
    expect(page.text).not.toContain('id="ms-nojs"');
    const form = await get(`/officials/c/${id}/minutes`, official);
    expect(form.text).toContain('Chưa ký số: <span lang="en" class="en">Not signed with a key yet:</span> —');
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!)).toContain('đã ký số: Trưởng thôn, Trưởng ban công tác Mặt trận.');
  });
});
