/**
 * The decision record of a published result (Law 10/2022 Art. 20; Decree 59/2023 form 03) and its counting record
 * (form 02 or 04): drafted from the signed result, the bundle's roll, participants and audit log, the discussion's
 * answered questions and what an official enters (shared/minutes.ts); published under `c/<id>/record/` as JCS JSON,
 * a printable HTML page and, where a printer is wired, its A4 PDF (functions/core/printing.ts). The village head and
 * the head of the Front working committee may sign `decision.json` with their own P-256 keys
 * (`record/signatures/<role>.jws`); the paper copy signed by hand is scanned and published (./record-scans.ts).
 *
 * The decision record can be drafted again (a misspelt name) until the first key signature; after that it is fixed,
 * since a signature covers its hash. Every act is audit-logged.
 */
import * as z from 'zod';
import { answeredQuestions } from '../../shared/discussion.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws } from '../../shared/jws.ts';
import { parseAuditJsonl } from '../../shared/audit.ts';
import {
  DecisionRecord,
  DocumentForm,
  draftCounting,
  draftDecision,
  MinutesRole,
  RECORD_FILES,
  type MinutesSignatureCheck,
  verifyMinutesSignature,
} from '../../shared/minutes.ts';
import { Consultation, Instant, Manifest, OPINIONS_FILE, OpinionsFile, ParticipantsFile, RollFile, type AuditEvent } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { publishCountingPage, publishDecisionPage, RECORD_ACTIONS } from './minutes-state.ts';
import type { Principal } from './ports.ts';
import { republish } from './republish.ts';

const Name = z.string().trim().min(1).max(200);
const RollId = z.string().trim().min(1).max(64);
const Letterhead = z.strictObject({ authority: Name, unit: Name });

/** What an official enters for the decision record. */
export const RecordBody = z.strictObject({
  /** Law 10/2022 Art. 20(1): chosen by the village head with the head of the Front working committee. */
  form: DocumentForm,
  letterhead: Letterhead,
  /** Where the meeting was held, or the slips and votes summed up ("Nhà văn hóa thôn Đông"). */
  place: z.string().trim().min(2).max(200),
  /** A meeting only: when it began and ended. */
  meeting: z.strictObject({ from: Instant, to: Instant }).optional(),
  /** The secretary's summary of what was discussed. */
  summary: z.string().trim().min(1).max(10_000),
  signers: z.strictObject({ villageHead: Name, frontHead: Name, households: z.tuple([RollId, RollId]) }),
});
export type RecordBody = z.infer<typeof RecordBody>;

/** What an official enters for the counting record. */
export const CountingBody = z.strictObject({
  letterhead: Letterhead,
  place: z.string().trim().min(2).max(200),
  at: Instant,
  members: z
    .array(z.strictObject({ name: Name, role: Name }))
    .min(3)
    .max(5),
  witnesses: z.tuple([RollId, RollId]),
  spoiled: z.int().min(0),
});
export type CountingBody = z.infer<typeof CountingBody>;

const SHORT = 'public, max-age=60';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The published result and the bundle files a record is drafted from (opinions.json when the manifest lists it). */
async function publishedResult(deps: CoreDeps, id: string) {
  const names = ['result.jws', 'consultation.json', 'roll.json', 'participants.json', 'audit.jsonl'] as const;
  const [jws, consultation, roll, participants, audit] = await Promise.all(names.map((n) => deps.publisher.get(`c/${id}/${n}`)));
  if (!jws || !consultation || !roll || !participants || !audit) throw new DomainError('integrity_error', 'the published result is missing');
  const payload = decodeJws(fromUtf8(jws).trim()).payloadBytes;
  const json = (bytes: Uint8Array) => JSON.parse(fromUtf8(bytes)) as unknown;
  const manifest = Manifest.parse(json(payload));
  return {
    manifest,
    manifestHash: sha256Hex(payload),
    consultation: Consultation.parse(json(consultation)),
    rollIds: RollFile.parse(json(roll)).households.map((h) => h.id),
    participantIds: ParticipantsFile.parse(json(participants)).households.map((h) => h.id),
    audit: parseAuditJsonl(audit),
    opinions: await publishedOpinions(deps, id, manifest),
  };
}

/** opinions.json's list when the signed result lists it (bytes with the signed hash), in the file's order; else none. */
async function publishedOpinions(deps: CoreDeps, id: string, manifest: Manifest) {
  const signed = manifest.files[OPINIONS_FILE];
  if (signed === undefined) return undefined;
  const bytes = await deps.publisher.get(`c/${id}/${OPINIONS_FILE}`);
  if (!bytes || sha256Hex(bytes) !== signed)
    throw new DomainError('integrity_error', 'the published opinions.json is missing or does not match the signed result');
  const file = OpinionsFile.parse(JSON.parse(fromUtf8(bytes)));
  if (file.consultationId !== id) throw new DomainError('integrity_error', 'the published opinions.json names another consultation');
  return file.opinions;
}

async function publishedOnly(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `the record follows the published result; this consultation is ${rec.state}`);
  return { rec, official };
}

/** Drafts the decision record of a published result and publishes it (audit-logged `record_drafted` with its hash). */
export async function draftRecord(deps: CoreDeps, who: Principal | undefined, id: string, body: RecordBody) {
  const { official } = await publishedOnly(deps, who, id);
  const events = await deps.store.getAudit(id);
  if (events.some((e) => e.action === RECORD_ACTIONS.signed))
    throw new DomainError('wrong_state', 'the record is signed already and can no longer be redrafted');
  const published = await publishedResult(deps, id);
  const discussion = answeredQuestions(await deps.store.listComments(id)).map((q) => ({
    question: q.question.text,
    answers: q.answers.map((a) => a.text),
  }));
  const record = draftDecision({
    ...published,
    entries: { ...body, ...(body.meeting ? { meeting: body.meeting } : {}), discussion },
  });
  const bytes = jcsBytes(record);
  const sha256 = sha256Hex(bytes);
  // Logged first, on the log as read (no signature came in meanwhile, or this is `busy`), then published: a
  // signature is only ever checked against the record the last `record_drafted` names (draftedRecord).
  await deps.store.appendAudit(
    id,
    { at: instant(deps.clock.now()), actor: actorOf(official), action: RECORD_ACTIONS.drafted, data: { sha256, form: record.form } },
    { after: events[events.length - 1]!.seq },
  );
  await deps.publisher.put(`c/${id}/${RECORD_FILES.decision}`, bytes, { contentType: JSON_TYPE, cacheControl: SHORT });
  await publishDecisionPage(deps, id, record);
  await republish(deps, id, ['result']);
  return { sha256, record, url: deps.publisher.url(`c/${id}/${RECORD_FILES.decisionHtml}`) };
}

/** Drafts the counting record (form 02 or 04) and publishes it (audit-logged `counting_drafted` with its hash). */
export async function draftCountingRecord(deps: CoreDeps, who: Principal | undefined, id: string, body: CountingBody) {
  const { official } = await publishedOnly(deps, who, id);
  const { audit: _, opinions: __, ...published } = await publishedResult(deps, id);
  const record = draftCounting({ ...published, entries: body });
  const bytes = jcsBytes(record);
  const sha256 = sha256Hex(bytes);
  await deps.store.appendAudit(id, {
    at: instant(deps.clock.now()),
    actor: actorOf(official),
    action: RECORD_ACTIONS.counting,
    data: { sha256, form: record.form },
  });
  await deps.publisher.put(`c/${id}/${RECORD_FILES.counting}`, bytes, { contentType: JSON_TYPE, cacheControl: SHORT });
  await publishCountingPage(deps, id, record);
  await republish(deps, id, ['result']);
  return { sha256, record, url: deps.publisher.url(`c/${id}/${RECORD_FILES.countingHtml}`) };
}

/**
 * The record as last drafted: the published `decision.json` whose hash the log's last `record_drafted` names.
 * Anything else (a redraft half-way) is `busy`, so nothing is signed against a record the log does not stand behind.
 */
async function draftedRecord(deps: CoreDeps, id: string, log: readonly AuditEvent[]): Promise<DecisionRecord> {
  const drafted = log.filter((e) => e.action === RECORD_ACTIONS.drafted).at(-1);
  const bytes = await deps.publisher.get(`c/${id}/${RECORD_FILES.decision}`);
  if (!drafted || !bytes) throw new DomainError('wrong_state', 'the record has not been drafted yet');
  if (sha256Hex(bytes) !== drafted.data.sha256) throw new DomainError('busy', 'the record is being drafted again; reload it and sign again');
  return DecisionRecord.parse(JSON.parse(fromUtf8(bytes)));
}

function checkSender(role: MinutesRole, signer: Principal): void {
  if (role === 'front_head' ? signer.role !== 'monitor' : signer.role !== 'official') {
    throw new DomainError(
      'forbidden',
      role === 'front_head'
        ? 'the head of the Front working committee signs through a monitor’s account'
        : 'the village head signs through an official’s account',
    );
  }
}

/**
 * Claims the role in the log, conditional on the log as read (two officers racing for one role cannot both win, and
 * no redraft slips in between), retried when another act was logged meanwhile. The same signature sent again, or sent
 * again after a failure between the claim and the file, is accepted; another one for a signed role is not.
 */
async function claimRole(deps: CoreDeps, id: string, jws: string, signer: Principal) {
  for (let attempt = 1; ; attempt++) {
    const log = await deps.store.getAudit(id);
    const record = await draftedRecord(deps, id, log);
    const check: MinutesSignatureCheck = await verifyMinutesSignature(jws, record);
    if (!check.ok || !check.role) throw new DomainError('invalid_attestation', check.problems.join('; ') || 'not a signature of this record');
    const role = MinutesRole.parse(check.role);
    checkSender(role, signer);
    const earlier = log.find((e) => e.action === RECORD_ACTIONS.signed && e.data.role === role);
    if (earlier) {
      const file = await deps.publisher.get(`c/${id}/${RECORD_FILES.signature(role)}`);
      const same = file !== undefined && fromUtf8(file).trim() === jws;
      const unfinished = file === undefined && earlier.data.kid === (check.kid ?? '');
      if (!same && !unfinished) throw new DomainError('already_signed', `the ${role} has signed this record already`);
      return { record, role, kid: check.kid ?? '' };
    }
    try {
      await deps.store.appendAudit(
        id,
        { at: instant(deps.clock.now()), actor: actorOf(signer), action: RECORD_ACTIONS.signed, data: { role, kid: check.kid ?? '' } },
        { after: log[log.length - 1]!.seq },
      );
      return { record, role, kid: check.kid ?? '' };
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'busy' || attempt >= 5) throw err;
    }
  }
}

/** Accepts an officer's key signature of the decision record (village head: an official; Front head: a monitor). */
export async function signRecord(deps: CoreDeps, who: Principal | undefined, id: string, compact: string) {
  const { rec, who: signer } = await loadForMonitor(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only the record of a published result is signed; this consultation is ${rec.state}`);
  const jws = compact.trim();
  const { record, role, kid } = await claimRole(deps, id, jws, signer);
  await deps.publisher.put(`c/${id}/${RECORD_FILES.signature(role)}`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
  const status = await publishDecisionPage(deps, id, record);
  await republish(deps, id, ['result']);
  return { role, kid, signed: status.signed.map((s) => s.role), missing: status.missing };
}

/** The earlier name of signRecord, for the pages that still call it so. */
export const signResultMinutes = signRecord;
