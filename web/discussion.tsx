/**
 * The public summary of a consultation's discussion on its disclosure page: how many comments, how many hidden by
 * moderation, and each answered question with the officials' answers (giải trình). Names only as residents gave them.
 */
import { answeredQuestions, publicView, type Comment, type HideReason } from '../shared/discussion.ts';
import { vnTime } from './format.ts';
import { En } from './lang.tsx';

export const HIDE_REASON: Record<HideReason, readonly [string, string]> = {
  spam: ['quảng cáo, tin rác', 'spam'],
  insult: ['xúc phạm', 'insult'],
  personal_data: ['lộ thông tin cá nhân', 'personal data'],
  off_topic: ['không liên quan', 'off topic'],
};

/**
 * How many items moderation hid for each reason, in one language, in the order of HIDE_REASON.
 * @example hiddenReasons({ spam: 2, insult: 1 }, 'vi') // 'quảng cáo, tin rác: 2; xúc phạm: 1'
 */
export function hiddenReasons(byReason: Partial<Record<HideReason, number>>, lang: 'vi' | 'en'): string {
  return (Object.keys(HIDE_REASON) as HideReason[])
    .filter((r) => (byReason[r] ?? 0) > 0)
    .map((r) => `${HIDE_REASON[r][lang === 'vi' ? 0 : 1]}: ${byReason[r]}`)
    .join('; ');
}

/** Who wrote a comment, as the public may see it: the household's roll id, and a name only if the resident gave one. */
export function byline(c: { rollId?: string | undefined; author?: string | undefined; official: boolean }): string {
  if (c.official) return 'Cán bộ trả lời (giải trình)';
  return `Hộ ${c.rollId ?? ''}${c.author ? ` — ${c.author}` : ''}`;
}

export function DiscussionSummary(props: { comments: readonly Comment[]; discussUrl?: string | undefined }) {
  const view = publicView(props.comments);
  const answered = answeredQuestions(props.comments);
  return (
    <section id="discussion">
      <h2>
        Ý kiến và giải trình <En>/ Questions and answers</En>
      </h2>
      <p>
        Số ý kiến: <strong data-count="comments">{view.total}</strong>; số ý kiến bị ẩn: <strong data-count="hidden">{view.hidden}</strong>; số câu hỏi đã được
        giải trình: <strong data-count="answered">{view.answered}</strong>.
      </p>
      <p lang="en" class="en">
        {view.total} comments, {view.hidden} hidden by moderation, {view.answered} questions answered.
      </p>
      {props.discussUrl ? (
        <p>
          <a href={props.discussUrl}>Xem và gửi ý kiến bằng mã của hộ</a> <En>/ Read and comment with the household code</En>
        </p>
      ) : null}
      {answered.map((q) => (
        <article class="qa">
          <p>
            <strong>Hỏi</strong> ({byline(q.question)}, {vnTime(q.question.at)}):
          </p>
          <blockquote>{q.question.text}</blockquote>
          {q.answers.map((a) => (
            <>
              <p>
                <strong>Giải trình</strong> <En>/ Answer</En> ({vnTime(a.at)}):
              </p>
              <blockquote class="official">{a.text}</blockquote>
            </>
          ))}
        </article>
      ))}
    </section>
  );
}
