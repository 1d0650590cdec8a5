/**
 * Petitions and reports about a published result (kiến nghị, phản ánh; Law 10/2022 Art. 24): a household may send one
 * with its code at any time after publication, the commune's officials answer it, and it never blocks the decision's
 * effect (the law sets no complaint window; what follows publication is ./recognition.ts). Stored as `complaints`, the
 * name of their board and of their audit events. Petitions and answers are public by roll id, never by name; they are
 * stored like the discussion's comments (`Comment`), a petition with its roll id, an answer with `parent` and
 * `official`, and are moderated like them: hidden with a reason, never deleted, the public seeing where one was,
 * why, and how many.
 */
import { HideReason, publicComment, type Comment } from './discussion.ts';

/** The audit events of petitions (the filing names the petition only, never the household). */
export const COMPLAINT_FILED = 'complaint_filed';
export const COMPLAINT_ANSWERED = 'complaint_answered';
/** A petition hidden with a reason, as the discussion hides a comment (never deleted). */
export const COMPLAINT_HIDDEN = 'complaint_hidden';

/**
 * Why a hidden petition needs no answer: only when it was hidden as spam. An advertisement or junk text is no petition
 * and has nobody to answer. A petition hidden for an insult, for personal data or as off topic is still a household's
 * petition: hiding keeps its text off the public pages, not the household's right to a reply. Hiding as spam cannot
 * quietly dodge an answer either: it is audit-logged (`complaint_hidden`) and the public pages show how many petitions
 * were hidden and why.
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

/** The petitions as the result page and the API show them. */
export interface ComplaintsSummary {
  /** Every petition filed, hidden ones included. */
  filed: number;
  /** Complaints with at least one answer. */
  answered: number;
  hidden: number;
  /** How many complaints were hidden for each reason (reasons with none are left out). */
  hiddenByReason: Partial<Record<HideReason, number>>;
  /** Petitions that still need an answer (`needsAnswer`); they never block the decision. */
  awaitingAnswer: number;
  complaints: PublicComplaint[];
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

/** The public summary from the stored petitions and answers: oldest first (hidden ones as placeholders), and the counts. */
export function complaintsSummary(items: readonly Comment[]): ComplaintsSummary {
  const threads = complaintThreads(items);
  const hiddenByReason: Partial<Record<HideReason, number>> = {};
  for (const reason of HideReason.options) {
    const n = threads.filter((t) => t.complaint.hidden?.reason === reason).length;
    if (n > 0) hiddenByReason[reason] = n;
  }
  return {
    filed: threads.length,
    answered: threads.filter((t) => t.answers.length > 0).length,
    hidden: threads.filter((t) => t.complaint.hidden).length,
    hiddenByReason,
    awaitingAnswer: threads.filter(needsAnswer).length,
    complaints: threads.map(publicComplaint),
  };
}
