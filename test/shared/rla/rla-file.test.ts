import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/jcs.ts';
import { expectedSlips } from '../../../shared/rla/kaplan-markov.ts';
import { type AuditedRound, buildRla, recomputeRla, RlaFile } from '../../../shared/rla/rla-file.ts';
import { drawSample, population } from '../../../shared/rla/sampler.ts';
import type { Answers, Ballot, Consultation } from '../../../shared/schemas.ts';
import { tally } from '../../../shared/tally.ts';

const H = 300;
const SEED = '31415926535897932384';
const questions: Consultation['questions'] = [
  { id: 'q1', type: 'yes_no', text: 'Đóng góp bê tông hóa đường thôn?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
  {
    id: 'q2',
    type: 'single',
    text: 'Mức đóng góp mỗi hộ',
    options: [
      { id: 'level-300k', label: '300.000 đồng' },
      { id: 'level-500k', label: '500.000 đồng' },
    ],
    rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
  },
];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A household-ballot round of 300 households: 280 slips returned (serials P-001 … P-280) and, for the test of the
 * population, 5 online ballots. q1: 235 yes of 300, t = 200, margin 36. q2: 250 for 300,000 dong, t = 151, margin 100.
 */
function round(): AuditedRound {
  const ballots: Ballot[] = [];
  for (let i = 0; i < 285; i++) {
    const answers: Answers = { q1: i < 235 ? 'yes' : i < 275 ? 'no' : 'abstain', q2: i < 250 ? 'level-300k' : 'level-500k' };
    const ballot: Ballot = { answers, nonce: hex(i, 32), receipt: hex(1000 + i, 64) };
    if (i % 57 !== 3) ballot.serial = `P-${String(ballots.filter((b) => b.serial).length + 1).padStart(3, '0')}`;
    ballots.push(ballot);
  }
  ballots.sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
  return {
    consultationId: '01JDANBAN0000000000000000A',
    manifest: hex(7, 64),
    ballots,
    questions,
    tally: tally(
      { questions },
      ballots.map((b) => b.answers),
      H,
    ),
  };
}

/** The readings of the first n draws: each slip as entered, but for the draws `changed` says. */
function readingsFor(r: AuditedRound, n: number, changed: Record<number, Answers> = {}): Answers[] {
  const bySerial = new Map(r.ballots.map((b) => [b.serial, b.answers]));
  return drawSample(SEED, population(r.ballots), n).map((d) => changed[d.k] ?? bySerial.get(d.serial)!);
}

describe('rla.json: building it and checking it again', () => {
  const r = round();
  const needed = expectedSlips(36, 280, 0.05).draws;
  const good = buildRla(r, { seed: SEED, riskLimit: [1, 20], readings: readingsFor(r, needed) });

  it('takes the paper slips only, and confirms a clean sample of the expected size', () => {
    expect(population(r.ballots)).toHaveLength(280);
    expect(r.tally.map((t) => t.outcome.status)).toEqual(['adopted', 'adopted']);
    expect(good.method).toEqual({ name: 'kaplan-markov', parameters: { gamma: 1.03905, population: 280, margins: { q1: 36, q2: 100 } } });
    expect(good.draws).toHaveLength(needed);
    expect(good.conclusion).toBe('confirmed');
    expect(good.risk.at(-1)!.q1).toBeLessThan(0.05);
    expect(good.risk.at(-2)!.q1).toBeGreaterThanOrEqual(0.05);
    expect(RlaFile.parse(JSON.parse(canonicalize(good)))).toEqual(good);
    expect(recomputeRla(JSON.parse(canonicalize(good)), r)).toEqual([]);
  });

  it('escalates on a planted entry error, and the file still verifies', () => {
    // Draw 3's slip reads "no" where the entry says "yes": a one-vote overstatement of "yes >= 200".
    const planted = buildRla(r, { seed: SEED, riskLimit: [1, 20], readings: readingsFor(r, needed, { 3: { q1: 'no', q2: 'level-300k' } }) });
    expect(planted.draws[2]!.discrepancy.q1).toBe(1);
    expect(planted.conclusion).toBe('escalated');
    expect(recomputeRla(planted, r)).toEqual([]);
    const counted = buildRla(r, {
      seed: SEED,
      riskLimit: [1, 20],
      readings: readingsFor(r, needed, { 3: { q1: 'no', q2: 'level-300k' } }),
      fullCountChosen: true,
    });
    expect(counted.conclusion).toBe('full_count');
    expect(recomputeRla(counted, r)).toEqual([]);
  });

  const tampered: [string, (f: RlaFile & Record<string, unknown>) => void, RegExp][] = [
    ['format', (f) => void (f.format = 'rla/2' as 'rla/1'), /malformed at format/],
    ['consultationId', (f) => void (f.consultationId = '01JDANBAN0000000000000000B'), /another consultation/],
    ['manifest', (f) => void (f.manifest = hex(8, 64)), /does not name this signed result/],
    ['riskLimit', (f) => void (f.riskLimit = [1, 1000]), /the conclusion is "confirmed" but/],
    ['seed', (f) => void (f.seed = '31415926535897932385'), /the seed draws/],
    ['method.name', (f) => void (f.method.name = 'alpha'), /method alpha is not supported/],
    ['method.parameters.gamma', (f) => void (f.method.parameters.gamma = 1.1), /the risk recomputes to/],
    ['method.parameters.population', (f) => void (f.method.parameters.population = 300), /the population is 280 slips, not 300/],
    ['method.parameters.margins', (f) => void (f.method.parameters.margins = { q1: 37, q2: 100 }), /the margins recomputed are/],
    ['an extra parameter', (f) => void (f.method.parameters.lambda = 0.5), /the parameters must be gamma, margins, population/],
    ['draws[4].k', (f) => void (f.draws[4]!.k = 6), /draw 5 says k = 6/],
    ['draws[4].serial', (f) => void (f.draws[4]!.serial = f.draws[4]!.serial === 'P-001' ? 'P-002' : 'P-001'), /draw 5: the seed draws/],
    [
      'draws[4].reading',
      (f) => void (f.draws[4]!.reading = { q1: f.draws[4]!.reading.q1 === 'yes' ? 'no' : 'yes', q2: 'level-300k' }),
      /draw 5, question q1: the discrepancy is/,
    ],
    ['draws[4].reading, a question that does not exist', (f) => void (f.draws[4]!.reading.q9 = 'yes'), /a reading for no question q9/],
    ['draws[4].discrepancy', (f) => void (f.draws[4]!.discrepancy.q2 = -1), /draw 5, question q2: the discrepancy is 0, not -1/],
    ['draws[4].discrepancy, a question left out', (f) => void delete f.draws[4]!.discrepancy.q2, /draw 5: discrepancy must name exactly q1, q2/],
    ['draws, one left out', (f) => void f.draws.splice(4, 1), /risk values for/],
    ['risk[9].q1, by 1e-7 relative', (f) => void (f.risk[9]!.q1 = f.risk[9]!.q1! * (1 + 1e-7)), /after draw 10, question q1: the risk recomputes to/],
    ['risk[9].afterDraw', (f) => void (f.risk[9]!.afterDraw = 11), /risk 10 says afterDraw 11/],
    ['risk[9], a question left out', (f) => void delete f.risk[9]!.q2, /after draw 10: risk must name exactly q1, q2/],
    ['conclusion', (f) => void (f.conclusion = 'escalated'), /every risk is below the limit, yet the conclusion is escalated/],
  ];

  it.each(tampered)('fails when %s is changed', (_, change, message) => {
    const copy = structuredClone(good) as RlaFile & Record<string, unknown>;
    change(copy);
    const problems = recomputeRla(copy, r);
    expect(problems.some((p) => message.test(p))).toBe(true);
    // Vietnamese first, English second.
    for (const p of problems) expect(p).toMatch(/^[^/]+ \/ /);
  });

  it('accepts a risk value within 1e-9 relative, as bundle.md allows', () => {
    const copy = structuredClone(good);
    copy.risk[9]!.q1 = copy.risk[9]!.q1! * (1 + 1e-12);
    expect(recomputeRla(copy, r)).toEqual([]);
  });

  it('fails a round whose population has no slip', () => {
    const online = { ...r, ballots: r.ballots.map(({ serial: _, ...b }) => b) };
    expect(recomputeRla(good, online).join('\n')).toMatch(/no paper slip to draw/);
  });
});
