/**
 * The monitors' risk-limiting audit of a published paper round (bundle.md "Risk-limiting audits of paper rounds";
 * the pure mathematics is shared/rla/). Only a published round whose ballots carry a `serial` can be audited; a round
 * decided by show of hands has no paper to pull, and the counting record's signatures and witnesses stand behind it.
 *
 * Everything the audit decides is in the round's live log, so the state is always recomputed from it:
 * - `rla_seed`: a monitor entered digits at the public session (who entered them is the event's actor). The seed is
 *   the digits of every entry in order. It is fixed by the log itself, without an event of its own: as soon as
 *   entries by two different monitor accounts are recorded, no further entry is taken, so the seed is the
 *   concatenation of the entries up to and including the first one by a second monitor.
 * - `rla_reading`: what the monitors read on draw k's slip, per question (a question left out: not found or not read).
 * - `rla_published`: rla.json was built from the readings, signed once (`rla.jws`, typ `rla+jws`, the result's key),
 *   and published under `c/<id>/audit/`; the event holds the file's hash and the signature, so a second run publishes
 *   the same bytes and never signs twice. After it the audit takes no more seed digits or readings.
 *
 * The list of draws to pull is the first n of the sampler, n being the draws Kaplan–Markov expects with no
 * discrepancy for the smallest margin; when every listed draw is read and some question's risk is still at or above
 * the limit, the list grows by the draws expected from the risk reached, up to the number of slips (a full count).
 */
import { DEFAULT_RISK_LIMIT } from '../../shared/rla/summary.ts';
import { publishResultPage } from './publishing.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { answerProblems, normalizeAnswers } from '../../shared/answers.ts';
import { DomainError } from '../../shared/errors.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint, spkiToJwk } from '../../shared/jws.ts';
import type { QuestionAssertions } from '../../shared/rla/assertions.ts';
import { drawFactor, expectedSlips, GAMMA, riskLimitValue, type Conclusion } from '../../shared/rla/kaplan-markov.ts';
import { type AuditedRound, auditPlan, buildRla, type RlaFile } from '../../shared/rla/rla-file.ts';
import { drawSample, population } from '../../shared/rla/sampler.ts';
import { type Answers, type AuditEvent, BallotsFile, Manifest, type Question } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, afterCommit, loadForMonitor } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';

/**
 * The risk limit of every audit: 5 % (1/20), the limit the issue and Colorado's audits use. The commune profile
 * (functions/core/commune-profile.ts) holds only the commune's name; a commune's own limit would be a field there,
 * read here in place of this constant.
 */
export const RISK_LIMIT: readonly [number, number] = DEFAULT_RISK_LIMIT;
/** The `typ` of rla.jws (bundle.md). */
export const RLA_TYP = 'rla+jws';
/** Digits one monitor may enter at once (20 rolls of a ten-sided die make a seed; a few more are harmless). */
export const MAX_SEED_DIGITS = 100;

const JSON_TYPE = 'application/json; charset=utf-8';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';

/** Why a round has no paper to audit, in Vietnamese then English. */
export const NO_PAPER = {
  vi: 'Vòng này biểu quyết bằng giơ tay: không có phiếu giấy để kiểm tra. Chữ ký và người chứng kiến trên biên bản kiểm phiếu là căn cứ của số liệu.',
  en: 'This round voted by show of hands: there is no paper slip to audit. The signatures and witnesses of the counting record stand behind its counts.',
};

export interface SeedEntry {
  digits: string;
  actor: { role: string; id: string };
  at: string;
}

export interface DrawState {
  k: number;
  serial: string;
  reading?: Answers;
  /** Per audited question, the signed overstatement in votes; with the reading. */
  discrepancy?: Record<string, number>;
  /** Per audited question, the risk after this draw; with the reading. */
  risk?: Record<string, number>;
  readBy?: { role: string; id: string };
}

export interface QuestionPlan {
  questionId: string;
  /** The smallest margin in votes of the outcome's assertions (0: only a full count confirms it). */
  margin: number;
  assertions: string[];
  uncovered?: string;
  /** Draws expected with no discrepancy (Infinity when the margin is 0) and the textbook formula's value. */
  expected: { draws: number; formula: number; fullCount: boolean };
}

export type RlaState =
  | { consultationId: string; auditable: false; reason: { vi: string; en: string } }
  | {
      consultationId: string;
      auditable: true;
      riskLimit: [number, number];
      gamma: number;
      /** N: the slips of ballots.json that carry a serial. */
      population: number;
      questions: QuestionPlan[];
      /** The draws expected with no discrepancy for the smallest margin, capped at N (then a full count). */
      expected: { draws: number; fullCount: boolean };
      seedEntries: SeedEntry[];
      /** The seed once two different monitors have entered digits. */
      seed?: string;
      draws: DrawState[];
      /** Each audited question's risk after the last reading (1 before any). */
      latestRisk: Record<string, number>;
      conclusion: Conclusion;
      published?: { conclusion: string; hash: string; url: string; jwsUrl: string; at: string };
    };

/** The published round as the audit reads it: the signed result, its ballots and questions. */
interface Round extends AuditedRound {
  manifestData: Manifest;
  questions: Question[];
}
/** The published round as the full hand count reads it too (full-count.ts). */
export type PublishedRound = Round;

export async function readRound(deps: CoreDeps, id: string, questions: Question[]): Promise<Round> {
  const [resultBytes, ballotBytes] = await Promise.all([deps.publisher.get(`c/${id}/result.jws`), deps.publisher.get(`c/${id}/ballots.json`)]);
  if (!resultBytes || !ballotBytes) throw new DomainError('integrity_error', 'the published result or its ballots are missing');
  const payload = decodeJws(fromUtf8(resultBytes).trim()).payloadBytes;
  const manifestData = Manifest.parse(JSON.parse(fromUtf8(payload)));
  const ballots = BallotsFile.parse(JSON.parse(fromUtf8(ballotBytes))).ballots;
  return { consultationId: id, manifest: sha256Hex(payload, deps.sha256), manifestData, ballots, questions, tally: manifestData.tally };
}

/** The draws to list after `readings` readings whose last risks are `latest`: the expected count, grown on escalation. */
function drawsToList(plans: readonly QuestionAssertions[], size: number, alpha: number, readings: number, latest: Record<string, number>): number {
  const smallest = plans.length ? Math.min(...plans.map((p) => p.margin)) : 1;
  const first = plans.length === 0 ? 0 : Math.min(size, expectedSlips(smallest, size, alpha).draws);
  if (readings < first) return first;
  if (plans.every((p) => (latest[p.questionId] ?? 1) < alpha)) return readings;
  // Escalation: the draws each question still needs from the risk it reached, with no further discrepancy.
  let more = 1;
  for (const p of plans) {
    const risk = latest[p.questionId] ?? 1;
    if (risk < alpha) continue;
    if (p.margin <= 0) return size;
    const factor = drawFactor(p.margin, size, 0);
    let n = 0;
    let r = risk;
    while (r >= alpha && n < size) {
      r *= factor;
      n++;
    }
    more = Math.max(more, n);
  }
  return Math.min(size, readings + more);
}

/** The seed entries of the log, the seed once fixed (entries by two different monitors), and the entries counted in it. */
export function seedOf(log: readonly AuditEvent[]): { entries: SeedEntry[]; seed?: string } {
  const entries: SeedEntry[] = [];
  const who = new Set<string>();
  for (const e of log) {
    if (e.action !== 'rla_seed') continue;
    entries.push({ digits: String(e.data.digits), actor: e.actor, at: e.at });
    who.add(e.actor.id);
    if (who.size >= 2) return { entries, seed: entries.map((x) => x.digits).join('') };
  }
  return { entries };
}

function readingsOf(log: readonly AuditEvent[]): { k: number; answers: Answers; actor: { role: string; id: string } }[] {
  return log.filter((e) => e.action === 'rla_reading').map((e) => ({ k: Number(e.data.k), answers: e.data.answers as Answers, actor: e.actor }));
}

const publishedOf = (log: readonly AuditEvent[]) => log.find((e) => e.action === 'rla_published');

/** Refuses a round that is not a published paper round, with the reason in Vietnamese. */
function auditable(round: Round): string[] {
  if (round.manifestData.voting === 'show_of_hands') throw new DomainError('wrong_state', NO_PAPER.en, undefined, 'không có phiếu giấy để kiểm tra');
  const serials = population(round.ballots);
  if (serials.length === 0)
    throw new DomainError(
      'wrong_state',
      'no ballot of this round carries a serial: there is no paper slip to audit',
      undefined,
      'không có phiếu giấy để kiểm tra',
    );
  return serials;
}

interface Loaded {
  round: Round;
  serials: string[];
  log: AuditEvent[];
  who: Principal;
}

async function loadAudit(deps: CoreDeps, who: Principal | undefined, id: string, monitorOnly: boolean): Promise<Loaded> {
  const { rec, who: principal } = await loadForMonitor(deps, who, id, monitorOnly);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only a published round can be audited; this consultation is ${rec.state}`);
  const round = await readRound(deps, id, rec.consultation.questions);
  const serials = auditable(round);
  return { round, serials, log: await deps.store.getAudit(id), who: principal };
}

/** The audit's state from the log: what the page and GET /rla show. */
function stateOf(deps: CoreDeps, { round, serials, log }: Loaded): RlaState & { auditable: true } {
  const alpha = riskLimitValue(RISK_LIMIT);
  const plans = auditPlan(round);
  const size = serials.length;
  const { entries, seed } = seedOf(log);
  const readings = readingsOf(log);
  const built = seed ? buildRla(round, { seed, riskLimit: RISK_LIMIT, readings: readings.map((r) => r.answers) }) : undefined;
  const latest = Object.fromEntries(plans.map((p) => [p.questionId, built?.risk.at(-1)?.[p.questionId] ?? 1]));
  const n = drawsToList(plans, size, alpha, readings.length, latest);
  const draws: DrawState[] = seed
    ? drawSample(seed, serials, n, deps.sha256).map((d, i) => {
        const read = built?.draws[i];
        const risk = built?.risk[i];
        if (!read || !risk) return d;
        const { afterDraw: _k, ...perQuestion } = risk;
        return { ...d, reading: read.reading, discrepancy: read.discrepancy, risk: perQuestion, readBy: readings[i]!.actor };
      })
    : [];
  const smallest = plans.length ? Math.min(...plans.map((p) => p.margin)) : 1;
  const overall = plans.length ? expectedSlips(smallest, size, alpha) : { draws: 0, fullCount: false };
  const published = publishedOf(log);
  const dir = `c/${round.consultationId}/audit/`;
  return {
    consultationId: round.consultationId,
    auditable: true,
    riskLimit: [RISK_LIMIT[0], RISK_LIMIT[1]],
    gamma: GAMMA,
    population: size,
    questions: plans.map((p) => ({
      questionId: p.questionId,
      margin: p.margin,
      assertions: p.assertions.map((a) => a.says),
      ...(p.uncovered ? { uncovered: p.uncovered } : {}),
      expected: expectedSlips(p.margin, size, alpha),
    })),
    expected: { draws: Math.min(size, overall.draws), fullCount: overall.fullCount },
    seedEntries: entries,
    ...(seed ? { seed } : {}),
    draws,
    latestRisk: latest,
    conclusion: built?.conclusion ?? 'escalated',
    ...(published
      ? {
          published: {
            conclusion: String(published.data.conclusion),
            hash: String(published.data.rla),
            url: deps.publisher.url(`${dir}rla.json`),
            jwsUrl: deps.publisher.url(`${dir}rla.jws`),
            at: published.at,
          },
        }
      : {}),
  };
}

/**
 * The audit of a round as a monitor (or an official of the commune) sees it; for a show-of-hands round, why there is
 * nothing to audit. Only a published round (409 before).
 */
export async function rlaState(deps: CoreDeps, who: Principal | undefined, id: string): Promise<RlaState> {
  const { rec } = await loadForMonitor(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only a published round can be audited; this consultation is ${rec.state}`);
  const round = await readRound(deps, id, rec.consultation.questions);
  if (round.manifestData.voting === 'show_of_hands' || population(round.ballots).length === 0) {
    return { consultationId: id, auditable: false, reason: round.manifestData.voting === 'show_of_hands' ? NO_PAPER : noSlips };
  }
  return stateOf(deps, { round, serials: population(round.ballots), log: await deps.store.getAudit(id), who: who! });
}

const noSlips = {
  vi: 'Không có phiếu giấy để kiểm tra: không lá phiếu nào của vòng này có số sê-ri.',
  en: 'There is no paper slip to audit: no ballot of this round carries a serial.',
};

function refuseIfPublished(log: readonly AuditEvent[]): void {
  if (publishedOf(log)) throw new DomainError('already_recorded', 'the audit is concluded and published', undefined, 'cuộc kiểm tra đã kết luận và công bố');
}

/** Appends to the live log only if it has not moved since `log` was read (two monitors at once: one gets 503 busy, and retries). */
async function append(deps: CoreDeps, id: string, log: readonly AuditEvent[], who: Principal, action: string, data: Record<string, unknown>) {
  const at = instant(deps.clock.now());
  return deps.store.appendAudit(id, { at, actor: actorOf(who), action, data }, { after: log.at(-1)?.seq ?? 0 });
}

/**
 * A monitor enters digits at the public session (an event `rla_seed` with who entered them). Refused once the seed is
 * fixed (digits by two different monitors are in: 409 `already_recorded`) or the audit is published.
 * @example await enterSeedDigits(deps, monitor, id, '0712')
 */
export async function enterSeedDigits(deps: CoreDeps, who: Principal | undefined, id: string, digits: string): Promise<RlaState> {
  const loaded = await loadAudit(deps, who, id, true);
  const clean = digits.trim();
  if (!/^[0-9]+$/.test(clean) || clean.length > MAX_SEED_DIGITS)
    throw new DomainError('invalid_request', `the digits must be 1 to ${MAX_SEED_DIGITS} ASCII digits`, [
      { path: 'digits', message: `chỉ gồm chữ số 0–9, từ 1 đến ${MAX_SEED_DIGITS} chữ số` },
    ]);
  refuseIfPublished(loaded.log);
  if (seedOf(loaded.log).seed !== undefined)
    throw new DomainError(
      'already_recorded',
      'the seed is fixed: two monitors have entered digits',
      undefined,
      'số khởi tạo đã cố định: đã có hai giám sát viên nhập',
    );
  await append(deps, id, loaded.log, loaded.who, 'rla_seed', { digits: clean });
  const state = await rlaState(deps, who, id);
  if (state.auditable && state.seed) await afterCommit(deps, `publishing the draws of ${id}`, () => publishDraws(deps, state));
  return state;
}

/** `c/<id>/audit/draws.json`: the seed and the slips to pull, as listed now (it grows on escalation). */
async function publishDraws(deps: CoreDeps, state: RlaState & { auditable: true }): Promise<void> {
  if (!state.seed) return;
  const body = { consultationId: state.consultationId, seed: state.seed, draws: state.draws.map((d) => ({ k: d.k, serial: d.serial })) };
  await deps.publisher.put(`c/${state.consultationId}/audit/draws.json`, jcsBytes(body), { contentType: JSON_TYPE, cacheControl: SHORT });
}

/**
 * A monitor enters what draw k's slip says, per question (an event `rla_reading`); a question left out was not found or
 * not read (the largest overstatement). Draws are read in order: k must be the next listed draw.
 * @example await enterReading(deps, monitor, id, 1, { q1: 'yes' })
 */
export async function enterReading(deps: CoreDeps, who: Principal | undefined, id: string, k: number, answers: Answers): Promise<RlaState> {
  const loaded = await loadAudit(deps, who, id, true);
  refuseIfPublished(loaded.log);
  const state = stateOf(deps, loaded);
  if (!state.seed)
    throw new DomainError(
      'wrong_state',
      'the seed is not fixed yet: two monitors must enter digits first',
      undefined,
      'chưa có số khởi tạo: cần hai giám sát viên nhập chữ số',
    );
  const next = readingsOf(loaded.log).length + 1;
  if (k < next) throw new DomainError('already_recorded', `draw ${k} is read already`, undefined, `lượt ${k} đã được ghi`);
  if (k !== next || k > state.draws.length)
    throw new DomainError('invalid_request', `read the draws in order: the next one is ${next}`, [{ path: 'k', message: `lượt tiếp theo là ${next}` }]);
  const questions = loaded.round.questions;
  const normalized = normalizeAnswers(questions, answers);
  const problems = answerProblems(questions, normalized).filter((p) => p.code !== 'answer_missing');
  if (problems.length)
    throw new DomainError(
      'invalid_request',
      'the reading is not an allowed answer',
      problems.map((p) => ({ path: ['answers', ...p.path].join('.'), message: p.message })),
    );
  await append(deps, id, loaded.log, loaded.who, 'rla_reading', { k, serial: state.draws[k - 1]!.serial, answers: normalized });
  const after = await rlaState(deps, who, id);
  if (after.auditable && after.draws.length > state.draws.length) await afterCommit(deps, `publishing the draws of ${id}`, () => publishDraws(deps, after));
  return after;
}

/**
 * Concludes the audit: rla.json from the readings (buildRla), signed once with the result's key (`rla.jws`, typ
 * `rla+jws`), both published under `c/<id>/audit/` and recorded as `rla_published` with the file's hash. With
 * `fullCount`, the monitors chose to count every slip (the conclusion is then `full_count` unless already confirmed).
 * A second run publishes the recorded signature's bytes again.
 */
export async function concludeRla(deps: CoreDeps, who: Principal | undefined, id: string, options: { fullCount?: boolean } = {}): Promise<RlaState> {
  const loaded = await loadAudit(deps, who, id, true);
  // A full hand count with every slip read is concluded by this same act, so that on AWS the closer signs its correction.
  const fullCount = await import('./full-count.ts');
  if (fullCount.fullCountReady(loaded.log, loaded.serials)) {
    await fullCount.concludeFullCount(deps, who, id);
    return rlaState(deps, who, id);
  }
  const done = publishedOf(loaded.log);
  if (done) {
    await writeRla(deps, id, String(done.data.jws));
    return rlaState(deps, who, id);
  }
  const { seed } = seedOf(loaded.log);
  const readings = readingsOf(loaded.log);
  if (!seed || readings.length === 0)
    throw new DomainError(
      'wrong_state',
      'nothing to conclude: fix the seed and read at least one slip',
      undefined,
      'chưa có gì để kết luận: cần số khởi tạo và ít nhất một lượt đọc',
    );
  const rla: RlaFile = buildRla(loaded.round, {
    seed,
    riskLimit: RISK_LIMIT,
    readings: readings.map((r) => r.answers),
    ...(options.fullCount ? { fullCountChosen: true } : {}),
  });
  const bytes = jcsBytes(rla);
  const kid = jwkThumbprint(spkiToJwk(await deps.signer.publicKeySpki()));
  const jws = await encodeJws({ alg: 'ES256', kid, typ: RLA_TYP }, bytes, (m) => deps.signer.sign(m));
  const data = { rla: sha256Hex(bytes, deps.sha256), conclusion: rla.conclusion, draws: rla.draws.length, jws };
  try {
    await append(deps, id, loaded.log, loaded.who, 'rla_published', data);
    await writeRla(deps, id, jws);
  } catch (err) {
    // Two monitors concluding at once: the one whose event was recorded is the audit; the other publishes its bytes.
    const recorded = err instanceof DomainError && err.code === 'busy' ? publishedOf(await deps.store.getAudit(id)) : undefined;
    if (!recorded) throw err;
    await writeRla(deps, id, String(recorded.data.jws));
  }
  // The result page says it was audited, and to what risk.
  await afterCommit(deps, `republishing the result page of ${id}`, () => publishResultPage(deps, id));
  return rlaState(deps, who, id);
}

/** rla.json (the signed payload's bytes) then rla.jws, last. */
async function writeRla(deps: CoreDeps, id: string, jws: string): Promise<void> {
  const bytes = decodeJws(jws).payloadBytes;
  await deps.publisher.put(`c/${id}/audit/rla.json`, bytes, { contentType: JSON_TYPE, cacheControl: IMMUTABLE });
  await deps.publisher.put(`c/${id}/audit/rla.jws`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
}
