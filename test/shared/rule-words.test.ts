import { describe, expect, it } from 'vitest';
import { describeRule, OUTCOME_EN, OUTCOME_VI, ruleInWords, shareInWords, shareWords } from '../../shared/rule-words.ts';
import { OutcomeStatus } from '../../shared/schemas.ts';
import type { Quorum, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
const PRESENT: Quorum = { op: 'more_than', fraction: [1, 2] };

// The law's own words: "từ hai phần ba tổng số đại diện hộ gia đình trở lên" and "trên 50% tổng số đại diện hộ gia
// đình" (Law 10/2022 Art. 21(1)); "phải có đại diện của trên 50% tổng số hộ gia đình ... tham dự họp" (D61 Art. 10(1)(a)).
describe('shareWords', () => {
  it.each<[string, Rule, string, string]>([
    ['2/3 of all households (Art. 15(1), (2))', TWO_THIRDS, 'từ 2/3 tổng số hộ gia đình trở lên', 'at least 2/3 of all households'],
    ['more than 1/2 of all households (Art. 15(3)-(6))', MORE_THAN_HALF, 'trên 50% tổng số hộ gia đình', 'more than 50 % of all households'],
    [
      'at least 1/2 of all households',
      { base: 'eligible', op: 'at_least', fraction: [1, 2] },
      'từ 50% tổng số hộ gia đình trở lên',
      'at least 50 % of all households',
    ],
    [
      'more than 2/3 of all households',
      { base: 'eligible', op: 'more_than', fraction: [2, 3] },
      'trên 2/3 tổng số hộ gia đình',
      'more than 2/3 of all households',
    ],
    [
      'at least 3/4 of all households',
      { base: 'eligible', op: 'at_least', fraction: [3, 4] },
      'từ 3/4 tổng số hộ gia đình trở lên',
      'at least 3/4 of all households',
    ],
    ['2/3 of the ballots cast', { base: 'cast', op: 'at_least', fraction: [2, 3] }, 'từ 2/3 số phiếu đã bỏ trở lên', 'at least 2/3 of the ballots cast'],
    ['more than 1/2 of the ballots cast', { base: 'cast', op: 'more_than', fraction: [1, 2] }, 'trên 50% số phiếu đã bỏ', 'more than 50 % of the ballots cast'],
    ['a plurality', { base: 'plurality' }, 'phương án được nhiều phiếu nhất', 'the most votes'],
    [
      'more than 1/2, with more than 1/2 present (a community-rules meeting)',
      { ...MORE_THAN_HALF, attendance: PRESENT },
      'trên 50% tổng số hộ gia đình; cần trên 50% tổng số hộ gia đình dự họp',
      'more than 50 % of all households; more than 50 % of all households present',
    ],
    [
      '2/3, with at least 2/3 present',
      { ...TWO_THIRDS, attendance: { op: 'at_least', fraction: [2, 3] } },
      'từ 2/3 tổng số hộ gia đình trở lên; cần từ 2/3 tổng số hộ gia đình trở lên dự họp',
      'at least 2/3 of all households; at least 2/3 of all households present',
    ],
    [
      'a plurality, with more than 1/2 present',
      { base: 'plurality', attendance: PRESENT },
      'phương án được nhiều phiếu nhất; cần trên 50% tổng số hộ gia đình dự họp',
      'the most votes; more than 50 % of all households present',
    ],
    [
      'a result/1 quorum, in the same words',
      { ...MORE_THAN_HALF, quorum: PRESENT },
      'trên 50% tổng số hộ gia đình; cần trên 50% tổng số hộ gia đình dự họp',
      'more than 50 % of all households; more than 50 % of all households present',
    ],
  ])('%s', (_name, rule, vi, en) => {
    expect(shareWords(rule)).toEqual({ vi, en });
    expect(shareInWords(rule)).toBe(vi);
    expect(describeRule(rule)).toBe(en);
  });

  it('puts the attendance, not the result/1 quorum, when a rule has both', () => {
    const rule: Rule = { ...MORE_THAN_HALF, quorum: { op: 'at_least', fraction: [1, 3] }, attendance: PRESENT };
    expect(shareWords(rule).vi).toBe('trên 50% tổng số hộ gia đình; cần trên 50% tổng số hộ gia đình dự họp');
  });
});

describe('ruleInWords: the rule with its threshold', () => {
  it.each<[string, Rule, number, string]>([
    ['2/3 of 30 households', TWO_THIRDS, 20, 'cần từ 20 hộ trở lên (từ 2/3 tổng số hộ gia đình trở lên)'],
    ['more than 1/2 of 30 households', MORE_THAN_HALF, 16, 'cần từ 16 hộ trở lên (trên 50% tổng số hộ gia đình)'],
    ['more than 1/2 of 31 households', MORE_THAN_HALF, 16, 'cần từ 16 hộ trở lên (trên 50% tổng số hộ gia đình)'],
    ['2/3 of 12 ballots cast', { base: 'cast', op: 'at_least', fraction: [2, 3] }, 8, 'cần từ 8 phiếu trở lên (từ 2/3 số phiếu đã bỏ trở lên)'],
    ['more than 1/2 of 9 ballots cast', { base: 'cast', op: 'more_than', fraction: [1, 2] }, 5, 'cần từ 5 phiếu trở lên (trên 50% số phiếu đã bỏ)'],
    ['a plurality', { base: 'plurality' }, 1, 'phương án được nhiều phiếu nhất'],
  ])('%s', (_name, rule, t, words) => {
    expect(ruleInWords(rule, t)).toBe(words);
  });
});

describe('the outcomes in words', () => {
  it.each(OutcomeStatus.options)('%s has a Vietnamese and an English wording', (status) => {
    expect(OUTCOME_VI[status].trim().length).toBeGreaterThan(3);
    expect(OUTCOME_EN[status].trim().length).toBeGreaterThan(3);
  });

  it('words each outcome differently in each language', () => {
    expect(new Set(Object.values(OUTCOME_VI)).size).toBe(OutcomeStatus.options.length);
    expect(new Set(Object.values(OUTCOME_EN)).size).toBe(OutcomeStatus.options.length);
    expect(Object.keys(OUTCOME_VI).sort()).toEqual([...OutcomeStatus.options].sort());
    expect(Object.keys(OUTCOME_EN).sort()).toEqual([...OutcomeStatus.options].sort());
  });

  it.each<[OutcomeStatus, string, string]>([
    ['adopted', 'Được thông qua', 'Adopted'],
    ['rejected', 'Không được thông qua', 'Not adopted'],
    ['not_enough_present', 'Không đủ số hộ dự họp để thông qua', 'Too few households present to pass it'],
  ])('says %s as the law does', (status, vi, en) => {
    expect(OUTCOME_VI[status]).toBe(vi);
    expect(OUTCOME_EN[status]).toBe(en);
  });
});
