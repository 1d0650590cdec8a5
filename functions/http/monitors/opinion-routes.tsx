/**
 * The other opinions (Ý kiến khác) of a round on the monitors' pages, read-only (../../core/opinions.ts
 * `reviewOpinions`): hiding is an official's act, so this site has no hide route.
 */
import { MonitorOpinionsPage } from '../../../web/monitors/opinions-page.tsx';
import { reviewOpinions } from '../../core/opinions.ts';
import { officialOf } from '../officials/respond.tsx';
import { consultationId, page } from '../pages/respond.ts';
import type { MonitorApp, MonitorPagesDeps } from './env.ts';

export function monitorOpinionRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  app.get('/monitors/c/:id/opinions', async (c) => {
    const monitor = c.get('monitor');
    const { rec, opinions } = await reviewOpinions(deps.core, monitor, consultationId(c));
    return page(c, 200, <MonitorOpinionsPage monitor={officialOf(monitor)!} consultation={rec.consultation} state={rec.state} opinions={opinions} />);
  });
}
