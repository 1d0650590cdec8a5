/**
 * The session of the officials', the monitors' and the commune's pages, and the guard on their posts.
 *
 * Session: kept on the server (functions/core/sessions.ts). The cookie holds only a random session id, which the
 * pages' script cannot read (HttpOnly; there is no script anyway), sent only to the site's base path and only from
 * this site (SameSite=Strict), only over HTTPS except plain http on this machine, for 8 hours at most and never past
 * the id token's own expiry. Every request looks the session up; signing out deletes it, so a copy of the cookie
 * opens nothing afterwards. The id token was verified by the API's TokenVerifier before the session began, so a
 * page and the API accept exactly the same people.
 *
 * Posts (CSRF): SameSite=Strict already keeps the cookie off any request another site starts. Every POST must
 * also say it comes from this origin: `Origin` (sent by browsers with every form post), or, when a client
 * sends none, the origin of `Referer`. No token to keep in a form, nothing stored, and a browser that sends
 * neither is refused. The pages therefore use `Referrer-Policy: same-origin`: under the site's `no-referrer` a
 * browser sends `Origin: null` with form posts (Fetch, "append a request Origin header"), which this refuses.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import { DomainError } from '../../shared/errors.ts';
import { MAX_SESSION_SECONDS } from '../core/sessions.ts';

export const SESSION_COOKIE = 'danban_session';
export const SESSION_PATH = '/officials';
export { MAX_SESSION_SECONDS };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `url` is plain http on this machine (local mode), the one place a cookie may go without Secure. */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
}

/**
 * The expiry (`exp`, seconds since the epoch) of a token already verified; undefined if it has none.
 * @example tokenExpiry(token) // 1767225600
 */
export function tokenExpiry(token: string): number | undefined {
  try {
    return decodeJwt(token).exp;
  } catch {
    return undefined;
  }
}

const cookieOptions = (c: Context, path: string) => ({ path, httpOnly: true, sameSite: 'Strict' as const, secure: !isLoopbackHttp(c.req.url) });

/** Gives the browser the session's id, for the pages under `path` (`/officials`, `/monitors`, `/commune`) only. */
export function startSession(c: Context, sessionId: string, seconds: number, path: string = SESSION_PATH): void {
  setCookie(c, SESSION_COOKIE, sessionId, { ...cookieOptions(c, path), maxAge: seconds });
}

export function endSession(c: Context, path: string = SESSION_PATH): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c, path));
}

/** The session cookie's value (a session id, or in local mode possibly an id token), if any. */
export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

type TokenEnv = { Variables: { sessionIdToken: string } };

/** Keeps, for this request, the id token the signed-in person's session was started with (staff-session.ts). */
export function keepSessionToken(c: Context, idToken: string): void {
  (c as unknown as Context<TokenEnv>).set('sessionIdToken', idToken);
}

/** The signed-in person's id token (what the closer verifies for itself); 401 outside a session. */
export function sessionIdToken(c: Context): string {
  const token = (c as unknown as Context<TokenEnv>).get('sessionIdToken');
  if (!token) throw new DomainError('unauthorized', 'no session');
  return token;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a post comes from these pages: its `Origin` (else its `Referer`'s origin) is the request's own origin
 * or the site's (on AWS the function sees API Gateway's host, while the browser is on the site's domain).
 * @example fromOwnOrigin('http://127.0.0.1:3000/officials/login', 'http://127.0.0.1:3000', undefined, undefined) // true
 */
export function fromOwnOrigin(requestUrl: string, origin: string | undefined, referer: string | undefined, siteOrigin: string | undefined): boolean {
  const claimed = origin !== undefined ? (origin === 'null' ? undefined : origin) : originOf(referer);
  if (claimed === undefined) return false;
  return claimed === new URL(requestUrl).origin || (siteOrigin !== undefined && claimed === siteOrigin);
}
