import { describe, expect, it } from 'vitest';
import { type ElectionCount, electionOutcome, electionThreshold, NOT_ELECTED_WORDS } from '../../../shared/process/election.ts';

const head = (households: number, present: number, votes: Record<string, number>): ElectionCount => ({ households, present, seats: 1, votes });

describe('more than 50 % of all households elects', () => {
  it.each([
    [10, 6],
    [11, 6],
    [1, 1],
    [2, 2],
    [3, 2],
    [200, 101],
    [201, 101],
  ])('with H = %i a candidate needs %i votes', (h, t) => {
    expect(electionThreshold(h)).toBe(t);
  });

  it.each([
    ['H even, exactly half', 10, 10, 5, 'not_elected'],
    ['H even, one more than half', 10, 10, 6, 'elected'],
    ['H odd, just under half', 11, 11, 5, 'not_elected'],
    ['H odd, just over half', 11, 11, 6, 'elected'],
  ])('%s: H = %i, present %i, %i votes -> %s', (_, h, present, votes, status) => {
    expect(electionOutcome(head(h, present, { a: votes })).status).toBe(status);
  });

  it('the base is H, not those present nor the votes cast', () => {
    // 6 present, all 6 for a: 100 % of the votes, but 6 of 13 households is not more than half.
    const o = electionOutcome(head(13, 6, { a: 6 }));
    expect(o).toEqual({ status: 'not_elected', elected: [], unfilled: 1, reason: 'not_enough_present', tied: [], threshold: 7 });
    expect(electionOutcome(head(13, 8, { a: 6, b: 2 }))).toMatchObject({ status: 'not_elected', reason: 'no_majority' });
    expect(electionOutcome(head(13, 8, { a: 7, b: 1 }))).toMatchObject({ status: 'elected', elected: ['a'], reason: null });
  });

  it.each([
    ['present exactly half of H', 10, 5, { a: 5 }, 'not_enough_present'],
    ['nobody stands', 10, 8, {}, 'no_candidates'],
    ['votes split', 10, 10, { a: 5, b: 5 }, 'no_majority'],
  ])('nobody is elected when %s: %s', (_, h, present, votes, reason) => {
    const o = electionOutcome(head(h, present, votes));
    expect(o).toMatchObject({ status: 'not_elected', elected: [], unfilled: 1, reason });
    expect(NOT_ELECTED_WORDS[o.reason!].vi.length).toBeGreaterThan(0);
  });

  it('with several seats, a tie for the last seat leaves it empty, and says who tied', () => {
    const o = electionOutcome({ households: 10, present: 10, seats: 3, votes: { a: 9, b: 7, c: 6, d: 6 } });
    expect(o).toEqual({ status: 'partly_elected', elected: ['a', 'b'], unfilled: 1, reason: 'tie', tied: ['c', 'd'], threshold: 6 });
  });

  it('with several seats, the most votes first, and only those over half of H', () => {
    expect(electionOutcome({ households: 10, present: 9, seats: 3, votes: { a: 6, b: 9, c: 8, d: 4 } })).toEqual({
      status: 'elected',
      elected: ['b', 'c', 'a'],
      unfilled: 0,
      reason: null,
      tied: [],
      threshold: 6,
    });
    expect(electionOutcome({ households: 10, present: 9, seats: 2, votes: { a: 7, b: 4 } })).toMatchObject({
      status: 'partly_elected',
      elected: ['a'],
      unfilled: 1,
      reason: 'no_majority',
    });
  });

  it('a tie between candidates who all fit in the seats elects them all; one below them is not tied', () => {
    expect(electionOutcome({ households: 10, present: 10, seats: 2, votes: { a: 7, b: 7, c: 6 } })).toMatchObject({
      status: 'elected',
      elected: ['a', 'b'],
      reason: null,
      tied: [],
    });
  });

  it.each([
    ['more present than households', head(10, 11, { a: 6 })],
    ['more votes than present', head(10, 6, { a: 7 })],
    ['more votes than slips for one seat', head(10, 8, { a: 6, b: 3 })],
    ['no households', head(0, 0, {})],
    ['a negative count', head(10, 8, { a: -1 })],
    ['no seat', { households: 10, present: 8, seats: 0, votes: {} }],
  ])('refuses impossible counts: %s', (_, c) => {
    expect(() => electionOutcome(c)).toThrow(RangeError);
  });

  it('agrees with a plain count for every small hamlet', () => {
    for (let h = 1; h <= 30; h += 1) {
      for (let present = 0; present <= h; present += 1) {
        for (let a = 0; a <= present; a += 1) {
          const o = electionOutcome(head(h, present, { a, b: present - a }));
          const elected = ['a', 'b'].filter((id) => (id === 'a' ? a : present - a) / h > 0.5);
          expect(o.elected).toEqual(elected);
        }
      }
    }
  });
});
