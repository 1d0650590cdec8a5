/** Step 6 of bundle.md: every ballot answers every question with an allowed answer. */
import { checkAnswers } from '../answers.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** Step 6: each ballot's answers are allowed by the consultation's questions. */
export async function checkAnswersAllowed(bundle: Bundle): Promise<string> {
  const { questions } = await bundle.consultation();
  const { count, answerSet, distinct } = await bundle.ballots();
  // Ballots repeat a handful of answer sets: judge each distinct set once, then look each ballot up.
  const verdicts = distinct.map((answers) => checkAnswers(questions, answers));
  const examples: string[] = [];
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const problems = verdicts[answerSet[i]!]!;
    if (problems.length && bad++ < 5) examples.push(`ballot ${i + 1}: ${problems.join(', ')}`);
  }
  if (bad) fail(`${bad} ballot(s) not allowed: ${summarize(examples, bad)}`);
  return `${count} ballots answer all ${questions.length} question(s)`;
}
