/**
 * The API's principal: a `Bearer` token verified by the token verifier, set as `principal` (undefined without a
 * token). A token that is sent but malformed, expired or not valid here is refused at once (401), never ignored.
 * The verified token itself is kept for the request (`bearerToken`), for the one act that hands it on: the closer
 * verifies the official's token for itself.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { Principal, TokenVerifier } from '../../core/ports.ts';

type TokenEnv = { Variables: { bearerToken: string } };

/** @example app.use('/api/*', bearerPrincipal(verifyToken)) */
export function bearerPrincipal(verifyToken: TokenVerifier): MiddlewareHandler<{ Variables: { principal: Principal | undefined } }> {
  return async (c, next) => {
    const auth = c.req.header('authorization');
    let principal: Principal | undefined;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      principal = m ? await verifyToken(m[1]!) : undefined;
      if (!principal) throw new DomainError('unauthorized', 'the token is missing, malformed, expired or not valid here');
      (c as unknown as Context<TokenEnv>).set('bearerToken', m![1]!);
    }
    c.set('principal', principal);
    await next();
  };
}

/** The request's verified bearer token; 401 without one. */
export function bearerToken(c: Context): string {
  const token = (c as unknown as Context<TokenEnv>).get('bearerToken');
  if (!token) throw new DomainError('unauthorized', 'the token is missing');
  return token;
}
