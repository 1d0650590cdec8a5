/**
 * Electing the members of the People's Inspection Board (Ban Thanh tra nhân dân) and of the Community Investment
 * Supervision Board (Ban Giám sát đầu tư của cộng đồng) at the community meeting (Law 10/2022 Art. 15(5)): the Front
 * working committee's list of candidates, agreed with the party cell, introduced at the meeting, with nominations and
 * self-nominations from the floor (Decree 59/2023 Art. 3(5)(b)); elected with more than 50 % of H (./election.ts);
 * recognised by UBMTTQ xã within 5 working days of receiving the decision (Art. 21(2)). Pure: dates in, steps out.
 */
import { dueAfterAct, firstDone, type Step, type StepEvent } from './checklist.ts';
import { AFTER_MEETING_WORKING_DAYS, D59, decisionSentStep, invitationStep, type MeetingPlan } from './village-head.ts';

export type Board = 'inspection' | 'investment_supervision';

/** The boards' names as the law writes them. */
export const BOARD_WORDS: Readonly<Record<Board, { vi: string; en: string }>> = {
  inspection: { vi: 'Ban Thanh tra nhân dân', en: "People's Inspection Board" },
  investment_supervision: { vi: 'Ban Giám sát đầu tư của cộng đồng', en: 'Community Investment Supervision Board' },
};

/**
 * The steps of a board election, in order; the recognition's limit runs from the recorded sending of the decision.
 * @example boardSteps('inspection', { meeting: '2027-03-01', holidays: [] }, []).map((s) => s.id).at(-1) // 'board_recognised'
 */
export function boardSteps(board: Board, p: MeetingPlan, events: readonly StepEvent[]): Step[] {
  const sent = firstDone(events).get('decision_sent');
  const name = BOARD_WORDS[board];
  return [
    {
      id: 'board_candidates_listed',
      due: null,
      vi: `Ban công tác Mặt trận ở thôn, tổ dân phố thống nhất với cấp ủy chi bộ danh sách người ứng cử thành viên ${name.vi}`,
      en: `The Front working committee agrees its list of candidates for the ${name.en} with the party cell`,
      cite: D59('điểm b khoản 5 Điều 3', 'Art. 3(5)(b)'),
    },
    invitationStep(p),
    {
      id: 'board_election_held',
      due: p.meeting,
      opens: p.meeting,
      vi: `Đại diện Ban công tác Mặt trận giới thiệu danh sách người ứng cử; đại diện hộ gia đình tự ứng cử hoặc đề cử; cuộc họp bầu thành viên ${name.vi}`,
      en: `The Front's representative presents the candidates; households may nominate or stand; the meeting elects the members of the ${name.en}`,
      cite: {
        vi: 'khoản 5 Điều 15 Luật số 10/2022/QH15; điểm b khoản 5 Điều 3 Nghị định số 59/2023/NĐ-CP',
        en: 'Law 10/2022 Art. 15(5); Decree 59/2023 Art. 3(5)(b)',
      },
    },
    decisionSentStep(p, 'board_election_held'),
    {
      id: 'board_recognised',
      due: dueAfterAct(sent, AFTER_MEETING_WORKING_DAYS, p.holidays),
      after: 'decision_sent',
      vi: 'Chậm nhất 05 ngày làm việc kể từ ngày nhận được quyết định của cộng đồng dân cư, Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã ban hành quyết định công nhận; nếu không công nhận thì trả lời bằng văn bản và nêu rõ lý do',
      en: 'Within 5 working days of receiving the decision, UBMTTQ xã recognises it, or answers in writing with its reasons',
      cite: { vi: 'khoản 2 Điều 21 Luật số 10/2022/QH15', en: 'Law 10/2022 Art. 21(2)' },
    },
  ];
}
