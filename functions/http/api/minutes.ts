/**
 * The decision record's routes of the API (../core/minutes.ts, ../core/record-scans.ts): drafting the decision record
 * and the counting record of a published result, accepting an officer's key signature of the decision record, and
 * publishing a scan of the paper copy signed by hand. A sub-app of the API: each route's spec parses its request and
 * documents it.
 */
import * as z from 'zod';
import { DOCUMENT_MAX_BYTES, DocumentMediaType } from '../../../shared/schemas.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { CountingBody, draftCountingRecord, draftRecord, RecordBody, signRecord } from '../../core/minutes.ts';
import { addRecordScan, ScannedDocument } from '../../core/record-scans.ts';
import { defineRoute, idParam, resource } from './route.ts';

const DraftResponse = z.object({ sha256: z.string(), url: z.string(), record: z.record(z.string(), z.unknown()) });
const SignatureBody = z.strictObject({ jws: z.string().min(1).max(16_384) });
const SignatureResponse = z.object({
  role: z.enum(['village_head', 'front_head']),
  kid: z.string(),
  signed: z.array(z.string()),
  missing: z.array(z.string()),
});
const ScanQuery = z.strictObject({ document: ScannedDocument.default('decision') });
const ScanResponse = z.object({ document: ScannedDocument, sha256: z.string(), file: z.string(), url: z.string(), at: z.string() });
const byId = { id: idParam };

export function minutesApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/record/decision',
        summary:
          'Draft the decision record (Law 10/2022 Art. 20, Decree 59/2023 form 03) of a published result and publish it under record/; again until the first key signature',
        auth: 'official',
        body: RecordBody,
        params: byId,
        responses: { 201: DraftResponse },
      },
      async ({ params, body, who }, c) => c.json(await draftRecord(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/record/counting',
        summary: 'Draft the counting record (Decree 59/2023 form 02 for a meeting, 04 for a household ballot) and publish it under record/',
        auth: 'official',
        body: CountingBody,
        params: byId,
        responses: { 201: DraftResponse },
      },
      async ({ params, body, who }, c) => c.json(await draftCountingRecord(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/record/signatures',
        summary:
          "An officer's key signature of decision.json ({\"jws\"}: ES256, typ record+jws, the signer's key in the header); the village head's sent by an official, the Front head's by a monitor",
        auth: 'monitor',
        body: SignatureBody,
        params: byId,
        responses: { 201: SignatureResponse },
      },
      async ({ params, body, who }, c) => c.json(await signRecord(core, who, params.id, body.jws), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/record/scans',
        summary:
          'Publish a scan of the paper record signed by hand: the raw file (PDF, PNG or JPEG, at most 4 MiB) as the body, which record in the query; its hash is audit-logged',
        auth: 'official',
        params: byId,
        query: ScanQuery,
        binary: DocumentMediaType.options,
        bodyLimit: DOCUMENT_MAX_BYTES,
        responses: { 201: ScanResponse },
      },
      async ({ params, who, query }, c) => {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await addRecordScan(core, who, params.id, { document: query.document, mediaType: c.req.header('content-type'), bytes }), 201);
      },
    ),
  ]);
}
