/**
 * The paper copy of the decision record or the counting record, signed by hand (Law 10/2022 Art. 20(2)(g): the
 * village head, the head of the Front working committee and 2 household representatives), scanned and published at
 * `c/<id>/record/scans/<sha256>.<pdf|jpg|png>`, its hash recorded in the live audit log (`record_scan_added`), so that
 * anyone can check a copy against the log. The same upload checks as an attached document (./documents.ts).
 */
import * as z from 'zod';
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { RECORD_FILES } from '../../shared/minutes.ts';
import { documentFile } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { checkUpload } from './documents.ts';
import { minutesState, publishCountingPage, publishDecisionPage, RECORD_ACTIONS, scansOf } from './minutes-state.ts';
import type { Principal } from './ports.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** More pages than any paper record has. */
export const SCANS_MAX = 20;

/** Which record the scan is of. */
export const ScannedDocument = z.enum(['decision', 'counting']);
export type ScannedDocument = z.infer<typeof ScannedDocument>;

export interface ScanUpload {
  document: ScannedDocument;
  /** The declared media type (a Content-Type header or the browser's type of the chosen file). */
  mediaType: string | undefined;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Publishes a scan of the signed paper record and records its hash (`record_scan_added`); an official of the commune. */
export async function addRecordScan(deps: CoreDeps, who: Principal | undefined, id: string, upload: ScanUpload) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `the record follows the published result; this consultation is ${rec.state}`);
  const mediaType = checkUpload(upload.mediaType ?? '', upload.bytes);
  const state = await minutesState(deps, id);
  if (!state || (upload.document === 'counting' && !state.counting))
    throw new DomainError('wrong_state', `the ${upload.document === 'counting' ? 'counting record' : 'decision record'} has not been drafted yet`);
  const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', upload.bytes)));
  const ext = documentFile(sha256, mediaType).split('.').pop()!;
  const file = RECORD_FILES.scan(sha256, ext);
  const log = await deps.store.getAudit(id);
  const scans = scansOf(log);
  if (scans.some((s) => s.sha256 === sha256)) throw new DomainError('already_attached', 'this scan is published already');
  if (scans.length >= SCANS_MAX) throw new DomainError('too_many_documents', `at most ${SCANS_MAX} scans`);
  // Content-addressed: the file first, so the log never names a missing file; a file left by a failed act is harmless.
  await deps.publisher.put(`c/${id}/${file}`, upload.bytes, { contentType: mediaType, cacheControl: IMMUTABLE });
  const event = await deps.store.appendAudit(
    id,
    {
      at: instant(deps.clock.now()),
      actor: actorOf(official),
      action: RECORD_ACTIONS.scan,
      data: { document: upload.document, sha256, file, bytes: upload.bytes.length, mediaType },
    },
    { after: log[log.length - 1]!.seq },
  );
  if (upload.document === 'decision') await publishDecisionPage(deps, id, state.minutes);
  else await publishCountingPage(deps, id, state.counting!);
  return { document: upload.document, sha256, file, url: deps.publisher.url(`c/${id}/${file}`), at: event.at };
}
