/**
 * The recount of the final ballots into the manifest's `tally` (bundle.md "The manifest", verifier step 7).
 * One pass over the ballots per question, counters in a typed array, no allocation per ballot.
 */
import { decide, quorumMet, threshold } from './rules.ts';
import type { Answers, Consultation, Question, QuestionTally } from './schemas.ts';

/**
 * The tally of one question over the final ballots (one per participating household) with H = `eligible`.
 * `cast` is the number of ballots, `abstain` those answering `"abstain"` (or `[]` for approval), `counts` has
 * a key for every option (or `yes` and `no`), zeros included. Ballots are assumed checked (answers.ts); an
 * answer that is not allowed counts for no option and not as an abstention.
 */
export function tallyQuestion(question: Question, ballots: readonly Answers[], eligible: number): QuestionTally {
  const id = question.id;
  const cast = ballots.length;
  let abstain = 0;
  let counts: Record<string, number>;

  if (question.type === 'yes_no') {
    let yes = 0;
    let no = 0;
    for (let i = 0; i < cast; i++) {
      const answer = ballots[i]![id];
      if (answer === 'yes') yes++;
      else if (answer === 'no') no++;
      else if (answer === 'abstain') abstain++;
    }
    counts = { yes, no };
  } else {
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
    counts = {};
    for (const [i, o] of question.options.entries()) counts[o.id] = votes[i]!;
  }

  const t = threshold(question.rule, eligible, cast);
  // Quorum counts households that took part (participants.json), which is the number of final ballots.
  const outcome = decide(question, counts, t, quorumMet(question.rule, cast, eligible));
  return { questionId: id, type: question.type, rule: question.rule, eligible, cast, abstain, counts, threshold: t, outcome };
}

/**
 * The manifest's `tally`: one entry per question of the consultation, in question order.
 * @example tally(consultation, ballots.map((b) => b.answers), roll.households.length)
 */
export function tally(consultation: Pick<Consultation, 'questions'>, ballots: readonly Answers[], eligible: number): QuestionTally[] {
  return consultation.questions.map((question) => tallyQuestion(question, ballots, eligible));
}
