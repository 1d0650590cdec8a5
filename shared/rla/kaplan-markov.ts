/**
 * The risk measure: the Kaplan–Markov P-value of a ballot-comparison audit (Stark 2009, "Risk-limiting post-election
 * audits: P-values from common probability inequalities", IEEE TIFS 4(4); Stark 2010, "Super-simple simultaneous
 * single-ballot risk-limiting audits", EVT/WOTE; Lindeman & Stark 2012, "A Gentle Introduction to Risk-Limiting
 * Audits", IEEE Security & Privacy 10(5)), as VotingWorks' Arlo and Colorado's audits compute it.
 *
 * With N slips in the population, an assertion's margin V in votes, the diluted margin mu = V / N, the error bound
 * inflator gamma, and the overstatement w_j in votes of draw j (-2 to 2), the P-value after n draws is
 *
 *     P_n = prod_{j=1..n} (1 - mu / (2 gamma)) / (1 - w_j / (2 gamma))
 *
 * (Arlo's (1 - 1/U) / (1 - e_r / (2 gamma / V)) with U = 2 gamma / mu and e_r = w_j / V; in Lindeman & Stark's closed
 * form, (1 - mu/(2 gamma))^n (1 - 1/(2 gamma))^-o1 (1 - 1/gamma)^-o2 (1 + 1/(2 gamma))^-u1 (1 + 1/gamma)^-u2).
 * Understatements (w < 0) count, as in the published formula. The value published is min(1, P_n); the product itself
 * runs on unclamped, in double precision, one draw at a time in the order written above.
 *
 * The bound 2 gamma / V assumes a slip can overstate a margin by up to 2 votes (a vote moved from the winner to a
 * loser). For a threshold assertion (`yes >= t`) one slip can move it by 1 vote only, so the measure is conservative
 * there (it may draw more than a one-vote bound would); one published method serves every question. A question with
 * several assertions is measured with its smallest margin and, per draw, its largest overstatement (assertions.ts),
 * which bounds the P-value of each of its assertions.
 */

/** The error bound inflator of the super-simple method, as in Stark's tools, Arlo and Colorado's audits. */
export const GAMMA = 1.03905;
/** The name of the method in `rla.json`. */
export const METHOD_NAME = 'kaplan-markov';

/** 0 < alpha < 1: a risk limit [num, den] as a number. */
export function riskLimitValue([num, den]: readonly [number, number]): number {
  return num / den;
}

/**
 * The factor of one draw: (1 - mu/(2 gamma)) / (1 - w/(2 gamma)) with mu = margin/size. A margin of 0 or less (a tie,
 * an outcome not covered) gives 1, so the risk never falls (Arlo does the same for a tie). When mu >= 2 gamma no
 * possible set of errors could change the outcome, and the factor is 0.
 */
export function drawFactor(margin: number, size: number, overstatement: number, gamma: number = GAMMA): number {
  if (margin <= 0) return 1;
  const mu = margin / size;
  return Math.max(0, 1 - mu / (2 * gamma)) / (1 - overstatement / (2 * gamma));
}

/**
 * The risk after each draw: min(1, P_k) for k = 1..n, from the overstatements of the draws in order.
 * @example riskSeries(20000, 100000, new Array(27).fill(0)).at(-1) // 0.06507… (Arlo's test, Stark's tool)
 */
export function riskSeries(margin: number, size: number, overstatements: readonly number[], gamma: number = GAMMA): number[] {
  if (!(gamma > 1)) throw new RangeError(`gamma must be more than 1, got ${gamma}`);
  let p = 1;
  const risks: number[] = [];
  for (const w of overstatements) {
    if (Math.abs(w) > 2) throw new RangeError(`an overstatement is between -2 and 2 votes, got ${w}`);
    p *= drawFactor(margin, size, w, gamma);
    risks.push(Math.min(1, p));
  }
  return risks;
}

/** Where an audit stands (bundle.md `conclusion`). */
export type Conclusion = 'confirmed' | 'escalated' | 'full_count';

/**
 * The conclusion from each audited question's latest risk: `confirmed` when every one is below the risk limit;
 * otherwise `full_count` when the draws reached `cap` (the population, by default) or the monitors chose to count all
 * slips; otherwise `escalated`: the sample has not confirmed the outcome yet and more slips must be drawn.
 * @example conclude({ q1: 0.04 }, 0.05, 63, 300) // 'confirmed'
 */
export function conclude(latest: Readonly<Record<string, number>>, alpha: number, draws: number, cap: number, fullCountChosen = false): Conclusion {
  if (Object.values(latest).every((p) => p < alpha)) return 'confirmed';
  return fullCountChosen || draws >= cap ? 'full_count' : 'escalated';
}

/** What the page shows before an audit starts: how many slips to draw if none differs from its entry. */
export interface ExpectedSlips {
  /** The fewest draws with no discrepancy that bring the Kaplan–Markov risk below the limit (Infinity for no margin). */
  draws: number;
  /** The textbook formula ceil(-2 gamma ln(alpha) / mu) (Lindeman & Stark 2012), which rounds ln(1 - x) to -x. */
  formula: number;
  /** True when drawing that many is no less work than counting every slip (or the margin is 0): count them all. */
  fullCount: boolean;
}

/**
 * The number of draws needed with no discrepancy, for a margin of `margin` votes among `size` slips at risk limit
 * `alpha`: the smallest n with P_n < alpha as riskSeries computes it, beside the textbook formula.
 * @example expectedSlips(30, 300, 0.05) // { draws: 61, formula: 63, fullCount: false }
 */
export function expectedSlips(margin: number, size: number, alpha: number, gamma: number = GAMMA): ExpectedSlips {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`the risk limit must be between 0 and 1, got ${alpha}`);
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`the population must hold at least one slip, got ${size}`);
  if (margin <= 0) return { draws: Number.POSITIVE_INFINITY, formula: Number.POSITIVE_INFINITY, fullCount: true };
  const mu = margin / size;
  const formula = Math.ceil((-2 * gamma * Math.log(alpha)) / mu);
  const factor = drawFactor(margin, size, 0, gamma);
  let draws = 0;
  let p = 1;
  while (p >= alpha) {
    p *= factor;
    draws++;
  }
  return { draws, formula, fullCount: draws >= size };
}
