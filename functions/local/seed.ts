/**
 * The demo commune of `npm start`: one official and one monitor, a hamlet roll of realistic size, an earlier round
 * (street lights) already decided and published with its minutes and contributions, and one consultation (a
 * concrete road, the contribution vote of Law 10/2022 Art. 15(1)) open for voting.
 * Names are invented; the codes are written to a file only the developer can read, never to the log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsultationInput, Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { createConsultation, uploadRoll } from '../core/consultations.ts';
import { discloseConsultation } from '../core/lifecycle.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import { castOnline, enterPaperBallot, openVoting } from '../core/voting.ts';
import { closeAndPublish } from '../core/publishing.ts';
import { answerComment, issueDiscussionCodes, postComment } from '../core/discussion.ts';
import { draftResultMinutes } from '../core/minutes.ts';
import { recordEntry } from '../core/contributions.ts';
import { hashPassword, type LocalAccount } from './issuer.ts';

export const DEMO_COMMUNE = 'xa-an-binh';

export function demoAccounts(): LocalAccount[] {
  return [
    { username: 'official', role: 'official', commune: DEMO_COMMUNE, sub: 'demo-official-01', passwordHash: hashPassword('official-demo') },
    { username: 'monitor', role: 'monitor', commune: DEMO_COMMUNE, sub: 'demo-monitor-01', passwordHash: hashPassword('monitor-demo') },
  ];
}

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

export function demoConsultation(now: Date): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông, xã An Bình' },
    matter: 'contribution',
    method: 'household_ballot',
    title: 'Bê tông hóa đường trục thôn Đông (đoạn từ nhà văn hóa đến cầu Máng, 850 m)',
    titleEn: 'Concrete paving of the main road of Đông hamlet (850 m, from the cultural house to Máng bridge)',
    description:
      'Đường rộng 3,5 m, bê tông xi măng dày 18 cm, có rãnh thoát nước một bên. Tổng kinh phí dự kiến 1.250.000.000 đồng: ngân sách nhà nước hỗ trợ 1.179.000.000 đồng, nhân dân đóng góp 71.000.000 đồng. Hộ nghèo được miễn, hộ cận nghèo và gia đình chính sách được giảm 50%.',
    opensAt: instant(now),
    closesAt: instant(new Date(now.getTime() + 7 * 86_400_000)),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có tán thành chủ trương bê tông hóa đường trục thôn với mức đóng góp 500.000 đồng/hộ không?',
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

/** The earlier round of the demo: street lights, decided and published, with its minutes and the money so far. */
export function demoLightingConsultation(now: Date): ConsultationInput {
  const road = demoConsultation(now);
  return {
    ...road,
    title: 'Lắp đèn chiếu sáng đường liên thôn Đông – Tây (1,2 km, 40 bóng LED)',
    titleEn: 'Street lights on the Đông – Tây inter-hamlet road (1.2 km, 40 LED lamps)',
    description:
      'Lắp 40 cột đèn LED năng lượng mặt trời dọc đường liên thôn. Tổng kinh phí 180.000.000 đồng: ngân sách xã hỗ trợ 156.000.000 đồng, nhân dân đóng góp 24.000.000 đồng. Hộ nghèo được miễn, hộ cận nghèo và gia đình chính sách được giảm 50%.',
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có tán thành lắp đèn chiếu sáng đường liên thôn với mức đóng góp 200.000 đồng/hộ không?',
        textEn: 'Does the household agree to the street lights with a contribution of 200,000 dong per household?',
        options: [],
        rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
      },
    ],
    contribution: { ...road.contribution!, totalCost: 180_000_000, stateBudget: 156_000_000, residentsShare: 24_000_000, amountPerUnit: 200_000 },
  };
}

/**
 * A whole round, as the demo's history: disclosed with a question answered, voted online and on paper (118 of 142
 * households for, so adopted), closed, signed and published, its minutes drafted, and the first collections and
 * spending of its contributions recorded. So that `npm start` shows the result page, the minutes and the
 * contributions page without waiting for a vote to close.
 */
async function seedPublishedRound(core: CoreDeps, official: Principal): Promise<string> {
  const rec = await createConsultation(core, official, demoLightingConsultation(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  const discussion = await issueDiscussionCodes(core, official, id);
  const asker = discussion.credentials.find((c) => c.household === 'TD-012')!;
  const question = await postComment(
    core,
    id,
    { code: asker.code, text: 'Đèn năng lượng mặt trời có sáng đủ vào mùa mưa không? Ai chịu trách nhiệm bảo dưỡng?' },
    'seed',
  );
  await answerComment(core, official, id, question.id, {
    text: 'Bóng LED 60 W có pin lưu 3 đêm; nhà cung cấp bảo hành 3 năm, sau đó tổ tự quản của thôn bảo dưỡng bằng quỹ chung.',
  });
  const opened = await openVoting(core, official, id, { override: { reason: 'Bản trình diễn: vòng biểu quyết mẫu đã kết thúc.' } });
  for (const [i, c] of opened.credentials.entries()) {
    // 100 online (94 for, 6 against), 24 on paper (all for), the rest (18) did not take part.
    if (i < 100) await castOnline(core, id, { code: c.code, answers: { q1: i < 94 ? 'yes' : 'no' } }, 'seed');
    else if (i < 124) await enterPaperBallot(core, official, id, { household: c.household, answers: { q1: 'yes' } });
  }
  await closeAndPublish(core, official, id, 'manual');
  await draftResultMinutes(core, official, id, {
    place: 'Nhà văn hóa thôn Đông',
    // Officers are named in the minutes (Decree 59/2023 form 03); the invented households are not, anywhere public.
    chair: { name: 'Trịnh Văn Khánh', title: 'Trưởng thôn Đông' },
    secretary: { name: 'Lý Thị Hoa', title: 'Thư ký' },
    frontRepresentative: { name: 'Dương Văn Tài', organisation: 'Trưởng Ban công tác Mặt trận thôn Đông' },
  });
  const today = instant(core.clock.now()).slice(0, 10);
  for (const [n, household] of ['TD-001', 'TD-002', 'TD-003', 'TD-023'].entries()) {
    await recordEntry(core, official, id, {
      type: 'collection',
      rollId: household,
      amount: household === 'TD-023' ? 100_000 : 200_000,
      date: today,
      receiptNo: `PT-${String(n + 1).padStart(4, '0')}`,
    });
  }
  await recordEntry(core, official, id, {
    type: 'spending',
    amount: 450_000,
    date: today,
    purpose: 'Tạm ứng khảo sát vị trí cột đèn',
    document: 'Phiếu chi PC-0001',
  });
  return id;
}

/** Seeds the demo commune once; returns the open consultation's id and where its codes were written. */
export async function seedDemo(core: CoreDeps, dataDir: string, official: Principal) {
  const existing = await core.store.listConsultations();
  if (existing.length > 0) return undefined;
  const published = await seedPublishedRound(core, official);
  const rec = await createConsultation(core, official, demoConsultation(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, demoRoll());
  await discloseConsultation(core, official, id);
  // The demo opens at once, which the 30-day disclosure rule allows only with a reason: it shows in the audit log.
  const opened = await openVoting(core, official, id, { override: { reason: 'Bản trình diễn: mở biểu quyết ngay để giới thiệu hệ thống.' } });
  const file = join(dataDir, 'demo-codes.csv');
  writeFileSync(file, `household,code\n${opened.credentials.map((c) => `${c.household},${c.code}`).join('\n')}\n`, { mode: 0o600 });
  return { id, codesFile: file, published };
}
