/**
 * Citizens' initiatives (sáng kiến của công dân; Law 10/2022 Art. 16(3)). A resident proposes an Art. 15 matter; the
 * households consent, by roll id (never names): at a meeting, online with the household code, or on a paper list that
 * the proposer files and answers for ("chịu trách nhiệm trước pháp luật về tính chính xác của số lượng và danh sách hộ
 * gia đình đồng thuận"). A consent counts for 3 months from the day it was given ("03 tháng kể từ ngày thể hiện ý
 * kiến"), counted as the Civil Code counts months (./calendar.ts `addMonths`). With at least 10 % of H
 * (consents * 10 >= H) the village head puts it to the community; with fewer, only if the Front working committee
 * approves it. A household counts once, however many times it consented. Pure.
 */
import * as z from 'zod';
import { Matter } from '../schemas.ts';
import { isIsoDate } from '../working-days.ts';
import { addMonths } from './calendar.ts';
import type { Cite } from './checklist.ts';

/** How many months a consent counts (Art. 16(3)). */
export const CONSENT_MONTHS = 3;

/** The matters an initiative may propose: those the residents decide (Art. 15), not an opinion asked by an authority. */
export const INITIATIVE_MATTERS = Matter.exclude(['opinion']);
export type InitiativeMatter = z.infer<typeof INITIATIVE_MATTERS>;

const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');

/** One household's consent: its roll id, the day it consented (Vietnam), how; for paper, the list and who filed it. */
export const Consent = z.discriminatedUnion('channel', [
  z.strictObject({ rollId: z.string().min(1), on: Day, channel: z.enum(['online', 'meeting']) }),
  z.strictObject({ rollId: z.string().min(1), on: Day, channel: z.literal('paper'), list: z.string().min(1), filedBy: z.string().min(1) }),
]);
export type Consent = z.infer<typeof Consent>;

/** A paper list as the proposer files it: each household's roll id and the day written beside it. */
export interface PaperList {
  id: string;
  /** The proposer, who answers for the list. */
  filedBy: string;
  /** The day the list was filed (Vietnam calendar date). */
  filedOn: string;
  entries: readonly { rollId: string; on: string }[];
}

/**
 * The consents of a paper list, each recorded as filed by the proposer. An entry dated after the filing day cannot be
 * true and is refused (RangeError): the list is checked at the edge before it is recorded.
 * @example paperConsents({ id: 'L1', filedBy: 'p', filedOn: '2027-01-05', entries: [{ rollId: 'h1', on: '2027-01-02' }] })[0].channel // 'paper'
 */
export function paperConsents(list: PaperList): Consent[] {
  return list.entries.map((e) => {
    if (!isIsoDate(e.on) || e.on > list.filedOn) throw new RangeError(`consent of ${e.rollId} dated ${e.on}, list filed ${list.filedOn}`);
    return { rollId: e.rollId, on: e.on, channel: 'paper', list: list.id, filedBy: list.filedBy };
  });
}

/**
 * The last day a consent counts: the same day 3 months later, or that month's last day when it has none.
 * @example consentValidUntil('2026-11-30') // '2027-02-28'
 */
export function consentValidUntil(on: string): string {
  return addMonths(on, CONSENT_MONTHS);
}

/** Whether a consent given on `on` counts on day `day`: from that day to the end of the 3 months. */
export function consentCounts(on: string, day: string): boolean {
  return on <= day && day <= consentValidUntil(on);
}

/**
 * The consents a proposal needs: at least 10 % of H, the least whole number c with c * 10 >= H.
 * @example consentsNeeded(101) // 11
 */
export function consentsNeeded(households: number): number {
  if (!Number.isSafeInteger(households) || households <= 0) throw new RangeError(`H must be a positive integer: ${households}`);
  return Math.floor((households + 9) / 10);
}

export interface ConsentCount {
  /** Households on the roll with a consent that counts on the day. */
  counted: number;
  /** Households on the roll that consented, but whose consents have all expired (or came after the day). */
  expired: number;
  /** Roll ids that are not on the roll: not counted, shown to the proposer. */
  unknown: string[];
  /** The first day after which the count drops (a counted consent's last day), or null when nothing is counted. */
  dropsAfter: string | null;
}

/**
 * The consents that count on `day`, by distinct roll id on the roll: for each household its latest consent given by
 * that day (a renewed consent counts 3 months from the renewal).
 * @example countConsents([{ rollId: 'h1', on: '2027-01-01', channel: 'online' }, { rollId: 'h1', on: '2027-01-02', channel: 'meeting' }], ['h1', 'h2'], '2027-01-03').counted // 1
 */
export function countConsents(consents: readonly Consent[], roll: Iterable<string>, day: string): ConsentCount {
  if (!isIsoDate(day)) throw new RangeError(`not a calendar date: ${day}`);
  const onRoll = new Set(roll);
  const latest = new Map<string, string>();
  const unknown = new Set<string>();
  for (const c of consents) {
    if (!onRoll.has(c.rollId)) {
      unknown.add(c.rollId);
      continue;
    }
    // '' marks a household whose consents all came after the day: on the roll, not counted.
    const given = c.on <= day ? c.on : '';
    const seen = latest.get(c.rollId) ?? '';
    if (!latest.has(c.rollId) || given > seen) latest.set(c.rollId, given);
  }
  let counted = 0;
  let expired = 0;
  let dropsAfter: string | null = null;
  for (const on of latest.values()) {
    if (on !== '' && consentCounts(on, day)) {
      counted += 1;
      const until = consentValidUntil(on);
      if (dropsAfter === null || until < dropsAfter) dropsAfter = until;
    } else expired += 1;
  }
  return { counted, expired, unknown: [...unknown].sort(), dropsAfter };
}

/** Where an initiative stands: on the agenda by its consents, or needing (or having) the Front's approval. */
export type InitiativePath = 'agenda' | 'front_may_approve' | 'front_approved';

export interface InitiativeStanding extends ConsentCount {
  needed: number;
  reached: boolean;
  path: InitiativePath;
}

/**
 * Where an initiative stands on `day` (the day it is sent to the village head, or today).
 * @example initiativeStanding({ consents: [], roll: ['h1'], day: '2027-01-01', frontApproved: true }).path // 'front_approved'
 */
export function initiativeStanding(i: { consents: readonly Consent[]; roll: readonly string[]; day: string; frontApproved: boolean }): InitiativeStanding {
  const households = new Set(i.roll).size;
  const count = countConsents(i.consents, i.roll, i.day);
  const needed = consentsNeeded(households);
  const reached = count.counted * 10 >= households;
  const path: InitiativePath = reached ? 'agenda' : i.frontApproved ? 'front_approved' : 'front_may_approve';
  return { ...count, needed, reached, path };
}

const ART_16: Cite = { vi: 'khoản 3 Điều 16 Luật số 10/2022/QH15', en: 'Law 10/2022 Art. 16(3)' };

/** Each path in the law's words. */
export const PATH_WORDS: Readonly<Record<InitiativePath, { vi: string; en: string; cite: Cite }>> = {
  agenda: {
    vi: 'Được ít nhất là 10% tổng số hộ gia đình tại thôn, tổ dân phố đồng thuận: Trưởng thôn, Tổ trưởng tổ dân phố đưa ra cộng đồng dân cư bàn và quyết định nếu không trái với quy định của pháp luật, phù hợp với thuần phong, mỹ tục và đạo đức xã hội',
    en: 'At least 10 % of all households consent: the village head puts it to the community, unless it is against the law or good customs',
    cite: ART_16,
  },
  front_may_approve: {
    vi: 'Chưa có đủ 10% tổng số hộ gia đình đồng thuận: Ban công tác Mặt trận có thể tán thành nếu xét thấy có thể mang lại lợi ích cho cộng đồng dân cư',
    en: 'Fewer than 10 % of all households consent: the Front working committee may approve it if it can benefit the community',
    cite: ART_16,
  },
  front_approved: {
    vi: 'Được Ban công tác Mặt trận ở thôn, tổ dân phố tán thành: Trưởng thôn, Tổ trưởng tổ dân phố đưa ra để cộng đồng dân cư bàn và quyết định',
    en: 'Approved by the Front working committee: the village head puts it to the community',
    cite: ART_16,
  },
};
