import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, LegalProfile, applyMeetingAttendance, atLeastAsStrict, checkConsultation, describeRule, presetRule } from '../../shared/matters.ts';
import { methodRule } from '../../shared/methods.ts';
import { ConsultationInput } from '../../shared/schemas.ts';
import type { Matter, Method, Question, Quorum, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
/** Decree 61/2023 Art. 10(1)(a): more than 50 % of all households present. */
const MORE_THAN_HALF_PRESENT: Quorum = { op: 'more_than', fraction: [1, 2] };
const MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'] as const;
const METHODS = ['meeting', 'household_ballot', 'online'] as const;

function yesNo(rule: Rule, id = 'q1'): Question {
  return { id, type: 'yes_no', text: 'Tán thành?', options: [], rule };
}

/** A sensible consultation of `matter`: a yes/no question under the matter's preset, held by household ballot. */
function input(matter: Matter, overrides: Partial<ConsultationInput> = {}): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter,
    method: 'household_ballot',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường trục thôn dài 800 m.',
    opensAt: '2026-11-15T00:00:00Z',
    closesAt: '2026-11-22T10:00:00Z',
    questions: [yesNo(presetRule(matter))],
    ...(matter === 'contribution'
      ? {
          contribution: {
            totalCost: 900_000_000,
            stateBudget: 600_000_000,
            residentsShare: 300_000_000,
            basis: 'per_household',
            amountPerUnit: 2_000_000,
            exemptions: [
              { category: 'poor', percent: 100 },
              { category: 'near_poor', percent: 50 },
            ],
          },
        }
      : {}),
    ...overrides,
  };
}

const codes = (i: ConsultationInput, profile = DEFAULT_PROFILE) => checkConsultation(i, profile).map((p) => p.code);

describe('the default legal profile', () => {
  it('is a valid profile', () => {
    expect(LegalProfile.safeParse(DEFAULT_PROFILE).success).toBe(true);
  });

  // Law 10/2022 Art. 21(1): 2/3 of all households for 15(1), (2); more than 50 % for 15(3)-(6); Art. 25 advisory.
  it.each<[Matter, Rule, boolean]>([
    ['contribution', TWO_THIRDS, true],
    ['contribution_management', TWO_THIRDS, true],
    ['community_rules', MORE_THAN_HALF, true],
    ['village_head', MORE_THAN_HALF, true],
    ['board_members', MORE_THAN_HALF, true],
    ['other_self_managed', MORE_THAN_HALF, true],
    ['opinion', { base: 'plurality' }, false],
  ])('presets %s to %j, binding %s', (matter, rule, binding) => {
    expect(presetRule(matter)).toEqual(rule);
    expect(DEFAULT_PROFILE.matters[matter].binding).toBe(binding);
  });

  it('has a preset for every matter and no other', () => {
    expect(Object.keys(DEFAULT_PROFILE.matters).sort()).toEqual([...MATTERS].sort());
  });

  it('gives a copy of the preset, so changing it leaves the profile alone', () => {
    const rule = presetRule('contribution');
    if (rule.base !== 'plurality') rule.fraction[0] = 1;
    expect(presetRule('contribution')).toEqual(TWO_THIRDS);
  });

  it('cannot be changed in place; a commune changes a copy', () => {
    const rule = DEFAULT_PROFILE.matters.contribution.rule;
    expect(() => {
      if (rule.base !== 'plurality') rule.fraction[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      DEFAULT_PROFILE.notice.meeting = 1;
    }).toThrow(TypeError);
    expect(() => DEFAULT_PROFILE.holidays.push('2026-09-02')).toThrow(TypeError);
    expect(presetRule('contribution')).toEqual(TWO_THIRDS);
    expect(DEFAULT_PROFILE.notice.meeting).toBe(2);
  });

  it('asks a community-rules meeting for more than half of all households present (Decree 61/2023 Art. 10(1))', () => {
    expect(DEFAULT_PROFILE.meetingQuorum).toEqual(MORE_THAN_HALF_PRESENT);
  });

  it.each<[string, (p: Record<string, unknown>) => void]>([
    ['the old per-matter methods', (p) => Object.assign((p.matters as Record<string, object>).contribution!, { methods: ['online'] })],
    ['the old election matter', (p) => Object.assign(p.matters as object, { election: { rule: MORE_THAN_HALF, binding: true } })],
    ['the old disclosure days', (p) => Object.assign(p, { disclosureDays: 7 })],
    ['the old complaint days', (p) => Object.assign(p, { complaintDays: 7 })],
    ['a missing matter', (p) => delete (p.matters as Record<string, unknown>).board_members],
    ['a missing notice', (p) => delete p.notice],
    ['a meeting notice shorter than the law', (p) => Object.assign(p.notice as object, { meeting: 1 })],
    ['a holiday that is not a date', (p) => Object.assign(p, { holidays: ['2/9/2026'] })],
  ])('refuses a profile with %s', (_name, change) => {
    const profile = structuredClone(DEFAULT_PROFILE) as unknown as Record<string, unknown>;
    change(profile);
    expect(LegalProfile.safeParse(profile).success).toBe(false);
  });
});

describe('checkConsultation', () => {
  it.each<Matter>([...MATTERS])('accepts a %s consultation under its preset rule', (matter) => {
    const i = input(matter);
    expect(ConsultationInput.safeParse(i).success).toBe(true);
    expect(checkConsultation(i)).toEqual([]);
  });

  describe('methods (Law 10/2022 Art. 17(2); Decree 59/2023 Art. 5)', () => {
    // Online only for Art. 15(6) matters and opinions; whether a household ballot follows a meeting is checked
    // by methodProblems with the round it follows (test/shared/methods.test.ts), not here.
    const online: readonly Matter[] = ['other_self_managed', 'opinion'];
    const cases = MATTERS.flatMap((matter) => METHODS.map((method) => [matter, method, method !== 'online' || online.includes(matter)] as const));

    it.each(cases)('a %s matter by %s is allowed: %s', (matter, method, ok) => {
      const i = applyMeetingAttendance(input(matter, { method }));
      expect(codes(i)).toEqual(ok ? [] : ['method_not_allowed']);
    });

    it.each<Matter>(['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members'])(
      'refuses %s online with the law in both languages',
      (matter) => {
        const [problem] = checkConsultation(input(matter, { method: 'online' }));
        const words = methodRule(matter, 'online', { kind: 'hamlet' }).words;
        expect(problem).toEqual({ path: ['method'], code: 'method_not_allowed', message: words.en, words });
        expect(problem?.words?.vi).toContain('khoản 6 Điều 15');
        expect(problem?.words?.en).toContain('Art. 15(6)');
      },
    );

    it('refuses online for a commune-wide contribution too', () => {
      expect(codes(input('contribution', { method: 'online', scope: { kind: 'commune', name: 'Xã Yên Bình' } }))).toEqual(['method_not_allowed']);
    });

    it('no profile can open online voting to a contribution: the methods are the law, not a setting', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.matters.contribution.rule = MORE_THAN_HALF;
      expect(codes(input('contribution', { method: 'online', questions: [yesNo(MORE_THAN_HALF)] }), profile)).toEqual(['method_not_allowed']);
    });
  });

  describe('voting window', () => {
    it.each<[string, string, string, string[]]>([
      ['closing when it opens', '2026-11-15T00:00:00Z', '2026-11-15T00:00:00Z', ['closes_before_opens']],
      ['closing before it opens', '2026-11-22T00:00:00Z', '2026-11-15T00:00:00Z', ['closes_before_opens']],
      ['a day that does not exist', '2026-02-30T00:00:00Z', '2026-03-15T00:00:00Z', ['invalid_time']],
      ['a month that does not exist', '2026-11-15T00:00:00Z', '2026-13-01T00:00:00Z', ['invalid_time']],
      ['hour 24', '2026-11-15T24:00:00Z', '2026-11-22T00:00:00Z', ['invalid_time']],
      ['a one-second window', '2026-11-15T00:00:00Z', '2026-11-15T00:00:01Z', []],
    ])('a window %s gives %j', (_name, opensAt, closesAt, expected) => {
      expect(codes(input('village_head', { opensAt, closesAt }))).toEqual(expected);
    });
  });

  describe('rules of binding matters', () => {
    it.each<[Matter, string, boolean, Rule]>([
      ['contribution', 'at least 2/3 of all households', true, TWO_THIRDS],
      ['contribution', 'at least 3/4 of all households', true, { base: 'eligible', op: 'at_least', fraction: [3, 4] }],
      ['contribution', 'more than 2/3 of all households', true, { base: 'eligible', op: 'more_than', fraction: [2, 3] }],
      ['contribution', 'at least 4/6 of all households', true, { base: 'eligible', op: 'at_least', fraction: [4, 6] }],
      ['contribution', 'at least 2/3 with a quorum', true, { ...TWO_THIRDS, quorum: MORE_THAN_HALF_PRESENT }],
      ['contribution', 'at least 2/3 of the ballots cast', false, { base: 'cast', op: 'at_least', fraction: [2, 3] }],
      ['contribution', 'at least 1/1 of the ballots cast', false, { base: 'cast', op: 'at_least', fraction: [1, 1] }],
      ['contribution', 'more than 1/2 of all households', false, MORE_THAN_HALF],
      ['contribution', 'at least 65/100 of all households', false, { base: 'eligible', op: 'at_least', fraction: [65, 100] }],
      ['contribution', 'the most votes', false, { base: 'plurality' }],
      ['contribution_management', 'more than 1/2 of all households', false, MORE_THAN_HALF],
      ['contribution_management', 'at least 2/3 of all households', true, TWO_THIRDS],
      ['community_rules', 'more than 1/2 of all households', true, MORE_THAN_HALF],
      ['community_rules', 'at least 2/3 of all households', true, TWO_THIRDS],
      ['community_rules', 'at least 1/2 of all households', false, { base: 'eligible', op: 'at_least', fraction: [1, 2] }],
      ['community_rules', 'more than 1/2 of the ballots cast', false, { base: 'cast', op: 'more_than', fraction: [1, 2] }],
      ['village_head', 'more than 1/2 of all households', true, MORE_THAN_HALF],
      ['village_head', 'the most votes', false, { base: 'plurality' }],
      ['village_head', 'more than 1/2 of the ballots cast', false, { base: 'cast', op: 'more_than', fraction: [1, 2] }],
      ['board_members', 'more than 1/2 of all households', true, MORE_THAN_HALF],
      ['board_members', 'the most votes', false, { base: 'plurality' }],
      ['board_members', 'at least 1/2 of all households', false, { base: 'eligible', op: 'at_least', fraction: [1, 2] }],
      ['other_self_managed', 'more than 1/2 of all households', true, MORE_THAN_HALF],
      ['other_self_managed', 'more than 1/2 of the ballots cast', false, { base: 'cast', op: 'more_than', fraction: [1, 2] }],
      ['opinion', 'the most votes', true, { base: 'plurality' }],
      ['opinion', 'more than 1/2 of the ballots cast', true, { base: 'cast', op: 'more_than', fraction: [1, 2] }],
      ['opinion', 'at least 1/3 of all households', true, { base: 'eligible', op: 'at_least', fraction: [1, 3] }],
    ])('a %s question needing %s is accepted: %s', (matter, _name, ok, rule) => {
      const problems = checkConsultation(input(matter, { questions: [yesNo(rule)] }));
      expect(problems).toEqual(ok ? [] : [{ path: ['questions', 0, 'rule'], code: 'rule_too_weak', message: expect.stringContaining(describeRule(rule)) }]);
    });

    it('explains that absent households count against a contribution', () => {
      const [problem] = checkConsultation(input('contribution', { questions: [yesNo({ base: 'cast', op: 'at_least', fraction: [2, 3] })] }));
      expect(problem?.message).toBe(
        'question q1: a contribution decision (Law 10/2022 Art. 15(1)) needs at least 2/3 of all households, but this rule asks for at least 2/3 of the ballots cast; absent and abstaining households count against adoption, so the base must be all households',
      );
    });

    it.each<[Matter, string]>([
      ['village_head', 'Law 10/2022 Art. 15(4)'],
      ['board_members', 'Law 10/2022 Art. 15(5)'],
    ])('cites the article of a %s decision (%s) with the law’s share', (matter, article) => {
      const [problem] = checkConsultation(input(matter, { questions: [yesNo({ base: 'plurality' })] }));
      expect(problem?.message).toContain(article);
      expect(problem?.message).toContain('needs more than 50 % of all households');
    });

    it('follows a profile in which a lawyer confirmed 1/2 for contributions', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.matters.contribution.rule = MORE_THAN_HALF;
      expect(codes(input('contribution', { questions: [yesNo(MORE_THAN_HALF)] }), profile)).toEqual([]);
      expect(codes(input('contribution', { questions: [yesNo(MORE_THAN_HALF)] }))).toEqual(['rule_too_weak']);
    });

    it('holds every question, and every type, to the preset', () => {
      const weak: Rule = { base: 'plurality' };
      const options = [
        { id: 'an', label: 'An' },
        { id: 'binh', label: 'Bình' },
      ];
      const questions: Question[] = [
        yesNo(MORE_THAN_HALF, 'q1'),
        { id: 'q2', type: 'single', text: 'Ai?', options, rule: weak },
        { id: 'q3', type: 'approval', text: 'Ai?', options, rule: weak, max: 1 },
      ];
      expect(checkConsultation(input('board_members', { questions })).map((p) => p.path)).toEqual([
        ['questions', 1, 'rule'],
        ['questions', 2, 'rule'],
      ]);
    });
  });

  describe('atLeastAsStrict', () => {
    it.each<[string, Rule, Rule, boolean]>([
      ['a share of all households is stricter than the same share of the ballots', TWO_THIRDS, { base: 'cast', op: 'at_least', fraction: [2, 3] }, true],
      ['a share of the ballots is weaker than the same share of all households', { base: 'cast', op: 'at_least', fraction: [2, 3] }, TWO_THIRDS, false],
      [
        'a larger share of the ballots is stricter than a smaller one',
        { base: 'cast', op: 'at_least', fraction: [3, 4] },
        { base: 'cast', op: 'more_than', fraction: [1, 2] },
        true,
      ],
      ['more than a share is stricter than at least the same share', MORE_THAN_HALF, { base: 'eligible', op: 'at_least', fraction: [1, 2] }, true],
      ['at least a share is weaker than more than the same share', { base: 'eligible', op: 'at_least', fraction: [1, 2] }, MORE_THAN_HALF, false],
      ['anything is as strict as a plurality', { base: 'cast', op: 'more_than', fraction: [0, 1] }, { base: 'plurality' }, true],
      ['a plurality is weaker than any share', { base: 'plurality' }, { base: 'cast', op: 'more_than', fraction: [0, 1] }, false],
      ['a rule without the preset quorum is weaker', TWO_THIRDS, { ...TWO_THIRDS, quorum: MORE_THAN_HALF_PRESENT }, false],
      [
        'a rule with a weaker quorum is weaker',
        { ...TWO_THIRDS, quorum: { op: 'at_least', fraction: [1, 2] } },
        { ...TWO_THIRDS, quorum: MORE_THAN_HALF_PRESENT },
        false,
      ],
      [
        'a plurality with the preset quorum is as strict as that plurality',
        { base: 'plurality', quorum: MORE_THAN_HALF_PRESENT },
        { base: 'plurality', quorum: MORE_THAN_HALF_PRESENT },
        true,
      ],
    ])('%s', (_name, rule, preset, strict) => {
      expect(atLeastAsStrict(rule, preset)).toBe(strict);
    });
  });

  describe('fractions that make no sense', () => {
    it.each<[string, Rule, string[], (string | number)[]]>([
      ['at least 0 of all households', { base: 'eligible', op: 'at_least', fraction: [0, 3] }, ['fraction_zero'], ['questions', 0, 'rule', 'fraction']],
      ['more than all of the ballots', { base: 'cast', op: 'more_than', fraction: [3, 3] }, ['fraction_unreachable'], ['questions', 0, 'rule', 'fraction']],
      [
        'a quorum of at least 0',
        { base: 'plurality', quorum: { op: 'at_least', fraction: [0, 1] } },
        ['fraction_zero'],
        ['questions', 0, 'rule', 'quorum', 'fraction'],
      ],
      [
        'a quorum of more than all households',
        { base: 'plurality', quorum: { op: 'more_than', fraction: [1, 1] } },
        ['fraction_unreachable'],
        ['questions', 0, 'rule', 'quorum', 'fraction'],
      ],
      [
        'an attendance of at least 0',
        { base: 'plurality', attendance: { op: 'at_least', fraction: [0, 2] } },
        ['fraction_zero'],
        ['questions', 0, 'rule', 'attendance', 'fraction'],
      ],
      [
        'an attendance of more than all households',
        { base: 'plurality', attendance: { op: 'more_than', fraction: [2, 2] } },
        ['fraction_unreachable'],
        ['questions', 0, 'rule', 'attendance', 'fraction'],
      ],
    ])('%s is refused, even for an opinion', (_name, rule, expected, path) => {
      const problems = checkConsultation(input('opinion', { questions: [yesNo(rule)] }));
      expect(problems.map((p) => p.code)).toEqual(expected);
      expect(problems[0]?.path).toEqual(path);
    });

    it('more than 0 of the ballots (at least one vote) is allowed', () => {
      expect(codes(input('opinion', { questions: [yesNo({ base: 'cast', op: 'more_than', fraction: [0, 1] })] }))).toEqual([]);
    });
  });

  describe('attendance of a community-rules meeting (Decree 61/2023 Art. 10(1))', () => {
    const meeting = (rule: Rule, matter: Matter = 'community_rules') => input(matter, { method: 'meeting', questions: [yesNo(rule)] });

    it.each<[string, string[], Rule]>([
      ['no attendance rule', ['attendance_required'], MORE_THAN_HALF],
      ['at least 1/2 present', ['attendance_too_weak'], { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [1, 2] } }],
      ['at least 49/100 present', ['attendance_too_weak'], { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [49, 100] } }],
      ['more than 1/3 present', ['attendance_too_weak'], { ...MORE_THAN_HALF, attendance: { op: 'more_than', fraction: [1, 3] } }],
      ['at least 0 present', ['fraction_zero', 'attendance_too_weak'], { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [0, 1] } }],
      ['more than 1/2 present', [], { ...MORE_THAN_HALF, attendance: MORE_THAN_HALF_PRESENT }],
      ['more than 2/4 present', [], { ...MORE_THAN_HALF, attendance: { op: 'more_than', fraction: [2, 4] } }],
      ['at least 51/100 present', [], { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [51, 100] } }],
      ['at least 2/3 present', [], { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [2, 3] } }],
      ['only a result/1 quorum of more than 1/2', ['attendance_required'], { ...MORE_THAN_HALF, quorum: MORE_THAN_HALF_PRESENT }],
    ])('a community-rules meeting with %s gives %j', (_name, expected, rule) => {
      expect(codes(meeting(rule))).toEqual(expected);
    });

    it('names the attendance field and says what is needed', () => {
      expect(checkConsultation(meeting(MORE_THAN_HALF))).toEqual([
        {
          path: ['questions', 0, 'rule', 'attendance'],
          code: 'attendance_required',
          message: 'question q1: a community-rules meeting needs more than 50 % of all households present',
        },
      ]);
    });

    it('asks it of every question of the meeting', () => {
      const i = input('community_rules', {
        method: 'meeting',
        questions: [yesNo({ ...MORE_THAN_HALF, attendance: MORE_THAN_HALF_PRESENT }, 'q1'), yesNo(MORE_THAN_HALF, 'q2')],
      });
      expect(checkConsultation(i).map((p) => [p.code, p.path])).toEqual([['attendance_required', ['questions', 1, 'rule', 'attendance']]]);
    });

    it.each<[Matter, Method]>([
      ['contribution', 'meeting'],
      ['contribution_management', 'meeting'],
      ['village_head', 'meeting'],
      ['board_members', 'meeting'],
      ['other_self_managed', 'meeting'],
      ['opinion', 'meeting'],
      ['community_rules', 'household_ballot'],
    ])('is not asked of a %s round by %s', (matter, method) => {
      expect(codes(input(matter, { method }))).toEqual([]);
    });

    it('follows a profile that asks more attendance', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.meetingQuorum = { op: 'at_least', fraction: [2, 3] };
      expect(codes(meeting({ ...MORE_THAN_HALF, attendance: MORE_THAN_HALF_PRESENT }), profile)).toEqual(['attendance_too_weak']);
      expect(codes(meeting({ ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [2, 3] } }), profile)).toEqual([]);
    });

    it('is added to each question of a community-rules meeting that has none, and kept where one is given', () => {
      const given = { ...MORE_THAN_HALF, attendance: { op: 'at_least', fraction: [3, 4] } } satisfies Rule;
      const original = input('community_rules', { method: 'meeting', questions: [yesNo(MORE_THAN_HALF, 'q1'), yesNo(given, 'q2')] });
      const applied = applyMeetingAttendance(original);
      expect(applied.questions.map((q) => q.rule)).toEqual([{ ...MORE_THAN_HALF, attendance: MORE_THAN_HALF_PRESENT }, given]);
      expect(original.questions[0]?.rule.attendance).toBeUndefined();
      expect(checkConsultation(original).map((p) => p.code)).toEqual(['attendance_required']);
      expect(checkConsultation(applied)).toEqual([]);
    });

    it('adds the profile’s attendance, as a copy', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.meetingQuorum = { op: 'at_least', fraction: [3, 5] };
      const applied = applyMeetingAttendance(input('community_rules', { method: 'meeting' }), profile);
      expect(applied.questions[0]?.rule.attendance).toEqual({ op: 'at_least', fraction: [3, 5] });
      expect(applied.questions[0]?.rule.attendance).not.toBe(profile.meetingQuorum);
    });

    it.each<[Matter, Method]>([
      ['village_head', 'meeting'],
      ['board_members', 'meeting'],
      ['contribution', 'meeting'],
      ['opinion', 'meeting'],
      ['community_rules', 'household_ballot'],
      ['other_self_managed', 'online'],
    ])('is not added to a %s round by %s', (matter, method) => {
      const original = input(matter, { method });
      expect(applyMeetingAttendance(original)).toEqual(original);
    });
  });

  describe('contribution terms', () => {
    const levels: Question = {
      id: 'level',
      type: 'single',
      text: 'Mức đóng góp?',
      options: [
        { id: 'level-50k', label: '50.000 đ', amountPerUnit: 50_000 },
        { id: 'level-80k', label: '80.000 đ', amountPerUnit: 80_000 },
      ],
      rule: TWO_THIRDS,
    };

    it('a contribution matter needs its terms', () => {
      expect(checkConsultation(input('contribution', { contribution: undefined }))).toEqual([
        { path: ['contribution'], code: 'contribution_required', message: expect.any(String) },
      ]);
    });

    it('a yes/no contribution question needs the amount in the terms', () => {
      const base = input('contribution');
      const terms = { ...base.contribution!, amountPerUnit: undefined };
      expect(checkConsultation({ ...base, contribution: terms })).toEqual([
        { path: ['contribution', 'amountPerUnit'], code: 'amount_required', message: expect.any(String) },
      ]);
    });

    it('each option of a contribution choice is a level with its own amount', () => {
      const base = input('contribution');
      const terms = { ...base.contribution!, amountPerUnit: undefined };
      expect(codes({ ...base, contribution: terms, questions: [levels] })).toEqual([]);
      const missing: Question = { ...levels, options: [levels.options[0]!, { id: 'level-80k', label: '80.000 đ' }] };
      expect(checkConsultation({ ...base, contribution: terms, questions: [missing] })).toEqual([
        { path: ['questions', 0, 'options', 1, 'amountPerUnit'], code: 'amount_required', message: expect.stringContaining('level-80k') },
      ]);
    });

    it.each<Matter>(['contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'])(
      'a %s matter carries no contribution terms',
      (matter) => {
        const terms = input('contribution').contribution;
        expect(checkConsultation(input(matter, { contribution: terms }))).toEqual([
          { path: ['contribution'], code: 'contribution_not_allowed', message: expect.any(String) },
        ]);
      },
    );

    it('an option outside a contribution matter carries no amount', () => {
      expect(checkConsultation(input('opinion', { questions: [{ ...levels, rule: { base: 'plurality' } }] })).map((p) => p.path)).toEqual([
        ['questions', 0, 'options', 0, 'amountPerUnit'],
        ['questions', 0, 'options', 1, 'amountPerUnit'],
      ]);
    });

    it('a household category gets at most one exemption', () => {
      const base = input('contribution');
      const terms = {
        ...base.contribution!,
        exemptions: [
          { category: 'poor' as const, percent: 100 },
          { category: 'poor' as const, percent: 50 },
        ],
      };
      expect(checkConsultation({ ...base, contribution: terms })).toEqual([
        { path: ['contribution', 'exemptions', 1, 'category'], code: 'duplicate_exemption', message: expect.any(String) },
      ]);
    });
  });

  it('question ids are distinct', () => {
    const i = input('village_head', { questions: [yesNo(MORE_THAN_HALF, 'q1'), yesNo(MORE_THAN_HALF, 'q2'), yesNo(MORE_THAN_HALF, 'q1')] });
    expect(checkConsultation(i)).toEqual([{ path: ['questions', 2, 'id'], code: 'duplicate_question', message: 'question id q1 is used twice' }]);
  });

  it('reports every problem at once', () => {
    const i = input('contribution', {
      method: 'online',
      closesAt: '2026-11-01T00:00:00Z',
      contribution: undefined,
      questions: [yesNo({ base: 'plurality' }), yesNo(TWO_THIRDS)],
    });
    expect(codes(i).sort()).toEqual(['closes_before_opens', 'contribution_required', 'duplicate_question', 'method_not_allowed', 'rule_too_weak']);
  });

  it('reports a community-rules meeting’s missing attendance with its other problems', () => {
    const i = input('community_rules', { method: 'meeting', questions: [yesNo({ base: 'cast', op: 'more_than', fraction: [1, 2] })] });
    expect(codes(i)).toEqual(['rule_too_weak', 'attendance_required']);
  });
});
