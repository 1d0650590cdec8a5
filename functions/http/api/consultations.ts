/** The consultations of api.md: the public list and one consultation, and the officials' drafting acts. */
import * as z from 'zod';
import { parseRollCsv } from '../../../shared/roll-csv.ts';
import { Consultation, DOCUMENT_MAX_BYTES, DocumentMediaType, Matter, Method, type Household, State } from '../../../shared/schemas.ts';
import { DomainError } from '../../../shared/errors.ts';
import { createConsultation, getConsultation, listConsultationPage, PAGE_LIMIT, updateConsultation, uploadRoll } from '../../core/consultations.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { attachDocument, removeDocument } from '../../core/documents.ts';
import { cancelConsultation, discloseConsultation } from '../../core/lifecycle.ts';
import type { Principal } from '../../core/ports.ts';
import type { ConsultationRecord, ConsultationSummary } from '../../core/store.ts';
import * as S from '../api-schemas.ts';
import { type ApiContext, cachePublicRead, defineRoute, idParam, jsonBody, resource } from './route.ts';

const ROLL_LIMIT = 5 * 1024 * 1024;

/**
 * The API's view of a consultation. Live turnout goes only to the commune's officials and monitors (domain.md); the
 * public sees it in the signed result.
 */
export function view(rec: ConsultationRecord, who?: Principal): z.infer<typeof S.ConsultationView> {
  const p = rec.participants;
  const insider = who !== undefined && who.commune === rec.consultation.commune;
  return {
    ...rec.consultation,
    state: rec.state,
    counts: insider ? { eligible: rec.rollCount, participants: p.online + p.paper + p.meeting, byChannel: p } : { eligible: rec.rollCount },
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    ...(rec.closedAt ? { closedAt: rec.closedAt } : {}),
    ...(rec.publishedAt ? { publishedAt: rec.publishedAt } : {}),
    ...(rec.resultUrl ? { result: rec.resultUrl } : {}),
  };
}

const byId = { id: idParam };

/** The public list's query: a page of one state (never drafts), of one commune, after a cursor. */
const PageQuery = S.ListQuery.extend({
  commune: Consultation.shape.commune.optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2048}$/, 'the `next` of the page before')
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'a whole number')
    .transform(Number)
    .pipe(z.int().min(1).max(PAGE_LIMIT.max))
    .optional()
    .describe(`at most ${PAGE_LIMIT.max}; ${PAGE_LIMIT.default} if left out`),
});

/** A consultation as the list shows it: no roll, questions or counts. */
const SummaryView = z.object({
  id: Consultation.shape.id,
  commune: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  matter: Matter,
  method: Method,
  scope: Consultation.shape.scope,
  state: State,
  opensAt: z.string(),
  closesAt: z.string(),
  result: z.string().optional(),
});
const SummaryPage = z.object({
  consultations: z.array(SummaryView),
  next: z.string().optional().describe('the `cursor` of the next page; absent on the last'),
});

/** The public list as api.md has it (the actual close is the staff lists' and the signed result's). */
function summaryView({ resultUrl, closedAt: _closedAt, ...s }: ConsultationSummary): z.infer<typeof SummaryView> {
  return { ...s, ...(resultUrl ? { result: resultUrl } : {}) };
}

/** A state change's route: the use case, then the consultation as the official sees it. */
function stateRoute(core: CoreDeps, path: string, summary: string, act: typeof discloseConsultation) {
  return defineRoute({ method: 'post', path, summary, auth: 'official', params: byId, responses: { 200: S.StateResponse } }, async ({ params, who }, c) =>
    c.json(view(await act(core, who, params.id), who), 200),
  );
}

/** The roll as CSV (header id,hamlet,head,members,category[,frontage_m]) or JSON. */
async function rollOf(c: ApiContext): Promise<Household[]> {
  const type = c.req.header('content-type') ?? '';
  if (/^text\/csv\b/i.test(type)) {
    const parsed = parseRollCsv(await c.req.text());
    if (parsed.errors.length > 0)
      throw new DomainError(
        'invalid_request',
        `${parsed.errors.length} bad line(s) in the roll`,
        parsed.errors,
        `${parsed.errors.length} dòng sai trong danh sách hộ.`,
      );
    return parsed.households;
  }
  if (/^application\/json\b/i.test(type)) return (await jsonBody(c, S.RollBody)).households;
  throw new DomainError('unsupported_media_type', 'send text/csv or application/json');
}

export function consultationsApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations',
        summary: 'Public consultations (not drafts), newest first, a page at a time',
        query: PageQuery,
        responses: { 200: SummaryPage },
      },
      async ({ query }, c) => {
        // The public list: drafts, and drafts cancelled before disclosure, stay out whoever asks (api.md).
        const page = await listConsultationPage(core, undefined, query);
        return c.json({ consultations: page.items.map(summaryView), ...(page.cursor ? { next: page.cursor } : {}) }, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations',
        summary: 'Create a consultation (draft)',
        auth: 'official',
        body: S.ConsultationInput,
        responses: { 201: S.ConsultationView },
      },
      async ({ who, body }, c) => c.json(view(await createConsultation(core, who, body), who), 201),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}',
        summary: 'A consultation, its state and live counts',
        params: byId,
        responses: { 200: S.ConsultationView },
      },
      async ({ params, who }, c) => {
        const found = view(await getConsultation(core, who, params.id), who);
        cachePublicRead(c, who);
        return c.json(found, 200);
      },
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/consultations/{id}',
        summary: 'Edit a draft',
        auth: 'official',
        params: byId,
        body: S.ConsultationInput,
        responses: { 200: S.ConsultationView },
      },
      async ({ params, who, body }, c) => c.json(view(await updateConsultation(core, who, params.id, body), who), 200),
    ),
    stateRoute(core, '/api/consultations/{id}/disclose', 'Publish the disclosure (state disclosure)', discloseConsultation),
    stateRoute(core, '/api/consultations/{id}/cancel', 'Cancel a draft or disclosed consultation', cancelConsultation),
    defineRoute(
      {
        method: 'put',
        path: '/api/consultations/{id}/roll',
        summary: 'Upload the household roll (text/csv with header id,hamlet,head,members,category and optionally frontage_m, or JSON)',
        auth: 'official',
        params: byId,
        body: S.RollBody,
        csv: true,
        bodyLimit: ROLL_LIMIT,
        responses: { 200: S.RollResponse },
      },
      async ({ params, who }, c) => c.json(await uploadRoll(core, who, params.id, await rollOf(c)), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/documents',
        summary: 'Attach a document to a draft or disclosed consultation: the raw file (PDF, PNG or JPEG, at most 4 MiB) as the body, its title in the query',
        auth: 'official',
        params: byId,
        query: S.DocumentQuery,
        binary: DocumentMediaType.options,
        bodyLimit: DOCUMENT_MAX_BYTES,
        responses: { 201: S.DocumentResponse },
      },
      async ({ params, who, query }, c) => {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await attachDocument(core, who, params.id, { title: query.title, mediaType: c.req.header('content-type'), bytes }), 201);
      },
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/consultations/{id}/documents/{sha256}',
        summary: 'Remove an attached document before voting opens (the published file, named by its hash, stays)',
        auth: 'official',
        params: { id: idParam, sha256: S.DocumentParam },
        responses: { 200: S.DocumentResponse },
      },
      async ({ params, who }, c) => c.json(await removeDocument(core, who, params.id, params.sha256), 200),
    ),
  ]);
}
