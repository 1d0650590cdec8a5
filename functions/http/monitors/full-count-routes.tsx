/**
 * The monitors' page of a full hand count (../../core/full-count.ts) and its three forms (deciding a full count, one
 * slip's reading, the conclusion), each the API's use case, then back to the page (303). The conclusion signs the
 * correction round's result, so on AWS it goes through the closer as the audit's conclusion does.
 */
import type { Context } from 'hono';
import { FullCountPage } from '../../../web/monitors/full-count-page.tsx';
import { loadForMonitor } from '../../core/access.ts';
import { concludeFullCount, enterFullCountReading, fullCountState, requireFullCountReady, startFullCount } from '../../core/full-count.ts';
import type { Principal } from '../../core/ports.ts';
import { officialOf } from '../officials/respond.tsx';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { sessionIdToken } from '../session.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';
import { readingAnswers } from './rla-routes.tsx';

const back = (c: Context<MonitorEnv>, id: string, anchor: string) =>
  c.redirect(`/monitors/c/${encodeURIComponent(id)}/full-count${c.req.query('lang') === 'en' ? '?lang=en' : ''}#${anchor}`, 303);

export function monitorFullCountRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>): Principal => c.get('monitor');

  app.get('/monitors/c/:id/full-count', async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForMonitor(core, who(c), id, true);
    const state = await fullCountState(core, who(c), id);
    const { consultation } = rec;
    return page(c, 200, <FullCountPage monitor={officialOf(who(c))!} id={id} title={consultation.title} questions={consultation.questions} state={state} />);
  });

  app.post('/monitors/c/:id/full-count/start', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    await startFullCount(core, who(c), id, form.get('reason') ?? '');
    return back(c, id, 'why');
  });

  app.post('/monitors/c/:id/full-count/readings', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    const { rec } = await loadForMonitor(core, who(c), id, true);
    const notFound = form.get('notFound') ? { notFound: true } : {};
    await enterFullCountReading(core, who(c), id, form.get('serial') ?? '', readingAnswers(form, rec.consultation.questions), notFound);
    return back(c, id, 'reading');
  });

  app.post('/monitors/c/:id/full-count/conclude', formLimit, async (c) => {
    const id = consultationId(c);
    await requireFullCountReady(core, who(c), id);
    if (deps.rlaRequester) await deps.rlaRequester.rla(who(c), sessionIdToken(c), id, {});
    else await concludeFullCount(core, who(c), id);
    return back(c, id, 'conclusion');
  });
}
