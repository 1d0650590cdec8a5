/**
 * The officials' pages under `/officials/`, rendered on the server and working without script: sign-in, the
 * commune's consultations, creating and editing a draft with a preview of its public page, the roll, opening
 * voting with the printable code slips, reissuing a code, paper ballot entry, live turnout, and closing. createApp
 * mounts them beside the resident pages. Every act calls the API's use case; every failure is a page with the
 * API's status for it.
 */
import { Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { pageHeaders } from '../pages/headers.ts';
import type { OfficialEnv, OfficialPagesDeps } from './env.ts';
import { consultationRoutes } from './consultation-routes.tsx';
import { officialNotice, refusal, siteOriginOf } from './respond.tsx';
import { rollRoutes } from './roll-routes.tsx';
import { endSession, fromOwnOrigin, sessionToken } from '../session.ts';
import { signInPaths, signInRoutes } from '../sign-in.tsx';
import { votingRoutes } from './voting-routes.tsx';
import { contributionRoutes } from './contribution-routes.tsx';
import { discussionRoutes } from './discussion-routes.tsx';
import { complaintRoutes } from './complaint-routes.tsx';

export type { OfficialPagesDeps } from './env.ts';

/**
 * Pages anyone may reach: signing in, and out (which must work with an expired session too), the bare path, and the
 * signing script (it holds no secret).
 */
const OPEN_PATHS: ReadonlySet<string> = new Set(['/officials', ...signInPaths('/officials'), '/officials/assets/sign.js']);

export function officialPages(deps: OfficialPagesDeps): Hono<OfficialEnv> {
  const { core } = deps;
  const siteOrigin = siteOriginOf(() => core.publisher.url(''));
  const app = new Hono<OfficialEnv>();

  // Registered first, so it runs last: the site's headers (pageHeaders, no-store), then the one these pages
  // change. `same-origin` instead of `no-referrer`, because under `no-referrer` form posts carry `Origin: null`.
  app.use('/officials/*', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'same-origin');
  });
  app.use('/officials/*', pageHeaders);

  // CSRF (session.ts): a post must come from these pages.
  app.use('/officials/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !fromOwnOrigin(c.req.url, c.req.header('origin'), c.req.header('referer'), siteOrigin)) {
      return refusal(c, undefined, {
        vi: 'Yêu cầu này không được gửi từ trang của hệ thống nên bị từ chối.',
        en: 'This request did not come from these pages and is refused.',
      });
    }
    await next();
  });

  // The session: verified on every request, by the same verifier as the API's bearer tokens.
  app.use('/officials/*', async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const token = sessionToken(c);
    const who = token ? await deps.verifyToken(token) : undefined;
    if (!who) {
      if (token) endSession(c);
      return c.redirect('/officials/login', 303);
    }
    if (who.role !== 'official') {
      return refusal(c, who, {
        vi: 'Các trang này dành cho cán bộ xã. Thành viên Ban giám sát dùng trang của Ban.',
        en: 'These pages are for the commune’s officials. Monitors use their own pages.',
      });
    }
    c.set('official', who);
    await next();
  });

  app.get('/officials', (c) => c.redirect('/officials/', 303));
  signInRoutes(app, 'official', '/officials', deps, siteOrigin);
  consultationRoutes(app, deps);
  rollRoutes(app, deps);
  votingRoutes(app, deps);
  contributionRoutes(app, deps);
  discussionRoutes(app, deps);
  complaintRoutes(app, deps);
  app.all('/officials/*', () => {
    throw new DomainError('not_found', 'no such page');
  });
  app.onError((err, c) => officialNotice(core, err, c));
  return app;
}
