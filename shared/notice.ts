/**
 * Notice before a round opens (domain.md "Disclosure and notice"): the law's minimums are 2 days for a meeting
 * (Decree 59/2023 Art. 3(3), (4)) and for household ballots (Law 10/2022 Art. 19(2)), 30 days for a draft community
 * rule (Decree 61/2023 Art. 9(1)); a commune may set longer. Opening before the notice is over needs a reason, which
 * is published as a departure from the law; for a draft community rule it is refused. The opening check also lists
 * the Decree 59/2023 Art. 5 conditions not yet recorded (shared/online-conditions.ts).
 */
import * as z from 'zod';
import { conditionsFor, type OnlineConditionKind } from './online-conditions.ts';
import type { Matter, Method } from './schemas.ts';

/** A commune's notice periods in days, each at least the law's minimum. */
export const NoticeDays = z.strictObject({
  meeting: z.int().min(2).max(365),
  household_ballot: z.int().min(2).max(365),
  online: z.int().min(0).max(365),
  community_rules: z.int().min(30).max(365),
});
export type NoticeDays = z.infer<typeof NoticeDays>;

/** The overriding reason an official gives to open before the notice period is over. */
export const OpenOverride = z.strictObject({ reason: z.string().trim().min(10).max(500) });

/** The notice a round needs: how many days, whether a reason may shorten it, and the law behind it. */
export interface NoticeRule {
  days: number;
  overridable: boolean;
  words: { vi: string; en: string };
}

/**
 * The notice a round of `matter` held by `method` needs under the commune's `notice` periods.
 * @example noticeRule({ matter: 'community_rules', method: 'meeting' }, { meeting: 2, household_ballot: 2, online: 2, community_rules: 30 }).days // 30
 */
export function noticeRule(c: { matter: Matter; method: Method }, notice: NoticeDays): NoticeRule {
  // A household ballot that follows a community-rules meeting comes after the draft's 30 days: its own notice is a ballot's.
  if (c.matter === 'community_rules' && c.method !== 'household_ballot')
    return {
      days: notice.community_rules,
      overridable: false,
      words: {
        vi: `Dự thảo hương ước, quy ước phải được công khai ít nhất ${notice.community_rules} ngày (Nghị định 61/2023 Điều 9 khoản 1); không được rút ngắn.`,
        en: `A draft community rule is posted at least ${notice.community_rules} days (Decree 61/2023 Art. 9(1)); it cannot be shortened.`,
      },
    };
  const days = notice[c.method];
  const law = c.method === 'meeting' ? 'Nghị định 59/2023 Điều 3' : c.method === 'household_ballot' ? 'Luật 10/2022 Điều 19 khoản 2' : 'quy định của xã';
  const lawEn = c.method === 'meeting' ? 'Decree 59/2023 Art. 3' : c.method === 'household_ballot' ? 'Law 10/2022 Art. 19(2)' : "the commune's rule";
  return {
    days,
    overridable: true,
    words: {
      vi: `Thông báo và tài liệu phải gửi trước ít nhất ${days} ngày (${law}).`,
      en: `The notice and documents go out at least ${days} days before (${lawEn}).`,
    },
  };
}

export interface OpeningCheck {
  /** When the notice began (the `disclosed` event), if it did. */
  disclosedAt?: string;
  /** The first moment the round may open without an override. */
  earliest?: string;
  /** Whether opening now is before the notice period is over (or without any notice). */
  early: boolean;
  /** The notice period, and whether a reason may shorten it. */
  days: number;
  overridable: boolean;
  /** The Art. 5 conditions (or the leaders' agreement of a household ballot) not yet recorded. */
  missingConditions: OnlineConditionKind[];
}

/**
 * What stands before opening, read from the round's audit log: the notice period, and the conditions the method
 * needs. `matter` defaults to an opinion (the least demanding) for callers that know only the method.
 * @example openingCheck({ method: 'household_ballot', matter: 'contribution' }, [], new Date(), profile).early // true: never notified
 */
export function openingCheck(
  consultation: { method: Method; matter?: Matter },
  events: ReadonlyArray<{ action: string; at: string; data: Record<string, unknown> }>,
  now: Date,
  profile: { notice: NoticeDays },
): OpeningCheck {
  const matter = consultation.matter ?? 'opinion';
  const rule = noticeRule({ matter, method: consultation.method }, profile.notice);
  const disclosedAt = events.find((e) => e.action === 'disclosed')?.at;
  const earliest = disclosedAt ? `${new Date(Date.parse(disclosedAt) + rule.days * 86_400_000).toISOString().slice(0, 19)}Z` : undefined;
  const early = rule.days > 0 && (earliest === undefined || now.getTime() < Date.parse(earliest));
  const recorded = new Set(events.filter((e) => e.action === 'online_condition_recorded').map((e) => e.data.condition));
  const missingConditions = conditionsFor(matter, consultation.method).filter((c) => !recorded.has(c));
  return {
    ...(disclosedAt ? { disclosedAt } : {}),
    ...(earliest ? { earliest } : {}),
    early,
    days: rule.days,
    overridable: rule.overridable,
    missingConditions,
  };
}

/** A step taken before the law's minimum, with the reason the official gave: published on the result page and in the record. */
export interface Departure {
  at: string;
  vi: string;
  en: string;
  reason: string;
}

/**
 * The departures from the law's notice the audit log records (an opening before the notice period was over, with its
 * reason, in the `voting_opened` event).
 * @example departuresOf(log)[0]?.reason // "Mưa bão sắp đến, cần quyết định trước mùa mưa"
 */
export function departuresOf(events: ReadonlyArray<{ action: string; at: string; data: Record<string, unknown> }>): Departure[] {
  const out: Departure[] = [];
  for (const e of events) {
    const d = e.data.disclosure as { days?: unknown; overrideReason?: unknown } | undefined;
    if (e.action !== 'voting_opened' || !d || typeof d.overrideReason !== 'string') continue;
    const days = typeof d.days === 'number' ? d.days : undefined;
    out.push({
      at: e.at,
      vi: `Mở biểu quyết trước khi hết thời hạn thông báo${days !== undefined ? ` ${days} ngày` : ''} theo quy định.`,
      en: `Voting opened before the notice period${days !== undefined ? ` of ${days} days` : ''} was over.`,
      reason: d.overrideReason,
    });
  }
  return out;
}
