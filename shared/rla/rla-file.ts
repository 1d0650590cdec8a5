/**
 * `c/<id>/audit/rla.json` of bundle.md "Risk-limiting audits of paper rounds": its schema, how it is computed from the
 * monitors' readings (`buildRla`), and the check any verifier runs on it (`recomputeRla`): redraw the sample from the
 * seed, recompute each discrepancy from the reading and the published entry, and each risk value, collecting every
 * failure, in Vietnamese then English.
 */
import * as z from 'zod';
import { Answers, type Ballot, Hex64, type Question, type QuestionTally, Serial } from '../schemas.ts';
import { assertionsFor, type QuestionAssertions, questionDiscrepancy } from './assertions.ts';
import { type Conclusion, conclude, GAMMA, METHOD_NAME, riskLimitValue, riskSeries } from './kaplan-markov.ts';
import { type Draw, drawSample, population, SEED_PATTERN } from './sampler.ts';

/** A risk value recomputed by a verifier is accepted when it differs from the published one by less than this, relatively. */
export const RISK_TOLERANCE = 1e-9;

const RiskLimit = z
  .tuple([z.int().min(1), z.int().min(1)])
  .refine(([num, den]) => num < den, 'the risk limit must be below 1')
  .readonly();

export const RlaDraw = z.strictObject({
  k: z.int().min(1),
  serial: Serial,
  /** What the monitors read on the slip, per question, in the form of `answers`; a question left out was not found. */
  reading: Answers,
  /** Per audited question, the signed overstatement in votes of its outcome's margin. */
  discrepancy: z.record(z.string(), z.int().min(-2).max(2)),
});
export type RlaDraw = z.infer<typeof RlaDraw>;

/** One step's risk: `afterDraw` and, per audited question id, the risk p (a JSON number). */
export const RlaRisk = z.object({ afterDraw: z.int().min(1) }).catchall(z.number().min(0).max(1));
export type RlaRisk = z.infer<typeof RlaRisk>;

/** The Kaplan–Markov method and every parameter it used: gamma, the population N and each question's margin in votes. */
export const RlaMethod = z.strictObject({
  name: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()),
});

export const RlaFile = z.strictObject({
  format: z.literal('rla/1'),
  consultationId: z.string(),
  /** H(result.jws payload bytes): the signed result this audit checks. */
  manifest: Hex64,
  riskLimit: RiskLimit,
  seed: z.string().regex(SEED_PATTERN, 'seed: ASCII digits'),
  method: RlaMethod,
  draws: z.array(RlaDraw),
  risk: z.array(RlaRisk),
  conclusion: z.enum(['confirmed', 'escalated', 'full_count']),
});
export type RlaFile = z.infer<typeof RlaFile>;

/** What an audit is checked against: the round's signed ballots, questions and tally (bundle.md, result/2). */
export interface AuditedRound {
  consultationId: string;
  /** H(result.jws payload bytes). */
  manifest: string;
  ballots: readonly Ballot[];
  questions: readonly Question[];
  tally: readonly QuestionTally[];
}

/** The assertions of every question the audit covers, in question order (a question no slip can change is left out). */
export function auditPlan(round: Pick<AuditedRound, 'questions' | 'tally'>): QuestionAssertions[] {
  const plans: QuestionAssertions[] = [];
  for (const q of round.questions) {
    const t = round.tally.find((x) => x.questionId === q.id);
    if (!t) throw new RangeError(`the tally has no entry for question ${q.id}`);
    const plan = assertionsFor(q, t);
    if (plan.audited) plans.push(plan);
  }
  return plans;
}

/** The discrepancies and risks of a sequence of readings (the heart of both the builder and the check). */
function measure(
  plans: readonly QuestionAssertions[],
  bySerial: ReadonlyMap<string, Ballot>,
  draws: readonly { serial: string; reading: Answers }[],
  size: number,
  gamma: number,
) {
  const discrepancies = draws.map(({ serial, reading }) => {
    const entry = bySerial.get(serial)?.answers ?? {};
    return Object.fromEntries(plans.map((p) => [p.questionId, questionDiscrepancy(p, entry, reading)]));
  });
  const risks = plans.map((p) =>
    riskSeries(
      p.margin,
      size,
      discrepancies.map((d) => d[p.questionId]!),
      gamma,
    ),
  );
  return { discrepancies, risks };
}

export interface RlaInput {
  seed: string;
  riskLimit: readonly [number, number];
  /** What the monitors read on draws 1, 2, ... in order. */
  readings: readonly Answers[];
  gamma?: number;
  /** The monitors chose to count every slip. */
  fullCountChosen?: boolean;
}

/**
 * rla.json for the first `readings.length` draws of the sample from `seed`.
 * @example buildRla(round, { seed: '12345678901234567890', riskLimit: [1, 20], readings })
 */
export function buildRla(round: AuditedRound, input: RlaInput): RlaFile {
  const gamma = input.gamma ?? GAMMA;
  const serials = population(round.ballots);
  const bySerial = new Map(round.ballots.filter((b) => b.serial !== undefined).map((b) => [b.serial!, b]));
  const plans = auditPlan(round);
  const sample = drawSample(input.seed, serials, input.readings.length);
  const draws = sample.map((d, i) => ({ k: d.k, serial: d.serial, reading: input.readings[i]! }));
  const { discrepancies, risks } = measure(plans, bySerial, draws, serials.length, gamma);
  const risk = draws.map((d, i) => ({ afterDraw: d.k, ...Object.fromEntries(plans.map((p, j) => [p.questionId, risks[j]![i]!])) }));
  const latest = Object.fromEntries(plans.map((p, j) => [p.questionId, risks[j]!.at(-1) ?? 1]));
  const conclusion: Conclusion = conclude(latest, riskLimitValue(input.riskLimit), draws.length, serials.length, input.fullCountChosen);
  return {
    format: 'rla/1',
    consultationId: round.consultationId,
    manifest: round.manifest,
    riskLimit: [input.riskLimit[0], input.riskLimit[1]],
    seed: input.seed,
    method: { name: METHOD_NAME, parameters: methodParameters(plans, serials.length, gamma) },
    draws: draws.map((d, i) => ({ ...d, discrepancy: discrepancies[i]! })),
    risk,
    conclusion,
  };
}

function methodParameters(plans: readonly QuestionAssertions[], size: number, gamma: number): Record<string, unknown> {
  return { gamma, population: size, margins: Object.fromEntries(plans.map((p) => [p.questionId, p.margin])) };
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) < RISK_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const keysOf = (o: object, except?: string) =>
  Object.keys(o)
    .filter((k) => k !== except)
    .sort();

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The method's name and parameters against those recomputed; the gamma to recompute with, when usable. */
function methodProblems(file: RlaFile, plans: readonly QuestionAssertions[], size: number, problems: string[]): number | undefined {
  const { name, parameters } = file.method;
  const gamma = parameters.gamma;
  if (name !== METHOD_NAME) problems.push(`phương pháp ${name} không được hỗ trợ / method ${name} is not supported (expected ${METHOD_NAME})`);
  if (typeof gamma !== 'number' || !(gamma > 1)) {
    problems.push('tham số gamma phải là số lớn hơn 1 / the parameter gamma must be a number above 1');
    return undefined;
  }
  const expected = methodParameters(plans, size, gamma);
  const names = keysOf(expected).join(', ');
  if (!same(keysOf(parameters), keysOf(expected))) problems.push(`tham số phải là ${names} / the parameters must be ${names}`);
  const population = String(parameters.population);
  if (parameters.population !== size)
    problems.push(`có ${size} phiếu có số sê-ri, không phải ${population} / the population is ${size} slips, not ${population}`);
  const mine = JSON.stringify(expected.margins);
  if (!same(parameters.margins, expected.margins))
    problems.push(`cách biệt tính lại là ${mine} / the margins recomputed are ${mine}, not ${JSON.stringify(parameters.margins)}`);
  return gamma;
}

/** Each draw's number and serial against the redrawn sample, and its reading's question ids. */
function drawProblems(file: RlaFile, redrawn: readonly Draw[], questions: readonly Question[], problems: string[]): void {
  const questionIds = new Set(questions.map((q) => q.id));
  file.draws.forEach((d, i) => {
    const mine = redrawn[i]!;
    if (d.k !== mine.k) problems.push(`lượt rút thứ ${i + 1} ghi k = ${d.k} / draw ${i + 1} says k = ${d.k}, expected ${mine.k}`);
    if (d.serial !== mine.serial)
      problems.push(
        `lượt ${mine.k}: rút lại được phiếu ${mine.serial}, không phải ${d.serial} / draw ${mine.k}: the seed draws ${mine.serial}, not ${d.serial}`,
      );
    for (const q of Object.keys(d.reading))
      if (!questionIds.has(q)) problems.push(`lượt ${mine.k}: đọc câu hỏi không có ${q} / draw ${mine.k}: a reading for no question ${q}`);
  });
}

/** Each draw's discrepancies against those recomputed from its reading and the redrawn slip's entry. */
function discrepancyProblems(file: RlaFile, discrepancies: readonly Record<string, number>[], problems: string[]): void {
  file.draws.forEach((d, i) => {
    const k = i + 1;
    const mine = discrepancies[i]!;
    const names = keysOf(mine).join(', ');
    if (!same(keysOf(d.discrepancy), keysOf(mine)))
      problems.push(`lượt ${k}: chênh lệch phải có đúng các câu ${names} / draw ${k}: discrepancy must name exactly ${names}`);
    for (const [q, n] of Object.entries(mine)) {
      const theirs = d.discrepancy[q];
      if (Object.hasOwn(d.discrepancy, q) && theirs !== n)
        problems.push(`lượt ${k}, câu ${q}: chênh lệch là ${n}, không phải ${theirs} / draw ${k}, question ${q}: the discrepancy is ${n}, not ${theirs}`);
    }
  });
}

/** Each step's risk against the recomputed one (relative difference below RISK_TOLERANCE). */
function riskProblems(file: RlaFile, plans: readonly QuestionAssertions[], risks: readonly number[][], problems: string[]): void {
  const n = file.draws.length;
  if (file.risk.length !== n) problems.push(`có ${file.risk.length} mức rủi ro cho ${n} lượt rút / ${file.risk.length} risk values for ${n} draws`);
  const wanted = plans.map((p) => p.questionId).sort();
  file.risk.slice(0, n).forEach((r, i) => {
    const k = i + 1;
    if (r.afterDraw !== k) problems.push(`mức rủi ro thứ ${k} ghi sau lượt ${r.afterDraw} / risk ${k} says afterDraw ${r.afterDraw}, expected ${k}`);
    if (!same(keysOf(r, 'afterDraw'), wanted))
      problems.push(`sau lượt ${k}: rủi ro phải có đúng các câu ${wanted.join(', ')} / after draw ${k}: risk must name exactly ${wanted.join(', ')}`);
    plans.forEach((p, j) => {
      const q = p.questionId;
      const theirs = Object.hasOwn(r, q) ? r[q] : undefined;
      const mine = risks[j]![i]!;
      if (theirs !== undefined && !close(theirs, mine))
        problems.push(
          `sau lượt ${k}, câu ${q}: rủi ro tính lại là ${mine}, không phải ${theirs} / after draw ${k}, question ${q}: the risk recomputes to ${mine}, not ${theirs}`,
        );
    });
  });
}

/**
 * Every problem of `rla` (rla.json as parsed JSON) against the round: none when the sample redraws from the seed, every
 * discrepancy follows from its reading and the published entry, every risk value from the discrepancies (relative
 * difference below 1e-9), and the conclusion from the last risks.
 * @example recomputeRla(JSON.parse(text), round) // [] when it verifies
 */
export function recomputeRla(rla: unknown, round: AuditedRound): string[] {
  const parsed = RlaFile.safeParse(rla);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => {
      const at = i.path.join('.');
      return `rla.json không đúng định dạng ở ${at || 'gốc'} / rla.json is malformed at ${at || 'the root'}: ${i.message}`;
    });
  }
  const file = parsed.data;
  const problems: string[] = [];
  if (file.consultationId !== round.consultationId)
    problems.push(`rla.json thuộc cuộc lấy ý kiến khác (${file.consultationId}) / rla.json is for another consultation (${file.consultationId})`);
  if (file.manifest !== round.manifest) problems.push('rla.json không trỏ đến kết quả đã ký này / rla.json does not name this signed result');

  let serials: string[];
  let plans: QuestionAssertions[];
  try {
    serials = population(round.ballots);
    plans = auditPlan(round);
  } catch (e) {
    return [...problems, `không kiểm lại được / the round cannot be audited: ${messageOf(e)}`];
  }
  const gamma = methodProblems(file, plans, serials.length, problems);
  if (gamma === undefined) return problems;
  if (file.draws.length > 0 && serials.length === 0) return [...problems, 'không có phiếu giấy nào để rút / there is no paper slip to draw'];

  const redrawn = drawSample(file.seed, serials, file.draws.length);
  drawProblems(file, redrawn, round.questions, problems);
  const bySerial = new Map(round.ballots.filter((b) => b.serial !== undefined).map((b) => [b.serial!, b]));
  const readings = redrawn.map((d, i) => ({ serial: d.serial, reading: file.draws[i]!.reading }));
  const { discrepancies, risks } = measure(plans, bySerial, readings, serials.length, gamma);
  discrepancyProblems(file, discrepancies, problems);
  riskProblems(file, plans, risks, problems);

  const latest = Object.fromEntries(plans.map((p, j) => [p.questionId, risks[j]!.at(-1) ?? 1]));
  const confirmed = conclude(latest, riskLimitValue(file.riskLimit), file.draws.length, serials.length) === 'confirmed';
  if (confirmed !== (file.conclusion === 'confirmed')) {
    problems.push(
      confirmed
        ? `rủi ro đã dưới giới hạn nhưng kết luận là ${file.conclusion} / every risk is below the limit, yet the conclusion is ${file.conclusion}`
        : 'kết luận "confirmed" nhưng rủi ro chưa dưới giới hạn / the conclusion is "confirmed" but the risk is not below the limit',
    );
  }
  return problems;
}
