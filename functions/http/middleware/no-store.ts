/** Responses that no cache may keep: the API's answers carry codes, live counts and receipts' status. */
import type { MiddlewareHandler } from 'hono';

/**
 * Sets `Cache-Control: no-store` on every response, or only where the handler set none (`ifUnset`).
 * @example app.use('/api/*', noStore())
 */
export function noStore(options: { ifUnset?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!options.ifUnset || !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
