/**
 * The round behind the published test vectors: a contribution consultation of one small hamlet, its roll,
 * its final ballots and its audit log, all fixed so that every byte of the bundle can be made again.
 * Names, ids and amounts are invented. Nonces are derived from the household id instead of drawn at random
 * (the server draws 128 random bits); nothing else differs from what the system would publish.
 */
import { sealEvent, type AuditEntry } from '../../shared/audit.ts';
import { toHex, utf8 } from '../../shared/bytes.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Actor, Answers, AuditEvent, Ballot, Channel, Consultation, Participant, Rule } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';

/** A ULID whose time part is the creation time (2026-10-05T02:00:00Z) and whose random part says what it is. */
export const CONSULTATION_ID = '01M44WM480VECT0RSTHR0WAWAY';

// Law 10/2022 Art. 15(1): a contribution needs at least 2/3 of all households (the preset of shared/matters.ts).
const TWO_THIRDS_OF_ALL: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };

/** consultation.json as it was when voting opened. */
export const consultation: Consultation = {
  id: CONSULTATION_ID,
  commune: 'xa-tan-phu',
  scope: { kind: 'hamlet', name: 'Thôn Phú Xuân, xã Tân Phú' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Bê tông hóa đường ngõ xóm Bắc, thôn Phú Xuân (đoạn từ đình làng đến trường mầm non, 120 m)',
  titleEn: 'Concrete paving of the North lane of Phú Xuân hamlet (120 m, from the communal house to the kindergarten)',
  description:
    'Đường rộng 3 m, bê tông xi măng dày 16 cm. Tổng kinh phí dự kiến 96.000.000 đồng: ngân sách nhà nước hỗ trợ 92.000.000 đồng, nhân dân đóng góp 4.000.000 đồng. Hộ nghèo được miễn, hộ cận nghèo và gia đình chính sách được giảm 50%. Các hạng mục làm thêm (câu 3) do các hộ đóng góp thêm nếu được thông qua.',
  opensAt: '2026-10-20T01:00:00Z',
  closesAt: '2026-10-27T10:00:00Z',
  questions: [
    {
      id: 'q1',
      type: 'yes_no',
      text: 'Hộ gia đình có tán thành chủ trương bê tông hóa đường ngõ xóm Bắc với kinh phí và phần nhân dân đóng góp như trên không?',
      textEn: 'Does the household agree to pave the North lane, with the costs and the residents\' share above?',
      options: [],
      rule: TWO_THIRDS_OF_ALL,
    },
    {
      id: 'q2',
      type: 'single',
      text: 'Mức đóng góp của mỗi hộ',
      textEn: 'The contribution of each household',
      options: [
        { id: 'level-300k', label: '300.000 đồng/hộ', labelEn: '300,000 dong per household', amountPerUnit: 300_000 },
        { id: 'level-400k', label: '400.000 đồng/hộ', labelEn: '400,000 dong per household', amountPerUnit: 400_000 },
        { id: 'level-500k', label: '500.000 đồng/hộ', labelEn: '500,000 dong per household', amountPerUnit: 500_000 },
      ],
      rule: TWO_THIRDS_OF_ALL,
    },
    {
      id: 'q3',
      type: 'approval',
      text: 'Các hạng mục làm thêm cùng đợt (chọn tối đa 2)',
      textEn: 'Extra works done at the same time (choose up to 2)',
      options: [
        { id: 'ranh-thoat-nuoc', label: 'Rãnh thoát nước một bên đường', labelEn: 'A drain along one side', amountPerUnit: 150_000 },
        { id: 'den-duong', label: 'Đèn chiếu sáng năng lượng mặt trời', labelEn: 'Solar street lights', amountPerUnit: 100_000 },
        { id: 'cay-xanh', label: 'Trồng cây xanh hai bên đường', labelEn: 'Trees on both sides', amountPerUnit: 50_000 },
      ],
      rule: TWO_THIRDS_OF_ALL,
      max: 2,
    },
  ],
  contribution: {
    totalCost: 96_000_000,
    stateBudget: 92_000_000,
    residentsShare: 4_000_000,
    basis: 'per_household',
    amountPerUnit: 400_000,
    exemptions: [
      { category: 'poor', percent: 100 },
      { category: 'near_poor', percent: 50 },
      { category: 'policy', percent: 50 },
    ],
  },
};

/** The frozen roll: 12 households of the North lane (pseudonymous ids; the names stay with the commune). */
export const rollIds: string[] = Array.from({ length: 12 }, (_, i) => `DH-${String(i + 1).padStart(3, '0')}`);

const ALL_EXTRAS = ['den-duong', 'ranh-thoat-nuoc'];

/**
 * The last ballot of each of the 10 participating households, with its channel. Outcome under 2/3 of 12 (t = 8):
 * q1 adopted with exactly 8 yes; q2 no decision (a plurality of 5 is not enough); q3 adopts two options tied at 8,
 * listed by option id, not in the order the question lists them.
 */
const LAST_BALLOTS: ReadonlyArray<{ household: string; channel: Channel; answers: Answers }> = [
  { household: 'DH-001', channel: 'online', answers: { q1: 'yes', q2: 'level-300k', q3: ALL_EXTRAS } },
  { household: 'DH-002', channel: 'online', answers: { q1: 'yes', q2: 'level-300k', q3: ALL_EXTRAS } },
  // Voted online first; the committee's entry of its paper slip replaced that ballot.
  { household: 'DH-003', channel: 'paper', answers: { q1: 'yes', q2: 'level-400k', q3: ALL_EXTRAS } },
  { household: 'DH-004', channel: 'online', answers: { q1: 'yes', q2: 'level-300k', q3: ['cay-xanh', 'den-duong'] } },
  { household: 'DH-005', channel: 'meeting', answers: { q1: 'yes', q2: 'level-400k', q3: ALL_EXTRAS } },
  { household: 'DH-007', channel: 'online', answers: { q1: 'no', q2: 'abstain', q3: [] } },
  { household: 'DH-008', channel: 'paper', answers: { q1: 'yes', q2: 'level-300k', q3: ALL_EXTRAS } },
  { household: 'DH-009', channel: 'online', answers: { q1: 'abstain', q2: 'level-500k', q3: ['ranh-thoat-nuoc'] } },
  { household: 'DH-011', channel: 'paper', answers: { q1: 'yes', q2: 'level-300k', q3: ALL_EXTRAS } },
  { household: 'DH-012', channel: 'meeting', answers: { q1: 'yes', q2: 'level-400k', q3: ALL_EXTRAS } },
];

/** A fixed nonce per household: 32 hex characters of H("vector nonce " + id). */
export function nonceOf(household: string): string {
  return toHex(sha256(utf8(`vector nonce ${household}`))).slice(0, 32);
}

/** A ballot as the server stores it: answers, nonce and receipt, with the household it is never published with. */
export interface CastBallot extends Ballot {
  household: string;
}

export const participants: Participant[] = LAST_BALLOTS.map((b) => ({ id: b.household, channel: b.channel }));

export const ballots: CastBallot[] = LAST_BALLOTS.map(({ household, answers }) => {
  const nonce = nonceOf(household);
  return { household, answers, nonce, receipt: receiptOf(CONSULTATION_ID, answers, nonce) };
});

export const closedAt = '2026-10-27T10:00:00Z';
export const publishedAt = '2026-10-27T10:00:03Z';

const OFFICIAL: Actor = { role: 'official', id: 'can-bo-tan-phu-01' };
const SCHEDULER: Actor = { role: 'system', id: 'scheduler' };

/** What functions/core writes for this round, in order: created, roll_uploaded, disclosed, ..., closed. */
const ENTRIES: readonly AuditEntry[] = [
  { at: '2026-10-05T02:00:00Z', actor: OFFICIAL, action: 'created', data: { consultationId: CONSULTATION_ID, title: consultation.title } },
  { at: '2026-10-05T02:12:40Z', actor: OFFICIAL, action: 'roll_uploaded', data: { count: 12, byCategory: { standard: 9, poor: 1, near_poor: 1, policy: 1 } } },
  { at: '2026-10-05T02:30:00Z', actor: OFFICIAL, action: 'disclosed', data: { from: 'draft', to: 'disclosure' } },
  { at: '2026-10-20T01:00:00Z', actor: OFFICIAL, action: 'voting_opened', data: { households: 12, credentialsIssued: 12 } },
  { at: '2026-10-21T03:15:27Z', actor: OFFICIAL, action: 'credential_reissued', data: { household: 'DH-009' } },
  { at: '2026-10-26T01:40:05Z', actor: OFFICIAL, action: 'paper_ballot_entered', data: { household: 'DH-003', channel: 'paper' } },
  { at: '2026-10-26T01:42:51Z', actor: OFFICIAL, action: 'paper_ballot_entered', data: { household: 'DH-005', channel: 'meeting' } },
  { at: '2026-10-26T01:44:10Z', actor: OFFICIAL, action: 'paper_ballot_entered', data: { household: 'DH-008', channel: 'paper' } },
  { at: '2026-10-26T01:46:33Z', actor: OFFICIAL, action: 'paper_ballot_entered', data: { household: 'DH-011', channel: 'paper' } },
  { at: '2026-10-26T01:47:02Z', actor: OFFICIAL, action: 'paper_ballot_entered', data: { household: 'DH-012', channel: 'meeting' } },
  { at: closedAt, actor: SCHEDULER, action: 'closed', data: { consultationId: CONSULTATION_ID, reason: 'scheduled' } },
];

/** The audit log of the round, chained from seq 1 up to and including its `closed` event. */
export function auditLog(entries: readonly AuditEntry[] = ENTRIES): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const entry of entries) events.push(sealEvent(events[events.length - 1], entry));
  return events;
}
