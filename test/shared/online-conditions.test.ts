import { describe, expect, it } from 'vitest';
import { BALLOT_CONDITIONS, CONDITION_WORDS, conditionProblem, conditionsFor, ONLINE_CONDITIONS, OnlineCondition } from '../../shared/online-conditions.ts';
import type { Matter, Method } from '../../shared/schemas.ts';

const MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'] as const;
const BALLOT = ['ballot_plan', 'ballot_team'];
const FIVE = ['leaders_agreed', 'reported', 'team', 'poll', 'devices'];
const member = (name: string, role = 'Đại diện hộ gia đình') => ({ name, role });
const TEAM = [member('Nguyễn Thị Lan', 'Ban công tác Mặt trận'), member('Trần Văn Bình', 'Trưởng thôn'), member('Lê Minh', 'Người thành thạo công nghệ')];
const on = { date: '2026-12-01', reference: 'BB số 01/2026' };

describe('the Decree 59/2023 Art. 5 conditions', () => {
  it('are the five the decree sets: agreement, report, team, poll, devices', () => {
    expect([...ONLINE_CONDITIONS]).toEqual(FIVE);
  });

  it.each(FIVE)('%s is put in words in both languages', (kind) => {
    const words = CONDITION_WORDS[kind as keyof typeof CONDITION_WORDS];
    expect(words.vi.length).toBeGreaterThan(10);
    expect(words.en.length).toBeGreaterThan(10);
  });

  it('say the team is 3–5 and the poll more than 50 % of all households', () => {
    expect(CONDITION_WORDS.team.vi).toContain('3–5');
    expect(CONDITION_WORDS.poll.vi).toContain('Trên 50% tổng số hộ');
    expect(CONDITION_WORDS.poll.en).toContain('More than 50 % of all households');
  });
});

describe('OnlineCondition: the shape of a recorded condition', () => {
  it.each<[string, unknown]>([
    ['the leaders’ agreement', { condition: 'leaders_agreed', ...on }],
    ['the report to UBND xã and UBMTTQ xã', { condition: 'reported', ...on }],
    ['a team of 3 led by one of them', { condition: 'team', members: TEAM, leader: 'Nguyễn Thị Lan' }],
    ['a team of 5 with its date and reference', { condition: 'team', members: [...TEAM, member('Phạm An'), member('Võ Hoa')], leader: 'Lê Minh', ...on }],
    ['a team whose leader is written with spaces around', { condition: 'team', members: TEAM, leader: '  Nguyễn Thị Lan ' }],
    ['a poll', { condition: 'poll', agreed: 16, ...on }],
    ['a poll in which nobody agreed (refused later, against H)', { condition: 'poll', agreed: 0, ...on }],
    ['the devices', { condition: 'devices', ...on }],
  ])('accepts %s', (_name, value) => {
    expect(OnlineCondition.safeParse(value).success).toBe(true);
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a team of 2', { condition: 'team', members: TEAM.slice(0, 2), leader: 'Nguyễn Thị Lan' }, ['members']],
    ['a team of 6', { condition: 'team', members: [...TEAM, member('Phạm An'), member('Võ Hoa'), member('Đỗ Quang')], leader: 'Lê Minh' }, ['members']],
    ['a team with no members', { condition: 'team', members: [], leader: 'Lê Minh' }, ['members']],
    ['a leader who is not a member', { condition: 'team', members: TEAM, leader: 'Hoàng Văn Tư' }, ['leader']],
    ['a team without a leader', { condition: 'team', members: TEAM }, ['leader']],
    ['a member without a role', { condition: 'team', members: [...TEAM.slice(0, 2), { name: 'Lê Minh' }], leader: 'Lê Minh' }, ['members', 2, 'role']],
    ['a member with a one-letter name', { condition: 'team', members: [...TEAM.slice(0, 2), member('M')], leader: 'Nguyễn Thị Lan' }, ['members', 2, 'name']],
    ['a poll without its count', { condition: 'poll', ...on }, ['agreed']],
    ['a poll with a negative count', { condition: 'poll', agreed: -1, ...on }, ['agreed']],
    ['a poll with half a household', { condition: 'poll', agreed: 15.5, ...on }, ['agreed']],
    ['a poll with its count as text', { condition: 'poll', agreed: '16', ...on }, ['agreed']],
    ['a poll without a date', { condition: 'poll', agreed: 16, reference: on.reference }, ['date']],
    ['an agreement on a date written the other way', { condition: 'leaders_agreed', date: '01/12/2026', reference: on.reference }, ['date']],
    ['an agreement with a date and time', { condition: 'leaders_agreed', date: '2026-12-01T08:00:00Z', reference: on.reference }, ['date']],
    ['a report with a reference too short', { condition: 'reported', date: on.date, reference: ' 1 ' }, ['reference']],
    ['a report without a reference', { condition: 'reported', date: on.date }, ['reference']],
    ['the devices with a field the law does not have', { condition: 'devices', ...on, share: 0.9 }, []],
    ['a sixth condition', { condition: 'quorum', ...on }, ['condition']],
    ['no condition', { ...on }, ['condition']],
  ])('refuses %s', (_name, value, path) => {
    const parsed = OnlineCondition.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});

describe('conditionsFor', () => {
  // Online: the five (D59 Art. 5); a household ballot: the plan and the ballot team (D59 Art. 4(2), 4(3)), and for an
  // Art. 15(6) matter the leaders' agreement before them (Law Art. 17, 19); meetings: none.
  const expected = (matter: Matter, method: Method): string[] => {
    if (method === 'online') return FIVE;
    if (method === 'household_ballot') return matter === 'other_self_managed' ? ['leaders_agreed', ...BALLOT] : BALLOT;
    return [];
  };
  const cases = MATTERS.flatMap((matter) =>
    (['meeting', 'household_ballot', 'online'] as const)
      .filter((method) => method !== 'online' || matter === 'other_self_managed' || matter === 'opinion')
      .map((method) => [matter, method, expected(matter, method)] as const),
  );
  it.each(cases)('a %s round by %s needs %j', (matter, method, conditions) => {
    expect([...conditionsFor(matter, method)]).toEqual(conditions);
  });
});

describe('conditionProblem: the poll needs more than 50 % of all households (D59 Art. 5(2)(c))', () => {
  // H, then the fewest households that are more than half of H: the least integer above H/2.
  const needed: [number, number][] = [
    [0, 1],
    [1, 1],
    [2, 2],
    [29, 15],
    [30, 16],
    [31, 16],
  ];
  // One fewer is not enough, the least is, and so is every household; with H = 0 no count of households is more than half.
  const cases = needed.flatMap(([h, n]) =>
    [[h, n - 1, false] as const, [h, n, true] as const, [h, h, h > 0] as const].filter(([, a], i) => a >= 0 && (i !== 1 || n <= h)),
  );

  it.each(cases)('with H = %i, %i agreeing is enough: %s', (h, agreed, enough) => {
    const problem = conditionProblem({ condition: 'poll', agreed, ...on }, h);
    expect(problem === undefined).toBe(enough);
  });

  it.each(needed)('with H = %i, too few says at least %i are needed, in both languages', (h, n) => {
    const problem = conditionProblem({ condition: 'poll', agreed: n - 1, ...on }, h);
    expect(problem?.vi).toContain(`Chỉ ${n - 1} trên ${h} hộ`);
    expect(problem?.vi).toContain(`trên 50% tổng số hộ (ít nhất ${n} hộ)`);
    expect(problem?.en).toContain(`Only ${n - 1} of ${h} households`);
    expect(problem?.en).toContain(`(at least ${n})`);
    expect(problem?.en).toContain('Decree 59/2023 Art. 5');
  });

  it('measures against all households, not those asked: 16 of 20 asked in a hamlet of 40 is not enough', () => {
    expect(conditionProblem({ condition: 'poll', agreed: 16, ...on }, 40)).toBeDefined();
    expect(conditionProblem({ condition: 'poll', agreed: 21, ...on }, 40)).toBeUndefined();
  });

  it.each<OnlineCondition>([
    { condition: 'leaders_agreed', ...on },
    { condition: 'reported', ...on },
    { condition: 'team', members: TEAM, leader: 'Lê Minh' },
    { condition: 'devices', ...on },
    { condition: 'ballot_team', members: TEAM, leader: 'Nguyễn Thị Lan' },
    { condition: 'ballot_plan', issued: '2026-12-01', sent: '2026-12-03', reference: 'KH số 01' },
  ])('a $condition condition stands whatever H is', (c) => {
    for (const h of [0, 1, 30, 10_000]) expect(conditionProblem(c, h)).toBeUndefined();
  });
});

describe('the household-ballot conditions (Decree 59/2023 Art. 4)', () => {
  const plan = (issued: string, sent: string) => ({ condition: 'ballot_plan' as const, issued, sent, reference: 'Kế hoạch số 01/KH-TĐ' });

  it('are the plan and the ballot team, apart from the five of an online vote', () => {
    expect([...BALLOT_CONDITIONS]).toEqual(['ballot_plan', 'ballot_team']);
    for (const kind of BALLOT_CONDITIONS) expect(ONLINE_CONDITIONS).not.toContain(kind);
  });

  it('are put in words in both languages: the plan sent to both chairs within 02 days, the team of 3–5', () => {
    expect(CONDITION_WORDS.ballot_plan.vi).toContain('Kế hoạch tổ chức phát phiếu lấy ý kiến');
    expect(CONDITION_WORDS.ballot_plan.vi).toContain('Chủ tịch UBND xã và Chủ tịch UBMTTQ xã');
    expect(CONDITION_WORDS.ballot_plan.vi).toContain('chậm nhất 02 ngày');
    expect(CONDITION_WORDS.ballot_plan.en).toContain('at most 2 days');
    expect(CONDITION_WORDS.ballot_team.vi).toContain('Tổ phát phiếu lấy ý kiến (3–5 người');
    expect(CONDITION_WORDS.ballot_team.en).toContain('ballot team (3–5');
  });

  it.each<[string, unknown]>([
    ['a plan sent the day it was issued', plan('2026-12-01', '2026-12-01')],
    ['a plan sent two days after', plan('2026-12-01', '2026-12-03')],
    ['a ballot team of 3 led by one of them', { condition: 'ballot_team', members: TEAM, leader: 'Nguyễn Thị Lan' }],
    [
      'a ballot team of 5 with its date and decision',
      { condition: 'ballot_team', members: [...TEAM, member('Phạm An'), member('Võ Hoa')], leader: 'Lê Minh', ...on },
    ],
  ])('accepts %s', (_name, value) => {
    expect(OnlineCondition.safeParse(value).success).toBe(true);
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a plan without the day it was sent', { condition: 'ballot_plan', issued: '2026-12-01', reference: 'KH số 01' }, ['sent']],
    ['a plan without the day it was issued', { condition: 'ballot_plan', sent: '2026-12-01', reference: 'KH số 01' }, ['issued']],
    ['a plan without its number', { condition: 'ballot_plan', issued: '2026-12-01', sent: '2026-12-01' }, ['reference']],
    ['a plan sent on a date written the other way', plan('2026-12-01', '03/12/2026'), ['sent']],
    ['a plan with a single date', { condition: 'ballot_plan', ...on }, ['issued']],
    ['a ballot team of 2', { condition: 'ballot_team', members: TEAM.slice(0, 2), leader: 'Nguyễn Thị Lan' }, ['members']],
    [
      'a ballot team of 6',
      { condition: 'ballot_team', members: [...TEAM, member('Phạm An'), member('Võ Hoa'), member('Đỗ Quang')], leader: 'Lê Minh' },
      ['members'],
    ],
    ['a ballot team whose leader is not a member', { condition: 'ballot_team', members: TEAM, leader: 'Hoàng Văn Tư' }, ['leader']],
    ['a ballot team without a leader', { condition: 'ballot_team', members: TEAM }, ['leader']],
    [
      'a ballot team member without a role',
      { condition: 'ballot_team', members: [...TEAM.slice(0, 2), { name: 'Lê Minh' }], leader: 'Lê Minh' },
      ['members', 2, 'role'],
    ],
  ])('refuses %s', (_name, value, path) => {
    const parsed = OnlineCondition.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toContainEqual(path);
  });

  // Sent at most 2 days after it was issued (D59 Art. 4(2) "chậm nhất 02 ngày kể từ ngày ban hành"), never before.
  it.each<[string, string, boolean]>([
    ['2026-12-01', '2026-11-30', false],
    ['2026-12-01', '2026-12-01', true],
    ['2026-12-01', '2026-12-02', true],
    ['2026-12-01', '2026-12-03', true],
    ['2026-12-01', '2026-12-04', false],
    ['2026-12-30', '2027-01-01', true],
    ['2026-12-30', '2027-01-02', false],
    ['2028-02-28', '2028-03-01', true],
    ['2027-02-28', '2027-03-02', true],
    ['2027-02-27', '2027-03-02', false],
  ])('a plan issued on %s and sent on %s stands: %s', (issued, sent, stands) => {
    expect(conditionProblem(plan(issued, sent), 30) === undefined).toBe(stands);
  });

  it('says a plan sent too late must reach both chairs within 02 days, in both languages', () => {
    const problem = conditionProblem(plan('2026-12-01', '2026-12-04'), 30);
    expect(problem?.vi).toContain('chậm nhất 02 ngày kể từ ngày ban hành');
    expect(problem?.vi).toContain('ban hành ngày 2026-12-01 nhưng gửi ngày 2026-12-04');
    expect(problem?.vi).toContain('Nghị định 59/2023 Điều 4 khoản 2');
    expect(problem?.en).toContain('at most 2 days after it is issued');
    expect(problem?.en).toContain('Decree 59/2023 Art. 4(2)');
  });

  it('says a plan sent before it was issued, in both languages', () => {
    const problem = conditionProblem(plan('2026-12-03', '2026-12-01'), 30);
    expect(problem?.vi).toBe('Kế hoạch được gửi ngày 2026-12-01, trước ngày ban hành 2026-12-03.');
    expect(problem?.en).toBe('The plan was sent on 2026-12-01, before it was issued on 2026-12-03.');
  });

  it.each([
    ['2026-02-30', '2026-03-01'],
    ['2026-12-01', '2026-12-32'],
    ['2026-13-01', '2026-12-01'],
  ])('refuses a day that is not in the calendar: issued %s, sent %s', (issued, sent) => {
    expect(conditionProblem(plan(issued, sent), 30)?.en).toMatch(/^There is no such day as 2026-(02-30|12-32|13-01)\.$/);
  });
});
