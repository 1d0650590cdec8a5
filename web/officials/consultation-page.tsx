/**
 * One consultation for its commune's officials: where it stands, the acts its state allows, and, while voting,
 * the live turnout by channel. Never the running tally: nobody sees counts of answers before the close.
 */
import type { AfterPublication } from '../../shared/recognition.ts';
import { threshold } from '../../shared/rules.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { KIND } from '../documents.tsx';
import { fileSize, MATTER_VI, METHOD_VI, vnTime } from '../format.ts';
import { ruleInWords } from '../result-page.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official, Turnout } from './model.ts';
import { Bi, ruleVi, StateLabel, TurnoutTable } from './parts.tsx';
import { DATE_STYLE, RecordSentSection } from './record-sent.tsx';

export interface ConsultationPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  turnout: Turnout;
  /** The public page on the site (disclosure, then the result). */
  publicUrl: string;
  resultUrl?: string | undefined;
  /** The decision record of the published result is drafted: the village head can sign it with a key. */
  minutesDrafted?: boolean | undefined;
  /** What was just done, said once at the top. */
  done?: string | undefined;
  /** Now, to say when voting is open but its opening time has not come (codes handed out ahead). */
  now?: Date | undefined;
  /** A published round: what followed publication (the sending, the recognition), with the form to record a sending. */
  record?: AfterPublication | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  created: ['Đã tạo dự thảo.', 'The draft was created.'],
  saved: ['Đã lưu dự thảo.', 'The draft was saved.'],
  disclosed: ['Đã công khai trên trang web; người dân có thể xem và góp ý.', 'Disclosed on the site for discussion.'],
  cancelled: ['Đã hủy cuộc lấy ý kiến.', 'The consultation was cancelled.'],
  sent: ['Đã ghi nhận việc gửi văn bản.', 'The sending was recorded.'],
};

/** A button posting to `action` (an act that changes nothing else, so no confirmation step). */
function ActButton(props: { action: string; vi: string; en: string }) {
  return (
    <form method="post" action={props.action}>
      <button type="submit">
        {props.vi} <span lang="en">{props.en}</span>
      </button>
    </form>
  );
}

function Link(props: { href: string; vi: string; en: string }) {
  return (
    <a class="button secondary" href={props.href}>
      <Bi vi={props.vi} en={props.en} />
    </a>
  );
}

export function ConsultationPage(props: ConsultationPageInput) {
  const { consultation: c, state, turnout } = props;
  const base = `/officials/c/${c.id}`;
  const done = props.done ? DONE[props.done] : undefined;
  const before = state === 'draft' || state === 'disclosure';
  const eligible = turnout.eligible;
  return (
    <OfficialFrame title={c.title} official={props.official} style={props.record ? DATE_STYLE : ''}>
      {done ? (
        <div class="panel panel-ok" role="status">
          <p>
            <Bi vi={done[0]} en={done[1]} />
          </p>
        </div>
      ) : null}
      <h1>{c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          {c.titleEn}
        </p>
      ) : null}
      <p>
        <StateLabel state={state} />
      </p>
      <dl class="facts">
        <dt>
          <Bi vi="Phạm vi" en="Scope" />
        </dt>
        <dd>{c.scope.name}</dd>
        <dt>
          <Bi vi="Nội dung" en="Matter" />
        </dt>
        <dd>{MATTER_VI[c.matter]}</dd>
        <dt>
          <Bi vi="Hình thức" en="Method" />
        </dt>
        <dd>{METHOD_VI[c.method]}</dd>
        <dt>
          <Bi vi="Thời gian (giờ Việt Nam)" en="Dates (Vietnam time)" />
        </dt>
        <dd>
          {vnTime(c.opensAt)} – {vnTime(c.closesAt)}
          {state === 'voting' && props.now && Date.parse(c.opensAt) > props.now.getTime() ? (
            <p class="hint" id="not-yet">
              <Bi
                vi={`Mã đã được cấp; phiếu biểu quyết chỉ được nhận từ ${vnTime(c.opensAt)} (giờ Việt Nam).`}
                en={`The codes are issued; ballots are accepted from ${vnTime(c.opensAt)} (Vietnam time).`}
              />
            </p>
          ) : null}
        </dd>
        <dt>
          <Bi vi="Tổng số hộ trong danh sách" en="Households on the roll" />
        </dt>
        <dd>{eligible}</dd>
      </dl>

      <h2>
        <Bi vi="Thao tác" en="Actions" />
      </h2>
      <div class="actions">
        {state === 'draft' ? <Link href={`${base}/edit`} vi="Sửa dự thảo" en="Edit" /> : null}
        {before ? <Link href={`${base}/preview`} vi="Xem trước trang công khai" en="Preview the public page" /> : null}
        {before ? <Link href={`${base}/roll`} vi="Danh sách hộ" en="Household roll" /> : null}
        {before ? <Link href={`${base}/documents`} vi="Tài liệu đính kèm" en="Attached documents" /> : null}
        {state === 'draft' ? <ActButton action={`${base}/disclose`} vi="Công khai để lấy ý kiến" en="Disclose" /> : null}
        {before ? <Link href={`${base}/open`} vi="Mở biểu quyết, in phiếu" en="Open voting, print slips" /> : null}
        {before ? <Link href={`${base}/cancel`} vi="Hủy" en="Cancel" /> : null}
        {state === 'published' ? <Link href={`${base}/minutes`} vi="Văn bản quyết định" en="Decision record" /> : null}
        {state === 'published' && props.minutesDrafted ? (
          <Link href={`${base}/minutes/sign`} vi="Ký số văn bản quyết định" en="Sign the decision record" />
        ) : null}
        {state === 'published' ? <Link href={`${base}/next`} vi="Vòng biểu quyết mới" en="A new round" /> : null}
        {c.method === 'meeting' && (state === 'disclosure' || state === 'voting') ? (
          <Link href={`${base}/meeting`} vi="Cuộc họp: điểm danh" en="Meeting: attendance" />
        ) : null}
        {state === 'voting' ? <Link href={`${base}/paper`} vi="Nhập phiếu giấy" en="Enter paper ballots" /> : null}
        {state !== 'draft' ? <Link href={`${base}/discussion`} vi="Ý kiến và giải trình" en="Questions and answers" /> : null}
        {state === 'voting' || state === 'closed' || state === 'published' ? (
          <Link href={`${base}/opinions`} vi="Ý kiến khác của các hộ" en="Other opinions" />
        ) : null}
        {state === 'published' ? <Link href={`${base}/complaints`} vi="Khiếu nại và công nhận kết quả" en="Complaints and recognition" /> : null}
        {state === 'voting' || state === 'closed' ? <Link href={`${base}/close`} vi="Kết thúc và công bố kết quả" en="Close and publish" /> : null}
        {state === 'published' && c.matter === 'contribution' ? (
          <Link href={`${base}/contributions`} vi="Thu, chi đóng góp" en="Contributions collected and spent" />
        ) : null}
      </div>
      {state === 'voting' && c.method === 'online' ? (
        <form method="post" action={`${base}/reissue`}>
          <h3>
            <Bi vi="Cấp lại mã cho một hộ" en="Reissue a household’s code" />
          </h3>
          <label class="field" for="reissue-household">
            <Bi vi="Mã hộ" en="Roll id" />
          </label>
          <p class="hint" id="reissue-hint">
            <Bi vi="Mã cũ của hộ sẽ không dùng được nữa; phiếu hộ đã bỏ vẫn được tính." en="The old code stops working; a ballot already cast still counts." />
          </p>
          <input type="text" id="reissue-household" name="household" class="short" required maxlength={32} autocomplete="off" aria-describedby="reissue-hint" />
          <button type="submit" class="secondary">
            Cấp lại mã <span lang="en">Reissue</span>
          </button>
        </form>
      ) : null}

      {state === 'published' && props.record ? <RecordSentSection id={c.id} record={props.record} today={vietnamDate(props.now ?? new Date())} /> : null}

      {state === 'voting' || state === 'closed' || state === 'published' ? (
        <section aria-labelledby="turnout">
          <h2 id="turnout">
            <Bi vi="Số hộ tham gia" en="Turnout" />
          </h2>
          <TurnoutTable turnout={turnout} />
          {state === 'published' ? null : (
            <p>
              <Bi vi="Kết quả chỉ được kiểm và công bố sau khi kết thúc biểu quyết." en="The result is counted and published only after voting closes." />{' '}
              <a href={base}>
                <Bi vi="Cập nhật số liệu" en="Refresh" />
              </a>
            </p>
          )}
        </section>
      ) : null}

      <h2>
        <Bi vi="Trang công khai" en="Public pages" />
      </h2>
      <ul>
        {state === 'published' && props.resultUrl ? (
          <li>
            <a href={props.resultUrl}>
              <Bi vi="Kết quả đã ký số" en="The signed result" />
            </a>
          </li>
        ) : null}
        {state !== 'draft' && state !== 'published' ? (
          <li>
            <a href={props.publicUrl}>
              <Bi vi="Trang công khai của cuộc lấy ý kiến" en="The consultation’s public page" />
            </a>
          </li>
        ) : null}
        {state === 'voting' && c.method === 'online' ? (
          <li>
            <a href={`/vote/${c.id}`}>
              <Bi vi="Trang biểu quyết của hộ" en="The households’ voting page" />
            </a>
          </li>
        ) : null}
        {state === 'draft' ? (
          <li>
            <Bi vi="Dự thảo chưa công khai." en="A draft is not public." />
          </li>
        ) : null}
      </ul>

      <h2>
        <Bi vi="Tài liệu đính kèm" en="Attached documents" />
      </h2>
      {(c.documents ?? []).length === 0 ? (
        <p>
          <Bi vi="Chưa có tài liệu nào." en="No document yet." />
        </p>
      ) : (
        <ul>
          {(c.documents ?? []).map((d) => (
            <li>
              <a href={`${props.publicUrl}${d.file}`} type={d.mediaType}>
                {d.title}
              </a>{' '}
              — {KIND[d.mediaType][0]}, {fileSize(d.bytes)}
            </li>
          ))}
        </ul>
      )}

      <h2>
        <Bi vi="Câu hỏi" en="Questions" />
      </h2>
      <ol>
        {c.questions.map((q) => (
          <li>
            {q.text}
            <br />
            <span class="hint">
              <Bi vi="Thông qua khi:" en="Passes with:" />{' '}
              {q.rule.base === 'eligible' && eligible > 0 ? ruleInWords(q.rule, threshold(q.rule, eligible, eligible)) : ruleVi(q.rule)}
            </span>
          </li>
        ))}
      </ol>
    </OfficialFrame>
  );
}
