/**
 * The pages of UBND xã (role `commune`) under `/commune/`, rendered on the server and working without script: the
 * commune's published decisions it recognises, and per round the recognition, annulment and request to amend
 * (domain.md "Recognition", "Who may do what"). The guards are the staff site's (../staff-site.ts), as on the
 * officials' and monitors' pages; only a `commune` session.
 */
import type { Hono } from 'hono';
import { staffNotice } from '../officials/respond.tsx';
import { communeName } from '../../core/commune-names.ts';
import { withCommuneName } from '../middleware/commune-name.ts';
import { staffSite } from '../staff-site.ts';
import type { CommuneEnv, CommunePagesDeps } from './env.ts';
import { communeRoutes } from './routes.tsx';
import { communeProcessRoutes } from './process-routes.tsx';
import { communeOfficeProcessRoutes } from './office-process-routes.tsx';
import { communeRuleRoutes } from './rule-routes.tsx';

export type { CommunePagesDeps } from './env.ts';

export function communePages(deps: CommunePagesDeps): Hono<CommuneEnv> {
  return staffSite({
    role: 'commune',
    base: '/commune',
    deps,
    otherRole: {
      vi: 'Các trang này dành cho UBND xã. Cán bộ thôn và Ban giám sát dùng trang của mình.',
      en: 'These pages are for the commune People’s Committee. Officials and monitors use their own pages.',
    },
    routes: (app) => {
      app.use(
        '/commune/*',
        withCommuneName('commune', (commune) => communeName(deps.core, commune)),
      );
      communeRoutes(app, deps);
      communeRuleRoutes(app, deps);
      communeOfficeProcessRoutes(app, deps);
      communeProcessRoutes(app, deps);
    },
    notice: (err, c) => {
      const id = c.req.param('id');
      return staffNotice('commune', deps.core, err, c, c.get('commune'), id ? `/commune/c/${encodeURIComponent(id)}` : undefined);
    },
  });
}
