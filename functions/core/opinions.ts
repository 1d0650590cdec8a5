/**
 * Other opinions (domain.md "Other opinions"): the texts given with the "Ý kiến khác" answer, checked with the
 * ballot, kept apart from it after it is counted (a random id, the day only, no household, no receipt), seen by the
 * officials and monitors of the round while voting, hidden by an official with a reason (never edited; an
 * `opinion_hidden` event with the id and the reason, never the text), and published in opinions.json at close.
 *
 * A household that votes again replaces nothing here: nothing links an opinion to its household, so an opinion once
 * sent stays (the ballot page says so).
 */
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { maskReceipts } from '../../shared/mask-receipts.ts';
import {
  keptOpinions,
  OPINION_MAX,
  type OpinionHideReason,
  opinionProblems,
  type OpinionsByQuestion,
  type StoredOpinion,
  vietnamDay,
} from '../../shared/opinions.ts';
import type { Answers } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

/** An opinion to keep: its question and its text (NFC, trimmed). */
export type NewOpinion = { questionId: string; text: string };

/** An opinion as officials and monitors see it: the hidden ones with their reason and when, never who hid them. */
export interface ReviewedOpinion {
  id: string;
  questionId: string;
  text: string;
  day: string;
  hidden?: { reason: OpinionHideReason; at: string };
}

/**
 * The opinions of a ballot to keep once it is counted, or `invalid_request` (paths `opinions.<questionId>`): a text
 * only with the "other opinion" answer of a yes/no or single-choice question, at most 500 characters.
 */
export function checkedOpinions(rec: ConsultationRecord, answers: Answers, opinions: OpinionsByQuestion | undefined): NewOpinion[] {
  if (!opinions) return [];
  const questions = rec.consultation.questions;
  const problems = opinionProblems(questions, answers, opinions);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_request',
      'an other opinion goes only with the answer "abstain" (Ý kiến khác), at most 500 characters',
      problems.map((p) => ({ path: ['opinions', ...p.path].join('.'), message: p.message })),
    );
  }
  // A receipt or tracking code typed into an opinion would tie it to a ballot, which nothing else does: hidden.
  // The marker is longer than a tracking code; a text stuffed with codes is cut at the limit rather than refused.
  return keptOpinions(questions, opinions).map((o) => ({ ...o, text: maskReceipts(o.text).text.slice(0, OPINION_MAX) }));
}

/**
 * Keeps the opinions of a ballot just counted, each under a random id with the day of `now` only. A round that
 * closed in between (its gates shut) refuses them: the ballot counts, the opinions are not kept, and that is logged.
 */
export async function keepOpinions(deps: CoreDeps, id: string, opinions: readonly NewOpinion[]): Promise<number> {
  const now = instant(deps.clock.now());
  let kept = 0;
  for (const o of opinions) {
    try {
      await deps.store.addOpinion(id, { id: toHex(deps.ids.random(16)), questionId: o.questionId, text: o.text, day: vietnamDay(now) }, now);
      kept += 1;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'not_open') throw err;
      deps.log?.(`an other opinion of ${id} came after the close and was not kept`);
    }
  }
  return kept;
}

/** Every opinion of a round, for its officials and monitors: by question (in the round's order), then by id. */
export async function reviewOpinions(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec } = await loadForMonitor(deps, who, id);
  const order = new Map(rec.consultation.questions.map((q, i) => [q.id, i]));
  const stored = await deps.store.listOpinions(id);
  const opinions = stored.sort((a, b) => (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0) || (a.id < b.id ? -1 : 1)).map(reviewed);
  return { rec, opinions };
}

function reviewed(o: StoredOpinion): ReviewedOpinion {
  const { hidden, ...fields } = o;
  return { ...fields, ...(hidden ? { hidden: { reason: hidden.reason, at: hidden.at } } : {}) };
}

/** An official hides an opinion while voting, with a reason; audit-logged as `opinion_hidden` (id and reason only). */
export async function hideOpinion(deps: CoreDeps, who: Principal | undefined, id: string, opinionId: string, reason: OpinionHideReason) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'voting') throw new DomainError('wrong_state', `opinions are moderated while voting; this consultation is ${rec.state}`);
  const at = instant(deps.clock.now());
  await deps.store.hideOpinion(
    id,
    opinionId,
    { reason, at, by: official.sub },
    { at, actor: actorOf(official), action: 'opinion_hidden', data: { opinionId, reason } },
  );
  return { id: opinionId, hidden: { reason, at } };
}
