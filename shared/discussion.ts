/**
 * The discussion of a consultation during disclosure (dân bàn): comments by household representatives, shown by
 * roll id and never by name unless the resident gives one, threaded one level, with the officials' answers
 * (giải trình) marked as such. Moderation hides a comment with a reason and never deletes it: the public sees
 * where it was, why, and how many were hidden.
 */
import * as z from 'zod';
import { Instant, RollId, Ulid } from './schemas.ts';

export const COMMENT_MAX = 2000;
export const AUTHOR_MAX = 80;

/** Why a comment was hidden: the only reasons moderation may give. */
export const HideReason = z.enum(['spam', 'insult', 'personal_data', 'off_topic']);
export type HideReason = z.infer<typeof HideReason>;

/** Text as people typed it, in NFC, not blank. Stored as given; every page escapes it on output. */
const Text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC'))
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine((s) => s.trim() !== '', 'must not be blank'),
    );

export const CommentText = Text(COMMENT_MAX);
export const AuthorName = Text(AUTHOR_MAX);

export const Hidden = z.strictObject({ reason: HideReason, at: Instant, by: z.string().min(1) });
export type Hidden = z.infer<typeof Hidden>;

export const Comment = z
  .strictObject({
    id: Ulid,
    consultationId: Ulid,
    /** The household's roll id; an official's answer has none. */
    rollId: RollId.optional(),
    /** The top-level comment this one replies to; a reply to a reply is refused. */
    parent: Ulid.optional(),
    /** A display name the resident chose to give; never taken from the roll. */
    author: AuthorName.optional(),
    text: CommentText,
    at: Instant,
    /** An official's answer (giải trình). */
    official: z.boolean(),
    hidden: Hidden.optional(),
  })
  .refine((c) => c.official !== (c.rollId !== undefined), "a resident's comment has a roll id, an official's answer none");
export type Comment = z.infer<typeof Comment>;

export interface Thread {
  comment: Comment;
  replies: Comment[];
}

/** Ids are ULIDs, so their order is the order of time; the id breaks ties between equal times. */
const older = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Top-level comments newest first, each with its replies oldest first. A reply whose parent is missing or is
 * itself a reply is left out (the store never holds one; this keeps a bad item from making a deeper thread).
 * @example threads([question, answer]) // [{ comment: question, replies: [answer] }]
 */
export function threads(comments: readonly Comment[]): Thread[] {
  const top = comments.filter((c) => c.parent === undefined).sort((a, b) => older(b, a));
  const byId = new Map(top.map((c) => [c.id, [] as Comment[]]));
  for (const c of comments) if (c.parent !== undefined) byId.get(c.parent)?.push(c);
  return top.map((comment) => ({ comment, replies: byId.get(comment.id)!.sort(older) }));
}

/** A comment as the public sees it: a hidden one keeps its place, time and reason, not its text or name. */
export type PublicComment =
  | { id: string; rollId?: string; parent?: string; author?: string; text: string; at: string; official: boolean; hidden?: undefined }
  | { id: string; parent?: string; at: string; official: boolean; hidden: { reason: HideReason; at: string } };

export interface PublicThread {
  comment: PublicComment;
  replies: PublicComment[];
}

export interface PublicDiscussion {
  threads: PublicThread[];
  /** Every comment and answer, hidden ones included. */
  total: number;
  hidden: number;
  /** Top-level questions with at least one visible official answer. */
  answered: number;
}

/** What the public sees of one comment. The moderator's identity stays in the audit log. */
export function publicComment(c: Comment): PublicComment {
  const place = { id: c.id, ...(c.parent !== undefined ? { parent: c.parent } : {}), at: c.at, official: c.official };
  if (c.hidden) return { ...place, hidden: { reason: c.hidden.reason, at: c.hidden.at } };
  return { ...place, ...(c.rollId !== undefined ? { rollId: c.rollId } : {}), ...(c.author !== undefined ? { author: c.author } : {}), text: c.text };
}

/** The public discussion: the threads with hidden comments as placeholders, and the counts the public page shows. */
export function publicView(comments: readonly Comment[]): PublicDiscussion {
  const all = threads(comments);
  return {
    threads: all.map((t) => ({ comment: publicComment(t.comment), replies: t.replies.map(publicComment) })),
    total: comments.length,
    hidden: comments.filter((c) => c.hidden).length,
    answered: all.filter((t) => !t.comment.hidden && t.replies.some((r) => r.official && !r.hidden)).length,
  };
}

/** The questions and answers of the public summary: each visible question with its visible official answers. */
export function answeredQuestions(comments: readonly Comment[]): Array<{ question: Comment; answers: Comment[] }> {
  return threads(comments)
    .filter((t) => !t.comment.hidden)
    .map((t) => ({ question: t.comment, answers: t.replies.filter((r) => r.official && !r.hidden) }))
    .filter((q) => q.answers.length > 0);
}

/**
 * How many comments a household may post: `perWindow` in any `windowMs`, `perConsultation` in all. Counted from
 * the stored comments, so a limit holds across every server instance.
 */
export interface CommentLimits {
  perWindow: number;
  windowMs: number;
  perConsultation: number;
}

export const COMMENT_LIMITS: CommentLimits = { perWindow: 5, windowMs: 10 * 60_000, perConsultation: 30 };

/**
 * The household's counters for a comment at `now` (store.ts `CommentQuota`), charged atomically with it: the limit in
 * all, and the window limit over a fixed window numbered by `now` divided by the window's length. The fixed window
 * can let a household post `perWindow` just before its end and `perWindow` again just after; `overLimit`, read
 * before, still refuses that when posts come one after another.
 * @example quotaAt(new Date('2026-03-01T08:05:00Z')) // { total: 30, perWindow: 5, window: 2953920 }
 */
export function quotaAt(now: Date, limits: CommentLimits = COMMENT_LIMITS): { total: number; perWindow: number; window: number } {
  return { total: limits.perConsultation, perWindow: limits.perWindow, window: Math.floor(now.getTime() / limits.windowMs) };
}

/** Whether one more comment from `rollId` at `now` would go over a limit (officials' answers do not count). */
export function overLimit(comments: readonly Comment[], rollId: string, now: Date, limits: CommentLimits = COMMENT_LIMITS): boolean {
  const own = comments.filter((c) => !c.official && c.rollId === rollId);
  if (own.length >= limits.perConsultation) return true;
  const since = now.getTime() - limits.windowMs;
  return own.filter((c) => Date.parse(c.at) > since).length >= limits.perWindow;
}
