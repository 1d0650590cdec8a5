/**
 * The officials' page of the complaints about a published result: the window's end, each complaint by roll id with
 * its text (hidden ones too, marked with the reason), its answers, a form to answer it and a hide button with a
 * reason (as on the discussion's moderation page), and once the window is over with every complaint that needs an
 * answer answered, the form that records the commune's recognition of the result. Every act is audit-logged and
 * republishes the result page.
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

export interface ComplaintsPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  summary: ComplaintsSummary;
  /** Every complaint with its text, hidden ones too, and its answers. */
  threads: ComplaintThread[];
  /** Whether the window is over (recognition may be recorded once every complaint that needs an answer has one). */
  windowOver: boolean;
  done?: string | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  answered: ['Đã đăng câu trả lời; trang kết quả đã được cập nhật.', 'The answer was posted; the result page is updated.'],
  hidden: [
    'Đã ẩn khiếu nại; việc ẩn được ghi vào nhật ký và trang kết quả đã được cập nhật.',
    'The complaint was hidden; this is audit-logged and the result page is updated.',
  ],
  recognized: ['Đã ghi nhận việc UBND xã công nhận kết quả; việc này được ghi vào nhật ký.', 'The commune’s recognition is recorded and audit-logged.'],
};

export function ComplaintsPage(props: ComplaintsPageInput) {
  const c = props.consultation;
  const s = props.summary;
  const base = `/officials/c/${c.id}/complaints`;
  const done = props.done ? DONE[props.done] : undefined;
  const canRecognize = !s.recognition && props.windowOver && s.awaitingAnswer === 0;
  return (
    <OfficialFrame title={`Khiếu nại — ${c.title}`} official={props.official}>
      <SubpageHead consultation={c} state={props.state} title={{ vi: 'Khiếu nại và công nhận kết quả', en: 'Complaints and recognition' }} done={done} />
      <p>
        <Bi
          vi={`Thời hạn khiếu nại đến ${vnTime(s.windowEnd)}; ${s.filed} khiếu nại, ${s.answered} đã trả lời.`}
          en={`Complaints until ${vnTime(s.windowEnd)}; ${s.filed} filed, ${s.answered} answered.`}
        />
      </p>
      <p>
        <Bi
          vi={`${s.hidden} khiếu nại bị ẩn${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}; ${s.awaitingAnswer} khiếu nại cần trả lời trước khi công nhận kết quả. Khiếu nại bị ẩn vì là tin rác không cần trả lời; khiếu nại bị ẩn vì lý do khác vẫn phải được trả lời.`}
          en={`${s.hidden} hidden${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}; ${s.awaitingAnswer} to answer before the recognition. One hidden as spam needs no answer; one hidden for another reason still does.`}
        />
      </p>
      {props.threads.length === 0 ? (
        <p>
          <Bi vi="Chưa có khiếu nại nào." en="No complaint yet." />
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
          {!s.recognition ? (
            <form method="post" action={`${base}/${k.id}/answer`}>
              <label class="field" for={`answer-${k.id}`}>
                <Bi vi="Trả lời khiếu nại" en="Answer the complaint" />
              </label>
              <textarea id={`answer-${k.id}`} name="text" rows={3} required maxlength={COMMENT_MAX}></textarea>
              <button type="submit">
                Trả lời <span lang="en">Answer</span>
              </button>
            </form>
          ) : null}
        </article>
      ))}
      {s.recognition ? (
        <p class="panel panel-ok">
          <Bi
            vi={`Kết quả đã được UBND xã công nhận ngày ${vnTime(s.recognition.at)}.`}
            en={`The commune recognized the result on ${vnTime(s.recognition.at)}.`}
          />
        </p>
      ) : canRecognize ? (
        <form method="post" action={`${base}/recognition`} class="panel">
          <p>
            <Bi
              vi="Đã hết thời hạn khiếu nại và mọi khiếu nại cần trả lời đã được trả lời: ghi nhận việc UBND xã công nhận kết quả (được ghi vào nhật ký và hiện trên trang kết quả)."
              en="The complaint period is over and every complaint that needs an answer is answered: record the commune’s recognition of the result (audit-logged, shown on the result page)."
            />
          </p>
          <label class="field" for="note">
            <Bi vi="Ghi chú (không bắt buộc)" en="Note (optional)" />
          </label>
          <textarea id="note" name="note" rows={2} maxlength={COMMENT_MAX}></textarea>
          <button type="submit">
            Công nhận kết quả <span lang="en">Recognize the result</span>
          </button>
        </form>
      ) : (
        <p class="panel panel-warn">
          <Bi
            vi="Việc công nhận kết quả được ghi sau khi hết thời hạn khiếu nại và mọi khiếu nại cần trả lời đã được trả lời."
            en="The recognition is recorded after the complaint period, once every complaint that needs an answer is answered."
          />
        </p>
      )}
    </OfficialFrame>
  );
}
