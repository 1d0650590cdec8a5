/**
 * The monitors' session: the officials' session (../officials/session.ts: the verified JWT in an HttpOnly,
 * SameSite=Strict cookie, 8 hours at most), sent only to `/monitors`. The officials' helpers fix the cookie's path
 * to `/officials`, so these set and clear the same cookie on this path; reading it is the same.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { isLoopbackHttp, SESSION_COOKIE } from '../officials/session.ts';

export { fromOwnOrigin, sessionSeconds, sessionToken } from '../officials/session.ts';

export const MONITOR_PATH = '/monitors';

const cookieOptions = (c: Context) => ({ path: MONITOR_PATH, httpOnly: true, sameSite: 'Strict' as const, secure: !isLoopbackHttp(c.req.url) });

export function startMonitorSession(c: Context, token: string, seconds: number): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: seconds });
}

export function endMonitorSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}
