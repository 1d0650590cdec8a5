/**
 * Complaints about a published result (khiếu nại) and the commune's recognition of it (công nhận kết quả).
 * During the complaint window (the commune's `complaintDays` after publication, fixed at publication) a household
 * files a complaint with the code on its slip (the voting credentials outlive the vote); officials answer, and hide
 * a complaint with a reason as the discussion hides a comment (`hideOnBoard`); once the window is over and every
 * complaint that needs an answer has one (`needsAnswer`), an official records the commune's recognition. Complaints
 * and answers are public by roll id, never by name, and every act is an audit event of the live log; a filing names
 * the complaint only, never the household. The result page is republished after each act.
 */
import { COMMENT_LIMITS, CommentText, overLimit, type Comment, type HideReason } from '../../shared/discussion.ts';
import {
  COMPLAINT_ANSWERED,
  COMPLAINT_FILED,
  COMPLAINT_HIDDEN,
  complaintsSummary,
  complaintThreads,
  isComplaint,
  RESULT_RECOGNIZED,
  windowEndOf,
  type ComplaintsSummary,
  type ComplaintThread,
  type RecognitionBody,
} from '../../shared/complaints.ts';
import { DomainError } from '../../shared/errors.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { republish } from './republish.ts';
import type { Principal } from './ports.ts';
import { hideOnBoard, householdByCode } from './discussion.ts';
import type { ConsultationRecord } from './store.ts';

/** The filing is recorded by the system on a household's behalf; the household stays out of the log. */
const FILING = { role: 'system' as const, id: 'complaint' };

const text = (value: unknown) => {
  const r = CommentText.safeParse(value);
  if (!r.success)
    throw new DomainError(
      'invalid_request',
      'the text is not valid',
      r.error.issues.map((i) => ({ path: 'text', message: i.message })),
    );
  return r.data;
};

/** The publication time of a published result, or 409: complaints are about a published result only. */
function publishedAt(rec: ConsultationRecord): string {
  if (rec.state !== 'published' || !rec.publishedAt)
    throw new DomainError('complaint_window_closed', `complaints follow a published result; this consultation is ${rec.state}`);
  return rec.publishedAt;
}

/**
 * A household's complaint about a published result, with its code, during the complaint window. Stored by roll id;
 * the audit event `complaint_filed` carries the complaint's id only.
 */
export async function fileComplaint(deps: CoreDeps, id: string, input: { code: string; text: string }, clientKey: string): Promise<Comment> {
  const body = text(input.text);
  const log = await deps.store.getAudit(id);
  const { rec, household } = await householdByCode(deps, id, input.code, clientKey, (rec) => {
    const end = windowEndOf(log, publishedAt(rec), deps.profile.complaintDays);
    if (deps.clock.now().getTime() >= Date.parse(end)) throw new DomainError('complaint_window_closed', `the complaint period ended at ${end}`);
    if (log.some((e) => e.action === RESULT_RECOGNIZED)) throw new DomainError('complaint_window_closed', 'the result is recognized');
  });
  const filed = await deps.store.listComments(id, 'complaints');
  const now = deps.clock.now();
  if (overLimit(filed, household, now, COMMENT_LIMITS)) throw new DomainError('too_many_comments');
  const at = instant(now);
  const complaint: Comment = { id: deps.ids.ulid(), consultationId: rec.consultation.id, rollId: household, text: body, at, official: false };
  await deps.store.addComment(complaint, { at, actor: FILING, action: COMPLAINT_FILED, data: { complaintId: complaint.id } }, 'complaints');
  await republish(deps, id, ['result']);
  return complaint;
}

/** An official's answer to a complaint, audit-logged as `complaint_answered`; not after the recognition. */
export async function answerComplaint(deps: CoreDeps, who: Principal | undefined, id: string, complaintId: string, input: { text: string }): Promise<Comment> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const body = text(input.text);
  publishedAt(rec);
  const [items, log] = await Promise.all([deps.store.listComments(id, 'complaints'), deps.store.getAudit(id)]);
  // A hidden complaint is answered too: hiding keeps its text off the public pages, not the household's reply.
  if (!items.some((c) => c.id === complaintId && isComplaint(c))) throw new DomainError('not_found', 'no such complaint');
  if (log.some((e) => e.action === RESULT_RECOGNIZED)) throw new DomainError('wrong_state', 'the result is recognized; complaints are closed');
  const at = instant(deps.clock.now());
  const answer: Comment = { id: deps.ids.ulid(), consultationId: id, parent: complaintId, text: body, at, official: true };
  await deps.store.addComment(answer, { at, actor: actorOf(official), action: COMPLAINT_ANSWERED, data: { complaintId, answerId: answer.id } }, 'complaints');
  await republish(deps, id, ['result']);
  return answer;
}

/**
 * The commune's recognition of the result (`result_recognized`): only after the complaint window and with every
 * complaint answered, once. Written only if the log has not moved since it was read, so no act slips in between.
 */
export async function recognizeResult(deps: CoreDeps, who: Principal | undefined, id: string, input: RecognitionBody) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published' || !rec.publishedAt)
    throw new DomainError('wrong_state', `only a published result is recognized; this consultation is ${rec.state}`);
  const [items, log] = await Promise.all([deps.store.listComments(id, 'complaints'), deps.store.getAudit(id)]);
  const summary = complaintsSummary(items, log, rec.publishedAt, deps.profile.complaintDays);
  if (summary.recognition) throw new DomainError('wrong_state', 'the result is recognized already');
  if (deps.clock.now().getTime() < Date.parse(summary.windowEnd))
    throw new DomainError('complaint_window_open', `the complaint period ends at ${summary.windowEnd}`);
  // Every complaint needs an answer but one hidden as spam (shared/complaints.ts `ANSWER_NOT_NEEDED` says why).
  if (summary.awaitingAnswer > 0) throw new DomainError('complaints_unanswered', `${summary.awaitingAnswer} complaint(s) not answered`);
  const at = instant(deps.clock.now());
  const data = { decision: input.decision, complaints: summary.filed, hidden: summary.hidden, ...(input.note !== undefined ? { note: input.note } : {}) };
  await deps.store.appendAudit(id, { at, actor: actorOf(official), action: RESULT_RECOGNIZED, data }, { after: log.at(-1)?.seq ?? 0 });
  await republish(deps, id, ['result']);
  return { decision: input.decision, at, ...(input.note !== undefined ? { note: input.note } : {}) };
}

/**
 * Hides a complaint with a reason (spam, insult, personal data, off topic), never deleting it, audit-logged as
 * `complaint_hidden`: its text leaves the public pages, its place, reason and answers stay. Allowed after the
 * recognition too, since personal data may be noticed late; an official's answer is not hidden this way.
 */
export async function hideComplaint(deps: CoreDeps, who: Principal | undefined, id: string, complaintId: string, reason: HideReason) {
  const { official } = await loadForOfficial(deps, who, id);
  // Complaints exist only after publication, so before it there is nothing to find.
  const items = await deps.store.listComments(id, 'complaints');
  if (!items.some((c) => c.id === complaintId && isComplaint(c))) throw new DomainError('not_found', 'no such complaint');
  const hidden = await hideOnBoard(deps, official, id, 'complaints', complaintId, reason, { action: COMPLAINT_HIDDEN, data: { complaintId } });
  await republish(deps, id, ['result']);
  return { id: complaintId, hidden };
}

/** The complaints as the commune's officials handle them: the public summary, and every complaint's text, hidden ones too. */
export async function complaintsModeration(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
): Promise<{ rec: ConsultationRecord; summary: ComplaintsSummary; threads: ComplaintThread[] }> {
  const { rec } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published' || !rec.publishedAt)
    throw new DomainError('wrong_state', `complaints follow a published result; this consultation is ${rec.state}`);
  const at = rec.publishedAt;
  const [items, log] = await Promise.all([deps.store.listComments(id, 'complaints'), deps.store.getAudit(id)]);
  return { rec, summary: complaintsSummary(items, log, at, deps.profile.complaintDays), threads: complaintThreads(items) };
}

/** The complaint window as the public sees it: its end, the complaints and answers by roll id, the recognition. */
export async function complaintsView(deps: CoreDeps, id: string): Promise<ComplaintsSummary> {
  const rec = await load(deps, id);
  if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
  if (rec.state !== 'published' || !rec.publishedAt)
    throw new DomainError('wrong_state', `complaints follow a published result; this consultation is ${rec.state}`);
  const at = rec.publishedAt;
  const [items, log] = await Promise.all([deps.store.listComments(id, 'complaints'), deps.store.getAudit(id)]);
  return complaintsSummary(items, log, at, deps.profile.complaintDays);
}
