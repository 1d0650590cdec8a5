/**
 * The posts of the staff pages' signing scripts (./signing-script.ts): a compact JWS sent as application/jose to a
 * page route, answered in JSON like the API (201 with the use case's answer, or `{error}` with the API's status for
 * the error and its Vietnamese message beside the English reason, which the script shows in that order).
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../shared/errors.ts';
import { MESSAGES, STATUS } from './messages.ts';

/** A signature is a few kilobytes; as the API's JSON limit. */
export const joseLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/**
 * Hands the posted JWS to `accept` and answers 201 with what it returns; a failure a client can cause is answered in
 * JSON, anything else goes to the app's error page.
 * @example app.post('/monitors/c/:id/attest', joseLimit, (c) => acceptJose(c, (jws) => acceptAttestation(core, who(c), consultationId(c), jws)))
 */
export async function acceptJose(c: Context, accept: (compact: string) => Promise<unknown>): Promise<Response> {
  try {
    if (!/^application\/jose\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the JWS as application/jose');
    return c.json(await accept(await c.req.text()), 201);
  } catch (err) {
    if (!(err instanceof DomainError) || STATUS[err.code] >= 500) throw err;
    return c.json({ error: { code: err.code, message: err.message, vi: MESSAGES[err.code].vi } }, STATUS[err.code] as ContentfulStatusCode);
  }
}
