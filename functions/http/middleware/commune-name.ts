/**
 * The display name of the signed-in person's commune ("Xã An Bình"), read once per request after the session and kept
 * on the request's principal, so that every page's header names the commune without each route reading it.
 */
import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../../core/ports.ts';

/** A principal as the staff pages keep it: with its commune's display name once UBND xã has set one. */
export type NamedPrincipal = Principal & { communeName?: string | undefined };

/** @example app.use('/officials/*', withCommuneName('official', (commune) => communeName(deps.core, commune))) */
export function withCommuneName<K extends string>(
  variable: K,
  read: (commune: string) => Promise<string | undefined>,
): MiddlewareHandler<{ Variables: Record<K, Principal> }> {
  return async (c, next) => {
    // Unset on the pages anyone may reach (signing in): nothing to name.
    const who = c.get(variable) as Principal | undefined;
    if (who) {
      const name = await read(who.commune);
      if (name !== undefined) {
        const named: NamedPrincipal = { ...who, communeName: name };
        c.set(variable, named as Record<K, Principal>[K]);
      }
    }
    await next();
  };
}
