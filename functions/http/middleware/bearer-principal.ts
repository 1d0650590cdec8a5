/**
 * The API's principal: a `Bearer` token verified by the token verifier, set as `principal` (undefined without a
 * token). A token that is sent but malformed, expired or not valid here is refused at once (401), never ignored.
 */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { Principal, TokenVerifier } from '../../core/ports.ts';

/** @example app.use('/api/*', bearerPrincipal(verifyToken)) */
export function bearerPrincipal(verifyToken: TokenVerifier): MiddlewareHandler<{ Variables: { principal: Principal | undefined } }> {
  return async (c, next) => {
    const auth = c.req.header('authorization');
    let principal: Principal | undefined;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      principal = m ? await verifyToken(m[1]!) : undefined;
      if (!principal) throw new DomainError('unauthorized', 'the token is missing, malformed, expired or not valid here');
    }
    c.set('principal', principal);
    await next();
  };
}
