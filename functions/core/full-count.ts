/**
 * The full hand count of a published paper round, and what follows it (bundle.md "Risk-limiting audits of paper
 * rounds": an audit that cannot confirm the outcome ends in a full count, whose result stands in place of the tally).
 *
 * It is open once the monitors' audit concluded `full_count` (rla.ts), or once a monitor decided a full count with a
 * reason (a margin too small to audit, say: `full_count_started`). Then the officials and the monitors read every
 * slip of the round by its serial, each reading an event `full_count_reading` in the round's live log with who read it
 * (a slip read again is read again: the last reading of a serial counts, every one stays in the log). When every slip
 * is read, a monitor concludes (`full_count_concluded`): the slips as read, with the round's ballots that had no paper
 * (online ballots of a household-ballot round) as they were, are recounted under the same rules.
 * - The same tally as published: the count confirms the result; the result page says so.
 * - Any other count or outcome: a correction round (correction-round.ts), a new consultation that follows and
 *   `corrects` this one, whose ballots are the slips as read, is closed, signed and published as a normal result; this
 *   round's signed files stay as they are, only its page links onward.
 */
import { answerProblems, normalizeAnswers } from '../../shared/answers.ts';
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { canonicalize } from '../../shared/jcs.ts';
import { population } from '../../shared/rla/sampler.ts';
import type { Actor, Answers, AuditEvent, Question, QuestionTally } from '../../shared/schemas.ts';
import { tally } from '../../shared/tally.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, afterCommit, loadForMonitor } from './access.ts';
import { publishCorrection } from './correction-round.ts';
import { concludedOf, FULL_COUNT, fullCountOpen } from './corrections.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { publishIndex, publishResultPage } from './publishing.ts';
import { NO_PAPER, type PublishedRound, readRound } from './rla.ts';

export interface FullCountSlip {
  serial: string;
  /** The last reading of this slip (the whole ballot), if read. */
  answers?: Answers;
  notFound?: boolean;
  readBy?: Actor;
  at?: string;
  /** How many times it was read (more than once: read again after a mistake). */
  times: number;
}

/** A question whose count by hand is not the published one. */
export interface QuestionDifference {
  questionId: string;
  published: Pick<QuestionTally, 'counts' | 'abstain' | 'cast' | 'outcome'>;
  counted: Pick<QuestionTally, 'counts' | 'abstain' | 'cast' | 'outcome'>;
}

export interface FullCountState {
  consultationId: string;
  /** Whether slips may be read: the audit concluded `full_count`, or the monitors decided a full count. */
  open: boolean;
  why?: { by: 'rla' } | { by: 'decision'; reason: string; actor: Actor; at: string };
  population: number;
  /** Every slip by serial (byte order), with its reading once read. */
  slips: FullCountSlip[];
  read: number;
  /** Once every slip is read: the recount, and where it differs from the published tally. */
  counted?: QuestionTally[];
  differences?: QuestionDifference[];
  concluded?: { agrees: boolean; at: string; actor: Actor; correctedBy?: string; correctionUrl?: string };
  /** A round with no paper slip (a show of hands, an online round): why there is nothing to count. */
  noPaper?: { vi: string; en: string };
}

const summary = (t: QuestionTally) => ({ counts: t.counts, abstain: t.abstain, cast: t.cast, outcome: t.outcome });

/** A slip not in the box, or with nothing to read, counts as no opinion on every question. */
export function blankAnswers(questions: readonly Question[]): Answers {
  return Object.fromEntries(questions.map((q) => [q.id, q.type === 'approval' ? [] : 'abstain']));
}

/** The last reading of each serial, from the log. */
export function readingsBySerial(log: readonly AuditEvent[]): Map<string, { answers: Answers; notFound: boolean; actor: Actor; at: string; times: number }> {
  const map = new Map<string, { answers: Answers; notFound: boolean; actor: Actor; at: string; times: number }>();
  for (const e of log) {
    if (e.action !== FULL_COUNT.reading) continue;
    const serial = String(e.data.serial);
    const times = (map.get(serial)?.times ?? 0) + 1;
    map.set(serial, { answers: e.data.answers as Answers, notFound: e.data.notFound === true, actor: e.actor, at: e.at, times });
  }
  return map;
}

/** The round's ballots as the full count has them: each slip as read by hand, a ballot without paper as it was. */
export function countedAnswers(round: PublishedRound, readings: ReadonlyMap<string, { answers: Answers }>): Answers[] {
  return round.ballots.map((b) => (b.serial === undefined ? b.answers : (readings.get(b.serial)?.answers ?? b.answers)));
}

/** The recount of the slips as read, under the round's own rules (a meeting's households present as published). */
export function recountOf(round: PublishedRound, answers: readonly Answers[]): QuestionTally[] {
  const m = round.manifestData;
  const present = m.tally[0]?.present;
  return tally({ questions: round.questions }, answers, m.roll.count, present !== undefined ? { present } : {});
}

/** The questions whose count or outcome differs from the published tally. */
export function differencesOf(published: readonly QuestionTally[], counted: readonly QuestionTally[]): QuestionDifference[] {
  return counted.flatMap((c) => {
    const p = published.find((t) => t.questionId === c.questionId);
    if (p && canonicalize(summary(p)) === canonicalize(summary(c))) return [];
    return [{ questionId: c.questionId, published: p ? summary(p) : summary(c), counted: summary(c) }];
  });
}

interface Loaded {
  round: PublishedRound;
  serials: string[];
  log: AuditEvent[];
  who: Principal;
}

async function loadCount(deps: CoreDeps, who: Principal | undefined, id: string, monitorOnly: boolean): Promise<Loaded> {
  const { rec, who: principal } = await loadForMonitor(deps, who, id, monitorOnly);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only a published round is counted again; this consultation is ${rec.state}`);
  const round = await readRound(deps, id, rec.consultation.questions);
  const serials = population(round.ballots);
  if (serials.length === 0)
    throw new DomainError('wrong_state', 'no ballot of this round carries a serial: there is no paper to count', undefined, 'không có phiếu giấy để đếm lại');
  return { round, serials, log: await deps.store.getAudit(id), who: principal };
}

function stateOf(deps: CoreDeps, { round, serials, log }: Loaded): FullCountState {
  const readings = readingsBySerial(log);
  const started = log.find((e) => e.action === FULL_COUNT.started);
  const open = fullCountOpen(log);
  const slips = serials.map((serial): FullCountSlip => {
    const r = readings.get(serial);
    return r ? { serial, answers: r.answers, ...(r.notFound ? { notFound: true } : {}), readBy: r.actor, at: r.at, times: r.times } : { serial, times: 0 };
  });
  const read = slips.filter((s) => s.times > 0).length;
  const counted = read === serials.length ? recountOf(round, countedAnswers(round, readings)) : undefined;
  const done = concludedOf(log);
  const correctedBy = done && typeof done.data.correctedBy === 'string' ? done.data.correctedBy : undefined;
  return {
    consultationId: round.consultationId,
    open,
    ...(open
      ? { why: started ? { by: 'decision' as const, reason: String(started.data.reason), actor: started.actor, at: started.at } : { by: 'rla' as const } }
      : {}),
    population: serials.length,
    slips,
    read,
    ...(counted ? { counted, differences: differencesOf(round.tally, counted) } : {}),
    ...(done
      ? {
          concluded: {
            agrees: done.data.agrees === true,
            at: done.at,
            actor: done.actor,
            ...(correctedBy ? { correctedBy, correctionUrl: deps.publisher.url(`c/${correctedBy}/`) } : {}),
          },
        }
      : {}),
  };
}

/** The full count of a round as a monitor or an official of its commune sees it; a round without paper says why. */
export async function fullCountState(deps: CoreDeps, who: Principal | undefined, id: string): Promise<FullCountState> {
  const { rec } = await loadForMonitor(deps, who, id);
  if (rec.state === 'published') {
    const round = await readRound(deps, id, rec.consultation.questions);
    if (population(round.ballots).length === 0) {
      const noPaper = round.manifestData.voting === 'show_of_hands' ? NO_PAPER : NO_SLIPS;
      return { consultationId: id, open: false, population: 0, slips: [], read: 0, noPaper };
    }
  }
  return stateOf(deps, await loadCount(deps, who, id, false));
}

const NO_SLIPS = {
  vi: 'Không có phiếu giấy để đếm lại: không lá phiếu nào của vòng này có số sê-ri.',
  en: 'There is no paper slip to count: no ballot of this round carries a serial.',
};

async function append(deps: CoreDeps, id: string, loaded: Loaded, action: string, data: Record<string, unknown>): Promise<AuditEvent> {
  const at = instant(deps.clock.now());
  return deps.store.appendAudit(id, { at, actor: actorOf(loaded.who), action, data }, { after: loaded.log.at(-1)?.seq ?? 0 });
}

const refuseConcluded = (log: readonly AuditEvent[]) => {
  if (concludedOf(log)) throw new DomainError('already_recorded', 'the full count is concluded', undefined, 'cuộc đếm lại toàn bộ đã kết luận');
};

/**
 * A monitor decides a full count without waiting for the audit (the margin is too small to audit, say): an event
 * `full_count_started` with the reason (5 to 500 characters). Refused once a full count is open.
 */
export async function startFullCount(deps: CoreDeps, who: Principal | undefined, id: string, reason: string): Promise<FullCountState> {
  const loaded = await loadCount(deps, who, id, true);
  if (fullCountOpen(loaded.log)) throw new DomainError('already_recorded', 'a full count is already open', undefined, 'việc đếm lại toàn bộ đã bắt đầu');
  const text = reason.normalize('NFC').trim();
  if (text.length < 5 || text.length > 500)
    throw new DomainError('invalid_request', 'the reason must be 5 to 500 characters', [{ path: 'reason', message: 'lý do từ 5 đến 500 ký tự' }]);
  await append(deps, id, loaded, FULL_COUNT.started, { reason: text });
  return fullCountState(deps, who, id);
}

/** A serial as typed off a slip: spaces gone, upper case (the serials' alphabet has no lower case). */
const cleanSerial = (typed: string) => typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/**
 * An official or a monitor records what one slip says, by its serial (an event `full_count_reading` with who read
 * it). The whole ballot is read: every question answered ("abstain" or [] where the slip says nothing); `notFound`
 * records a slip missing from the box, counted as no opinion. Read again, the later reading counts.
 * @example await enterFullCountReading(deps, official, id, '7KQ2-M9XD', { q1: 'no' })
 */
export async function enterFullCountReading(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  typedSerial: string,
  answers: Answers,
  options: { notFound?: boolean } = {},
): Promise<FullCountState> {
  const loaded = await loadCount(deps, who, id, false);
  if (!fullCountOpen(loaded.log))
    throw new DomainError('wrong_state', 'no full count is open for this round', undefined, 'chưa có quyết định đếm lại toàn bộ phiếu của vòng này');
  refuseConcluded(loaded.log);
  const serial = cleanSerial(typedSerial);
  if (!loaded.serials.includes(serial))
    throw new DomainError('not_found', `no slip of this round has the serial ${serial}`, [{ path: 'serial', message: 'không có phiếu mang số sê-ri này' }]);
  const questions = loaded.round.questions;
  const normalized = options.notFound ? blankAnswers(questions) : normalizeAnswers(questions, answers);
  const problems = answerProblems(questions, normalized);
  if (problems.length)
    throw new DomainError(
      'invalid_request',
      'the reading is not an allowed ballot: answer every question ("abstain" where the slip says nothing)',
      problems.map((p) => ({ path: ['answers', ...p.path].join('.'), message: p.message })),
      'Cần ghi đủ mọi câu hỏi (chọn «Không có ý kiến» khi phiếu bỏ trống).',
    );
  const again = readingsBySerial(loaded.log).has(serial);
  await append(deps, id, loaded, FULL_COUNT.reading, {
    serial,
    answers: normalized,
    ...(options.notFound ? { notFound: true } : {}),
    ...(again ? { again: true } : {}),
  });
  return fullCountState(deps, who, id);
}

/** Whether every slip has been read (or the count is concluded): what `concludeFullCount` needs. */
export function fullCountReady(log: readonly AuditEvent[], serials: readonly string[]): boolean {
  if (!fullCountOpen(log)) return false;
  if (concludedOf(log)) return true;
  const read = readingsBySerial(log);
  return serials.every((s) => read.has(s));
}

/**
 * A monitor concludes the full count once every slip is read: `full_count_concluded` with whether the count agrees
 * with the published tally; if not, the correction round is made, signed and published (correction-round.ts), and
 * this round's page and the home page link to it. A second run finishes what a first one left (idempotent).
 */
export async function concludeFullCount(deps: CoreDeps, who: Principal | undefined, id: string): Promise<FullCountState> {
  let loaded = await loadCount(deps, who, id, true);
  if (!concludedOf(loaded.log)) {
    const state = stateOf(deps, loaded);
    if (!state.open) throw new DomainError('wrong_state', 'no full count is open for this round', undefined, 'chưa có quyết định đếm lại toàn bộ');
    if (!state.counted || !state.differences)
      throw new DomainError(
        'wrong_state',
        `${state.population - state.read} slip(s) are not read yet`,
        undefined,
        `còn ${state.population - state.read} phiếu chưa đọc`,
      );
    const agrees = state.differences.length === 0;
    const data = agrees
      ? { agrees, slips: state.population }
      : {
          agrees,
          slips: state.population,
          questions: state.differences.map((d) => d.questionId),
          correctedBy: deps.ids.ulid(),
          nonceSeed: toHex(deps.ids.random(16)),
        };
    try {
      await append(deps, id, loaded, FULL_COUNT.concluded, data);
    } catch (err) {
      // Two monitors at once: the conclusion recorded first stands, and this run finishes it.
      if (!(err instanceof DomainError && err.code === 'busy')) throw err;
    }
    loaded = { ...loaded, log: await deps.store.getAudit(id) };
  }
  const done = concludedOf(loaded.log)!;
  if (done.data.agrees !== true) await publishCorrection(deps, loaded.round, done, readingsBySerial(loaded.log));
  await afterCommit(deps, `republishing the result page of ${id}`, () => publishResultPage(deps, id));
  await afterCommit(deps, 'publishing the site index', () => publishIndex(deps));
  return fullCountState(deps, who, id);
}

/**
 * Refuses (409) a conclusion that could not yet be the full count's: no full count open, or slips not read. The
 * routes check this before asking the closer, whose act concludes the full count once it is ready (rla.ts).
 */
export async function requireFullCountReady(deps: CoreDeps, who: Principal | undefined, id: string): Promise<void> {
  const loaded = await loadCount(deps, who, id, true);
  if (fullCountReady(loaded.log, loaded.serials)) return;
  const state = stateOf(deps, loaded);
  if (!state.open) throw new DomainError('wrong_state', 'no full count is open for this round', undefined, 'chưa có quyết định đếm lại toàn bộ');
  throw new DomainError(
    'wrong_state',
    `${state.population - state.read} slip(s) are not read yet`,
    undefined,
    `còn ${state.population - state.read} phiếu chưa đọc`,
  );
}
