/** Data shared by the benchmarks: accounts, a consultation, rolls, ballots; node:crypto SHA-256 for speed. */
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, type LocalAccount } from '../../functions/local/issuer.ts';
import type { Principal } from '../../functions/core/ports.ts';
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

/** A household ballot on a road contribution, open for a day from now (like the integration tests'). */
export function roadConsultation(now = new Date()): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đo Tải' },
    matter: 'contribution',
    method: 'household_ballot',
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

/** A plausible spread of answers to the road question: mostly yes. */
export function roadAnswers(i: number): Answers {
  const r = i % 10;
  return { q1: r < 7 ? 'yes' : r < 9 ? 'no' : 'abstain' };
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
