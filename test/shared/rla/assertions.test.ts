import { describe, expect, it } from 'vitest';
import { assertionsFor, MAX_OVERSTATEMENT, questionDiscrepancy } from '../../../shared/rla/assertions.ts';
import type { Answers, Question, Rule } from '../../../shared/schemas.ts';
import { tallyQuestion } from '../../../shared/tally.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const H = 300;

const yesNo: Question = { id: 'q1', type: 'yes_no', text: 'Đóng góp làm đường?', options: [], rule: TWO_THIRDS };
const single = (rule: Rule): Question => ({
  id: 'q2',
  type: 'single',
  text: 'Mức đóng góp',
  options: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
  ],
  rule,
});
const approval = (max: number): Question => ({
  id: 'q3',
  type: 'approval',
  text: 'Hạng mục',
  options: [
    { id: 'x', label: 'X' },
    { id: 'y', label: 'Y' },
    { id: 'z', label: 'Z' },
  ],
  rule: TWO_THIRDS,
  max,
});

/** Ballots giving each answer its count, tallied by the project's own rules with H = 300. */
function planOf(question: Question, counts: Record<string, number>, options: { present?: number } = {}) {
  const ballots: Answers[] = [];
  for (const [answer, n] of Object.entries(counts)) for (let i = 0; i < n; i++) ballots.push({ [question.id]: answer });
  return assertionsFor(question, tallyQuestion(question, ballots, H, options));
}
function approvalPlan(question: Question, slips: [string[], number][]) {
  const ballots: Answers[] = [];
  for (const [answer, n] of slips) for (let i = 0; i < n; i++) ballots.push({ [question.id]: answer });
  return assertionsFor(question, tallyQuestion(question, ballots, H));
}

describe('assertions of a yes/no question under "at least 2/3 of all households"', () => {
  // t = ceil(2 * 300 / 3) = 200.
  const adopted = planOf(yesNo, { yes: 230, no: 40, abstain: 10 });
  const rejected = planOf(yesNo, { yes: 150, no: 100 });

  it('adopted: yes >= t, margin yes - t + 1', () => {
    expect(adopted.assertions.map((a) => a.says)).toEqual(['yes >= 200']);
    expect(adopted.margin).toBe(31);
    // At the threshold exactly, one vote less would reject it: the margin is 1.
    expect(planOf(yesNo, { yes: 200, no: 1 }).margin).toBe(1);
  });

  it('rejected: yes < t, margin t - yes', () => {
    expect(rejected.assertions.map((a) => a.says)).toEqual(['yes < 200']);
    expect(rejected.margin).toBe(50);
    expect(planOf(yesNo, { yes: 199 }).margin).toBe(1);
  });

  it.each([
    ['yes', 'yes', 0, 0],
    ['yes', 'no', 1, -1],
    ['yes', 'abstain', 1, -1],
    ['no', 'yes', -1, 1],
    ['abstain', 'yes', -1, 1],
    ['no', 'abstain', 0, 0],
    ['yes', 'a mark that is no answer', 1, -1],
  ])('entry %s, read %s: %i against adoption, %i against rejection', (entry, read, ifAdopted, ifRejected) => {
    expect(questionDiscrepancy(adopted, { q1: entry }, { q1: read })).toBe(ifAdopted);
    expect(questionDiscrepancy(rejected, { q1: entry }, { q1: read })).toBe(ifRejected);
  });

  it('counts a slip not found (the question absent from the reading) as a two-vote overstatement', () => {
    expect(MAX_OVERSTATEMENT).toBe(2);
    expect(questionDiscrepancy(adopted, { q1: 'no' }, {})).toBe(2);
    expect(questionDiscrepancy(rejected, { q1: 'yes' }, { q2: 'a' })).toBe(2);
  });

  it('leaves out outcomes no slip can change', () => {
    const meeting = planOf({ ...yesNo, rule: { ...TWO_THIRDS, attendance: { op: 'more_than', fraction: [1, 2] } } }, { yes: 100 }, { present: 120 });
    expect(meeting.audited).toBe(false);
    const quorum = planOf({ ...yesNo, rule: { base: 'cast', op: 'more_than', fraction: [1, 2], quorum: { op: 'at_least', fraction: [1, 2] } } }, { yes: 10 });
    expect(quorum).toMatchObject({ audited: false, assertions: [] });
  });
});

describe('assertions of a single-choice question', () => {
  const adopted = planOf(single(TWO_THIRDS), { a: 210, b: 50, c: 20 });

  it('adopted: the winner reaches t and beats every other option', () => {
    expect(adopted.assertions.map((a) => [a.says, a.margin])).toEqual([
      ['a >= 200', 11],
      ['a > b', 160],
      ['a > c', 190],
    ]);
    expect(adopted.margin).toBe(11);
  });

  it.each([
    ['a', 'b', 2, 'two-vote overstatement: a vote for the winner was one for a loser'],
    ['a', 'abstain', 1, 'one-vote overstatement'],
    ['c', 'b', 1, 'one-vote overstatement of a > b'],
    ['abstain', 'c', 1, 'one-vote overstatement of a > c'],
    ['b', 'a', -1, 'understatement (a > b by 2, the threshold by 1: the largest counts)'],
    ['b', 'b', 0, 'none'],
  ])('entry %s, read %s: %i (%s)', (entry, read, expected) => {
    expect(questionDiscrepancy(adopted, { q2: entry }, { q2: read })).toBe(expected);
  });

  it('no decision, no option at t: every option stays below t', () => {
    const plan = planOf(single(TWO_THIRDS), { a: 120, b: 120, c: 30 });
    expect(plan.assertions.map((a) => a.says)).toEqual(['a < 200', 'b < 200', 'c < 200']);
    expect(plan.margin).toBe(80);
    expect(questionDiscrepancy(plan, { q2: 'b' }, { q2: 'a' })).toBe(1);
    // Moved from a to c: "a < 200" is understated by 1, "c < 200" overstated by 1; the largest counts.
    expect(questionDiscrepancy(plan, { q2: 'a' }, { q2: 'c' })).toBe(1);
    expect(questionDiscrepancy(plan, { q2: 'a' }, { q2: 'abstain' })).toBe(0);
  });

  it('no decision by a tie at the top: each tied option is matched by the other, margin 1', () => {
    const plan = planOf(single({ base: 'plurality' }), { a: 120, b: 120, c: 30 });
    expect(plan.assertions.map((a) => a.says)).toEqual(['b >= a', 'a >= b', 'a >= c']);
    expect(plan.margin).toBe(1);
    expect(questionDiscrepancy(plan, { q2: 'b' }, { q2: 'a' })).toBe(2);
  });
});

describe('assertions of an approval question', () => {
  it('covered when no more options reach t than may be chosen', () => {
    const plan = approvalPlan(approval(2), [
      [['x', 'y'], 200],
      [['x'], 10],
      [['y', 'z'], 5],
      [['z'], 95],
    ]);
    expect(plan.assertions.map((a) => [a.says, a.margin])).toEqual([
      ['x >= 200', 11],
      ['y >= 200', 6],
      ['z < 200', 100],
    ]);
    expect(questionDiscrepancy(plan, { q3: ['x', 'y'] }, { q3: ['x'] })).toBe(1);
    expect(questionDiscrepancy(plan, { q3: ['z'] }, { q3: ['x', 'z'] })).toBe(0);
    expect(questionDiscrepancy(plan, { q3: ['x'] }, { q3: ['x', 'y'] })).toBe(0);
    expect(questionDiscrepancy(plan, { q3: [] }, { q3: ['z'] })).toBe(1);
  });

  it('not covered when the seat rule chose among more options than seats: margin 0, a full count', () => {
    const plan = approvalPlan(approval(1), [
      [['x', 'y'], 205],
      [['x'], 5],
    ]);
    expect(plan).toMatchObject({ audited: true, assertions: [], margin: 0 });
    expect(plan.uncovered).toMatch(/full count/);
    expect(questionDiscrepancy(plan, { q3: ['x', 'y'] }, { q3: ['y', 'x'] })).toBe(0);
    expect(questionDiscrepancy(plan, { q3: ['x', 'y'] }, { q3: ['x'] })).toBe(2);
  });
});
