/**
 * The officials' pages of the law's processes (../../core/processes.ts), starting with a village-head election: the
 * commune's list with the create form, and one process's checklist (web/process/checklist-view.tsx) with a small form
 * per step to record it. Each form is validated with zod and calls one use case, then back to the checklist (303).
 */
import { ProcessList } from '../../../web/process/process-list.tsx';
import type { Context } from 'hono';
import { NOT_ELECTED_WORDS } from '../../../shared/process/election.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { dayVi } from '../../../web/process/words.tsx';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import {
  CandidatesBody,
  CountBody,
  CreateElectionBody,
  createElection,
  listProcesses,
  NominationsBody,
  PlainStepBody,
  processOf,
  recordCandidates,
  recordCount,
  recordNominations,
  recordStep,
  recordTeam,
  TeamBody,
} from '../../core/processes.ts';
import type { Principal } from '../../core/ports.ts';
import type { ProcessRecord } from '../../core/store.ts';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { formBody } from './record-sent-routes.tsx';
import { officialOf } from './respond.tsx';
import { OfficeCreateForms } from './office-process-routes.tsx';

/** The lines of a textarea, each a name; blank lines left out. */
export const linesOf = (v: string | null) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A whole number as typed (dots as thousands separators allowed), or the text itself for the schema to refuse. */
const intOf = (v: string | null): number | string => {
  const s = (v ?? '').replace(/\./g, '').trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : s;
};

const optional = (v: string | null) => (v && v.trim() !== '' ? v : undefined);

/** The candidates, the team and the count as staff read them (names of households are never recorded). */
export function ProcessFacts(props: { record: ProcessRecord; outcome?: { elected: string[]; reason: keyof typeof NOT_ELECTED_WORDS | null } | undefined }) {
  const r = props.record;
  const name = (id: string) => r.candidates.find((c) => c.id === id)?.name ?? id;
  return (
    <section id="facts">
      <h2>
        <Bi vi="Người ứng cử" en="Candidates" />
      </h2>
      {r.candidates.length === 0 ? (
        <p>
          <Bi vi="Chưa có danh sách người ứng cử." en="No candidate list yet." />
        </p>
      ) : (
        <ul>
          {r.candidates.map((c) => (
            <li>
              {c.name}
              {r.count ? ` — ${r.count.votes[c.id] ?? 0}/${r.count.households}` : ''}
            </li>
          ))}
        </ul>
      )}
      {r.team ? (
        <>
          <h2>
            <Bi vi="Tổ bầu cử" en="Election team" />
          </h2>
          <ul>
            {r.team.map((m) => (
              <li>
                {m.name}
                {m.leads ? ' (Tổ trưởng, đại diện Ban công tác Mặt trận)' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.count && props.outcome ? (
        <>
          <h2>
            <Bi vi="Kết quả bầu" en="Result" />
          </h2>
          <p>
            <Bi
              vi={`Tổng số hộ gia đình (H, do cán bộ nhập): ${r.count.households}; số hộ dự họp: ${r.count.present}.`}
              en={`All households (H, entered): ${r.count.households}; present: ${r.count.present}.`}
            />
          </p>
          <p id="outcome">
            {props.outcome.elected.length > 0 ? (
              <Bi vi={`Trúng cử: ${props.outcome.elected.map(name).join(', ')}.`} en={`Elected: ${props.outcome.elected.map(name).join(', ')}.`} />
            ) : (
              <Bi
                vi={`Không có người trúng cử: ${props.outcome.reason ? NOT_ELECTED_WORDS[props.outcome.reason].vi : ''}.`}
                en={`Nobody is elected: ${props.outcome.reason ? NOT_ELECTED_WORDS[props.outcome.reason].en : ''}.`}
              />
            )}
          </p>
        </>
      ) : null}
      {r.recognition ? (
        <p id="recognition">
          <Bi
            vi={`Ủy ban nhân dân cấp xã đã quyết định ngày ${dayVi(r.recognition.on)}${r.recognition.decision ? ` (${r.recognition.decision})` : ''}.`}
            en="UBND xã has decided."
          />
        </p>
      ) : null}
    </section>
  );
}

/** A date field and an optional reference field, as every step's form has them. */
function DateFields(props: { today: string; reference?: boolean }) {
  return (
    <>
      <label>
        <Bi vi="Ngày thực hiện" en="Done on" />
        <input type="date" name="on" value={props.today} required />
      </label>
      {props.reference === false ? null : (
        <label>
          <Bi vi="Số, ký hiệu văn bản (nếu có)" en="Document reference (if any)" />
          <input type="text" name="reference" maxlength={80} />
        </label>
      )}
    </>
  );
}

const STEP_FORMS: { step: 'election_decided' | 'notice_posted' | 'meeting_invited' | 'decision_sent'; vi: string; en: string }[] = [
  { step: 'election_decided', vi: 'Quyết định tổ chức bầu và kế hoạch', en: 'Decision to hold the election, and plan' },
  { step: 'notice_posted', vi: 'Niêm yết, thông báo đến Nhân dân', en: 'Public notice' },
  { step: 'meeting_invited', vi: 'Thông báo cuộc họp (Mẫu số 01)', en: 'Meeting notice (form 01)' },
  { step: 'decision_sent', vi: 'Gửi quyết định đến Ủy ban nhân dân cấp xã', en: 'Decision sent to UBND xã' },
];

/** The forms of the steps not yet recorded. */
function StepForms(props: { record: ProcessRecord; today: string }) {
  const r = props.record;
  const base = `/officials/processes/${r.id}`;
  const done = (s: string) => r.steps.some((x) => x.step === s);
  if (r.recognition) return null;
  return (
    <section id="record">
      <h2>
        <Bi vi="Ghi nhận các bước" en="Record the steps" />
      </h2>
      {STEP_FORMS.filter((f) => !done(f.step) && (f.step !== 'decision_sent' || done('election_held'))).map((f) => (
        <form method="post" action={`${base}/step`} class="panel" id={`form-${f.step}`}>
          <h3>
            <Bi vi={f.vi} en={f.en} />
          </h3>
          <input type="hidden" name="step" value={f.step} />
          <DateFields today={props.today} />
          <button type="submit">
            <Bi vi="Ghi nhận" en="Record" />
          </button>
        </form>
      ))}
      {done('candidates_listed') ? null : (
        <form method="post" action={`${base}/candidates`} class="panel" id="form-candidates_listed">
          <h3>
            <Bi vi="Danh sách người ứng cử của Ban công tác Mặt trận (ít nhất 01 người)" en="The Front's candidate list (at least 1)" />
          </h3>
          <DateFields today={props.today} />
          <label>
            <Bi vi="Họ và tên người ứng cử, mỗi dòng một người" en="Candidates' names, one a line" />
            <textarea name="names" rows={3} required></textarea>
          </label>
          <button type="submit">
            <Bi vi="Ghi nhận" en="Record" />
          </button>
        </form>
      )}
      {done('team_formed') ? null : (
        <form method="post" action={`${base}/team`} class="panel" id="form-team_formed">
          <h3>
            <Bi vi="Quyết định thành lập Tổ bầu cử" en="The election team" />
          </h3>
          <DateFields today={props.today} />
          <label>
            <Bi vi="Tổ trưởng (đại diện Ban công tác Mặt trận)" en="Leader (the Front's representative)" />
            <input type="text" name="leader" maxlength={120} required />
          </label>
          <label>
            <Bi vi="Các thành viên khác, mỗi dòng một người (không phải người ứng cử)" en="Other members, one a line (no candidate)" />
            <textarea name="members" rows={3}></textarea>
          </label>
          <button type="submit">
            <Bi vi="Ghi nhận" en="Record" />
          </button>
        </form>
      )}
      {done('candidates_listed') && !done('election_held') ? (
        <>
          <form method="post" action={`${base}/nominations`} class="panel" id="form-nominations">
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
            <button type="submit">
              <Bi vi="Ghi nhận" en="Record" />
            </button>
          </form>
          <form method="post" action={`${base}/count`} class="panel" id="form-election_held">
            <h3>
              <Bi vi="Kết quả bầu tại cuộc họp" en="The count at the meeting" />
            </h3>
            <DateFields today={props.today} reference={false} />
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
            <button type="submit">
              <Bi vi="Ghi nhận kết quả" en="Record the count" />
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

/** The commune's processes and the form that creates a village-head election. */
function ProcessListPage(props: { who: Principal; list: readonly ProcessRecord[] }) {
  const list = props.list;
  return (
    <StaffFrame role="official" title="Quy trình bầu Trưởng thôn" who={officialOf(props.who)}>
      <h1>
        <Bi vi="Các quy trình theo luật" en="The law's processes" />
      </h1>
      <ProcessList items={list} base="/officials/processes" />
      <p>
        <a href="/officials/rules/new" id="rules-link">
          <Bi vi="Đề xuất xây dựng, sửa đổi hương ước, quy ước" en="Propose a community rule or a change" />
        </a>
      </p>
      <form method="post" action="/officials/processes" class="panel" id="create">
        <h2>
          <Bi vi="Tạo quy trình bầu Trưởng thôn, Tổ trưởng tổ dân phố" en="Create a village-head election" />
        </h2>
        <label>
          <Bi vi="Thôn, tổ dân phố" en="Hamlet" />
          <input type="text" name="hamlet" maxlength={120} required />
        </label>
        <label>
          <Bi vi="Ngày họp cộng đồng dân cư" en="Community meeting day" />
          <input type="date" name="meeting" required />
        </label>
        <button type="submit">
          <Bi vi="Tạo" en="Create" />
        </button>
      </form>
      <OfficeCreateForms />
    </StaffFrame>
  );
}

export function processRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const back = (c: Context<OfficialEnv>, id: string) => c.redirect(`/officials/processes/${id}#steps`, 303);

  app.get('/officials/processes', async (c) => {
    const list = await listProcesses(core, who(c));
    return page(c, 200, <ProcessListPage who={who(c)} list={list} />);
  });

  app.post('/officials/processes', formLimit, async (c) => {
    const form = await formFields(c);
    const body = formBody(CreateElectionBody, { hamlet: form.get('hamlet') ?? '', meeting: form.get('meeting') ?? '' });
    const record = await createElection(core, who(c), body);
    return back(c, record.id);
  });

  app.get('/officials/processes/:pid', async (c) => {
    const v = await processOf(core, who(c), c.req.param('pid'));
    const today = vietnamDate(core.clock.now());
    return page(
      c,
      200,
      <ChecklistView
        role="official"
        who={officialOf(who(c))}
        kind={v.record.kind}
        hamlet={v.record.hamlet}
        meeting={v.record.meeting}
        rows={v.rows}
        back="/officials/processes"
      >
        <ProcessFacts record={v.record} outcome={v.outcome} />
        <StepForms record={v.record} today={today} />
      </ChecklistView>,
    );
  });

  app.post('/officials/processes/:pid/step', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const body = formBody(PlainStepBody, { step: f.get('step') ?? '', on: f.get('on') ?? '', reference: optional(f.get('reference')) });
    await recordStep(core, who(c), id, body);
    return back(c, id);
  });

  app.post('/officials/processes/:pid/candidates', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const body = formBody(CandidatesBody, { on: f.get('on') ?? '', reference: optional(f.get('reference')), names: linesOf(f.get('names')) });
    await recordCandidates(core, who(c), id, body);
    return back(c, id);
  });

  app.post('/officials/processes/:pid/team', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const body = formBody(TeamBody, {
      on: f.get('on') ?? '',
      reference: optional(f.get('reference')),
      leader: f.get('leader') ?? '',
      members: linesOf(f.get('members')),
    });
    await recordTeam(core, who(c), id, body);
    return back(c, id);
  });

  app.post('/officials/processes/:pid/nominations', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const body = formBody(NominationsBody, { nominated: linesOf(f.get('nominated')), selfNominated: linesOf(f.get('selfNominated')) });
    await recordNominations(core, who(c), id, body);
    return back(c, id);
  });

  app.post('/officials/processes/:pid/count', formLimit, async (c) => {
    const id = c.req.param('pid');
    const f = await formFields(c);
    const votes: Record<string, number | string> = {};
    for (const [k, v] of f) if (k.startsWith('votes.')) votes[k.slice(6)] = intOf(v);
    const body = formBody(CountBody, { on: f.get('on') ?? '', households: intOf(f.get('households')), present: intOf(f.get('present')), votes });
    await recordCount(core, who(c), id, body);
    return back(c, id);
  });
}
