/**
 * A community rule (hương ước, quy ước; Decree 61/2023): the proposal, the drafting team, the draft posted at least
 * 30 days (Art. 9(1)), adoption by more than 50 % of all households at a meeting attended by more than 50 % of them,
 * or by household ballot only after a meeting that missed that attendance (Art. 10), the signatures (Art. 6(1)), the
 * dossier sent within 5 working days and the recognition by UBND xã within 5 working days of receiving it complete
 * (Art. 11(3)); amendments, replacement, suspension and annulment as new rounds linked to the rule in force.
 * Pure: dates and counts in, steps and outcomes out.
 */
import { addWorkingDays } from '../working-days.ts';
import { addDays } from './calendar.ts';
import { type Cite, dueAfterAct, dueBefore, firstDone, type Step, type StepEvent } from './checklist.ts';
import { invitationStep, type MeetingPlan } from './village-head.ts';

const D61 = (vi: string, en: string): Cite => ({ vi: `${vi} Nghị định số 61/2023/NĐ-CP`, en: `Decree 61/2023 ${en}` });

/** The draft is posted no fewer than 30 days before it is put to the vote (D61 Art. 9(1)); a commune may set more. */
export const DRAFT_POSTING_DAYS = 30;

/** Working days to send the dossier after the meeting or the ballot's end, and to recognise it (D61 Art. 11(3)). */
export const DOSSIER_WORKING_DAYS = 5;

/** Who proposes a rule: the village head with the head of the Front working committee, or residents by initiative. */
export type RuleProposal = { by: 'village_head_with_front' } | { by: 'initiative'; initiative: string };

export interface RulePlan extends MeetingPlan {
  proposal: RuleProposal;
  /** The posting period the community chose, at least 30 days. */
  postingDays?: number;
  /** The last day of a household ballot that follows a meeting that missed the attendance (D61 Art. 10(2)). */
  ballotEnds?: string;
}

/**
 * The earliest day the draft may be put to the vote, posted on `posted`: `days` (at least 30) days later.
 * @example earliestAdoption('2027-01-01') // '2027-01-31'
 */
export function earliestAdoption(posted: string, days: number = DRAFT_POSTING_DAYS): string {
  return addDays(posted, postingPeriod(days));
}

/** A posting period the community chose: a whole number of days, never under the law's 30 (it cannot be shortened). */
function postingPeriod(days: number): number {
  if (!Number.isInteger(days) || days < DRAFT_POSTING_DAYS) throw new RangeError(`the draft is posted at least ${DRAFT_POSTING_DAYS} days: ${days}`);
  return days;
}

const PROPOSAL_WORDS: Readonly<Record<RuleProposal['by'], { vi: string; en: string; cite: Cite }>> = {
  village_head_with_front: {
    vi: 'Trưởng thôn, Tổ trưởng tổ dân phố sau khi thống nhất với Trưởng ban công tác Mặt trận đề xuất xây dựng hương ước, quy ước',
    en: 'The village head, after agreeing with the head of the Front working committee, proposes the community rule',
    cite: { vi: 'khoản 2 Điều 16 Luật số 10/2022/QH15', en: 'Law 10/2022 Art. 16(2)' },
  },
  initiative: {
    vi: 'Công dân có sáng kiến đề xuất, được các hộ gia đình đồng thuận, gửi đề xuất đến Trưởng thôn, Tổ trưởng tổ dân phố',
    en: 'A resident’s initiative, with the households’ consents, is sent to the village head',
    cite: { vi: 'khoản 3 Điều 16 Luật số 10/2022/QH15', en: 'Law 10/2022 Art. 16(3)' },
  },
};

/**
 * The steps of a community rule, in order, from the adoption meeting's date. The recognition runs from the day the
 * dossier was received complete, taken as the day its sending is recorded.
 * @example communityRuleSteps({ meeting: '2027-03-01', holidays: [], proposal: { by: 'village_head_with_front' } }, []).find((s) => s.id === 'draft_posted')?.due // '2027-01-30'
 */
export function communityRuleSteps(p: RulePlan, events: readonly StepEvent[]): Step[] {
  const sent = firstDone(events).get('dossier_sent');
  const postingDays = postingPeriod(p.postingDays ?? DRAFT_POSTING_DAYS);
  const ballot: Step[] =
    p.ballotEnds === undefined
      ? []
      : [
          {
            id: 'household_ballot',
            due: p.ballotEnds,
            after: 'adoption_meeting',
            vi: 'Phát phiếu lấy ý kiến từng hộ gia đình, chỉ sau khi cuộc họp không đạt tỷ lệ trên 50% tổng số hộ gia đình tham dự',
            en: 'A household ballot, only after a meeting that more than 50 % of households did not attend',
            cite: D61('khoản 2 Điều 10', 'Art. 10(2)'),
          },
        ];
  const voted = p.ballotEnds ?? p.meeting;
  return [
    { id: 'rule_proposed', due: null, ...PROPOSAL_WORDS[p.proposal.by] },
    {
      id: 'drafting_team_formed',
      due: null,
      after: 'rule_proposed',
      vi: 'Thành lập Tổ soạn thảo hương ước, quy ước (có già làng, người có uy tín; có người biết tiếng dân tộc thiểu số nơi cộng đồng dân cư có đồng bào dân tộc thiểu số)',
      en: 'The drafting team is formed (with elders or respected people, and a speaker of the local minority language where the community has one)',
      cite: D61('Điều 8', 'Art. 8'),
    },
    {
      id: 'draft_posted',
      ...dueBefore(p.meeting, postingDays, p.holidays),
      vi: `Dự thảo hương ước, quy ước được niêm yết công khai không ít hơn ${postingDays} ngày trước khi đưa ra cộng đồng dân cư bàn, biểu quyết thông qua`,
      en: `The draft is posted publicly for at least ${postingDays} days before the community votes on it`,
      cite: D61('khoản 1 Điều 9', 'Art. 9(1)'),
    },
    {
      id: 'comments_summarised',
      ...dueBefore(p.meeting, 2, p.holidays),
      after: 'draft_posted',
      vi: 'Tổ soạn thảo tổng hợp ý kiến góp ý, hoàn thiện dự thảo; tài liệu gửi đến từng hộ gia đình ít nhất 02 ngày trước cuộc họp',
      en: 'The drafting team summarises the comments, with its answers, and completes the draft; the documents reach every household at least 2 days before the meeting',
      cite: {
        vi: 'khoản 4 Điều 9 Nghị định số 61/2023/NĐ-CP; khoản 4 Điều 3 Nghị định số 59/2023/NĐ-CP',
        en: 'Decree 61/2023 Art. 9(4); Decree 59/2023 Art. 3(4)',
      },
    },
    invitationStep(p),
    {
      id: 'adoption_meeting',
      due: p.meeting,
      opens: p.meeting,
      vi: 'Cuộc họp của cộng đồng dân cư có đại diện của trên 50% tổng số hộ gia đình tham dự; hương ước, quy ước được thông qua khi có trên 50% tổng số đại diện hộ gia đình tán thành',
      en: 'The meeting, with more than 50 % of households present; the rule is adopted with more than 50 % of all households in favour',
      cite: D61('khoản 1 Điều 10', 'Art. 10(1)'),
    },
    ...ballot,
    {
      id: 'dossier_sent',
      due: addWorkingDays(voted, DOSSIER_WORKING_DAYS, p.holidays),
      opens: voted,
      after: p.ballotEnds === undefined ? 'adoption_meeting' : 'household_ballot',
      vi: 'Trưởng thôn, Tổ trưởng tổ dân phố gửi hồ sơ đề nghị công nhận (Mẫu số 01, Mẫu số 02, dự thảo đã được thông qua) tới Ủy ban nhân dân cấp xã chậm nhất sau 05 ngày làm việc kể từ ngày họp hoặc ngày kết thúc lấy ý kiến bằng phiếu',
      en: 'The village head sends the dossier (forms 01, 02 and the adopted text) to UBND xã within 5 working days of the meeting or of the ballot’s end',
      cite: D61('điểm a khoản 3 Điều 11', 'Art. 11(3)(a)'),
    },
    {
      id: 'rule_recognised',
      due: dueAfterAct(sent, DOSSIER_WORKING_DAYS, p.holidays),
      after: 'dossier_sent',
      vi: 'Ủy ban nhân dân cấp xã ban hành quyết định công nhận (Mẫu số 03) chậm nhất 05 ngày làm việc kể từ ngày nhận đủ hồ sơ; nếu không công nhận thì trả lời bằng văn bản và nêu rõ lý do',
      en: 'UBND xã recognises the rule (form 03) within 5 working days of receiving the complete dossier, or answers in writing with its reasons',
      cite: D61('điểm b khoản 3 Điều 11', 'Art. 11(3)(b)'),
    },
  ];
}

/** The counts of a vote on a community rule. For a household ballot, `meetingPresent` is the earlier meeting's attendance. */
export type RuleVote =
  | { method: 'meeting'; households: number; present: number; yes: number }
  | { method: 'household_ballot'; households: number; meetingPresent: number; yes: number };

export interface RuleAdoption {
  status: 'adopted' | 'rejected' | 'not_enough_present';
  /** The households in favour needed: floor(H / 2) + 1. */
  threshold: number;
  /** A household ballot may follow (the meeting missed the attendance, D61 Art. 10(2)(a)). */
  ballotMayFollow: boolean;
}

const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Whether a household ballot may be held: only after a meeting that more than 50 % of H did not attend (D61
 * Art. 10(2)(a)), that is present * 2 <= H.
 * @example ballotAllowed(10, 5) // true
 * @example ballotAllowed(10, 6) // false
 */
export function ballotAllowed(households: number, meetingPresent: number): boolean {
  return meetingPresent * 2 <= households;
}

/**
 * The outcome of a vote on a community rule: adopted when yes * 2 > H (D61 Art. 10), at a meeting only when
 * present * 2 > H (Art. 10(1)(a)). Throws a RangeError on impossible counts, and on a household ballot that no
 * meeting missing the attendance came before (validate at the edge with `ballotAllowed`).
 * @example ruleAdoption({ method: 'meeting', households: 10, present: 6, yes: 6 }).status // 'adopted'
 */
export function ruleAdoption(v: RuleVote): RuleAdoption {
  const h = v.households;
  if (!whole(h) || h === 0) throw new RangeError(`H must be a positive integer: ${h}`);
  const cast = v.method === 'meeting' ? v.present : h;
  if (!whole(cast) || cast > h || !whole(v.yes) || v.yes > cast) throw new RangeError(`impossible counts: ${v.yes} of ${cast} of ${h}`);
  const threshold = Math.floor(h / 2) + 1;
  if (v.method === 'household_ballot' && !(whole(v.meetingPresent) && ballotAllowed(h, v.meetingPresent))) {
    throw new RangeError('a household ballot only follows a meeting that more than 50 % of households did not attend');
  }
  if (v.method === 'meeting' && ballotAllowed(h, v.present)) return { status: 'not_enough_present', threshold, ballotMayFollow: true };
  return { status: v.yes * 2 > h ? 'adopted' : 'rejected', threshold, ballotMayFollow: false };
}

/** A problem of a rule's team or signatures, with the law's words. */
export interface RuleProblem {
  code: 'no_elder' | 'no_speaker' | 'empty_team' | 'village_head_unsigned' | 'front_head_unsigned' | 'two_households';
  /** The minority language without a speaker on the team. */
  language?: string;
  vi: string;
  en: string;
}

/** A member of the drafting team: whether an elder or respected person, and the languages spoken. */
export interface DraftingMember {
  id: string;
  elder: boolean;
  languages: readonly string[];
}

/** What the community is: whether it has elders (già làng, trưởng bản, người có uy tín) and its minority languages. */
export interface CommunityMakeup {
  hasElders: boolean;
  minorityLanguages: readonly string[];
}

/**
 * What is wrong with the drafting team: none of the community's elders on it, or no speaker of one of its minority
 * languages (so that the draft can be translated as the community decides, D61 Art. 6(5)).
 * @example draftingTeamProblems([{ id: 'a', elder: false, languages: ['vi'] }], { hasElders: true, minorityLanguages: ["H'Mông"] }).map((p) => p.code) // ['no_elder', 'no_speaker']
 */
export function draftingTeamProblems(team: readonly DraftingMember[], community: CommunityMakeup): RuleProblem[] {
  if (team.length === 0) return [{ code: 'empty_team', vi: 'Tổ soạn thảo chưa có thành viên', en: 'The drafting team has no member' }];
  const out: RuleProblem[] = [];
  if (community.hasElders && !team.some((m) => m.elder)) {
    out.push({
      code: 'no_elder',
      vi: 'Tổ soạn thảo cần có già làng, trưởng bản hoặc người có uy tín',
      en: 'The drafting team needs an elder or respected person',
    });
  }
  for (const language of community.minorityLanguages) {
    if (!team.some((m) => m.languages.includes(language))) {
      out.push({
        code: 'no_speaker',
        language,
        vi: `Tổ soạn thảo cần có người biết tiếng ${language}`,
        en: `The drafting team needs a speaker of ${language}`,
      });
    }
  }
  return out;
}

/** Who signed the rule's text: the village head, the head of the Front working committee, the households by roll id. */
export interface RuleSignatures {
  villageHead: boolean;
  frontHead: boolean;
  households: readonly string[];
}

/**
 * What is missing from the signatures of the rule's text: the village head, the head of the Front working committee
 * and 2 (two) representatives of different households (D61 Art. 6(1)).
 * @example signatureProblems({ villageHead: true, frontHead: true, households: ['a', 'a'] }).map((p) => p.code) // ['two_households']
 */
export function signatureProblems(s: RuleSignatures): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!s.villageHead)
    out.push({ code: 'village_head_unsigned', vi: 'Thiếu chữ ký của Trưởng thôn, Tổ trưởng tổ dân phố', en: "The village head's signature is missing" });
  if (!s.frontHead)
    out.push({
      code: 'front_head_unsigned',
      vi: 'Thiếu chữ ký của Trưởng ban công tác Mặt trận',
      en: "The Front working committee head's signature is missing",
    });
  if (new Set(s.households).size !== 2 || s.households.length !== 2) {
    out.push({ code: 'two_households', vi: 'Cần chữ ký của 02 (hai) đại diện của các hộ gia đình', en: 'Two representatives of different households sign' });
  }
  return out;
}
