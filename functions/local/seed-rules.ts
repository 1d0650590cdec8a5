/**
 * The demo's community rule (hương ước, quy ước; Decree 61/2023) for `npm start`: Thôn Đông's rule, proposed, drafted,
 * posted, adopted at a meeting with more than 50 % of households present, signed, recognised by UBND xã months ago
 * and translated into Tày as the community decided; and an amendment of it in progress, its draft posted and linked
 * to a community-rules round in disclosure whose discussion takes the comments. Every act is a core use case.
 * Names are invented.
 */
import type { ConsultationInput, Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { addDays } from '../../shared/process/calendar.ts';
import { createConsultation, uploadRoll } from '../core/consultations.ts';
import type { CoreDeps } from '../core/deps.ts';
import { discloseConsultation } from '../core/lifecycle.ts';
import type { Principal } from '../core/ports.ts';
import { recogniseRule, recordSignatures, recordVote } from '../core/rule-adoption.ts';
import { addTranslation, createRule, recordComments, recordDraft, recordRuleStep, recordRuleTeam } from '../core/rule-processes.ts';

const HAMLET = 'Thôn Đông';
const TEXT = [
  'Chương I. Quy định chung',
  'Điều 1. Hương ước này quy định việc giữ gìn an ninh, trật tự, vệ sinh môi trường và nếp sống văn minh của Thôn Đông.',
  'Điều 2. Mỗi hộ gia đình giữ sạch đường ngõ trước nhà, tham gia tổng vệ sinh vào sáng Chủ nhật cuối tháng.',
  'Điều 3. Việc cưới, việc tang tổ chức trang trọng, tiết kiệm; không dùng loa công suất lớn sau 22 giờ.',
].join('\n');
const TEXT_TAY = ['Chương I. Quy định chung (bản dịch tiếng Tày)', 'Điều 1. Hương ước nầy quy định việc giữ gìn an ninh, vệ sinh slấc slẻ của Thôn Đông.'].join(
  '\n',
);
const AMENDMENT = 'Sửa đổi Điều 3: Việc cưới, việc tang tổ chức trang trọng, tiết kiệm; không dùng loa công suất lớn sau 21 giờ 30.';
const TEAM = [
  { name: 'Hoàng Văn Thụ', elder: true, languages: ['Tày'] },
  { name: 'Nông Thị Lan', elder: false, languages: ['Tày'] },
  { name: 'Lê Văn Bình', elder: false, languages: [] },
];

/** The round whose discussion takes the comments on the amendment's draft: a community-rules meeting 35 days on. */
function amendmentRound(now: Date): ConsultationInput {
  const opens = new Date(now.getTime() + 35 * 86_400_000);
  return {
    scope: { kind: 'hamlet', name: HAMLET },
    matter: 'community_rules',
    method: 'meeting',
    title: 'Sửa đổi Điều 3 Hương ước Thôn Đông',
    titleEn: 'Amending Art. 3 of the community rule of Đông hamlet',
    description: `Dự thảo niêm yết tại nhà văn hóa thôn và trên trang này để các hộ góp ý. ${AMENDMENT}`,
    opensAt: instant(opens),
    closesAt: instant(new Date(opens.getTime() + 4 * 3_600_000)),
    questions: [
      {
        id: 'q1',
        type: 'yes_no',
        text: 'Hộ gia đình có tán thành sửa đổi Điều 3 Hương ước Thôn Đông như dự thảo không?',
        textEn: 'Does the household agree to amend Art. 3 as drafted?',
        options: [],
        rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
      },
    ],
  };
}

/** The rule recognised about five months ago, with its Tày translation. */
async function seedRecognisedRule(core: CoreDeps, official: Principal, committee: Principal, today: string): Promise<string> {
  const day = (n: number) => addDays(today, n);
  const rule = await createRule(core, official, {
    hamlet: HAMLET,
    meeting: day(-150),
    on: day(-200),
    reference: 'Tờ trình số 01/TTr-TĐ',
    title: 'Hương ước Thôn Đông',
    round: 'adoption',
    proposal: 'village_head_with_front',
    hasElders: true,
    minorityLanguages: ['Tày'],
  });
  const id = rule.id;
  await recordRuleTeam(core, official, id, { on: day(-198), reference: 'Quyết định số 02/QĐ-TĐ', members: TEAM });
  await recordDraft(core, official, id, { on: day(-190), text: TEXT });
  await recordComments(core, official, id, {
    on: day(-155),
    received: 23,
    summary: '23 ý kiến góp ý, chủ yếu về giờ tắt loa và ngày tổng vệ sinh.',
    answers: 'Tiếp thu ý kiến về ngày tổng vệ sinh (chuyển sang Chủ nhật cuối tháng); giữ giờ tắt loa 22 giờ.',
  });
  await recordRuleStep(core, official, id, { step: 'meeting_invited', on: day(-154), reference: 'Thông báo số 03/TB-TĐ' });
  await recordVote(core, official, id, { on: day(-150), method: 'meeting', households: 142, present: 97, yes: 90, rounds: [] });
  await recordSignatures(core, official, id, { on: day(-150), villageHead: 'Trịnh Văn Khánh', frontHead: 'Dương Văn Tài', households: ['TD-004', 'TD-011'] });
  await recordRuleStep(core, official, id, { step: 'dossier_sent', on: day(-148), reference: 'Tờ trình số 04/TTr-TĐ' });
  await recogniseRule(core, committee, id, { outcome: 'recognised', on: day(-145), decision: '112/QĐ-UBND' });
  await addTranslation(core, official, id, { on: day(-140), language: 'Tày', lang: 'tyz', text: TEXT_TAY });
  return id;
}

/** The amendment in progress: proposed, its team formed, the draft posted and linked to a round in disclosure. */
async function seedAmendment(
  core: CoreDeps,
  official: Principal,
  ruleId: string,
  roll: Household[],
  today: string,
): Promise<{ amendment: string; round: string }> {
  const day = (n: number) => addDays(today, n);
  const rec = await createConsultation(core, official, amendmentRound(core.clock.now()));
  const round = rec.consultation.id;
  await uploadRoll(core, official, round, roll);
  await discloseConsultation(core, official, round);
  const amendment = await createRule(core, official, {
    hamlet: HAMLET,
    meeting: day(35),
    on: day(-5),
    title: 'Sửa đổi Điều 3 Hương ước Thôn Đông (giờ tắt loa)',
    round: 'amendment',
    ruleOf: ruleId,
    proposal: 'village_head_with_front',
    hasElders: true,
    minorityLanguages: ['Tày'],
  });
  await recordRuleTeam(core, official, amendment.id, { on: day(-4), members: TEAM });
  await recordDraft(core, official, amendment.id, { on: day(0), text: AMENDMENT, consultation: round });
  return { amendment: amendment.id, round };
}

/**
 * Seeds Thôn Đông's community rule and an amendment in progress (`roll`: the hamlet's households, for the amendment's
 * round); returns their process ids and the linked round.
 */
export async function seedRules(core: CoreDeps, official: Principal, committee: Principal, roll: Household[]) {
  const today = vietnamDate(core.clock.now());
  const rule = await seedRecognisedRule(core, official, committee, today);
  const { amendment, round } = await seedAmendment(core, official, rule, roll, today);
  return { rule, amendment, round };
}
