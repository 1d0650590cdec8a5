import { describe, expect, it } from 'vitest';
import {
  Consent,
  consentCounts,
  consentsNeeded,
  consentValidUntil,
  countConsents,
  INITIATIVE_MATTERS,
  initiativeStanding,
  PATH_WORDS,
  paperConsents,
} from '../../../shared/process/initiatives.ts';

const roll = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);
const online = (rollId: string, on: string): Consent => ({ rollId, on, channel: 'online' });

describe('at least 10 % of all households', () => {
  it.each([
    [1, 1],
    [9, 1],
    [10, 1],
    [11, 2],
    [99, 10],
    [100, 10],
    [101, 11],
    [250, 25],
    [251, 26],
  ])('with H = %i, %i consents are needed', (h, needed) => {
    expect(consentsNeeded(h)).toBe(needed);
  });

  it('the least whole number c with c * 10 >= H, for every H to 1000', () => {
    for (let h = 1; h <= 1000; h += 1) {
      const c = consentsNeeded(h);
      expect(c * 10 >= h && (c - 1) * 10 < h).toBe(true);
    }
  });

  it.each([
    [100, 10, true],
    [100, 9, false],
    [101, 11, true],
    [101, 10, false],
    [10, 1, true],
    [10, 0, false],
  ])('with H = %i and %i consents, it goes on the agenda: %s', (h, n, reached) => {
    const s = initiativeStanding({ consents: roll(n).map((id) => online(id, '2027-01-01')), roll: roll(h), day: '2027-01-02', frontApproved: false });
    expect(s.reached).toBe(reached);
    expect(s.path).toBe(reached ? 'agenda' : 'front_may_approve');
    expect(s.counted).toBe(n);
  });

  it('below 10 %, the Front working committee may approve it', () => {
    const s = initiativeStanding({ consents: [online('h1', '2027-01-01')], roll: roll(100), day: '2027-01-02', frontApproved: true });
    expect(s).toMatchObject({ reached: false, path: 'front_approved', needed: 10 });
    expect(PATH_WORDS.front_may_approve.vi).toContain('Chưa có đủ 10% tổng số hộ gia đình đồng thuận');
  });

  it('refuses a hamlet with no households', () => {
    expect(() => consentsNeeded(0)).toThrow(RangeError);
  });
});

describe('a consent counts for 3 months from the day it was given', () => {
  it.each([
    ['2027-01-15', '2027-04-15'],
    ['2026-11-30', '2027-02-28'],
    ['2027-11-30', '2028-02-29'],
    ['2027-12-31', '2028-03-31'],
    ['2027-03-31', '2027-06-30'],
    ['2027-05-31', '2027-08-31'],
  ])('given on %s, it counts through %s', (on, until) => {
    expect(consentValidUntil(on)).toBe(until);
    expect(consentCounts(on, until)).toBe(true);
    const next = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(consentCounts(on, next)).toBe(false);
  });

  it('not before it was given', () => {
    expect(consentCounts('2027-01-15', '2027-01-14')).toBe(false);
    expect(consentCounts('2027-01-15', '2027-01-15')).toBe(true);
  });

  it('the count drops when consents expire, and says when next', () => {
    const consents = [online('h1', '2027-01-15'), online('h2', '2027-02-01')];
    expect(countConsents(consents, roll(10), '2027-04-15')).toEqual({ counted: 2, expired: 0, unknown: [], dropsAfter: '2027-04-15' });
    expect(countConsents(consents, roll(10), '2027-04-16')).toEqual({ counted: 1, expired: 1, unknown: [], dropsAfter: '2027-05-01' });
    expect(countConsents(consents, roll(10), '2027-05-02')).toEqual({ counted: 0, expired: 2, unknown: [], dropsAfter: null });
  });

  it('an initiative at exactly 10 % falls below it the day after a consent expires', () => {
    const consents = roll(10).map((id, i) => online(id, i === 0 ? '2027-01-15' : '2027-03-01'));
    const on = (day: string) => initiativeStanding({ consents, roll: roll(100), day, frontApproved: false }).reached;
    expect(on('2027-04-15')).toBe(true);
    expect(on('2027-04-16')).toBe(false);
  });
});

describe('households, channels and paper lists', () => {
  it('a household that consents twice, online and on paper, counts once; its latest consent counts', () => {
    const consents: Consent[] = [
      online('h1', '2027-01-10'),
      { rollId: 'h1', on: '2027-03-01', channel: 'paper', list: 'L1', filedBy: 'proposer' },
      { rollId: 'h1', on: '2027-02-01', channel: 'meeting' },
    ];
    expect(countConsents(consents, roll(10), '2027-05-20')).toEqual({ counted: 1, expired: 0, unknown: [], dropsAfter: '2027-06-01' });
  });

  it('a consent given after the day is not counted on that day', () => {
    expect(countConsents([online('h1', '2027-03-01')], roll(10), '2027-02-01')).toEqual({ counted: 0, expired: 1, unknown: [], dropsAfter: null });
    expect(countConsents([online('h1', '2027-01-01'), online('h1', '2027-03-01')], roll(10), '2027-02-01').counted).toBe(1);
  });

  it('roll ids that are not on the roll are listed, never counted', () => {
    expect(countConsents([online('zz', '2027-01-01'), online('h1', '2027-01-01'), online('zz', '2027-01-02')], roll(3), '2027-01-05')).toEqual({
      counted: 1,
      expired: 0,
      unknown: ['zz'],
      dropsAfter: '2027-04-01',
    });
  });

  it('a paper list’s consents are recorded as filed by the proposer, each from the day beside it', () => {
    const list = {
      id: 'L1',
      filedBy: 'p1',
      filedOn: '2027-01-20',
      entries: [
        { rollId: 'h1', on: '2027-01-05' },
        { rollId: 'h2', on: '2027-01-20' },
      ],
    };
    expect(paperConsents(list)).toEqual([
      { rollId: 'h1', on: '2027-01-05', channel: 'paper', list: 'L1', filedBy: 'p1' },
      { rollId: 'h2', on: '2027-01-20', channel: 'paper', list: 'L1', filedBy: 'p1' },
    ]);
    expect(countConsents(paperConsents(list), roll(5), '2027-04-05').counted).toBe(2);
    expect(countConsents(paperConsents(list), roll(5), '2027-04-06').counted).toBe(1);
  });

  it('refuses a paper entry dated after the list was filed, or not a date', () => {
    expect(() => paperConsents({ id: 'L1', filedBy: 'p1', filedOn: '2027-01-20', entries: [{ rollId: 'h1', on: '2027-01-21' }] })).toThrow(RangeError);
    expect(() => paperConsents({ id: 'L1', filedBy: 'p1', filedOn: '2027-01-20', entries: [{ rollId: 'h1', on: '2027-02-30' }] })).toThrow(RangeError);
  });

  it('the consent schema asks a paper consent for its list and who filed it', () => {
    expect(Consent.safeParse({ rollId: 'h1', on: '2027-01-01', channel: 'paper' }).success).toBe(false);
    expect(Consent.safeParse({ rollId: 'h1', on: '2027-01-01', channel: 'paper', list: 'L1', filedBy: 'p' }).success).toBe(true);
    expect(Consent.safeParse({ rollId: 'h1', on: '2027-02-30', channel: 'online' }).success).toBe(false);
    expect(Consent.safeParse({ rollId: 'h1', on: '2027-01-01', channel: 'online', name: 'A' }).success).toBe(false);
  });

  it('an initiative proposes a matter the residents decide, not an opinion', () => {
    expect(INITIATIVE_MATTERS.options).not.toContain('opinion');
    expect(INITIATIVE_MATTERS.options).toContain('community_rules');
    expect(INITIATIVE_MATTERS.options.length).toBe(6);
  });
});
