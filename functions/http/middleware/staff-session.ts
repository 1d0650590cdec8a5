/**
 * The session of a staff site (the officials', the monitors' or the commune's pages): the cookie's session id looked
 * up on every request (functions/core/sessions.ts), so a session ended by signing out, or past its end, opens nothing.
 * Without an open session the browser goes to the sign-in page (a stale cookie is cleared); a principal of the other
 * role is refused. Open paths (sign-in, the bare path, the script) pass without one.
 *
 * Local mode only (`tokenCookies`, never on AWS): a cookie may also hold a local id token itself, verified on every
 * request by the API's own verifier; it gives nothing a `Bearer` header with the same token does not.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Principal, TokenVerifier } from '../../core/ports.ts';
import type { OpenSession } from '../../core/sessions.ts';
import { endSession, keepSessionToken, sessionCookie } from '../session.ts';

export interface StaffSessionOptions<K extends string> {
  role: Principal['role'];
  /** `/officials` or `/monitors`: the cookie's path and the sign-in page's base. */
  base: string;
  /** The request variable the principal is set as. */
  variable: K;
  openPaths: ReadonlySet<string>;
  /** The open session of a cookie's id (undefined: none, signed out or expired). */
  findSession: (id: string) => Promise<OpenSession | undefined>;
  verifyToken: TokenVerifier;
  /** Local mode: a cookie holding a valid id token is accepted too. */
  tokenCookies: boolean;
  /** The answer to a principal of another role. */
  wrongRole: (c: Context, who: Principal) => Response | Promise<Response>;
}

/** @example app.use('/monitors/*', staffSession({ role: 'monitor', base: '/monitors', variable: 'monitor', ... })) */
export function staffSession<K extends string>(options: StaffSessionOptions<K>): MiddlewareHandler<{ Variables: Record<K, Principal> }> {
  return async (c, next) => {
    if (options.openPaths.has(c.req.path)) return next();
    const value = sessionCookie(c);
    let open = value ? await options.findSession(value) : undefined;
    if (!open && value && options.tokenCookies) {
      const principal = await options.verifyToken(value);
      open = principal ? { principal, idToken: value } : undefined;
    }
    if (!open) {
      if (value) endSession(c, options.base);
      return c.redirect(`${options.base}/login`, 303);
    }
    const who = open.principal;
    if (who.role !== options.role) return options.wrongRole(c, who);
    c.set(options.variable, who as Record<K, Principal>[K]);
    keepSessionToken(c, open.idToken);
    await next();
  };
}
