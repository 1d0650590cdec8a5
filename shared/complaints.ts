/**
 * Complaints about a published result (khiếu nại): during the commune's complaint window after publication a
 * household files a complaint with its code, officials answer it, and once the window is over and every complaint
 * is answered the commune records its recognition of the result (công nhận kết quả). Complaints and answers are
 * public by roll id, never by name; they are stored like the discussion's comments (`Comment`), a complaint with
 * its roll id, an answer with `parent` and `official`.
 */
import * as z from 'zod';
import { CommentText, type Comment } from './discussion.ts';
import type { AuditEvent } from './schemas.ts';

/** The audit events of the complaint window (the filing names the complaint only, never the household). */
export const COMPLAINT_FILED = 'complaint_filed';
export const COMPLAINT_ANSWERED = 'complaint_answered';
export const RESULT_RECOGNIZED = 'result_recognized';

const DAY_MS = 86_400_000;

/**
 * The end of the complaint window: `days` whole days of 24 hours after publication, to the second.
 * @example complaintWindowEnd('2026-12-01T01:00:00Z', 10) // '2026-12-11T01:00:00Z'
 */
export function complaintWindowEnd(publishedAt: string, days: number): string {
  return new Date(Date.parse(publishedAt) + days * DAY_MS).toISOString().slice(0, 19) + 'Z';
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

/** A complaint as the public sees it: the roll id, the text and time, and the officials' answers. */
export interface PublicComplaint {
  id: string;
  rollId: string;
  text: string;
  at: string;
  answers: Array<{ id: string; text: string; at: string }>;
}

/** The state of the complaint window that the result page and the API show. */
export interface ComplaintsSummary {
  windowEnd: string;
  filed: number;
  answered: number;
  complaints: PublicComplaint[];
  recognition?: Recognition;
}

const byTime = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The public summary, from the stored complaints and answers and the live audit log (where the recognition is).
 * Complaints oldest first, each with its answers oldest first; an item that is neither a resident's complaint nor
 * an official's answer to one is left out.
 */
export function complaintsSummary(items: readonly Comment[], log: readonly AuditEvent[], publishedAt: string, days: number): ComplaintsSummary {
  const complaints = items
    .filter((c) => !c.official && c.parent === undefined && c.rollId !== undefined)
    .sort(byTime)
    .map((c) => ({
      id: c.id,
      rollId: c.rollId!,
      text: c.text,
      at: c.at,
      answers: items.filter((a) => a.official && a.parent === c.id).sort(byTime).map((a) => ({ id: a.id, text: a.text, at: a.at })),
    }));
  const recognized = log.find((e) => e.action === RESULT_RECOGNIZED);
  const note = recognized?.data.note;
  return {
    windowEnd: windowEndOf(log, publishedAt, days),
    filed: complaints.length,
    answered: complaints.filter((c) => c.answers.length > 0).length,
    complaints,
    ...(recognized ? { recognition: { at: recognized.at, ...(typeof note === 'string' ? { note } : {}) } } : {}),
  };
}
