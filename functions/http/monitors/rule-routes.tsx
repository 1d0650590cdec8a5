/**
 * The monitors' read-only page of a community rule at `/monitors/processes/<id>`: the checklist and the round's facts
 * (any other process falls through to ./process-routes.tsx).
 */
import type { Context } from 'hono';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { RuleFacts } from '../../../web/process/rule-facts.tsx';
import { processOf } from '../../core/processes.ts';
import { officialOf } from '../officials/respond.tsx';
import { page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

export function monitorRuleRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>) => c.get('monitor');

  app.get('/monitors/processes/:pid', async (c, next) => {
    const v = await processOf(core, who(c), c.req.param('pid') ?? '');
    const r = v.record;
    if (r.kind !== 'community_rule' || !r.rule) return next();
    return page(
      c,
      200,
      <ChecklistView role="monitor" who={officialOf(who(c))} kind={r.kind} hamlet={r.hamlet} meeting={r.meeting} rows={v.rows} back="/monitors/processes">
        <RuleFacts
          record={{ ...r, rule: r.rule }}
          roundHref={(id) => `/monitors/c/${id}`}
          processHref={(id) => `/monitors/processes/${id}`}
          copyHref={r.rule.copy ? core.publisher.url(r.rule.copy.file) : undefined}
        />
      </ChecklistView>,
    );
  });
}
