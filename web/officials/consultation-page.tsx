/**
 * One consultation for its commune's officials: where it stands, the acts its state allows, and, while voting,
 * the live turnout by channel. Never the running tally: nobody sees counts of answers before the close.
 */
import type { AfterPublication } from '../../shared/recognition.ts';
import { canReachThreshold, threshold } from '../../shared/rules.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { KIND } from '../documents.tsx';
import { fileSize, MATTER_VI, METHOD_VI, notYetOpen, vnTime } from '../format.ts';
import { ruleInWords } from '../result-page.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official, Turnout } from './model.ts';
import { Bi, ruleVi, StateLabel, TurnoutTable } from './parts.tsx';
import { DATE_STYLE, RecordSentSection } from './record-sent.tsx';
import { En, showsEnglish } from '../lang.tsx';

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
  /** When voting actually closed, once it has. */
  closedAt?: string | undefined;
  /** A meeting: the households present so far (only they can vote). */
  present?: number | undefined;
}

/**
 * The questions whose rule can no longer be met, from turnout alone (never the running tally): at a meeting only the
 * households present vote; otherwise every household may still vote until the planned close, and after it only those
 * who took part count.
 */
export function unreachableQuestions(props: Pick<ConsultationPageInput, 'consultation' | 'state' | 'turnout' | 'now' | 'present'>) {
  const { consultation: c, state, turnout } = props;
  if (state !== 'voting' || turnout.eligible === 0) return [];
  const now = props.now ?? new Date();
  const best = c.method === 'meeting' ? props.present : Date.parse(c.closesAt) > now.getTime() ? turnout.eligible : turnout.participants;
  // A meeting whose attendance has not begun says nothing yet.
  if (best === undefined || (c.method === 'meeting' && best === 0)) return [];
  return c.questions.flatMap((q) =>
    canReachThreshold(q.rule, best, turnout.eligible) ? [] : [{ question: q, threshold: threshold(q.rule, turnout.eligible, best), best }],
  );
}

/** A warning that a rule can no longer be met as turnout stands. */
function UnreachableWarning(props: { list: ReturnType<typeof unreachableQuestions>; meeting: boolean; eligible: number }) {
  if (props.list.length === 0) return null;
  return (
    <div class="panel panel-alert" role="status" id="unreachable">
      <h2>
        <Bi vi="Không thể đạt điều kiện thông qua" en="The rule can no longer be met" />
      </h2>
      <ul>
        {props.list.map((u) => (
          <li>
            {u.question.text}:{' '}
            <Bi
              vi={
                props.meeting
                  ? `mới có ${u.best}/${props.eligible} hộ có mặt: nếu không thêm hộ nào đến dự, không thể đạt điều kiện thông qua (${ruleVi(u.question.rule)}) dù tất cả đều đồng ý.`
                  : `chỉ ${u.best}/${props.eligible} hộ đã tham gia và thời gian biểu quyết đã hết, không đủ để đạt điều kiện thông qua (${ruleVi(u.question.rule)}).`
              }
              en={
                props.meeting
                  ? `only ${u.best} of ${props.eligible} households are present: unless more arrive, the rule cannot be met even if all agree.`
                  : `only ${u.best} of ${props.eligible} households took part and the voting time is over: too few to meet the rule.`
              }
            />
          </li>
        ))}
      </ul>
      <p>
        <Bi
          vi="Nếu kết thúc như vậy, câu hỏi không được thông qua; có thể cần tổ chức vòng lấy ý kiến mới."
          en="Closed like this, the question does not pass; a new round may be needed."
        />
      </p>
    </div>
  );
}

const DONE: Record<string, readonly [string, string]> = {
  created: ['Đã tạo dự thảo.', 'The draft was created.'],
  saved: ['Đã lưu dự thảo.', 'The draft was saved.'],
  disclosed: ['Đã công khai trên trang web; người dân có thể xem và góp ý.', 'Disclosed on the site for discussion.'],
  cancelled: ['Đã hủy cuộc lấy ý kiến.', 'The consultation was cancelled.'],
  sent: ['Đã ghi nhận việc gửi văn bản.', 'The sending was recorded.'],
};

function Link(props: { href: string; vi: string; en: string; primary?: boolean }) {
  return (
    <a class={props.primary ? 'button' : 'button secondary'} href={props.href}>
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
  const unreachable = unreachableQuestions(props);
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
      {c.titleEn && showsEnglish() ? (
        <p lang="en" class="en">
          {c.titleEn}
        </p>
      ) : null}
      <p>
        <StateLabel state={state} opensAt={c.opensAt} now={props.now} />
      </p>
      <UnreachableWarning list={unreachable} meeting={c.method === 'meeting'} eligible={eligible} />
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
          {props.closedAt ? (
            <p id="closed-at">
              <Bi
                vi={`Kết thúc thực tế: ${vnTime(props.closedAt)}${Date.parse(props.closedAt) < Date.parse(c.closesAt) ? ' (kết thúc sớm hơn dự kiến)' : ''}.`}
                en={`Actually closed: ${vnTime(props.closedAt)}${Date.parse(props.closedAt) < Date.parse(c.closesAt) ? ' (earlier than planned)' : ''}.`}
              />
            </p>
          ) : null}
          {notYetOpen(state, c.opensAt, props.now) ? (
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
      {state === 'draft' && eligible === 0 ? (
        <p class="panel panel-warn" id="disclose-blocked">
          <button type="button" class="secondary" disabled aria-describedby="disclose-why">
            Công khai để lấy ý kiến <En bare>Disclose</En>
          </button>{' '}
          <span id="disclose-why">
            <Bi
              vi="Chưa công khai được: danh sách hộ còn trống. Hãy tải danh sách hộ lên trước."
              en="Cannot be disclosed yet: the roll is empty. Upload the household roll first."
            />
          </span>
        </p>
      ) : null}
      <div class="actions">
        {state === 'draft' ? <Link href={`${base}/edit`} vi="Sửa dự thảo" en="Edit" /> : null}
        {before ? <Link href={`${base}/preview`} vi="Xem trước trang công khai" en="Preview the public page" /> : null}
        {before ? <Link href={`${base}/roll`} vi="Danh sách hộ" en="Household roll" /> : null}
        {before ? <Link href={`${base}/documents`} vi="Tài liệu đính kèm" en="Attached documents" /> : null}
        {before ? <Link href={`${base}/translation`} vi="Bản dịch của xã" en="The commune's translation" /> : null}
        {state === 'draft' && eligible > 0 ? <Link href={`${base}/disclose`} vi="Công khai để lấy ý kiến…" en="Disclose…" primary /> : null}
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
        {state !== 'draft' && state !== 'cancelled' ? <Link href={`${base}/notices`} vi="Gửi thông báo" en="Send a notice" /> : null}
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
            Cấp lại mã <En bare>Reissue</En>
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
