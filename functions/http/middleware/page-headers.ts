/**
 * The headers of every server-rendered page: the published site's security headers (web/security-headers.ts: the
 * same CSP, no script but this origin's, forms posted only here), and no caching unless a response says otherwise,
 * because these pages carry a household's code, a receipt or an official's session. The staff pages also send
 * `Referrer-Policy: same-origin`: under the site's `no-referrer` a browser posts forms with `Origin: null`, which
 * the same-origin guard refuses.
 */
import type { MiddlewareHandler } from 'hono';
import { SITE_HEADERS } from '../../../web/security-headers.ts';

/** The site's own security headers. */
export const PAGE_HEADERS = SITE_HEADERS;

/** @example app.use('/officials/*', pageHeaders({ referrer: 'same-origin' })) */
export function pageHeaders(options: { referrer?: 'same-origin' } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    if (options.referrer) c.header('Referrer-Policy', options.referrer);
  };
}
