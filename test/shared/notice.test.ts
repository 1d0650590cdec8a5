import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import { NoticeDays, noticeRule, OpenOverride, openingCheck } from '../../shared/notice.ts';
import type { Matter, Method } from '../../shared/schemas.ts';

const MATTERS = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion'] as const;
const METHODS = ['meeting', 'household_ballot', 'online'] as const;
/** A commune's longer periods, each different, so that a rule read from the wrong field shows. */
const LONGER: NoticeDays = { meeting: 3, household_ballot: 4, online: 5, community_rules: 45 };
const DISCLOSED = '2026-11-10T08:00:00Z';
const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.parse(DISCLOSED) + ms);
const disclosed = (when = DISCLOSED) => ({ action: 'disclosed', at: when, data: {} });
const recorded = (condition: string) => ({ action: 'online_condition_recorded', at: DISCLOSED, data: { condition } });

describe('NoticeDays: a commune may make the notice longer, never shorter than the law', () => {
  it('the default profile holds the law’s minimums: 2 days for a meeting and a ballot, 30 for community rules', () => {
    expect(DEFAULT_PROFILE.notice).toMatchObject({ meeting: 2, household_ballot: 2, community_rules: 30 });
    expect(NoticeDays.safeParse(DEFAULT_PROFILE.notice).success).toBe(true);
  });

  it.each<[string, NoticeDays, boolean]>([
    ['the law’s minimums', { meeting: 2, household_ballot: 2, online: 0, community_rules: 30 }, true],
    ['longer periods', LONGER, true],
    ['a year', { meeting: 365, household_ballot: 365, online: 365, community_rules: 365 }, true],
    ['a meeting notice of 1 day (Decree 59/2023 Art. 3(3))', { ...LONGER, meeting: 1 }, false],
    ['a household-ballot notice of 1 day (Law 10/2022 Art. 19(2))', { ...LONGER, household_ballot: 1 }, false],
    ['a draft community rule posted 29 days (Decree 61/2023 Art. 9(1))', { ...LONGER, community_rules: 29 }, false],
    ['a negative online notice', { ...LONGER, online: -1 }, false],
    ['more than a year', { ...LONGER, meeting: 366 }, false],
    ['half days', { ...LONGER, meeting: 2.5 }, false],
  ])('%s: valid %s', (_name, notice, ok) => {
    expect(NoticeDays.safeParse(notice).success).toBe(ok);
  });

  it('refuses a period the law does not know', () => {
    expect(NoticeDays.safeParse({ ...LONGER, complaint: 7 }).success).toBe(false);
  });
});

describe('noticeRule', () => {
  const expected = (matter: Matter, method: Method, notice: NoticeDays) =>
    // A household ballot follows a community-rules meeting whose draft was already posted its 30 days: a ballot's notice.
    matter === 'community_rules' && method !== 'household_ballot'
      ? { days: notice.community_rules, overridable: false }
      : { days: notice[method], overridable: true };
  const cases = MATTERS.flatMap((matter) => METHODS.flatMap((method) => [DEFAULT_PROFILE.notice, LONGER].map((notice) => [matter, method, notice] as const)));

  it.each(cases)('a %s round by %s under %j', (matter, method, notice) => {
    const { words, ...rule } = noticeRule({ matter, method }, notice);
    expect(rule).toEqual(expected(matter, method, notice));
    expect(words.vi).toContain(`${rule.days} ngày`);
    expect(words.en).toContain(`${rule.days} days`);
  });

  it.each<[Method, string, string]>([
    ['meeting', 'Nghị định 59/2023 Điều 3', 'Decree 59/2023 Art. 3'],
    ['household_ballot', 'Luật 10/2022 Điều 19 khoản 2', 'Law 10/2022 Art. 19(2)'],
  ])('cites the law of a %s notice', (method, vi, en) => {
    const { words } = noticeRule({ matter: 'contribution', method }, DEFAULT_PROFILE.notice);
    expect(words.vi).toContain(vi);
    expect(words.en).toContain(en);
  });

  it.each(METHODS.filter((m) => m !== 'household_ballot'))('says a draft community rule by %s cannot be shortened (Decree 61/2023 Art. 9(1))', (method) => {
    const { words } = noticeRule({ matter: 'community_rules', method }, DEFAULT_PROFILE.notice);
    expect(words.vi).toContain('Nghị định 61/2023 Điều 9 khoản 1');
    expect(words.vi).toContain('không được rút ngắn');
    expect(words.en).toContain('Decree 61/2023 Art. 9(1)');
    expect(words.en).toContain('cannot be shortened');
  });
});

describe('openingCheck', () => {
  const profile = DEFAULT_PROFILE;

  it.each<[Matter, Method, number, boolean]>([
    ['contribution', 'meeting', 2, true],
    ['village_head', 'household_ballot', 2, true],
    ['community_rules', 'meeting', 30, false],
    ['community_rules', 'household_ballot', 2, true],
    ['opinion', 'online', 2, true],
  ])('a %s round by %s never disclosed is early (%i days, overridable %s)', (matter, method, days, overridable) => {
    const check = openingCheck({ matter, method }, [], at(365 * DAY), profile);
    expect(check).toMatchObject({ early: true, days, overridable });
    expect(check.disclosedAt).toBeUndefined();
    expect(check.earliest).toBeUndefined();
  });

  it.each<[Matter, Method, number]>([
    ['contribution', 'meeting', 2],
    ['board_members', 'household_ballot', 2],
    ['other_self_managed', 'online', 2],
    ['community_rules', 'meeting', 30],
    ['community_rules', 'household_ballot', 2],
  ])('a %s round by %s may open exactly %i days after its notice, not a second before', (matter, method, days) => {
    const events = [disclosed()];
    const boundary = at(days * DAY);
    const check = openingCheck({ matter, method }, events, boundary, profile);
    expect(check).toMatchObject({ disclosedAt: DISCLOSED, earliest: boundary.toISOString().replace('.000Z', 'Z'), early: false, days });
    expect(openingCheck({ matter, method }, events, at(days * DAY - 1000), profile).early).toBe(true);
    expect(openingCheck({ matter, method }, events, at(days * DAY + 1000), profile).early).toBe(false);
  });

  it('gives the earliest moment as RFC 3339 UTC to the second', () => {
    expect(openingCheck({ matter: 'contribution', method: 'meeting' }, [disclosed()], at(0), profile).earliest).toBe('2026-11-12T08:00:00Z');
    expect(openingCheck({ matter: 'community_rules', method: 'meeting' }, [disclosed()], at(0), profile).earliest).toBe('2026-12-10T08:00:00Z');
  });

  it('holds a draft community rule to 30 days, not the 2 of a meeting, and never lets a reason shorten it', () => {
    const check = openingCheck({ matter: 'community_rules', method: 'meeting' }, [disclosed()], at(2 * DAY), profile);
    expect(check).toMatchObject({ early: true, days: 30, overridable: false });
  });

  it('follows a commune’s longer periods', () => {
    const longer = { notice: LONGER };
    expect(openingCheck({ matter: 'contribution', method: 'meeting' }, [disclosed()], at(2 * DAY), longer)).toMatchObject({ early: true, days: 3 });
    expect(openingCheck({ matter: 'contribution', method: 'meeting' }, [disclosed()], at(3 * DAY), longer).early).toBe(false);
    expect(openingCheck({ matter: 'contribution', method: 'household_ballot' }, [disclosed()], at(4 * DAY - 1000), longer).early).toBe(true);
    expect(openingCheck({ matter: 'community_rules', method: 'meeting' }, [disclosed()], at(30 * DAY), longer)).toMatchObject({ early: true, days: 45 });
  });

  it('is never early when the commune sets no online notice', () => {
    const none = { notice: { ...DEFAULT_PROFILE.notice, online: 0 } };
    expect(openingCheck({ matter: 'opinion', method: 'online' }, [], at(0), none)).toMatchObject({ early: false, days: 0 });
  });

  it('reads the notice from the disclosed event only', () => {
    const events = [
      { action: 'created', at: '2026-10-01T00:00:00Z', data: {} },
      { action: 'roll_uploaded', at: '2026-10-02T00:00:00Z', data: {} },
      disclosed(),
    ];
    expect(openingCheck({ matter: 'contribution', method: 'meeting' }, events, at(DAY), profile)).toMatchObject({ disclosedAt: DISCLOSED, early: true });
  });

  it('takes an opinion’s notice when only the method is known', () => {
    expect(openingCheck({ method: 'household_ballot' }, [], at(0), profile)).toMatchObject({
      days: 2,
      overridable: true,
      missingConditions: ['ballot_plan', 'ballot_team'],
    });
    expect(openingCheck({ method: 'online' }, [], at(0), profile).missingConditions).toEqual(['leaders_agreed', 'reported', 'team', 'poll', 'devices']);
  });

  describe('the conditions not yet recorded', () => {
    it.each<[Matter, Method, string[], string[]]>([
      ['other_self_managed', 'online', [], ['leaders_agreed', 'reported', 'team', 'poll', 'devices']],
      ['opinion', 'online', [], ['leaders_agreed', 'reported', 'team', 'poll', 'devices']],
      ['other_self_managed', 'online', ['poll', 'leaders_agreed'], ['reported', 'team', 'devices']],
      ['opinion', 'online', ['leaders_agreed', 'reported', 'team', 'poll', 'devices'], []],
      ['other_self_managed', 'household_ballot', [], ['leaders_agreed', 'ballot_plan', 'ballot_team']],
      ['other_self_managed', 'household_ballot', ['leaders_agreed'], ['ballot_plan', 'ballot_team']],
      ['other_self_managed', 'household_ballot', ['ballot_team', 'leaders_agreed', 'ballot_plan'], []],
      ['opinion', 'household_ballot', [], ['ballot_plan', 'ballot_team']],
      ['opinion', 'household_ballot', ['ballot_plan'], ['ballot_team']],
      ['contribution', 'household_ballot', [], ['ballot_plan', 'ballot_team']],
      ['contribution', 'household_ballot', ['ballot_plan', 'ballot_team'], []],
      ['contribution', 'household_ballot', ['team'], ['ballot_plan', 'ballot_team']],
      ['community_rules', 'meeting', [], []],
      ['other_self_managed', 'meeting', [], []],
    ])('a %s round by %s with %j recorded still needs %j', (matter, method, done, missing) => {
      const check = openingCheck({ matter, method }, [disclosed(), ...done.map(recorded)], at(30 * DAY), profile);
      expect(check.missingConditions).toEqual(missing);
      expect(check.early).toBe(false);
    });

    it('counts only conditions recorded as such', () => {
      const events = [disclosed(), { action: 'commented', at: DISCLOSED, data: { condition: 'poll' } }, recorded('team')];
      expect(openingCheck({ matter: 'opinion', method: 'online' }, events, at(DAY), profile).missingConditions).toEqual([
        'leaders_agreed',
        'reported',
        'poll',
        'devices',
      ]);
    });
  });
});

describe('OpenOverride: the reason for opening early', () => {
  it.each<[string, unknown, boolean]>([
    ['a reason', { reason: 'Bão số 3 sắp đổ bộ, cần họp sớm.' }, true],
    ['ten characters', { reason: '0123456789' }, true],
    ['nine characters', { reason: '012345678' }, false],
    ['ten characters of which two are spaces', { reason: ' 01234567 ' }, false],
    ['no reason', {}, false],
    ['a reason with another field', { reason: 'Bão số 3 sắp đổ bộ.', days: 1 }, false],
    ['501 characters', { reason: 'x'.repeat(501) }, false],
  ])('%s: valid %s', (_name, value, ok) => {
    expect(OpenOverride.safeParse(value).success).toBe(ok);
  });
});
