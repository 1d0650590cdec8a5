/**
 * The notices sent for a round as evidence of notice (Decree 59/2023 Art. 3(3), 4(4); Law 10/2022 Art. 13(4)), read
 * from its `notice_sent` audit events: which notice, when, to how many households, how many were reached and through
 * which channel. Counts only: an event never names a household or a number, and neither does this.
 */

/** One notice as the decision record and the officials' notices page list it. */
export interface NoticeEvidence {
  kind: string;
  /** When it was sent (RFC 3339). */
  at: string;
  households: number;
  sent: number;
  failed: number;
  optedOut: number;
  noContact: number;
  /** Households handed to each channel; absent in events written before the channels were counted. */
  channels?: { sms: number; zalo: number } | undefined;
}

/** Each notice kind in words, Vietnamese and English. */
export const NOTICE_KIND_WORDS: Readonly<Record<string, { vi: string; en: string }>> = {
  meeting_invitation: { vi: 'Giấy mời họp', en: 'Meeting invitation' },
  documents_link: { vi: 'Tài liệu', en: 'Documents' },
  household_ballot_notice: { vi: 'Thông báo phát phiếu hộ gia đình', en: 'Household ballot notice' },
  voting_opened: { vi: 'Mở biểu quyết', en: 'Voting opened' },
  reminder_not_voted: { vi: 'Nhắc hộ chưa biểu quyết', en: 'Reminder' },
  result: { vi: 'Kết quả', en: 'Result' },
  election_notice: { vi: 'Bầu cử', en: 'Election' },
};

/** A kind in words; an unknown one as it is. */
export const noticeKindWords = (kind: string) => NOTICE_KIND_WORDS[kind] ?? { vi: kind, en: kind };

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/**
 * The notices a log records, oldest first.
 * @example noticeEvidenceOf([{ action: 'notice_sent', at: '2026-12-01T02:00:00Z', data: { kind: 'result', households: 4, sent: 3 } }])[0].sent // 3
 */
export function noticeEvidenceOf(events: ReadonlyArray<{ action: string; at: string; data: Record<string, unknown> }>): NoticeEvidence[] {
  return events
    .filter((e) => e.action === 'notice_sent' && typeof e.data.kind === 'string')
    .map((e) => {
      const ch = e.data.channels as Record<string, unknown> | undefined;
      return {
        kind: e.data.kind as string,
        at: e.at,
        households: count(e.data.households),
        sent: count(e.data.sent),
        failed: count(e.data.failed),
        optedOut: count(e.data.optedOut),
        noContact: count(e.data.noContact),
        ...(ch && typeof ch === 'object' ? { channels: { sms: count(ch.sms), zalo: count(ch.zalo) } } : {}),
      };
    });
}

/** "SMS 3, Zalo 1", the channels a notice went through ("—" when none). */
export function channelWords(n: NoticeEvidence): string {
  if (!n.channels) return '—';
  const parts = [n.channels.sms > 0 ? `SMS ${n.channels.sms}` : '', n.channels.zalo > 0 ? `Zalo ${n.channels.zalo}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '—';
}
