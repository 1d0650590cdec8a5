/**
 * A community rule over time: the round that adopted it, then the rounds linked to it that amend (sửa đổi, bổ sung),
 * replace (thay thế), suspend (tạm ngưng) or annul (bãi bỏ) it (Law 10/2022 Art. 22). Each takes effect on the day
 * UBND xã decides it: a rule and every change of its text when recognised (Decree 61/2023 Art. 11(5)). From these the
 * rule in force on a day and its history, for the hamlet's public page. Pure.
 */
import { isIsoDate } from '../working-days.ts';

export type RoundKind = 'adoption' | 'amendment' | 'replacement' | 'suspension' | 'annulment';

export interface RuleRound {
  id: string;
  kind: RoundKind;
  /** The rule changed: the id of the adoption round that made it (none for an adoption). */
  rule?: string;
  /** The day it took effect (UBND xã's decision); none while it has not. */
  effective?: string;
  /** For a suspension: the day the rule applies again; none while it lasts. */
  until?: string;
}

export type RuleStatus = 'not_yet' | 'in_force' | 'suspended' | 'annulled';

export interface RuleState {
  rule: string;
  status: RuleStatus;
  /** The round whose text is in force: the adoption, or the latest replacement. */
  text: string;
  /** The amendments to that text, oldest first. */
  amendments: string[];
  /** Every round of the rule that has taken effect by that day, oldest first. */
  history: RuleRound[];
}

const inEffect = (r: RuleRound, on: string) => r.effective !== undefined && r.effective <= on;

function byEffect(a: RuleRound, b: RuleRound): number {
  const x = a.effective ?? '';
  const y = b.effective ?? '';
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The state of the rule adopted by round `rule` on day `on`: its text, its amendments and whether it is in force.
 * @example ruleState([{ id: 'r1', kind: 'adoption', effective: '2027-01-10' }], 'r1', '2027-01-09').status // 'not_yet'
 */
export function ruleState(rounds: readonly RuleRound[], rule: string, on: string): RuleState {
  if (!isIsoDate(on)) throw new RangeError(`not a calendar date: ${on}`);
  const adoption = rounds.find((r) => r.id === rule && r.kind === 'adoption');
  if (!adoption) throw new RangeError(`no adoption round ${rule}`);
  const state: RuleState = { rule, status: 'not_yet', text: rule, amendments: [], history: [] };
  if (!inEffect(adoption, on)) return state;
  state.status = 'in_force';
  state.history.push(adoption);
  for (const r of rounds.filter((x) => x.rule === rule && x.kind !== 'adoption' && inEffect(x, on)).sort(byEffect)) {
    if (state.status === 'annulled') break;
    state.history.push(r);
    if (r.kind === 'amendment') state.amendments.push(r.id);
    if (r.kind === 'replacement') Object.assign(state, { text: r.id, amendments: [] });
    if (r.kind === 'annulment') state.status = 'annulled';
    if (r.kind === 'suspension') state.status = r.until !== undefined && r.until <= on ? 'in_force' : 'suspended';
  }
  return state;
}

/** A linked round that cannot be opened, in words. */
export interface LinkProblem {
  code: 'link_missing' | 'adoption_linked' | 'rule_unknown' | 'rule_not_in_force' | 'rule_annulled';
  vi: string;
  en: string;
}

const LINK_WORDS: Readonly<Record<LinkProblem['code'], { vi: string; en: string }>> = {
  link_missing: { vi: 'Cần chọn hương ước, quy ước được sửa đổi', en: 'Choose the rule this round changes' },
  adoption_linked: { vi: 'Hương ước, quy ước mới không gắn với hương ước, quy ước khác', en: 'A new rule is not linked to another' },
  rule_unknown: { vi: 'Không tìm thấy hương ước, quy ước này', en: 'No such rule' },
  rule_not_in_force: { vi: 'Hương ước, quy ước chưa có hiệu lực', en: 'The rule is not in force yet' },
  rule_annulled: { vi: 'Hương ước, quy ước đã bị bãi bỏ', en: 'The rule was annulled' },
};

const linkProblem = (code: LinkProblem['code']): LinkProblem => ({ code, ...LINK_WORDS[code] });

/**
 * Whether a new round may be opened on day `on` with its link: an adoption links nothing; every other round links to
 * a rule that has taken effect and is not annulled.
 * @example linkProblems({ id: 'a2', kind: 'amendment' }, [], '2027-01-01')[0].code // 'link_missing'
 */
export function linkProblems(round: RuleRound, rounds: readonly RuleRound[], on: string): LinkProblem[] {
  if (round.kind === 'adoption') return round.rule === undefined ? [] : [linkProblem('adoption_linked')];
  if (round.rule === undefined) return [linkProblem('link_missing')];
  if (!rounds.some((r) => r.id === round.rule && r.kind === 'adoption')) return [linkProblem('rule_unknown')];
  const state = ruleState(rounds, round.rule, on);
  if (state.status === 'not_yet') return [linkProblem('rule_not_in_force')];
  if (state.status === 'annulled') return [linkProblem('rule_annulled')];
  return [];
}

/** The names of the kinds of round, as the law writes them. */
export const ROUND_WORDS: Readonly<Record<RoundKind, { vi: string; en: string }>> = {
  adoption: { vi: 'Xây dựng hương ước, quy ước', en: 'A new community rule' },
  amendment: { vi: 'Sửa đổi, bổ sung', en: 'Amendment' },
  replacement: { vi: 'Thay thế', en: 'Replacement' },
  suspension: { vi: 'Tạm ngưng thực hiện', en: 'Suspension' },
  annulment: { vi: 'Bãi bỏ', en: 'Annulment' },
};
