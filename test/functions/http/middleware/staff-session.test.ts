import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../functions/core/ports.ts';
import type { OpenSession } from '../../../../functions/core/sessions.ts';
import { staffSession } from '../../../../functions/http/middleware/staff-session.ts';
import { SESSION_COOKIE, sessionIdToken } from '../../../../functions/http/session.ts';

const TOKENS: Record<string, Principal> = {
  official: { sub: 'o', role: 'official', commune: 'xa-a' },
  monitor: { sub: 'm', role: 'monitor', commune: 'xa-a' },
};
/** Sessions kept on the server, by id. */
const SESSIONS: Record<string, OpenSession> = {
  'session-of-m': { principal: { sub: 'm2', role: 'monitor', commune: 'xa-a' }, idToken: 'token-of-m2' },
  'session-of-o': { principal: { sub: 'o', role: 'official', commune: 'xa-a' }, idToken: 'official' },
};

function app(tokenCookies = true) {
  const a = new Hono<{ Variables: { monitor: Principal } }>();
  a.use(
    '/monitors/*',
    staffSession({
      role: 'monitor',
      base: '/monitors',
      variable: 'monitor',
      openPaths: new Set(['/monitors/login']),
      findSession: async (id) => SESSIONS[id],
      verifyToken: async (t) => TOKENS[t],
      tokenCookies,
      wrongRole: (c) => c.text('other role', 403),
    }),
  );
  a.get('/monitors/login', (c) => c.text('sign in'));
  a.get('/monitors/', (c) => c.text(`hello ${c.get('monitor').sub} ${sessionIdToken(c)}`));
  return a;
}

const withSession = (token: string) => ({ headers: { cookie: `${SESSION_COOKIE}=${token}` } });

describe('the staff session middleware', () => {
  it('sets the principal and the id token of an open session kept on the server', async () => {
    expect(await (await app(false).request('/monitors/', withSession('session-of-m'))).text()).toBe('hello m2 token-of-m2');
  });

  it('in local mode also takes a cookie holding a valid token of its role', async () => {
    expect(await (await app().request('/monitors/', withSession('monitor'))).text()).toBe('hello m monitor');
  });

  it('without token cookies (as on AWS) a cookie holding a token itself opens nothing', async () => {
    const res = await app(false).request('/monitors/', withSession('monitor'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/monitors/login');
  });

  it('sends a request without a session to the sign-in page', async () => {
    const res = await app().request('/monitors/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/monitors/login');
  });

  it('clears an unknown, ended or expired session cookie on the way to the sign-in page', async () => {
    const res = await app().request('/monitors/', withSession('expired'));
    expect(res.headers.get('location')).toBe('/monitors/login');
    expect(res.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=;`);
    expect(res.headers.get('set-cookie')).toContain('Path=/monitors');
  });

  it('refuses a session of the other role', async () => {
    const res = await app().request('/monitors/', withSession('official'));
    expect([res.status, await res.text()]).toEqual([403, 'other role']);
    const kept = await app(false).request('/monitors/', withSession('session-of-o'));
    expect([kept.status, await kept.text()]).toEqual([403, 'other role']);
  });

  it('lets the open paths through without a session', async () => {
    expect(await (await app().request('/monitors/login')).text()).toBe('sign in');
  });
});
