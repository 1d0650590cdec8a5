/** The monitors' read-only checklist of the commune's processes (../../core/processes.ts): the list, then one process. */
import { ProcessList } from '../../../web/process/process-list.tsx';
import type { Context } from 'hono';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { listProcesses, processOf } from '../../core/processes.ts';
import { ProcessFacts } from '../officials/process-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

export function monitorProcessRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>) => c.get('monitor');

  app.get('/monitors/processes', async (c) => {
    const list = await listProcesses(core, who(c));
    return page(
      c,
      200,
      <StaffFrame role="monitor" title="Các quy trình theo luật" who={officialOf(who(c))}>
        <h1>
          <Bi vi="Các quy trình theo luật" en="The law's processes" />
        </h1>
        <ProcessList items={list} base="/monitors/processes" />
      </StaffFrame>,
    );
  });

  app.get('/monitors/processes/:pid', async (c) => {
    const v = await processOf(core, who(c), c.req.param('pid'));
    return page(
      c,
      200,
      <ChecklistView
        role="monitor"
        who={officialOf(who(c))}
        kind={v.record.kind}
        hamlet={v.record.hamlet}
        meeting={v.record.meeting}
        rows={v.rows}
        back="/monitors/processes"
      >
        <ProcessFacts record={v.record} outcome={v.outcome} />
      </ChecklistView>,
    );
  });
}
