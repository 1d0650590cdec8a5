import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { monitorPages } from '../../functions/http/monitors/index.ts';
import { signScript } from '../../functions/http/sign-assets.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; headers: Headers; text: string };

const ORIGIN = 'http://localhost';

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
    expect(r.text).toContain('Cán bộ <span lang="en" class="en">Official</span> <span class="mono">official-a</span>');
    expect(r.text).toContain('<summary>chi tiết</summary>');
    expect(r.text).not.toContain('id="countersign"');
    expect(r.text).not.toContain('<script');
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
    expect(r.text).toContain('Countersigning needs JavaScript');
    const js = await request('/monitors/assets/sign.js', { who: '' });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    // The monitor's key stays where earlier versions kept it: database danban-monitor, key monitor.
    expect(js.text).toBe(await signScript('monitors'));
    expect(js.text).toContain('"danban-monitor"');
    expect(js.text).toContain('"monitor"');
  });

  it('refuses an official’s session, and another commune’s consultation', async () => {
    const asOfficial = await request(`/monitors/c/${id}`, { who: official });
    expect(asOfficial.status).toBe(403);
    expect(asOfficial.text).not.toContain('voting_opened');
    expect((await request('/monitors/', { who: official })).status).toBe(403);
    const other = await request(`/monitors/c/${otherId}`);
    expect(other.status).toBe(403);
    expect(other.text).toContain('another commune');
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
    const wrong = await attest((await attestation(id, 'f'.repeat(64))).jws);
    expect(wrong.status).toBe(400);
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
  });
});
