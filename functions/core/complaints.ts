/**
 * Petitions and reports about a published result (kiến nghị, phản ánh; Law 10/2022 Art. 24). At any time after
 * publication a household sends one with the code on its slip (the voting credentials outlive the vote); officials
 * answer, and hide one with a reason as the discussion hides a comment (`hideOnBoard`). A petition never blocks the
 * decision: the law sets no complaint window, and what follows publication (sending, recognition, annulment) is
 * ./after-publication.ts. Petitions and answers are public by roll id, never by name, and every act is an audit event
 * of the live log; a filing names the petition only, never the household. The result page is republished after each act.
 */
import { COMMENT_LIMITS, CommentText, overLimit, quotaAt, type Comment, type HideReason } from '../../shared/discussion.ts';
import {
  COMPLAINT_ANSWERED,
  COMPLAINT_FILED,
  COMPLAINT_HIDDEN,
  complaintsSummary,
  complaintThreads,
  isComplaint,
  type ComplaintsSummary,
  type ComplaintThread,
} from '../../shared/complaints.ts';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { republish } from './republish.ts';
import type { Principal } from './ports.ts';
import { hideOnBoard, householdByCode, withoutReceipts } from './discussion.ts';
import type { ConsultationRecord } from './store.ts';

/** The filing is recorded by the system on a household's behalf; the household stays out of the log. */
const FILING = { role: 'system' as const, id: 'complaint' };

const text = (value: unknown) => {
  const r = CommentText.safeParse(value);
  if (!r.success) throw new DomainError('invalid_request', 'the text is not valid', detailsOf(r.error, { path: 'text' }));
  return r.data;
};

/** 409 unless the result is published: petitions are about a published result. */
function requirePublished(rec: ConsultationRecord): void {
  if (rec.state !== 'published' || !rec.publishedAt)
    throw new DomainError('wrong_state', `petitions follow a published result; this consultation is ${rec.state}`);
}

/**
 * A household's petition about a published result, with its code, at any time after publication. Stored by roll id;
 * the audit event `complaint_filed` carries the petition's id only.
 */
export async function fileComplaint(deps: CoreDeps, id: string, input: { code: string; text: string }, clientKey: string): Promise<Comment> {
  const body = withoutReceipts(text(input.text));
  const { rec, household } = await householdByCode(deps, id, input.code, clientKey, requirePublished);
  const filed = await deps.store.listComments(id, 'complaints');
  const now = deps.clock.now();
  if (overLimit(filed, household, now, COMMENT_LIMITS)) throw new DomainError('too_many_comments');
  const at = instant(now);
  const complaint: Comment = { id: deps.ids.ulid(), consultationId: rec.consultation.id, rollId: household, text: body, at, official: false };
  // The limits are counted again in the filing's transaction, so that simultaneous filings cannot pass them.
  await deps.store.addComment(
    complaint,
    { at, actor: FILING, action: COMPLAINT_FILED, data: { complaintId: complaint.id } },
    'complaints',
    quotaAt(now, COMMENT_LIMITS),
  );
  await republish(deps, id, ['result']);
  return complaint;
}

/** An official's answer to a petition, audit-logged as `complaint_answered`, at any time. */
export async function answerComplaint(deps: CoreDeps, who: Principal | undefined, id: string, complaintId: string, input: { text: string }): Promise<Comment> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const body = withoutReceipts(text(input.text));
  requirePublished(rec);
  const items = await deps.store.listComments(id, 'complaints');
  // A hidden petition is answered too: hiding keeps its text off the public pages, not the household's reply.
  if (!items.some((c) => c.id === complaintId && isComplaint(c))) throw new DomainError('not_found', 'no such complaint');
  const at = instant(deps.clock.now());
  const answer: Comment = { id: deps.ids.ulid(), consultationId: id, parent: complaintId, text: body, at, official: true };
  await deps.store.addComment(answer, { at, actor: actorOf(official), action: COMPLAINT_ANSWERED, data: { complaintId, answerId: answer.id } }, 'complaints');
  await republish(deps, id, ['result']);
  return answer;
}

/**
 * Hides a complaint with a reason (spam, insult, personal data, off topic), never deleting it, audit-logged as
 * `complaint_hidden`: its text leaves the public pages, its place, reason and answers stay. Allowed at any time,
 * since personal data may be noticed late; an official's answer is not hidden this way.
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
  requirePublished(rec);
  const items = await deps.store.listComments(id, 'complaints');
  return { rec, summary: complaintsSummary(items), threads: complaintThreads(items) };
}

/** The petitions as the public sees them: each by roll id with its answers, and the counts. */
export async function complaintsView(deps: CoreDeps, id: string): Promise<ComplaintsSummary> {
  const rec = await load(deps, id);
  if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
  requirePublished(rec);
  return complaintsSummary(await deps.store.listComments(id, 'complaints'));
}
