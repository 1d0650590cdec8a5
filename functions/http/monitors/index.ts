/**
 * The monitors' pages under `/monitors/`, rendered on the server: sign-in, the commune's consultations, and each
 * one's live turnout and audit log, with the published result's verify page and, with JavaScript, the
 * countersignature (bundle.md "Attestations") and the Front representative's signature of the minutes. The guards
 * are the staff site's (../staff-site.ts), as on the officials' pages; only a monitor's session.
 */
import type { Hono } from 'hono';
import { communeName } from '../../core/commune-names.ts';
import { withCommuneName } from '../middleware/commune-name.ts';
import { staffSite } from '../staff-site.ts';
import type { MonitorEnv, MonitorPagesDeps } from './env.ts';
import { monitorOpinionRoutes } from './opinion-routes.tsx';
import { monitorRlaRoutes } from './rla-routes.tsx';
import { monitorFullCountRoutes } from './full-count-routes.tsx';
import { monitorNotice } from './respond.tsx';
import { monitorRoutes } from './routes.tsx';
import { monitorProcessRoutes } from './process-routes.tsx';
import { monitorInitiativeRoutes } from './initiative-routes.tsx';
import { monitorOfficeProcessRoutes } from './office-process-routes.tsx';
import { monitorRuleRoutes } from './rule-routes.tsx';

export type { MonitorPagesDeps } from './env.ts';

export function monitorPages(deps: MonitorPagesDeps): Hono<MonitorEnv> {
  return staffSite({
    role: 'monitor',
    base: '/monitors',
    deps,
    otherRole: { vi: 'Các trang này dành cho Ban giám sát. Cán bộ xã dùng trang cán bộ.', en: 'These pages are for monitors. Officials use their own pages.' },
    routes: (app) => {
      app.use(
        '/monitors/*',
        withCommuneName('monitor', (commune) => communeName(deps.core, commune)),
      );
      monitorRoutes(app, deps);
      monitorOpinionRoutes(app, deps);
      monitorRlaRoutes(app, deps);
      monitorFullCountRoutes(app, deps);
      monitorRuleRoutes(app, deps);
      monitorOfficeProcessRoutes(app, deps);
      monitorProcessRoutes(app, deps);
      monitorInitiativeRoutes(app, deps);
    },
    notice: (err, c) => monitorNotice(deps.core, err, c),
  });
}
