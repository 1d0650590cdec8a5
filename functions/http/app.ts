/**
 * The Hono app of api.md. Thin: parse and validate at the edge, call a use case, shape the response. The same
 * table of routes registers the handlers and generates the OpenAPI document, so the two cannot drift.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import * as z from 'zod';
import { DomainError, type ErrorDetail } from '../../shared/errors.ts';
import { parseRollCsv } from '../../shared/roll-csv.ts';
import { acceptAttestation } from '../core/attestations.ts';
import { changeState, createConsultation, getConsultation, listConsultations, updateConsultation, uploadRoll } from '../core/consultations.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import { closeAndPublish, publishDisclosure, publishIndex } from '../core/publishing.ts';
import type { ConsultationRecord } from '../core/store.ts';
import { castOnline, enterPaperBallot, openVoting, receiptStatus, recordOnlineCondition, reissueCode, withdrawPaperBallot } from '../core/voting.ts';
import { OnlineCondition } from '../../shared/matters.ts';
import { attachDocument, removeDocument } from '../core/documents.ts';
import { DOCUMENT_MAX_BYTES, DocumentMediaType, type Household } from '../../shared/schemas.ts';
import { afterCommit, loadForMonitor, loadForOfficial } from '../core/access.ts';
import type { CloseRequester } from '../core/ports.ts';
import type { TokenVerifier } from '../core/ports.ts';
import * as S from './api-schemas.ts';
import { language, MESSAGES, STATUS } from './messages.ts';
import { openApiDocument, type RouteSpec } from './openapi.ts';
import { residentPages } from './pages/index.ts';
import { contributionRoutes } from './contributions-routes.ts';
import { discussionRoutes } from './discussion-routes.ts';
import { complaintsRoutes } from './complaints-routes.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { minutesRoutes } from './minutes-routes.ts';

export interface AppDeps {
  core: CoreDeps;
  verifyToken: TokenVerifier;
  /** The client's address as the platform reports it (rate limiting of wrong codes). */
  clientIp: (c: Context) => string;
  /** Who closes and publishes for an official (on AWS the closer Lambda); by default this process. */
  closeRequester?: CloseRequester;
  /** Local mode only: sign-in with the demo accounts. */
  login?: (username: string, password: string) => Promise<{ token: string; role: string; commune: string } | undefined>;
  /** Called with every unexpected error (logged without request bodies or tokens). */
  onError?: (err: unknown, requestId: string) => void;
}

const JSON_LIMIT = 64 * 1024;
const ROLL_LIMIT = 5 * 1024 * 1024;

type Env = { Variables: { principal: Principal | undefined; requestId: string } };

/** Deeply NFC-normalizes every string of a parsed JSON value (api.md: text normalized to NFC on input). */
function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  return value;
}

function issuesToDetails(error: z.ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)', message: i.message }));
}

async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new DomainError('unsupported_media_type', 'send application/json');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new DomainError('invalid_json');
  }
  const parsed = schema.safeParse(nfc(raw));
  if (!parsed.success) throw new DomainError('invalid_request', 'the body does not match the schema', issuesToDetails(parsed.error));
  return parsed.data;
}

function param<T>(c: Context, name: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(c.req.param(name));
  // An id that cannot exist is simply not found.
  if (!parsed.success) throw new DomainError('not_found', `no such ${name}`);
  return parsed.data;
}

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

const idParam = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export function createApp(deps: AppDeps) {
  const { core } = deps;
  const closer: CloseRequester = deps.closeRequester ?? { close: (official, id) => closeAndPublish(core, official, id, 'manual') };
  const app = new Hono<Env>();
  const routes: RouteSpec[] = [];
  // The residents' pages (server-rendered HTML, working without JavaScript) under /vote/.
  app.route('/', residentPages(core, deps.clientIp));

  app.use('*', requestId());
  app.use(
    '/api/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', async (c, next) => {
    const auth = c.req.header('authorization');
    let principal: Principal | undefined;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      principal = m ? await deps.verifyToken(m[1]!) : undefined;
      if (!principal) throw new DomainError('unauthorized', 'the token is missing, malformed, expired or not valid here');
    }
    c.set('principal', principal);
    await next();
  });

  const tooLarge = () => {
    throw new DomainError('payload_too_large');
  };

  type Handler = (c: Context<Env>) => Promise<Response>;
  const route = (spec: RouteSpec, handler: Handler) => {
    routes.push(spec);
    const honoPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    const limit = bodyLimit({ maxSize: spec.bodyLimit ?? JSON_LIMIT, onError: tooLarge });
    app.on(spec.method.toUpperCase(), honoPath, limit, handler);
  };
  const who = (c: Context<Env>) => c.get('principal');

  if (deps.login) {
    const login = deps.login;
    route(
      {
        method: 'post',
        path: '/api/auth/login',
        summary: 'Local sign-in with a demo account (local mode only)',
        body: S.LoginBody,
        responses: { 200: S.LoginResponse },
        tag: 'local',
      },
      async (c) => {
        const body = await jsonBody(c, S.LoginBody);
        const r = await login(body.username, body.password);
        if (!r) throw new DomainError('unauthorized', 'wrong username or password');
        return c.json(r, 200);
      },
    );
  }

  route(
    {
      method: 'get',
      path: '/api/consultations',
      summary: 'Public consultations (not drafts), newest first',
      query: S.ListQuery,
      responses: { 200: S.ConsultationList },
    },
    async (c) => {
      const q = S.ListQuery.safeParse({ state: c.req.query('state') });
      if (!q.success) throw new DomainError('invalid_request', 'unknown state', issuesToDetails(q.error, 'query'));
      const list = await listConsultations(core, q.data.state);
      return c.json({ consultations: list.map((r) => view(r)) }, 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations',
      summary: 'Create a consultation (draft)',
      auth: 'official',
      body: S.ConsultationInput,
      responses: { 201: S.ConsultationView },
    },
    async (c) => {
      const principal = who(c);
      if (!principal) throw new DomainError('unauthorized');
      const body = await jsonBody(c, S.ConsultationInput);
      return c.json(view(await createConsultation(core, principal, body), principal), 201);
    },
  );

  route(
    { method: 'get', path: '/api/consultations/{id}', summary: 'A consultation, its state and live counts', responses: { 200: S.ConsultationView } },
    async (c) => c.json(view(await getConsultation(core, who(c), param(c, 'id', idParam)), who(c)), 200),
  );

  route(
    {
      method: 'put',
      path: '/api/consultations/{id}',
      summary: 'Edit a draft',
      auth: 'official',
      body: S.ConsultationInput,
      responses: { 200: S.ConsultationView },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const principal = who(c);
      if (!principal) throw new DomainError('unauthorized');
      const body = await jsonBody(c, S.ConsultationInput);
      return c.json(view(await updateConsultation(core, principal, id, body), principal), 200);
    },
  );

  const stateRoute = (path: string, summary: string, from: Parameters<typeof changeState>[3], to: Parameters<typeof changeState>[4], action: string) =>
    route({ method: 'post', path, summary, auth: 'official', responses: { 200: S.StateResponse } }, async (c) => {
      const rec = await changeState(core, who(c), param(c, 'id', idParam), from, to, action);
      await afterCommit(core, 'publishing the disclosure page', () => publishDisclosure(core, rec.consultation.id));
      await afterCommit(core, 'publishing the site index', () => publishIndex(core));
      return c.json(view(rec, who(c)), 200);
    });
  stateRoute('/api/consultations/{id}/disclose', 'Publish the disclosure (state disclosure)', ['draft'], 'disclosure', 'disclosed');
  stateRoute('/api/consultations/{id}/cancel', 'Cancel a draft or disclosed consultation', ['draft', 'disclosure'], 'cancelled', 'cancelled');

  route(
    {
      method: 'put',
      path: '/api/consultations/{id}/roll',
      summary: 'Upload the household roll (text/csv with header id,hamlet,head,members,category and optionally frontage_m, or JSON)',
      auth: 'official',
      body: S.RollBody,
      csv: true,
      bodyLimit: ROLL_LIMIT,
      responses: { 200: S.RollResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const type = c.req.header('content-type') ?? '';
      let households: Household[];
      if (/^text\/csv\b/i.test(type)) {
        const parsed = parseRollCsv(await c.req.text());
        if (parsed.errors.length > 0) throw new DomainError('invalid_request', `${parsed.errors.length} bad line(s) in the roll`, parsed.errors);
        households = parsed.households;
      } else if (/^application\/json\b/i.test(type)) {
        households = (await jsonBody(c, S.RollBody)).households;
      } else throw new DomainError('unsupported_media_type', 'send text/csv or application/json');
      return c.json(await uploadRoll(core, who(c), id, households), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/documents',
      summary: 'Attach a document to a draft or disclosed consultation: the raw file (PDF, PNG or JPEG, at most 4 MiB) as the body, its title in the query',
      auth: 'official',
      query: S.DocumentQuery,
      binary: DocumentMediaType.options,
      bodyLimit: DOCUMENT_MAX_BYTES,
      responses: { 201: S.DocumentResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await attachDocument(core, who(c), id, { title: c.req.query('title'), mediaType: c.req.header('content-type'), bytes }), 201);
    },
  );

  route(
    {
      method: 'delete',
      path: '/api/consultations/{id}/documents/{sha256}',
      summary: 'Remove an attached document before voting opens (the published file, named by its hash, stays)',
      auth: 'official',
      responses: { 200: S.DocumentResponse },
    },
    async (c) => c.json(await removeDocument(core, who(c), param(c, 'id', idParam), param(c, 'sha256', S.DocumentParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/open',
      summary:
        'Freeze the roll, make one voting code per household, open voting (codes shown once). The body is optional: {"override": {"reason"}} opens before the disclosure period is over',
      auth: 'official',
      body: S.OpenBody,
      responses: { 200: S.OpenResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      // api.md's POST /open has no body; one is read only when the client sends it.
      const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined;
      const body = hasBody ? await jsonBody(c, S.OpenBody) : {};
      const r = await openVoting(core, who(c), id, body);
      // The codes are in this answer only: publishing must not stand in their way.
      await afterCommit(core, 'publishing the disclosure page', () => publishDisclosure(core, id));
      await afterCommit(core, 'publishing the site index', () => publishIndex(core));
      return c.json(r, 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/online-conditions',
      summary:
        'Record one of the Decree 59/2023 Art. 5 conditions of an online vote (leaders agreed, unanimous community, commune notified); audit-logged and published with the result',
      auth: 'official',
      body: OnlineCondition,
      responses: { 201: S.OnlineConditionResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const body = await jsonBody(c, OnlineCondition);
      return c.json(await recordOnlineCondition(core, who(c), id, body), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/credentials/{household}/reissue',
      summary: "Replace a household's voting code",
      auth: 'official',
      responses: { 200: S.ReissueResponse },
    },
    async (c) => c.json(await reissueCode(core, who(c), param(c, 'id', idParam), param(c, 'household', S.HouseholdParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/paper-ballots',
      summary: 'Enter a paper ballot for a household (audit-logged)',
      auth: 'official',
      body: S.PaperBallotBody,
      responses: { 201: S.BallotResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const body = await jsonBody(c, S.PaperBallotBody);
      return c.json(await enterPaperBallot(core, who(c), id, body), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/paper-ballots/{receipt}/withdraw',
      summary: "Undo a paper ballot entry while it is still the household's ballot; the ballot it replaced counts again (audit-logged)",
      auth: 'official',
      body: S.WithdrawBody,
      responses: { 200: S.WithdrawResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const receipt = param(c, 'receipt', S.ReceiptParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const body = await jsonBody(c, S.WithdrawBody);
      return c.json(await withdrawPaperBallot(core, who(c), id, body.household, receipt), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/close',
      summary: 'Close voting, tally, sign and publish',
      auth: 'official',
      responses: { 200: S.CloseResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      // 401/403/404 are decided here, before anything is invoked.
      const { official } = await loadForOfficial(core, who(c), id);
      return c.json(await closer.close(official, id), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/ballots',
      summary: "Cast or replace a household's ballot with its voting code",
      body: S.BallotBody,
      responses: { 201: S.BallotResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, S.BallotBody);
      return c.json(await castOnline(core, id, body, deps.clientIp(c)), 201);
    },
  );

  route(
    {
      method: 'get',
      path: '/api/consultations/{id}/receipts/{receipt}',
      summary: 'Whether a ballot receipt is counted or was replaced',
      responses: { 200: S.ReceiptResponse },
    },
    async (c) => c.json(await receiptStatus(core, param(c, 'id', idParam), param(c, 'receipt', S.ReceiptParam)), 200),
  );

  route(
    { method: 'get', path: '/api/consultations/{id}/audit', summary: 'The live audit log', auth: 'monitor', responses: { 200: S.AuditResponse } },
    async (c) => {
      const id = param(c, 'id', idParam);
      await loadForMonitor(core, who(c), id);
      return c.json(await core.store.getAudit(id), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/attestations',
      summary: 'Countersign a published result (body: the attestation JWS)',
      auth: 'monitor',
      jws: true,
      responses: { 201: S.AttestationResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const type = c.req.header('content-type') ?? '';
      let compact: string;
      if (/^application\/(jose|jws)\b/i.test(type) || /^text\/plain\b/i.test(type)) compact = await c.req.text();
      else if (/^application\/json\b/i.test(type)) compact = (await jsonBody(c, z.strictObject({ jws: z.string().max(JSON_LIMIT) }))).jws;
      else throw new DomainError('unsupported_media_type', 'send the JWS as application/jose, or {"jws": "..."} as JSON');
      return c.json(await acceptAttestation(core, who(c), id, compact), 201);
    },
  );

  discussionRoutes({ core, route, who, jsonBody, param, idParam, clientIp: deps.clientIp });
  complaintsRoutes({ core, route, who, jsonBody, param, idParam, clientIp: deps.clientIp });

  contributionRoutes({ core, route, who, jsonBody, param });

  meetingRoutes({ core, route, who, jsonBody, param, idParam });
  minutesRoutes({ core, route, who, jsonBody, param, idParam });

  const doc = openApiDocument(routes);
  app.get('/api/openapi.json', (c) => c.json(doc));
  app.get('/api/health', (c) => c.json({ ok: true }));

  app.notFound((c) => {
    const lang = language(c.req.header('accept-language'));
    return c.json({ error: { code: 'not_found', message: MESSAGES.not_found[lang] } }, 404);
  });

  app.onError((err, c) => {
    const lang = language(c.req.header('accept-language'));
    if (err instanceof DomainError) {
      const status = STATUS[err.code];
      if (status >= 500) deps.onError?.(err, c.get('requestId'));
      const specific = lang === 'en' && err.message !== err.code ? err.message : undefined;
      const message = specific ? `${MESSAGES[err.code].en} ${specific[0]!.toUpperCase()}${specific.slice(1)}.` : MESSAGES[err.code][lang];
      return c.json({ error: { code: err.code, message, ...(err.details ? { details: err.details } : {}) } }, status as 400);
    }
    deps.onError?.(err, c.get('requestId'));
    return c.json({ error: { code: 'internal_error', message: MESSAGES.internal_error[lang] } }, 500);
  });

  return app;
}
