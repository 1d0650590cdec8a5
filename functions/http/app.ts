/**
 * The Hono app of api.md. Thin: the API is a set of sub-apps (./api/), one per resource, each route defined once by
 * a spec that parses its request and documents it (./api/route.ts); the same specs make the OpenAPI document, so
 * the two cannot drift. The residents' pages (/vote/) are mounted beside it; errors are mapped to api.md's shape once.
 *
 * On AWS the routes are served by two functions with different rights (infra/constructs/api.ts): the residents'
 * (`createResidentsApp`: every route without `auth`, and the /vote/ pages) and the staff function's
 * (`createApp(deps, 'staff')`: every route with `auth`, and the OpenAPI document). Each answers 404 for the other's
 * routes, so a request that reaches the wrong function does nothing. `createApp(deps)` serves everything (npm start).
 * The residents' entry imports only `createResidentsApp`, so the staff-only resources stay out of its bundle.
 */
import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../../shared/errors.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { AggregateRequester, RlaRequester, CloseRequester, TokenVerifier } from '../core/ports.ts';
import { complaintsApi } from './api/complaints.ts';
import { consultationsApi } from './api/consultations.ts';
import { contributionsApi } from './api/contributions.ts';
import { discussionApi } from './api/discussion.ts';
import { opinionsApi } from './api/opinions.ts';
import { groupsApi } from './api/groups.ts';
import { meetingApi } from './api/meeting.ts';
import { minutesApi } from './api/minutes.ts';
import { recordApi } from './api/record.ts';
import { officesApi } from './api/offices.ts';
import { localLoginApi, monitoringApi } from './api/monitoring.ts';
import { rlaApi } from './api/rla.ts';
import type { ApiEnv, ApiResource } from './api/route.ts';
import { ballotsApi, votingApi } from './api/voting.ts';
import { language, MESSAGES, RETRY_AFTER_S, STATUS } from './messages.ts';
import { bearerPrincipal } from './middleware/bearer-principal.ts';
import { noStore } from './middleware/no-store.ts';
import { openApiDocument, type RouteSpec } from './openapi.ts';
import { residentPages } from './pages/index.ts';

export { view } from './api/consultations.ts';

export interface AppDeps {
  core: CoreDeps;
  verifyToken: TokenVerifier;
  /** The client's address as the platform reports it (rate limiting of wrong codes). */
  clientIp: (c: Context) => string;
  /** Who closes and publishes for an official (on AWS the closer Lambda); by default this process. */
  closeRequester?: CloseRequester;
  /** Who signs and publishes a commune round's aggregate for an official (on AWS the closer Lambda); by default this process. */
  aggregateRequester?: AggregateRequester;
  /** Who signs and publishes the monitors' risk-limiting audit (on AWS the closer Lambda); by default this process. */
  rlaRequester?: RlaRequester;
  /** Local mode only: sign-in with the demo accounts. */
  login?: (username: string, password: string) => Promise<{ token: string; role: string; commune: string } | undefined>;
  /** Called with every unexpected error (logged without request bodies or tokens). */
  onError?: (err: unknown, requestId: string) => void;
}

/** Which routes an app serves: all of them (the local server), the residents' (no `auth`) or the staff's (`auth`). */
export type RouteSet = 'all' | 'residents' | 'staff';

/** The API's resources, in the order of api.md (and of the OpenAPI document). */
function resources(deps: AppDeps): ApiResource[] {
  const { core } = deps;
  return [
    ...(deps.login ? [localLoginApi(deps.login)] : []),
    consultationsApi(core),
    votingApi(core, deps.closeRequester),
    ballotsApi(core, deps.clientIp),
    monitoringApi(core),
    rlaApi(core, deps.rlaRequester),
    discussionApi(core, deps.clientIp),
    opinionsApi(core),
    complaintsApi(core, deps.clientIp),
    contributionsApi(core),
    meetingApi(core),
    minutesApi(core),
    recordApi(core),
    officesApi(core),
    groupsApi(core, deps.aggregateRequester),
  ];
}

/** The resources that hold a route without `auth`: none of the staff-only ones (voting acts, meeting, minutes, monitoring, opinions). */
function residentResources(deps: AppDeps): ApiResource[] {
  const { core } = deps;
  return [
    consultationsApi(core),
    ballotsApi(core, deps.clientIp),
    discussionApi(core, deps.clientIp),
    complaintsApi(core, deps.clientIp),
    contributionsApi(core),
    recordApi(core),
    groupsApi(core),
  ];
}

/** Does `set` serve the route of `spec`? */
const serves = (set: RouteSet, spec: RouteSpec) => set === 'all' || (set === 'staff') === (spec.auth !== undefined);

/** Every route of the app (the local server, `npm start`), or only the staff's (the staff function on AWS). */
export function createApp(deps: AppDeps, routes: Exclude<RouteSet, 'residents'> = 'all') {
  return buildApp(deps, routes, resources(deps));
}

/** The residents' routes and pages only: the internet's front door on AWS, with no official's act in it. */
export function createResidentsApp(deps: AppDeps) {
  return buildApp(deps, 'residents', residentResources(deps));
}

function notFound(c: Context) {
  const lang = language(c.req.header('accept-language'));
  return c.json({ error: { code: 'not_found', message: MESSAGES.not_found[lang] } }, 404);
}

function buildApp(deps: AppDeps, set: RouteSet, api: ApiResource[]) {
  const app = new Hono<ApiEnv>();
  // The residents' pages (server-rendered HTML, working without JavaScript) under /vote/.
  if (set !== 'staff') app.route('/', residentPages(deps.core, deps.clientIp));

  // The staff function serves pages of its own beside the API: its middleware stays under /api/.
  app.use(set === 'staff' ? '/api/*' : '*', requestId());
  app.use(
    '/api/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
    }),
  );
  // `no-store` unless a public read allowed CloudFront a few seconds (api/route.ts, cachePublicRead).
  app.use('/api/*', noStore({ ifUnset: true }));
  app.use('/api/*', bearerPrincipal(deps.verifyToken));

  for (const r of api) {
    // A route of the other function answers 404 here, before the resource's own handler could run.
    for (const spec of r.specs.filter((s) => !serves(set, s))) app.on(spec.method.toUpperCase(), spec.path.replace(/\{(\w+)\}/g, ':$1'), notFound);
    app.route('/', r.app);
  }
  // The OpenAPI document describes the whole API; on AWS the staff function, which holds every spec, serves it.
  if (set !== 'residents') {
    const doc = openApiDocument(api.flatMap((r) => r.specs));
    app.get('/api/openapi.json', (c) => c.json(doc));
  }
  app.get('/api/health', (c) => c.json({ ok: true }));

  app.notFound(notFound);

  app.onError((err, c) => {
    const lang = language(c.req.header('accept-language'));
    if (err instanceof DomainError) {
      const status = STATUS[err.code];
      if (status >= 500) deps.onError?.(err, c.get('requestId'));
      const retryAfter = RETRY_AFTER_S[err.code];
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
      const specific = lang === 'en' && err.message !== err.code ? err.message : undefined;
      const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
      const message = specific
        ? `${MESSAGES[err.code].en} ${sentence(specific)}`
        : lang === 'vi' && err.vi
          ? `${MESSAGES[err.code].vi} ${err.vi}`
          : MESSAGES[err.code][lang];
      // api.md's details are `{path, message, line?}`: the Vietnamese words a page shows stay on the pages.
      const details = err.details?.map(({ path, message: text, line }) => ({ path, message: text, ...(line !== undefined ? { line } : {}) }));
      return c.json({ error: { code: err.code, message, ...(details ? { details } : {}) } }, status as 400);
    }
    deps.onError?.(err, c.get('requestId'));
    return c.json({ error: { code: 'internal_error', message: MESSAGES.internal_error[lang] } }, 500);
  });

  return app;
}
