/**
 * The recount of the final ballots, or of a show of hands, into the manifest's `tally` (bundle.md "The manifest",
 * "Format `result/2`", verifier step 7). One pass over the ballots per question, counters in a typed array, no
 * allocation per ballot.
 */
import { canReachThreshold, decide, quorumMet, threshold } from './rules.ts';
import type { Answers, Consultation, HandCount, Question, QuestionTally } from './schemas.ts';

/** What a meeting adds to the recount (result/2). */
export interface TallyOptions {
  /**
   * The households present at a meeting: the outcome is `not_enough_present` when they cannot reach the threshold
   * or miss the rule's attendance (rules.ts canReachThreshold), and each question's tally gives `present`.
   */
  present?: number;
  /** A show of hands (needs `present`): the counts as entered, per question and answer or option id, instead of ballots. */
  handCount?: HandCount;
}

/** The counts of one question over the ballots: a key per option (or `yes` and `no`), and the abstentions. */
function countBallots(question: Question, ballots: readonly Answers[]): { counts: Record<string, number>; abstain: number } {
  const id = question.id;
  const cast = ballots.length;
  let abstain = 0;
  if (question.type === 'yes_no') {
    let yes = 0;
    let no = 0;
    for (let i = 0; i < cast; i++) {
      const answer = ballots[i]![id];
      if (answer === 'yes') yes++;
      else if (answer === 'no') no++;
      else if (answer === 'abstain') abstain++;
    }
    return { counts: { yes, no }, abstain };
  }
  const index = new Map<string, number>();
  for (const [i, o] of question.options.entries()) index.set(o.id, i);
  const votes = new Float64Array(question.options.length);
  if (question.type === 'single') {
    for (let i = 0; i < cast; i++) {
      const answer = ballots[i]![id];
      if (typeof answer !== 'string') continue;
      const at = index.get(answer);
      if (at !== undefined) votes[at]!++;
      else if (answer === 'abstain') abstain++;
    }
  } else {
    for (let i = 0; i < cast; i++) {
      const answer = ballots[i]![id];
      if (!Array.isArray(answer)) continue;
      if (answer.length === 0) abstain++;
      for (let j = 0; j < answer.length; j++) {
        const at = index.get(answer[j]!);
        if (at !== undefined) votes[at]!++;
      }
    }
  }
  const counts: Record<string, number> = {};
  for (const [i, o] of question.options.entries()) counts[o.id] = votes[i]!;
  return { counts, abstain };
}

/** The counts of one question from a show of hands: each answer's entry (0 when none), `abstain` the other opinions. */
function countHands(question: Question, hands: Readonly<Record<string, number>> | undefined): { counts: Record<string, number>; abstain: number } {
  const entry = (key: string): number => (hands && Object.hasOwn(hands, key) ? hands[key]! : 0);
  const keys = question.type === 'yes_no' ? ['yes', 'no'] : question.options.map((o) => o.id);
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = entry(key);
  return { counts, abstain: entry('abstain') };
}

/**
 * The tally of one question over the final ballots (one per household that handed one in) with H = `eligible`.
 * `cast` is the number of ballots (for a show of hands: the households present), `abstain` those answering
 * `"abstain"` (or `[]` for approval), `counts` has a key for every option (or `yes` and `no`), zeros included.
 * Ballots are assumed checked (answers.ts); an answer that is not allowed counts for no option and not as an
 * abstention, and so does a hand count under a key that is not an answer of the question.
 */
export function tallyQuestion(question: Question, ballots: readonly Answers[], eligible: number, options: TallyOptions = {}): QuestionTally {
  const { present, handCount } = options;
  if (handCount !== undefined && present === undefined) throw new RangeError('a show of hands needs the households present');
  const id = question.id;
  const cast = handCount !== undefined ? present! : ballots.length;
  const { counts, abstain } = handCount !== undefined ? countHands(question, handCount[id]) : countBallots(question, ballots);
  const t = threshold(question.rule, eligible, cast);
  // Without a meeting's attendance, the quorum counts the final ballots (participants.json), as result/1 did. At a
  // meeting (result/2), a quorum missed is one more way of not having enough households present.
  const quorumOk = present !== undefined || quorumMet(question.rule, cast, eligible);
  const enoughPresent = present === undefined || (canReachThreshold(question.rule, present, eligible) && quorumMet(question.rule, present, eligible));
  const outcome = decide(question, counts, t, quorumOk, enoughPresent);
  const tallied: QuestionTally = { questionId: id, type: question.type, rule: question.rule, eligible, cast, abstain, counts, threshold: t, outcome };
  return present === undefined ? tallied : { ...tallied, present };
}

/**
 * The manifest's `tally`: one entry per question of the consultation, in question order. A meeting gives
 * `present`, and a show of hands its `handCount` (then `ballots` is empty).
 * @example tally(consultation, ballots.map((b) => b.answers), roll.households.length)
 * @example tally(consultation, [], 30, { present: 24, handCount: { q1: { yes: 21, no: 2, abstain: 1 } } })
 */
export function tally(
  consultation: Pick<Consultation, 'questions'>,
  ballots: readonly Answers[],
  eligible: number,
  options: TallyOptions = {},
): QuestionTally[] {
  return consultation.questions.map((question) => tallyQuestion(question, ballots, eligible, options));
}
