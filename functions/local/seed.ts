/**
 * The demo commune of `npm start`: one official, one monitor and the commune People's Committee (UBND xã), a hamlet
 * roll of realistic size, and rounds held the law's way (domain.md "How a round is held"):
 * - a concrete road, the contribution of Law 10/2022 Art. 15(1): decided at a community meeting first, which had too
 *   few households present (`not_enough_present`), then by household ballots following it (paper slips by serial),
 *   adopted, published with its decision record and contributions, and sent to UBND xã and UBMTTQ xã;
 * - the hamlet loudspeaker's hours, an Art. 15(6) matter voted online after the five Decree 59/2023 Art. 5
 *   conditions, open for voting with the households' codes;
 * - the election of the village head (Art. 15(4)) at a meeting, by show of hands, published and recognised by UBND xã.
 * UBND xã names the commune "Xã An Bình" (its id stays `xa-an-binh`). Every step is a core use case, so an audit
 * event, as the real acts are. The rounds open at once, before the notice
 * periods are over: each opening gives its reason, which the result pages show as a departure from the law.
 * Names are invented; the codes are written to a file only the developer can read, never to the log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsultationInput, Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { recognize, recordSent } from '../core/after-publication.ts';
import { recordEntry } from '../core/contributions.ts';
import { createConsultation, nextRoundDraft, uploadRoll } from '../core/consultations.ts';
import type { CoreDeps } from '../core/deps.ts';
import { answerComment, issueDiscussionCodes, postComment } from '../core/discussion.ts';
import { discloseConsultation } from '../core/lifecycle.ts';
import { recordAttendance, recordHandCount, recordProceduralVote, recordVotingMethod } from '../core/meeting.ts';
import { draftCountingRecord, draftRecord } from '../core/minutes.ts';
import { enterSlip, tickReturn } from '../core/paper.ts';
import type { Principal } from '../core/ports.ts';
import { closeAndPublish } from '../core/publishing.ts';
import { openVoting, recordOnlineCondition } from '../core/voting.ts';
import { hashPassword, type LocalAccount } from './issuer.ts';

export const DEMO_COMMUNE = 'xa-an-binh';
/** What people read instead of the id, set by UBND xã through its page (core/commune-profile.ts). */
export const DEMO_COMMUNE_NAME = 'Xã An Bình';

export function demoAccounts(): LocalAccount[] {
  return [
    { username: 'official', role: 'official', commune: DEMO_COMMUNE, sub: 'demo-official-01', passwordHash: hashPassword('official-demo') },
    { username: 'monitor', role: 'monitor', commune: DEMO_COMMUNE, sub: 'demo-monitor-01', passwordHash: hashPassword('monitor-demo') },
    // A second monitor of the Front: a risk-limiting audit's seed takes digits from two.
    { username: 'monitor2', role: 'monitor', commune: DEMO_COMMUNE, sub: 'demo-monitor-02', passwordHash: hashPassword('monitor2-demo') },
    { username: 'commune', role: 'commune', commune: DEMO_COMMUNE, sub: 'demo-commune-01', passwordHash: hashPassword('commune-demo') },
  ];
}

/** UBND xã An Bình, as the `commune` demo account: it recognises the village head. */
export const DEMO_COMMUNE_COMMITTEE: Principal = { sub: 'demo-commune-01', role: 'commune', commune: DEMO_COMMUNE };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Hữu', 'Ngọc', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];

/** 142 households of Thôn Đông: most standard, some poor, near-poor and policy households (exempt or reduced). */
export function demoRoll(): Household[] {
  return Array.from({ length: 142 }, (_, i) => {
    const n = i + 1;
    const category = n % 17 === 0 ? 'poor' : n % 23 === 0 ? 'near_poor' : n % 29 === 0 ? 'policy' : 'standard';
    return {
      id: `TD-${String(n).padStart(3, '0')}`,
      hamlet: 'Thôn Đông',
      head: `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n * 3) % MIDDLE.length]} ${GIVEN[(n * 7) % GIVEN.length]}`,
      members: 2 + ((n * 5) % 5),
      category,
    } satisfies Household;
  });
}

/**
 * What the demo's rounds come to, on the 142 households of the roll (H). The road needs 2/3 of H in favour (95):
 * 82 households at the meeting cannot reach it; 131 slips come back from the household ballots, 114 in favour.
 * The village head needs more than half of H (72): 95 households at the meeting, 88 hands in favour.
 */
export const DEMO_PLAN = {
  eligible: 142,
  roadMeeting: { present: 82, hands: { yes: 77, no: 3, abstain: 2 } },
  roadBallots: { returned: 131, slips: { yes: 114, no: 11, abstain: 6 } },
  villageHead: { present: 95, hands: { yes: 88, no: 4, abstain: 3 } },
  onlinePoll: 104,
} as const;

const iso = (d: Date) => instant(d);
const hoursAfter = (now: Date, hours: number) => iso(new Date(now.getTime() + hours * 3_600_000));

/** The road, as the meeting that decides it first (Law 10/2022 Art. 15(1), 17(2), 18). */
export function demoConsultation(now: Date): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'contribution',
    method: 'meeting',
    title: 'Bê tông hóa đường trục thôn Đông (đoạn từ nhà văn hóa đến cầu Máng, 850 m)',
    titleEn: 'Concrete paving of the main road of Đông hamlet (850 m, from the cultural house to Máng bridge)',
    description:
      'Đường rộng 3,5 m, bê tông xi măng dày 18 cm, có rãnh thoát nước một bên. Tổng kinh phí dự kiến 1.250.000.000 đồng: ngân sách nhà nước hỗ trợ 1.179.000.000 đồng, nhân dân đóng góp 71.000.000 đồng. Hộ nghèo được miễn, hộ cận nghèo và gia đình chính sách được giảm 50%.',
    opensAt: iso(now),
    closesAt: hoursAfter(now, 4),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có đồng ý chủ trương bê tông hóa đường trục thôn với mức đóng góp 500.000 đồng/hộ không?',
        textEn: 'Does the household agree to pave the main road with a contribution of 500,000 dong per household?',
        options: [],
        rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
      },
    ],
    contribution: {
      totalCost: 1_250_000_000,
      stateBudget: 1_179_000_000,
      residentsShare: 71_000_000,
      basis: 'per_household',
      amountPerUnit: 500_000,
      exemptions: [
        { category: 'poor', percent: 100 },
        { category: 'near_poor', percent: 50 },
        { category: 'policy', percent: 50 },
      ],
    },
  };
}

/** An Art. 15(6) matter the hamlet may vote online (Decree 59/2023 Art. 5): the loudspeaker's morning hours. */
export function demoOnlineConsultation(now: Date): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'other_self_managed',
    method: 'online',
    title: 'Đổi giờ phát loa truyền thanh buổi sáng của thôn Đông sang 6 giờ 00 – 6 giờ 30',
    titleEn: 'Moving the morning hour of the Đông hamlet loudspeaker to 6:00 – 6:30',
    description:
      'Loa truyền thanh của thôn hiện phát từ 5 giờ 30 đến 6 giờ 00. Nhiều hộ đề nghị phát muộn hơn nửa giờ để không ảnh hưởng đến người già và trẻ nhỏ. Nội dung, thời lượng và giờ phát buổi chiều giữ nguyên.',
    opensAt: iso(now),
    closesAt: hoursAfter(now, 7 * 24),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có đồng ý đổi giờ phát loa truyền thanh buổi sáng sang 6 giờ 00 – 6 giờ 30 không?',
        textEn: 'Does the household agree to move the loudspeaker’s morning hour to 6:00 – 6:30?',
        options: [],
        rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
      },
    ],
  };
}

/** The election of the village head at a community meeting (Law 10/2022 Art. 15(4), 17(2); Decree 59/2023 Art. 7, 8). */
export function demoVillageHeadConsultation(now: Date): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'village_head',
    method: 'meeting',
    title: 'Bầu Trưởng thôn Đông nhiệm kỳ 2027 – 2029',
    titleEn: 'Election of the head of Đông hamlet, term 2027 – 2029',
    description:
      'Hội nghị cử tri thôn Đông bầu Trưởng thôn. Ban công tác Mặt trận thôn giới thiệu ông Trịnh Văn Khánh, Trưởng thôn nhiệm kỳ trước. Hội nghị biểu quyết bằng hình thức giơ tay.',
    opensAt: iso(now),
    closesAt: hoursAfter(now, 4),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có đồng ý bầu ông Trịnh Văn Khánh làm Trưởng thôn Đông nhiệm kỳ 2027 – 2029 không?',
        textEn: 'Does the household agree to elect Mr Trịnh Văn Khánh head of Đông hamlet for 2027 – 2029?',
        options: [],
        rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
      },
    ],
  };
}

/** The officers and the letterhead the demo's records carry (officers are named, Law 10/2022 Art. 20(2)(g)). */
const LETTERHEAD = { authority: 'UBND xã An Bình', unit: 'Thôn Đông' };
const VILLAGE_HEAD = 'Trịnh Văn Khánh';
const FRONT_HEAD = 'Dương Văn Tài';
const EARLY = (what: string) => ({ override: { reason: `Bản trình diễn: ${what} ngay để giới thiệu hệ thống, không chờ hết thời hạn thông báo.` } });

/**
 * Runs `act` on every item, a few at a time, as several members of a team enter at once (the store orders the audit
 * log and retries an entry that lost a race).
 */
async function eachFew<T>(items: readonly T[], act: (item: T, index: number) => Promise<unknown>, few = 6): Promise<void> {
  for (let i = 0; i < items.length; i += few) await Promise.all(items.slice(i, i + few).map((item, j) => act(item, i + j)));
}

/** The roll ids of the households the demo counts in (a spread over the roll, never a block at its start). */
const households = (pick: (i: number) => boolean) => demoRoll().flatMap((h, i) => (pick(i) ? [h.id] : []));

/** A community meeting in session: the households present, the secretary and the counting committee, a show of hands. */
async function holdMeeting(core: CoreDeps, official: Principal, id: string, present: readonly string[], hands: { yes: number; no: number; abstain: number }) {
  await eachFew(present, (household) => recordAttendance(core, official, id, household));
  const n = present.length;
  await recordProceduralVote(core, official, id, { subject: 'secretary', text: 'Cử bà Lý Thị Hoa làm thư ký hội nghị', for: n - 2, against: 0, abstain: 2 });
  await recordProceduralVote(core, official, id, {
    subject: 'counting_committee',
    text: 'Cử Ban kiểm phiếu gồm 3 thành viên: ông Bùi Quang Hải, bà Đỗ Thị Lan, ông Ngô Minh Sơn',
    for: n - 3,
    against: 1,
    abstain: 2,
  });
  await recordVotingMethod(core, official, id, 'show_of_hands');
  await recordHandCount(core, official, id, { q1: hands });
  await closeAndPublish(core, official, id, 'manual');
}

/** Both sendings of the decision (Art. 20(3)), today. */
async function sendDecision(core: CoreDeps, official: Principal, id: string, number: string) {
  const date = vietnamDate(core.clock.now());
  await recordSent(core, official, id, { to: 'ubnd_xa', date, reference: `Công văn số ${number}/TĐ gửi UBND xã An Bình` });
  await recordSent(core, official, id, { to: 'ubmttq_xa', date, reference: `Công văn số ${number}/TĐ gửi Ủy ban MTTQ Việt Nam xã An Bình` });
}

/** The road's meeting: notified, in session with 82 of 142 households, which cannot reach 2/3 of H: `not_enough_present`. */
async function seedRoadMeeting(core: CoreDeps, official: Principal): Promise<string> {
  const rec = await createConsultation(core, official, demoConsultation(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  await openVoting(core, official, id, EARLY('họp'));
  await holdMeeting(
    core,
    official,
    id,
    households((i) => i % 7 < 4),
    DEMO_PLAN.roadMeeting.hands,
  );
  return id;
}

/**
 * The household ballots that follow the meeting (Law 10/2022 Art. 19(1)(b)): the plan, sent to both chairs the day
 * after it was issued, and the ballot team of three (Decree 59/2023 Art. 4); notified with a question answered,
 * one slip per household by serial, 131 ticked off as returned and entered by serial, adopted with 114 in favour,
 * published; then its decision and counting records, both sendings, and the first collections and spending.
 */
async function seedRoadBallots(core: CoreDeps, official: Principal, meeting: string): Promise<string> {
  const now = core.clock.now();
  const draft = await nextRoundDraft(core, official, meeting);
  const rec = await createConsultation(core, official, { ...draft, opensAt: iso(now), closesAt: hoursAfter(now, 5 * 24) });
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  const discussion = await issueDiscussionCodes(core, official, id);
  const asker = discussion.credentials.find((c) => c.household === 'TD-012')!;
  const question = await postComment(
    core,
    id,
    { code: asker.code, text: 'Hộ không có người ở nhà khi tổ phát phiếu đến thì nộp phiếu ở đâu? Đường làm xong thì ai bảo dưỡng?' },
    'seed',
  );
  await answerComment(core, official, id, question.id, {
    text: 'Tổ phát phiếu đến lại lần hai; hộ cũng có thể nộp phiếu tại nhà văn hóa thôn trước hạn. Thôn bảo dưỡng đường bằng quỹ chung, theo quy chế đã thông qua.',
  });
  const issued = vietnamDate(new Date(now.getTime() - 86_400_000));
  await recordOnlineCondition(core, official, id, {
    condition: 'ballot_plan',
    issued,
    sent: vietnamDate(now),
    reference: 'Kế hoạch số 07/KH-TĐ, gửi Chủ tịch UBND xã và Chủ tịch Ủy ban MTTQ xã',
  });
  await recordOnlineCondition(core, official, id, {
    condition: 'ballot_team',
    members: [
      { name: FRONT_HEAD, role: 'Trưởng ban công tác Mặt trận' },
      { name: 'Phan Văn Hòa', role: 'Phó trưởng thôn' },
      { name: 'Đỗ Thị Lan', role: 'Chi hội trưởng Chi hội Phụ nữ' },
    ],
    leader: FRONT_HEAD,
    date: issued,
    reference: 'Quyết định thành lập Tổ phát phiếu số 08/QĐ-TĐ',
  });
  const opened = await openVoting(core, official, id, EARLY('phát phiếu'));
  const returned = households((i) => i % 13 !== 5);
  const { yes, no } = DEMO_PLAN.roadBallots.slips;
  // One after the other: each return and each slip counts on the round itself, so entries at once would only collide.
  for (const household of returned) await tickReturn(core, official, id, household);
  // The slips come back in a shuffled stack: the serials entered are linked to no household.
  for (const [i, serial] of opened.serials.slice(0, returned.length).entries()) {
    await enterSlip(core, official, id, { serial, answers: { q1: i < yes ? 'yes' : i < yes + no ? 'no' : 'abstain' } });
  }
  await closeAndPublish(core, official, id, 'manual');
  await draftRecord(core, official, id, {
    form: 'bien_ban',
    letterhead: LETTERHEAD,
    place: 'Nhà văn hóa thôn Đông',
    summary:
      'Hội nghị ngày họp không đủ số hộ tham dự để quyết định, nên thôn lấy ý kiến bằng phiếu hộ gia đình. Người dân hỏi về cách nộp phiếu và việc bảo dưỡng đường; Trưởng thôn đã giải trình.',
    signers: { villageHead: VILLAGE_HEAD, frontHead: FRONT_HEAD, households: [returned[0]!, returned[1]!] },
  });
  await draftCountingRecord(core, official, id, {
    letterhead: LETTERHEAD,
    place: 'Nhà văn hóa thôn Đông',
    at: iso(core.clock.now()),
    members: [
      { name: FRONT_HEAD, role: 'Tổ trưởng, Trưởng ban công tác Mặt trận' },
      { name: 'Đỗ Thị Lan', role: 'Chi hội trưởng Chi hội Phụ nữ' },
      { name: 'Ngô Minh Sơn', role: 'Bí thư Chi đoàn Thanh niên' },
    ],
    witnesses: [returned[2]!, returned[3]!],
    spoiled: 0,
  });
  await sendDecision(core, official, id, '12');
  const today = vietnamDate(core.clock.now());
  // TD-023 is a near-poor household: half of 500.000 đồng.
  for (const [n, household] of ['TD-001', 'TD-002', 'TD-003', 'TD-023'].entries()) {
    await recordEntry(core, official, id, {
      type: 'collection',
      rollId: household,
      amount: household === 'TD-023' ? 250_000 : 500_000,
      date: today,
      receiptNo: `PT-${String(n + 1).padStart(4, '0')}`,
    });
  }
  await recordEntry(core, official, id, {
    type: 'spending',
    amount: 1_200_000,
    date: today,
    purpose: 'Tạm ứng khảo sát, cắm mốc tuyến đường',
    document: 'Phiếu chi PC-0001',
  });
  return id;
}

/** The village head elected at a meeting of 95 households by show of hands, the decision sent, recognised by UBND xã. */
async function seedVillageHead(core: CoreDeps, official: Principal): Promise<string> {
  const rec = await createConsultation(core, official, demoVillageHeadConsultation(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  const from = iso(core.clock.now());
  await openVoting(core, official, id, EARLY('họp'));
  const present = households((i) => i % 3 !== 2);
  await holdMeeting(core, official, id, present, DEMO_PLAN.villageHead.hands);
  await draftRecord(core, official, id, {
    form: 'bien_ban',
    letterhead: LETTERHEAD,
    place: 'Nhà văn hóa thôn Đông',
    meeting: { from, to: iso(core.clock.now()) },
    summary:
      'Ban công tác Mặt trận thôn giới thiệu người ứng cử; hội nghị thảo luận chương trình công tác nhiệm kỳ 2027 – 2029 và biểu quyết bằng hình thức giơ tay.',
    signers: { villageHead: VILLAGE_HEAD, frontHead: FRONT_HEAD, households: [present[0]!, present[1]!] },
  });
  await sendDecision(core, official, id, '15');
  await recognize(core, DEMO_COMMUNE_COMMITTEE, id, {
    decision: 'recognized',
    date: vietnamDate(core.clock.now()),
    reference: 'Quyết định số 245/QĐ-UBND công nhận Trưởng thôn Đông',
  });
  return id;
}

/** The online round: its five Decree 59/2023 Art. 5 conditions, then opened with one code per household. */
async function seedOnlineRound(core: CoreDeps, official: Principal) {
  const rec = await createConsultation(core, official, demoOnlineConsultation(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  const date = vietnamDate(core.clock.now());
  await recordOnlineCondition(core, official, id, { condition: 'leaders_agreed', date, reference: 'Biên bản thống nhất số 03/BB-TĐ' });
  await recordOnlineCondition(core, official, id, { condition: 'reported', date, reference: 'Báo cáo số 04/BC-TĐ gửi UBND xã và Ủy ban MTTQ xã' });
  await recordOnlineCondition(core, official, id, {
    condition: 'team',
    members: [
      { name: FRONT_HEAD, role: 'Trưởng ban công tác Mặt trận' },
      { name: 'Đỗ Thị Lan', role: 'Chi hội trưởng Chi hội Phụ nữ' },
      { name: 'Ngô Minh Sơn', role: 'Bí thư Chi đoàn Thanh niên' },
    ],
    leader: FRONT_HEAD,
  });
  await recordOnlineCondition(core, official, id, { condition: 'poll', agreed: DEMO_PLAN.onlinePoll, date, reference: 'Biên bản tổng hợp ý kiến số 05/BB-TĐ' });
  await recordOnlineCondition(core, official, id, { condition: 'devices', date, reference: 'Biên bản rà soát thiết bị số 06/BB-TĐ' });
  const opened = await openVoting(core, official, id, EARLY('mở biểu quyết trực tuyến'));
  return { id, credentials: opened.credentials };
}

/**
 * Seeds the demo's rounds (functions/local/demo.ts seeds the rest around them); returns their ids, the online round's
 * codes, and where those codes were written.
 */
export async function seedRounds(core: CoreDeps, dataDir: string, official: Principal) {
  const meeting = await seedRoadMeeting(core, official);
  const road = await seedRoadBallots(core, official, meeting);
  const villageHead = await seedVillageHead(core, official);
  const online = await seedOnlineRound(core, official);
  const file = join(dataDir, 'demo-codes.csv');
  writeFileSync(file, `household,code\n${online.credentials.map((c) => `${c.household},${c.code}`).join('\n')}\n`, { mode: 0o600 });
  return { meeting, road, villageHead, online, codesFile: file };
}
