/**
 * The monitors' routes: signing in and out, the commune's consultations, one consultation's turnout and live audit
 * log, the signing script, and what it posts: the countersignature, and the key signature of the decision record by
 * the head of the Front working committee (the same use case as the API's, ../../core/minutes.ts `signResultMinutes`).
 */
import { liveAudit } from '../../core/read-model.ts';
import type { Context } from 'hono';
import type { AuditEvent } from '../../../shared/schemas.ts';
import { MonitorConsultationPage, MonitorDashboardPage, type AuditRow } from '../../../web/monitors/pages.tsx';
import { acceptAttestation, publishedForMonitor } from '../../core/attestations.ts';
import { listConsultationPage } from '../../core/consultations.ts';
import type { Principal } from '../../core/ports.ts';
import { signResultMinutes } from '../../core/minutes.ts';
import { minutesState } from '../../core/minutes-state.ts';
import { acceptJose, joseLimit } from '../jose-post.ts';
import { turnoutOf } from '../officials/consultation-routes.tsx';
import { officialOf, sitePath } from '../officials/respond.tsx';
import { consultationId, page } from '../pages/respond.ts';
import { signScript } from '../sign-assets.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';
import { siteKeys } from './site-keys.ts';

/** An audit event as the monitors' page shows it: everything but the previous hash, and its own hash cut short. */
export const auditRow = (e: AuditEvent): AuditRow => ({
  seq: e.seq,
  at: e.at,
  actor: e.actor,
  action: e.action,
  // In full: the data is what a monitor reads the log for (an early opening's reason, a document's title), and each
  // event's data is bounded by its own schema; the page cuts long values and keeps them whole behind a toggle.
  data: e.data,
  hash: e.hash.slice(0, 12),
});

export function monitorRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>): Principal => c.get('monitor');

  app.get('/monitors/assets/sign.js', (c) => {
    c.header('Cache-Control', 'no-cache');
    return signScript('monitors').then((js) => c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  });

  // One page of the commune's consultations that are not drafts; "Trang sau" carries the store's cursor.
  app.get('/monitors/', async (c) => {
    const monitor = who(c);
    const cursor = c.req.query('cursor') || undefined;
    const list = await listConsultationPage(core, monitor, { commune: monitor.commune, ...(cursor ? { cursor } : {}) });
    return page(
      c,
      200,
      <MonitorDashboardPage
        monitor={officialOf(monitor)!}
        consultations={list.items.map((s) => ({ consultation: s, state: s.state, closedAt: s.closedAt }))}
        now={core.clock.now()}
        keys={await siteKeys(core)}
        first={cursor ? '/monitors/' : undefined}
        next={list.cursor ? `/monitors/?cursor=${encodeURIComponent(list.cursor)}` : undefined}
      />,
    );
  });

  app.get('/monitors/c/:id', async (c) => {
    const id = consultationId(c);
    const { rec, log } = await liveAudit(core, who(c), id, { monitorOnly: true });
    const published = rec.state === 'published';
    const [minutes, result] = published ? await Promise.all([minutesState(core, id), publishedForMonitor(core, who(c), id)]) : [undefined, undefined];
    return page(
      c,
      200,
      <MonitorConsultationPage
        monitor={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        turnout={turnoutOf(rec)}
        audit={log.map(auditRow)}
        now={core.clock.now()}
        verifyPath={published ? sitePath(core.publisher.url(`c/${id}/verify.html`)) : undefined}
        resultPath={published ? sitePath(core.publisher.url(`c/${id}/result.jws`)) : undefined}
        workerPath={sitePath(core.publisher.url('assets/verify-worker.js'))}
        jwksPath={sitePath(core.publisher.url('keys/jwks.json'))}
        keys={await siteKeys(core)}
        published={result}
        minutes={
          minutes
            ? {
                minutes: minutes.minutes,
                hash: minutes.hash,
                status: minutes.status,
                jsonPath: sitePath(core.publisher.url(`c/${id}/record/decision.json`)),
                htmlUrl: core.publisher.url(`c/${id}/record/decision.html`),
              }
            : undefined
        }
      />,
    );
  });

  // The script's posts: the compact JWS as application/jose; the answer is JSON, like the API's.
  app.post('/monitors/c/:id/attest', joseLimit, (c) => acceptJose(c, (jws) => acceptAttestation(core, who(c), consultationId(c), jws)));
  app.post('/monitors/c/:id/minutes/signatures', joseLimit, (c) => acceptJose(c, (jws) => signResultMinutes(core, who(c), consultationId(c), jws)));
}
