/**
 * The conditions Decree 59/2023 Art. 5 sets before an online vote (api.md "Online rounds"), each recorded by an
 * official as an audit event (`online_condition_recorded`) published with the result:
 * - `leaders_agreed`: the village head and the Front working committee agreed that no meeting or ballot is needed;
 * - `reported`: the report to UBND xã and UBMTTQ xã;
 * - `team`: the online team of 3–5, led by the Front working committee's representative;
 * - `poll`: more than 50 % of all households (H) agreed to vote online (those asked are not the base);
 * - `devices`: the households have the devices.
 * A household-ballot round of an Art. 15(6) matter needs `leaders_agreed` only (Law 10/2022 Art. 17, 19).
 */
import * as z from 'zod';
import type { Matter, Method } from './schemas.ts';

export const ONLINE_CONDITIONS = ['leaders_agreed', 'reported', 'team', 'poll', 'devices'] as const;
export type OnlineConditionKind = (typeof ONLINE_CONDITIONS)[number];

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');
/** Where it is written down: minutes number, notice number, who signed. */
const Reference = z.string().trim().min(3).max(300);
const Name = z.string().trim().min(2).max(120);

const TeamMember = z.strictObject({ name: Name, role: z.string().trim().min(2).max(120) });

export const OnlineCondition = z.discriminatedUnion('condition', [
  z.strictObject({ condition: z.literal('leaders_agreed'), date: Day, reference: Reference }),
  z.strictObject({ condition: z.literal('reported'), date: Day, reference: Reference }),
  z
    .strictObject({
      condition: z.literal('team'),
      members: z.array(TeamMember).min(3).max(5),
      /** The leader's name, a member of the team from the Front working committee. */
      leader: Name,
      date: Day.optional(),
      reference: Reference.optional(),
    })
    .refine((t) => t.members.some((m) => m.name === t.leader), {
      message: 'the leader must be one of the members (Decree 59/2023 Art. 5(2))',
      path: ['leader'],
    }),
  z.strictObject({ condition: z.literal('poll'), agreed: z.int().min(0), date: Day, reference: Reference }),
  z.strictObject({ condition: z.literal('devices'), date: Day, reference: Reference }),
]);
export type OnlineCondition = z.infer<typeof OnlineCondition>;

/** The conditions a round of `method` for `matter` needs before it opens. */
export function conditionsFor(matter: Matter, method: Method): readonly OnlineConditionKind[] {
  if (method === 'online') return ONLINE_CONDITIONS;
  if (method === 'household_ballot' && matter === 'other_self_managed') return ['leaders_agreed'];
  return [];
}

/**
 * Why a recorded condition cannot stand with H = `eligible` households on the roll, in both languages; undefined
 * when it can. The poll needs more than half of H (agreed * 2 > H).
 * @example conditionProblem({ condition: 'poll', agreed: 15, date: '2026-12-01', reference: 'BB 01' }, 30)?.en
 */
export function conditionProblem(c: OnlineCondition, eligible: number): { vi: string; en: string } | undefined {
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
};
