/**
 * Dismissing the village head (cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố; Decree 59/2023 Art. 9): on the head's
 * own request, or on the proposal of the head of the Front working committee (including when at least 50 % of the
 * households petition); a meeting convened by the head of the Front working committee; recognition by UBND xã within
 * 5 working days; an acting head while the post is empty; a new election decided within 60 days of the recognition.
 * Pure: dates in, steps out.
 */
import { vietnamDate } from '../working-days.ts';
import { type Cite, dueAfterAct, firstDone, type Step, type StepEvent } from './checklist.ts';
import { periodEnd } from './calendar.ts';
import { AFTER_MEETING_WORKING_DAYS, D59, decisionSentStep, invitationStep, type MeetingPlan } from './village-head.ts';

/** Why the dismissal is on the agenda (D59 Art. 9(1)(a), (b)). */
export type DismissalGround = 'own_request' | 'front_proposal';

/** The calendar days within which UBND xã decides a new election, from the recognition of the dismissal (D59 Art. 9(3)). */
export const NEW_ELECTION_DAYS = 60;

export interface DismissalPlan extends MeetingPlan {
  ground: DismissalGround;
  /** The village head is also the head of the Front working committee: the commune chair convenes (D59 Art. 3(1)(c)). */
  headLeadsFront: boolean;
}

const REQUEST_WORDS: Readonly<Record<DismissalGround, { vi: string; en: string; cite: Cite }>> = {
  own_request: {
    vi: 'Người xin thôi làm Trưởng thôn, Tổ trưởng tổ dân phố có đơn gửi Chủ tịch Ủy ban nhân dân cấp xã nêu rõ lý do xin thôi',
    en: 'The village head sends the commune chair a letter asking to step down, with the reasons',
    cite: D59('điểm a khoản 1 Điều 9', 'Art. 9(1)(a)'),
  },
  front_proposal: {
    vi: 'Trưởng ban công tác Mặt trận ở thôn, tổ dân phố đề nghị Chủ tịch Ủy ban nhân dân cấp xã xem xét cho thôi (kể cả khi có ít nhất 50% tổng số hộ gia đình kiến nghị)',
    en: 'The head of the Front working committee proposes the dismissal to the commune chair (including when at least 50 % of households petition)',
    cite: D59('điểm b khoản 1 Điều 9', 'Art. 9(1)(b)'),
  },
};

/** Who convenes and chairs the dismissal meeting (D59 Art. 3(1)(c)). */
export function dismissalConvener(headLeadsFront: boolean): { vi: string; en: string } {
  return headLeadsFront
    ? {
        vi: 'Chủ tịch Ủy ban nhân dân cấp xã triệu tập và chủ trì cuộc họp sau khi thống nhất với Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã',
        en: 'The commune chair convenes and chairs the meeting, after agreeing with the chair of UBMTTQ xã',
      }
    : {
        vi: 'Trưởng ban công tác Mặt trận ở thôn, tổ dân phố triệu tập và chủ trì cuộc họp',
        en: 'The head of the Front working committee convenes and chairs the meeting',
      };
}

/**
 * Whether a petition reaches the Art. 9(1)(b) share: "ít nhất 50% tổng số hộ gia đình", counted by distinct roll id
 * (a household that signs twice counts once): petitioners * 2 >= H.
 * @example petitionReaches(10, ['a', 'b', 'c', 'd', 'e']) // true
 */
export function petitionReaches(households: number, rollIds: readonly string[]): boolean {
  if (!Number.isSafeInteger(households) || households <= 0) throw new RangeError(`H must be a positive integer: ${households}`);
  return new Set(rollIds).size * 2 >= households;
}

/**
 * The steps of a dismissal, in order. The recognition runs from the day the decision was received (its sending
 * recorded); the new election's 60 days from the recognition, ending on the next working day when the 60th is not one.
 * @example dismissalSteps({ meeting: '2027-03-01', holidays: [], ground: 'own_request', headLeadsFront: false }, []).length // 7
 */
export function dismissalSteps(p: DismissalPlan, events: readonly StepEvent[]): Step[] {
  const done = firstDone(events);
  const sent = done.get('decision_sent');
  const recognised = done.get('dismissal_recognised');
  const convener = dismissalConvener(p.headLeadsFront);
  return [
    { id: 'dismissal_requested', due: null, ...REQUEST_WORDS[p.ground] },
    invitationStep(p),
    {
      id: 'dismissal_meeting',
      due: p.meeting,
      opens: p.meeting,
      vi: `${convener.vi} của cộng đồng dân cư để cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố`,
      en: `${convener.en} of the community that decides the dismissal`,
      cite: D59('điểm c khoản 1 Điều 3; khoản 2 Điều 9', 'Art. 3(1)(c); Art. 9(2)'),
    },
    decisionSentStep(p, 'dismissal_meeting'),
    {
      id: 'dismissal_recognised',
      due: dueAfterAct(sent, AFTER_MEETING_WORKING_DAYS, p.holidays),
      after: 'decision_sent',
      vi: 'Trong thời hạn 05 ngày làm việc kể từ ngày nhận được quyết định, Ủy ban nhân dân cấp xã ra quyết định công nhận kết quả cho thôi, hoặc trả lời bằng văn bản và nêu rõ lý do; nếu cuộc họp không thống nhất được thì Ủy ban nhân dân cấp xã quyết định sau khi thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã',
      en: 'Within 5 working days of receiving the decision, UBND xã recognises the dismissal or answers in writing with its reasons; if the meeting reached no decision, UBND xã decides after agreeing with UBMTTQ xã',
      cite: D59('khoản 3 Điều 9', 'Art. 9(3)'),
    },
    {
      id: 'acting_head_appointed',
      due: null,
      after: 'dismissal_recognised',
      vi: 'Ủy ban nhân dân cấp xã thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã quyết định cử Trưởng thôn, Tổ trưởng tổ dân phố lâm thời cho đến khi bầu được người mới',
      en: 'UBND xã, agreeing with UBMTTQ xã, appoints an acting village head until a new one is elected',
      cite: D59('khoản 3 Điều 9', 'Art. 9(3)'),
    },
    {
      id: 'new_election_decided',
      due: recognised === undefined ? null : periodEnd(vietnamDate(recognised), NEW_ELECTION_DAYS, p.holidays),
      after: 'dismissal_recognised',
      vi: 'Trong thời hạn 60 ngày kể từ ngày có quyết định công nhận cho thôi, Ủy ban nhân dân cấp xã quyết định việc tiến hành bầu Trưởng thôn, Tổ trưởng tổ dân phố mới',
      en: 'Within 60 days of recognising the dismissal, UBND xã decides to hold the election of a new village head',
      cite: D59('khoản 3 Điều 9', 'Art. 9(3)'),
    },
  ];
}
