/**
 * UBND xã's page of a village-head election (../../core/processes.ts): the checklist, the result, and the form that
 * recognises the person elected, decides a new election, or records a written answer with reasons (D59 Art. 8).
 */
import { ProcessList } from '../../../web/process/process-list.tsx';
import type { Context } from 'hono';
import { vietnamDate } from '../../../shared/working-days.ts';
import { LateFlag, ChecklistTable, PROCESS_WORDS } from '../../../web/process/checklist-view.tsx';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { listProcesses, processOf, RecognitionBody, recogniseElection } from '../../core/processes.ts';
import { formBody } from '../officials/record-sent-routes.tsx';
import { ProcessFacts } from '../officials/process-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { CommuneApp, CommuneEnv, CommunePagesDeps } from './env.ts';

export function communeProcessRoutes(app: CommuneApp, deps: CommunePagesDeps): void {
  const { core } = deps;
  const who = (c: Context<CommuneEnv>) => c.get('commune');

  app.get('/commune/processes', async (c) => {
    const list = await listProcesses(core, who(c));
    return page(
      c,
      200,
      <StaffFrame role="commune" title="Các quy trình theo luật" who={officialOf(who(c))}>
        <h1>
          <Bi vi="Các quy trình theo luật" en="The law's processes" />
        </h1>
        <ProcessList items={list} base="/commune/processes" />
      </StaffFrame>,
    );
  });

  app.get('/commune/processes/:pid', async (c) => {
    const v = await processOf(core, who(c), c.req.param('pid'));
    const r = v.record;
    const sent = r.steps.some((s) => s.step === 'decision_sent');
    return page(
      c,
      200,
      <StaffFrame role="commune" title={`${PROCESS_WORDS[r.kind].vi} — ${r.hamlet}`} who={officialOf(who(c))} wide>
        <p>
          <a href="/commune/processes">
            ← <Bi vi="Quay lại" en="Back" />
          </a>
        </p>
        <h1>
          <Bi vi={`${PROCESS_WORDS[r.kind].vi} — ${r.hamlet}`} en={PROCESS_WORDS[r.kind].en} />
        </h1>
        <LateFlag rows={v.rows} />
        <ChecklistTable rows={v.rows} />
        <ProcessFacts record={r} outcome={v.outcome} />
        {sent && !r.recognition ? (
          <form method="post" action={`/commune/processes/${r.id}/recognition`} class="panel" id="recognise">
            <h2>
              <Bi vi="Quyết định của Ủy ban nhân dân cấp xã" en="UBND xã's decision" />
            </h2>
            <label>
              <Bi vi="Quyết định" en="Decision" />
              <select name="outcome">
                <option value="recognised">Công nhận người trúng cử</option>
                <option value="new_election">Quyết định bầu lại</option>
                <option value="refused">Trả lời bằng văn bản, nêu rõ lý do</option>
              </select>
            </label>
            <label>
              <Bi vi="Ngày quyết định" en="Decided on" />
              <input type="date" name="on" value={vietnamDate(core.clock.now())} required />
            </label>
            <label>
              <Bi vi="Số quyết định, văn bản" en="Decision number" />
              <input type="text" name="decision" maxlength={80} />
            </label>
            <button type="submit">
              <Bi vi="Ghi nhận quyết định" en="Record the decision" />
            </button>
          </form>
        ) : null}
      </StaffFrame>,
    );
  });

  app.post('/commune/processes/:pid/recognition', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const decision = (f.get('decision') ?? '').trim();
    const body = formBody(RecognitionBody, { outcome: f.get('outcome') ?? '', on: f.get('on') ?? '', ...(decision ? { decision } : {}) });
    await recogniseElection(core, who(c), id, body);
    return c.redirect(`/commune/processes/${id}`, 303);
  });
}
