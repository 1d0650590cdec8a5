/**
 * The minutes routes of the API (../core/minutes.ts): drafting the minutes of a published result, and accepting an
 * officer's signature of them. createApp registers them with its own `route`, so they are in the OpenAPI document.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { draftResultMinutes, MinutesBody, signResultMinutes } from '../core/minutes.ts';
import type { RouteKit } from './discussion-routes.ts';

const DraftResponse = z.object({ sha256: z.string(), url: z.string(), minutes: z.record(z.string(), z.unknown()) });
const SignatureBody = z.strictObject({ jws: z.string().min(1).max(16_384) });
const SignatureResponse = z.object({
  role: z.enum(['chair', 'secretary', 'front']),
  kid: z.string(),
  signed: z.array(z.string()),
  missing: z.array(z.string()),
});

export function minutesRoutes<C extends Context>(kit: Omit<RouteKit<C>, 'clientIp'>): void {
  const { core, route, who, jsonBody, param, idParam } = kit;

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/minutes',
      summary: 'Draft the minutes (biên bản, Decree 59/2023 form 03) of a published result and publish them beside it; again until the first signature',
      auth: 'official',
      body: MinutesBody,
      responses: { 201: DraftResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const body = await jsonBody(c, MinutesBody);
      return c.json(await draftResultMinutes(core, who(c), id, body), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/minutes/signatures',
      summary:
        "An officer's signature of the minutes ({\"jws\"}: ES256, typ minutes+jws, the signer's key in the header); the chair's and secretary's sent by an official, the Front representative's by a monitor",
      auth: 'monitor',
      body: SignatureBody,
      responses: { 201: SignatureResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const body = await jsonBody(c, SignatureBody);
      return c.json(await signResultMinutes(core, who(c), id, body.jws), 201);
    },
  );
}
