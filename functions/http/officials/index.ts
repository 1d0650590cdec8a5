/**
 * The officials' pages under `/officials/`, rendered on the server and working without script: sign-in, the
 * commune's consultations, creating and editing a draft with a preview of its public page, the roll, opening
 * voting with the printable code slips, reissuing a code, paper ballot entry, live turnout, and closing. createApp
 * mounts them beside the resident pages. Every act calls the API's use case; every failure is a page with the
 * API's status for it. The guards are the staff site's (../staff-site.ts).
 */
import type { Hono } from 'hono';
import { communeName } from '../../core/commune-names.ts';
import { withCommuneName } from '../middleware/commune-name.ts';
import { staffSite } from '../staff-site.ts';
import { complaintRoutes } from './complaint-routes.tsx';
import { consultationRoutes } from './consultation-routes.tsx';
import { contactsRoutes, type OutboxReader } from './contacts-routes.tsx';
import { contributionRoutes } from './contribution-routes.tsx';
import { discussionRoutes } from './discussion-routes.tsx';
import type { OfficialEnv, OfficialPagesDeps } from './env.ts';
import { recordSentRoutes } from './record-sent-routes.tsx';
import { opinionRoutes } from './opinion-routes.tsx';
import { processRoutes } from './process-routes.tsx';
import { initiativeRoutes } from './initiative-routes.tsx';
import { officeProcessRoutes } from './office-process-routes.tsx';
import { ruleRoutes } from './rule-routes.tsx';
import { officialNotice } from './respond.tsx';
import { rollRoutes } from './roll-routes.tsx';
import { translationRoutes } from './translation-routes.tsx';
import { votingRoutes } from './voting-routes.tsx';

export type { OfficialPagesDeps } from './env.ts';

/** `outbox`: the notices' outbox of a round, where the runtime keeps one (the local server). */
export function officialPages(deps: OfficialPagesDeps & { outbox?: OutboxReader | undefined }): Hono<OfficialEnv> {
  return staffSite({
    role: 'official',
    base: '/officials',
    deps,
    otherRole: {
      vi: 'Các trang này dành cho cán bộ xã. Thành viên Ban giám sát dùng trang của Ban.',
      en: 'These pages are for the commune’s officials. Monitors use their own pages.',
    },
    routes: (app) => {
      app.use(
        '/officials/*',
        withCommuneName('official', (commune) => communeName(deps.core, commune)),
      );
      consultationRoutes(app, deps);
      rollRoutes(app, deps);
      votingRoutes(app, deps);
      contributionRoutes(app, deps);
      discussionRoutes(app, deps);
      complaintRoutes(app, deps);
      recordSentRoutes(app, deps);
      opinionRoutes(app, deps);
      contactsRoutes(app, deps);
      ruleRoutes(app, deps);
      officeProcessRoutes(app, deps);
      processRoutes(app, deps);
      translationRoutes(app, deps);
      initiativeRoutes(app, deps);
    },
    notice: (err, c) => officialNotice(deps.core, err, c),
  });
}
