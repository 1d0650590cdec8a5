/**
 * The minutes routes of the API (../core/minutes.ts): drafting the minutes of a published result, and accepting an
 * officer's signature of them. A sub-app of the API: each route's spec parses its request and documents it.
 */
import type { CoreDeps } from '../../core/deps.ts';
import { defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { draftResultMinutes, MinutesBody, signResultMinutes } from '../../core/minutes.ts';

const DraftResponse = z.object({ sha256: z.string(), url: z.string(), minutes: z.record(z.string(), z.unknown()) });
const SignatureBody = z.strictObject({ jws: z.string().min(1).max(16_384) });
const SignatureResponse = z.object({
  role: z.enum(['chair', 'secretary', 'front']),
  kid: z.string(),
  signed: z.array(z.string()),
  missing: z.array(z.string()),
});

export function minutesApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/minutes',
        summary: 'Draft the minutes (biên bản, Decree 59/2023 form 03) of a published result and publish them beside it; again until the first signature',
        auth: 'official',
        body: MinutesBody,
        params: { id: idParam },
        responses: { 201: DraftResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await draftResultMinutes(core, who, params.id, body), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/minutes/signatures',
        summary:
          "An officer's signature of the minutes ({\"jws\"}: ES256, typ minutes+jws, the signer's key in the header); the chair's and secretary's sent by an official, the Front representative's by a monitor",
        auth: 'monitor',
        body: SignatureBody,
        params: { id: idParam },
        responses: { 201: SignatureResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await signResultMinutes(core, who, params.id, body.jws), 201);
      },
    ),
  ]);
}
