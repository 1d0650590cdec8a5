/**
 * Electing the village head (Trưởng thôn, Tổ trưởng tổ dân phố; Decree 59/2023 Art. 6–8), as steps with their limits
 * computed from the meeting date, and the checks on the election team and the candidates. Who is elected is
 * ./election.ts; the dismissal and the board members are ./dismissal.ts and ./boards.ts. Pure: dates in, steps out.
 */
import { addWorkingDays } from '../working-days.ts';
import { type Cite, dueAfterAct, dueBefore, firstDone, type Step, type StepEvent } from './checklist.ts';

export const D59 = (vi: string, en: string): Cite => ({ vi: `${vi} Nghị định số 59/2023/NĐ-CP`, en: `Decree 59/2023 ${en}` });

/** A meeting date and the commune's holidays: what every limit is computed from. */
export interface MeetingPlan {
  /** The day of the community meeting (Vietnam calendar date). */
  meeting: string;
  holidays: readonly string[];
}

/** The limits before the meeting, in calendar days (D59 Art. 6; Art. 3(3)). */
export const ELECTION_DAYS = { plan: 20, candidates: 15, team: 10, notice: 7, invitation: 2 } as const;

/** The working days after the meeting: the decision sent (D59 Art. 3(5)(d)), then recognised (D59 Art. 8). */
export const AFTER_MEETING_WORKING_DAYS = 5;

/** The meeting's invitation (form 01), at least 2 days before: the same for every community meeting (D59 Art. 3(3)). */
export function invitationStep(p: MeetingPlan): Step {
  return {
    id: 'meeting_invited',
    ...dueBefore(p.meeting, ELECTION_DAYS.invitation, p.holidays),
    vi: 'Thông tin về cuộc họp (Mẫu số 01) được thông báo đến thành phần tham dự ít nhất 02 ngày trước khi tổ chức cuộc họp',
    en: 'The meeting notice (form 01) reaches those who attend at least 2 days before the meeting',
    cite: D59('khoản 3 Điều 3', 'Art. 3(3)'),
  };
}

/** The community's decision sent to UBND xã and UBMTTQ xã within 5 working days of the meeting (D59 Art. 3(5)(d)). */
export function decisionSentStep(p: MeetingPlan, after: string): Step {
  return {
    id: 'decision_sent',
    due: addWorkingDays(p.meeting, AFTER_MEETING_WORKING_DAYS, p.holidays),
    opens: p.meeting,
    after,
    vi: 'Quyết định đã được cộng đồng dân cư biểu quyết thông qua (Mẫu số 03) được gửi đến Ủy ban nhân dân cấp xã, Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã chậm nhất 05 ngày làm việc kể từ ngày kết thúc cuộc họp',
    en: 'The decision the community voted (form 03) is sent to UBND xã and UBMTTQ xã within 5 working days of the meeting',
    cite: D59('điểm d khoản 5 Điều 3', 'Art. 3(5)(d)'),
  };
}

/**
 * The steps of a village-head election, in order. The recognition runs from the day the decision was received, taken
 * as the day its sending is recorded; until then its limit is not known.
 * @example electionSteps({ meeting: '2027-03-01', holidays: [] }, [])[0].due // '2027-02-09'
 */
export function electionSteps(p: MeetingPlan, events: readonly StepEvent[]): Step[] {
  const sent = firstDone(events).get('decision_sent');
  return [
    {
      id: 'election_decided',
      ...dueBefore(p.meeting, ELECTION_DAYS.plan, p.holidays),
      vi: 'Chủ tịch Ủy ban nhân dân cấp xã ban hành quyết định tổ chức bầu Trưởng thôn, Tổ trưởng tổ dân phố và kế hoạch, chậm nhất 20 ngày trước ngày tổ chức cuộc họp của cộng đồng dân cư',
      en: "The commune chair's decision to hold the election, and its plan with UBMTTQ xã, at least 20 days before the meeting",
      cite: D59('điểm a khoản 1 Điều 6', 'Art. 6(1)(a)'),
    },
    {
      id: 'candidates_listed',
      ...dueBefore(p.meeting, ELECTION_DAYS.candidates, p.holidays),
      vi: 'Ban công tác Mặt trận quyết định danh sách chính thức những người ứng cử (ít nhất 01 người); biên bản (Mẫu số 05) gửi tới Ủy ban nhân dân cấp xã chậm nhất 15 ngày trước ngày tổ chức cuộc họp',
      en: "The Front working committee's list of candidates (at least 1), its minutes (form 05) sent to UBND xã at least 15 days before the meeting",
      cite: D59('khoản 2 Điều 6', 'Art. 6(2)'),
    },
    {
      id: 'team_formed',
      ...dueBefore(p.meeting, ELECTION_DAYS.team, p.holidays),
      vi: 'Chủ tịch Ủy ban nhân dân cấp xã ban hành quyết định thành lập Tổ bầu cử chậm nhất 10 ngày trước ngày tổ chức cuộc họp, sau khi thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã',
      en: 'The commune chair decides the election team, after agreeing with UBMTTQ xã, at least 10 days before the meeting',
      cite: D59('điểm b khoản 1 Điều 6', 'Art. 6(1)(b)'),
    },
    {
      id: 'notice_posted',
      ...dueBefore(p.meeting, ELECTION_DAYS.notice, p.holidays),
      vi: 'Các quyết định được thông báo đến Nhân dân, niêm yết tại nhà văn hóa, nhà sinh hoạt cộng đồng và thông báo trên hệ thống truyền thanh chậm nhất 07 ngày trước ngày bầu cử',
      en: 'The decisions are made known to the residents, posted at the community house and announced, at least 7 days before the election',
      cite: D59('khoản 1 Điều 6', 'Art. 6(1)'),
    },
    invitationStep(p),
    {
      id: 'election_held',
      due: p.meeting,
      opens: p.meeting,
      vi: 'Tổ bầu cử triệu tập và chủ trì cuộc họp của cộng đồng dân cư để bầu Trưởng thôn, Tổ trưởng tổ dân phố; đại diện hộ gia đình được tự ứng cử hoặc đề cử tại cuộc họp',
      en: 'The election team convenes and chairs the meeting that elects the village head; households may nominate or stand from the floor',
      cite: D59('Điều 7; điểm b khoản 1, điểm b khoản 5 Điều 3', 'Art. 7; Art. 3(1)(b), 3(5)(b)'),
    },
    decisionSentStep(p, 'election_held'),
    {
      id: 'election_recognised',
      due: dueAfterAct(sent, AFTER_MEETING_WORKING_DAYS, p.holidays),
      after: 'decision_sent',
      vi: 'Trong thời hạn 05 ngày làm việc kể từ ngày nhận được quyết định, Ủy ban nhân dân cấp xã quyết định công nhận người trúng cử hoặc quyết định bầu lại; nếu không thì trả lời bằng văn bản và nêu rõ lý do',
      en: 'Within 5 working days of receiving the decision, UBND xã recognises the person elected or decides a new election, or answers in writing with its reasons',
      cite: D59('Điều 8', 'Art. 8'),
    },
  ];
}

/** A member of the election team: the Front working committee's representative leads it (D59 Art. 6(1)(b)). */
export interface TeamMember {
  id: string;
  role: 'front_representative' | 'organisation_representative' | 'household_representative';
  leads: boolean;
}

/** Where a candidate came from: the Front working committee's list, or the floor of the meeting (D59 Art. 3(5)(b)). */
export interface Candidate {
  id: string;
  source: 'front_list' | 'nominated' | 'self_nominated';
}

export type ElectionProblemCode = 'no_leader' | 'leader_not_front' | 'candidate_on_team' | 'no_front_candidate' | 'duplicate';

export interface ElectionProblem {
  code: ElectionProblemCode;
  /** The person concerned, by id (names stay in the private record). */
  id?: string;
  vi: string;
  en: string;
}

const PROBLEM_WORDS: Readonly<Record<ElectionProblemCode, { vi: string; en: string }>> = {
  no_leader: { vi: 'Tổ bầu cử phải có đúng một Tổ trưởng', en: 'The election team needs exactly one leader' },
  leader_not_front: {
    vi: 'Tổ trưởng Tổ bầu cử phải là đại diện Ban công tác Mặt trận ở thôn, tổ dân phố',
    en: "The election team's leader must be the Front working committee's representative",
  },
  candidate_on_team: {
    vi: 'Thành viên Tổ bầu cử không phải là người ứng cử Trưởng thôn, Tổ trưởng tổ dân phố',
    en: 'No member of the election team may be a candidate',
  },
  no_front_candidate: {
    vi: 'Danh sách người ứng cử của Ban công tác Mặt trận phải có ít nhất 01 người',
    en: "The Front working committee's list needs at least 1 candidate",
  },
  duplicate: { vi: 'Một người chỉ được ghi một lần', en: 'A person is listed once' },
};

const problem = (code: ElectionProblemCode, id?: string): ElectionProblem => ({ code, ...(id !== undefined ? { id } : {}), ...PROBLEM_WORDS[code] });

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/**
 * What is wrong with the election team and the candidates, all at once (an empty list when nothing is): the team led
 * by the Front working committee's representative and holding no candidate (D59 Art. 6(1)(b)), at least one
 * candidate on the Front's list (Art. 6(2)). Candidates nominated from the floor are checked against the team too.
 * @example electionProblems([{ id: 'p1', role: 'front_representative', leads: true }], [{ id: 'p1', source: 'self_nominated' }]).map((p) => p.code) // ['candidate_on_team', 'no_front_candidate']
 */
export function electionProblems(team: readonly TeamMember[], candidates: readonly Candidate[]): ElectionProblem[] {
  const out: ElectionProblem[] = [];
  const leaders = team.filter((m) => m.leads);
  if (leaders.length !== 1) out.push(problem('no_leader'));
  else if (leaders[0]?.role !== 'front_representative') out.push(problem('leader_not_front', leaders[0]?.id));
  for (const id of duplicates(team.map((m) => m.id))) out.push(problem('duplicate', id));
  const onTeam = new Set(team.map((m) => m.id));
  for (const c of candidates) if (onTeam.has(c.id)) out.push(problem('candidate_on_team', c.id));
  if (!candidates.some((c) => c.source === 'front_list')) out.push(problem('no_front_candidate'));
  for (const id of duplicates(candidates.map((c) => c.id))) out.push(problem('duplicate', id));
  return out;
}
