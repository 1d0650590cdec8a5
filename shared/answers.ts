/**
 * Which ballots are allowed (bundle.md "Ballots and receipts", verifier step 6): one answer per question,
 * `"yes"`/`"no"`/`"abstain"` for a yes/no question, an option id or `"abstain"` for a single choice, a sorted
 * array of at most `max` distinct option ids for an approval question (`[]` abstains).
 */
import type { Answers, Question } from './schemas.ts';

/** One reason a ballot is not allowed; `path` is inside `answers` (question id, then array index). */
export interface AnswerProblem {
  path: (string | number)[];
  code: 'unknown_question' | 'answer_missing' | 'invalid_answer' | 'unknown_option' | 'duplicate_option' | 'not_sorted' | 'too_many_options';
  message: string;
}

const YES_NO: ReadonlySet<string> = new Set(['yes', 'no', 'abstain']);

function checkOne(question: Question, answer: Answers[string], problems: AnswerProblem[]): void {
  const id = question.id;
  const problem = (code: AnswerProblem['code'], message: string, index?: number): void => {
    problems.push({ path: index === undefined ? [id] : [id, index], code, message: `question ${id}: ${message}` });
  };

  if (question.type === 'yes_no') {
    if (typeof answer !== 'string' || !YES_NO.has(answer)) problem('invalid_answer', 'the answer must be "yes", "no" or "abstain"');
    return;
  }
  const options = new Set(question.options.map((o) => o.id));

  if (question.type === 'single') {
    if (typeof answer !== 'string') problem('invalid_answer', 'the answer must be one option id or "abstain"');
    else if (answer !== 'abstain' && !options.has(answer)) problem('unknown_option', `"${answer}" is not an option`);
    return;
  }

  if (!Array.isArray(answer)) {
    problem('invalid_answer', 'the answer must be a list of option ids ([] to abstain)');
    return;
  }
  const seen = new Set<string>();
  answer.forEach((choice, index) => {
    if (!options.has(choice)) problem('unknown_option', `"${choice}" is not an option`, index);
    else if (seen.has(choice)) problem('duplicate_option', `"${choice}" is chosen twice`, index);
    seen.add(choice);
  });
  // bundle.md: "a sorted array of distinct option ids" (UTF-16 order); equal neighbours are reported above.
  for (let i = 1; i < answer.length; i++) {
    if (answer[i - 1]! > answer[i]!) {
      problem('not_sorted', 'the chosen options must be sorted by id', i);
      break;
    }
  }
  const max = question.max ?? question.options.length;
  if (answer.length > max) problem('too_many_options', `at most ${max} options may be chosen, got ${answer.length}`);
}

/** Every reason `answers` is not an allowed ballot for `questions`, with a field path and a stable code; [] when allowed. */
export function answerProblems(questions: readonly Question[], answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ path: [id], code: 'unknown_question', message: `question ${id}: there is no such question` });
  }
  for (const question of questions) {
    if (!Object.hasOwn(answers, question.id)) {
      problems.push({ path: [question.id], code: 'answer_missing', message: `question ${question.id}: no answer (send "abstain" or [] to abstain)` });
      continue;
    }
    checkOne(question, answers[question.id]!, problems);
  }
  return problems;
}

/**
 * The problems of a ballot as short English sentences naming the question; empty when the ballot is allowed.
 * @example checkAnswers([q1], { q1: 'maybe' }) // ['question q1: the answer must be "yes", "no" or "abstain"']
 */
export function checkAnswers(questions: readonly Question[], answers: Answers): string[] {
  return answerProblems(questions, answers).map((p) => p.message);
}

/**
 * A copy of `answers` with every approval answer sorted (api.md: a client may send them in any order).
 * Duplicates are kept, so that checkAnswers still reports them; nothing else is changed.
 */
export function normalizeAnswers(questions: readonly Question[], answers: Answers): Answers {
  const normalized: Answers = { ...answers };
  for (const question of questions) {
    const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (question.type === 'approval' && Array.isArray(answer)) normalized[question.id] = [...answer].sort();
  }
  return normalized;
}
