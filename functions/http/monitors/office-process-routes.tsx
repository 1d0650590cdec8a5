/**
 * The monitors' page of a village head's dismissal or a board election (../../core/office-processes.ts): the same
 * checklist as the officials', read only, and for a board election the form by which UBMTTQ xã, whose accounts here
 * are the commune's monitors, recognises the members elected or answers in writing (Law 10/2022 Art. 21(2)). Any
 * other process is handed on to ./process-routes.tsx.
 */
import type { Context } from 'hono';
import { vietnamDate } from '../../../shared/working-days.ts';
import { Bi } from '../../../web/officials/parts.tsx';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { OfficeFacts } from '../../../web/process/office-facts.tsx';
import { BoardRecognitionBody, recogniseBoard } from '../../core/office-boards.ts';
import { isOfficeProcess, officeOf } from '../../core/office-processes.ts';
import { formBody } from '../officials/record-sent-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

function RecognitionForm(props: { id: string; today: string }) {
  return (
    <form method="post" action={`/monitors/processes/${props.id}/board-recognition`} class="panel" id="recognise">
      <h2>
        <Bi vi="Quyết định của Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã" en="UBMTTQ xã's decision" />
      </h2>
      <label>
        <Bi vi="Quyết định" en="Decision" />
        <select name="outcome">
          <option value="recognised">Công nhận thành viên trúng cử</option>
          <option value="refused">Trả lời bằng văn bản, nêu rõ lý do</option>
        </select>
      </label>
      <label>
        <Bi vi="Ngày quyết định" en="Decided on" />
        <input type="date" name="on" value={props.today} required />
      </label>
      <label>
        <Bi vi="Số quyết định, văn bản" en="Decision number" />
        <input type="text" name="decision" maxlength={80} />
      </label>
      <button type="submit">
        <Bi vi="Ghi nhận quyết định" en="Record the decision" />
      </button>
    </form>
  );
}

export function monitorOfficeProcessRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>) => c.get('monitor');

  app.get('/monitors/processes/:pid', async (c, next) => {
    if (!(await isOfficeProcess(core, who(c), c.req.param('pid')))) return next();
    const v = await officeOf(core, who(c), c.req.param('pid'));
    const r = v.record;
    const open = r.kind === 'board_election' && !r.recognition && r.steps.some((s) => s.step === 'decision_sent');
    return page(
      c,
      200,
      <ChecklistView role="monitor" who={officialOf(who(c))} kind={r.kind} hamlet={r.hamlet} meeting={r.meeting} rows={v.rows} back="/monitors/processes">
        <OfficeFacts record={r} outcome={v.outcome} vote={v.vote} />
        {open ? <RecognitionForm id={r.id} today={vietnamDate(core.clock.now())} /> : null}
      </ChecklistView>,
    );
  });

  app.post('/monitors/processes/:pid/board-recognition', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const decision = (f.get('decision') ?? '').trim();
    const body = formBody(BoardRecognitionBody, { outcome: f.get('outcome') ?? '', on: f.get('on') ?? '', ...(decision ? { decision } : {}) });
    await recogniseBoard(core, who(c), id, body);
    return c.redirect(`/monitors/processes/${id}`, 303);
  });
}
