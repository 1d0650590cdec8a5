/**
 * Other opinions (ý kiến khác, domain.md "Other opinions"): the optional text a household gives with the third
 * answer of a yes/no question (`"abstain"`) or of a single-choice question. It is kept apart from the ballot (no
 * household, no receipt, no time finer than the day, a random id), moderated for personal data, and published in
 * `opinions.json` (bundle.md "Format result/2").
 */
import * as z from 'zod';
import type { Answers, Question } from './schemas.ts';

/** The longest opinion, in characters after NFC. */
export const OPINION_MAX = 500;

/** Why an opinion was hidden before publication: the only reasons moderation may give. */
export const OpinionHideReason = z.enum(['personal_data', 'insult', 'off_topic']);
export type OpinionHideReason = z.infer<typeof OpinionHideReason>;

/** A hidden opinion keeps its text in the store (never edited); `by` is the official's account, never published. */
export const OpinionHidden = z.strictObject({ reason: OpinionHideReason, at: z.string(), by: z.string().min(1) });
export type OpinionHidden = z.infer<typeof OpinionHidden>;

/** An opinion as the store keeps it: a random id, its question, its text and the day (Vietnam time) it came. */
export interface StoredOpinion {
  id: string;
  questionId: string;
  text: string;
  /** `YYYY-MM-DD`, Vietnam time: nothing finer, so that its time cannot be matched with a ballot's. */
  day: string;
  hidden?: OpinionHidden;
}

/** The opinions sent with a ballot, by question id. */
export type OpinionsByQuestion = Record<string, string>;

/** One reason the opinions of a ballot are not allowed; `path` is inside `opinions`. */
export interface OpinionProblem {
  path: string[];
  code: 'unknown_question' | 'not_other' | 'too_long';
  message: string;
}

/** The text as it is kept: NFC and trimmed. */
export function opinionText(text: string): string {
  return text.normalize('NFC').trim();
}

/** Whether a question has an "other opinion" answer (yes/no and single choice; an approval question has none). */
export function takesOpinion(question: Question): boolean {
  return question.type === 'yes_no' || question.type === 'single';
}

/**
 * Every reason the opinions do not fit the answers: a text only for a question answered `"abstain"` (the other
 * opinion), at most OPINION_MAX characters. A blank text is no opinion and is not a problem.
 * @example opinionProblems([q1], { q1: 'yes' }, { q1: 'Làm đường rộng hơn' })[0].code // 'not_other'
 */
export function opinionProblems(questions: readonly Question[], answers: Answers, opinions: OpinionsByQuestion): OpinionProblem[] {
  const problems: OpinionProblem[] = [];
  for (const [id, raw] of Object.entries(opinions)) {
    const text = opinionText(raw);
    if (text === '') continue;
    const question = questions.find((q) => q.id === id);
    if (!question || !takesOpinion(question)) {
      problems.push({ path: [id], code: 'unknown_question', message: `question ${id}: has no other opinion` });
    } else if (answers[id] !== 'abstain') {
      problems.push({ path: [id], code: 'not_other', message: `question ${id}: a text goes only with the answer "abstain" (other opinion)` });
    } else if (text.length > OPINION_MAX) {
      problems.push({ path: [id], code: 'too_long', message: `question ${id}: at most ${OPINION_MAX} characters, got ${text.length}` });
    }
  }
  return problems;
}

/**
 * The opinions to keep, in question order: NFC, trimmed, blank ones left out. Call after `opinionProblems` is empty.
 * @example keptOpinions([q1, q2], { q2: ' Ý kiến ', q1: '' }) // [{ questionId: 'q2', text: 'Ý kiến' }]
 */
export function keptOpinions(questions: readonly Question[], opinions: OpinionsByQuestion): Array<{ questionId: string; text: string }> {
  return questions
    .filter((q) => Object.hasOwn(opinions, q.id))
    .map((q) => ({ questionId: q.id, text: opinionText(opinions[q.id]!) }))
    .filter((o) => o.text !== '');
}

/**
 * The day of an instant in Vietnam (UTC+7, no daylight saving), the only time an opinion keeps.
 * @example vietnamDay('2026-03-03T18:30:00Z') // '2026-03-04'
 */
export function vietnamDay(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The `opinions` of a ballot as the API takes them (the length is checked after NFC, by `opinionProblems`). */
export const OpinionsBody = z.record(z.string().max(64), z.string().max(4 * OPINION_MAX));
