/**
 * The conditions Decree 59/2023 Art. 5 sets before an online vote (api.md "Online rounds"), each recorded by an
 * official as an audit event (`online_condition_recorded`) published with the result:
 * - `leaders_agreed`: the village head and the Front working committee agreed that no meeting or ballot is needed;
 * - `reported`: the report to UBND xã and UBMTTQ xã;
 * - `team`: the online team of 3–5, led by the Front working committee's representative;
 * - `poll`: more than 50 % of all households (H) agreed to vote online (those asked are not the base);
 * - `devices`: the households have the devices.
 * A household-ballot round (Law 10/2022 Art. 19, Decree 59/2023 Art. 4) needs, before the slips go out:
 * - `ballot_plan`: the plan (Kế hoạch tổ chức phát phiếu lấy ý kiến), sent to the chair of UBND xã and the chair of
 *   UBMTTQ xã at most 2 days after it was issued;
 * - `ballot_team`: the ballot team (Tổ phát phiếu lấy ý kiến) of 3–5, led by the Front working committee's representative;
 * and, for an Art. 15(6) matter, `leaders_agreed` too (Law 10/2022 Art. 17, 19).
 */
import * as z from 'zod';
import type { Matter, Method } from './schemas.ts';

export const ONLINE_CONDITIONS = ['leaders_agreed', 'reported', 'team', 'poll', 'devices'] as const;
/** The conditions of a household ballot (Decree 59/2023 Art. 4(2), 4(3)). */
export const BALLOT_CONDITIONS = ['ballot_plan', 'ballot_team'] as const;
/** Every condition recorded before opening, online or by household ballot. */
export const CONDITION_KINDS = [...ONLINE_CONDITIONS, ...BALLOT_CONDITIONS] as const;
export type OnlineConditionKind = (typeof CONDITION_KINDS)[number];
/** The plan must reach both chairs at most this many days after it was issued (Decree 59/2023 Art. 4(2)). */
export const PLAN_SENT_WITHIN_DAYS = 2;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');
/** Where it is written down: minutes number, notice number, who signed. */
const Reference = z.string().trim().min(3).max(300);
const Name = z.string().trim().min(2).max(120);

const TeamMember = z.strictObject({ name: Name, role: z.string().trim().min(2).max(120) });

/** A team of 3–5 whose leader is one of its members: the online team (Art. 5(2)) or the ballot team (Art. 4(3)). */
function teamOf<K extends 'team' | 'ballot_team'>(kind: K, article: string) {
  return z
    .strictObject({
      condition: z.literal(kind),
      members: z.array(TeamMember).min(3).max(5),
      /** The leader's name, a member of the team from the Front working committee. */
      leader: Name,
      date: Day.optional(),
      reference: Reference.optional(),
    })
    .refine((t) => t.members.some((m) => m.name === t.leader), {
      message: `the leader must be one of the members (Decree 59/2023 ${article})`,
      path: ['leader'],
    });
}

export const OnlineCondition = z.discriminatedUnion('condition', [
  z.strictObject({ condition: z.literal('leaders_agreed'), date: Day, reference: Reference }),
  z.strictObject({ condition: z.literal('reported'), date: Day, reference: Reference }),
  teamOf('team', 'Art. 5(2)'),
  z.strictObject({ condition: z.literal('poll'), agreed: z.int().min(0), date: Day, reference: Reference }),
  z.strictObject({ condition: z.literal('devices'), date: Day, reference: Reference }),
  /** The plan: the day it was issued and the day it was sent to both chairs (UBND xã, UBMTTQ xã). */
  z.strictObject({ condition: z.literal('ballot_plan'), issued: Day, sent: Day, reference: Reference }),
  teamOf('ballot_team', 'Art. 4(3)'),
]);
export type OnlineCondition = z.infer<typeof OnlineCondition>;

/** The conditions a round of `method` for `matter` needs before it opens. */
export function conditionsFor(matter: Matter, method: Method): readonly OnlineConditionKind[] {
  if (method === 'online') return ONLINE_CONDITIONS;
  if (method === 'household_ballot') return matter === 'other_self_managed' ? ['leaders_agreed', ...BALLOT_CONDITIONS] : BALLOT_CONDITIONS;
  return [];
}

/** The day a YYYY-MM-DD date falls on, counted from 1970-01-01; undefined when there is no such day (2026-02-30). */
function dayNumber(day: string): number | undefined {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** Why the plan's dates cannot stand: a day that does not exist, sent before it was issued, or sent too late. */
function planProblem(c: { issued: string; sent: string }): { vi: string; en: string } | undefined {
  const issued = dayNumber(c.issued);
  const sent = dayNumber(c.sent);
  if (issued === undefined || sent === undefined) {
    const bad = issued === undefined ? c.issued : c.sent;
    return { vi: `Ngày ${bad} không có trong lịch.`, en: `There is no such day as ${bad}.` };
  }
  if (sent < issued)
    return {
      vi: `Kế hoạch được gửi ngày ${c.sent}, trước ngày ban hành ${c.issued}.`,
      en: `The plan was sent on ${c.sent}, before it was issued on ${c.issued}.`,
    };
  if (sent - issued > PLAN_SENT_WITHIN_DAYS)
    return {
      vi: `Kế hoạch tổ chức phát phiếu lấy ý kiến phải được gửi đến Chủ tịch UBND xã và Chủ tịch UBMTTQ xã chậm nhất ${String(PLAN_SENT_WITHIN_DAYS).padStart(2, '0')} ngày kể từ ngày ban hành; ban hành ngày ${c.issued} nhưng gửi ngày ${c.sent} (Nghị định 59/2023 Điều 4 khoản 2).`,
      en: `The plan must be sent to the chairs of UBND xã and UBMTTQ xã at most ${PLAN_SENT_WITHIN_DAYS} days after it is issued; it was issued on ${c.issued} but sent on ${c.sent} (Decree 59/2023 Art. 4(2)).`,
    };
  return undefined;
}

/**
 * Why a recorded condition cannot stand with H = `eligible` households on the roll, in both languages; undefined
 * when it can. The poll needs more than half of H (agreed * 2 > H); the plan must be sent to both chairs on the day
 * it was issued or at most 2 days after.
 * @example conditionProblem({ condition: 'poll', agreed: 15, date: '2026-12-01', reference: 'BB 01' }, 30)?.en
 */
export function conditionProblem(c: OnlineCondition, eligible: number): { vi: string; en: string } | undefined {
  if (c.condition === 'ballot_plan') return planProblem(c);
  if (c.condition !== 'poll') return undefined;
  if (c.agreed > eligible)
    return {
      vi: `${c.agreed} hộ đồng ý nhưng danh sách chỉ có ${eligible} hộ.`,
      en: `${c.agreed} households agreed, but the roll has only ${eligible}.`,
    };
  if (c.agreed * 2 > eligible) return undefined;
  return {
    vi: `Chỉ ${c.agreed} trên ${eligible} hộ đồng ý biểu quyết trực tuyến; cần trên 50% tổng số hộ (ít nhất ${Math.floor(eligible / 2) + 1} hộ) (Nghị định 59/2023 Điều 5).`,
    en: `Only ${c.agreed} of ${eligible} households agreed to vote online; more than 50 % of all households (at least ${Math.floor(eligible / 2) + 1}) must (Decree 59/2023 Art. 5).`,
  };
}

/** Vietnamese names of the conditions, for pages and messages. */
export const CONDITION_WORDS: Readonly<Record<OnlineConditionKind, { vi: string; en: string }>> = {
  leaders_agreed: {
    vi: 'Trưởng thôn và Ban công tác Mặt trận thống nhất',
    en: 'The village head and the Front working committee agreed',
  },
  reported: { vi: 'Đã báo cáo UBND xã và UBMTTQ xã', en: 'Reported to UBND xã and UBMTTQ xã' },
  team: {
    vi: 'Tổ lấy ý kiến biểu quyết trực tuyến (3–5 người, do đại diện Ban công tác Mặt trận làm tổ trưởng)',
    en: 'The online team (3–5, led by the Front working committee)',
  },
  poll: { vi: 'Trên 50% tổng số hộ đồng ý biểu quyết trực tuyến', en: 'More than 50 % of all households agreed to vote online' },
  devices: { vi: 'Các hộ có thiết bị để biểu quyết trực tuyến', en: 'The households have the devices' },
  ballot_plan: {
    vi: 'Kế hoạch tổ chức phát phiếu lấy ý kiến đã gửi Chủ tịch UBND xã và Chủ tịch UBMTTQ xã (chậm nhất 02 ngày kể từ ngày ban hành)',
    en: 'The ballot plan, sent to the chairs of UBND xã and UBMTTQ xã (at most 2 days after it was issued)',
  },
  ballot_team: {
    vi: 'Tổ phát phiếu lấy ý kiến (3–5 người, do đại diện Ban công tác Mặt trận làm tổ trưởng)',
    en: 'The ballot team (3–5, led by the Front working committee)',
  },
};
