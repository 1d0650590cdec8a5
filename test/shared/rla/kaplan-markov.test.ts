import { describe, expect, it } from 'vitest';
import { conclude, drawFactor, expectedSlips, GAMMA, riskSeries } from '../../../shared/rla/kaplan-markov.ts';

/**
 * Worked numbers from VotingWorks' Arlo (server/tests/audit_math/test_supersimple.py, `expected_p_values`, which its
 * authors took from Stark's audit tools): two-candidate contests at a 10 % risk limit, gamma 1.03905, the sample size
 * Arlo chose, first with no discrepancy, then with one of the sampled ballots a one-vote, then a two-vote overstatement.
 * Arlo prints them to 5 decimals and accepts a difference below 0.001; the margin is in votes (winner - loser) and the
 * population in ballots. All but one agree with the formula to the fifth decimal; contest A's one-vote figure (0.12534)
 * is 9.5e-5 below it (0.125435), so the tolerance here is 1e-4, ten times tighter than Arlo's own.
 */
const ARLO = [
  { contest: 'A', margin: 60000 - 40000, ballots: 100000, n: 27, none: 0.06507, oneOver: 0.12534, twoOver: 1.0 },
  { contest: 'B', margin: 30000 - 24000, ballots: 60000, n: 54, none: 0.06973, oneOver: 0.13441, twoOver: 1.0 },
  { contest: 'C', margin: 18000 - 12600, ballots: 36000, n: 36, none: 0.0674, oneOver: 0.12992, twoOver: 1.0 },
  { contest: 'D', margin: 8000 - 6000, ballots: 15000, n: 40, none: 0.07048, oneOver: 0.13585, twoOver: 1.0 },
  { contest: 'E', margin: 10000, ballots: 10000, n: 6, none: 0.0195, oneOver: 0.03758, twoOver: 0.51877 },
];

const last = (xs: number[]) => xs[xs.length - 1]!;
const withOne = (n: number, w: number) => [w, ...new Array<number>(n - 1).fill(0)];

describe('the Kaplan–Markov risk of a ballot-comparison audit', () => {
  it.each(ARLO)("reproduces Arlo's p-values for contest $contest", ({ margin, ballots, n, none, oneOver, twoOver }) => {
    expect(Math.abs(last(riskSeries(margin, ballots, new Array<number>(n).fill(0))) - none)).toBeLessThan(1e-4);
    expect(Math.abs(last(riskSeries(margin, ballots, withOne(n, 1))) - oneOver)).toBeLessThan(1e-4);
    expect(Math.abs(last(riskSeries(margin, ballots, withOne(n, 2))) - twoOver)).toBeLessThan(1e-4);
  });

  it("equals Lindeman & Stark's closed form for any mix of over- and understatements, in any order", () => {
    const g = GAMMA;
    const mu = 31 / 300;
    // Enough clean draws after the errors that P ends below 1 (the published value is min(1, P)).
    const ws = [0, 1, 0, 0, -1, 2, 0, 0, 0, -2, 0, 1, ...new Array<number>(100).fill(0)];
    const count = (w: number) => ws.filter((x) => x === w).length;
    const closedForm =
      (1 - mu / (2 * g)) ** ws.length / ((1 - 1 / (2 * g)) ** count(1) * (1 - 1 / g) ** count(2) * (1 + 1 / (2 * g)) ** count(-1) * (1 + 1 / g) ** count(-2));
    const forward = last(riskSeries(31, 300, ws));
    const backward = last(riskSeries(31, 300, [...ws].reverse()));
    expect(closedForm).toBeLessThan(1);
    expect(Math.abs(forward - closedForm) / closedForm).toBeLessThan(1e-12);
    expect(Math.abs(backward - closedForm) / closedForm).toBeLessThan(1e-12);
  });

  it('publishes min(1, P) but runs the product on unclamped', () => {
    const risks = riskSeries(10, 100, [2, 2, 0, 0]);
    expect(risks[0]).toBe(1);
    expect(risks[1]).toBe(1);
    // (1 - 0.1/2g)^4 / (1 - 1/g)^2 is far above 1: clamping each step would have fallen below 1 by now.
    expect(risks[3]).toBe(1);
    // A two-vote understatement divides by 1 + 1/gamma.
    expect(riskSeries(10, 100, [-2])[0]).toBeCloseTo((1 - 0.1 / (2 * GAMMA)) / (1 + 1 / GAMMA), 15);
  });

  it('never falls for a margin of 0, and is 0 when no error could change the outcome', () => {
    expect(riskSeries(0, 300, [0, -2, -2, -2, -2, -2, -2, -2, -2])).toEqual(new Array(9).fill(1));
    expect(drawFactor(700, 300, 0)).toBe(0);
    expect(() => riskSeries(10, 300, [3])).toThrow(/between -2 and 2/);
    expect(() => riskSeries(10, 300, [0], 1)).toThrow(/gamma/);
  });

  it('concludes confirmed only when every question is below the limit', () => {
    expect(conclude({ q1: 0.049, q2: 0.01 }, 0.05, 70, 300)).toBe('confirmed');
    expect(conclude({ q1: 0.05, q2: 0.01 }, 0.05, 70, 300)).toBe('escalated');
    expect(conclude({ q1: 0.5 }, 0.05, 300, 300)).toBe('full_count');
    expect(conclude({ q1: 0.5 }, 0.05, 10, 300, true)).toBe('full_count');
  });
});

describe('the expected number of slips with no discrepancy', () => {
  /** The smallest n with (1 - mu/(2 gamma))^n < alpha, from logarithms: an independent route to the same number. */
  const byLogs = (margin: number, size: number, alpha: number) => Math.floor(Math.log(alpha) / Math.log1p(-margin / size / (2 * GAMMA))) + 1;

  it('gives 61 slips for a 10 % margin of 300 households at 5 % risk (the textbook formula says 63)', () => {
    expect(expectedSlips(30, 300, 0.05)).toEqual({ draws: 61, formula: 63, fullCount: false });
    expect(byLogs(30, 300, 0.05)).toBe(61);
    // ceil(-2 gamma ln(alpha) / mu) of Lindeman & Stark 2012: -2 * 1.03905 * ln 0.05 / 0.1 = 62.25...
    expect(Math.ceil((2 * 1.03905 * 2.995732273553991) / 0.1)).toBe(63);
  });

  it('says a 2 % margin of 300 households needs a full count', () => {
    expect(expectedSlips(6, 300, 0.05)).toEqual({ draws: byLogs(6, 300, 0.05), formula: 312, fullCount: true });
    expect(expectedSlips(0, 300, 0.05)).toEqual({ draws: Number.POSITIVE_INFINITY, formula: Number.POSITIVE_INFINITY, fullCount: true });
  });

  it.each([
    [20000, 100000, 0.1],
    [1, 1000, 0.05],
    [150, 300, 0.01],
    [5, 40, 0.1],
  ])('matches the risk series: margin %i of %i at %f', (margin, size, alpha) => {
    const { draws } = expectedSlips(margin, size, alpha);
    expect(draws).toBe(byLogs(margin, size, alpha));
    const risks = riskSeries(margin, size, new Array<number>(draws).fill(0));
    expect(last(risks)).toBeLessThan(alpha);
    expect(risks.length === 1 || risks[risks.length - 2]! >= alpha).toBe(true);
  });
});
