/**
 * UBND xã's page of a village head's dismissal or a board election (../../core/office-processes.ts): the checklist,
 * the vote, and for a dismissal the forms by which UBND xã recognises it or answers in writing, appoints the acting
 * head with UBMTTQ xã and decides the new election within 60 days (Decree 59/2023 Art. 9(3)). A board election is read
 * only here: UBMTTQ xã recognises its members. Any other process is handed on to ./process-routes.tsx.
 */
import type { Context } from 'hono';
import { vietnamDate } from '../../../shared/working-days.ts';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { ChecklistTable, LateFlag, PROCESS_WORDS } from '../../../web/process/checklist-view.tsx';
import { OfficeFacts } from '../../../web/process/office-facts.tsx';
import {
  ActingHeadBody,
  appointActingHead,
  DismissalRecognitionBody,
  decideNewElection,
  isOfficeProcess,
  NewElectionBody,
  officeOf,
  recogniseDismissal,
} from '../../core/office-processes.ts';
import type { ProcessRecord } from '../../core/store.ts';
import { DayFields } from '../officials/office-process-routes.tsx';
import { formBody } from '../officials/record-sent-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { CommuneApp, CommuneEnv, CommunePagesDeps } from './env.ts';

const DECIDED = { vi: 'Ngày quyết định', en: 'Decided on' };

function DismissalForms(props: { r: ProcessRecord; today: string }) {
  const r = props.r;
  const base = `/commune/processes/${r.id}`;
  const done = (s: string) => r.steps.some((x) => x.step === s);
  if (!r.recognition)
    return done('decision_sent') ? (
      <form method="post" action={`${base}/dismissal-recognition`} class="panel" id="recognise">
        <h2>
          <Bi vi="Quyết định của Ủy ban nhân dân cấp xã" en="UBND xã's decision" />
        </h2>
        <label>
          <Bi vi="Quyết định" en="Decision" />
          <select name="outcome">
            <option value="recognised">Công nhận kết quả cho thôi</option>
            <option value="refused">Trả lời bằng văn bản, nêu rõ lý do</option>
          </select>
        </label>
        <label>
          <input type="checkbox" name="withFront" value="yes" />{' '}
          <Bi
            vi="Cuộc họp không thống nhất: đã thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã"
            en="The meeting reached no decision: agreed with UBMTTQ xã"
          />
        </label>
        <DayFields today={props.today} label={DECIDED} />
        <button type="submit">
          <Bi vi="Ghi nhận quyết định" en="Record the decision" />
        </button>
      </form>
    ) : null;
  if (r.recognition.outcome !== 'recognised') return null;
  return (
    <>
      {done('acting_head_appointed') ? null : (
        <form method="post" action={`${base}/acting-head`} class="panel" id="form-acting_head_appointed">
          <h2>
            <Bi vi="Cử Trưởng thôn, Tổ trưởng tổ dân phố lâm thời" en="Appoint the acting head" />
          </h2>
          <label>
            <Bi vi="Họ và tên" en="Name" />
            <input type="text" name="name" maxlength={120} required />
          </label>
          <DayFields today={props.today} label={DECIDED} />
          <button type="submit">
            <Bi vi="Ghi nhận" en="Record" />
          </button>
        </form>
      )}
      {done('new_election_decided') ? null : (
        <form method="post" action={`${base}/new-election`} class="panel" id="form-new_election_decided">
          <h2>
            <Bi vi="Quyết định bầu Trưởng thôn, Tổ trưởng tổ dân phố mới" en="Decide the new election" />
          </h2>
          <DayFields today={props.today} label={DECIDED} />
          <button type="submit">
            <Bi vi="Ghi nhận" en="Record" />
          </button>
        </form>
      )}
    </>
  );
}

export function communeOfficeProcessRoutes(app: CommuneApp, deps: CommunePagesDeps): void {
  const { core } = deps;
  const who = (c: Context<CommuneEnv>) => c.get('commune');
  const decision = (f: URLSearchParams) => {
    const d = (f.get('decision') ?? '').trim();
    return d ? { decision: d } : {};
  };

  app.get('/commune/processes/:pid', async (c, next) => {
    if (!(await isOfficeProcess(core, who(c), c.req.param('pid')))) return next();
    const v = await officeOf(core, who(c), c.req.param('pid'));
    const r = v.record;
    const name = PROCESS_WORDS[r.kind];
    return page(
      c,
      200,
      <StaffFrame role="commune" title={`${name.vi} — ${r.hamlet}`} who={officialOf(who(c))} wide>
        <p>
          <a href="/commune/processes">
            ← <Bi vi="Quay lại" en="Back" />
          </a>
        </p>
        <h1>
          <Bi vi={`${name.vi} — ${r.hamlet}`} en={name.en} />
        </h1>
        <LateFlag rows={v.rows} />
        <ChecklistTable rows={v.rows} />
        <OfficeFacts record={r} outcome={v.outcome} vote={v.vote} />
        {r.kind === 'dismissal' ? (
          <DismissalForms r={r} today={vietnamDate(core.clock.now())} />
        ) : (
          <p class="hint">
            <Bi vi="Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã công nhận thành viên trúng cử." en="UBMTTQ xã recognises the members elected." />
          </p>
        )}
      </StaffFrame>,
    );
  });

  app.post('/commune/processes/:pid/dismissal-recognition', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const body = formBody(DismissalRecognitionBody, {
      outcome: f.get('outcome') ?? '',
      on: f.get('on') ?? '',
      ...decision(f),
      ...(f.get('withFront') === 'yes' ? { withFront: true } : {}),
    });
    await recogniseDismissal(core, who(c), id, body);
    return c.redirect(`/commune/processes/${id}`, 303);
  });

  app.post('/commune/processes/:pid/acting-head', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    await appointActingHead(core, who(c), id, formBody(ActingHeadBody, { name: f.get('name') ?? '', on: f.get('on') ?? '', ...decision(f) }));
    return c.redirect(`/commune/processes/${id}`, 303);
  });

  app.post('/commune/processes/:pid/new-election', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    await decideNewElection(core, who(c), id, formBody(NewElectionBody, { on: f.get('on') ?? '', ...decision(f) }));
    return c.redirect(`/commune/processes/${id}`, 303);
  });
}
