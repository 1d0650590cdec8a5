import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, LegalProfile, applyMeetingQuorum, atLeastAsStrict, checkConsultation, describeRule, presetRule } from '../../shared/matters.ts';
import { ConsultationInput } from '../../shared/schemas.ts';
import type { Matter, Method, Question, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
const MEETING_QUORUM = { op: 'more_than', fraction: [1, 2] } as const satisfies Rule['quorum'];

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

  it.each<[Matter, Rule, boolean]>([
    ['contribution', TWO_THIRDS, true],
    ['contribution_management', TWO_THIRDS, true],
    ['community_rules', MORE_THAN_HALF, true],
    ['election', MORE_THAN_HALF, true],
    ['other_self_managed', MORE_THAN_HALF, true],
    ['opinion', { base: 'plurality' }, false],
  ])('presets %s to %j, binding %s', (matter, rule, binding) => {
    expect(presetRule(matter)).toEqual(rule);
    expect(DEFAULT_PROFILE.matters[matter].binding).toBe(binding);
  });

  it('gives a copy of the preset, so changing it leaves the profile alone', () => {
    const rule = presetRule('contribution');
    if (rule.base !== 'plurality') rule.fraction[0] = 1;
    expect(presetRule('contribution')).toEqual(TWO_THIRDS);
  });

  it('cannot be changed in place; a commune changes a copy', () => {
    expect(() => DEFAULT_PROFILE.matters.contribution.methods.push('online')).toThrow(TypeError);
    expect(DEFAULT_PROFILE.matters.election.methods).toEqual(['household_ballot', 'meeting']);
  });

  it('requires a meeting of more than half of the households', () => {
    expect(DEFAULT_PROFILE.meetingQuorum).toEqual(MEETING_QUORUM);
  });

  it('refuses a profile that opens online voting to contributions', () => {
    const profile = structuredClone(DEFAULT_PROFILE);
    profile.matters.contribution.methods.push('online');
    const parsed = LegalProfile.safeParse(profile);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['matters', 'contribution', 'methods']);
  });
});

describe('checkConsultation', () => {
  it.each<Matter>(['contribution', 'contribution_management', 'community_rules', 'election', 'other_self_managed', 'opinion'])(
    'accepts a %s consultation under its preset rule',
    (matter) => {
      const i = input(matter);
      expect(ConsultationInput.safeParse(i).success).toBe(true);
      expect(checkConsultation(i)).toEqual([]);
    },
  );

  describe('methods (Decree 59/2023 Art. 5)', () => {
    const allowed: Record<Matter, Method[]> = {
      contribution: ['household_ballot', 'meeting'],
      contribution_management: ['household_ballot', 'meeting'],
      community_rules: ['household_ballot', 'meeting'],
      election: ['household_ballot', 'meeting'],
      other_self_managed: ['household_ballot', 'meeting', 'online'],
      opinion: ['household_ballot', 'meeting', 'online'],
    };
    const cases = Object.entries(allowed).flatMap(([matter, methods]) =>
      (['household_ballot', 'meeting', 'online'] as const).map((method) => [matter as Matter, method, methods.includes(method)] as const),
    );
    it.each(cases)('a %s matter by %s is allowed: %s', (matter, method, ok) => {
      const i = applyMeetingQuorum(input(matter, { method }));
      expect(codes(i).includes('method_not_allowed')).toBe(!ok);
    });

    it('refuses online for a contribution even when a profile allows it', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.matters.contribution.methods.push('online');
      expect(checkConsultation(input('contribution', { method: 'online' }), profile)).toEqual([
        { path: ['method'], code: 'method_not_allowed', message: expect.stringContaining('household_ballot, meeting') },
      ]);
    });

    it('follows a profile that narrows the methods', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.matters.opinion.methods = ['household_ballot'];
      expect(codes(input('opinion', { method: 'online' }), profile)).toEqual(['method_not_allowed']);
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
      expect(codes(input('election', { opensAt, closesAt }))).toEqual(expected);
    });
  });

  describe('rules of binding matters', () => {
    it.each<[Matter, string, boolean, Rule]>([
      ['contribution', 'at least 2/3 of all households', true, TWO_THIRDS],
      ['contribution', 'at least 3/4 of all households', true, { base: 'eligible', op: 'at_least', fraction: [3, 4] }],
      ['contribution', 'more than 2/3 of all households', true, { base: 'eligible', op: 'more_than', fraction: [2, 3] }],
      ['contribution', 'at least 4/6 of all households', true, { base: 'eligible', op: 'at_least', fraction: [4, 6] }],
      ['contribution', 'at least 2/3 with a quorum', true, { ...TWO_THIRDS, quorum: MEETING_QUORUM }],
      ['contribution', 'at least 2/3 of the ballots cast', false, { base: 'cast', op: 'at_least', fraction: [2, 3] }],
      ['contribution', 'at least 1/1 of the ballots cast', false, { base: 'cast', op: 'at_least', fraction: [1, 1] }],
      ['contribution', 'more than 1/2 of all households', false, MORE_THAN_HALF],
      ['contribution', 'at least 65/100 of all households', false, { base: 'eligible', op: 'at_least', fraction: [65, 100] }],
      ['contribution', 'the most votes', false, { base: 'plurality' }],
      ['contribution_management', 'more than 1/2 of all households', false, MORE_THAN_HALF],
      ['community_rules', 'more than 1/2 of all households', true, MORE_THAN_HALF],
      ['community_rules', 'at least 2/3 of all households', true, TWO_THIRDS],
      ['community_rules', 'at least 1/2 of all households', false, { base: 'eligible', op: 'at_least', fraction: [1, 2] }],
      ['community_rules', 'more than 1/2 of the ballots cast', false, { base: 'cast', op: 'more_than', fraction: [1, 2] }],
      ['election', 'the most votes', false, { base: 'plurality' }],
      ['other_self_managed', 'more than 1/2 of all households', true, MORE_THAN_HALF],
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

    it('follows a profile in which a lawyer confirmed 1/2 for contributions', () => {
      const profile = structuredClone(DEFAULT_PROFILE);
      profile.matters.contribution.rule = MORE_THAN_HALF;
      expect(codes(input('contribution', { questions: [yesNo(MORE_THAN_HALF)] }), profile)).toEqual([]);
      expect(codes(input('contribution', { questions: [yesNo(MORE_THAN_HALF)] }))).toEqual(['rule_too_weak']);
    });

    it('holds every question, and every type, to the preset', () => {
      const weak: Rule = { base: 'plurality' };
      const questions: Question[] = [
        yesNo(MORE_THAN_HALF, 'q1'),
        {
          id: 'q2',
          type: 'single',
          text: 'Ai?',
          options: [
            { id: 'an', label: 'An' },
            { id: 'binh', label: 'Bình' },
          ],
          rule: weak,
        },
        {
          id: 'q3',
          type: 'approval',
          text: 'Ai?',
          options: [
            { id: 'an', label: 'An' },
            { id: 'binh', label: 'Bình' },
          ],
          rule: weak,
          max: 1,
        },
      ];
      expect(checkConsultation(input('election', { questions })).map((p) => p.path)).toEqual([
        ['questions', 1, 'rule'],
        ['questions', 2, 'rule'],
      ]);
    });
  });

  describe('atLeastAsStrict', () => {
    it.each<[string, Rule, Rule, boolean]>([
      ['a share of all households is stricter than the same share of the ballots', TWO_THIRDS, { base: 'cast', op: 'at_least', fraction: [2, 3] }, true],
      [
        'a larger share of the ballots is stricter than a smaller one',
        { base: 'cast', op: 'at_least', fraction: [3, 4] },
        { base: 'cast', op: 'more_than', fraction: [1, 2] },
        true,
      ],
      ['anything is as strict as a plurality', { base: 'cast', op: 'more_than', fraction: [0, 1] }, { base: 'plurality' }, true],
      ['a rule without the preset quorum is weaker', TWO_THIRDS, { ...TWO_THIRDS, quorum: MEETING_QUORUM }, false],
      [
        'a rule with a weaker quorum is weaker',
        { ...TWO_THIRDS, quorum: { op: 'at_least', fraction: [1, 2] } },
        { ...TWO_THIRDS, quorum: MEETING_QUORUM },
        false,
      ],
      [
        'a plurality with the preset quorum is as strict as that plurality',
        { base: 'plurality', quorum: MEETING_QUORUM },
        { base: 'plurality', quorum: MEETING_QUORUM },
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
    ])('%s is refused, even for an opinion', (_name, rule, expected, path) => {
      const problems = checkConsultation(input('opinion', { questions: [yesNo(rule)] }));
      expect(problems.map((p) => p.code)).toEqual(expected);
      expect(problems[0]?.path).toEqual(path);
    });

    it('more than 0 of the ballots (at least one vote) is allowed', () => {
      expect(codes(input('opinion', { questions: [yesNo({ base: 'cast', op: 'more_than', fraction: [0, 1] })] }))).toEqual([]);
    });
  });

  describe('meeting quorum (Law 10/2022 Art. 18)', () => {
    const meeting = (rule: Rule, matter: Matter = 'community_rules') => input(matter, { method: 'meeting', questions: [yesNo(rule)] });

    it.each<[string, string[], Rule]>([
      ['no quorum', ['quorum_required'], MORE_THAN_HALF],
      ['a quorum of at least 1/2', ['quorum_too_weak'], { ...MORE_THAN_HALF, quorum: { op: 'at_least', fraction: [1, 2] } }],
      ['a quorum of more than 1/2', [], { ...MORE_THAN_HALF, quorum: MEETING_QUORUM }],
      ['a quorum of at least 2/3', [], { ...MORE_THAN_HALF, quorum: { op: 'at_least', fraction: [2, 3] } }],
    ])('a binding meeting with %s gives %j', (_name, expected, rule) => {
      expect(codes(meeting(rule))).toEqual(expected);
    });

    it('names the quorum field', () => {
      expect(checkConsultation(meeting(MORE_THAN_HALF))[0]?.path).toEqual(['questions', 0, 'rule', 'quorum']);
    });

    it('does not require a quorum of an advisory meeting or of a household ballot', () => {
      expect(codes(meeting({ base: 'plurality' }, 'opinion'))).toEqual([]);
      expect(codes(input('community_rules'))).toEqual([]);
    });

    it('is added to each binding meeting question that has none, and kept where one is given', () => {
      const given = { ...MORE_THAN_HALF, quorum: { op: 'at_least', fraction: [3, 4] } } satisfies Rule;
      const original = input('election', { method: 'meeting', questions: [yesNo(MORE_THAN_HALF, 'q1'), yesNo(given, 'q2')] });
      const applied = applyMeetingQuorum(original);
      expect(applied.questions.map((q) => q.rule)).toEqual([{ ...MORE_THAN_HALF, quorum: MEETING_QUORUM }, given]);
      expect(original.questions[0]?.rule.quorum).toBeUndefined();
      expect(checkConsultation(applied)).toEqual([]);
    });

    it('is not added to a household ballot or an advisory meeting', () => {
      const ballot = input('election');
      const advisory = input('opinion', { method: 'meeting' });
      expect(applyMeetingQuorum(ballot)).toEqual(ballot);
      expect(applyMeetingQuorum(advisory)).toEqual(advisory);
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

    it.each<Matter>(['contribution_management', 'community_rules', 'election', 'other_self_managed', 'opinion'])(
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
    const i = input('election', { questions: [yesNo(MORE_THAN_HALF, 'q1'), yesNo(MORE_THAN_HALF, 'q2'), yesNo(MORE_THAN_HALF, 'q1')] });
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
});
