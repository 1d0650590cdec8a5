import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canReachThreshold, decide, quorumMet, threshold } from '../../shared/rules.ts';
import type { Question, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
const PLURALITY: Rule = { base: 'plurality' };

function yesNo(rule: Rule = TWO_THIRDS): Question {
  return { id: 'q1', type: 'yes_no', text: 'Làm đường?', options: [], rule };
}
function single(ids: string[], rule: Rule = PLURALITY): Question {
  return { id: 'q1', type: 'single', text: 'Mức đóng góp?', options: ids.map((id) => ({ id, label: id })), rule };
}
function approval(ids: string[], max: number, rule: Rule = PLURALITY): Question {
  return { id: 'q1', type: 'approval', text: 'Thành viên ban giám sát?', options: ids.map((id) => ({ id, label: id })), rule, max };
}

describe('threshold', () => {
  // Expected values by hand: ceil(2H/3).
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 2],
    [29, 20],
    [30, 20],
    [31, 21],
  ])('at least 2/3 of %i households is %i yes-votes', (h, t) => {
    expect(threshold(TWO_THIRDS, h, 0)).toBe(t);
  });

  // Expected values by hand: floor(H/2) + 1.
  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 2],
    [29, 15],
    [30, 16],
    [31, 16],
  ])('more than 1/2 of %i households is %i yes-votes', (h, t) => {
    expect(threshold(MORE_THAN_HALF, h, 0)).toBe(t);
  });

  it.each<[string, Rule, number, number, number]>([
    ['at least 1/2 of 9 ballots cast is 5', { base: 'cast', op: 'at_least', fraction: [1, 2] }, 100, 9, 5],
    ['more than 1/2 of 10 ballots cast is 6', { base: 'cast', op: 'more_than', fraction: [1, 2] }, 100, 10, 6],
    ['at least 2/3 of 25 ballots cast is 17, whatever H is', { base: 'cast', op: 'at_least', fraction: [2, 3] }, 30, 25, 17],
    ['at least 1/2 of 10 households is exactly 5', { base: 'eligible', op: 'at_least', fraction: [1, 2] }, 10, 3, 5],
    ['at least 3/4 of 10 households is 8', { base: 'eligible', op: 'at_least', fraction: [3, 4] }, 10, 0, 8],
    ['at least 1/1 of 7 households is all 7', { base: 'eligible', op: 'at_least', fraction: [1, 1] }, 7, 0, 7],
    ['more than 2/3 of 30 households is 21', { base: 'eligible', op: 'more_than', fraction: [2, 3] }, 30, 0, 21],
    ['more than 0 is one vote', { base: 'eligible', op: 'more_than', fraction: [0, 1] }, 30, 0, 1],
    ['a plurality needs one vote', PLURALITY, 30, 12, 1],
    ['a plurality needs one vote with no households', PLURALITY, 0, 0, 1],
  ])('%s', (_name, rule, eligible, cast, t) => {
    expect(threshold(rule, eligible, cast)).toBe(t);
  });

  it('is the fewest votes that satisfy the rule, for every base size and fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((den) => fc.tuple(fc.integer({ min: 0, max: den }), fc.constant(den))),
        fc.constantFrom('at_least' as const, 'more_than' as const),
        fc.integer({ min: 0, max: 5000 }),
        ([num, den], op, b) => {
          const passes = (y: number): boolean => (op === 'at_least' ? y * den >= b * num : y * den > b * num);
          let fewest = 0;
          while (!passes(fewest)) fewest++;
          expect(threshold({ base: 'eligible', op, fraction: [num, den] }, b, 0)).toBe(fewest);
          expect(threshold({ base: 'cast', op, fraction: [num, den] }, 0, b)).toBe(fewest);
        },
      ),
    );
  });

  it('refuses a base so large that B * num would lose precision', () => {
    expect(() => threshold(TWO_THIRDS, 2 ** 52 + 1, 0)).toThrow(RangeError);
    expect(threshold(TWO_THIRDS, 2 ** 51, 0)).toBe(1501199875790166); // ceil(2^52 / 3), by hand
  });

  it.each([-1, 1.5, Number.NaN])('refuses a household count of %s', (n) => {
    expect(() => threshold(TWO_THIRDS, n, 0)).toThrow(RangeError);
    expect(() => threshold(TWO_THIRDS, 10, n)).toThrow(RangeError);
  });
});

describe('quorumMet', () => {
  const more = (num: number, den: number): Rule => ({ ...TWO_THIRDS, quorum: { op: 'more_than', fraction: [num, den] } });
  const least = (num: number, den: number): Rule => ({ ...TWO_THIRDS, quorum: { op: 'at_least', fraction: [num, den] } });

  it.each<[string, Rule, number, number, boolean]>([
    ['a rule without quorum is met with nobody', TWO_THIRDS, 0, 30, true],
    ['16 of 30 households are more than half: quorum just met', more(1, 2), 16, 30, true],
    ['15 of 30 households are exactly half, not more: quorum just missed', more(1, 2), 15, 30, false],
    ['16 of 31 households are more than half: quorum just met', more(1, 2), 16, 31, true],
    ['15 of 31 households are less than half: quorum just missed', more(1, 2), 15, 31, false],
    ['1 of 1 household is more than half', more(1, 2), 1, 1, true],
    ['nobody of no households is not more than half', more(1, 2), 0, 0, false],
    ['15 of 30 households are at least half: quorum just met', least(1, 2), 15, 30, true],
    ['14 of 30 households are not at least half: quorum just missed', least(1, 2), 14, 30, false],
    ['2 of 3 households are at least 2/3', least(2, 3), 2, 3, true],
    ['1 of 3 households is not at least 2/3', least(2, 3), 1, 3, false],
    ['a plurality rule may carry a quorum too', { base: 'plurality', quorum: { op: 'more_than', fraction: [1, 2] } }, 5, 10, false],
  ])('%s', (_name, rule, participants, eligible, met) => {
    expect(quorumMet(rule, participants, eligible)).toBe(met);
  });
});

describe('decide', () => {
  it.each<[string, Question]>([
    ['yes/no', yesNo({ ...TWO_THIRDS, quorum: { op: 'more_than', fraction: [1, 2] } })],
    ['single choice', single(['a', 'b'])],
    ['approval', approval(['a', 'b'], 1)],
  ])('a %s question without quorum is quorum_not_met, whatever the votes', (_name, question) => {
    expect(decide(question, { yes: 30, no: 0, a: 30, b: 0 }, 1, false)).toEqual({ status: 'quorum_not_met', options: [] });
  });

  describe('yes/no', () => {
    it.each<[string, number, number, number, string]>([
      ['yes-votes equal to the threshold adopt', 20, 0, 20, 'adopted'],
      ['one yes-vote fewer than the threshold rejects', 19, 0, 20, 'rejected'],
      ['no-votes do not matter once yes reaches the threshold', 20, 10, 20, 'adopted'],
      ['a yes majority of the votes below the threshold rejects', 19, 1, 20, 'rejected'],
    ])('%s', (_name, yes, no, t, status) => {
      const outcome = decide(yesNo(), { yes, no }, t, true);
      expect(outcome).toEqual({ status, options: status === 'adopted' ? ['yes'] : [] });
    });
  });

  describe('single choice', () => {
    it.each<[string, Record<string, number>, number, string, string[]]>([
      ['the unique top option at the threshold is adopted', { a: 20, b: 5, c: 0 }, 20, 'adopted', ['a']],
      ['the unique top option below the threshold is no decision', { a: 19, b: 5, c: 0 }, 20, 'no_decision', []],
      ['a plurality tie for the top is no decision', { a: 5, b: 5, c: 1 }, 1, 'no_decision', []],
      ['a tie below the top does not matter', { a: 7, b: 3, c: 3 }, 1, 'adopted', ['a']],
      ['the top option may be the last one', { a: 1, b: 2, c: 3 }, 1, 'adopted', ['c']],
      ['no votes at all under a plurality is no decision', { a: 0, b: 0, c: 0 }, 1, 'no_decision', []],
      ['a tie for the top is no decision even above the threshold', { a: 10, b: 10, c: 0 }, 3, 'no_decision', []],
    ])('%s', (_name, counts, t, status, options) => {
      expect(decide(single(['a', 'b', 'c']), counts, t, true)).toEqual({ status, options });
    });
  });

  describe('approval', () => {
    it.each<[string, string[], number, Record<string, number>, number, string, string[]]>([
      ['qualifying options come most votes first', ['a', 'b', 'c'], 3, { a: 3, b: 7, c: 5 }, 1, 'adopted', ['b', 'c', 'a']],
      ['options with equal votes come in option-id order', ['c', 'a', 'b'], 3, { a: 5, b: 7, c: 5 }, 1, 'adopted', ['b', 'a', 'c']],
      ['ids are ordered by UTF-16 code units, not by locale', ['a_1', 'a1', 'a-1'], 3, { a_1: 4, a1: 4, 'a-1': 4 }, 1, 'adopted', ['a-1', 'a1', 'a_1']],
      ['options below the threshold are left out', ['a', 'b', 'c'], 3, { a: 20, b: 15, c: 16 }, 16, 'adopted', ['a', 'c']],
      ['exactly max qualifying options are all adopted, even when tied', ['a', 'b', 'c'], 2, { a: 5, b: 5, c: 3 }, 4, 'adopted', ['a', 'b']],
      ['a tie across the cut leaves out every option tied with the first one left out', ['a', 'b', 'c'], 2, { a: 7, b: 5, c: 5 }, 1, 'adopted', ['a']],
      ['a tie for the only seat adopts nothing', ['a', 'b'], 1, { a: 5, b: 5 }, 1, 'no_decision', []],
      ['a tie beyond the cut does not matter', ['a', 'b', 'c', 'd'], 2, { a: 9, b: 8, c: 3, d: 3 }, 1, 'adopted', ['a', 'b']],
      ['the cut keeps options above the tie', ['a', 'b', 'c', 'd'], 3, { a: 9, b: 8, c: 3, d: 3 }, 1, 'adopted', ['a', 'b']],
      ['no option at the threshold is no decision', ['a', 'b'], 2, { a: 15, b: 10 }, 16, 'no_decision', []],
      ['options that nobody chose do not qualify under a plurality', ['a', 'b', 'c'], 3, { a: 2, b: 0, c: 0 }, 1, 'adopted', ['a']],
    ])('%s', (_name, ids, max, counts, t, status, options) => {
      expect(decide(approval(ids, max), counts, t, true)).toEqual({ status, options });
    });
  });
});

describe('the rules of domain.md, end to end on 30 households', () => {
  const H = 30;
  const outcome = (rule: Rule, yes: number, no: number) => {
    const cast = yes + no;
    return decide(yesNo(rule), { yes, no }, threshold(rule, H, cast), quorumMet(rule, cast, H)).status;
  };

  it('exactly two thirds of all households adopt a contribution', () => {
    expect(outcome(TWO_THIRDS, 20, 0)).toBe('adopted');
  });
  it('one household fewer than two thirds rejects a contribution', () => {
    expect(outcome(TWO_THIRDS, 19, 0)).toBe('rejected');
  });
  it('absent households count against adoption: 19 of 25 ballots is not two thirds of 30 households', () => {
    expect(outcome(TWO_THIRDS, 19, 6)).toBe('rejected');
  });
  it('the same ballots adopt under a rule based on the ballots cast', () => {
    expect(outcome({ base: 'cast', op: 'at_least', fraction: [2, 3] }, 19, 6)).toBe('adopted');
  });
  it('more than half of all households adopt community rules, exactly half does not', () => {
    expect(outcome(MORE_THAN_HALF, 16, 14)).toBe('adopted');
    expect(outcome(MORE_THAN_HALF, 15, 15)).toBe('rejected');
  });
  it('a meeting of exactly half the households has no quorum, whatever they vote', () => {
    const meeting: Rule = { ...MORE_THAN_HALF, quorum: { op: 'more_than', fraction: [1, 2] } };
    expect(outcome(meeting, 15, 0)).toBe('quorum_not_met');
    expect(outcome(meeting, 16, 0)).toBe('adopted');
  });
});

const COMMUNITY_RULES: Rule = { ...MORE_THAN_HALF, attendance: { op: 'more_than', fraction: [1, 2] } };
const AT_LEAST_HALF_PRESENT: Rule = { base: 'eligible', op: 'at_least', fraction: [1, 2], attendance: { op: 'at_least', fraction: [1, 2] } };

/** The fewest households present that can still pass, computed by hand from domain.md's formulas. */
const fewest: [string, Rule, (h: number) => number][] = [
  // 2/3 of H: present >= ceil(2H/3).
  ['at least 2/3', TWO_THIRDS, (h) => Math.ceil((2 * h) / 3)],
  // More than 50 % of H: present > H/2, i.e. present >= floor(H/2) + 1.
  ['more than 1/2', MORE_THAN_HALF, (h) => Math.floor(h / 2) + 1],
  // Community rules: more than half of H in favour and more than half present; both say floor(H/2) + 1.
  ['more than 1/2 with attendance more than 1/2', COMMUNITY_RULES, (h) => Math.floor(h / 2) + 1],
  // At least half: ceil(H/2), and the attendance says the same.
  ['at least 1/2 with attendance at least 1/2', AT_LEAST_HALF_PRESENT, (h) => Math.ceil(h / 2)],
];
const HOUSEHOLDS = [0, 1, 2, 3, 29, 30, 31, 200];

describe('canReachThreshold (domain.md "Could not reach the threshold")', () => {
  const table = fewest.flatMap(([name, rule, least]) => HOUSEHOLDS.map((h) => [name, h, least(h), rule] as const));
  it.each(table)('%s of %i households: %i present can reach it, one fewer cannot', (_name, h, least, rule) => {
    expect(canReachThreshold(rule, least, h)).toBe(true);
    if (least > 0) expect(canReachThreshold(rule, least - 1, h)).toBe(false);
    expect(canReachThreshold(rule, h, h)).toBe(least <= h);
  });

  it.each([
    [29, 19, false],
    [29, 20, true],
    [30, 19, false],
    [30, 20, true],
    [31, 20, false],
    [31, 21, true],
  ])('2/3 of %i households: %i present -> %s', (h, present, ok) => {
    expect(canReachThreshold(TWO_THIRDS, present, h)).toBe(ok);
  });

  it.each([
    [30, 15, false],
    [30, 16, true],
    [31, 15, false],
    [31, 16, true],
    [200, 100, false],
    [200, 101, true],
  ])('more than half of %i households: %i present -> %s (present <= H/2 cannot)', (h, present, ok) => {
    expect(canReachThreshold(MORE_THAN_HALF, present, h)).toBe(ok);
  });

  it('a missed attendance rule stops a vote that a lower threshold could reach', () => {
    // 20 yes of 60 is enough under "at least 1/3", but the rule asks more than half of the households present.
    const rule: Rule = { base: 'eligible', op: 'at_least', fraction: [1, 3], attendance: { op: 'more_than', fraction: [1, 2] } };
    expect(threshold(rule, 60, 0)).toBe(20);
    expect(canReachThreshold(rule, 30, 60)).toBe(false);
    expect(canReachThreshold(rule, 31, 60)).toBe(true);
  });

  it('a rule over the ballots cast can be reached by any meeting that has someone present', () => {
    const rule: Rule = { base: 'cast', op: 'more_than', fraction: [1, 2] };
    expect(canReachThreshold(rule, 1, 200)).toBe(true);
    expect(canReachThreshold(rule, 0, 200)).toBe(false);
  });

  it('a plurality needs one household present', () => {
    expect(canReachThreshold({ base: 'plurality' }, 0, 30)).toBe(false);
    expect(canReachThreshold({ base: 'plurality' }, 1, 30)).toBe(true);
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => canReachThreshold(TWO_THIRDS, -1, 30)).toThrow(RangeError);
    expect(() => canReachThreshold(TWO_THIRDS, 1.5, 30)).toThrow(RangeError);
  });
});

describe('decide with too few present', () => {
  const question: Question = { id: 'q1', type: 'yes_no', text: 'Làm đường?', options: [], rule: TWO_THIRDS };
  it('is not_enough_present whatever the votes, before the quorum is looked at', () => {
    expect(decide(question, { yes: 30 }, 20, true, false)).toEqual({ status: 'not_enough_present', options: [] });
    expect(decide(question, { yes: 30 }, 20, false, false)).toEqual({ status: 'not_enough_present', options: [] });
  });
  it('decides as before when enough are present, or when nobody says', () => {
    expect(decide(question, { yes: 20 }, 20, true, true)).toEqual({ status: 'adopted', options: ['yes'] });
    expect(decide(question, { yes: 20 }, 20, true)).toEqual({ status: 'adopted', options: ['yes'] });
    expect(decide(question, { yes: 20 }, 20, false)).toEqual({ status: 'quorum_not_met', options: [] });
  });
});
