/** What monitors read and sign in api.md: the live audit log, and countersignatures of a published result. */
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { acceptAttestation } from '../../core/attestations.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { liveAudit } from '../../core/read-model.ts';
import * as S from '../api-schemas.ts';
import { type ApiContext, defineRoute, idParam, JSON_LIMIT, jsonBody, resource } from './route.ts';

/** The attestation's compact JWS: the body itself (application/jose), or `{"jws"}` as JSON. */
async function compactJws(c: ApiContext): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/(jose|jws)\b/i.test(type) || /^text\/plain\b/i.test(type)) return c.req.text();
  if (/^application\/json\b/i.test(type)) return (await jsonBody(c, z.strictObject({ jws: z.string().max(JSON_LIMIT) }))).jws;
  throw new DomainError('unsupported_media_type', 'send the JWS as application/jose, or {"jws": "..."} as JSON');
}

export function monitoringApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/audit',
        summary: 'The live audit log',
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: S.AuditResponse },
      },
      async ({ params, who }, c) => c.json((await liveAudit(core, who, params.id)).log, 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/attestations',
        summary: 'Countersign a published result (body: the attestation JWS)',
        auth: 'monitor',
        params: { id: idParam },
        jws: true,
        responses: { 201: S.AttestationResponse },
      },
      async ({ params, who }, c) => c.json(await acceptAttestation(core, who, params.id, await compactJws(c)), 201),
    ),
  ]);
}

/** Local mode only: signing in with a demo account, for API clients. */
export function localLoginApi(login: NonNullable<import('../app.ts').AppDeps['login']>) {
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/auth/login',
        summary: 'Local sign-in with a demo account (local mode only)',
        body: S.LoginBody,
        responses: { 200: S.LoginResponse },
        tag: 'local',
      },
      async ({ body }, c) => {
        const r = await login(body.username, body.password);
        if (!r) throw new DomainError('unauthorized', 'wrong username or password');
        return c.json(r, 200);
      },
    ),
  ]);
}
