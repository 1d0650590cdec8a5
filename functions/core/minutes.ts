/**
 * The minutes (biên bản) of a published result: drafted from the signed manifest in the shape of Decree 59/2023
 * form 03 (shared/minutes.ts) once an official gives the place and the officers, published beside the result as
 * `minutes.json` (JCS), a printable `minutes.html` and, where a printer is wired, its A4 `minutes.pdf` rendered by
 * headless Chromium (functions/core/printing.ts), and signed by the chair, the secretary and the Front
 * representative, each with their own P-256 key: every signature is checked before it is published under
 * `minutes/<role>.jws`, and the page then shows who has signed and who has not.
 *
 * The minutes can be drafted again (a misspelt name) until the first signature; after that they are fixed, since a
 * signature covers their hash.
 */
import * as z from 'zod';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws } from '../../shared/jws.ts';
import { draftMinutes, FrontRepresentative, Minutes, MinutesRole, Officer, signatureStatus, verifyMinutesSignature } from '../../shared/minutes.ts';
import { Consultation, Instant, Manifest, type AuditEvent } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { minutesPage } from '../../web/minutes-page.tsx';
import { actorOf, afterCommit, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { republish } from './republish.ts';
import type { Principal } from './ports.ts';
import { meetingFromAudit } from './meeting.ts';
import { printJobOf } from './printing.ts';

export const MinutesBody = z.strictObject({
  /** Where the meeting was held, or the ballots summed up ("Nhà văn hóa thôn Đông"). */
  place: z.string().trim().min(2).max(200),
  chair: Officer,
  secretary: Officer,
  frontRepresentative: FrontRepresentative.optional(),
  /** A meeting only: when it began and ended (the attendance comes from the audit log). */
  meeting: z.strictObject({ from: Instant, to: Instant }).optional(),
});
export type MinutesBody = z.infer<typeof MinutesBody>;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';

async function publishedResult(deps: CoreDeps, id: string) {
  const [jws, consultationBytes] = await Promise.all([deps.publisher.get(`c/${id}/result.jws`), deps.publisher.get(`c/${id}/consultation.json`)]);
  if (!jws || !consultationBytes) throw new DomainError('integrity_error', 'the published result is missing');
  const payload = decodeJws(fromUtf8(jws).trim()).payloadBytes;
  return {
    manifest: Manifest.parse(JSON.parse(fromUtf8(payload))),
    manifestHash: sha256Hex(payload),
    consultation: Consultation.parse(JSON.parse(fromUtf8(consultationBytes))),
  };
}

/**
 * The minutes as last drafted: the published `minutes.json` whose hash the log's last `minutes_drafted` event names.
 * Anything else (a redraft half-way: logged, its file not yet written) is `busy`, so nothing is signed against
 * minutes the log does not stand behind.
 */
async function draftedMinutes(deps: CoreDeps, id: string, log: readonly AuditEvent[]): Promise<Minutes> {
  const drafted = log.filter((e) => e.action === 'minutes_drafted').at(-1);
  const bytes = await deps.publisher.get(`c/${id}/minutes.json`);
  if (!drafted || !bytes) throw new DomainError('wrong_state', 'the minutes have not been drafted yet');
  if (sha256Hex(bytes) !== drafted.data.sha256) throw new DomainError('busy', 'the minutes are being drafted again; reload them and sign again');
  return Minutes.parse(JSON.parse(fromUtf8(bytes)));
}

/** The published signatures of the roles that have signed, as the audit log records them (one a role). */
export async function publishedSignatures(deps: Pick<CoreDeps, 'publisher' | 'store'>, id: string): Promise<string[]> {
  const roles = new Set((await deps.store.getAudit(id)).filter((e) => e.action === 'minutes_signed').map((e) => String(e.data.role)));
  const files = await Promise.all([...roles].sort().map((role) => deps.publisher.get(`c/${id}/minutes/${role}.jws`)));
  return files.flatMap((f) => (f ? [fromUtf8(f).trim()] : []));
}

async function publishPage(deps: CoreDeps, id: string, minutes: Minutes) {
  const status = await signatureStatus(minutes, await publishedSignatures(deps, id));
  const htmlKey = `c/${id}/minutes.html`;
  await deps.publisher.put(htmlKey, minutesPage({ minutes, signed: status.signed, pdf: deps.printer !== undefined }), {
    contentType: 'text/html; charset=utf-8',
    cacheControl: SHORT,
  });
  // The PDF shows the same signatures as the page: printed again each time the page changes.
  const printer = deps.printer;
  if (printer) await afterCommit(deps, 'printing the minutes', () => printer.request(printJobOf(htmlKey)));
  return status;
}

/** Drafts the minutes of a published result and publishes them (audit-logged with their hash). */
export async function draftResultMinutes(deps: CoreDeps, who: Principal | undefined, id: string, body: MinutesBody) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `the minutes follow the published result; this consultation is ${rec.state}`);
  const events = await deps.store.getAudit(id);
  if (events.some((e) => e.action === 'minutes_signed')) throw new DomainError('wrong_state', 'the minutes are signed already and can no longer be redrafted');
  const { manifest, manifestHash, consultation } = await publishedResult(deps, id);
  let meeting: { present: number; from: string; to: string } | undefined;
  if (consultation.method === 'meeting') {
    if (!body.meeting)
      throw new DomainError('invalid_request', 'a meeting’s minutes need when it began and ended', [{ path: 'meeting', message: 'required for a meeting' }]);
    if (body.meeting.to < body.meeting.from)
      throw new DomainError('invalid_request', 'the meeting ends before it begins', [{ path: 'meeting.to', message: 'before meeting.from' }]);
    meeting = { present: meetingFromAudit(events, manifest.roll.count, deps.profile.meetingQuorum).present, ...body.meeting };
  } else if (body.meeting) {
    throw new DomainError('invalid_request', 'only a meeting has a start and an end', [{ path: 'meeting', message: `not for ${consultation.method}` }]);
  }
  const minutes = draftMinutes({
    consultation,
    manifest,
    manifestHash,
    officers: { chair: body.chair, secretary: body.secretary, ...(body.frontRepresentative ? { frontRepresentative: body.frontRepresentative } : {}) },
    place: body.place,
    ...(meeting ? { meeting } : {}),
  });
  const bytes = jcsBytes(minutes);
  const sha256 = sha256Hex(bytes);
  // Logged first, on the log as read (no signature came in meanwhile, or this is `busy`), then published: a
  // signature is only ever checked against the minutes the last `minutes_drafted` names (draftedMinutes).
  await deps.store.appendAudit(
    id,
    { at: instant(deps.clock.now()), actor: actorOf(official), action: 'minutes_drafted', data: { sha256 } },
    { after: events[events.length - 1]!.seq },
  );
  await deps.publisher.put(`c/${id}/minutes.json`, bytes, { contentType: 'application/json; charset=utf-8', cacheControl: SHORT });
  await publishPage(deps, id, minutes);
  await republish(deps, id, ['result']);
  return { sha256, minutes, url: deps.publisher.url(`c/${id}/minutes.html`) };
}

/** Accepts an officer's signature of the minutes (chair, secretary: officials; Front representative: a monitor). */
export async function signResultMinutes(deps: CoreDeps, who: Principal | undefined, id: string, compact: string) {
  const { rec, who: signer } = await loadForMonitor(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only the minutes of a published result are signed; this consultation is ${rec.state}`);
  // One signature a role, published immutable: the role is claimed in the log first, conditional on the log as read
  // (so two officers racing for one role cannot both win, and no redraft slips in between the check and the claim),
  // then the file is written. The same signature sent again, or sent again after a failure between the two writes,
  // is accepted; another one for a signed role is not. Another act logged meanwhile (a complaint, a ledger entry,
  // the other officer's signature) only makes it read the log again.
  const jws = compact.trim();
  let minutes: Minutes | undefined;
  let check: Awaited<ReturnType<typeof verifyMinutesSignature>> | undefined;
  let role: MinutesRole | undefined;
  for (let attempt = 1; ; attempt++) {
    const log = await deps.store.getAudit(id);
    minutes = await draftedMinutes(deps, id, log);
    check = await verifyMinutesSignature(jws, minutes);
    if (!check.ok || !check.role) throw new DomainError('invalid_attestation', check.problems.join('; ') || 'not a signature of these minutes');
    role = MinutesRole.parse(check.role);
    if (role === 'front' ? signer.role !== 'monitor' : signer.role !== 'official') {
      throw new DomainError(
        'forbidden',
        role === 'front' ? 'the Front representative’s signature is sent by a monitor' : 'the chair’s and the secretary’s signatures are sent by an official',
      );
    }
    const earlier = log.find((e) => e.action === 'minutes_signed' && e.data.role === role);
    if (earlier) {
      const file = await deps.publisher.get(`c/${id}/minutes/${role}.jws`);
      const same = file !== undefined && fromUtf8(file).trim() === jws;
      const unfinished = file === undefined && earlier.data.kid === (check.kid ?? '');
      if (!same && !unfinished) throw new DomainError('already_signed', `the ${role} has signed these minutes already`);
      break;
    }
    try {
      await deps.store.appendAudit(
        id,
        { at: instant(deps.clock.now()), actor: actorOf(signer), action: 'minutes_signed', data: { role, kid: check.kid ?? '' } },
        { after: log[log.length - 1]!.seq },
      );
      break;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'busy' || attempt >= 5) throw err;
    }
  }
  await deps.publisher.put(`c/${id}/minutes/${role}.jws`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
  const status = await publishPage(deps, id, minutes);
  await republish(deps, id, ['result']);
  return { role, kid: check.kid ?? '', signed: status.signed.map((s) => s.role), missing: status.missing };
}
