/**
 * Close-and-publish: stop voting, recount every counted ballot, sign the manifest and publish the bundle.
 * Idempotent: safe to run twice, or again after a crash at any step. `result.jws` is written last, so a
 * half-published bundle is never taken for a result, and the publication time is fixed once so a re-run signs
 * the same manifest.
 */
import { paperAuditOf } from '../../shared/rla/summary.ts';
import { correctionsOf, correctsOf, fullCountNote } from './corrections.ts';
import { paperReplacedOnline } from '../../shared/paper-replacements.ts';
import * as z from 'zod';
import { departuresOf } from '../../shared/notice.ts';
import { signBundle } from '../../shared/bundle.ts';
import { fromUtf8, toHex, utf8 } from '../../shared/bytes.ts';
import { sha256 } from '../../shared/sha256.ts';
import { complaintsSummary } from '../../shared/complaints.ts';
import { afterPublicationOf } from '../../shared/recognition.ts';
import { holidaysOf } from '../../shared/working-days.ts';
import { DomainError } from '../../shared/errors.ts';
import { decodeJws, jwkThumbprint, spkiToJwk, spkiToPem } from '../../shared/jws.ts';
import { Manifest, type Actor } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { resultPage } from '../../web/result-page.tsx';
import { siteIndex } from '../../web/site-index.tsx';
import { disclosurePage } from '../../web/disclosure-page.tsx';
import { tallyCsv } from '../../web/open-data.ts';
import { verifyPage } from '../../web/verify/page.tsx';
import { actorOf, afterCommit, load, loadForOfficial, requireOfficial, SYSTEM } from './access.ts';
import { acceptedKids, countersignaturesOf } from './attestations.ts';
import { publishSchedule, scheduleAtClose, SCHEDULE_PUBLISHED } from './contributions.ts';
import { roundPublished } from './commune-rounds.ts';
import { communeName, communeNames } from './commune-names.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { ballotsCsvBytes, resultBundle } from './result-bundle.ts';
import { receiptKey } from './receipt-signing.ts';
import { RECEIPT_JWKS_PATH } from '../../shared/receipt-signature.ts';
import { suppliedTranslation, translationState } from './translations.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HTML_TYPE = 'text/html; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const SHORT = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The signing key's JWK and RFC 7638 thumbprint (the `kid`). */
export async function signingKey(deps: CoreDeps) {
  const spki = await deps.signer.publicKeySpki();
  const jwk = spkiToJwk(spki);
  const kid = await jwkThumbprint(jwk);
  return { spki, jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' }, kid };
}

/**
 * Writes `keys/jwks.json` and `keys/<kid>.pem`, so monitors can pin the key before any result; and, where the runtime
 * knows the API's receipt key, `keys/receipt-jwks.json`, the key that signs ballot receipts (never the result key).
 */
export async function publishKeys(deps: CoreDeps): Promise<string> {
  const { spki, jwk, kid } = await signingKey(deps);
  await deps.publisher.put('keys/jwks.json', JSON.stringify({ keys: [jwk] }), { contentType: JSON_TYPE, cacheControl: SHORT });
  await deps.publisher.put(`keys/${kid}.pem`, spkiToPem(spki), { contentType: 'application/x-pem-file', cacheControl: SHORT });
  const receipts = await receiptKey(deps);
  if (receipts) {
    if (receipts.kid === kid) throw new Error('the receipt key must not be the result-signing key');
    await deps.publisher.put(RECEIPT_JWKS_PATH, JSON.stringify({ keys: [receipts.jwk] }), { contentType: JSON_TYPE, cacheControl: SHORT });
  }
  return kid;
}

/** Writes the verify page's scripts under `assets/` (built by the runtime's entry: in memory locally, at deploy on AWS). */
export async function publishAssets(deps: CoreDeps, assets: Record<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of Object.entries(assets)) {
    await deps.publisher.put(path, bytes, { contentType: 'text/javascript; charset=utf-8', cacheControl: SHORT });
  }
}

/** Writes the disclosure page of a consultation that is disclosed or voting, with the discussion's questions and answers. */
export async function publishDisclosure(deps: CoreDeps, id: string): Promise<void> {
  const rec = await load(deps, id);
  if (rec.state !== 'disclosure' && rec.state !== 'voting' && rec.state !== 'cancelled') return;
  // A draft cancelled before it was disclosed was never public: it gets no page.
  if (rec.state === 'cancelled' && !(await wasDisclosed(deps, id))) return;
  // The questions and answers of the discussion go on the page while it is open for comments.
  const comments = rec.state === 'cancelled' ? [] : await deps.store.listComments(id);
  await deps.publisher.put(
    `c/${id}/index.html`,
    disclosurePage(
      rec.consultation,
      rec.state,
      rec.rollCount,
      '',
      comments,
      await communeName(deps, rec.consultation.commune),
      await suppliedTranslation(deps, id, rec.consultation),
    ),
    {
      contentType: 'text/html; charset=utf-8',
      cacheControl: SHORT,
    },
  );
}

/** Whether a consultation was ever disclosed (its audit log has `disclosed`): a cancelled draft never was. */
async function wasDisclosed(deps: CoreDeps, id: string): Promise<boolean> {
  return (await deps.store.getAudit(id)).some((e) => e.action === 'disclosed');
}

/**
 * Re-renders the site's home page from the current list of public consultations: never a draft, and a cancelled
 * round only if it had been disclosed (a draft cancelled before disclosure was never public).
 */
export async function publishIndex(deps: CoreDeps): Promise<void> {
  const all = await deps.store.listConsultations();
  const { kid } = await signingKey(deps);
  const cancelled = all.filter((r) => r.state === 'cancelled');
  const disclosed = new Set<string>();
  await Promise.all(
    cancelled.map(async (r) => {
      if (await wasDisclosed(deps, r.consultation.id)) disclosed.add(r.consultation.id);
    }),
  );
  const shown = all.filter((r) => r.state !== 'draft' && (r.state !== 'cancelled' || disclosed.has(r.consultation.id)));
  const names = await communeNames(
    deps,
    shown.map((r) => r.consultation.commune),
  );
  const corrected = await correctionsOf(deps, shown);
  const html = siteIndex(
    shown.map((r) => ({
      consultation: r.consultation,
      state: r.state,
      communeName: names.get(r.consultation.commune),
      correctedBy: corrected.get(r.consultation.id),
    })),
    kid,
  );
  await deps.publisher.put('index.html', html, { contentType: 'text/html; charset=utf-8', cacheControl: SHORT });
}

/** Control characters (NUL and the like) have no place in a text a person typed; tabs and line breaks do. */
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
};

/** Why an official closes voting before its planned close: 5 to 500 characters, NFC, no control characters. */
export const EarlyCloseReason = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(5)
      .max(500)
      .refine((s) => !hasControl(s), 'control characters are not allowed'),
  );

/** What a close by hand may carry: the reason for closing before `closesAt`, and whether one is required then. */
export interface CloseOptions {
  earlyReason?: string | undefined;
  /** Refuse a close before `closesAt` without a reason (the officials' pages); else an early close is recorded as such. */
  requireEarlyReason?: boolean | undefined;
}

/** Whether closing now would come before the planned close. */
export const closesEarly = (closesAt: string, now: Date): boolean => now.getTime() < Date.parse(closesAt);

/** The early close an audit log records (the `closed` event's `early` and `earlyReason`), if the round closed early. */
export function earlyCloseOf(log: ReadonlyArray<{ action: string; data: Readonly<Record<string, unknown>> }>): { reason?: string } | undefined {
  const closed = log.find((e) => e.action === 'closed');
  if (closed?.data.early !== true) return undefined;
  return typeof closed.data.earlyReason === 'string' ? { reason: closed.data.earlyReason } : {};
}

const reasonProblem = (message: string) =>
  new DomainError(
    'invalid_request',
    `closing before the planned time needs a reason: ${message}`,
    [{ path: 'reason', message }],
    'Kết thúc trước thời gian dự kiến cần ghi lý do (từ 5 đến 500 ký tự, không có ký tự điều khiển).',
  );

/** The `closed` event's data about an early close: none at or after `closesAt`; else `early` and the checked reason. */
function earlyData(closesAt: string, now: Date, options: CloseOptions): Record<string, unknown> {
  if (!closesEarly(closesAt, now)) return {};
  if (options.earlyReason === undefined || options.earlyReason.trim() === '') {
    if (options.requireEarlyReason) throw reasonProblem('required');
    return { early: true };
  }
  const parsed = EarlyCloseReason.safeParse(options.earlyReason);
  if (!parsed.success) throw reasonProblem(parsed.error.issues[0]?.message ?? 'invalid');
  return { early: true, earlyReason: parsed.data };
}

/** How long one closer may hold a round: well beyond the closer function's timeout, so a live closer keeps it. */
export const PUBLISH_LEASE_MS = 15 * 60_000;

/**
 * Closes (if still voting) and publishes. `who` is the official closing by hand, or undefined for the scheduler.
 * One closer at a time holds the round's lease (`busy` for another); the signature is kept in the store before
 * `result.jws` is written, so a re-run after a crash at any step publishes the same bytes and never signs again.
 */
export async function closeAndPublish(deps: CoreDeps, who: Principal | undefined, id: string, reason: 'manual' | 'scheduled', options: CloseOptions = {}) {
  const rec = reason === 'manual' ? (await loadForOfficial(deps, who, id)).rec : await load(deps, id);
  const actor: Actor = reason === 'manual' ? actorOf(requireOfficial(who, rec)) : SYSTEM;
  if (rec.state === 'published') return finishPublished(deps, id, rec.resultUrl);
  if (rec.state !== 'voting' && rec.state !== 'closed')
    throw new DomainError('wrong_state', `only a vote in progress can be closed; this consultation is ${rec.state}`);

  const now = deps.clock.now();
  // A close by hand before the planned time says so in the closed event, with the official's reason (published).
  const early = reason === 'manual' && rec.state === 'voting' ? earlyData(rec.consultation.closesAt, now, options) : {};
  const owner = toHex(deps.ids.random(16));
  const took = await deps.store.takePublishLease(id, owner, instant(now), instant(new Date(now.getTime() + PUBLISH_LEASE_MS)));
  if (!took)
    throw new DomainError(
      'busy',
      'another close of this consultation is publishing it now; its result follows shortly',
      undefined,
      'Kết quả đang được công bố; vui lòng tải lại trang sau ít phút.',
    );
  try {
    return await closeAndPublishHeld(deps, id, actor, reason, early);
  } finally {
    await afterCommit(deps, `releasing the publishing lease of ${id}`, () => deps.store.releasePublishLease(id, owner));
  }
}

/** A repeat (the scheduler after a manual close, or a retry after a crash): finish what may not have run. */
async function finishPublished(deps: CoreDeps, id: string, resultUrl: string | undefined) {
  await afterCommit(deps, `cancelling the close schedule of ${id}`, () => deps.scheduler.cancel(id));
  await afterCommit(deps, `dropping the slip key of ${id}`, () => deps.store.dropSlipKey(id));
  await afterCommit(deps, 'publishing the site index', () => publishIndex(deps));
  return { state: 'published' as const, result: resultUrl ?? deps.publisher.url(`c/${id}/`) };
}

async function closeAndPublishHeld(deps: CoreDeps, id: string, actor: Actor, reason: 'manual' | 'scheduled', early: Record<string, unknown>) {
  let rec = await load(deps, id);
  if (rec.state === 'published') return finishPublished(deps, id, rec.resultUrl);
  const now = instant(deps.clock.now());
  if (rec.state === 'voting') {
    await deps.store.close(id, now, { at: now, actor, action: 'closed', data: { consultationId: id, reason, ...early } });
  }
  // The codes' key goes as soon as no ballot can come in (a time to live removes it should this fail).
  await afterCommit(deps, `dropping the slip key of ${id}`, () => deps.store.dropSlipKey(id));
  const publishedAt = await deps.store.fixPublishedAt(id, now);
  rec = await load(deps, id);
  const closedAt = rec.closedAt;
  if (!closedAt) throw new DomainError('integrity_error', 'closed consultation without closedAt');

  const input = await deps.store.readForTally(id);
  const log = await deps.store.getAudit(id);
  const closing = log.findIndex((e) => e.action === 'closed');
  if (closing < 0) throw new DomainError('integrity_error', 'the audit log has no closed event');
  const consultation = rec.consultation;
  // A new result is published as result/2 (bundle.md): serials, a meeting's attendance and voting, other opinions.
  const bundle = resultBundle(consultation, input, { audit: log.slice(0, closing + 1), closedAt, publishedAt }, deps.sha256);
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
  // Open data and the verify page, derived from the signed files and not signed themselves: short-lived, so a
  // corrected rendering can replace them.
  await deps.publisher.put(`${dir}ballots.csv`, ballotsCsvBytes(input.ballots, consultation.questions), { contentType: CSV_TYPE, cacheControl: SHORT });
  await deps.publisher.put(`${dir}tally.csv`, tallyCsv(bundle.manifest), { contentType: CSV_TYPE, cacheControl: SHORT });
  await deps.publisher.put(`${dir}verify.html`, verifyPage({ consultation, kid, url: deps.publisher.url(dir) }), {
    contentType: HTML_TYPE,
    cacheControl: SHORT,
  });
  // The list the verify page and the CLI read; attestations are accepted only once published, so this never
  // overwrites a real list.
  await deps.publisher.put(`${dir}attestations/index.json`, '[]', { contentType: JSON_TYPE, cacheControl: SHORT });
  // A contribution's dues under the adopted level, from the frozen roll (published after result.jws, linked from the page).
  const schedule = await scheduleAtClose(deps, consultation, bundle.manifest);
  await publishResultPage(deps, id, { manifest: bundle.manifest, kid, contributions: schedule !== undefined });
  // Last: only a complete bundle carries a signature.
  await deps.publisher.put(`${dir}result.jws`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
  if (schedule) await publishSchedule(deps, consultation, schedule, log);

  const url = deps.publisher.url(dir);
  await deps.store.markPublished(id, url, { at: instant(deps.clock.now()), actor, action: 'published', data: { consultationId: id, kid } });
  await afterCommit(deps, `cancelling the close schedule of ${id}`, () => deps.scheduler.cancel(id));
  await afterCommit(deps, 'publishing the site index', () => publishIndex(deps));
  await roundPublished(deps, consultation);
  return { state: 'published' as const, result: url };
}

/**
 * The manifest's signature, made once: a signature kept by an earlier run is used as it is (so `result.jws` is
 * written with the same bytes however often publishing runs); else this run signs and keeps its signature with a
 * condition, and should another closer have kept one first, that one is used. A kept signature over other bytes
 * means the recount changed after the close: refused, never signed again.
 */
export async function signedOnce(deps: CoreDeps, id: string, manifestBytes: Uint8Array, kid: string): Promise<string> {
  const manifestHash = toHex(sha256(manifestBytes));
  const earlier = await deps.store.getSignature(id);
  const kept = earlier ?? (await deps.store.keepSignature(id, { manifestHash, jws: await signBundle(manifestBytes, kid, (m) => deps.signer.sign(m)) }));
  if (kept.manifestHash !== manifestHash)
    throw new DomainError('integrity_error', `the result signed for ${id} is not the result recounted now; nothing was signed again`);
  return kept.jws;
}

/**
 * Writes the result page `c/<id>/index.html` with everything it shows beside the signed result: the monitors'
 * countersignatures, the link to a contribution's schedule, and the complaint window with its complaints and the
 * commune's recognition. The manifest is read back from `result.jws` unless given; at close, `contributions` says
 * what the log cannot yet (the schedule is published after the page).
 */
export async function publishResultPage(
  deps: CoreDeps,
  id: string,
  options: { manifest?: Manifest; kid?: string; contributions?: boolean } = {},
): Promise<void> {
  const rec = await load(deps, id);
  const [manifest, log, complaints, kid, opinions] = await Promise.all([
    options.manifest ?? publishedManifest(deps, id),
    deps.store.getAudit(id),
    deps.store.listComments(id, 'complaints'),
    options.kid ?? signingKey(deps).then((k) => k.kid),
    // As opinions.json has them: hiding stops at the close, so the store's visible ones are the published ones.
    deps.store.listOpinions(id).then((list) => list.filter((o) => !o.hidden).map((o) => ({ questionId: o.questionId, text: o.text }))),
  ]);
  // Each with the monitor's name and organisation from the payload they signed.
  const attestations = await countersignaturesOf(deps, id, acceptedKids(log));
  const html = resultPage({
    communeName: await communeName(deps, rec.consultation.commune),
    consultation: rec.consultation,
    manifest,
    kid,
    attestations,
    contributions: options.contributions ?? log.some((e) => e.action === SCHEDULE_PUBLISHED),
    complaints: complaintsSummary(complaints),
    departures: departuresOf(log),
    earlyClose: earlyCloseOf(log),
    paperReplacedOnline: paperReplacedOnline(log),
    paperAudit: paperAuditOf(manifest, log),
    translation: translationState(log, rec.consultation).current,
    fullCount: fullCountNote(log),
    corrects: correctsOf(log),
    opinions: manifest.files['opinions.json'] ? opinions.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)) : [],
    record: afterPublicationOf({
      matter: rec.consultation.matter,
      closedAt: manifest.closedAt,
      log,
      holidays: holidaysOf(deps.profile),
      now: deps.clock.now(),
    }),
    // Only signatures the API checked are in the log (core/minutes.ts).
    ...(log.some((e) => e.action === 'record_drafted')
      ? {
          decisionRecord: {
            signed: [...new Set(log.filter((e) => e.action === 'record_signed').map((e) => String(e.data.role)))],
            counting: log.some((e) => e.action === 'counting_drafted'),
          },
        }
      : {}),
  });
  await deps.publisher.put(`c/${id}/index.html`, html, { contentType: HTML_TYPE, cacheControl: SHORT });
}

/** The signed manifest of a published result, from `result.jws` (the one file of the bundle the API may read). */
async function publishedManifest(deps: CoreDeps, id: string): Promise<Manifest> {
  const bytes = await deps.publisher.get(`c/${id}/result.jws`);
  if (!bytes) throw new DomainError('integrity_error', 'the published result is missing');
  return Manifest.parse(JSON.parse(fromUtf8(decodeJws(fromUtf8(bytes).trim()).payloadBytes)));
}
