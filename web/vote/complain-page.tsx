/**
 * The petitions page of a published result for residents (`/vote/{id}/complain`; kiến nghị, phản ánh, Law 10/2022
 * Art. 24): each petition by the household's roll id (never a name) with the commune's answers (a hidden one as a
 * placeholder with its reason, and how many were hidden), and the form to send one with the code on the household's
 * slip, at any time after publication. Plain HTML: it works without script on a 360 px screen.
 */
import { RECEIPT_MARKER } from '../../shared/mask-receipts.ts';
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
    title: 'Kiến nghị, phản ánh về quyết định',
    intro:
      'Đại diện hộ gia đình có thể gửi kiến nghị, phản ánh về quyết định đã công bố bất cứ lúc nào, bằng mã biểu quyết in trên phiếu của hộ (Luật Thực hiện dân chủ ở cơ sở, Điều 24). Việc này không làm chậm hiệu lực của quyết định. Kiến nghị và câu trả lời được công khai theo mã hộ, không có tên.',
    counts: (s: ComplaintsSummary) => `${s.filed} kiến nghị, phản ánh; ${s.answered} đã trả lời.`,
    hiddenCount: (s: ComplaintsSummary) => `Số kiến nghị bị ẩn: ${s.hidden}${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}.`,
    hidden: (reason: string) => `Kiến nghị này đã bị ẩn (lý do: ${reason}).`,
    noAnswerNeeded: 'Không cần trả lời: tin rác không phải là kiến nghị.',
    none: 'Chưa có kiến nghị, phản ánh nào.',
    household: 'Hộ',
    answer: 'Trả lời của UBND xã',
    unanswered: 'Chưa có trả lời.',
    formTitle: 'Gửi kiến nghị, phản ánh',
    code: 'Mã biểu quyết của hộ (in trên phiếu)',
    text: `Nội dung kiến nghị, phản ánh (tối đa ${COMMENT_MAX} ký tự)`,
    send: 'Gửi',
    sent: 'Đã gửi. UBND xã sẽ trả lời công khai tại đây.',
    receiptHidden: `Mã biên nhận (hoặc mã theo dõi) trong nội dung đã được ẩn, thay bằng “${RECEIPT_MARKER}”: công bố nó cạnh mã hộ sẽ cho mọi người biết hộ đã biểu quyết thế nào.`,
    failed: 'Kiến nghị, phản ánh chưa được gửi',
    closed: 'Chưa nhận kiến nghị, phản ánh lúc này.',
    result: 'Xem kết quả',
  },
  en: {
    title: 'Petitions and reports about the decision',
    intro:
      'A household representative may send a petition or report about the published decision at any time, with the voting code printed on the household’s slip (Law 10/2022 Art. 24). It does not hold up the decision. Petitions and answers are public by roll id, without names.',
    counts: (s: ComplaintsSummary) => `${s.filed} petitions and reports, ${s.answered} answered.`,
    hiddenCount: (s: ComplaintsSummary) => `Hidden by moderation: ${s.hidden}${s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}.`,
    hidden: (reason: string) => `This petition was hidden (reason: ${reason}).`,
    noAnswerNeeded: 'No answer needed: spam is no petition.',
    none: 'No petition yet.',
    household: 'Household',
    answer: 'The commune’s answer',
    unanswered: 'Not answered yet.',
    formTitle: 'Send a petition or report',
    code: 'The household’s voting code (on the slip)',
    text: `Petition or report (at most ${COMMENT_MAX} characters)`,
    send: 'Send',
    sent: 'Sent. The commune will answer it here, in public.',
    receiptHidden: `A ballot receipt (or tracking code) in your text was hidden and replaced by “${RECEIPT_MARKER}”: published beside your household’s roll id, it would show everyone how your household voted.`,
    failed: 'The petition was not sent',
    closed: 'Petitions are not taken now.',
    result: 'The result',
  },
} as const;

export interface ComplainPageInput {
  lang: Lang;
  consultation: Consultation;
  summary: ComplaintsSummary;
  /** Whether petitions are taken now (after publication, always). */
  open: boolean;
  resultUrl: string;
  switchHref: string;
  sent?: boolean | undefined;
  /** The text just sent had a ballot receipt or tracking code in it, hidden before it was stored (shared/mask-receipts.ts). */
  receiptHidden?: boolean | undefined;
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
        sent={props.sent ? { text: props.receiptHidden ? `${t.sent} ${t.receiptHidden}` : t.sent } : undefined}
        problem={props.problem ? { heading: t.failed, text: props.problem } : undefined}
      />
      <p>
        {t.counts(s)} {t.hiddenCount(s)}
      </p>
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
