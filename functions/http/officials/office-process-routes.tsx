/**
 * The officials' pages of a village head's dismissal and of a board election (../../core/office-processes.ts,
 * office-boards.ts): the create forms on the processes' list, and one process's checklist with a form per step not yet
 * recorded. The checklist page answers for these kinds only and hands any other process on to ./process-routes.tsx.
 * Each form is validated with zod and calls one use case, then back to the checklist (303).
 */
import type { Context } from 'hono';
import { BOARD_WORDS } from '../../../shared/process/boards.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { Bi } from '../../../web/officials/parts.tsx';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { OfficeFacts } from '../../../web/process/office-facts.tsx';
import {
  BoardCandidatesBody,
  BoardCountBody,
  BoardNominationsBody,
  CreateBoardBody,
  createBoardElection,
  recordBoardCandidates,
  recordBoardCount,
  recordBoardNominations,
} from '../../core/office-boards.ts';
import {
  CreateDismissalBody,
  createDismissal,
  DismissalVoteBody,
  isOfficeProcess,
  OfficeStepBody,
  officeOf,
  recordDismissalVote,
  recordOfficeStep,
} from '../../core/office-processes.ts';
import type { ProcessRecord } from '../../core/store.ts';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { formBody } from './record-sent-routes.tsx';
import { officialOf } from './respond.tsx';

/** A whole number as typed (dots as thousands separators allowed), or the text itself for the schema to refuse. */
export const intOf = (v: string | null): number | string => {
  const s = (v ?? '').replace(/\./g, '').trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : s;
};
/** The lines of a textarea, each a name or a roll id; blank lines left out. */
const linesOf = (v: string | null) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
const optional = (v: string | null) => (v && v.trim() !== '' ? v : undefined);

function Submit(props: { label?: string }) {
  return (
    <button type="submit">
      <Bi vi={props.label ?? 'Ghi nhận'} en="Record" />
    </button>
  );
}

/** A date field and an optional reference field, as every step's form has them. */
export function DayFields(props: { today: string; reference?: boolean; label?: { vi: string; en: string } }) {
  return (
    <>
      <label>
        <Bi vi={props.label?.vi ?? 'Ngày thực hiện'} en={props.label?.en ?? 'Done on'} />
        <input type="date" name="on" value={props.today} required />
      </label>
      {props.reference === false ? null : (
        <label>
          <Bi vi="Số, ký hiệu văn bản (nếu có)" en="Document reference (if any)" />
          <input type="text" name={props.label ? 'decision' : 'reference'} maxlength={80} />
        </label>
      )}
    </>
  );
}

/** The forms that create a dismissal and a board election, on the processes' list page. */
export function OfficeCreateForms() {
  return (
    <>
      <form method="post" action="/officials/processes/new/dismissal" class="panel" id="create-dismissal">
        <h2>
          <Bi vi="Tạo quy trình cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố" en="Create a dismissal of the village head" />
        </h2>
        <label>
          <Bi vi="Thôn, tổ dân phố" en="Hamlet" />
          <input type="text" name="hamlet" maxlength={120} required />
        </label>
        <label>
          <Bi vi="Ngày họp cộng đồng dân cư" en="Community meeting day" />
          <input type="date" name="meeting" required />
        </label>
        <label>
          <Bi vi="Căn cứ" en="Ground" />
          <select name="ground">
            <option value="own_request">Trưởng thôn có đơn xin thôi</option>
            <option value="front_proposal">Trưởng ban công tác Mặt trận đề nghị</option>
          </select>
        </label>
        <label>
          <input type="checkbox" name="headLeadsFront" value="yes" />{' '}
          <Bi vi="Trưởng thôn đồng thời là Trưởng ban công tác Mặt trận" en="The head also leads the Front working committee" />
        </label>
        <label>
          <Bi vi="Kiến nghị của hộ gia đình (nếu có): tổng số hộ gia đình (H)" en="Households' petition (if any): all households (H)" />
          <input type="text" inputmode="numeric" name="petitionHouseholds" />
        </label>
        <label>
          <Bi vi="Mã hộ trong danh sách của các hộ kiến nghị, mỗi dòng một mã" en="Roll ids of the petitioning households, one a line" />
          <textarea name="petitionRollIds" rows={3}></textarea>
        </label>
        <Submit label="Tạo" />
      </form>
      <form method="post" action="/officials/processes/new/board" class="panel" id="create-board">
        <h2>
          <Bi vi="Tạo quy trình bầu thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng" en="Create a board election" />
        </h2>
        <label>
          <Bi vi="Thôn, tổ dân phố" en="Hamlet" />
          <input type="text" name="hamlet" maxlength={120} required />
        </label>
        <label>
          <Bi vi="Ngày họp cộng đồng dân cư" en="Community meeting day" />
          <input type="date" name="meeting" required />
        </label>
        <label>
          <Bi vi="Ban" en="Board" />
          <select name="board">
            <option value="inspection">{BOARD_WORDS.inspection.vi}</option>
            <option value="investment_supervision">{BOARD_WORDS.investment_supervision.vi}</option>
          </select>
        </label>
        <label>
          <Bi vi="Số thành viên cần bầu" en="Members to elect" />
          <input type="text" inputmode="numeric" name="seats" value="3" required />
        </label>
        <Submit label="Tạo" />
      </form>
    </>
  );
}

const STEP_FORMS = [
  { step: 'dismissal_requested', kinds: ['dismissal'], vi: 'Đơn xin thôi, hoặc đề nghị của Trưởng ban công tác Mặt trận', en: 'The request or the proposal' },
  { step: 'meeting_invited', kinds: ['dismissal', 'board_election'], vi: 'Thông báo cuộc họp (Mẫu số 01)', en: 'Meeting notice (form 01)' },
  {
    step: 'decision_sent',
    kinds: ['dismissal', 'board_election'],
    vi: 'Gửi quyết định đến Ủy ban nhân dân cấp xã, Ủy ban Mặt trận Tổ quốc cấp xã',
    en: 'Decision sent',
  },
] as const;

function PlainForms(props: { r: ProcessRecord; today: string; held: boolean }) {
  const r = props.r;
  const done = (s: string) => r.steps.some((x) => x.step === s);
  return (
    <>
      {STEP_FORMS.filter((f) => (f.kinds as readonly string[]).includes(r.kind) && !done(f.step) && (f.step !== 'decision_sent' || props.held)).map((f) => (
        <form method="post" action={`/officials/processes/${r.id}/office-step`} class="panel" id={`form-${f.step}`}>
          <h3>
            <Bi vi={f.vi} en={f.en} />
          </h3>
          <input type="hidden" name="step" value={f.step} />
          <DayFields today={props.today} />
          <Submit />
        </form>
      ))}
    </>
  );
}

function DismissalForms(props: { r: ProcessRecord; today: string }) {
  if (props.r.dismissalVote) return null;
  return (
    <form method="post" action={`/officials/processes/${props.r.id}/dismissal-vote`} class="panel" id="form-dismissal_meeting">
      <h3>
        <Bi vi="Kết quả biểu quyết tại cuộc họp" en="The vote at the meeting" />
      </h3>
      <DayFields today={props.today} reference={false} />
      <label>
        <Bi vi="Tổng số hộ gia đình trong thôn (H)" en="All households in the hamlet (H)" />
        <input type="text" inputmode="numeric" name="households" required />
      </label>
      <label>
        <Bi vi="Số hộ dự họp" en="Households present" />
        <input type="text" inputmode="numeric" name="present" required />
      </label>
      <label>
        <Bi vi="Số hộ tán thành cho thôi" en="Households in favour of the dismissal" />
        <input type="text" inputmode="numeric" name="yes" required />
      </label>
      <Submit label="Ghi nhận kết quả" />
    </form>
  );
}

function BoardForms(props: { r: ProcessRecord; today: string }) {
  const r = props.r;
  const base = `/officials/processes/${r.id}`;
  const listed = r.steps.some((s) => s.step === 'board_candidates_listed');
  if (r.count) return null;
  if (!listed)
    return (
      <form method="post" action={`${base}/board-candidates`} class="panel" id="form-board_candidates_listed">
        <h3>
          <Bi vi="Danh sách người ứng cử của Ban công tác Mặt trận" en="The Front's candidate list" />
        </h3>
        <DayFields today={props.today} />
        <label>
          <Bi vi="Họ và tên người ứng cử, mỗi dòng một người" en="Candidates' names, one a line" />
          <textarea name="names" rows={4} required></textarea>
        </label>
        <Submit />
      </form>
    );
  return (
    <>
      <form method="post" action={`${base}/board-nominations`} class="panel" id="form-board-nominations">
        <h3>
          <Bi vi="Người được đề cử, tự ứng cử tại cuộc họp" en="Nominations from the floor" />
        </h3>
        <label>
          <Bi vi="Được đề cử, mỗi dòng một người" en="Nominated, one a line" />
          <textarea name="nominated" rows={2}></textarea>
        </label>
        <label>
          <Bi vi="Tự ứng cử, mỗi dòng một người" en="Standing, one a line" />
          <textarea name="selfNominated" rows={2}></textarea>
        </label>
        <Submit />
      </form>
      <form method="post" action={`${base}/board-count`} class="panel" id="form-board_election_held">
        <h3>
          <Bi vi="Kết quả bầu tại cuộc họp" en="The count at the meeting" />
        </h3>
        <DayFields today={props.today} reference={false} />
        <label>
          <Bi vi="Tổng số hộ gia đình trong thôn (H)" en="All households in the hamlet (H)" />
          <input type="text" inputmode="numeric" name="households" required />
        </label>
        <label>
          <Bi vi="Số hộ dự họp" en="Households present" />
          <input type="text" inputmode="numeric" name="present" required />
        </label>
        {r.candidates.map((c) => (
          <label>
            <Bi vi={`Số phiếu tán thành: ${c.name}`} en={`Votes for ${c.name}`} />
            <input type="text" inputmode="numeric" name={`votes.${c.id}`} value="0" required />
          </label>
        ))}
        <Submit label="Ghi nhận kết quả" />
      </form>
    </>
  );
}

function OfficeForms(props: { r: ProcessRecord; today: string }) {
  const r = props.r;
  if (r.recognition) return null;
  const held = r.steps.some((s) => s.step === (r.kind === 'dismissal' ? 'dismissal_meeting' : 'board_election_held'));
  return (
    <section id="record">
      <h2>
        <Bi vi="Ghi nhận các bước" en="Record the steps" />
      </h2>
      <PlainForms r={r} today={props.today} held={held} />
      {r.kind === 'dismissal' ? <DismissalForms r={r} today={props.today} /> : <BoardForms r={r} today={props.today} />}
    </section>
  );
}

export function officeProcessRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const back = (c: Context<OfficialEnv>, id: string) => c.redirect(`/officials/processes/${id}#steps`, 303);
  const post = (path: string, act: (c: Context<OfficialEnv>, f: URLSearchParams) => Promise<string>) =>
    app.post(path, formLimit, async (c) => back(c, await act(c, await formFields(c))));

  // A dismissal or a board election; any other process is the village-head election's page.
  app.get('/officials/processes/:pid', async (c, next) => {
    if (!(await isOfficeProcess(core, who(c), c.req.param('pid')))) return next();
    const v = await officeOf(core, who(c), c.req.param('pid'));
    const r = v.record;
    return page(
      c,
      200,
      <ChecklistView role="official" who={officialOf(who(c))} kind={r.kind} hamlet={r.hamlet} meeting={r.meeting} rows={v.rows} back="/officials/processes">
        <OfficeFacts record={r} outcome={v.outcome} vote={v.vote} />
        <OfficeForms r={r} today={vietnamDate(core.clock.now())} />
      </ChecklistView>,
    );
  });

  post('/officials/processes/new/dismissal', async (c, f) => {
    const ids = linesOf(f.get('petitionRollIds'));
    const households = optional(f.get('petitionHouseholds'));
    const body = formBody(CreateDismissalBody, {
      hamlet: f.get('hamlet') ?? '',
      meeting: f.get('meeting') ?? '',
      ground: f.get('ground') ?? '',
      headLeadsFront: f.get('headLeadsFront') === 'yes',
      ...(ids.length > 0 || households ? { petition: { households: intOf(households ?? ''), rollIds: ids } } : {}),
    });
    return (await createDismissal(core, who(c), body)).id;
  });

  post('/officials/processes/new/board', async (c, f) => {
    const body = formBody(CreateBoardBody, {
      hamlet: f.get('hamlet') ?? '',
      meeting: f.get('meeting') ?? '',
      board: f.get('board') ?? '',
      seats: intOf(f.get('seats')),
    });
    return (await createBoardElection(core, who(c), body)).id;
  });

  post('/officials/processes/:pid/office-step', async (c, f) => {
    const body = formBody(OfficeStepBody, { step: f.get('step') ?? '', on: f.get('on') ?? '', reference: optional(f.get('reference')) });
    await recordOfficeStep(core, who(c), c.req.param('pid') ?? '', body);
    return c.req.param('pid') ?? '';
  });

  post('/officials/processes/:pid/dismissal-vote', async (c, f) => {
    const body = formBody(DismissalVoteBody, {
      on: f.get('on') ?? '',
      households: intOf(f.get('households')),
      present: intOf(f.get('present')),
      yes: intOf(f.get('yes')),
    });
    await recordDismissalVote(core, who(c), c.req.param('pid') ?? '', body);
    return c.req.param('pid') ?? '';
  });

  post('/officials/processes/:pid/board-candidates', async (c, f) => {
    const body = formBody(BoardCandidatesBody, { on: f.get('on') ?? '', reference: optional(f.get('reference')), names: linesOf(f.get('names')) });
    await recordBoardCandidates(core, who(c), c.req.param('pid') ?? '', body);
    return c.req.param('pid') ?? '';
  });

  post('/officials/processes/:pid/board-nominations', async (c, f) => {
    const body = formBody(BoardNominationsBody, { nominated: linesOf(f.get('nominated')), selfNominated: linesOf(f.get('selfNominated')) });
    await recordBoardNominations(core, who(c), c.req.param('pid') ?? '', body);
    return c.req.param('pid') ?? '';
  });

  post('/officials/processes/:pid/board-count', async (c, f) => {
    const votes: Record<string, number | string> = {};
    for (const [k, v] of f) if (k.startsWith('votes.')) votes[k.slice(6)] = intOf(v);
    const body = formBody(BoardCountBody, { on: f.get('on') ?? '', households: intOf(f.get('households')), present: intOf(f.get('present')), votes });
    await recordBoardCount(core, who(c), c.req.param('pid') ?? '', body);
    return c.req.param('pid') ?? '';
  });
}
