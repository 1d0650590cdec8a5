import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../../shared/matters.ts';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import type { Principal } from '../../../../functions/core/ports.ts';
import { PAGE_HEADERS } from '../../../../functions/http/middleware/page-headers.ts';
import { officialPages } from '../../../../functions/http/officials/index.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
// Only the clock, the legal profile, the log and the site's address may be used before the store; any other use
// fails the test. The one read of the store every signed-in page makes is its header's commune name (none set here);
// signing in and out also keep and end a session (and draw its random id).
const namesRead: string[] = [];
const sessions = new Map<string, unknown>();
const allowed: Partial<CoreDeps> = {
  clock: { now: () => NOW },
  ids: { random: (n: number) => crypto.getRandomValues(new Uint8Array(n)) } as CoreDeps['ids'],
  profile: DEFAULT_PROFILE,
  log: () => undefined,
  publisher: { url: (key: string) => `https://danban.example/${key}`, put: async () => undefined, get: async () => undefined },
  store: new Proxy({} as CoreDeps['store'], {
    get: (_t, p) => {
      if (p === 'getCommuneProfile')
        return async (commune: string) => {
          namesRead.push(commune);
          return undefined;
        };
      if (p === 'putSession') return async (hash: string, session: unknown) => void sessions.set(hash, session);
      if (p === 'getSession') return async (hash: string) => sessions.get(hash);
      if (p === 'deleteSession') return async (hash: string) => void sessions.delete(hash);
      throw new Error(`core.store.${String(p)} used`);
    },
  }),
};
const core = new Proxy({} as CoreDeps, {
  get: (_t, p) => {
    if (p in allowed) return allowed[p as keyof CoreDeps];
    throw new Error(`core.${String(p)} used`);
  },
});

const PEOPLE: Record<string, Principal> = {
  'tok-official': { sub: 'o1', role: 'official', commune: 'xa-a' },
  'tok-monitor': { sub: 'm1', role: 'monitor', commune: 'xa-a' },
};
const verifyToken = async (token: string) => PEOPLE[token];
// A token that expires in one hour: header.payload.signature with exp in the payload (the verifier is faked).
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const HOUR_TOKEN = `${b64({ alg: 'none' })}.${b64({ exp: NOW.getTime() / 1000 + 3600 })}.x`;
PEOPLE[HOUR_TOKEN] = PEOPLE['tok-official']!;
PEOPLE['tok-monitor-login'] = PEOPLE['tok-monitor']!;

const login = async (u: string, p: string) =>
  u === 'official' && p === 'pw'
    ? { token: HOUR_TOKEN, role: 'official', commune: 'xa-a' }
    : u === 'monitor' && p === 'pw'
      ? { token: 'tok-monitor-login', role: 'monitor', commune: 'xa-a' }
      : undefined;

const app = new Hono().route('/', officialPages({ core, verifyToken, login }));
const noLogin = new Hono().route('/', officialPages({ core, verifyToken }));

const ORIGIN = 'http://localhost';
const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie: `danban_session=${cookie}` } : {} });
const post = (path: string, body: string, headers: Record<string, string> = {}, on = app) =>
  on.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers }, body });

describe('the officials’ pages before the store', () => {
  it('send a visitor without a session to the sign-in page', async () => {
    for (const path of ['/officials/', '/officials/c/new', '/officials/c/01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      const res = await get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/officials/login');
    }
    expect((await get('/officials')).headers.get('location')).toBe('/officials/');
  });

  it('drop a session whose token no longer verifies', async () => {
    const res = await get('/officials/', 'expired-or-forged');
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^danban_session=; Max-Age=0; Path=\/officials; HttpOnly; SameSite=Strict/);
  });

  it('sign an official in with an HttpOnly, SameSite=Strict cookie for /officials, never past the token', async () => {
    const res = await post('/officials/login', 'username=official&password=pw');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/officials/');
    const cookie = res.headers.get('set-cookie')!;
    // The cookie holds a random session id kept on the server, never the token.
    expect(cookie).toMatch(/danban_session=[\w-]{43};/);
    expect(cookie).not.toContain(HOUR_TOKEN);
    expect(cookie).toContain('Max-Age=3600');
    expect(cookie).toContain('Path=/officials');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // Plain http on this machine only: anywhere else the cookie is Secure.
    expect(cookie).not.toContain('Secure');
    const tls = await app.request('https://danban.example/officials/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://danban.example' },
      body: 'username=official&password=pw',
    });
    expect(tls.headers.get('set-cookie')).toContain('Secure');
  });

  it('refuse a wrong password (401) and a monitor’s account (403) without a cookie', async () => {
    const wrong = await post('/officials/login', 'username=official&password=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(html).toContain('value="official"');
    expect(html).not.toContain('nope');
    const monitor = await post('/officials/login', 'username=monitor&password=pw');
    expect(monitor.status).toBe(403);
    expect(monitor.headers.get('set-cookie')).toBeNull();
  });

  it('show a notice instead of a form where this server does not sign people in', async () => {
    const res = await noLogin.request('/officials/login');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('chưa được cấu hình để đăng nhập');
    expect(html).not.toContain('<form method="post" action="/officials/login"');
    expect((await post('/officials/login', 'username=official&password=pw', {}, noLogin)).status).toBe(404);
  });

  it('refuse a post from another origin, or one that says nothing of its origin, before anything else', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: '' }]) {
      const res = await app.request('/officials/c/new', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'danban_session=tok-official', ...headers },
        body: 'title=x',
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('không được gửi từ trang của hệ thống');
    }
    const bare = await app.request('/officials/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=official&password=pw',
    });
    expect(bare.status).toBe(403);
    expect(bare.headers.get('set-cookie')).toBeNull();
    const byReferer = await app.request('/officials/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://localhost/officials/login' },
      body: 'username=official&password=pw',
    });
    expect(byReferer.status).toBe(303);
  });

  it('give a monitor’s session 403', async () => {
    const res = await get('/officials/', 'tok-monitor');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('dành cho cán bộ xã');
  });

  it('sign out by clearing the cookie', async () => {
    const res = await post('/officials/logout', '', { cookie: 'danban_session=tok-official' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/officials/login');
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('answer an unknown page or an id that cannot exist with an HTML 404, and a non-form post with 415', async () => {
    for (const path of ['/officials/nowhere', '/officials/c/not-an-id', '/officials/c/not-an-id/roll']) {
      const res = await get(path, 'tok-official');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('Không tìm thấy');
      expect(html).not.toMatch(/DomainError|\.ts:\d+/);
      // No name is set: the header shows the commune's id, labelled as one.
      expect(html).toContain('Mã xã <span class="mono">xa-a</span>');
    }
    expect(namesRead).toContain('xa-a');
    const json = await app.request('/officials/c/new', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: 'danban_session=tok-official' },
      body: '{}',
    });
    expect(json.status).toBe(415);
  });

  it('send the site’s CSP and headers, no caching, and a referrer policy under which posts carry their Origin', async () => {
    for (const res of [
      await get('/officials/login'),
      await get('/officials/c/new', 'tok-official'),
      await get('/officials/nowhere', 'tok-official'),
      await get('/officials/', 'tok-monitor'),
    ]) {
      expect(res.headers.get('content-security-policy')).toBe(PAGE_HEADERS['Content-Security-Policy']);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      const html = await res.text();
      expect(html).not.toMatch(/<script/);
      expect(html).not.toContain('name="referrer"');
      expect(html).toContain('<html lang="vi">');
    }
  });
});
