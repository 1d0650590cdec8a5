/**
 * The monitors' pages under `/monitors/`, rendered on the server: sign-in, the commune's consultations, and each
 * one's live turnout and audit log, with the published result's verify page and, with JavaScript, the
 * countersignature (bundle.md "Attestations") and the Front representative's signature of the minutes. The same
 * guards as the officials' pages (../officials/index.ts): the site's headers, the Origin check on every post, the
 * session verified on every request; only a monitor's.
 */
import { Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { pageHeaders } from '../pages/headers.ts';
import type { MonitorEnv, MonitorPagesDeps } from './env.ts';
import { monitorNotice, refusal, siteOriginOf } from './respond.tsx';
import { monitorRoutes } from './routes.tsx';
import { endSession, fromOwnOrigin, sessionToken } from '../session.ts';
import { signInPaths, signInRoutes } from '../sign-in.tsx';

export type { MonitorPagesDeps } from './env.ts';

/** Pages anyone may reach: signing in and out, the bare path, and the script (it holds no secret). */
const OPEN_PATHS: ReadonlySet<string> = new Set(['/monitors', ...signInPaths('/monitors'), '/monitors/assets/sign.js']);

export function monitorPages(deps: MonitorPagesDeps): Hono<MonitorEnv> {
  const { core } = deps;
  const siteOrigin = siteOriginOf(() => core.publisher.url(''));
  const app = new Hono<MonitorEnv>();

  // As on the officials' pages: the site's headers, with `same-origin` referrers so that posts carry their Origin.
  app.use('/monitors/*', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'same-origin');
  });
  app.use('/monitors/*', pageHeaders);

  app.use('/monitors/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !fromOwnOrigin(c.req.url, c.req.header('origin'), c.req.header('referer'), siteOrigin)) {
      return refusal(c, undefined, {
        vi: 'Yêu cầu này không được gửi từ trang của hệ thống nên bị từ chối.',
        en: 'This request did not come from these pages and is refused.',
      });
    }
    await next();
  });

  app.use('/monitors/*', async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const token = sessionToken(c);
    const who = token ? await deps.verifyToken(token) : undefined;
    if (!who) {
      if (token) endSession(c, '/monitors');
      return c.redirect('/monitors/login', 303);
    }
    if (who.role !== 'monitor') {
      return refusal(c, who, {
        vi: 'Các trang này dành cho Ban giám sát. Cán bộ xã dùng trang cán bộ.',
        en: 'These pages are for monitors. Officials use their own pages.',
      });
    }
    c.set('monitor', who);
    await next();
  });

  app.get('/monitors', (c) => c.redirect('/monitors/', 303));
  signInRoutes(app, 'monitor', '/monitors', deps, siteOrigin);
  monitorRoutes(app, deps);
  app.all('/monitors/*', () => {
    throw new DomainError('not_found', 'no such page');
  });
  app.onError((err, c) => monitorNotice(core, err, c));
  return app;
}
