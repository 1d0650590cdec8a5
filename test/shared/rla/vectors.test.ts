import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/jcs.ts';
import { type AuditedRound, buildRla, recomputeRla, type RlaFile } from '../../../shared/rla/rla-file.ts';
import { tally } from '../../../shared/tally.ts';

const { round, rla } = JSON.parse(readFileSync(new URL('../../vectors/rla/audit.json', import.meta.url), 'utf8')) as { round: AuditedRound; rla: RlaFile };
const GAMMA = 1.03905;

describe('the published audit vector (test/vectors/rla/audit.json)', () => {
  it('is a consistent round: its tally is the recount of its ballots with H = 60', () => {
    expect(round.tally).toEqual(
      tally(
        { questions: [...round.questions] },
        round.ballots.map((b) => b.answers),
        60,
      ),
    );
  });

  it('verifies, and the builder writes it again byte for byte', () => {
    expect(recomputeRla(rla, round)).toEqual([]);
    const again = buildRla(round, { seed: rla.seed, riskLimit: rla.riskLimit, readings: rla.draws.map((d) => d.reading) });
    expect(canonicalize(again)).toBe(canonicalize(rla));
  });

  it('draws the serials node:crypto draws, and its risks are the closed form of Lindeman & Stark', () => {
    const serials = round.ballots.flatMap((b) => (b.serial ? [b.serial] : [])).sort();
    const n = serials.length;
    expect(n).toBe(54);
    let o1 = 0;
    rla.draws.forEach((d, i) => {
      const k = i + 1;
      const digest = createHash('sha256').update(`${rla.seed},${k}`).digest('hex');
      expect(d.serial).toBe(serials[Number(BigInt(`0x${digest}`) % BigInt(n))]);
      // The one planted error: slip S-12 entered "yes", read "no": a one-vote overstatement of "yes >= 40".
      if (d.discrepancy.q1 === 1) o1++;
      const q1 = (1 - 11 / n / (2 * GAMMA)) ** k / (1 - 1 / (2 * GAMMA)) ** o1;
      const q2 = (1 - 15 / n / (2 * GAMMA)) ** k;
      expect(Math.abs(rla.risk[i]!.q1! - Math.min(1, q1)) / q1).toBeLessThan(1e-12);
      expect(Math.abs(rla.risk[i]!.q2! - q2) / q2).toBeLessThan(1e-12);
    });
    expect(o1).toBe(1);
    expect(rla.draws.find((d) => d.discrepancy.q1 === 1)).toMatchObject({ k: 6, serial: 'S-12', reading: { q1: 'no' } });
    expect(rla.risk.at(-2)!.q1).toBeGreaterThanOrEqual(0.05);
    expect(rla.risk.at(-1)!.q1).toBeLessThan(0.05);
    expect(rla.conclusion).toBe('confirmed');
  });
});
