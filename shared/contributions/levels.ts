/**
 * Which contribution level the vote adopted (domain.md "Contributions", Law 10/2022 Art. 15(1)): the levels a
 * contribution consultation puts to the vote, whether the work itself was refused, and the level the signed result
 * adopted, the one the dues schedule and the minutes use.
 */
import * as z from 'zod';
import { DomainError } from '../errors.ts';
import type { Consultation, Manifest } from '../schemas.ts';

/** One contribution level on the ballot: the question (and option) that carries it, and its amount per unit. */
export const Level = z.strictObject({ questionId: z.string(), optionId: z.string().optional(), amountPerUnit: z.int().min(0) });
export type Level = z.infer<typeof Level>;

/**
 * The levels a contribution consultation puts to the vote, in ballot order, by the rule matters.ts holds drafts to:
 * a yes/no question adopts the amount of the terms (`contribution.amountPerUnit`), and each option of a
 * single-choice question is a level with its own `amountPerUnit`. Approval questions carry no level (they may
 * adopt several options; a household owes one amount).
 */
export function contributionLevels(c: Pick<Consultation, 'matter' | 'questions' | 'contribution'>): Level[] {
  const terms = c.contribution;
  if (c.matter !== 'contribution' || terms === undefined) return [];
  const levels: Level[] = [];
  for (const q of c.questions) {
    if (q.type === 'yes_no' && terms.amountPerUnit !== undefined) levels.push({ questionId: q.id, amountPerUnit: terms.amountPerUnit });
    if (q.type === 'single')
      for (const o of q.options) if (o.amountPerUnit !== undefined) levels.push({ questionId: q.id, optionId: o.id, amountPerUnit: o.amountPerUnit });
  }
  return levels;
}

/**
 * Whether the community refused the work itself: a yes/no question that carries no level (going ahead with the work,
 * voted beside the level, Law 10/2022 Art. 15(1)) was not adopted. A community that refused the work adopted no
 * contribution, whatever the level questions say.
 */
export function goingAheadRefused(c: Pick<Consultation, 'matter' | 'questions' | 'contribution'>, manifest: Pick<Manifest, 'tally'>): boolean {
  const levels = contributionLevels(c);
  return c.questions.some(
    (q) => q.type === 'yes_no' && !levels.some((l) => l.questionId === q.id) && manifest.tally.find((t) => t.questionId === q.id)?.outcome.status !== 'adopted',
  );
}

/**
 * The level the signed result adopted: the first level question in ballot order whose outcome is `adopted` (domain.md:
 * sequential yes/no questions, lowest level first, stop at the first adopted; or one single-choice question under
 * the 2/3 rule, whose adopted option is the level). Undefined when nothing was adopted, or when the going-ahead
 * question was not (goingAheadRefused).
 * @example adoptedLevel(consultation, manifest) // { questionId: 'q2', optionId: 'level-50k', amountPerUnit: 50000 }
 */
export function adoptedLevel(consultation: Consultation, manifest: Pick<Manifest, 'consultationId' | 'tally'>): Level | undefined {
  if (manifest.consultationId !== consultation.id)
    throw new DomainError('invalid_request', `the result is of consultation ${manifest.consultationId}, not ${consultation.id}`);
  const levels = contributionLevels(consultation);
  if (levels.length === 0 || goingAheadRefused(consultation, manifest)) return undefined;
  for (const q of consultation.questions) {
    const t = manifest.tally.find((x) => x.questionId === q.id);
    if (t?.outcome.status !== 'adopted') continue;
    const option = q.type === 'yes_no' ? undefined : t.outcome.options[0];
    const level = levels.find((l) => l.questionId === q.id && l.optionId === option);
    if (level) return level;
  }
  return undefined;
}
