/**
 * The monitors' pages of citizens' initiatives: the commune's list, one initiative as the officials see it, and for
 * the Front working committee the decision on an initiative under 10 % of H (Law 10/2022 Art. 16(3)): approve it, so
 * that the village head puts it to the community, or not, with the reason.
 */
import type { Context } from 'hono';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { decideByFront, FrontBody, initiativeOf, listInitiatives } from '../../core/initiatives.ts';
import { InitiativeFacts, type InitiativeView } from '../officials/initiative-routes.tsx';
import { formBody } from '../officials/record-sent-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

function FrontForm(props: { v: InitiativeView }) {
  const r = props.v.record;
  if (r.agenda || r.front || props.v.standing.reached) return null;
  return (
    <form method="post" action={`/monitors/initiatives/${r.id}/front`} class="panel" id="front-decision">
      <h2>
        <Bi vi="Ban công tác Mặt trận xem xét sáng kiến chưa đủ 10% số hộ đồng thuận" en="The Front working committee decides (under 10 %)" />
      </h2>
      <label>
        <input type="radio" name="approved" value="yes" required /> <Bi vi="Tán thành: có thể mang lại lợi ích cho cộng đồng dân cư" en="Approve" />
      </label>
      <label>
        <input type="radio" name="approved" value="no" /> <Bi vi="Không tán thành" en="Do not approve" />
      </label>
      <label>
        <Bi vi="Lý do (nếu có)" en="Reason (if any)" />
        <input type="text" name="reason" maxlength={500} />
      </label>
      <button type="submit">
        <Bi vi="Ghi nhận" en="Record" />
      </button>
    </form>
  );
}

export function monitorInitiativeRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>) => c.get('monitor');

  app.get('/monitors/initiatives', async (c) => {
    const list = await listInitiatives(core, who(c));
    return page(
      c,
      200,
      <StaffFrame role="monitor" title="Sáng kiến của công dân" who={officialOf(who(c))}>
        <h1>
          <Bi vi="Sáng kiến của công dân" en="Citizens' initiatives" />
        </h1>
        <ul id="initiatives">
          {list.map((r) => (
            <li>
              <a href={`/monitors/initiatives/${r.id}`}>{r.title}</a> — {r.hamlet}
            </li>
          ))}
        </ul>
      </StaffFrame>,
    );
  });

  app.get('/monitors/initiatives/:iid', async (c) => {
    const v = await initiativeOf(core, who(c), c.req.param('iid'));
    return page(
      c,
      200,
      <StaffFrame role="monitor" title={`Sáng kiến: ${v.record.title}`} who={officialOf(who(c))}>
        <p>
          <a href="/monitors/initiatives">
            <Bi vi="Các sáng kiến" en="Initiatives" />
          </a>
        </p>
        <InitiativeFacts v={v} staff="/monitors" />
        <FrontForm v={v} />
      </StaffFrame>,
    );
  });

  app.post('/monitors/initiatives/:iid/front', formLimit, async (c) => {
    const id = c.req.param('iid');
    const f = await formFields(c);
    const answer = f.get('approved');
    const reason = f.get('reason')?.trim();
    const body = formBody(FrontBody, { approved: answer === 'yes' ? true : answer === 'no' ? false : answer, ...(reason ? { reason } : {}) });
    await decideByFront(core, who(c), id, body);
    return c.redirect(`/monitors/initiatives/${id}`, 303);
  });
}
