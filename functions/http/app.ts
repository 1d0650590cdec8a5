/**
 * The Hono app of api.md. Thin: the API is a set of sub-apps (./api/), one per resource, each route defined once by
 * a spec that parses its request and documents it (./api/route.ts); the same specs make the OpenAPI document, so
 * the two cannot drift. The residents' pages (/vote/) are mounted beside it; errors are mapped to api.md's shape once.
 */
import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../../shared/errors.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { CloseRequester, TokenVerifier } from '../core/ports.ts';
import { complaintsApi } from './api/complaints.ts';
import { consultationsApi } from './api/consultations.ts';
import { contributionsApi } from './api/contributions.ts';
import { discussionApi } from './api/discussion.ts';
import { opinionsApi } from './api/opinions.ts';
import { groupsApi } from './api/groups.ts';
import { meetingApi } from './api/meeting.ts';
import { minutesApi } from './api/minutes.ts';
import { recordApi } from './api/record.ts';
import { localLoginApi, monitoringApi } from './api/monitoring.ts';
import type { ApiEnv, ApiResource } from './api/route.ts';
import { ballotsApi, votingApi } from './api/voting.ts';
import { language, MESSAGES, RETRY_AFTER_S, STATUS } from './messages.ts';
import { bearerPrincipal } from './middleware/bearer-principal.ts';
import { noStore } from './middleware/no-store.ts';
import { openApiDocument } from './openapi.ts';
import { residentPages } from './pages/index.ts';

export { view } from './api/consultations.ts';

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

/** The API's resources, in the order of api.md (and of the OpenAPI document). */
function resources(deps: AppDeps): ApiResource[] {
  const { core } = deps;
  return [
    ...(deps.login ? [localLoginApi(deps.login)] : []),
    consultationsApi(core),
    votingApi(core, deps.closeRequester),
    ballotsApi(core, deps.clientIp),
    monitoringApi(core),
    discussionApi(core, deps.clientIp),
    opinionsApi(core),
    complaintsApi(core, deps.clientIp),
    contributionsApi(core),
    meetingApi(core),
    minutesApi(core),
    recordApi(core),
    groupsApi(core),
  ];
}

export function createApp(deps: AppDeps) {
  const app = new Hono<ApiEnv>();
  // The residents' pages (server-rendered HTML, working without JavaScript) under /vote/.
  app.route('/', residentPages(deps.core, deps.clientIp));

  app.use('*', requestId());
  app.use(
    '/api/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('/api/*', noStore());
  app.use('/api/*', bearerPrincipal(deps.verifyToken));

  const api = resources(deps);
  for (const r of api) app.route('/', r.app);
  const doc = openApiDocument(api.flatMap((r) => r.specs));
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
