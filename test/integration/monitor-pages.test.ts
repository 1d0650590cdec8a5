import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { monitorPages } from '../../functions/http/monitors/index.ts';
import { signScript } from '../../functions/http/sign-assets.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { OUTCOME_VI, outcomeSentence, ruleInWords } from '../../shared/minutes.ts';
import { Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; headers: Headers; text: string };

const ORIGIN = 'http://localhost';

/** Text as the pages escape it. */
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

async function attestation(consultationId: string, manifestHash: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const pub = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  const kid = jwkThumbprint(pub);
  const payload = {
    consultationId,
    manifest: manifestHash,
    monitor: { name: 'Trần Văn Giám', organisation: 'Ban Thanh tra nhân dân xã' },
    statement: 'verified',
    at: '2026-11-23T08:00:00Z',
  };
  const jws = await encodeJws(
    { alg: 'ES256', kid, typ: 'attestation+jws', jwk: pub },
    jcsBytes(payload),
    async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  );
  return { jws, kid };
}

describe('the monitors’ pages on the real store', () => {
  let s: Sys;
  let pages: Hono<any>;
  let session = '';
  let official = '';
  let id = '';
  let otherId = '';
  let draftId = '';

  const request = async (path: string, init: { method?: string; body?: string; who?: string; headers?: Record<string, string> } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...init.headers };
    const who = init.who ?? session;
    if (who) headers.cookie = `danban_session=${who}`;
    const res = await pages.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const attest = (jws: string, origin = ORIGIN) =>
    request(`/monitors/c/${id}/attest`, { method: 'POST', body: jws, headers: { origin, 'content-type': 'application/jose' } });

  beforeAll(async () => {
    s = await testSystem('monitor-pages');
    pages = new Hono().route(
      '/',
      monitorPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
    official = await s.token('official');
    const other = await s.token('other');
    const ok = <R extends { status: number; text: string }>(r: R, status: number): R => {
      if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
      return r;
    };
    // An online round: the one kind with paper entries for a household (a meeting and household ballots go by serial).
    id = ok(await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() }), 201).json.id;
    ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' }), 200);
    await recordOnlineConditions(s.call, official, id, 4);
    ok(await s.call('POST', `/api/consultations/${id}/disclose`, { token: official }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-002', answers: { q1: 'yes' } } }), 201);
    draftId = ok(await s.call('POST', '/api/consultations', { token: official, body: { ...roadConsultation(), title: 'Bản nháp chưa công bố' } }), 201).json.id;
    otherId = ok(await s.call('POST', '/api/consultations', { token: other, body: roadConsultation() }), 201).json.id;
    ok(await s.call('PUT', `/api/consultations/${otherId}/roll`, { token: other, body: rollCsv(2), type: 'text/csv' }), 200);
    ok(await s.call('POST', `/api/consultations/${otherId}/disclose`, { token: other }), 200);
  });
  afterAll(() => s.cleanup());

  it('signs a monitor in with a session cookie on /monitors, and refuses an official’s account', async () => {
    expect((await request('/monitors/', { who: '' })).headers.get('location')).toBe('/monitors/login');
    const form = { method: 'POST', who: '', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } };
    expect((await request('/monitors/login', { ...form, body: 'username=monitor&password=nope' })).status).toBe(401);
    const notMonitor = await request('/monitors/login', { ...form, body: 'username=official&password=pw-official' });
    expect(notMonitor.status).toBe(403);
    expect(notMonitor.headers.get('set-cookie')).toBeNull();
    const r = await request('/monitors/login', { ...form, body: 'username=monitor&password=pw-monitor' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/monitors/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/monitors/);
    session = /danban_session=([^;]+)/.exec(cookie)![1]!;
  });

  it('lists the commune’s consultations that are not drafts, with their state', async () => {
    const r = await request('/monitors/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.text).toContain(`href="/monitors/c/${id}"`);
    expect(r.text).toContain('Đang biểu quyết');
    expect(r.text).not.toContain(draftId);
    expect(r.text).not.toContain(otherId);
  });

  it('shows live turnout and the audit log while voting, with no countersign section yet', async () => {
    const r = await request(`/monitors/c/${id}`);
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/Phiếu giấy<\/th><td class="n">1<\/td>/);
    expect(r.text).toContain('1 / 4');
    for (const action of ['created', 'roll_uploaded', 'online_condition_recorded', 'disclosed', 'voting_opened', 'paper_ballot_entered'])
      expect(r.text).toContain(`data-action="${action}"`);
    expect(r.text).toContain('Đã tải danh sách hộ: 4 hộ');
    // Vietnamese alone on a staff page (English only under ?lang=en).
    expect(r.text).toMatch(/Cán bộ\s+<span class="mono">official-a<\/span>/);
    expect(r.text).not.toContain('>Official<');
    expect(r.text).toContain('<summary>chi tiết</summary>');
    expect(r.text).not.toContain('id="countersign"');
    expect(r.text).not.toContain('<script');
    // No outcome before the result is published: the page says so.
    expect(r.text).toContain('<section id="outcome"');
    expect(r.text).toContain('Chưa có kết quả: đang biểu quyết.');
    expect(r.text).not.toContain('data-outcome=');
  });

  it('after close shows every event to `closed`, the verify link and the countersign section with its script', async () => {
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.json.state).toBe('published');
    const r = await request(`/monitors/c/${id}`);
    expect(r.status).toBe(200);
    const audit = await s.core.store.getAudit(id);
    const rows = [...r.text.matchAll(/<tr id="e(\d+)" data-action="([a-z_]+)"><td class="n">\1<\/td>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(audit.map((e) => [e.seq, e.action]));
    expect(rows.map((x) => x[1])).toContain('closed');
    expect(r.text).toContain(audit.at(-1)!.hash.slice(0, 12));
    expect(r.text).toContain(`href="/c/${id}/verify.html"`);
    expect(r.text).toContain('<script src="/monitors/assets/sign.js" defer="">');
    expect(r.text).toContain(`data-result="/c/${id}/result.jws"`);
    expect(r.text).toContain(`action="/monitors/c/${id}/attest"`);
    expect(r.text).toContain('Ký xác nhận');
    expect(r.text).toContain('Kiểm tra và ký xác nhận trên trang này cần JavaScript');
    // The page verifies before it offers the form: both hidden until its script runs, the worker and key its own origin's.
    expect(r.text).toMatch(/<div id="cs-verify" hidden="">/);
    expect(r.text).toMatch(/<form id="cs-form" method="post" action="[^"]+" hidden="">/);
    expect(r.text).toContain('data-worker="/assets/verify-worker.js"');
    expect(r.text).toContain('data-jwks="/keys/jwks.json"');
    const manifestBytes = new Uint8Array(readFileSync(join(s.dataDir, 'site', 'c', id, 'result.json')));
    expect(r.text).toContain(`data-manifest="${sha256Hex(manifestBytes)}"`);
    for (let step = 1; step <= 9; step++) expect(r.text).toContain(`<li id="cs-check-${step}" data-state="pending">`);
    expect(r.text).toContain('Chưa có ai ký xác nhận.');
    const js = await request('/monitors/assets/sign.js', { who: '' });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    // The monitor's key stays where earlier versions kept it: database danban-monitor, key monitor.
    expect(js.text).toBe(await signScript('monitors'));
    expect(js.text).toContain('"danban-monitor"');
    expect(js.text).toContain('"monitor"');
  });

  it('shows the published outcome of each question in the law’s words, with the counts, H and the threshold', async () => {
    const r = await request(`/monitors/c/${id}`);
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'result.json'), 'utf8')));
    const consultation = (await s.core.store.getConsultation(id))!.consultation;
    expect(manifest.tally.length).toBeGreaterThan(0);
    expect(r.text).not.toContain('Chưa có kết quả');
    for (const t of manifest.tally) {
      const q = consultation.questions.find((x) => x.id === t.questionId)!;
      const section = r.text.slice(r.text.indexOf(`data-question="${q.id}"`), r.text.indexOf('</section>', r.text.indexOf(`data-question="${q.id}"`)));
      expect(section).toContain(`data-outcome="${t.outcome.status}"`);
      expect(section).toContain(escapeHtml(outcomeSentence(q, t)));
      expect(section).toContain(`<dd data-field="eligible">${t.eligible}</dd>`);
      expect(section).toContain(`<dd data-field="threshold">${escapeHtml(ruleInWords(t.rule, t.threshold))}</dd>`);
      expect(section).toContain(`<tr data-answer="abstain">`);
    }
    // The one paper ballot said yes to q1 of 4 households: 1 yes, 0 no, no abstention, and the law's words for the outcome.
    const q1 = r.text.slice(r.text.indexOf('data-question="q1"'));
    expect(q1).toMatch(/<tr data-answer="yes"><th scope="row">Đồng ý<\/th><td class="n">1<\/td>/);
    expect(q1).toMatch(/<tr data-answer="no"><th scope="row">Không đồng ý<\/th><td class="n">0<\/td>/);
    expect(q1).toContain('<dd data-field="eligible">4</dd>');
    expect(q1).toMatch(/^data-question="q1" data-outcome="rejected"/);
    expect(q1).toContain(`${OUTCOME_VI.rejected}: 1/4 hộ tán thành`);
  });

  it('refuses an official’s session, and another commune’s consultation', async () => {
    const asOfficial = await request(`/monitors/c/${id}`, { who: official });
    expect(asOfficial.status).toBe(403);
    expect(asOfficial.text).not.toContain('voting_opened');
    expect((await request('/monitors/', { who: official })).status).toBe(403);
    const other = await request(`/monitors/c/${otherId}`);
    expect(other.status).toBe(403);
    expect(other.text).toContain('Bạn không có quyền thực hiện thao tác này.');
    expect((await request(`/monitors/c/${draftId}`)).status).toBe(200);
    expect((await request('/monitors/c/not-an-id')).status).toBe(404);
  });

  it('accepts an attestation from the page’s own origin, and refuses another origin and a bad JWS', async () => {
    const manifest = sha256Hex(new Uint8Array(readFileSync(join(s.dataDir, 'site', 'c', id, 'result.json'))));
    const good = await attestation(id, manifest);
    const foreign = await attest(good.jws, 'https://evil.example');
    expect(foreign.status).toBe(403);
    const bad = await attest('not.a.jws');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('invalid_attestation');
    // An attestation that names another manifest, or another consultation, is refused and nothing is published.
    const other = await attestation(id, 'f'.repeat(64));
    const wrong = await attest(other.jws);
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).error.code).toBe('invalid_attestation');
    expect(JSON.parse(wrong.text).error.message).toBe('it names another manifest');
    expect(existsSync(join(s.dataDir, 'site', 'c', id, 'attestations', `${other.kid}.jws`))).toBe(false);
    const elsewhere = await attestation(otherId, manifest);
    const misnamed = await attest(elsewhere.jws);
    expect(misnamed.status).toBe(400);
    expect(JSON.parse(misnamed.text).error.message).toBe(`it names consultation ${otherId}`);
    expect(existsSync(join(s.dataDir, 'site', 'c', id, 'attestations', `${elsewhere.kid}.jws`))).toBe(false);
    expect((await s.core.store.getAudit(id)).filter((e) => e.action === 'attestation_accepted')).toEqual([]);
    const asOfficial = await request(`/monitors/c/${id}/attest`, {
      method: 'POST',
      body: good.jws,
      who: official,
      headers: { origin: ORIGIN, 'content-type': 'application/jose' },
    });
    expect(asOfficial.status).toBe(403);
    const r = await attest(good.jws);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).kid).toBe(good.kid);
    expect(readFileSync(join(s.dataDir, 'site', 'c', id, 'attestations', `${good.kid}.jws`), 'utf8')).toBe(good.jws);
    const page = await request(`/monitors/c/${id}`);
    expect(page.text).toContain('data-action="attestation_accepted"');
    // The monitors' page and the public result page name the monitor and the organisation beside the fingerprint.
    expect(page.text).toContain(`<li data-kid="${good.kid}"><strong>Trần Văn Giám</strong> — Ban Thanh tra nhân dân xã, 15:00 23/11/2026.`);
    expect(page.text).not.toContain('Chưa có ai ký xác nhận.');
    const publicPage = readFileSync(join(s.dataDir, 'site', 'c', id, 'index.html'), 'utf8');
    const listed = publicPage.slice(publicPage.indexOf(`data-kid="${good.kid}"`));
    expect(listed).toMatch(/^data-kid="[^"]+"><strong>Trần Văn Giám<\/strong>/);
    expect(listed).toContain('Ban Thanh tra nhân dân xã');
    expect(listed.slice(0, listed.indexOf('</li>'))).toContain(`attestations/${good.kid}.jws`);
    expect(publicPage).not.toContain('Chưa có chữ ký xác nhận nào.');
  });
});
