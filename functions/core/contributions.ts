/**
 * Contributions after adoption (domain.md "Contributions"): at publication, the dues of each household under the
 * adopted level are published by roll id beside the result (`c/<id>/contributions/`); afterwards officials record
 * what was collected (money, workdays, property) and spent against them, and the village head's reports on carrying
 * out the decision (Law 10/2022 Art. 23(2)). Each entry is an official act, so it is an audit event of the
 * consultation's live log (atomic, hash-chained, signed off by nobody but visible to monitors); the public `ledger/1`
 * chain is rebuilt from those events in order and published again after every entry.
 */
import { fromUtf8, toHex } from '../../shared/bytes.ts';
import {
  adoptedLevel,
  appendEntry,
  dueSchedule,
  LedgerEntry,
  ledgerTotals,
  liveEntries,
  scheduleCsv,
  toLedgerJsonl,
  type LedgerEvent,
  type Schedule,
} from '../../shared/contributions.ts';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws } from '../../shared/jws.ts';
import { type AuditEvent, type Consultation, type Document, documentFile, Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { contributionsPage } from '../../web/contributions-page.tsx';
import { actorOf, afterCommit, load, loadForOfficial, SYSTEM } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { checkUpload, documentTitle } from './documents.ts';
import type { Principal } from './ports.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';

/** The audit action of each kind of ledger entry; the event's data is the entry itself. */
export const LEDGER_ACTIONS = {
  collection: 'contribution_collected',
  spending: 'contribution_spent',
  report: 'implementation_reported',
  correction: 'ledger_corrected',
} as const;
const ACTION_KIND: ReadonlyMap<string, LedgerEntry['type']> = new Map(
  Object.entries(LEDGER_ACTIONS).map(([kind, action]) => [action, kind as LedgerEntry['type']]),
);
/** The audit action that records the schedule's hash when it is published. */
export const SCHEDULE_PUBLISHED = 'schedule_published';

/** The folder of a consultation's contributions on the site. */
export const contributionsDir = (id: string) => `c/${id}/contributions/`;

/**
 * The dues under the signed result: undefined unless the matter is a contribution and a level was adopted. Reads the
 * frozen roll (names stay in the store: the schedule holds roll ids, categories and members only).
 */
export async function scheduleOf(deps: CoreDeps, consultation: Consultation, manifest: Manifest): Promise<Schedule | undefined> {
  if (consultation.matter !== 'contribution') return undefined;
  const level = adoptedLevel(consultation, manifest);
  if (!level) return undefined;
  const roll = await deps.store.getRoll(consultation.id);
  if (roll.length !== manifest.roll.count)
    throw new DomainError('integrity_error', `the roll holds ${roll.length} households, the signed result ${manifest.roll.count}`);
  return dueSchedule({
    consultation,
    households: roll.map(({ id, category, members, frontageDecimetres }) => ({ id, category, members, frontageDecimetres })),
    level,
  });
}

/** The `ledger/1` chain, rebuilt from the ledger's audit events in the order of the log. */
export function ledgerOf(log: readonly AuditEvent[]): LedgerEvent[] {
  const ledger: LedgerEvent[] = [];
  for (const e of log) {
    if (!ACTION_KIND.has(e.action)) continue;
    const entry = LedgerEntry.safeParse(e.data);
    if (!entry.success) throw new DomainError('integrity_error', `audit event ${e.seq} is not a ledger entry`);
    ledger.push(appendEntry(ledger, { at: e.at, actor: e.actor, entry: entry.data }));
  }
  return ledger;
}

/** Writes the ledger, the schedule with what was paid, and the page; `schedule.json` too when `withSchedule`. */
async function publishFiles(
  deps: CoreDeps,
  consultation: Consultation,
  schedule: Schedule,
  ledger: readonly LedgerEvent[],
  withSchedule: boolean,
): Promise<void> {
  const dir = contributionsDir(consultation.id);
  // Fixed by the signed result and the frozen roll; its hash is in the audit log.
  if (withSchedule)
    await deps.publisher.put(`${dir}schedule.json`, jcsBytes(schedule), { contentType: 'application/json; charset=utf-8', cacheControl: IMMUTABLE });
  await deps.publisher.put(`${dir}ledger.jsonl`, toLedgerJsonl(ledger), { contentType: 'application/jsonl; charset=utf-8', cacheControl: SHORT });
  await deps.publisher.put(`${dir}schedule.csv`, scheduleCsv(schedule, ledger), { contentType: 'text/csv; charset=utf-8', cacheControl: SHORT });
  await deps.publisher.put(`${dir}index.html`, contributionsPage({ consultation, schedule, ledger }), {
    contentType: 'text/html; charset=utf-8',
    cacheControl: SHORT,
  });
}

/**
 * At close, before the result page is written: the schedule to publish, or undefined. A schedule that cannot be made
 * (a frontage basis, whose roll has no frontage) must not stop the signed result: it is logged and left out.
 */
export async function scheduleAtClose(deps: CoreDeps, consultation: Consultation, manifest: Manifest): Promise<Schedule | undefined> {
  try {
    return await scheduleOf(deps, consultation, manifest);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'invalid_request') throw err;
    deps.log?.(`no contribution schedule for ${consultation.id}: ${err.message}`);
    return undefined;
  }
}

/**
 * At close, after `result.jws`: publishes the schedule with an empty ledger and records its hash once (audit event
 * `schedule_published` by the system). A retried close writes the same bytes and records nothing more.
 */
export async function publishSchedule(deps: CoreDeps, consultation: Consultation, schedule: Schedule, log: readonly AuditEvent[]): Promise<void> {
  await publishFiles(deps, consultation, schedule, [], true);
  if (log.some((e) => e.action === SCHEDULE_PUBLISHED)) return;
  await deps.store.appendAudit(consultation.id, {
    at: instant(deps.clock.now()),
    actor: SYSTEM,
    action: SCHEDULE_PUBLISHED,
    data: { sha256: sha256Hex(jcsBytes(schedule)), households: schedule.totals.households, due: schedule.totals.due },
  });
}

/** The signed manifest, read back from the published `result.jws`. */
async function signedManifest(deps: CoreDeps, id: string): Promise<Manifest> {
  const bytes = await deps.publisher.get(`c/${id}/result.jws`);
  if (!bytes) throw new DomainError('integrity_error', 'the published result is missing');
  return Manifest.parse(JSON.parse(fromUtf8(decodeJws(fromUtf8(bytes).trim()).payloadBytes)));
}

/** The published schedule of a published consultation, checked against the hash in the log, and the log. */
async function publishedSchedule(deps: CoreDeps, consultation: Consultation, log: readonly AuditEvent[]): Promise<Schedule | undefined> {
  const recorded = log.find((e) => e.action === SCHEDULE_PUBLISHED);
  if (!recorded) return undefined;
  const schedule = await scheduleOf(deps, consultation, await signedManifest(deps, consultation.id));
  if (!schedule || sha256Hex(jcsBytes(schedule)) !== recorded.data.sha256)
    throw new DomainError('integrity_error', 'the schedule no longer matches the hash recorded at publication');
  return schedule;
}

export interface ContributionsState {
  schedule: Schedule;
  ledger: LedgerEvent[];
}

/** The schedule and the ledger so far, or undefined when no schedule was published (not published, nothing adopted). */
export async function contributionsState(deps: CoreDeps, consultation: Consultation, state: string): Promise<ContributionsState | undefined> {
  if (state !== 'published' || consultation.matter !== 'contribution') return undefined;
  const log = await deps.store.getAudit(consultation.id);
  const schedule = await publishedSchedule(deps, consultation, log);
  return schedule ? { schedule, ledger: ledgerOf(log) } : undefined;
}

/** The public summary: the level, the schedule's totals, and collected, outstanding and spent so far. */
export function summaryOf(deps: CoreDeps, id: string, { schedule, ledger }: ContributionsState) {
  const t = ledgerTotals(schedule, ledger);
  return {
    consultationId: id,
    level: schedule.level,
    basis: schedule.basis,
    form: t.form,
    ...(schedule.property ? { property: schedule.property } : {}),
    schedule: schedule.totals,
    residentsShare: schedule.residentsShare,
    ledger: {
      entries: ledger.length,
      due: t.due,
      collected: t.collected,
      collectedByForm: t.collectedByForm,
      outstanding: t.outstanding,
      spent: t.spent,
      balance: t.balance,
      households: t.count,
      reports: liveEntries(ledger).filter((e) => e.entry.type === 'report').length,
    },
    url: deps.publisher.url(contributionsDir(id)),
  };
}

/** Anyone: the contributions of a published consultation (`not_found` when it has no schedule). */
export async function contributionSummary(deps: CoreDeps, id: string) {
  const rec = await load(deps, id);
  const state = await contributionsState(deps, rec.consultation, rec.state);
  if (!state) throw new DomainError('not_found', 'this consultation has no contribution schedule');
  return summaryOf(deps, id, state);
}

/** Why `entry` may not be recorded against the schedule and the ledger so far, as a DomainError; undefined if it may. */
function refusal(entry: LedgerEntry, { schedule, ledger }: ContributionsState): DomainError | undefined {
  if (entry.type !== 'collection') return undefined;
  if (!schedule.households.some((h) => h.id === entry.rollId)) {
    return new DomainError('invalid_request', `roll id ${entry.rollId} is not on the schedule`, [{ path: 'rollId', message: 'not on the schedule' }]);
  }
  const twin = liveEntries(ledger).find((e) => e.entry.type === 'collection' && e.entry.receiptNo === entry.receiptNo);
  if (twin)
    return new DomainError('duplicate_receipt', `receipt ${entry.receiptNo} is already recorded as entry ${twin.seq}`, [
      { path: 'receiptNo', message: 'already recorded' },
    ]);
  return undefined;
}

const TRIES = 5;

/**
 * An official of the commune records a collection, a spending or a correction, after publication and only when a
 * schedule was published. The entry is checked against the ledger as read and appended to the audit log only if the
 * log has not moved since, so two entries never interleave (a duplicate receipt cannot slip in between); then the
 * ledger, the schedule with what was paid and the page are published again.
 */
export async function recordEntry(deps: CoreDeps, who: Principal | undefined, id: string, entry: LedgerEntry) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published')
    throw new DomainError('wrong_state', `contributions are recorded only after the result is published; this consultation is ${rec.state}`);
  if (rec.consultation.matter !== 'contribution') throw new DomainError('wrong_state', 'this consultation is not about a contribution');
  const actor = actorOf(official);
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const log = await deps.store.getAudit(id);
    const schedule = await publishedSchedule(deps, rec.consultation, log);
    if (!schedule) throw new DomainError('wrong_state', 'no contribution level was adopted, so there is no schedule to record against');
    const state = { schedule, ledger: ledgerOf(log) };
    const refused = refusal(entry, state);
    if (refused) throw refused;
    const at = instant(deps.clock.now());
    const next = appendEntry(state.ledger, { at, actor, entry });
    try {
      await deps.store.appendAudit(id, { at, actor, action: LEDGER_ACTIONS[entry.type], data: entry }, { after: log[log.length - 1]!.seq });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'busy') continue;
      throw err;
    }
    state.ledger.push(next);
    await afterCommit(deps, 'publishing the contributions', () => publishFiles(deps, rec.consultation, schedule, state.ledger, false));
    return { seq: next.seq, hash: next.hash, entry: next.entry, totals: summaryOf(deps, id, state).ledger };
  }
  throw new DomainError('busy', 'the ledger is busy; try again');
}

export interface ReportInput {
  /** The day of the report, `YYYY-MM-DD`. */
  date: string;
  text: string;
  /** The signed report as a file (PDF, PNG or JPEG, at most 4 MiB), if any. */
  attachment?: { title?: string | undefined; mediaType: string; bytes: Uint8Array<ArrayBuffer> } | undefined;
}

/**
 * The village head's report on carrying out the decision (Law 10/2022 Art. 23(2)), recorded as a ledger entry
 * (audit event `implementation_reported`) and published with the contributions. Its file, if any, is checked as a
 * disclosure's document (checkUpload) and published first at `c/<id>/docs/<sha256>.<ext>`, named by its hash, so the
 * entry never points at a missing file and a file left by a refused entry is harmless.
 */
export async function recordReport(deps: CoreDeps, who: Principal | undefined, id: string, report: ReportInput) {
  await loadForOfficial(deps, who, id);
  let document: Document | undefined;
  if (report.attachment) {
    const { bytes } = report.attachment;
    const mediaType = checkUpload(report.attachment.mediaType, bytes);
    const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    const title = documentTitle(report.attachment.title?.trim() ? report.attachment.title : `Báo cáo ngày ${report.date.split('-').reverse().join('/')}`);
    document = { title, file: documentFile(sha256, mediaType), sha256, bytes: bytes.length, mediaType };
  }
  const parsed = LedgerEntry.safeParse({ type: 'report', date: report.date, text: report.text, ...(document ? { document } : {}) });
  if (!parsed.success) throw new DomainError('invalid_request', parsed.error.issues.map((i) => i.message).join('; '), detailsOf(parsed.error));
  if (document && report.attachment)
    await deps.publisher.put(`c/${id}/${document.file}`, report.attachment.bytes, { contentType: document.mediaType, cacheControl: IMMUTABLE });
  return recordEntry(deps, who, id, parsed.data);
}
