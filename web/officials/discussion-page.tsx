/**
 * The officials' moderation page of a consultation's discussion: every comment with its text (hidden ones too,
 * marked with the reason), an answer form (giải trình) under each question, and a hide button with a reason
 * select under each comment not yet hidden. Hiding never deletes; both acts are audit-logged.
 */
import type { Comment, Thread } from '../../shared/discussion.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { byline } from '../discussion.tsx';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { HiddenNote, HideForm } from './moderation.tsx';
import { Bi, SubpageHead } from './parts.tsx';
import { En } from '../lang.tsx';

export interface DiscussionPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  threads: Thread[];
  counts: { total: number; hidden: number; answered: number };
  done?: string | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  answered: ['Đã đăng câu trả lời (giải trình); trang công khai đã được cập nhật.', 'The answer was posted; the public page is updated.'],
  hidden: ['Đã ẩn ý kiến; việc ẩn được ghi vào nhật ký.', 'The comment was hidden; this is audit-logged.'],
};

function Moderated(props: { c: Comment; base: string; answerable: boolean; open: boolean }) {
  const { c, base } = props;
  return (
    <div class={c.official ? 'comment official' : 'comment'} id={`c-${c.id}`}>
      <p>
        <strong>{byline(c)}</strong> · {vnTime(c.at)}
      </p>
      {c.hidden ? <HiddenNote hidden={c.hidden} /> : null}
      <p class="comment-text">{c.text}</p>
      {!c.hidden ? <HideForm action={`${base}/${c.id}/hide`} id={c.id} /> : null}
      {props.answerable && props.open && !c.hidden ? (
        <form method="post" action={`${base}/${c.id}/answer`}>
          <label class="field" for={`answer-${c.id}`}>
            <Bi vi="Trả lời (giải trình)" en="Answer" />
          </label>
          <textarea id={`answer-${c.id}`} name="text" rows={3} required maxlength={2000}></textarea>
          <button type="submit">
            Trả lời (giải trình) <En bare>Answer</En>
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function DiscussionPage(props: DiscussionPageInput) {
  const c = props.consultation;
  const base = `/officials/c/${c.id}/discussion`;
  const open = props.state === 'disclosure' || props.state === 'voting';
  const done = props.done ? DONE[props.done] : undefined;
  return (
    <OfficialFrame title={`Ý kiến và giải trình — ${c.title}`} official={props.official}>
      <SubpageHead consultation={c} state={props.state} title={{ vi: 'Ý kiến và giải trình', en: 'Questions and answers' }} done={done} />
      <p>
        <Bi
          vi={`${props.counts.total} ý kiến; ${props.counts.hidden} bị ẩn; ${props.counts.answered} câu hỏi đã giải trình.`}
          en={`${props.counts.total} comments; ${props.counts.hidden} hidden; ${props.counts.answered} answered.`}
        />
      </p>
      {props.state === 'disclosure' ? (
        <form method="post" action={`${base}/codes`} class="panel">
          <p>
            <Bi
              vi="Trong thời gian công khai, các hộ góp ý bằng mã thảo luận: mỗi hộ trong danh sách một mã, chỉ hiển thị một lần để in và phát cho hộ. Mã thảo luận không dùng để biểu quyết."
              en="During disclosure households comment with a discussion code: one per household of the roll, shown once to print and hand out. It cannot be used to vote."
            />
          </p>
          <button type="submit">
            Cấp mã thảo luận <En bare>Issue discussion codes</En>
          </button>
        </form>
      ) : null}
      {props.threads.length === 0 ? (
        <p>
          <Bi vi="Chưa có ý kiến nào." en="No comment yet." />
        </p>
      ) : null}
      {props.threads.map((t) => (
        <article class="thread">
          <Moderated c={t.comment} base={base} answerable open={open} />
          <div class="replies">
            {t.replies.map((r) => (
              <Moderated c={r} base={base} answerable={false} open={open} />
            ))}
          </div>
        </article>
      ))}
    </OfficialFrame>
  );
}
