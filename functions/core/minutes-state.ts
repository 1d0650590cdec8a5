/**
 * The decision record's state as the pages show it (./minutes.ts drafts and signs it): the published
 * `record/decision.json`, the hash every key signature must name, who has signed and who has not (each signature
 * checked again), the scans of the paper copy, and the counting record; and the publishing of their pages.
 */
import { fromUtf8 } from '../../shared/bytes.ts';
import { CountingRecord, DecisionRecord, minutesHash, RECORD_FILES, RECORD_ROLES, signatureStatus, type SignatureStatus } from '../../shared/minutes.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { countingPage } from '../../web/counting-page.tsx';
import { noticeEvidenceOf } from '../../web/notice-evidence.ts';
import { decisionPage, type RecordScan } from '../../web/record-page.tsx';
import { afterCommit } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { printJobOf } from './printing.ts';

/** The audit actions of the record. */
export const RECORD_ACTIONS = {
  drafted: 'record_drafted',
  signed: 'record_signed',
  counting: 'counting_drafted',
  scan: 'record_scan_added',
} as const;

const SHORT = 'public, max-age=60';
const HTML = 'text/html; charset=utf-8';

/** The scans the log records, oldest first. */
export function scansOf(log: readonly AuditEvent[]): RecordScan[] {
  return log
    .filter((e) => e.action === RECORD_ACTIONS.scan)
    .map((e) => ({ file: String(e.data.file), sha256: String(e.data.sha256), document: e.data.document === 'counting' ? 'counting' : 'decision', at: e.at }));
}

/** The published key signatures of the roles that have signed, as the audit log records them (one a role). */
export async function publishedSignatures(deps: Pick<CoreDeps, 'publisher' | 'store'>, id: string, log?: readonly AuditEvent[]): Promise<string[]> {
  const events = log ?? (await deps.store.getAudit(id));
  const roles = new Set(events.filter((e) => e.action === RECORD_ACTIONS.signed).map((e) => String(e.data.role)));
  const files = await Promise.all(RECORD_ROLES.filter((r) => roles.has(r)).map((role) => deps.publisher.get(`c/${id}/${RECORD_FILES.signature(role)}`)));
  return files.flatMap((f) => (f ? [fromUtf8(f).trim()] : []));
}

/** Publishes `record/<name>.html` and asks for its PDF, printed again each time the page changes. */
async function publishHtml(deps: CoreDeps, id: string, file: string, html: string): Promise<void> {
  const htmlKey = `c/${id}/${file}`;
  await deps.publisher.put(htmlKey, html, { contentType: HTML, cacheControl: SHORT });
  const printer = deps.printer;
  if (printer) await afterCommit(deps, 'printing the record', () => printer.request(printJobOf(htmlKey)));
}

/** The decision record's page, with who has signed with a key and the scans; returns the signatures' status. */
export async function publishDecisionPage(deps: CoreDeps, id: string, record: DecisionRecord): Promise<SignatureStatus> {
  const log = await deps.store.getAudit(id);
  const status = await signatureStatus(record, await publishedSignatures(deps, id, log));
  const scans = scansOf(log).filter((s) => s.document === 'decision');
  const html = decisionPage({ record, signed: status.signed, scans, pdf: deps.printer !== undefined, notices: noticeEvidenceOf(log) });
  await publishHtml(deps, id, RECORD_FILES.decisionHtml, html);
  return status;
}

/** The counting record's page, with its scans. */
export async function publishCountingPage(deps: CoreDeps, id: string, record: CountingRecord, log?: readonly AuditEvent[]): Promise<void> {
  const scans = scansOf(log ?? (await deps.store.getAudit(id))).filter((s) => s.document === 'counting');
  await publishHtml(deps, id, RECORD_FILES.countingHtml, countingPage({ record, scans, pdf: deps.printer !== undefined }));
}

export interface MinutesState {
  /** The decision record (kept under this name for the pages that read it). */
  minutes: DecisionRecord;
  /** H(JCS(record)), hex: what each officer's signature names. */
  hash: string;
  status: SignatureStatus;
  /** A signature was accepted, so the record can no longer be drafted again. */
  locked: boolean;
  counting?: CountingRecord | undefined;
  scans: RecordScan[];
}

/** The published counting record, if any. */
export async function publishedCounting(deps: Pick<CoreDeps, 'publisher'>, id: string): Promise<CountingRecord | undefined> {
  const bytes = await deps.publisher.get(`c/${id}/${RECORD_FILES.counting}`);
  return bytes ? CountingRecord.parse(JSON.parse(fromUtf8(bytes))) : undefined;
}

/** The decision record of consultation `id`, its signatures, scans and counting record; undefined before it is drafted. */
export async function minutesState(deps: Pick<CoreDeps, 'publisher' | 'store'>, id: string): Promise<MinutesState | undefined> {
  const bytes = await deps.publisher.get(`c/${id}/${RECORD_FILES.decision}`);
  if (!bytes) return undefined;
  const record = DecisionRecord.parse(JSON.parse(fromUtf8(bytes)));
  const log = await deps.store.getAudit(id);
  const [signatures, counting] = await Promise.all([publishedSignatures(deps, id, log), publishedCounting(deps, id)]);
  return {
    minutes: record,
    hash: minutesHash(record),
    status: await signatureStatus(record, signatures),
    locked: log.some((e) => e.action === RECORD_ACTIONS.signed),
    counting,
    scans: scansOf(log),
  };
}

/** The same, under the record's name. */
export const recordState = minutesState;
