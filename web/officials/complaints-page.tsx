/**
 * The officials' page of the petitions and reports about a published result (kiến nghị, phản ánh, Law 10/2022
 * Art. 24): each by roll id with its text (hidden ones too, marked with the reason), its answers, a form to answer it
 * and a hide button with a reason (as on the discussion's moderation page). They come at any time and never block the
 * decision. Every act is audit-logged and republishes the result page.
 */
import { needsAnswer, type ComplaintsSummary, type ComplaintThread } from '../../shared/complaints.ts';
import { COMMENT_MAX } from '../../shared/discussion.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { hiddenReasons } from '../discussion.tsx';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { HiddenNote, HideForm } from './moderation.tsx';
import { Bi, SubpageHead } from './parts.tsx';
import { En } from '../lang.tsx';

export interface ComplaintsPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  summary: ComplaintsSummary;
  /** Every petition with its text, hidden ones too, and its answers. */
  threads: ComplaintThread[];
  done?: string | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  answered: ['Đã đăng câu trả lời; trang kết quả đã được cập nhật.', 'The answer was posted; the result page is updated.'],
  hidden: [
    'Đã ẩn kiến nghị, phản ánh; việc ẩn được ghi vào nhật ký và trang kết quả đã được cập nhật.',
    'The petition was hidden; this is audit-logged and the result page is updated.',
  ],
};

export function ComplaintsPage(props: ComplaintsPageInput) {
  const c = props.consultation;
  const s = props.summary;
  const base = `/officials/c/${c.id}/complaints`;
  const done = props.done ? DONE[props.done] : undefined;
  return (
    <OfficialFrame title={`Kiến nghị, phản ánh — ${c.title}`} official={props.official}>
      <SubpageHead consultation={c} state={props.state} title={{ vi: 'Kiến nghị, phản ánh', en: 'Petitions and reports' }} done={done} />
      <p>
        <Bi
          vi={`${s.filed} kiến nghị, phản ánh; ${s.answered} đã trả lời. Người dân gửi bất cứ lúc nào sau khi công bố kết quả; việc này không làm chậm hiệu lực của quyết định (Luật Thực hiện dân chủ ở cơ sở, Điều 24).`}
          en={`${s.filed} petitions, ${s.answered} answered. Residents send them at any time after publication; they never hold up the decision (Law 10/2022 Art. 24).`}
        />
      </p>
      <p>
        <Bi
          vi={`${s.hidden} kiến nghị bị ẩn${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}; ${s.awaitingAnswer} kiến nghị chưa được trả lời. Kiến nghị bị ẩn vì là tin rác không cần trả lời; kiến nghị bị ẩn vì lý do khác vẫn phải được trả lời.`}
          en={`${s.hidden} hidden${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}; ${s.awaitingAnswer} not answered yet. One hidden as spam needs no answer; one hidden for another reason still does.`}
        />
      </p>
      {props.threads.length === 0 ? (
        <p>
          <Bi vi="Chưa có kiến nghị, phản ánh nào." en="No petition yet." />
        </p>
      ) : null}
      {props.threads.map(({ complaint: k, answers }) => (
        <article class="thread" id={`k-${k.id}`}>
          <div class="comment">
            <p>
              <strong>Hộ {k.rollId}</strong> · {vnTime(k.at)}
            </p>
            {k.hidden ? <HiddenNote hidden={k.hidden} /> : null}
            <p class="comment-text">{k.text}</p>
            {!k.hidden ? <HideForm action={`${base}/${k.id}/hide`} id={k.id} /> : null}
          </div>
          <div class="replies">
            {answers.length === 0 && !needsAnswer({ complaint: k, answers }) ? (
              <p>
                <Bi vi="Không cần trả lời (tin rác)." en="No answer needed (spam)." />
              </p>
            ) : null}
            {answers.map((a) => (
              <div class="comment official">
                <p>
                  <strong>
                    <Bi vi="Trả lời" en="Answer" />
                  </strong>{' '}
                  · {vnTime(a.at)}
                </p>
                <p class="comment-text">{a.text}</p>
              </div>
            ))}
          </div>
          <form method="post" action={`${base}/${k.id}/answer`}>
            <label class="field" for={`answer-${k.id}`}>
              <Bi vi="Trả lời kiến nghị, phản ánh" en="Answer the petition" />
            </label>
            <textarea id={`answer-${k.id}`} name="text" rows={3} required maxlength={COMMENT_MAX}></textarea>
            <button type="submit">
              Trả lời <En bare>Answer</En>
            </button>
          </form>
        </article>
      ))}
    </OfficialFrame>
  );
}
