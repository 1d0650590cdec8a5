/**
 * The session of the officials' and the monitors' pages, and the guard on their posts.
 *
 * Session: the JWT itself (local issuer, or Cognito's id token) in a cookie the pages' script cannot read
 * (HttpOnly; there is no script anyway), sent only to `/officials` and only from this site (SameSite=Strict),
 * only over HTTPS except plain http on this machine, for 8 hours at most and never past the token's own expiry.
 * Every request verifies it with the API's TokenVerifier, so a page and the API accept exactly the same tokens.
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

export const SESSION_COOKIE = 'danban_session';
export const SESSION_PATH = '/officials';
export const MAX_SESSION_SECONDS = 8 * 3600;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `url` is plain http on this machine (local mode), the one place a cookie may go without Secure. */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
}

/**
 * How long the session may last: to the token's expiry, 8 hours at most (the token was verified before this).
 * @example sessionSeconds(tokenExpiringIn(3600), now) // 3600
 */
export function sessionSeconds(token: string, now: Date): number {
  let exp: number | undefined;
  try {
    exp = decodeJwt(token).exp;
  } catch {
    exp = undefined;
  }
  const left = exp === undefined ? MAX_SESSION_SECONDS : Math.floor(exp - now.getTime() / 1000);
  return Math.max(0, Math.min(MAX_SESSION_SECONDS, left));
}

const cookieOptions = (c: Context, path: string) => ({ path, httpOnly: true, sameSite: 'Strict' as const, secure: !isLoopbackHttp(c.req.url) });

/** Starts the session of the pages under `path` (`/officials` or `/monitors`): the cookie goes only there. */
export function startSession(c: Context, token: string, seconds: number, path: string = SESSION_PATH): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c, path), maxAge: seconds });
}

export function endSession(c: Context, path: string = SESSION_PATH): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c, path));
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
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
