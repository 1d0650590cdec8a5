/**
 * The discussion during disclosure (dân bàn): residents comment with their household's code, officials answer
 * (giải trình) and moderate by hiding with a reason. A resident's comment is never an audit event (the log never
 * names a household for what it said); every official act is. The disclosure page is republished after each act.
 */
import type * as z from 'zod';
import {
  AuthorName,
  COMMENT_LIMITS,
  CommentText,
  overLimit,
  publicView,
  quotaAt,
  threads,
  type Comment,
  type HideReason,
  type PublicDiscussion,
  type Thread,
} from '../../shared/discussion.ts';
import { DomainError, type ErrorDetail } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { maskReceipts } from '../../shared/mask-receipts.ts';
import type { State } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial } from './access.ts';
import { codeHash, discussionCodeHash, newCode, normalizeCode } from './codes.ts';
import type { CoreDeps } from './deps.ts';
import { republish } from './republish.ts';
import type { Principal } from './ports.ts';
import type { Board, ConsultationRecord } from './store.ts';
import { refuseWrongCode } from './voting.ts';

/** Residents comment while the matter is disclosed and while it is voted on. */
const COMMENTING: readonly State[] = ['disclosure', 'voting'];

export interface CommentInput {
  code: string;
  text: string;
  parent?: string | undefined;
  author?: string | undefined;
}

/** The discussion as one reader may see it: the public view, or for the commune's officials every text, hidden or not. */
export type DiscussionView = PublicDiscussion | { threads: Thread[]; total: number; hidden: number; answered: number };

function checked<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details: ErrorDetail[] = detailsOf(r.error, { path });
  throw new DomainError('invalid_request', `the ${path} is not valid`, details);
}

/**
 * A resident's text with every ballot receipt and tracking code in it hidden (shared/mask-receipts.ts): next to the
 * roll id it would show how the household voted. Still a valid text after the marker took the receipts' place.
 */
export function withoutReceipts(text: string): string {
  return checked(CommentText, maskReceipts(text).text, 'text');
}

/** The top-level comment `parentId` names, or a 400 saying why it cannot take a reply. */
function replyTarget(comments: readonly Comment[], parentId: string): Comment {
  const parent = comments.find((c) => c.id === parentId);
  if (!parent) throw new DomainError('invalid_request', 'no such comment to reply to', [{ path: 'parent', message: 'no such comment' }]);
  // One level of threads: a reply goes under the question, not under another reply.
  if (parent.parent !== undefined)
    throw new DomainError('invalid_request', 'a reply cannot be replied to; reply to the question', [{ path: 'parent', message: 'is a reply' }]);
  if (parent.hidden) throw new DomainError('invalid_request', 'the comment is hidden', [{ path: 'parent', message: 'is hidden' }]);
  return parent;
}

/**
 * A household representative's comment, authenticated by the household's code. Wrong codes count against the
 * client exactly as for casting (the same key, so guessing on either route is slowed and refused alike).
 */
export async function postComment(deps: CoreDeps, id: string, input: CommentInput, clientKey: string): Promise<Comment> {
  const text = withoutReceipts(checked(CommentText, input.text, 'text'));
  const author = input.author === undefined || input.author.trim() === '' ? undefined : checked(AuthorName, input.author, 'author');
  // The voting code if there is one, else the household's discussion code (issued during disclosure).
  const { household } = await householdByCode(deps, id, input.code, clientKey, (rec) => {
    if (!COMMENTING.includes(rec.state))
      throw new DomainError('wrong_state', `comments are open during disclosure and voting; this consultation is ${rec.state}`);
  });
  const comments = await deps.store.listComments(id);
  if (input.parent !== undefined) replyTarget(comments, input.parent);
  const now = deps.clock.now();
  if (overLimit(comments, household, now, COMMENT_LIMITS)) throw new DomainError('too_many_comments');
  const comment: Comment = {
    id: deps.ids.ulid(),
    consultationId: id,
    rollId: household,
    ...(input.parent !== undefined ? { parent: input.parent } : {}),
    ...(author !== undefined ? { author } : {}),
    text,
    at: instant(now),
    official: false,
  };
  // The limits are counted again in the write itself, so that simultaneous posts cannot pass them.
  await deps.store.addComment(comment, undefined, 'discussion', quotaAt(now, COMMENT_LIMITS));
  await republish(deps, id, ['disclosure']);
  return comment;
}

/** An official's answer (giải trình) to a resident's question, audit-logged as `comment_answered`. */
export async function answerComment(deps: CoreDeps, who: Principal | undefined, id: string, commentId: string, body: { text: string }): Promise<Comment> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  // An answer quoting a resident's receipt would publish it as surely as the comment.
  const text = withoutReceipts(checked(CommentText, body.text, 'text'));
  if (!COMMENTING.includes(rec.state))
    throw new DomainError('wrong_state', `answers are given during disclosure and voting; this consultation is ${rec.state}`);
  const comments = await deps.store.listComments(id);
  if (!comments.some((c) => c.id === commentId)) throw new DomainError('not_found', 'no such comment');
  replyTarget(comments, commentId);
  const at = instant(deps.clock.now());
  const answer: Comment = { id: deps.ids.ulid(), consultationId: id, parent: commentId, text, at, official: true };
  await deps.store.addComment(answer, { at, actor: actorOf(official), action: 'comment_answered', data: { commentId, answerId: answer.id } });
  await republish(deps, id, ['disclosure']);
  return answer;
}

/** Hides a comment with a reason, never deleting it; audit-logged as `comment_hidden`. */
export async function hideComment(deps: CoreDeps, who: Principal | undefined, id: string, commentId: string, reason: HideReason) {
  const { official } = await loadForOfficial(deps, who, id);
  const hidden = await hideOnBoard(deps, official, id, 'discussion', commentId, reason, { action: 'comment_hidden', data: { commentId } });
  await republish(deps, id, ['disclosure']);
  return { id: commentId, hidden };
}

/**
 * The moderation both boards share (the discussion's comments, the complaints of complaints.ts): hides an item with
 * a reason, never deleting it, in one transaction with its audit event (`event`, with the reason added). The
 * moderator stays on the item and in the log; the public sees the reason and the time.
 */
export async function hideOnBoard(
  deps: CoreDeps,
  official: Principal,
  id: string,
  board: Board,
  itemId: string,
  reason: HideReason,
  event: { action: string; data: Record<string, unknown> },
): Promise<{ reason: HideReason; at: string }> {
  const at = instant(deps.clock.now());
  await deps.store.hideComment(
    id,
    itemId,
    { reason, at, by: official.sub },
    { at, actor: actorOf(official), action: event.action, data: { ...event.data, reason } },
    board,
  );
  return { reason, at };
}

/** The discussion as the commune's officials moderate it: every text, hidden ones too. */
export async function moderationView(deps: CoreDeps, who: Principal | undefined, id: string) {
  await loadForOfficial(deps, who, id);
  const comments = await deps.store.listComments(id);
  const counts = publicView(comments);
  return { threads: threads(comments), total: counts.total, hidden: counts.hidden, answered: counts.answered };
}

/** The discussion: the public view for everyone, every text (hidden ones too) for the commune's officials. */
export async function listComments(deps: CoreDeps, who: Principal | undefined, id: string): Promise<DiscussionView> {
  const rec = await load(deps, id);
  const insider = who?.role === 'official' && who.commune === rec.consultation.commune;
  if (rec.state === 'draft' && !insider) throw new DomainError('not_found', 'no such consultation');
  const comments = await deps.store.listComments(id);
  if (!insider) return publicView(comments);
  const counts = publicView(comments);
  return { threads: threads(comments), total: counts.total, hidden: counts.hidden, answered: counts.answered };
}

/**
 * Discussion codes: during disclosure there are no voting codes yet (they are made when voting opens, on the
 * frozen roll), so an official issues one discussion code per household of the roll, once, to print and hand out.
 * Only their hashes are kept; they sign comments only, never a ballot (codes.ts `discussionCodeHash`). Households
 * added to the roll later comment with their voting code once voting opens; a household removed from the roll later
 * no longer signs with its discussion code (`findHousehold`).
 */
export async function issueDiscussionCodes(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'disclosure') throw new DomainError('wrong_state', `discussion codes are issued during disclosure; this consultation is ${rec.state}`);
  if ((await deps.store.getAudit(id)).some((e) => e.action === 'discussion_codes_issued')) {
    throw new DomainError('already_open', 'discussion codes were issued already; they are shown only once');
  }
  const roll = await deps.store.getRoll(id);
  if (roll.length === 0) throw new DomainError('wrong_state', 'the roll is empty: upload the households first');
  const credentials = roll
    .map((h) => ({ household: h.id, hamlet: h.hamlet, code: newCode(deps.ids.random(10)) }))
    .sort((a, b) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0));
  const at = instant(deps.clock.now());
  await deps.store.issueDiscussionCodes(
    id,
    credentials.map((k) => ({ household: k.household, hash: discussionCodeHash(id, normalizeCode(k.code)!) })),
    { at, actor: actorOf(official), action: 'discussion_codes_issued', data: { households: credentials.length } },
  );
  return { credentials };
}

/**
 * The household whose code a resident typed (the voting code, or the discussion code), behind the same wrong-code
 * limiter as casting and commenting. `allowed` checks the consultation first (a wrong state is told before any code
 * counts as wrong). A wrong code throws `invalid_code` (401), or `too_many_attempts` (429) past the limit; a right
 * code is always taken (voting.ts refuseWrongCode).
 * @example const { rec, household } = await householdByCode(deps, id, input.code, clientKey, (rec) => mustBePublished(rec))
 */
export async function householdByCode(deps: CoreDeps, id: string, code: string, clientKey: string, allowed: (rec: ConsultationRecord) => void) {
  const normalized = normalizeCode(code);
  const [rec, household] = await Promise.all([load(deps, id), normalized ? findHousehold(deps, id, normalized) : Promise.resolve(undefined)]);
  allowed(rec);
  if (!household) return refuseWrongCode(deps, `code#${id}#${clientKey}`);
  return { rec, household };
}

/**
 * A voting code is made from the frozen roll, so its household is on the roll. A discussion code was issued on the
 * roll as it was during disclosure, and the roll may be corrected after that: a household no longer on the roll in
 * force does not sign with it (its code is as wrong as a mistyped one), and signs again if a later upload restores it.
 */
async function findHousehold(deps: CoreDeps, id: string, code: string): Promise<string | undefined> {
  const [voting, discussion] = await Promise.all([
    deps.store.findCredential(id, codeHash(id, code)),
    deps.store.findCredential(id, discussionCodeHash(id, code)),
  ]);
  if (voting !== undefined) return voting;
  return discussion !== undefined && (await deps.store.onRoll(id, discussion)) ? discussion : undefined;
}
