/**
 * The rounds behind the `result/2` test vectors (bundle.md "Format `result/2`"), all of Thôn Đồng Tâm and Thôn Kim
 * Thành, xã Tân Phú, invented and fixed so that every byte can be made again:
 * - a contribution meeting held by show of hands where too few households came to reach 2/3 of all (`not_enough_present`);
 * - the household-ballot round that follows it, its slips entered by serial, with other opinions;
 * - a community-rules meeting held by show of hands, with an attendance rule of more than half of the households.
 * Nonces are derived from the slip serial (the server draws 128 random bits); nothing else differs from what the
 * system would publish.
 */
import { sealEvent, type AuditEntry } from '../../shared/audit.ts';
import type { BundleInput } from '../../shared/bundle.ts';
import { toHex, utf8 } from '../../shared/bytes.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Actor, Answers, AuditEvent, Ballot, Consultation, HandCount, Opinion, Participant, Rule } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';

export const MEETING_ID = '01M4A2B000000000000000NEP2';
export const SLIPS_ID = '01M4A2B000000000000000HHB2';
export const HANDS_ID = '01M4A2B000000000000000SHW2';

// Law 10/2022 Art. 15(1): at least 2/3 of all households; Art. 15(3) and D61 Art. 10(1): more than half, with more than
// half of the households present.
const TWO_THIRDS_OF_ALL: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF_PRESENT: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2], attendance: { op: 'more_than', fraction: [1, 2] } };

const OFFICIAL: Actor = { role: 'official', id: 'truong-thon-dong-tam' };
const CHAIR: Actor = { role: 'official', id: 'truong-thon-kim-thanh' };

const ids = (prefix: string): string[] => Array.from({ length: 12 }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
const DONG_TAM = ids('DT');
const KIM_THANH = ids('KT');

const LANE = {
  commune: 'xa-tan-phu',
  scope: { kind: 'hamlet', name: 'Thôn Đồng Tâm, xã Tân Phú' },
  matter: 'contribution',
  title: 'Làm rãnh thoát nước ngõ 3, thôn Đồng Tâm (80 m)',
  titleEn: 'A drain along lane 3 of Đồng Tâm hamlet (80 m)',
  description:
    'Rãnh xây gạch có nắp đan, dài 80 m. Tổng kinh phí dự kiến 60.000.000 đồng: ngân sách xã hỗ trợ 57.000.000 đồng, nhân dân đóng góp 3.000.000 đồng.',
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Hộ gia đình có tán thành chủ trương làm rãnh thoát nước ngõ 3 không?', options: [], rule: TWO_THIRDS_OF_ALL },
    {
      id: 'q2',
      type: 'single',
      text: 'Mức đóng góp của mỗi hộ',
      options: [
        { id: 'level-200k', label: '200.000 đồng/hộ', amountPerUnit: 200_000 },
        { id: 'level-300k', label: '300.000 đồng/hộ', amountPerUnit: 300_000 },
      ],
      rule: TWO_THIRDS_OF_ALL,
    },
  ],
} as const satisfies Partial<Consultation>;

/** The meeting of 8 November 2026: 7 of 12 households came, fewer than the 8 that 2/3 of all needs. */
export const meeting: Consultation = {
  ...structuredClone(LANE),
  id: MEETING_ID,
  method: 'meeting',
  opensAt: '2026-11-08T12:00:00Z',
  closesAt: '2026-11-08T14:00:00Z',
} as Consultation;

/** The household ballot that follows the meeting (Art. 19(1)(b)): slips carried to each household, entered by serial. */
export const slips: Consultation = {
  ...structuredClone(LANE),
  id: SLIPS_ID,
  method: 'household_ballot',
  opensAt: '2026-11-14T01:00:00Z',
  closesAt: '2026-11-21T10:00:00Z',
  follows: MEETING_ID,
} as Consultation;

/** The community-rules meeting of Thôn Kim Thành, voting by show of hands. */
export const hands: Consultation = {
  id: HANDS_ID,
  commune: 'xa-tan-phu',
  scope: { kind: 'hamlet', name: 'Thôn Kim Thành, xã Tân Phú' },
  matter: 'community_rules',
  method: 'meeting',
  title: 'Sửa đổi hương ước thôn Kim Thành: giữ gìn vệ sinh đường làng',
  titleEn: 'Amending the Kim Thành hamlet rules: keeping the village roads clean',
  description: 'Bổ sung Điều 12 hương ước: mỗi hộ giữ sạch đoạn đường trước nhà; tổng vệ sinh đường làng vào chủ nhật cuối tháng.',
  opensAt: '2026-11-15T12:00:00Z',
  closesAt: '2026-11-15T14:00:00Z',
  questions: [{ id: 'q1', type: 'yes_no', text: 'Hộ gia đình có tán thành nội dung sửa đổi hương ước không?', options: [], rule: MORE_THAN_HALF_PRESENT }],
} as Consultation;

/** A fixed nonce per slip: 32 hex characters of H("vector nonce " + consultation + serial). */
function nonceOf(consultationId: string, serial: string): string {
  return toHex(sha256(utf8(`vector nonce ${consultationId} ${serial}`))).slice(0, 32);
}

/** A slip as entered by the ballot team: its serial, answers, nonce and the receipt over all of them. */
export function slipOf(serial: string, answers: Answers, consultationId = SLIPS_ID): Ballot & { serial: string } {
  const nonce = nonceOf(consultationId, serial);
  return { answers, nonce, receipt: receiptOf(consultationId, answers, nonce, sha256, serial), serial };
}

/**
 * The 11 slips that came back, in the order they were entered (serials PX-001 to PX-012 were issued; PX-008 was not
 * returned). Under 2/3 of 12 (t = 8): q1 adopted with 9 yes; q2 no decision (6 for 200,000 dong is not 8).
 */
export const slipBallots = (
  [
    ['PX-003', 'yes', 'level-200k'],
    ['PX-011', 'yes', 'level-200k'],
    ['PX-001', 'yes', 'level-300k'],
    ['PX-007', 'no', 'abstain'],
    ['PX-012', 'yes', 'level-200k'],
    ['PX-005', 'yes', 'level-300k'],
    ['PX-002', 'abstain', 'level-200k'],
    ['PX-010', 'yes', 'level-200k'],
    ['PX-004', 'yes', 'level-300k'],
    ['PX-009', 'yes', 'level-200k'],
    ['PX-006', 'yes', 'level-300k'],
  ] as const
).map(([serial, q1, q2]) => slipOf(serial, { q1, q2 }));

/** The households ticked off as having returned their slip (DT-008 did not): no slip is linked to any of them. */
export const slipParticipants: Participant[] = DONG_TAM.filter((id) => id !== 'DT-008').map((id) => ({ id, channel: 'paper' }));

export const slipOpinions: Opinion[] = [
  { questionId: 'q1', text: 'Đề nghị làm nắp đan chịu lực ở đoạn 3 m trước cổng nhà văn hóa.' },
  { questionId: 'q1', text: 'Đề nghị công khai bảng kê chi phí sau khi làm xong.' },
];

function log(entries: readonly AuditEntry[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const entry of entries) events.push(sealEvent(events[events.length - 1], entry));
  return events;
}

const closed = (at: string, consultationId: string, actor: Actor): AuditEntry => ({ at, actor, action: 'closed', data: { consultationId, reason: 'manual' } });

export const meetingAudit = (): AuditEvent[] =>
  log([
    { at: '2026-11-02T01:00:00Z', actor: OFFICIAL, action: 'created', data: { consultationId: MEETING_ID, title: LANE.title } },
    { at: '2026-11-02T01:20:00Z', actor: OFFICIAL, action: 'roll_uploaded', data: { count: 12 } },
    { at: '2026-11-03T01:00:00Z', actor: OFFICIAL, action: 'disclosed', data: { from: 'draft', to: 'disclosure' } },
    { at: '2026-11-08T12:00:00Z', actor: OFFICIAL, action: 'voting_opened', data: { households: 12 } },
    { at: '2026-11-08T12:25:00Z', actor: OFFICIAL, action: 'attendance_recorded', data: { present: 7 } },
    closed('2026-11-08T12:30:00Z', MEETING_ID, OFFICIAL),
  ]);

export const slipsAudit = (): AuditEvent[] =>
  log([
    { at: '2026-11-10T01:00:00Z', actor: OFFICIAL, action: 'created', data: { consultationId: SLIPS_ID, title: LANE.title, follows: MEETING_ID } },
    { at: '2026-11-10T01:10:00Z', actor: OFFICIAL, action: 'roll_uploaded', data: { count: 12 } },
    { at: '2026-11-11T01:00:00Z', actor: OFFICIAL, action: 'disclosed', data: { from: 'draft', to: 'disclosure' } },
    { at: '2026-11-14T01:00:00Z', actor: OFFICIAL, action: 'voting_opened', data: { households: 12 } },
    { at: '2026-11-14T01:05:00Z', actor: OFFICIAL, action: 'slips_issued', data: { from: 'PX-001', to: 'PX-012', count: 12 } },
    { at: '2026-11-21T09:00:00Z', actor: OFFICIAL, action: 'slips_returned', data: { count: 11 } },
    { at: '2026-11-21T09:40:00Z', actor: OFFICIAL, action: 'slips_entered', data: { count: 11 } },
    closed('2026-11-21T10:00:00Z', SLIPS_ID, { role: 'system', id: 'scheduler' }),
  ]);

export const handsAudit = (): AuditEvent[] =>
  log([
    { at: '2026-11-05T01:00:00Z', actor: CHAIR, action: 'created', data: { consultationId: HANDS_ID, title: hands.title } },
    { at: '2026-11-05T01:15:00Z', actor: CHAIR, action: 'roll_uploaded', data: { count: 12 } },
    { at: '2026-11-06T01:00:00Z', actor: CHAIR, action: 'disclosed', data: { from: 'draft', to: 'disclosure' } },
    { at: '2026-11-15T12:00:00Z', actor: CHAIR, action: 'voting_opened', data: { households: 12 } },
    { at: '2026-11-15T12:20:00Z', actor: CHAIR, action: 'attendance_recorded', data: { present: 9 } },
    { at: '2026-11-15T13:10:00Z', actor: CHAIR, action: 'hand_count_entered', data: { voting: 'show_of_hands' } },
    closed('2026-11-15T13:30:00Z', HANDS_ID, CHAIR),
  ]);

/** 9 of 12 present (more than half); 8 in favour, 1 other opinion: more than half of all households (t = 7). */
export const handCount: HandCount = { q1: { yes: 8, no: 0, abstain: 1 } };
const handsPresent: Participant[] = KIM_THANH.filter((id) => !['KT-004', 'KT-009', 'KT-011'].includes(id)).map((id) => ({ id, channel: 'meeting' }));
const meetingPresent: Participant[] = ['DT-001', 'DT-002', 'DT-004', 'DT-005', 'DT-007', 'DT-010', 'DT-012'].map((id) => ({ id, channel: 'meeting' }));

/** The bundle input of a set, recounted; `change` replaces parts before the recount. */
export type SetInput = (change?: Partial<BundleInput>) => BundleInput;

function input(base: Omit<BundleInput, 'tally'>, change: Partial<BundleInput> = {}): BundleInput {
  const merged = { ...base, ...change };
  const present = merged.present;
  const options = { ...(present !== undefined ? { present } : {}), ...(merged.handCount ? { handCount: merged.handCount } : {}) };
  const recount = tally(
    merged.consultation,
    merged.ballots.map((b) => b.answers),
    merged.rollIds.length,
    options,
  );
  return { ...merged, tally: change.tally ?? recount };
}

export const meetingInput: SetInput = (change) =>
  input(
    {
      format: 'result/2',
      consultation: meeting,
      method: 'meeting',
      voting: 'show_of_hands',
      // The meeting ended when attendance showed it could not reach 2/3: no hand was counted.
      handCount: { q1: { yes: 0, no: 0 }, q2: { 'level-200k': 0, 'level-300k': 0 } },
      present: meetingPresent.length,
      rollIds: DONG_TAM,
      participants: meetingPresent,
      ballots: [],
      audit: meetingAudit(),
      closedAt: '2026-11-08T12:30:00Z',
      publishedAt: '2026-11-08T12:30:04Z',
    },
    change,
  );

export const slipsInput: SetInput = (change) =>
  input(
    {
      format: 'result/2',
      consultation: slips,
      method: 'household_ballot',
      rollIds: DONG_TAM,
      participants: slipParticipants,
      ballots: slipBallots,
      opinions: slipOpinions,
      audit: slipsAudit(),
      closedAt: '2026-11-21T10:00:00Z',
      publishedAt: '2026-11-21T10:00:03Z',
    },
    change,
  );

export const handsInput: SetInput = (change) =>
  input(
    {
      format: 'result/2',
      consultation: hands,
      method: 'meeting',
      voting: 'show_of_hands',
      handCount,
      present: handsPresent.length,
      rollIds: KIM_THANH,
      participants: handsPresent,
      ballots: [],
      opinions: [{ questionId: 'q1', text: 'Đề nghị thôn bố trí thêm thùng rác ở đầu ngõ 5.' }],
      audit: handsAudit(),
      closedAt: '2026-11-15T13:30:00Z',
      publishedAt: '2026-11-15T13:30:05Z',
    },
    change,
  );
