/**
 * The meeting invitation (Decree 59/2023 Art. 3(3), form 01) with the link to the round's documents (Art. 3(4)), and
 * the household-ballot notice (Art. 4(4)), sent by an official from the round's notices page once the meeting's (or
 * the ballot's) date is known and the round is disclosed: the text prefilled with the date and the link to the
 * disclosure page, a flag when fewer days are left than the notice the law asks (shared/notice.ts), and the send
 * recorded as `notice_sent` with its counts, the date it announced and whether it was short, as evidence of notice.
 */
import { DomainError } from '../../shared/errors.ts';
import { noticeRule } from '../../shared/notice.ts';
import { instant } from '../../shared/time.ts';
import { vnAt } from '../../web/format.ts';
import { type NoticeEvidence, noticeEvidenceOf } from '../../web/notice-evidence.ts';
import { actorOf, loadForOfficial } from './access.ts';
import { noticeEventData } from './contacts.ts';
import type { CoreDeps } from './deps.ts';
import { type NoticeLog, notifyHouseholds } from './notifier.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

/** The notices an official sends by hand from the round's page. */
export type InvitationKind = 'meeting_invitation' | 'household_ballot_notice';

/** Whether the invitation can go now and whether it is late, for the page. */
export interface InvitationTiming {
  /** Offered: the round is disclosed (its documents are public) and not over. */
  offered: boolean;
  /** The meeting's time, or when the household ballot begins. */
  at: string;
  /** The days of notice the law (or the commune) asks. */
  days: number;
  /** Sent now, the notice would be shorter than `days`. */
  short: boolean;
  /** Why it is not offered, in words. */
  why?: { vi: string; en: string } | undefined;
}

const DAY_MS = 24 * 3600_000;
/** The law's own minimums (shared/notice.ts `NoticeDays`): 2 days a meeting or a household ballot, 30 a draft rule. */
const LAW_MINIMUMS = { meeting: 2, household_ballot: 2, online: 0, community_rules: 30 } as const;

/** The invitation's timing for a round now (the notice rule of its matter and method). */
export function invitationTiming(deps: Pick<CoreDeps, 'clock' | 'profile'>, rec: Pick<ConsultationRecord, 'consultation' | 'state'>): InvitationTiming {
  const c = rec.consultation;
  // The commune's period, never shorter than the law's (a profile that opens at once still owes the 2 days).
  const days = Math.max(noticeRule(c, deps.profile.notice).days, noticeRule(c, LAW_MINIMUMS).days);
  const now = deps.clock.now().getTime();
  const at = Date.parse(c.opensAt);
  const base = { at: c.opensAt, days, short: now > at - days * DAY_MS };
  if (rec.state === 'draft')
    return {
      ...base,
      offered: false,
      why: {
        vi: 'Công khai cuộc lấy ý kiến trước: giấy mời kèm đường dẫn đến tài liệu.',
        en: 'Disclose the round first: the invitation links to its documents.',
      },
    };
  if (rec.state !== 'disclosure' && rec.state !== 'voting')
    return { ...base, offered: false, why: { vi: 'Cuộc lấy ý kiến đã kết thúc.', en: 'The round is over.' } };
  // Late is flagged, not refused: an invitation sent late still reaches households, and the record says it was late.
  return { ...base, offered: true };
}

/** The link to the round's disclosure page, where its documents are listed. */
export const documentsUrl = (deps: Pick<CoreDeps, 'publisher'>, id: string) => deps.publisher.url(`c/${id}/`);

/** The words an official starts from: the round, the date, and the link to the documents (never a code). */
export function invitationDraft(kind: InvitationKind, c: { id: string; title: string; opensAt: string; closesAt: string }, url: string): string {
  const title = c.title.slice(0, 200);
  return kind === 'meeting_invitation'
    ? `UBND xã kính mời đại diện hộ gia đình dự cuộc họp cộng đồng dân cư về “${title}” lúc ${vnAt(c.opensAt)}. Tài liệu xem tại ${url} và được niêm yết tại nhà văn hóa thôn.`
    : `UBND xã thông báo: lấy ý kiến bằng phiếu hộ gia đình về “${title}” từ ${vnAt(c.opensAt)} đến ${vnAt(c.closesAt)}. Tổ phát phiếu sẽ đến từng hộ. Tài liệu xem tại ${url}`;
}

/** What the notices page shows besides the form: the timing, the draft, and the notices sent so far. */
export async function noticesOfRound(deps: CoreDeps, who: Principal | undefined, id: string, kind: InvitationKind) {
  const { rec } = await loadForOfficial(deps, who, id);
  const sent: NoticeEvidence[] = noticeEvidenceOf(await deps.store.getAudit(id));
  return { timing: invitationTiming(deps, rec), draft: invitationDraft(kind, rec.consultation, documentsUrl(deps, id)), sent };
}

/**
 * Sends the invitation (or the household-ballot notice) to every household on the round's roll and records
 * `notice_sent` with the counts, the date announced and whether the notice was short. Refused (400) when it is not
 * offered, or when the text must not go out (empty, too long, a code in it).
 */
export async function sendInvitation(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  kind: InvitationKind,
  text: string,
): Promise<NoticeLog & { short: boolean }> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (!deps.notifier || !deps.contacts) {
    throw new DomainError('invalid_request', 'this runtime sends no notices', undefined, 'Hệ thống này chưa có kênh gửi thông báo.');
  }
  const timing = invitationTiming(deps, rec);
  if (!timing.offered)
    throw new DomainError(
      'invalid_request',
      timing.why?.en ?? 'not now',
      [{ path: 'kind', message: timing.why?.en ?? '', vi: timing.why?.vi ?? '' }],
      timing.why?.vi,
    );
  const roll = await deps.store.getRoll(id);
  const log = await notifyHouseholds(
    { notifier: deps.notifier, contacts: deps.contacts, clock: deps.clock, ...(deps.log ? { log: deps.log } : {}) },
    { consultationId: id, commune: rec.consultation.commune, kind, text: { vi: text }, rollIds: roll.map((h) => h.id) },
  );
  await deps.store.appendAudit(id, {
    at: instant(new Date(log.at)),
    actor: actorOf(official),
    action: 'notice_sent',
    data: { ...noticeEventData(log), for: timing.at, ...(timing.short ? { shortNotice: true, days: timing.days } : {}) },
  });
  return { ...log, short: timing.short };
}
