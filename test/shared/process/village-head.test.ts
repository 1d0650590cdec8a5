import { describe, expect, it } from 'vitest';
import { boardSteps } from '../../../shared/process/boards.ts';
import { checklist } from '../../../shared/process/checklist.ts';
import { dismissalConvener, dismissalSteps, petitionReaches } from '../../../shared/process/dismissal.ts';
import { type Candidate, electionProblems, electionSteps, type TeamMember } from '../../../shared/process/village-head.ts';

/** A Sunday meeting: Sunday 7 March 2027. */
const MEETING = '2027-03-07';
const plan = { meeting: MEETING, holidays: [] as string[] };
const dueOf = (steps: { id: string; due: string | null }[], id: string) => steps.find((s) => s.id === id)?.due;

describe('the limits of a village-head election, from the meeting date', () => {
  it.each([
    ['election_decided', '2027-02-15', 'the decision and plan 20 days before'],
    ['candidates_listed', '2027-02-20', 'the Front list with its form 05 minutes 15 days before'],
    ['team_formed', '2027-02-25', 'the election team 10 days before'],
    ['notice_posted', '2027-02-28', 'the public notice 7 days before'],
    ['meeting_invited', '2027-03-05', 'the meeting invitation 2 days before'],
    ['election_held', MEETING, 'the election on the meeting day'],
    ['decision_sent', '2027-03-12', 'the decision sent 5 working days after (Monday to Friday)'],
  ])('%s is due %s: %s', (id, due) => {
    expect(dueOf(electionSteps(plan, []), id)).toBe(due);
  });

  it('the steps are in the order of the law', () => {
    expect(electionSteps(plan, []).map((s) => s.id)).toEqual([
      'election_decided',
      'candidates_listed',
      'team_formed',
      'notice_posted',
      'meeting_invited',
      'election_held',
      'decision_sent',
      'election_recognised',
    ]);
  });

  it('a limit on a weekend stays, with the Friday before as the office day', () => {
    const steps = electionSteps(plan, []);
    expect(steps.find((s) => s.id === 'candidates_listed')).toMatchObject({ due: '2027-02-20', officeDay: '2027-02-19' });
    expect(steps.find((s) => s.id === 'notice_posted')).toMatchObject({ due: '2027-02-28', officeDay: '2027-02-26' });
    expect(steps.find((s) => s.id === 'election_decided')?.officeDay).toBeUndefined();
  });

  it('a holiday after the meeting moves the sending, and one on the limit before it moves the office day', () => {
    const steps = electionSteps({ meeting: MEETING, holidays: ['2027-03-10', '2027-02-15'] }, []);
    expect(dueOf(steps, 'decision_sent')).toBe('2027-03-15');
    expect(steps.find((s) => s.id === 'election_decided')).toMatchObject({ due: '2027-02-15', officeDay: '2027-02-12' });
  });

  it('the recognition runs 5 working days from the recorded sending, unknown before it', () => {
    expect(dueOf(electionSteps(plan, []), 'election_recognised')).toBeNull();
    expect(dueOf(electionSteps(plan, [{ id: 'decision_sent', at: '2027-03-10T02:00:00Z' }]), 'election_recognised')).toBe('2027-03-17');
    expect(
      dueOf(electionSteps({ meeting: MEETING, holidays: ['2027-03-16'] }, [{ id: 'decision_sent', at: '2027-03-10T02:00:00Z' }]), 'election_recognised'),
    ).toBe('2027-03-18');
  });

  it.each([
    ['exactly 20 days before', '2027-02-15T03:00:00Z', 'done'],
    ['19 days before', '2027-02-16T03:00:00Z', 'done_late'],
    ['21 days before', '2027-02-14T03:00:00Z', 'done'],
  ])('the chair’s decision %s is %s', (_, at, status) => {
    const rows = checklist(electionSteps(plan, []), [{ id: 'election_decided', at }], new Date('2027-02-20T00:00:00Z'));
    expect(rows[0]?.status).toBe(status);
  });

  it.each([
    ['candidates_listed', '2027-02-20T03:00:00Z', 'done', 'exactly 15 days'],
    ['candidates_listed', '2027-02-21T03:00:00Z', 'done_late', '14 days'],
    ['team_formed', '2027-02-25T03:00:00Z', 'done', 'exactly 10 days'],
    ['team_formed', '2027-02-26T03:00:00Z', 'done_late', '9 days'],
    ['notice_posted', '2027-02-28T03:00:00Z', 'done', 'exactly 7 days'],
    ['notice_posted', '2027-03-01T03:00:00Z', 'done_late', '6 days'],
    ['meeting_invited', '2027-03-05T03:00:00Z', 'done', 'exactly 2 days'],
    ['meeting_invited', '2027-03-06T03:00:00Z', 'done_late', '1 day'],
  ])('%s done at %s is %s (%s before)', (id, at, status) => {
    const rows = checklist(electionSteps(plan, []), [{ id, at }], new Date('2027-03-20T00:00:00Z'));
    expect(rows.find((r) => r.step === id)?.status).toBe(status);
  });

  it('shows a whole election at a day between the meeting and the sending', () => {
    const events = [
      { id: 'election_decided', at: '2027-02-10T03:00:00Z' },
      { id: 'candidates_listed', at: '2027-02-22T03:00:00Z' },
      { id: 'team_formed', at: '2027-02-24T03:00:00Z' },
      { id: 'meeting_invited', at: '2027-03-03T03:00:00Z' },
      { id: 'election_held', at: '2027-03-07T03:00:00Z' },
    ];
    const rows = checklist(electionSteps(plan, events), events, new Date('2027-03-09T03:00:00Z'));
    expect(rows.map((r) => [r.step, r.status])).toEqual([
      ['election_decided', 'done'],
      ['candidates_listed', 'done_late'],
      ['team_formed', 'done'],
      ['notice_posted', 'overdue'],
      ['meeting_invited', 'done'],
      ['election_held', 'done'],
      ['decision_sent', 'due'],
      ['election_recognised', 'not_yet'],
    ]);
  });

  it('before the meeting, the election and the sending are not yet', () => {
    const rows = checklist(electionSteps(plan, []), [], new Date('2027-02-01T00:00:00Z'));
    expect(rows.filter((r) => r.status === 'not_yet').map((r) => r.step)).toEqual(['election_held', 'decision_sent', 'election_recognised']);
    expect(rows.filter((r) => r.status === 'due').length).toBe(5);
  });

  it('every step cites Decree 59/2023 in both languages', () => {
    for (const s of electionSteps(plan, [])) {
      expect(s.cite.vi).toContain('Nghị định số 59/2023/NĐ-CP');
      expect(s.cite.en).toContain('Decree 59/2023');
      expect(s.vi.normalize('NFC')).toBe(s.vi);
    }
    expect(electionSteps(plan, [])[0]?.vi).toContain('chậm nhất 20 ngày trước ngày tổ chức cuộc họp');
  });
});

describe('the election team and the candidates', () => {
  const team: TeamMember[] = [
    { id: 'f1', role: 'front_representative', leads: true },
    { id: 'o1', role: 'organisation_representative', leads: false },
    { id: 'h1', role: 'household_representative', leads: false },
  ];
  const candidates: Candidate[] = [{ id: 'c1', source: 'front_list' }];
  const codes = (t: TeamMember[], c: Candidate[]) => electionProblems(t, c).map((p) => p.code);

  it('a team led by the Front’s representative, with no candidate on it, and a Front candidate: no problem', () => {
    expect(electionProblems(team, candidates)).toEqual([]);
    expect(electionProblems(team, [...candidates, { id: 'c2', source: 'self_nominated' }, { id: 'c3', source: 'nominated' }])).toEqual([]);
  });

  it('refuses a team led by someone else, or with no leader or two', () => {
    expect(
      codes(
        [
          { ...team[0]!, leads: false },
          { ...team[1]!, leads: true },
        ],
        candidates,
      ),
    ).toEqual(['leader_not_front']);
    expect(codes([{ ...team[0]!, leads: false }, team[1]!], candidates)).toEqual(['no_leader']);
    expect(codes([team[0]!, { ...team[1]!, leads: true }], candidates)).toEqual(['no_leader']);
  });

  it('refuses a candidate on the team, also one nominated from the floor', () => {
    const problems = electionProblems(team, [...candidates, { id: 'h1', source: 'nominated' }]);
    expect(problems).toMatchObject([{ code: 'candidate_on_team', id: 'h1' }]);
    expect(problems[0]?.vi).toBe('Thành viên Tổ bầu cử không phải là người ứng cử Trưởng thôn, Tổ trưởng tổ dân phố');
  });

  it('needs at least one candidate on the Front’s list; floor candidates alone are not enough', () => {
    expect(codes(team, [])).toEqual(['no_front_candidate']);
    expect(codes(team, [{ id: 'c2', source: 'self_nominated' }])).toEqual(['no_front_candidate']);
  });

  it('a person is listed once', () => {
    expect(codes([...team, { id: 'o1', role: 'household_representative', leads: false }], [...candidates, { id: 'c1', source: 'nominated' }])).toEqual([
      'duplicate',
      'duplicate',
    ]);
  });
});

describe('dismissing the village head', () => {
  const dplan = { meeting: MEETING, holidays: [] as string[], ground: 'front_proposal' as const, headLeadsFront: false };

  it.each([
    [10, 5, true],
    [10, 4, false],
    [11, 6, true],
    [11, 5, false],
    [1, 1, true],
  ])('with H = %i, a petition of %i households reaches at least 50 %%: %s', (h, n, reaches) => {
    expect(
      petitionReaches(
        h,
        Array.from({ length: n }, (_, i) => `h${i}`),
      ),
    ).toBe(reaches);
  });

  it('a household that signs twice counts once', () => {
    expect(petitionReaches(10, ['a', 'b', 'c', 'd', 'd'])).toBe(false);
    expect(() => petitionReaches(0, [])).toThrow(RangeError);
  });

  it('the meeting is convened by the head of the Front working committee, or by the commune chair when he is the village head', () => {
    expect(dismissalConvener(false).vi).toBe('Trưởng ban công tác Mặt trận ở thôn, tổ dân phố triệu tập và chủ trì cuộc họp');
    expect(dismissalConvener(true).vi).toContain('Chủ tịch Ủy ban nhân dân cấp xã triệu tập');
    expect(dismissalSteps({ ...dplan, headLeadsFront: true }, []).find((s) => s.id === 'dismissal_meeting')?.vi).toContain('Chủ tịch Ủy ban nhân dân cấp xã');
  });

  it('the request is worded after its ground', () => {
    expect(dismissalSteps({ ...dplan, ground: 'own_request' }, [])[0]?.vi).toContain('có đơn gửi Chủ tịch Ủy ban nhân dân cấp xã');
    expect(dismissalSteps(dplan, [])[0]?.vi).toContain('ít nhất 50% tổng số hộ gia đình');
  });

  it('the limits: invitation, sending, recognition, then 60 days to decide a new election', () => {
    const none = dismissalSteps(dplan, []);
    expect(none.map((s) => [s.id, s.due])).toEqual([
      ['dismissal_requested', null],
      ['meeting_invited', '2027-03-05'],
      ['dismissal_meeting', MEETING],
      ['decision_sent', '2027-03-12'],
      ['dismissal_recognised', null],
      ['acting_head_appointed', null],
      ['new_election_decided', null],
    ]);
    const events = [
      { id: 'decision_sent', at: '2027-03-10T02:00:00Z' },
      { id: 'dismissal_recognised', at: '2027-03-18T02:00:00Z' },
    ];
    const steps = dismissalSteps(dplan, events);
    expect(dueOf(steps, 'dismissal_recognised')).toBe('2027-03-17');
    // 18 March + 60 days = Monday 17 May.
    expect(dueOf(steps, 'new_election_decided')).toBe('2027-05-17');
  });

  it('the 60th day on a Sunday, or a holiday, moves the limit to the next working day', () => {
    const on = (at: string, holidays: string[]) => dueOf(dismissalSteps({ ...dplan, holidays }, [{ id: 'dismissal_recognised', at }]), 'new_election_decided');
    expect(on('2027-03-17T02:00:00Z', [])).toBe('2027-05-17');
    expect(on('2027-03-18T02:00:00Z', ['2027-05-17'])).toBe('2027-05-18');
    // Recognised at 00:30 on the 17th in Vietnam.
    expect(on('2027-03-16T17:30:00Z', [])).toBe('2027-05-17');
  });

  it('after the recognition, the acting head and the new election are due; late once the 60 days passed', () => {
    const events = [
      { id: 'decision_sent', at: '2027-03-10T02:00:00Z' },
      { id: 'dismissal_recognised', at: '2027-03-18T02:00:00Z' },
    ];
    const before = checklist(dismissalSteps(dplan, events), events, new Date('2027-05-17T16:00:00Z'));
    expect(before.slice(-2).map((r) => r.status)).toEqual(['due', 'due']);
    const after = checklist(dismissalSteps(dplan, events), events, new Date('2027-05-17T17:00:00Z'));
    expect(after.slice(-2).map((r) => r.status)).toEqual(['due', 'overdue']);
    const waiting = checklist(dismissalSteps(dplan, []), [], new Date('2027-03-08T00:00:00Z'));
    expect(waiting.slice(-3).map((r) => r.status)).toEqual(['not_yet', 'not_yet', 'not_yet']);
  });
});

describe('electing board members', () => {
  it('recognised by UBMTTQ xã within 5 working days of receiving the decision', () => {
    const steps = boardSteps('inspection', { meeting: MEETING, holidays: [] }, [{ id: 'decision_sent', at: '2027-03-11T02:00:00Z' }]);
    expect(steps.map((s) => [s.id, s.due])).toEqual([
      ['board_candidates_listed', null],
      ['meeting_invited', '2027-03-05'],
      ['board_election_held', MEETING],
      ['decision_sent', '2027-03-12'],
      ['board_recognised', '2027-03-18'],
    ]);
    expect(steps.at(-1)?.vi).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã ban hành quyết định công nhận');
  });

  it('names the board in the law’s words', () => {
    expect(boardSteps('investment_supervision', { meeting: MEETING, holidays: [] }, [])[0]?.vi).toContain('Ban Giám sát đầu tư của cộng đồng');
    expect(boardSteps('inspection', { meeting: MEETING, holidays: [] }, [])[2]?.vi).toContain('Ban Thanh tra nhân dân');
  });
});
