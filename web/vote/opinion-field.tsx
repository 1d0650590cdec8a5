/**
 * The "Ý kiến khác" text of the resident pages: the short field under the other-opinion answer of a yes/no or
 * single-choice question, its words on the review step (carried there in a hidden field), and what the page says
 * about it: kept apart from the ballot, without the household, and kept even if the household votes again.
 */
import { OPINION_MAX, takesOpinion } from '../../shared/opinions.ts';
import type { Question } from '../../shared/schemas.ts';
import type { Lang } from './model.ts';

/** The form field of a question's opinion. */
export function opinionField(questionId: string): string {
  return `o.${questionId}`;
}

const WORDS = {
  vi: {
    label: `Ý kiến khác của hộ (không bắt buộc, tối đa ${OPINION_MAX} ký tự)`,
    hint: 'Chỉ ghi khi chọn «Ý kiến khác». Ý kiến được lưu riêng, không gắn với phiếu hay với hộ, và được công bố cùng kết quả sau khi kiểm tra; đừng ghi tên, số điện thoại hay thông tin cá nhân. Ý kiến đã gửi được giữ lại (ẩn danh), kể cả khi hộ biểu quyết lại.',
    review: 'Ý kiến khác của hộ',
  },
  en: {
    label: `Your household’s other opinion (optional, at most ${OPINION_MAX} characters)`,
    hint: 'Only with “Other opinion”. It is kept apart from the ballot and from your household, and published with the result after review; do not write names, phone numbers or other personal data. An opinion once sent stays (anonymously), even if your household votes again.',
    review: 'Your household’s other opinion',
  },
} as const;

/** The text field under a question's other-opinion answer (none for an approval question). */
export function OpinionInput(props: { q: Question; lang: Lang; value: string | undefined }) {
  const { q, lang } = props;
  if (!takesOpinion(q)) return null;
  const w = WORDS[lang];
  const id = `o-${q.id}`;
  return (
    <div class="opinion">
      <label class="field" for={id}>
        {w.label}
      </label>
      <p class="hint" id={`${id}-hint`}>
        {w.hint}
      </p>
      <textarea id={id} name={opinionField(q.id)} rows={3} maxlength={OPINION_MAX} aria-describedby={`${id}-hint`}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** The opinion on the review step, in words; nothing when there is none. */
export function OpinionReview(props: { lang: Lang; text: string | undefined }) {
  if (!props.text) return null;
  return (
    <p class="opinion">
      {WORDS[props.lang].review}: <q>{props.text}</q>
    </p>
  );
}

/** The opinions carried from the review step to the cast, as hidden fields. */
export function opinionHiddenFields(questions: readonly Question[], opinions: Readonly<Record<string, string>> | undefined) {
  return questions.filter((q) => opinions?.[q.id]).map((q) => <input type="hidden" name={opinionField(q.id)} value={opinions![q.id]!} />);
}
