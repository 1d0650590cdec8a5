/**
 * Reads the ballot form (application/x-www-form-urlencoded) into the code and answers that castOnline takes, and
 * lists what the resident must fix. Only the code's format is checked here (case, spaces and dashes do not matter):
 * whether it is a household's code is the use case's to say (checkVotingCode, castOnline), behind its limit on wrong codes.
 */
import { answerProblems, normalizeAnswers } from '../../../shared/answers.ts';
import { OPINION_MAX, opinionProblems, opinionText, takesOpinion } from '../../../shared/opinions.ts';
import type { Answers, Question } from '../../../shared/schemas.ts';
import { answerField, type BallotForm, type FormProblem } from '../../../web/vote/model.ts';
import { opinionField } from '../../../web/vote/opinion-field.tsx';
import { normalizeCode } from '../../core/codes.ts';

export interface BallotInput {
  /** What to show again in the form. */
  form: BallotForm;
  /** The ballot to cast, when there is nothing to fix: the code in its canonical `XXXX-XXXX-XXXX-XXXX` form. */
  ballot?: { code: string; answers: Answers; opinions?: Record<string, string> };
  problems: FormProblem[];
}

/** Form text as the API takes text: NFC, trimmed, and never longer than any answer or code can be. */
const field = (value: string) => value.normalize('NFC').trim().slice(0, 100);

/**
 * The code and answers of a posted ballot form, and its problems (none when `ballot` is set).
 * @example readBallotForm(questions, new URLSearchParams('code=abcd-efgh-jkmn-pqrs&a.q1=yes')).ballot?.code // 'ABCD-EFGH-JKMN-PQRS'
 */
export function readBallotForm(questions: readonly Question[], params: URLSearchParams): BallotInput {
  const problems: FormProblem[] = [];
  const typed = field(params.get('code') ?? '');
  const canonical = typed ? normalizeCode(typed) : undefined;
  if (!typed) problems.push({ field: 'code', kind: 'code_missing' });
  else if (!canonical) problems.push({ field: 'code', kind: 'code_format' });
  const code = canonical ? canonical.match(/.{4}/g)!.join('-') : typed;

  const answers: Answers = {};
  const form: BallotForm = { code, answers: {} };
  for (const q of questions) {
    const values = params.getAll(answerField(q.id)).map(field);
    if (q.type === 'approval') {
      // No box ticked is an abstention ([]), as bundle.md defines it.
      answers[q.id] = values;
      form.answers[q.id] = values;
    } else if (values.length === 1) {
      answers[q.id] = values[0]!;
      form.answers[q.id] = values[0]!;
    } else {
      problems.push({ field: q.id, kind: values.length === 0 ? 'answer_missing' : 'invalid' });
    }
  }

  const normalized = normalizeAnswers(questions, answers);
  for (const p of answerProblems(questions, normalized)) {
    const id = String(p.path[0]);
    if (p.code === 'answer_missing' || problems.some((x) => x.field === id)) continue;
    const q = questions.find((x) => x.id === id);
    problems.push(p.code === 'too_many_options' && q?.max !== undefined ? { field: id, kind: 'too_many', max: q.max } : { field: id, kind: 'invalid' });
  }
  const opinions = readOpinions(questions, params, normalized, problems);
  if (Object.keys(opinions).length > 0) form.opinions = opinions;
  const ballot = { code, answers: normalized, ...(Object.keys(opinions).length > 0 ? { opinions } : {}) };
  if (problems.length === 0) return { form, ballot, problems };
  // In the order of the page: the code, then the questions.
  const order = (f: string) => (f === 'code' ? -1 : questions.findIndex((q) => q.id === f));
  return { form, problems: problems.sort((a, b) => order(a.field) - order(b.field)) };
}

/**
 * The "Ý kiến khác" texts of the form (NFC, trimmed, blank ones left out), and their problems pushed to `problems`:
 * a text under a question not answered with the other opinion, or longer than OPINION_MAX.
 */
function readOpinions(questions: readonly Question[], params: URLSearchParams, answers: Answers, problems: FormProblem[]): Record<string, string> {
  const opinions: Record<string, string> = {};
  for (const q of questions) {
    const text = opinionText(params.get(opinionField(q.id)) ?? '');
    if (text !== '' && takesOpinion(q)) opinions[q.id] = text;
  }
  for (const p of opinionProblems(questions, answers, opinions)) {
    const id = p.path[0]!;
    if (problems.some((x) => x.field === id)) continue;
    problems.push(p.code === 'too_long' ? { field: id, kind: 'opinion_too_long', max: OPINION_MAX } : { field: id, kind: 'opinion_not_other' });
  }
  return opinions;
}
