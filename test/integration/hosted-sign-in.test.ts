/**
 * Signing in through the user pool's own pages (the AWS mode of functions/http/sign-in.tsx), against a stand-in for
 * the user pool's authorization server that checks what Cognito checks: the client, the redirect URI, a code used
 * once, and the PKCE verifier against the challenge (RFC 7636 S256). The tokens are real, signed by the local issuer
 * and verified by the pages' own verifier.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { monitorPages } from '../../functions/http/monitors/index.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { codeChallenge, FLOW_COOKIE, type HostedSignIn } from '../../functions/http/sign-in.tsx';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const DOMAIN = 'https://danban-test.auth.ap-southeast-1.amazoncognito.com';
const CLIENT = 'test-client-id';
const SITE = 'http://127.0.0.1:9';

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  token: string;
}

/** The user pool's authorization server, as far as these pages meet it. */
class FakeUserPool {
  readonly grants = new Map<string, Grant>();
  readonly tokenRequests: URLSearchParams[] = [];
  failWith: number | undefined;

  /** The user signs in on the pool's page: a code for the authorize request, redeemable for `token`. */
  authorize(location: string, token: string): { code: string; state: string; redirectUri: string } {
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${DOMAIN}/oauth2/authorize`);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')?.split(' ')).toContain('openid');
    const code = randomBytes(16).toString('hex');
    this.grants.set(code, { clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, challenge: q.get('code_challenge')!, token });
    return { code, state: q.get('state')!, redirectUri: q.get('redirect_uri')! };
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    expect(url).toBe(`${DOMAIN}/oauth2/token`);
    expect(init?.method).toBe('POST');
    const body = new URLSearchParams(String(init?.body));
    this.tokenRequests.push(body);
    if (this.failWith) return new Response('{}', { status: this.failWith });
    const grant = this.grants.get(body.get('code') ?? '');
    this.grants.delete(body.get('code') ?? '');
    const verifier = body.get('code_verifier') ?? '';
    const ok =
      grant !== undefined &&
      body.get('grant_type') === 'authorization_code' &&
      body.get('client_id') === grant.clientId &&
      body.get('redirect_uri') === grant.redirectUri &&
      createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
    if (!ok) return Response.json({ error: 'invalid_grant' }, { status: 400 });
    return Response.json({ id_token: grant.token, access_token: 'not-used', token_type: 'Bearer', expires_in: 3600 });
  };
}

describe('signing in through the user pool’s pages (authorization code with PKCE)', () => {
  let s: Sys;
  let pool: FakeUserPool;
  let app: Hono;

  const cookieOf = (res: Response, name: string): string | undefined => {
    for (const line of res.headers.getSetCookie()) {
      const m = new RegExp(`^${name}=([^;]*)`).exec(line);
      if (m) return m[1];
    }
    return undefined;
  };

  /** Start, sign in at the pool as `token`'s holder, and come back: the callback's response. */
  async function signIn(
    base: string,
    token: string,
    tamper?: (p: { code: string; state: string; cookie: string }) => { code: string; state: string; cookie: string },
  ) {
    const start = await app.request(`${base}/login/start`);
    expect(start.status).toBe(303);
    const cookie = cookieOf(start, FLOW_COOKIE)!;
    const granted = pool.authorize(start.headers.get('location')!, token);
    const sent = tamper ? tamper({ ...granted, cookie }) : { ...granted, cookie };
    const callback = new URL(granted.redirectUri);
    callback.search = new URLSearchParams({ code: sent.code, state: sent.state }).toString();
    return app.request(callback.pathname + callback.search, { headers: { cookie: `${FLOW_COOKIE}=${sent.cookie}` } });
  }

  beforeAll(async () => {
    s = await testSystem('hosted-sign-in');
    pool = new FakeUserPool();
    const hosted: HostedSignIn = { domain: DOMAIN, clientId: CLIENT, fetch: pool.fetch };
    const verifyToken = tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER });
    app = new Hono();
    app.route('/', officialPages({ core: s.core, verifyToken, hosted }));
    app.route('/', monitorPages({ core: s.core, verifyToken, hosted }));
  });
  afterAll(() => s.cleanup());

  it('shows a sign-in link to the user pool, and no password field', async () => {
    for (const base of ['/officials', '/monitors']) {
      const res = await app.request(`${base}/login`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain(`href="${base}/login/start"`);
      expect(html).not.toContain('type="password"');
      // There is no password sign-in on this server in this mode.
      const post = await app.request(`${base}/login`, {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=official&password=pw-official',
      });
      expect(post.status).toBe(404);
      expect(post.headers.getSetCookie().join()).not.toContain('danban_session=ey');
    }
  });

  it('sends the browser to the user pool with a fresh state and an S256 challenge of the verifier it keeps', async () => {
    const a = await app.request('/officials/login/start');
    const b = await app.request('/officials/login/start');
    const [stateA, verifierA] = cookieOf(a, FLOW_COOKIE)!.split('.');
    const [stateB] = cookieOf(b, FLOW_COOKIE)!.split('.');
    expect(stateA).not.toBe(stateB);
    const q = new URL(a.headers.get('location')!).searchParams;
    expect(q.get('client_id')).toBe(CLIENT);
    expect(q.get('redirect_uri')).toBe(`${SITE}/officials/login/callback`);
    expect(q.get('state')).toBe(stateA);
    expect(q.get('code_challenge')).toBe(await codeChallenge(verifierA!));
    expect(q.get('code_challenge_method')).toBe('S256');
    const flow = a.headers.getSetCookie().find((l) => l.startsWith(`${FLOW_COOKIE}=`))!;
    expect(flow).toMatch(/HttpOnly/i);
    expect(flow).toMatch(/SameSite=Lax/i);
    expect(flow).toMatch(/Path=\/officials\/login/);
    expect(flow).toMatch(/Max-Age=600/);
  });

  it('signs an official in: a session kept on the server, its random id the SameSite=Strict cookie, and the dashboard opens with it', async () => {
    const token = await s.token('official');
    const res = await signIn('/officials', token);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/officials/"');
    const session = cookieOf(res, 'danban_session');
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(session).not.toBe(token);
    const line = res.headers.getSetCookie().find((l) => l.startsWith('danban_session='))!;
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\/officials/);
    expect(res.headers.getSetCookie().some((l) => l.startsWith(`${FLOW_COOKIE}=;`) && /Max-Age=0/.test(l))).toBe(true);
    const dashboard = await app.request('/officials/', { headers: { cookie: `danban_session=${session}` } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Đăng xuất');
    // The exchange sent the verifier and the same redirect URI, and no secret.
    const sent = pool.tokenRequests.at(-1)!;
    expect(sent.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    expect(sent.get('client_secret')).toBeNull();
  });

  it('signs a monitor in on the monitors’ pages, and refuses a monitor on the officials’ pages', async () => {
    const monitor = await s.token('monitor');
    const ok = await signIn('/monitors', monitor);
    expect(ok.status).toBe(200);
    expect(cookieOf(ok, 'danban_session')).toMatch(/^[\w-]{43}$/);
    // With the user pool's sign-in (AWS) a cookie holding the token itself opens nothing.
    const tokenCookie = await app.request('/monitors/', { headers: { cookie: `danban_session=${monitor}` } });
    expect(tokenCookie.status).toBe(303);
    const refused = await signIn('/officials', monitor);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('không phải tài khoản cán bộ');
    expect(cookieOf(refused, 'danban_session')).toBeUndefined();
  });

  it('refuses a callback whose state is not this browser’s, whose code was already used, or whose verifier is wrong', async () => {
    const token = await s.token('official');
    const forged = await signIn('/officials', token, (p) => ({ ...p, state: 'A'.repeat(32) }));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('đã hết hạn hoặc không hợp lệ');
    expect(cookieOf(forged, 'danban_session')).toBeUndefined();

    const noCookie = await signIn('/officials', token, (p) => ({ ...p, cookie: '' }));
    expect(noCookie.status).toBe(400);

    const wrongVerifier = await signIn('/officials', token, (p) => {
      const [state] = p.cookie.split('.');
      return { ...p, cookie: `${state}.${randomBytes(32).toString('base64url')}` };
    });
    expect(wrongVerifier.status).toBe(400);
    expect(cookieOf(wrongVerifier, 'danban_session')).toBeUndefined();

    // A code replayed: the pool answers invalid_grant the second time.
    let replay: { code: string; state: string; cookie: string } | undefined;
    const first = await signIn('/officials', token, (p) => (replay = p));
    expect(first.status).toBe(200);
    const again = await app.request(`/officials/login/callback?code=${replay!.code}&state=${replay!.state}`, {
      headers: { cookie: `${FLOW_COOKIE}=${replay!.cookie}` },
    });
    expect(again.status).toBe(400);
    expect(cookieOf(again, 'danban_session')).toBeUndefined();
  });

  it('says so when the user cancels on the pool’s page, when the pool is down, and when the token is not valid', async () => {
    const cancelled = await app.request('/officials/login/callback?error=access_denied&state=x');
    expect(cancelled.status).toBe(401);
    expect(await cancelled.text()).toContain('đã dừng lại hoặc bị hủy');

    pool.failWith = 503;
    const down = await signIn('/officials', await s.token('official'));
    pool.failWith = undefined;
    expect(down.status).toBe(502);
    expect(await down.text()).toContain('Không liên lạc được với dịch vụ đăng nhập');

    const forgedToken = (await s.token('official')).replace(/\.[^.]+$/, '.AAAA');
    const bad = await signIn('/officials', forgedToken);
    expect(bad.status).toBe(401);
    expect(cookieOf(bad, 'danban_session')).toBeUndefined();
  });

  it('signs out of the pages and then of the user pool, and the old cookie opens nothing afterwards', async () => {
    const session = cookieOf(await signIn('/officials', await s.token('official')), 'danban_session')!;
    expect((await app.request('/officials/', { headers: { cookie: `danban_session=${session}` } })).status).toBe(200);
    const res = await app.request('/officials/logout', { method: 'POST', headers: { origin: SITE, cookie: `danban_session=${session}` } });
    expect((await app.request('/officials/', { headers: { cookie: `danban_session=${session}` } })).status).toBe(303);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((l) => l.startsWith('danban_session='))).toMatch(/Max-Age=0/);
    const html = await res.text();
    const next = /content="0; url=([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const url = new URL(next);
    expect(url.origin + url.pathname).toBe(`${DOMAIN}/logout`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT);
    expect(url.searchParams.get('logout_uri')).toBe(`${SITE}/officials/login`);
  });
});
