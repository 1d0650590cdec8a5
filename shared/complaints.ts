/**
 * Complaints about a published result (khiếu nại): during the commune's complaint window after publication a
 * household files a complaint with its code, officials answer it, and once the window is over and every complaint
 * that needs an answer has one the commune records its recognition of the result (công nhận kết quả). Complaints and
 * answers are public by roll id, never by name; they are stored like the discussion's comments (`Comment`), a
 * complaint with its roll id, an answer with `parent` and `official`, and are moderated like them: hidden with a
 * reason, never deleted, the public seeing where one was, why, and how many.
 */
import * as z from 'zod';
import { CommentText, HideReason, publicComment, type Comment } from './discussion.ts';
import type { AuditEvent } from './schemas.ts';

/** The audit events of the complaint window (the filing names the complaint only, never the household). */
export const COMPLAINT_FILED = 'complaint_filed';
export const COMPLAINT_ANSWERED = 'complaint_answered';
/** A complaint hidden with a reason, as the discussion hides a comment (never deleted). */
export const COMPLAINT_HIDDEN = 'complaint_hidden';
export const RESULT_RECOGNIZED = 'result_recognized';

const DAY_MS = 86_400_000;

/**
 * The end of the complaint window: `days` whole days of 24 hours after publication, to the second.
 * @example complaintWindowEnd('2026-12-01T01:00:00Z', 10) // '2026-12-11T01:00:00Z'
 */
export function complaintWindowEnd(publishedAt: string, days: number): string {
  return `${new Date(Date.parse(publishedAt) + days * DAY_MS).toISOString().slice(0, 19)}Z`;
}

/**
 * The window's end as fixed at publication (`complaintsUntil` on the `published` event of the live log), or, before
 * that event is written, computed from the commune's setting.
 */
export function windowEndOf(log: readonly AuditEvent[], publishedAt: string, days: number): string {
  const fixed = log.find((e) => e.action === 'published')?.data.complaintsUntil;
  return typeof fixed === 'string' ? fixed : complaintWindowEnd(publishedAt, days);
}

/** What an official records once the window is over: the commune recognizes the result, with an optional note. */
export const RecognitionBody = z.strictObject({ decision: z.literal('recognized'), note: CommentText.optional() });
export type RecognitionBody = z.infer<typeof RecognitionBody>;

export interface Recognition {
  at: string;
  note?: string;
}

/**
 * Why a hidden complaint needs no answer before the result is recognized: only when it was hidden as spam. An
 * advertisement or junk text is no complaint and has nobody to answer. A complaint hidden for an insult, for personal
 * data or as off topic is still a household's complaint: hiding keeps its text off the public pages, not the
 * household's right to a reply, and the law on complaints wants a reply with reasons even to a complaint that is not
 * taken up (Luật Khiếu nại 2011 Art. 27). Hiding as spam cannot quietly dodge an answer either: it is audit-logged
 * (`complaint_hidden`) and the public pages show how many complaints were hidden and why.
 */
export const ANSWER_NOT_NEEDED: readonly HideReason[] = ['spam'];

/** A complaint with the officials' answers to it, both oldest first: what the officials' page shows, every text included. */
export interface ComplaintThread {
  complaint: Comment;
  answers: Comment[];
}

/**
 * A complaint as the public sees it: the roll id, the text and time, and the officials' answers. A hidden complaint
 * keeps its place, time, reason and answers, as a hidden comment of the discussion does (`publicComment`), not its
 * text or roll id.
 */
export type PublicComplaint =
  | { id: string; rollId: string; text: string; at: string; answers: PublicAnswer[]; hidden?: undefined }
  | { id: string; at: string; answers: PublicAnswer[]; hidden: { reason: HideReason; at: string } };

export interface PublicAnswer {
  id: string;
  text: string;
  at: string;
}

/** The state of the complaint window that the result page and the API show. */
export interface ComplaintsSummary {
  windowEnd: string;
  /** Every complaint filed, hidden ones included. */
  filed: number;
  /** Complaints with at least one answer. */
  answered: number;
  hidden: number;
  /** How many complaints were hidden for each reason (reasons with none are left out). */
  hiddenByReason: Partial<Record<HideReason, number>>;
  /** Complaints that still need an answer before the result may be recognized (`needsAnswer`). */
  awaitingAnswer: number;
  complaints: PublicComplaint[];
  recognition?: Recognition;
}

const byTime = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Whether an item is a resident's complaint (not an official's answer to one). */
export const isComplaint = (c: Comment) => !c.official && c.parent === undefined && c.rollId !== undefined;

/**
 * The complaints oldest first, each with its answers oldest first; an item that is neither a resident's complaint
 * nor an official's answer to one is left out.
 */
export function complaintThreads(items: readonly Comment[]): ComplaintThread[] {
  return items
    .filter(isComplaint)
    .sort(byTime)
    .map((complaint) => ({ complaint, answers: items.filter((a) => a.official && a.parent === complaint.id).sort(byTime) }));
}

/**
 * Whether a complaint still needs the commune's answer: it has none, and it was not hidden as spam (`ANSWER_NOT_NEEDED`).
 * @example needsAnswer({ complaint: { ...c, hidden: { reason: 'personal_data', at, by } }, answers: [] }) // true
 */
export function needsAnswer(t: ComplaintThread): boolean {
  return t.answers.length === 0 && !(t.complaint.hidden && ANSWER_NOT_NEEDED.includes(t.complaint.hidden.reason));
}

function publicComplaint(t: ComplaintThread): PublicComplaint {
  const answers = t.answers.map((a) => ({ id: a.id, text: a.text, at: a.at }));
  const shown = publicComment(t.complaint);
  if (shown.hidden) return { id: shown.id, at: shown.at, answers, hidden: shown.hidden };
  return { id: shown.id, rollId: shown.rollId!, text: shown.text, at: shown.at, answers };
}

/**
 * The public summary, from the stored complaints and answers and the live audit log (where the recognition is):
 * complaints oldest first (hidden ones as placeholders), the counts, and the recognition.
 */
export function complaintsSummary(items: readonly Comment[], log: readonly AuditEvent[], publishedAt: string, days: number): ComplaintsSummary {
  const threads = complaintThreads(items);
  const hiddenByReason: Partial<Record<HideReason, number>> = {};
  for (const reason of HideReason.options) {
    const n = threads.filter((t) => t.complaint.hidden?.reason === reason).length;
    if (n > 0) hiddenByReason[reason] = n;
  }
  const recognized = log.find((e) => e.action === RESULT_RECOGNIZED);
  const note = recognized?.data.note;
  return {
    windowEnd: windowEndOf(log, publishedAt, days),
    filed: threads.length,
    answered: threads.filter((t) => t.answers.length > 0).length,
    hidden: threads.filter((t) => t.complaint.hidden).length,
    hiddenByReason,
    awaitingAnswer: threads.filter(needsAnswer).length,
    complaints: threads.map(publicComplaint),
    ...(recognized ? { recognition: { at: recognized.at, ...(typeof note === 'string' ? { note } : {}) } } : {}),
  };
}
