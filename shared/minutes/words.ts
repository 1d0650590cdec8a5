/**
 * Rules and outcomes in plain Vietnamese, as the minutes write them; the result page uses the same words
 * (web/result-page.tsx), so the page and the minutes agree.
 */
import { vnPercent } from '../numbers.ts';
import { OUTCOME_VI, ruleInWords } from '../rule-words.ts';
import type { Question, QuestionTally } from '../schemas.ts';

export { OUTCOME_VI, ruleInWords, shareInWords } from '../rule-words.ts';

/** The label of an answer on the ballot paper: "Tán thành", "Không tán thành", or the option's label. */
export function answerLabel(q: Question, id: string): string {
  if (id === 'yes') return 'Đồng ý';
  if (id === 'no') return 'Không đồng ý';
  return q.options.find((o) => o.id === id)?.label ?? id;
}

/**
 * The outcome of a question in one sentence, with the numbers behind it.
 * @example outcomeSentence(q, t) // "Được thông qua: 24/30 hộ tán thành (80%); cần ít nhất 20 hộ (2/3 tổng số hộ)."
 */
export function outcomeSentence(q: Question, t: QuestionTally): string {
  const base = t.rule.base === 'cast' ? t.cast : t.eligible;
  const unit = t.rule.base === 'cast' ? 'phiếu' : 'hộ';
  const status = OUTCOME_VI[t.outcome.status];
  const need = ruleInWords(t.rule, t.threshold);
  if (t.outcome.status === 'quorum_not_met') return `${status}: ${t.cast}/${t.eligible} hộ tham gia.`;
  if (q.type === 'yes_no') {
    const yes = t.counts.yes ?? 0;
    return `${status}: ${yes}/${base} ${unit} tán thành (${vnPercent(yes, base)}); ${need}.`;
  }
  if (t.outcome.status === 'adopted') {
    const parts = t.outcome.options.map((id) => `«${answerLabel(q, id)}» ${t.counts[id] ?? 0}/${base} ${unit} (${vnPercent(t.counts[id] ?? 0, base)})`);
    return `${status}: ${parts.join('; ')}; ${need}.`;
  }
  const top = Object.entries(t.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return top ? `${status}: nhiều nhất là «${answerLabel(q, top[0])}» với ${top[1]}/${base} ${unit}; ${need}.` : `${status}.`;
}
