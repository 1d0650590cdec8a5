import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../functions/core/ports.ts';
import { staffSession } from '../../../../functions/http/middleware/staff-session.ts';
import { SESSION_COOKIE } from '../../../../functions/http/session.ts';

const TOKENS: Record<string, Principal> = {
  official: { sub: 'o', role: 'official', commune: 'xa-a' },
  monitor: { sub: 'm', role: 'monitor', commune: 'xa-a' },
};

function app() {
  const a = new Hono<{ Variables: { monitor: Principal } }>();
  a.use(
    '/monitors/*',
    staffSession({
      role: 'monitor',
      base: '/monitors',
      variable: 'monitor',
      openPaths: new Set(['/monitors/login']),
      verifyToken: async (t) => TOKENS[t],
      wrongRole: (c) => c.text('other role', 403),
    }),
  );
  a.get('/monitors/login', (c) => c.text('sign in'));
  a.get('/monitors/', (c) => c.text(`hello ${c.get('monitor').sub}`));
  return a;
}

const withSession = (token: string) => ({ headers: { cookie: `${SESSION_COOKIE}=${token}` } });

describe('the staff session middleware', () => {
  it('sets the principal of a valid session of its role', async () => {
    expect(await (await app().request('/monitors/', withSession('monitor'))).text()).toBe('hello m');
  });

  it('sends a request without a session to the sign-in page', async () => {
    const res = await app().request('/monitors/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/monitors/login');
  });

  it('clears an invalid session cookie on the way to the sign-in page', async () => {
    const res = await app().request('/monitors/', withSession('expired'));
    expect(res.headers.get('location')).toBe('/monitors/login');
    expect(res.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=;`);
    expect(res.headers.get('set-cookie')).toContain('Path=/monitors');
  });

  it('refuses a session of the other role', async () => {
    const res = await app().request('/monitors/', withSession('official'));
    expect([res.status, await res.text()]).toEqual([403, 'other role']);
  });

  it('lets the open paths through without a session', async () => {
    expect(await (await app().request('/monitors/login')).text()).toBe('sign in');
  });
});
