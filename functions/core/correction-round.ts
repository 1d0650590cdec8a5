/**
 * The correction round a full hand count makes when it does not agree with the published tally (full-count.ts): a new
 * consultation, the original's content with `follows` naming it (its first event `created` says it `corrects` it),
 * whose ballots are the slips as read by hand (same serials, linked to no household) and the original's ballots that
 * had no paper, as they were. It is closed and published as any round is: the `result/2` bundle built by
 * `resultBundle`, signed once, `result.jws` last, so `danban verify` runs its nine checks on it. The original's signed
 * files are never written again.
 *
 * Its log, published in its audit.jsonl: `created`, `correction_opened` (the original's id and the hash of its signed
 * result, the slips counted), one `slip_entered` per slip (serial and receipt, its actor the one who read it), and
 * `closed` (reason `full_count`). Every step can run again after a crash: the round's id, the nonces (drawn from the
 * `nonceSeed` of the original's `full_count_concluded`), the log and the publication time are all fixed once, so a
 * second run signs nothing new and writes the same bytes.
 */
import { fromUtf8, toHex, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { receiptOf } from '../../shared/receipt.ts';
import {
  type Actor,
  type Answers,
  type AuditEvent,
  type Ballot,
  type Consultation,
  OPINIONS_FILE,
  OpinionsFile,
  ParticipantsFile,
  RollFile,
} from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { tallyCsv } from '../../web/open-data.ts';
import { verifyPage } from '../../web/verify/page.tsx';
import { afterCommit, load } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { ACTIONS } from './meeting-log.ts';
import { publishResultPage, signedOnce, signingKey } from './publishing.ts';
import { ballotsCsvBytes, resultBundle } from './result-bundle.ts';
import type { PublishedRound } from './rla.ts';
import type { TallyInput } from './store.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
/** How long one run may hold the correction's publication (as a close holds a round's). */
const LEASE_MS = 15 * 60_000;

type Readings = ReadonlyMap<string, { answers: Answers; actor: Actor; at: string }>;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The correction's consultation: the original's content, its own id, `follows` the original; no documents, no group. */
function correctionConsultation(original: Consultation, id: string): Consultation {
  const { documents: _d, group: _g, follows: _f, ...rest } = original;
  return {
    ...rest,
    id,
    follows: original.id,
    title: cut(`Kết quả sửa sau khi đếm lại toàn bộ phiếu: ${original.title}`, 300),
    titleEn: cut(`Corrected result after a full hand count: ${original.titleEn ?? original.title}`, 300),
  };
}

/** The correction's ballots, in the order of the original's ballots.json: each slip as read, a ballot without paper as it was. */
function correctionBallots(deps: CoreDeps, id: string, round: PublishedRound, readings: Readings, seed: string): Ballot[] {
  return round.ballots.map((b, i) => {
    const answers = b.serial === undefined ? b.answers : readings.get(b.serial)?.answers;
    if (!answers) throw new DomainError('integrity_error', `the full count has no reading of slip ${b.serial}`);
    const nonce = toHex((deps.sha256 ?? sha256)(utf8(`${seed}/${b.serial ?? `#${i}`}`))).slice(0, 32);
    const receipt = receiptOf(id, answers, nonce, deps.sha256, b.serial);
    return { answers, nonce, receipt, ...(b.serial !== undefined ? { serial: b.serial } : {}) };
  });
}

async function publishedJson(deps: CoreDeps, path: string): Promise<unknown> {
  const bytes = await deps.publisher.get(path);
  if (!bytes) throw new DomainError('integrity_error', `the published ${path} is missing`);
  return JSON.parse(fromUtf8(bytes));
}

/** The recount's input: the original's roll and participants as published, the ballots as counted by hand. */
async function tallyInput(deps: CoreDeps, round: PublishedRound, ballots: Ballot[]): Promise<TallyInput> {
  const dir = `c/${round.consultationId}/`;
  const m = round.manifestData;
  const [roll, participants, opinions] = await Promise.all([
    publishedJson(deps, `${dir}roll.json`).then((j) => RollFile.parse(j)),
    publishedJson(deps, `${dir}participants.json`).then((j) => ParticipantsFile.parse(j)),
    m.files[OPINIONS_FILE] ? publishedJson(deps, `${dir}${OPINIONS_FILE}`).then((j) => OpinionsFile.parse(j).opinions) : undefined,
  ]);
  const present = m.tally[0]?.present;
  return {
    rollIds: roll.households.map((h) => h.id),
    participants: participants.households,
    ballots,
    ...(m.voting !== undefined ? { voting: m.voting } : {}),
    ...(present !== undefined ? { present } : {}),
    ...(opinions !== undefined ? { opinions } : {}),
  };
}

/** Creates the correction round if no run has yet. */
async function createCorrection(deps: CoreDeps, original: Consultation, id: string, actor: Actor): Promise<void> {
  if (await deps.store.getConsultation(id, { counts: false })) return;
  const consultation = correctionConsultation(original, id);
  const at = instant(deps.clock.now());
  const data = { consultationId: id, title: consultation.title, follows: original.id, corrects: original.id };
  await deps.store.createConsultation(consultation, at, { at, actor, action: 'created', data }).catch(async (err) => {
    if (!(await deps.store.getConsultation(id, { counts: false }))) throw err;
  });
}

/** Records the correction's opening, each slip once, and its close (each skipped when an earlier run did it). */
async function recordCorrection(deps: CoreDeps, round: PublishedRound, done: AuditEvent, id: string, ballots: Ballot[], readings: Readings): Promise<void> {
  const actor = done.actor;
  const original = round.consultationId;
  const now = () => instant(deps.clock.now());
  let rec = await load(deps, id);
  if (rec.state === 'draft') {
    const at = now();
    const carried = ballots.filter((b) => b.serial === undefined).length;
    const data = { from: 'draft', to: 'voting', corrects: original, manifest: round.manifest, slips: ballots.length - carried, carried };
    await deps.store.transition(id, ['draft'], 'voting', at, { at, actor, action: 'correction_opened', data });
    rec = await load(deps, id);
  }
  if (rec.state !== 'voting') return;
  const entered = new Set((await deps.store.getAudit(id)).filter((e) => e.action === ACTIONS.slipEntered).map((e) => String(e.data.serial)));
  const slips = ballots.filter((b) => b.serial !== undefined).sort((a, b) => (a.serial! < b.serial! ? -1 : 1));
  for (const b of slips) {
    if (entered.has(b.serial!)) continue;
    const reading = readings.get(b.serial!)!;
    await deps.store.appendAudit(id, {
      at: now(),
      actor: reading.actor,
      action: ACTIONS.slipEntered,
      data: { serial: b.serial, receipt: b.receipt, readAt: reading.at },
    });
  }
  const at = now();
  await deps.store.close(id, at, { at, actor, action: 'closed', data: { consultationId: id, reason: 'full_count', corrects: original } });
}

/**
 * Makes, signs and publishes the correction round named by the original's `full_count_concluded` event (`done`), or
 * finishes what an earlier run left. Returns the correction round's id.
 */
export async function publishCorrection(deps: CoreDeps, round: PublishedRound, done: AuditEvent, readings: Readings): Promise<string> {
  const id = String(done.data.correctedBy);
  const existing = await deps.store.getConsultation(id, { counts: false });
  if (existing?.state === 'published') return id;
  const ballots = correctionBallots(deps, id, round, readings, String(done.data.nonceSeed));
  const owner = toHex(deps.ids.random(16));
  const start = deps.clock.now();
  // The lease is the correction round's own: created first if need be, so only one run records and publishes it.
  await createCorrection(deps, (await load(deps, round.consultationId)).consultation, id, done.actor);
  const took = await deps.store.takePublishLease(id, owner, instant(start), instant(new Date(start.getTime() + LEASE_MS)));
  if (!took) throw new DomainError('busy', 'the correction round is being published now', undefined, 'vòng sửa kết quả đang được công bố');
  try {
    await recordCorrection(deps, round, done, id, ballots, readings);
    await publishHeld(deps, round, id, ballots, done.actor);
  } finally {
    await afterCommit(deps, `releasing the publishing lease of ${id}`, () => deps.store.releasePublishLease(id, owner));
  }
  return id;
}

async function publishHeld(deps: CoreDeps, round: PublishedRound, id: string, ballots: Ballot[], actor: Actor): Promise<void> {
  let rec = await load(deps, id);
  if (rec.state === 'published') return;
  const publishedAt = await deps.store.fixPublishedAt(id, instant(deps.clock.now()));
  rec = await load(deps, id);
  const log = await deps.store.getAudit(id);
  const closing = log.findIndex((e) => e.action === 'closed');
  if (closing < 0 || !rec.closedAt) throw new DomainError('integrity_error', 'the correction round has no closed event');
  const input = await tallyInput(deps, round, ballots);
  const bundle = resultBundle(rec.consultation, input, { audit: log.slice(0, closing + 1), closedAt: rec.closedAt, publishedAt }, deps.sha256);
  const { kid } = await signingKey(deps);
  const jws = await signedOnce(deps, id, bundle.manifestBytes, kid);
  const dir = `c/${id}/`;
  for (const [name, bytes] of Object.entries(bundle.files)) {
    await deps.publisher.put(dir + name, bytes, {
      contentType: name.endsWith('.jsonl') ? 'application/jsonl; charset=utf-8' : JSON_TYPE,
      cacheControl: IMMUTABLE,
    });
  }
  await deps.publisher.put(`${dir}result.json`, bundle.manifestBytes, { contentType: JSON_TYPE, cacheControl: IMMUTABLE });
  await deps.publisher.put(`${dir}ballots.csv`, ballotsCsvBytes(ballots, rec.consultation.questions), { contentType: CSV_TYPE, cacheControl: SHORT });
  await deps.publisher.put(`${dir}tally.csv`, tallyCsv(bundle.manifest), { contentType: CSV_TYPE, cacheControl: SHORT });
  await deps.publisher.put(`${dir}verify.html`, verifyPage({ consultation: rec.consultation, kid, url: deps.publisher.url(dir) }), {
    contentType: HTML_TYPE,
    cacheControl: SHORT,
  });
  await deps.publisher.put(`${dir}attestations/index.json`, '[]', { contentType: JSON_TYPE, cacheControl: SHORT });
  await publishResultPage(deps, id, { manifest: bundle.manifest, kid });
  // Last: only a complete bundle carries a signature.
  await deps.publisher.put(`${dir}result.jws`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
  const url = deps.publisher.url(dir);
  await deps.store.markPublished(id, url, { at: instant(deps.clock.now()), actor, action: 'published', data: { consultationId: id, kid } });
}
