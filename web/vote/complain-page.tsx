/**
 * The complaint page of a published result for residents (`/vote/{id}/complain`): the complaint window's end, each
 * complaint by the household's roll id (never a name) with the commune's answers (a hidden one as a placeholder with
 * its reason, and how many were hidden), the recognition once recorded,
 * and while the window is open the form to complain with the code on the household's slip. Plain HTML: it works
 * without script on a 360 px screen.
 */
import { ANSWER_NOT_NEEDED, type ComplaintsSummary } from '../../shared/complaints.ts';
import { COMMENT_MAX } from '../../shared/discussion.ts';
import { HIDE_REASON, hiddenReasons } from '../discussion.tsx';
import type { Consultation } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { withLang, type Lang } from './model.ts';
import { PostPageHead } from './parts.tsx';

const T = {
  vi: {
    title: 'Khiếu nại về kết quả',
    intro:
      'Đại diện hộ gia đình có thể khiếu nại về kết quả đã công bố bằng mã biểu quyết in trên phiếu của hộ. Khiếu nại và câu trả lời được công khai theo mã hộ, không có tên.',
    window: (end: string) => `Thời hạn khiếu nại đến ${vnTime(end)} (giờ Việt Nam).`,
    counts: (s: ComplaintsSummary) => `${s.filed} khiếu nại, ${s.answered} đã trả lời.`,
    hiddenCount: (s: ComplaintsSummary) => `Số khiếu nại bị ẩn: ${s.hidden}${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}.`,
    hidden: (reason: string) => `Khiếu nại này đã bị ẩn (lý do: ${reason}).`,
    noAnswerNeeded: 'Không cần trả lời: tin rác không phải là khiếu nại.',
    recognized: (at: string) => `Kết quả đã được UBND xã công nhận ngày ${vnTime(at)}.`,
    none: 'Chưa có khiếu nại nào.',
    household: 'Hộ',
    answer: 'Trả lời của UBND xã',
    unanswered: 'Chưa có trả lời.',
    formTitle: 'Gửi khiếu nại',
    code: 'Mã biểu quyết của hộ (in trên phiếu)',
    text: `Nội dung khiếu nại (tối đa ${COMMENT_MAX} ký tự)`,
    send: 'Gửi khiếu nại',
    sent: 'Đã gửi khiếu nại. UBND xã sẽ trả lời công khai tại đây.',
    failed: 'Khiếu nại chưa được gửi',
    closed: 'Đã hết thời hạn khiếu nại.',
    result: 'Xem kết quả',
  },
  en: {
    title: 'Complaints about the result',
    intro:
      'A household representative may complain about the published result with the voting code printed on the household’s slip. Complaints and answers are public by roll id, without names.',
    window: (end: string) => `Complaints are accepted until ${vnTime(end)} (Vietnam time).`,
    counts: (s: ComplaintsSummary) => `${s.filed} complaints, ${s.answered} answered.`,
    hiddenCount: (s: ComplaintsSummary) => `Hidden by moderation: ${s.hidden}${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}.`,
    hidden: (reason: string) => `This complaint was hidden (reason: ${reason}).`,
    noAnswerNeeded: 'No answer needed: spam is no complaint.',
    recognized: (at: string) => `The commune recognized the result on ${vnTime(at)}.`,
    none: 'No complaint yet.',
    household: 'Household',
    answer: 'The commune’s answer',
    unanswered: 'Not answered yet.',
    formTitle: 'File a complaint',
    code: 'The household’s voting code (on the slip)',
    text: `Complaint (at most ${COMMENT_MAX} characters)`,
    send: 'Send the complaint',
    sent: 'Your complaint was sent. The commune will answer it here, in public.',
    failed: 'The complaint was not sent',
    closed: 'The complaint period is over.',
    result: 'The result',
  },
} as const;

export interface ComplainPageInput {
  lang: Lang;
  consultation: Consultation;
  summary: ComplaintsSummary;
  /** Whether complaints are accepted now (inside the window, not yet recognized). */
  open: boolean;
  resultUrl: string;
  switchHref: string;
  sent?: boolean | undefined;
  /** Why the complaint was not sent, in both languages. */
  problem?: { vi: string; en: string } | undefined;
  /** The form as typed (never the code after a wrong one). */
  form?: { code?: string; text?: string } | undefined;
}

export function ComplainPage(props: ComplainPageInput) {
  const { lang, consultation: c, summary: s } = props;
  const t = T[lang];
  const form = props.form ?? {};
  return (
    <VoteFrame lang={lang} title={`${t.title} — ${c.title}`} switchTo={{ href: props.switchHref }}>
      <PostPageHead
        lang={lang}
        c={c}
        title={t.title}
        intro={t.intro}
        link={{ href: props.resultUrl, text: t.result }}
        sent={props.sent ? { text: t.sent } : undefined}
        problem={props.problem ? { heading: t.failed, text: props.problem } : undefined}
      />
      <p>
        {t.window(s.windowEnd)} {t.counts(s)} {t.hiddenCount(s)}
      </p>
      {s.recognition ? <p class="panel panel-ok">{t.recognized(s.recognition.at)}</p> : null}
      {s.complaints.length === 0 ? <p>{t.none}</p> : null}
      {s.complaints.map((k) => (
        <article class="thread" id={`k-${k.id}`}>
          {k.hidden ? (
            <p class="comment hidden-comment">
              <em>{t.hidden(HIDE_REASON[k.hidden.reason][lang === 'vi' ? 0 : 1])}</em> · <time datetime={k.at}>{vnTime(k.at)}</time>
            </p>
          ) : (
            <div class="comment">
              <p>
                <strong>
                  {t.household} {k.rollId}
                </strong>{' '}
                · <time datetime={k.at}>{vnTime(k.at)}</time>
              </p>
              <p class="comment-text">{k.text}</p>
            </div>
          )}
          <div class="replies">
            {k.answers.length === 0 ? (
              <p>
                <em>{k.hidden && ANSWER_NOT_NEEDED.includes(k.hidden.reason) ? t.noAnswerNeeded : t.unanswered}</em>
              </p>
            ) : null}
            {k.answers.map((a) => (
              <div class="comment official">
                <p>
                  <strong>{t.answer}</strong> · <time datetime={a.at}>{vnTime(a.at)}</time>
                </p>
                <p class="comment-text">{a.text}</p>
              </div>
            ))}
          </div>
        </article>
      ))}
      {!props.open ? (
        <p class="panel panel-warn">{t.closed}</p>
      ) : (
        <form method="post" action={withLang(`/vote/${c.id}/complain`, lang)} id="form">
          <h2>{t.formTitle}</h2>
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
