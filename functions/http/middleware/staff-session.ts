/**
 * The session of a staff site (the officials' or the monitors' pages): the session cookie's token verified on every
 * request by the API's own verifier, so a page accepts exactly the tokens the API accepts. Without a valid session
 * the browser goes to the sign-in page (an expired cookie is cleared); a principal of the other role is refused.
 * Open paths (sign-in, the bare path, the script) pass without one.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Principal, TokenVerifier } from '../../core/ports.ts';
import { endSession, sessionToken } from '../session.ts';

export interface StaffSessionOptions<K extends string> {
  role: Principal['role'];
  /** `/officials` or `/monitors`: the cookie's path and the sign-in page's base. */
  base: string;
  /** The request variable the principal is set as. */
  variable: K;
  openPaths: ReadonlySet<string>;
  verifyToken: TokenVerifier;
  /** The answer to a principal of another role. */
  wrongRole: (c: Context, who: Principal) => Response | Promise<Response>;
}

/** @example app.use('/monitors/*', staffSession({ role: 'monitor', base: '/monitors', variable: 'monitor', ... })) */
export function staffSession<K extends string>(options: StaffSessionOptions<K>): MiddlewareHandler<{ Variables: Record<K, Principal> }> {
  return async (c, next) => {
    if (options.openPaths.has(c.req.path)) return next();
    const token = sessionToken(c);
    const who = token ? await options.verifyToken(token) : undefined;
    if (!who) {
      if (token) endSession(c, options.base);
      return c.redirect(`${options.base}/login`, 303);
    }
    if (who.role !== options.role) return options.wrongRole(c, who);
    c.set(options.variable, who as Record<K, Principal>[K]);
    await next();
  };
}
