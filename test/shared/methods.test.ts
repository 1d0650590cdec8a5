import { describe, expect, it } from 'vitest';
import { allowedMethods, type FollowedRound, methodProblems, methodRule } from '../../shared/methods.ts';
import { conditionsFor } from '../../shared/online-conditions.ts';
import type { Matter, Method, OutcomeStatus, State } from '../../shared/schemas.ts';

type Kind = 'hamlet' | 'residential_group' | 'commune';
const MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'] as const;
const KINDS: readonly Kind[] = ['hamlet', 'residential_group', 'commune'];
const COMMUNE = 'xa-yen-binh';
const FOLLOWS = '01JDX3ZQ8M4V6S2T0RKC9BHN7E';

interface Row {
  allowed: boolean;
  needsFollows: boolean;
  needsLeadersAgreed: boolean;
}
const yes = (extra: Partial<Row> = {}): Row => ({ allowed: true, needsFollows: false, needsLeadersAgreed: false, ...extra });
const no: Row = { allowed: false, needsFollows: false, needsLeadersAgreed: false };

/**
 * domain.md "How a round is held", written out row by row: the law's table, independent of the code.
 * Meetings always; online only for Art. 15(6) matters and opinions (Law Art. 17(2); D59 Art. 5); a household ballot of
 * 15(1)-(5) only after a meeting that could not reach the threshold (Art. 19(1)(b); D61 Art. 10(2)(a)), except a
 * commune-wide contribution, where the commune chair chooses (Art. 21(1); D59 Art. 4(6)); other 15(6) matters by
 * household ballot when the village head and the Front working committee agree.
 */
function expected(matter: Matter, method: Method, kind: Kind): Row {
  if (method === 'meeting') return yes();
  // D59 Art. 5(1)(a): an online vote needs the village head's and the Front working committee's agreement first.
  if (method === 'online') return matter === 'other_self_managed' || matter === 'opinion' ? yes({ needsLeadersAgreed: true }) : no;
  if (matter === 'opinion') return yes();
  if (matter === 'other_self_managed') return yes({ needsLeadersAgreed: true });
  if (kind === 'commune' && (matter === 'contribution' || matter === 'contribution_management')) return yes();
  return yes({ needsFollows: true });
}

const TABLE = MATTERS.flatMap((matter) =>
  (['meeting', 'household_ballot', 'online'] as const).flatMap((method) => KINDS.map((kind) => [matter, method, kind] as const)),
);

describe('methodRule: the law’s table of methods', () => {
  it.each(TABLE)('%s by %s in a %s', (matter, method, kind) => {
    const { words, ...rule } = methodRule(matter, method, { kind });
    expect(rule).toEqual(expected(matter, method, kind));
    expect(words.vi).toMatch(/\((Luật 10\/2022|Nghị định 59\/2023) .+\)\.$/);
    expect(words.en).toMatch(/\((Law 10\/2022|Decree 59\/2023) .+\)\.$/);
  });

  it.each<[Matter, Method, Kind, string, string]>([
    ['contribution', 'online', 'hamlet', 'khoản 6 Điều 15', 'Art. 15(6)'],
    ['village_head', 'household_ballot', 'hamlet', 'Điều 19 khoản 1 điểm b', 'Art. 19(1)(b)'],
    ['contribution', 'household_ballot', 'commune', 'Chủ tịch UBND xã', 'commune chair'],
    ['other_self_managed', 'household_ballot', 'hamlet', 'Ban công tác Mặt trận', 'Front working committee'],
    ['community_rules', 'meeting', 'hamlet', 'Điều 18', 'Art. 18'],
  ])('puts %s by %s in a %s in the law’s words', (matter, method, kind, vi, en) => {
    const { words } = methodRule(matter, method, { kind });
    expect(words.vi).toContain(vi);
    expect(words.en).toContain(en);
  });

  it('asks for the leaders’ agreement before an online vote through its conditions (Decree 59/2023 Art. 5(1)(a))', () => {
    for (const matter of ['other_self_managed', 'opinion'] as const) expect(conditionsFor(matter, 'online')).toContain('leaders_agreed');
  });
});

describe('allowedMethods', () => {
  it.each<[Matter, Kind, Method[]]>([
    ['contribution', 'hamlet', ['meeting', 'household_ballot']],
    ['contribution', 'commune', ['meeting', 'household_ballot']],
    ['contribution_management', 'residential_group', ['meeting', 'household_ballot']],
    ['community_rules', 'hamlet', ['meeting', 'household_ballot']],
    ['village_head', 'hamlet', ['meeting', 'household_ballot']],
    ['board_members', 'commune', ['meeting', 'household_ballot']],
    ['other_self_managed', 'hamlet', ['meeting', 'household_ballot', 'online']],
    ['opinion', 'commune', ['meeting', 'household_ballot', 'online']],
  ])('%s in a %s: %j', (matter, kind, methods) => {
    expect(allowedMethods(matter, { kind })).toEqual(methods);
  });
});

/** A published meeting of `matter` in this commune that ended with too few households present. */
function meetingRound(matter: Matter, change: Partial<FollowedRound> = {}): FollowedRound {
  return {
    commune: COMMUNE,
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter,
    method: 'meeting',
    state: 'published',
    outcomes: ['not_enough_present'],
    ...change,
  };
}

const FOLLOW_UP_MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members'] as const;
function ballot(matter: Matter, kind: Kind = 'hamlet', ...named: [follows?: string]) {
  return { matter, method: 'household_ballot' as const, scope: { kind }, follows: named.length === 0 ? FOLLOWS : named[0] };
}

describe('methodProblems', () => {
  describe('a household ballot that must follow a meeting', () => {
    const valid = FOLLOW_UP_MATTERS.flatMap((matter) =>
      (['hamlet', 'residential_group'] as const).flatMap((kind) => [
        [matter, kind, 'one question', ['not_enough_present']] as const,
        [matter, kind, 'several questions', ['not_enough_present', 'not_enough_present']] as const,
      ]),
    );
    it.each(valid)('a %s ballot in a %s follows a meeting that had too few present (%s)', (matter, kind, _name, outcomes) => {
      expect(methodProblems(ballot(matter, kind), COMMUNE, meetingRound(matter, { outcomes }))).toEqual([]);
    });

    it.each<[Matter, boolean]>([
      ['contribution', false],
      ['contribution_management', false],
      ['community_rules', true],
      ['village_head', true],
      ['board_members', true],
    ])('a commune-wide %s ballot without a meeting before it must follow one: %s', (matter, must) => {
      expect(methodProblems(ballot(matter, 'commune', undefined), COMMUNE).map((p) => p.path)).toEqual(must ? [['follows']] : []);
      expect(methodProblems(ballot(matter, 'commune'), COMMUNE, meetingRound(matter))).toEqual([]);
    });

    const otherStates = (['draft', 'disclosure', 'voting', 'closed', 'cancelled'] as const).map(
      (state) => [`a meeting ${state}, not published`, { state }] as [string, Partial<FollowedRound>],
    );
    const bad: [string, Partial<FollowedRound> | undefined, string | undefined][] = [
      ['no round named', undefined, undefined],
      ['a round named that does not exist', undefined, FOLLOWS],
      ['a meeting of another commune', { commune: 'xa-khac' }, FOLLOWS],
      ['a household-ballot round, not a meeting', { method: 'household_ballot' }, FOLLOWS],
      ['an online round, not a meeting', { method: 'online' }, FOLLOWS],
      ...otherStates.map(([name, change]) => [name, change, FOLLOWS] as [string, Partial<FollowedRound>, string]),
      ['a meeting that rejected it', { outcomes: ['rejected'] }, FOLLOWS],
      ['a meeting that adopted it', { outcomes: ['adopted'] }, FOLLOWS],
      ['a meeting that decided nothing', { outcomes: ['no_decision'] }, FOLLOWS],
      ['a result/1 round whose quorum was not met', { outcomes: ['quorum_not_met'] }, FOLLOWS],
      ['a meeting with no outcome', { outcomes: [] }, FOLLOWS],
    ];
    const cases = FOLLOW_UP_MATTERS.flatMap((matter) => bad.map(([name, change, follows]) => [matter, name, change, follows] as const));

    it.each(cases)('a %s ballot cannot follow %s', (matter, _name, change, follows) => {
      const followed = change === undefined ? undefined : meetingRound(matter, change);
      const problems = methodProblems(ballot(matter, 'hamlet', follows), COMMUNE, followed);
      const law = methodRule(matter, 'household_ballot', { kind: 'hamlet' }).words;
      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toEqual(['follows']);
      expect(problems[0]?.words.vi.startsWith(`${law.vi} `)).toBe(true);
      expect(problems[0]?.words.en.startsWith(`${law.en} `)).toBe(true);
    });

    it.each(FOLLOW_UP_MATTERS.flatMap((matter) => FOLLOW_UP_MATTERS.filter((m) => m !== matter).map((other) => [matter, other] as const)))(
      'a %s ballot cannot follow a meeting on %s',
      (matter, other) => {
        const problems = methodProblems(ballot(matter), COMMUNE, meetingRound(other));
        expect(problems.map((p) => p.path)).toEqual([['follows']]);
        expect(problems[0]?.words.en).toContain('not a meeting on the same matter');
      },
    );

    it.each<[string, Partial<FollowedRound> | undefined, string | undefined, string]>([
      ['no round named', undefined, undefined, 'Name that earlier meeting in follows.'],
      ['another commune', { commune: 'xa-khac' }, FOLLOWS, 'No such meeting of this commune.'],
      ['not a meeting', { method: 'household_ballot' }, FOLLOWS, 'The round named is not a meeting on the same matter.'],
      ['not published', { state: 'closed' }, FOLLOWS, 'The meeting’s result is not published yet.'],
      ['enough present', { outcomes: ['rejected'] }, FOLLOWS, 'household ballots cannot follow it'],
    ])('says why: %s', (_name, change, follows, why) => {
      const followed = change === undefined ? undefined : meetingRound('village_head', change);
      expect(methodProblems(ballot('village_head', 'hamlet', follows), COMMUNE, followed)[0]?.words.en).toContain(why);
    });

    it('accepts a meeting with too few present on one question of several', () => {
      expect(methodProblems(ballot('contribution'), COMMUNE, meetingRound('contribution', { outcomes: ['rejected', 'not_enough_present'] }))).toEqual([]);
    });
  });

  describe('rounds that need no earlier meeting', () => {
    const wrong: (FollowedRound | undefined)[] = [
      undefined,
      meetingRound('village_head', { commune: 'xa-khac', state: 'draft', method: 'online', outcomes: ['adopted'] as OutcomeStatus[] }),
    ];
    const cases: [Matter, Method, Kind][] = [
      ...MATTERS.flatMap((matter) => KINDS.map((kind) => [matter, 'meeting', kind] as [Matter, Method, Kind])),
      ...KINDS.flatMap((kind) => [
        ['other_self_managed', 'household_ballot', kind] as [Matter, Method, Kind],
        ['opinion', 'household_ballot', kind] as [Matter, Method, Kind],
        ['other_self_managed', 'online', kind] as [Matter, Method, Kind],
        ['opinion', 'online', kind] as [Matter, Method, Kind],
      ]),
      ['contribution', 'household_ballot', 'commune'],
      ['contribution_management', 'household_ballot', 'commune'],
    ];
    it.each(cases)('a %s round by %s in a %s is lawful with or without a round it follows', (matter, method, kind) => {
      for (const followed of wrong)
        for (const follows of [undefined, FOLLOWS]) expect(methodProblems({ matter, method, scope: { kind }, follows }, COMMUNE, followed)).toEqual([]);
    });
  });

  describe('a method the law never allows', () => {
    const cases = (['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members'] as const).flatMap((matter) =>
      KINDS.map((kind) => [matter, kind] as const),
    );
    it.each(cases)('a %s round online in a %s is refused on its method, whatever it follows', (matter, kind) => {
      const rule = methodRule(matter, 'online', { kind });
      for (const followed of [undefined, meetingRound(matter)])
        expect(methodProblems({ matter, method: 'online', scope: { kind }, follows: FOLLOWS }, COMMUNE, followed)).toEqual([
          { path: ['method'], words: rule.words },
        ]);
    });
  });

  it.each<[string, State]>([
    ['xa-khac', 'published'],
    ['', 'published'],
  ])('judges the commune by the caller’s (%j), not by the round’s own', (commune, state) => {
    expect(methodProblems(ballot('community_rules'), commune, meetingRound('community_rules', { state }))).toHaveLength(1);
  });
});

describe('a household ballot follows the meeting of its own hamlet', () => {
  it.each(FOLLOW_UP_MATTERS)('%s: the meeting of Thôn Đông is followed in Thôn Đông, not in Thôn Tây', (matter) => {
    const input = (name: string) => ({ matter, method: 'household_ballot' as const, scope: { kind: 'hamlet' as const, name }, follows: FOLLOWS });
    expect(methodProblems(input('Thôn Đông'), COMMUNE, meetingRound(matter))).toEqual([]);
    const [other] = methodProblems(input('Thôn Tây'), COMMUNE, meetingRound(matter));
    expect(other?.path).toEqual(['follows']);
    expect(other?.words.vi).toContain('thôn khác');
  });
});
