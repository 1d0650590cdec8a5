/**
 * CSRF guard of the staff pages: every request but GET and HEAD must say it comes from this origin (session.ts
 * `fromOwnOrigin`: `Origin`, or the origin of `Referer` when a client sends none), else `refuse` answers it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { fromOwnOrigin } from '../session.ts';

/** @example app.use('/officials/*', sameOriginPosts(() => siteOrigin(), (c) => refusal(c))) */
export function sameOriginPosts(siteOrigin: () => string | undefined, refuse: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!safe && !fromOwnOrigin(c.req.url, c.req.header('origin'), c.req.header('referer'), siteOrigin())) return refuse(c);
    await next();
  };
}
