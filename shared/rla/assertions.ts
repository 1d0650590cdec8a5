/**
 * The assertions of a ballot-comparison audit in SHANGRLA form (Stark 2020, "Sets of Half-Average Nulls Generate
 * Risk-Limiting Audits: SHANGRLA"), for the outcome each question reported under the project's own rules (rules.ts,
 * domain.md "Decision rules"), and the discrepancy of a slip: the signed overstatement, in votes, of that outcome's
 * margin (bundle.md "Risk-limiting audits of paper rounds").
 *
 * Every assertion is linear in the slips: a score s(answer) in {-1, 0, 1} per slip and a number `need`, and it holds
 * when the sum S of the scores of all ballots is at least `need`. Its margin in votes is V = S_reported - need + 1:
 * the net overstatement that would make it false. A slip's overstatement is s(entry) - s(reading), between -2 and 2.
 *
 * The threshold t is fixed during the audit: with base `eligible` it is fixed by the roll (H); with base `cast` by the
 * number of ballots, which reading a slip does not change. So "yes >= t of ALL households" is the assertion
 * S = yes >= t, margin yes - t + 1; "rejected" is yes <= t - 1, i.e. S = -yes >= 1 - t, margin t - yes.
 *
 * Covered: yes/no (adopted, rejected), single choice (adopted: the winner reaches t and beats every other option;
 * no decision: every option is below t or matched by another), approval when no more options reach t than `max`
 * (each adopted option reaches t, each other option stays below it). Not covered: an approval question where more
 * options reach t than seats (`max`) and the seat rule chose among them; its margin is 0, so the audit can only end in
 * a full count. Not audited: `quorum_not_met` and `not_enough_present`, which depend on how many households took part
 * or were present, never on what a slip says.
 */
import type { Answers, Question, QuestionTally } from '../schemas.ts';

/** One question's answer on a slip: an answer or option id, or an approval slip's option ids. */
type Answer = Answers[string];

/** The largest overstatement, in votes, one slip may carry for any assertion here: a vote moved from one side to the other. */
export const MAX_OVERSTATEMENT = 2;

/** One assertion: it holds when the sum over ballots of `score` is at least `need`; `margin` is its margin in votes. */
export interface Assertion {
  /** What it says, for people: `yes >= 201`, `a > b`, `b < 201`, `a >= b`. */
  says: string;
  /** The score of a slip by answer or option id (missing ids score 0). */
  score: Readonly<Record<string, number>>;
  need: number;
  margin: number;
}

/** The assertions of one question's reported outcome, and its smallest margin (0 when the outcome is not covered). */
export interface QuestionAssertions {
  questionId: string;
  /** False for outcomes no slip can change (`quorum_not_met`, `not_enough_present`): not part of the audit. */
  audited: boolean;
  assertions: Assertion[];
  /** The smallest margin in votes of its assertions; 0 when the outcome is not covered (then only a full count ends it). */
  margin: number;
  /** Why the outcome is not covered, in Vietnamese then English, when it is not. */
  uncovered?: string;
}

/** The sum of the reported scores, from the tally's counts. */
function reportedSum(score: Readonly<Record<string, number>>, counts: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const [id, s] of Object.entries(score)) sum += s * (counts[id] ?? 0);
  return sum;
}

function assertion(says: string, score: Record<string, number>, need: number, counts: Readonly<Record<string, number>>): Assertion {
  return { says, score, need, margin: reportedSum(score, counts) - need + 1 };
}

const atLeast = (id: string, t: number, counts: Readonly<Record<string, number>>) => assertion(`${id} >= ${t}`, { [id]: 1 }, t, counts);
const below = (id: string, t: number, counts: Readonly<Record<string, number>>) => assertion(`${id} < ${t}`, { [id]: -1 }, 1 - t, counts);
const beats = (w: string, l: string, counts: Readonly<Record<string, number>>) => assertion(`${w} > ${l}`, { [w]: 1, [l]: -1 }, 1, counts);
const notBelow = (w: string, l: string, counts: Readonly<Record<string, number>>) => assertion(`${w} >= ${l}`, { [w]: 1, [l]: -1 }, 0, counts);

/** The candidate with the largest margin (the first of equals), so that the audit tests the easiest sufficient claim. */
function widest(candidates: readonly Assertion[]): Assertion {
  let best = candidates[0]!;
  for (const c of candidates) if (c.margin > best.margin) best = c;
  return best;
}

/** Single choice, no decision: for each option, it stays below t or another option has at least as many votes. */
function noDecision(ids: readonly string[], t: number, counts: Readonly<Record<string, number>>): Assertion[] {
  return ids.map((o) => {
    const candidates = [below(o, t, counts), ...ids.filter((x) => x !== o).map((x) => notBelow(x, o, counts))];
    return widest(candidates);
  });
}

/**
 * The assertions of `question`'s reported outcome in `tally` (the manifest's entry for it).
 * @example assertionsFor(yesNo, { ..., counts: { yes: 230, no: 40 }, threshold: 200, outcome: { status: 'adopted', options: ['yes'] } })
 * // { audited: true, assertions: [{ says: 'yes >= 200', margin: 31, ... }], margin: 31 }
 */
export function assertionsFor(question: Question, tally: QuestionTally): QuestionAssertions {
  const { counts, threshold: t, outcome } = tally;
  const questionId = question.id;
  const done = (assertions: Assertion[]): QuestionAssertions => ({
    questionId,
    audited: true,
    assertions,
    margin: assertions.length ? Math.max(0, Math.min(...assertions.map((a) => a.margin))) : 0,
  });
  if (outcome.status === 'quorum_not_met' || outcome.status === 'not_enough_present') return { questionId, audited: false, assertions: [], margin: 0 };

  if (question.type === 'yes_no') return done([outcome.status === 'adopted' ? atLeast('yes', t, counts) : below('yes', t, counts)]);

  const ids = question.options.map((o) => o.id);
  if (question.type === 'single') {
    if (outcome.status === 'adopted' && outcome.options.length === 1) {
      const w = outcome.options[0]!;
      return done([atLeast(w, t, counts), ...ids.filter((o) => o !== w).map((o) => beats(w, o, counts))]);
    }
    return done(noDecision(ids, t, counts));
  }

  // Approval: the options that reached t, as reported.
  const qualified = ids.filter((o) => (counts[o] ?? 0) >= t);
  if (qualified.length > (question.max ?? qualified.length)) {
    return {
      questionId,
      audited: true,
      assertions: [],
      margin: 0,
      uncovered:
        'nhiều phương án đạt ngưỡng hơn số được chọn: chỉ kiểm đếm lại toàn bộ mới xác nhận được / more options reached the threshold than may be chosen: only a full count confirms it',
    };
  }
  return done(ids.map((o) => (qualified.includes(o) ? atLeast(o, t, counts) : below(o, t, counts))));
}

/** The score of one answer of one slip: an answer string, or the distinct option ids of an approval slip. */
function scoreOf(assertion: Assertion, answer: Answer | undefined): number {
  if (answer === undefined) return 0;
  const score = (id: string) => (Object.hasOwn(assertion.score, id) ? assertion.score[id]! : 0);
  if (typeof answer === 'string') return score(answer);
  let sum = 0;
  for (const id of new Set(answer)) sum += score(id);
  return sum;
}

/**
 * The overstatement in votes of one assertion by one slip: s(entry) - s(reading), positive when the published entry
 * overstated the reported outcome. A slip whose question the monitors could not read (absent from `reading`, such as a
 * slip not found in the box) counts as the largest overstatement, as Arlo counts a ballot not found.
 */
export function overstatement(assertion: Assertion, questionId: string, entry: Answers, reading: Answers): number {
  if (!Object.hasOwn(reading, questionId)) return MAX_OVERSTATEMENT;
  const read = reading[questionId];
  const entered = Object.hasOwn(entry, questionId) ? entry[questionId] : undefined;
  return scoreOf(assertion, entered) - scoreOf(assertion, read);
}

/**
 * The discrepancy of a slip for a question (bundle.md `discrepancy`): the largest overstatement over the question's
 * assertions. With the smallest margin, the risk measured from it bounds the risk of every assertion (each factor of
 * the Kaplan–Markov product grows with the overstatement and shrinks with the margin). An uncovered question still
 * reports its entries' differences, counted as a plain vote difference on the answer.
 * @example questionDiscrepancy(plan, { q1: 'yes' }, { q1: 'no' }) // 1: a one-vote overstatement of "yes >= t"
 */
export function questionDiscrepancy(plan: QuestionAssertions, entry: Answers, reading: Answers): number {
  const id = plan.questionId;
  if (plan.assertions.length === 0) {
    if (!Object.hasOwn(reading, id)) return MAX_OVERSTATEMENT;
    return sameAnswer(Object.hasOwn(entry, id) ? entry[id] : undefined, reading[id]) ? 0 : MAX_OVERSTATEMENT;
  }
  let most = -MAX_OVERSTATEMENT;
  for (const a of plan.assertions) most = Math.max(most, overstatement(a, id, entry, reading));
  return most;
}

function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b;
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
