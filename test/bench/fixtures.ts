/** Data shared by the benchmarks: accounts, consultations, rolls, ballots; node:crypto SHA-256 for speed. */
import { createHash, randomBytes } from 'node:crypto';
import type { CoreDeps } from '../../functions/core/deps.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { recordOnlineCondition } from '../../functions/core/voting.ts';
import { hashPassword, type LocalAccount } from '../../functions/local/issuer.ts';
import type { OnlineCondition } from '../../shared/online-conditions.ts';
import { instant } from '../../shared/time.ts';
import type { Answers, ConsultationInput, Household } from '../../shared/schemas.ts';
import type { Hash } from '../../shared/sha256.ts';

export const COMMUNE = 'xa-do-tai';

export const OFFICIAL: LocalAccount = { username: 'official', role: 'official', commune: COMMUNE, sub: 'bench-official', passwordHash: hashPassword('bench') };
export const OFFICIAL_PRINCIPAL: Principal = { sub: OFFICIAL.sub, role: 'official', commune: COMMUNE };

export const nodeSha256: Hash = (data) => {
  const d = createHash('sha256').update(data).digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
};

/**
 * A road contribution (Law 10/2022 Art. 15(1)), open for a day from now. A contribution is decided at a meeting
 * first (a household ballot only follows a meeting that could not reach the threshold) and never online, so it is
 * held by `meeting`; the benchmarks that cast ballots with codes use onlineConsultation.
 */
export function roadConsultation(now = new Date()): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đo Tải' },
    matter: 'contribution',
    method: 'meeting',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường dài 500 m, rộng 3 m.',
    opensAt: instant(now),
    closesAt: instant(new Date(now.getTime() + 24 * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Tán thành mức đóng góp 300.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
    ],
    contribution: {
      totalCost: 900_000_000,
      stateBudget: 870_000_000,
      residentsShare: 30_000_000,
      basis: 'per_household',
      amountPerUnit: 300_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
  };
}

/**
 * An Art. 15(6) matter voted online with codes (Decree 59/2023 Art. 5), open for a day from now: one yes/no
 * question (in favour / against / other opinion) under the matter's preset, more than half of all households. The
 * five conditions must be recorded before it opens (recordOnlineConditions).
 */
export function onlineConsultation(now = new Date()): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đo Tải' },
    matter: 'other_self_managed',
    method: 'online',
    title: 'Giờ mở cửa nhà văn hóa thôn',
    description: 'Nhà văn hóa thôn mở cửa từ 6 giờ đến 21 giờ hằng ngày, do tổ tự quản trông coi.',
    opensAt: instant(now),
    closesAt: instant(new Date(now.getTime() + 24 * 3600_000)),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Tán thành mở cửa nhà văn hóa thôn từ 6 giờ đến 21 giờ hằng ngày?',
        options: [],
        rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
      },
    ],
  };
}

/**
 * The five Decree 59/2023 Art. 5 conditions of an online round on a roll of `households`, dated the day of `now`:
 * the poll has just over half of all households agreeing (agreed > H/2).
 */
export function onlineConditions(households: number, now = new Date()): OnlineCondition[] {
  const date = instant(now).slice(0, 10);
  return [
    { condition: 'leaders_agreed', date, reference: 'Biên bản thống nhất số 01/BB-TDT' },
    { condition: 'reported', date, reference: 'Báo cáo số 02/BC-TDT gửi UBND xã và UBMTTQ xã' },
    {
      condition: 'team',
      members: [
        { name: 'Lê Văn Cường', role: 'Đại diện Ban công tác Mặt trận' },
        { name: 'Phạm Thị Dung', role: 'Chi hội phụ nữ' },
        { name: 'Hoàng Văn Em', role: 'Chi đoàn thanh niên' },
      ],
      leader: 'Lê Văn Cường',
      date,
    },
    { condition: 'poll', agreed: Math.floor(households / 2) + 1, date, reference: 'Biên bản tổng hợp ý kiến số 03/BB-TDT' },
    { condition: 'devices', date, reference: 'Biên bản rà soát thiết bị số 04/BB-TDT' },
  ];
}

/**
 * Records the five conditions of the online round `id` through the core use case, as an official does before
 * opening; its roll of `households` must be uploaded first (the poll is checked against it).
 */
export async function recordOnlineConditions(core: CoreDeps, who: Principal, id: string, households: number): Promise<void> {
  for (const condition of onlineConditions(households, core.clock.now())) await recordOnlineCondition(core, who, id, condition);
}

/** Roll ids `H-0000001`...: fixed width, so string order is numeric order. */
export const householdId = (i: number): string => `H-${String(i + 1).padStart(7, '0')}`;

export function roll(n: number): Household[] {
  return Array.from({ length: n }, (_, i) => ({
    id: householdId(i),
    hamlet: 'Thôn Đo Tải',
    head: `Chủ hộ ${i + 1}`,
    members: 1 + (i % 5),
    category: i % 10 === 0 ? 'poor' : 'standard',
  }));
}

export function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (const h of roll(n)) lines.push(`${h.id},${h.hamlet},${h.head},${h.members},${h.category}`);
  return `${lines.join('\n')}\n`;
}

/** A plausible spread of answers to a yes/no question (q1): mostly yes, some against, some other opinions. */
export function yesNoAnswers(i: number): Answers {
  const r = i % 10;
  return { q1: r < 7 ? 'yes' : r < 9 ? 'no' : 'abstain' };
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
