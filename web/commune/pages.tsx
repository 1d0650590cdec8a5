/**
 * The pages of UBND xã (role `commune`; sign-in is ../sign-in-page.tsx): the commune's published rounds whose
 * decision it recognises (community rules, the village head: Law 10/2022 Art. 21(2)) with where each stands, and one
 * round with what followed its publication and the forms of its acts: recognise or refuse with reasons (Art. 21(2)),
 * annul, or ask the community to amend (Art. 22). Forms without script; a phone's width.
 */
import type { AfterPublication } from '../../shared/recognition.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { SendingAndRecognition, vnDate } from '../after-publication.tsx';
import { MATTER_VI } from '../format.ts';
import { StaffFrame } from '../officials/frame.tsx';
import type { Official } from '../officials/model.ts';
import { Bi } from '../officials/parts.tsx';
import { DATE_STYLE, DateAndReference } from '../officials/record-sent.tsx';
import { En } from '../lang.tsx';

const STYLE = `${DATE_STYLE}fieldset{border:0;padding:0;margin:1rem 0 0}form.act{margin-top:1.5rem}`;

export interface CommuneRound {
  consultation: Consultation;
  record: AfterPublication;
}

/** Where a round stands for UBND xã, in both languages. */
export function standing(r: AfterPublication): readonly [vi: string, en: string] {
  const rec = r.recognition;
  if (r.annulment) return ['Đã bãi bỏ', 'Annulled'];
  if (rec?.decision) return rec.decision.decision === 'recognized' ? ['Đã công nhận', 'Recognised'] : ['Không công nhận', 'Refused'];
  if (!rec?.deadline) return ['Chưa ghi nhận việc gửi đến UBND xã', 'Not yet recorded as sent to UBND xã'];
  const due = `${vnDate(rec.deadline)}${rec.overdue ? ', quá hạn' : ''}`;
  return [`Chờ công nhận, hạn ${due}`, `Awaiting recognition by ${vnDate(rec.deadline)}${rec.overdue ? ', overdue' : ''}`];
}

export function CommuneDashboardPage(props: { commune: Official; rounds: readonly CommuneRound[] }) {
  return (
    <StaffFrame role="commune" title="Quyết định cần công nhận" who={props.commune} style={STYLE}>
      <h1>
        <Bi vi="Quyết định của cộng đồng dân cư cần UBND xã công nhận" en="Community decisions the commune People’s Committee recognises" />
      </h1>
      <p class="hint">
        <Bi
          vi="Hương ước, quy ước và bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố (Điều 15 khoản 3, 4; Điều 21)."
          en="Community rules and electing or dismissing the village head (Art. 15(3), (4); Art. 21)."
        />
      </p>
      <p>
        <a href="/commune/processes" id="processes-link">
          <Bi vi="Bầu Trưởng thôn: công nhận kết quả" en="Village-head elections: recognition" />
        </a>
        {' · '}
        <a href="/commune/name">
          <Bi vi="Tên hiển thị của xã" en="The commune’s display name" />
        </a>
        {props.commune.communeName ? null : (
          <>
            {' '}
            — <Bi vi="chưa đặt: các trang đang hiện mã xã." en="not set: the pages show the commune id." />
          </>
        )}
      </p>
      {props.rounds.length === 0 ? (
        <p>
          <Bi vi="Chưa có kết quả nào được công bố." en="No result has been published yet." />
        </p>
      ) : (
        <ul>
          {props.rounds.map(({ consultation: c, record }) => {
            const [vi, en] = standing(record);
            return (
              <li>
                <a href={`/commune/c/${c.id}`}>{c.title}</a>
                <br />
                <span class="hint">{c.scope.name}</span> — <Bi vi={vi} en={en} />
              </li>
            );
          })}
        </ul>
      )}
    </StaffFrame>
  );
}

const DONE: Record<string, readonly [string, string]> = {
  recognition: ['Đã ghi nhận trả lời của UBND xã.', 'The answer was recorded.'],
  annulment: ['Đã ghi nhận việc bãi bỏ quyết định.', 'The annulment was recorded.'],
  amendment: ['Đã ghi nhận đề nghị sửa đổi.', 'The request to amend was recorded.'],
};

export interface CommuneRoundPageInput extends CommuneRound {
  commune: Official;
  resultUrl?: string | undefined;
  today: string;
  done?: string | undefined;
}

export function CommuneRoundPage(props: CommuneRoundPageInput) {
  const { consultation: c, record: r } = props;
  const base = `/commune/c/${c.id}`;
  const done = props.done ? DONE[props.done] : undefined;
  const annulled = r.annulment !== undefined;
  const mayRecognise = r.takesEffect === 'ubnd_xa' && !annulled && !r.recognition?.decision && r.recognition?.deadline !== undefined;
  return (
    <StaffFrame role="commune" title={c.title} who={props.commune} style={STYLE}>
      {done ? (
        <div class="panel panel-ok" role="status">
          <p>
            <Bi vi={done[0]} en={done[1]} />
          </p>
        </div>
      ) : null}
      <p>
        <a href="/commune/">
          <Bi vi="← Danh sách" en="Back to the list" />
        </a>
      </p>
      <h1>{c.title}</h1>
      <p>
        {c.scope.name}. {MATTER_VI[c.matter]}.
      </p>
      {props.resultUrl ? (
        <p>
          <a href={props.resultUrl}>
            <Bi vi="Kết quả đã công bố" en="The published result" />
          </a>
        </p>
      ) : null}
      <SendingAndRecognition record={r} />
      {mayRecognise ? <RecognitionForm base={base} today={props.today} /> : null}
      {r.takesEffect === 'ubnd_xa' && !r.recognition?.deadline && !annulled ? (
        <p>
          <Bi
            vi="Khi cán bộ thôn ghi nhận đã gửi quyết định đến UBND xã, mẫu công nhận sẽ hiện ở đây."
            en="Once the hamlet’s officials record sending the decision to UBND xã, the recognition form appears here."
          />
        </p>
      ) : null}
      {r.takesEffect !== 'none' && !annulled ? (
        <Art22Form action={`${base}/annulment`} prefix="annul" today={props.today} vi="Bãi bỏ quyết định (Điều 22)" en="Annul the decision (Art. 22)" />
      ) : null}
      {r.takesEffect !== 'none' && !annulled && !r.amendmentRequest ? (
        <Art22Form
          action={`${base}/amendment-request`}
          prefix="amend"
          today={props.today}
          vi="Đề nghị cộng đồng dân cư sửa đổi, bổ sung, thay thế (Điều 22)"
          en="Ask the community to amend, supplement or replace it (Art. 22)"
        />
      ) : null}
    </StaffFrame>
  );
}

function Reason(props: { prefix: string; required?: boolean }) {
  return (
    <>
      <label class="field" for={`${props.prefix}-reason`}>
        <Bi vi={props.required ? 'Lý do' : 'Lý do (bắt buộc khi không công nhận)'} en={props.required ? 'Reasons' : 'Reasons (required for a refusal)'} />
      </label>
      <textarea id={`${props.prefix}-reason`} name="reason" maxlength={2000} required={props.required === true}></textarea>
    </>
  );
}

function RecognitionForm(props: { base: string; today: string }) {
  return (
    <form method="post" action={`${props.base}/recognition`} class="act" id="recognition">
      <h2>
        <Bi vi="Công nhận kết quả (Điều 21 khoản 2)" en="Recognise the decision (Art. 21(2))" />
      </h2>
      <fieldset>
        <legend>
          <Bi vi="Trả lời" en="Answer" />
        </legend>
        <label>
          <input type="radio" name="decision" value="recognized" required checked /> Công nhận <En>(recognise)</En>
        </label>
        <br />
        <label>
          <input type="radio" name="decision" value="refused" /> Không công nhận, nêu rõ lý do <En>(refuse, with reasons)</En>
        </label>
      </fieldset>
      <DateAndReference prefix="rec" today={props.today} />
      <Reason prefix="rec" />
      <p>
        <button type="submit">
          Ghi nhận <En bare>Record</En>
        </button>
      </p>
    </form>
  );
}

function Art22Form(props: { action: string; prefix: string; today: string; vi: string; en: string }) {
  return (
    <form method="post" action={props.action} class="act" id={props.prefix}>
      <h2>
        <Bi vi={props.vi} en={props.en} />
      </h2>
      <DateAndReference prefix={props.prefix} today={props.today} />
      <Reason prefix={props.prefix} required />
      <p>
        <button type="submit" class="secondary">
          Ghi nhận <En bare>Record</En>
        </button>
      </p>
    </form>
  );
}
