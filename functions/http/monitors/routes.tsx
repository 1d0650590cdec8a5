/**
 * The monitors' routes: signing in and out, the commune's consultations, one consultation's turnout and live audit
 * log, the countersign script, and the countersignature it posts.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import { MonitorConsultationPage, MonitorDashboardPage, type AuditRow } from '../../../web/monitors/pages.tsx';
import { load, loadForMonitor } from '../../core/access.ts';
import { acceptAttestation } from '../../core/attestations.ts';
import { listConsultations } from '../../core/consultations.ts';
import type { Principal } from '../../core/deps.ts';
import { STATUS } from '../messages.ts';
import { turnoutOf } from '../officials/consultation-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { COUNTERSIGN_JS } from './countersign-script.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

/** The data of an audit event in one line, cut to a length a table cell can hold. */
export function dataSummary(data: Record<string, unknown>, max = 160): string {
  const text = Object.keys(data).length === 0 ? '' : JSON.stringify(data);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const auditRow = (e: AuditEvent): AuditRow => ({
  seq: e.seq,
  at: e.at,
  actor: `${e.actor.role}/${e.actor.id}`,
  action: e.action,
  data: dataSummary(e.data),
  hash: e.hash.slice(0, 12),
});

/** The path of a published file on this origin (the site may live under a base path). */
function sitePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

const attestLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

export function monitorRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>): Principal => c.get('monitor');

  app.get('/monitors/assets/countersign.js', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(COUNTERSIGN_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  app.get('/monitors/', async (c) => {
    const monitor = who(c);
    const mine = (await listConsultations(core)).filter((r) => r.consultation.commune === monitor.commune);
    return page(c, 200, <MonitorDashboardPage monitor={officialOf(monitor)!} consultations={mine.map((r) => ({ consultation: r.consultation, state: r.state }))} />);
  });

  app.get('/monitors/c/:id', async (c) => {
    const id = consultationId(c);
    await loadForMonitor(core, who(c), id, true);
    const [rec, log] = await Promise.all([load(core, id, true), core.store.getAudit(id)]);
    const published = rec.state === 'published';
    return page(
      c,
      200,
      <MonitorConsultationPage
        monitor={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        turnout={turnoutOf(rec)}
        audit={log.map(auditRow)}
        verifyPath={published ? sitePath(core.publisher.url(`c/${id}/verify.html`)) : undefined}
        resultPath={published ? sitePath(core.publisher.url(`c/${id}/result.jws`)) : undefined}
      />,
    );
  });

  // The script's post: the compact JWS as application/jose; the answer is JSON, like the API's.
  app.post('/monitors/c/:id/attest', attestLimit, async (c) => {
    try {
      const id = consultationId(c);
      if (!/^application\/jose\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the JWS as application/jose');
      return c.json(await acceptAttestation(core, who(c), id, await c.req.text()), 201);
    } catch (err) {
      if (!(err instanceof DomainError) || STATUS[err.code] >= 500) throw err;
      return c.json({ error: { code: err.code, message: err.message } }, STATUS[err.code] as ContentfulStatusCode);
    }
  });
}
