/**
 * The headers of every resident page: the published site's security headers (the same CSP: no script but this
 * origin's, forms posted only here, nothing from another origin), and no caching unless a response says otherwise,
 * because these pages carry a household's code or receipt.
 */
import type { MiddlewareHandler } from 'hono';
import { SITE_HEADERS } from '../../../web/security-headers.ts';

/** The site's own security headers (web/security-headers.ts). */
export const PAGE_HEADERS = SITE_HEADERS;

export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};
