/**
 * The expected size of a risk-limiting audit of a paper round (shared/rla/kaplan-markov.ts), as the page shows it
 * before the monitors start: a household-ballot round of 300 households, every slip returned, at a 5 % risk limit,
 * with a margin of 10 % and of 2 % of H, if no slip differs from its entry. Pure arithmetic: no machine figure.
 */
import { expectedSlips } from '../../shared/rla/kaplan-markov.ts';

export const RLA_HOUSEHOLDS = 300;
export const RLA_RISK_LIMIT = 0.05;

export interface RlaFigure {
  name: string;
  value: number;
  unit: string;
  note: string;
}

/** `rla_expected_slips_margin_10pct` and `rla_expected_slips_margin_2pct`: draws needed with no discrepancy. */
export function rlaBench(): RlaFigure[] {
  return [10, 2].map((percent) => {
    const margin = (RLA_HOUSEHOLDS * percent) / 100;
    const { draws, formula, fullCount } = expectedSlips(margin, RLA_HOUSEHOLDS, RLA_RISK_LIMIT);
    const verdict = fullCount ? `no fewer than the ${RLA_HOUSEHOLDS} slips: a full hand count` : `of ${RLA_HOUSEHOLDS} slips`;
    return {
      name: `rla_expected_slips_margin_${percent}pct`,
      value: draws,
      unit: 'slips',
      note: `Kaplan–Markov, gamma 1.03905, margin ${margin} votes of H = ${RLA_HOUSEHOLDS}, 5 % risk, no discrepancy, ${verdict}; ceil(-2 gamma ln(alpha)/mu) = ${formula}`,
    };
  });
}
