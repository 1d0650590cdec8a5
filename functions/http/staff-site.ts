/**
 * A staff site (the officials' pages under `/officials/`, the monitors' under `/monitors/`): one Hono app with the
 * same guards for both, in this order: the site's headers with same-origin referrers, the Origin check on every post,
 * the session verified on every request (only the site's role), then the site's routes, a 404 page for the rest and
 * the notice page for every failure.
 */
import { type Context, Hono } from 'hono';
import { DomainError } from '../../shared/errors.ts';
import type { StaffRole } from '../../web/officials/frame.tsx';
import type { Principal } from '../core/ports.ts';
import { findStaffSession } from '../core/sessions.ts';
import { pageHeaders } from './middleware/page-headers.ts';
import { sameOriginPosts } from './middleware/same-origin.ts';
import { staffSession } from './middleware/staff-session.ts';
import { refusal, siteOriginOf } from './officials/respond.tsx';
import { type SignInDeps, signInPaths, signInRoutes } from './sign-in.tsx';

const FOREIGN_POST = {
  vi: 'Yêu cầu này không được gửi từ trang của hệ thống nên bị từ chối.',
  en: 'This request did not come from these pages and is refused.',
};

export interface StaffSiteOptions<K extends StaffRole> {
  role: K;
  /** `/officials` or `/monitors`. */
  base: string;
  deps: SignInDeps;
  /** What a principal of the other role is told. */
  otherRole: { vi: string; en: string };
  /** The site's own routes. */
  routes: (app: Hono<{ Variables: Record<K, Principal> }>) => void;
  /** The page for a failure. */
  notice: (err: unknown, c: Context<{ Variables: Record<K, Principal> }>) => Response;
}

/** Builds a staff site. */
export function staffSite<K extends StaffRole>(options: StaffSiteOptions<K>): Hono<{ Variables: Record<K, Principal> }> {
  const { base, role, deps } = options;
  const siteOrigin = siteOriginOf(() => deps.core.publisher.url(''));
  // Pages anyone may reach: signing in, and out (which must work with an expired session too), the bare path, and
  // the signing script (it holds no secret).
  const openPaths = new Set([base, ...signInPaths(base), `${base}/assets/sign.js`]);
  const app = new Hono<{ Variables: Record<K, Principal> }>();
  app.use(`${base}/*`, pageHeaders({ referrer: 'same-origin' }));
  app.use(
    `${base}/*`,
    sameOriginPosts(
      () => siteOrigin,
      (c) => refusal(c, undefined, FOREIGN_POST, role),
    ),
  );
  app.use(
    `${base}/*`,
    staffSession({
      role,
      base,
      variable: role,
      openPaths,
      findSession: (id) => findStaffSession(deps.core, id),
      verifyToken: deps.verifyToken,
      // Never where the user pool's sign-in is used (AWS): there every session is one kept on the server.
      tokenCookies: deps.hosted === undefined && deps.tokenCookies !== false,
      wrongRole: (c, who) => refusal(c, who, options.otherRole, role),
    }),
  );
  app.get(base, (c) => c.redirect(`${base}/`, 303));
  signInRoutes(app, role, base, deps, siteOrigin);
  options.routes(app);
  app.all(`${base}/*`, () => {
    throw new DomainError('not_found', 'no such page');
  });
  app.onError((err, c) => options.notice(err, c));
  return app;
}
