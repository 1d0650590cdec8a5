/**
 * The notices that fall due by the clock, sent by the sweeper (./sweeper.ts, every few minutes): for an online round,
 * 24 hours before it closes, a reminder to the households on the roll that have not voted yet (never a code, never a
 * link carrying one); for every round, once its result is published, the result notice with the link to its page.
 * Each is sent once: the round's log records it as `notice_sent` with its kind, and a round whose log has it is passed
 * over. Two sweeps cannot both send, because the sender first takes the round's short publishing lease.
 */
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vnAt } from '../../web/format.ts';
import { noticeEventData } from './contacts.ts';
import type { CoreDeps } from './deps.ts';
import { type NoticeKind, type NoticeLog, type NoticeText, notifyHouseholds } from './notifier.ts';
import type { ConsultationRecord } from './store.ts';

type ConsultationRecordLike = Pick<ConsultationRecord, 'consultation' | 'state' | 'publishedAt' | 'resultUrl'>;

/** The reminder goes this long before the close (Decree 59/2023 Art. 5: the round's online plan). */
export const REMINDER_BEFORE_MS = 24 * 3600_000;
/** The result notice goes only this long after publication: a sweeper started later leaves old rounds alone. */
export const RESULT_NOTICE_WITHIN_MS = 3 * 24 * 3600_000;
/** How long a sender holds the round while it sends (the publishing lease); a close by hand meanwhile is `busy`. */
export const NOTICE_LEASE_MS = 2 * 60_000;
/** Households asked at once whether they voted. */
const VOTED_READS = 16;

/** Who sends the notices that fall due: nobody's act but the clock's. */
export const NOTICE_SENDER = { role: 'system' as const, id: 'notices' };

/** What a sweep's notices did, by round: sent (with the counts), or failed (the next sweep tries again). */
export interface DueNoticeReport {
  sent: Array<{ id: string; kind: NoticeKind; households: number; sent: number }>;
  failed: Array<{ id: string; kind: NoticeKind; code: string }>;
}

const sentAlready = (events: readonly AuditEvent[], kind: NoticeKind) => events.some((e) => e.action === 'notice_sent' && e.data.kind === kind);

/**
 * Which notice is due for a round now, if any: the reminder of an online round still voting, within 24 hours of its
 * close and opened before that window began (a round voting for less than a day gets none); or the result of a round
 * published within the last 3 days. Undefined when none is due or the log already has it.
 */
export function dueNotice(rec: ConsultationRecordLike, events: readonly AuditEvent[], now: Date): NoticeKind | undefined {
  const t = now.getTime();
  if (rec.state === 'voting' && rec.consultation.method === 'online') {
    const closes = Date.parse(rec.consultation.closesAt);
    const opened = events.find((e) => e.action === 'voting_opened');
    const windowStart = closes - REMINDER_BEFORE_MS;
    if (t < windowStart || t >= closes || !opened || Date.parse(opened.at) > windowStart) return undefined;
    return sentAlready(events, 'reminder_not_voted') ? undefined : 'reminder_not_voted';
  }
  if (rec.state === 'published' && rec.publishedAt !== undefined) {
    if (t - Date.parse(rec.publishedAt) > RESULT_NOTICE_WITHIN_MS) return undefined;
    return sentAlready(events, 'result') ? undefined : 'result';
  }
  return undefined;
}

/** Whether a round could have a notice due now, before its log is read (the log is read only for these). */
export function mayBeDue(rec: ConsultationRecordLike, now: Date): boolean {
  const t = now.getTime();
  if (rec.state === 'voting') return rec.consultation.method === 'online' && t >= Date.parse(rec.consultation.closesAt) - REMINDER_BEFORE_MS;
  return rec.state === 'published' && rec.publishedAt !== undefined && t - Date.parse(rec.publishedAt) <= RESULT_NOTICE_WITHIN_MS;
}

/** The reminder's words: the round and until when; the code is on the household's slip, never in a message. */
export function reminderText(c: { title: string; closesAt: string }): NoticeText {
  return {
    vi: `UBND xã nhắc: hộ gia đình chưa biểu quyết trực tuyến về “${c.title.slice(0, 200)}”. Biểu quyết kết thúc lúc ${vnAt(c.closesAt)}. Dùng mã trên phiếu giấy đã phát cho hộ; mã không bao giờ gửi qua tin nhắn.`,
  };
}

/** The result notice's words: the round and the link to its published result page (no code, no receipt). */
export function resultText(c: { title: string }, url: string): NoticeText {
  return { vi: `UBND xã công bố kết quả lấy ý kiến về “${c.title.slice(0, 200)}”. Xem kết quả và biên bản tại ${url}` };
}

/** The households on the roll without a counted ballot now (the ballot box's slots), in roll order. */
export async function householdsNotVoted(deps: CoreDeps, id: string): Promise<string[]> {
  const roll = (await deps.store.getRoll(id)).map((h) => h.id);
  const voted = new Array<boolean>(roll.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < roll.length) {
      const i = next++;
      voted[i] = (await deps.store.householdVoted(id, roll[i]!)).voted;
    }
  };
  await Promise.all(Array.from({ length: Math.min(VOTED_READS, roll.length) }, worker));
  return roll.filter((_, i) => !voted[i]);
}

/** Sends one due notice of a round and records it, holding the round's lease; undefined if another sender holds it. */
async function sendDue(deps: CoreDeps, rec: ConsultationRecordLike, kind: NoticeKind): Promise<NoticeLog | undefined> {
  const id = rec.consultation.id;
  const now = deps.clock.now();
  const owner = `notices-${deps.ids.ulid()}`;
  if (!(await deps.store.takePublishLease(id, owner, instant(now), instant(new Date(now.getTime() + NOTICE_LEASE_MS))))) return undefined;
  try {
    // Read again under the lease: another sender may have sent it between the sweep's read and the lease.
    if (dueNotice(rec, await deps.store.getAudit(id), now) !== kind) return undefined;
    const c = rec.consultation;
    const rollIds = kind === 'reminder_not_voted' ? await householdsNotVoted(deps, id) : (await deps.store.getRoll(id)).map((h) => h.id);
    const text = kind === 'reminder_not_voted' ? reminderText(c) : resultText(c, rec.resultUrl ?? deps.publisher.url(`c/${id}/`));
    const log = await notifyHouseholds(
      { notifier: deps.notifier!, contacts: deps.contacts!, clock: deps.clock, ...(deps.log ? { log: deps.log } : {}) },
      { consultationId: id, commune: c.commune, kind, text, rollIds },
    );
    await deps.store.appendAudit(id, { at: instant(new Date(log.at)), actor: NOTICE_SENDER, action: 'notice_sent', data: noticeEventData(log) });
    return log;
  } finally {
    await deps.store.releasePublishLease(id, owner).catch(() => undefined);
  }
}

/**
 * Sends every notice due now among `records` (the sweep's list; a round it just closed is read again). A runtime
 * without a notifier or a contact book sends nothing. A failure is reported per round, never thrown.
 */
export async function sendDueNotices(deps: CoreDeps, records: readonly ConsultationRecordLike[]): Promise<DueNoticeReport> {
  const report: DueNoticeReport = { sent: [], failed: [] };
  if (!deps.notifier || !deps.contacts) return report;
  const now = deps.clock.now();
  for (const listed of records) {
    if (!mayBeDue(listed, now)) continue;
    const id = listed.consultation.id;
    let kind: NoticeKind | undefined;
    try {
      kind = dueNotice(listed, await deps.store.getAudit(id), now);
      if (!kind) continue;
      const log = await sendDue(deps, listed, kind);
      if (log) report.sent.push({ id, kind, households: log.households, sent: log.sent });
    } catch (err) {
      const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'internal_error';
      report.failed.push({ id, kind: kind ?? 'result', code });
      deps.log?.(`the ${kind ?? 'due'} notice of ${id} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
    }
  }
  return report;
}
