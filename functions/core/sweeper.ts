/**
 * The sweeper: every few minutes (an EventBridge rule on AWS, a timer locally) it closes and publishes every round
 * whose closing time has passed while it is still voting, and finishes every round left `closed` by a closer that
 * died (its lease ran out). A lost or failed schedule therefore delays a close by one sweep at most, and a round still
 * voting with no schedule at all is reported, so operators are alarmed before its closing time. It also sends the
 * notices that fall due by the clock (./notice-due.ts): the reminder 24 hours before an online round closes, and the
 * result notice once a round is published; each once.
 */
import { DomainError } from '../../shared/errors.ts';
import type { CoreDeps } from './deps.ts';
import { type DueNoticeReport, sendDueNotices } from './notice-due.ts';
import { closeAndPublish } from './publishing.ts';

export interface SweepReport {
  /** Closed and published by this sweep. */
  closed: string[];
  /** Another closer holds them now (it publishes; should it die, the next sweep does). */
  busy: string[];
  /** Failed with the error's code; the next sweep tries again. */
  failed: Array<{ id: string; code: string }>;
  /** Still voting, not yet due, and without a schedule to close them. */
  missingSchedules: string[];
  /** The notices due by the clock, sent or failed (the next sweep tries a failed one again). */
  notices: DueNoticeReport;
}

export async function sweep(deps: CoreDeps): Promise<SweepReport> {
  const now = deps.clock.now().getTime();
  const report: SweepReport = { closed: [], busy: [], failed: [], missingSchedules: [], notices: { sent: [], failed: [] } };
  const records = await deps.store.listConsultations();
  for (const rec of records) {
    const id = rec.consultation.id;
    const due = rec.state === 'closed' || (rec.state === 'voting' && Date.parse(rec.consultation.closesAt) <= now);
    if (due) {
      try {
        await closeAndPublish(deps, undefined, id, 'scheduled');
        report.closed.push(id);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'busy') report.busy.push(id);
        else {
          report.failed.push({ id, code: err instanceof DomainError ? err.code : 'internal_error' });
          deps.log?.(`sweeping ${id} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
        }
      }
    } else if (rec.state === 'voting' && deps.scheduler.has && !(await deps.scheduler.has(id))) {
      report.missingSchedules.push(id);
    }
  }
  // A round this sweep published is read again, so its result notice goes in the same sweep.
  const fresh = await Promise.all(
    records.map(async (r) => (report.closed.includes(r.consultation.id) ? ((await deps.store.getConsultation(r.consultation.id)) ?? r) : r)),
  );
  report.notices = await sendDueNotices(deps, fresh);
  return report;
}
