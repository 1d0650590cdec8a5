import { describe, expect, it } from 'vitest';
import { CONDITION_WORDS, conditionProblem, conditionsFor, ONLINE_CONDITIONS, OnlineCondition } from '../../shared/online-conditions.ts';
import type { Matter, Method } from '../../shared/schemas.ts';

const MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'] as const;
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
  // Online: the five (D59 Art. 5); a household ballot of an Art. 15(6) matter: the leaders' agreement (Law Art. 17, 19);
  // meetings, and household ballots of every other matter: none.
  const expected = (matter: Matter, method: Method): string[] => {
    if (method === 'online') return FIVE;
    if (method === 'household_ballot' && matter === 'other_self_managed') return ['leaders_agreed'];
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
  ])('a $condition condition stands whatever H is', (c) => {
    for (const h of [0, 1, 30, 10_000]) expect(conditionProblem(c, h)).toBeUndefined();
  });
});
