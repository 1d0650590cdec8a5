/**
 * The discussion page of a consultation for residents (`/vote/{id}/discuss`): the threads, newest question first,
 * each comment by the household's roll id (a name only if the resident gave one), the officials' answers marked
 * as giải trình, hidden comments as a placeholder with the reason, and the form to comment or reply with the
 * household's code. Plain HTML: it works without script on a 360 px screen.
 */
import { RECEIPT_MARKER } from '../../shared/mask-receipts.ts';
import { AUTHOR_MAX, COMMENT_MAX, type PublicComment, type PublicDiscussion } from '../../shared/discussion.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { HIDE_REASON } from '../discussion.tsx';
import { vnTime } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { withLang, type Lang } from './model.ts';
import { PostPageHead } from './parts.tsx';

const T = {
  vi: {
    title: 'Ý kiến và giải trình',
    intro:
      'Đại diện hộ gia đình gửi ý kiến, câu hỏi về nội dung công khai bằng mã của hộ. Ý kiến hiện theo mã hộ trong danh sách; tên chỉ hiện nếu bạn tự ghi.',
    counts: (v: PublicDiscussion) => `${v.total} ý kiến; ${v.hidden} ý kiến bị ẩn; ${v.answered} câu hỏi đã được giải trình.`,
    none: 'Chưa có ý kiến nào.',
    household: 'Hộ',
    official: 'Giải trình của cán bộ',
    hidden: (reason: string) => `Ý kiến này đã bị ẩn (lý do: ${reason}).`,
    reply: 'Trả lời ý kiến này',
    formTitle: 'Gửi ý kiến',
    replyTo: 'Bạn đang trả lời một ý kiến.',
    replyCancel: 'Gửi ý kiến mới thay vì trả lời',
    code: 'Mã của hộ (mã thảo luận trong thời gian công khai, mã biểu quyết khi đã mở biểu quyết)',
    author: 'Tên hiển thị (không bắt buộc)',
    authorHint: 'Để trống thì ý kiến chỉ hiện mã hộ.',
    text: `Ý kiến (tối đa ${COMMENT_MAX} ký tự)`,
    send: 'Gửi ý kiến',
    sent: 'Đã gửi ý kiến. Cảm ơn bạn đã tham gia.',
    receiptHidden: `Mã biên nhận (hoặc mã theo dõi) trong nội dung đã được ẩn, thay bằng “${RECEIPT_MARKER}”: công bố nó cạnh mã hộ sẽ cho mọi người biết hộ đã biểu quyết thế nào.`,
    failed: 'Ý kiến chưa được gửi',
    noCodes: 'Mã của hộ được phát khi mở biểu quyết; khi đó hộ có thể gửi ý kiến tại đây.',
    closed: 'Không còn nhận ý kiến cho cuộc lấy ý kiến này.',
    disclosure: 'Xem toàn bộ nội dung công khai',
    vote: 'Đến trang biểu quyết',
  },
  en: {
    title: 'Questions and answers',
    intro:
      'Household representatives comment on and ask about the disclosure with the household code. Comments show the household’s roll id; a name only if you add one.',
    counts: (v: PublicDiscussion) => `${v.total} comments; ${v.hidden} hidden by moderation; ${v.answered} questions answered.`,
    none: 'No comment yet.',
    household: 'Household',
    official: 'Official’s answer (giải trình)',
    hidden: (reason: string) => `This comment was hidden (reason: ${reason}).`,
    reply: 'Reply to this comment',
    formTitle: 'Comment',
    replyTo: 'You are replying to a comment.',
    replyCancel: 'Write a new comment instead',
    code: 'Household code (the discussion code during disclosure, the voting code once voting is open)',
    author: 'Name to show (optional)',
    authorHint: 'Leave it empty to show only the roll id.',
    text: `Comment (at most ${COMMENT_MAX} characters)`,
    send: 'Send the comment',
    sent: 'Your comment was sent. Thank you for taking part.',
    receiptHidden: `A ballot receipt (or tracking code) in your text was hidden and replaced by “${RECEIPT_MARKER}”: published beside your household’s roll id, it would show everyone how your household voted.`,
    failed: 'The comment was not sent',
    noCodes: 'Household codes are handed out when voting opens; households can comment here from then on.',
    closed: 'Comments are closed for this consultation.',
    disclosure: 'The whole disclosure',
    vote: 'Go to the ballot',
  },
} as const;

export interface DiscussPageInput {
  lang: Lang;
  consultation: Consultation;
  view: PublicDiscussion;
  /** Whether a household with a code can comment now (disclosure with codes, or voting). */
  canComment: boolean;
  /** Whether comments are still accepted at all (disclosure or voting). */
  open: boolean;
  disclosureUrl: string;
  switchHref: string;
  sent?: boolean | undefined;
  /** The text just sent had a ballot receipt or tracking code in it, hidden before it was stored (shared/mask-receipts.ts). */
  receiptHidden?: boolean | undefined;
  /** Why the comment was not sent, in both languages. */
  problem?: { vi: string; en: string } | undefined;
  /** The form as typed (never the code after a wrong one). */
  form?: { code?: string; author?: string; text?: string; parent?: string } | undefined;
}

function CommentBlock(props: { c: PublicComment; lang: Lang }) {
  const { c, lang } = props;
  const t = T[lang];
  if (c.hidden) {
    return (
      <p class="comment hidden-comment">
        <em>{t.hidden(HIDE_REASON[c.hidden.reason][lang === 'vi' ? 0 : 1])}</em>
      </p>
    );
  }
  return (
    <div class={c.official ? 'comment official' : 'comment'}>
      <p>
        <strong>{c.official ? t.official : `${t.household} ${c.rollId ?? ''}`}</strong>
        {c.author ? <> — {c.author}</> : null} · <time datetime={c.at}>{vnTime(c.at)}</time>
      </p>
      <p class="comment-text">{c.text}</p>
    </div>
  );
}

export function DiscussPage(props: DiscussPageInput) {
  const { lang, consultation: c, view } = props;
  const t = T[lang];
  const form = props.form ?? {};
  const action = withLang(`/vote/${c.id}/discuss`, lang);
  return (
    <VoteFrame lang={lang} title={`${t.title} — ${c.title}`} switchTo={{ href: props.switchHref }}>
      <PostPageHead
        lang={lang}
        c={c}
        title={t.title}
        intro={t.intro}
        link={{ href: props.disclosureUrl, text: t.disclosure }}
        sent={props.sent ? { text: props.receiptHidden ? `${t.sent} ${t.receiptHidden}` : t.sent } : undefined}
        problem={props.problem ? { heading: t.failed, text: props.problem } : undefined}
      />
      <p>{t.counts(view)}</p>
      {view.threads.length === 0 ? <p>{t.none}</p> : null}
      {view.threads.map((th) => (
        <article class="thread" id={`c-${th.comment.id}`}>
          <CommentBlock c={th.comment} lang={lang} />
          {th.replies.length > 0 ? (
            <div class="replies">
              {th.replies.map((r) => (
                <CommentBlock c={r} lang={lang} />
              ))}
            </div>
          ) : null}
          {props.canComment && !th.comment.hidden ? (
            <p>
              <a href={`${withLang(`/vote/${c.id}/discuss`, lang)}${lang === 'en' ? '&' : '?'}reply=${th.comment.id}#form`}>{t.reply}</a>
            </p>
          ) : null}
        </article>
      ))}
      {!props.open ? (
        <p class="panel panel-warn">{t.closed}</p>
      ) : !props.canComment ? (
        <p class="panel panel-warn">{t.noCodes}</p>
      ) : (
        <form method="post" action={action} id="form">
          <h2>{t.formTitle}</h2>
          {form.parent ? (
            <p>
              {t.replyTo} <a href={action}>{t.replyCancel}</a>
              <input type="hidden" name="parent" value={form.parent} />
            </p>
          ) : null}
          <label class="field" for="code">
            {t.code}
          </label>
          <input
            class="code"
            id="code"
            name="code"
            type="text"
            value={form.code ?? ''}
            required
            maxlength={64}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
          />
          <label class="field" for="author">
            {t.author}
          </label>
          <p class="hint" id="author-hint">
            {t.authorHint}
          </p>
          <input
            class="text"
            id="author"
            name="author"
            type="text"
            value={form.author ?? ''}
            maxlength={AUTHOR_MAX}
            autocomplete="off"
            aria-describedby="author-hint"
          />
          <label class="field" for="text">
            {t.text}
          </label>
          <textarea id="text" name="text" rows={6} required maxlength={COMMENT_MAX}>
            {form.text ?? ''}
          </textarea>
          <button type="submit">{t.send}</button>
        </form>
      )}
    </VoteFrame>
  );
}
