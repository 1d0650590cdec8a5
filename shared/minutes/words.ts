/**
 * Rules and outcomes in plain Vietnamese, as the minutes write them; the result page uses the same words
 * (web/result-page.tsx), so the page and the minutes agree.
 */
import { vnPercent } from '../numbers.ts';
import type { OutcomeStatus, Question, QuestionTally, Rule } from '../schemas.ts';

export const OUTCOME_VI: Readonly<Record<OutcomeStatus, string>> = {
  adopted: 'Được thông qua',
  rejected: 'Không được thông qua',
  no_decision: 'Không có phương án nào được thông qua',
  quorum_not_met: 'Không đủ số hộ tham gia theo quy định',
};

function shareText(rule: { op: 'at_least' | 'more_than'; fraction: readonly [number, number] }): string {
  const [n, d] = rule.fraction;
  const share = n * 2 === d ? '1/2' : `${n}/${d}`;
  return rule.op === 'at_least' ? share : `quá ${share}`;
}

/**
 * A rule as a share, in words: "ít nhất 2/3 tổng số hộ", "quá 1/2 tổng số hộ", "phương án được nhiều phiếu nhất".
 * @example shareInWords({ base: 'eligible', op: 'more_than', fraction: [1, 2] }) // "quá 1/2 tổng số hộ"
 */
export function shareInWords(rule: Rule): string {
  if (rule.base === 'plurality') return 'phương án được nhiều phiếu nhất';
  const share = shareText(rule);
  return `${rule.op === 'at_least' ? 'ít nhất ' : ''}${share} ${rule.base === 'eligible' ? 'tổng số hộ' : 'số phiếu đã bỏ'}`;
}

/** The rule with its threshold, in words a farmer understands: "cần ít nhất 20 hộ (2/3 tổng số hộ)". */
export function ruleInWords(rule: Rule, t: number): string {
  if (rule.base === 'plurality') return 'phương án được nhiều phiếu nhất';
  const of = rule.base === 'eligible' ? 'tổng số hộ' : 'số phiếu đã bỏ';
  return `cần ít nhất ${t} ${rule.base === 'eligible' ? 'hộ' : 'phiếu'} (${shareText(rule)} ${of})`;
}

/** The label of an answer on the ballot paper: "Tán thành", "Không tán thành", or the option's label. */
export function answerLabel(q: Question, id: string): string {
  if (id === 'yes') return 'Tán thành';
  if (id === 'no') return 'Không tán thành';
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
