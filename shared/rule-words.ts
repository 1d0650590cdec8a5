/**
 * A decision rule in words, the one place that writes it (domain.md glossary: the law's own words). The officials'
 * form, the disclosure and result pages, the charts and the minutes all read it from here, so they agree.
 * - `shareWords(rule)`: the share alone, "từ 2/3 tổng số hộ gia đình trở lên" / "at least 2/3 of all households";
 * - `ruleInWords(rule, t)`: with the threshold, "cần từ 20 hộ trở lên (từ 2/3 tổng số hộ gia đình trở lên)";
 * - `describeRule(rule)`: the English share, for messages.
 */
import type { OutcomeStatus, Rule } from './schemas.ts';

type Share = { op: 'at_least' | 'more_than'; fraction: readonly [number, number] };

/** "2/3", or "50%" for one half (the law writes "trên 50%"). */
function fractionText([n, d]: readonly [number, number]): string {
  return n * 2 === d ? '50%' : `${n}/${d}`;
}

const BASE_VI = { eligible: 'tổng số hộ gia đình', cast: 'số phiếu đã bỏ' } as const;
const BASE_EN = { eligible: 'all households', cast: 'the ballots cast' } as const;

function shareVi(share: Share, of: string): string {
  const f = fractionText(share.fraction);
  return share.op === 'at_least' ? `từ ${f} ${of} trở lên` : `trên ${f} ${of}`;
}

function shareEn(share: Share, of: string): string {
  const [n, d] = share.fraction;
  const f = n * 2 === d ? '50 %' : `${n}/${d}`;
  return `${share.op === 'at_least' ? 'at least' : 'more than'} ${f} of ${of}`;
}

/** The attendance a rule asks for, if any, in both languages: "; cần trên 50% tổng số hộ gia đình dự họp". */
function attendanceWords(rule: Rule): { vi: string; en: string } {
  const a = rule.attendance ?? rule.quorum;
  if (a === undefined) return { vi: '', en: '' };
  return { vi: `; cần ${shareVi(a, 'tổng số hộ gia đình')} dự họp`, en: `; ${shareEn(a, 'all households')} present` };
}

/**
 * The rule as a share, in both languages.
 * @example shareWords({ base: 'eligible', op: 'more_than', fraction: [1, 2] }).vi // "trên 50% tổng số hộ gia đình"
 */
export function shareWords(rule: Rule): { vi: string; en: string } {
  const extra = attendanceWords(rule);
  if (rule.base === 'plurality') return { vi: `phương án được nhiều phiếu nhất${extra.vi}`, en: `the most votes${extra.en}` };
  return { vi: `${shareVi(rule, BASE_VI[rule.base])}${extra.vi}`, en: `${shareEn(rule, BASE_EN[rule.base])}${extra.en}` };
}

/** The Vietnamese share alone: "từ 2/3 tổng số hộ gia đình trở lên". */
export function shareInWords(rule: Rule): string {
  return shareWords(rule).vi;
}

/** The English share, for messages: "at least 2/3 of all households", "the most votes". */
export function describeRule(rule: Rule): string {
  return shareWords(rule).en;
}

/**
 * The rule with its threshold, in words a farmer understands.
 * @example ruleInWords({ base: 'eligible', op: 'at_least', fraction: [2, 3] }, 20) // "cần từ 20 hộ trở lên (từ 2/3 tổng số hộ gia đình trở lên)"
 */
export function ruleInWords(rule: Rule, t: number): string {
  if (rule.base === 'plurality') return `phương án được nhiều phiếu nhất${attendanceWords(rule).vi}`;
  const unit = rule.base === 'eligible' ? 'hộ' : 'phiếu';
  return `cần từ ${t} ${unit} trở lên (${shareVi(rule, BASE_VI[rule.base])})${attendanceWords(rule).vi}`;
}

/** An outcome in Vietnamese, the one wording of the pages, the charts and the minutes. */
export const OUTCOME_VI: Readonly<Record<OutcomeStatus, string>> = {
  adopted: 'Được thông qua',
  rejected: 'Không được thông qua',
  no_decision: 'Không có phương án nào được thông qua',
  quorum_not_met: 'Không đủ số hộ tham gia theo quy định',
  not_enough_present: 'Không đủ số hộ dự họp để thông qua',
};

/** An outcome in English. */
export const OUTCOME_EN: Readonly<Record<OutcomeStatus, string>> = {
  adopted: 'Adopted',
  rejected: 'Not adopted',
  no_decision: 'No option adopted',
  quorum_not_met: 'Quorum not met',
  not_enough_present: 'Too few households present to pass it',
};
