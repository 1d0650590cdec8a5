/**
 * Documents attached to a consultation's disclosure (the project's decision, drawings, cost estimate). Each is
 * published at `c/<id>/docs/<sha256>.<ext>` and recorded with its hash in the consultation, so the signed
 * consultation.json lets anyone check a downloaded copy. Attaching and removing are audited acts of an official of
 * the commune, possible only before voting opens; after each, the disclosure page is published again (if public).
 */
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { Document, DOCUMENT_MAX_BYTES, documentFile, DocumentMediaType, DOCUMENTS_MAX } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { republish } from './republish.ts';
import type { Principal } from './ports.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The first bytes of each accepted kind of file (ISO 32000 header, PNG signature, JPEG SOI + marker). */
const SIGNATURES: ReadonlyArray<readonly [DocumentMediaType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The kind of file the bytes begin as, if it is one that may be attached. */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | undefined {
  return SIGNATURES.find(([, magic]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b))?.[0];
}

/** A Content-Type header's media type, lowercase and without parameters (`image/PNG; x=y` -> `image/png`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Checks an upload and says what it is: at most 4 MiB (`payload_too_large`), a PDF, PNG or JPEG as declared
 * (`unsupported_media_type`, also when the bytes are not what the declared type says), not empty (`invalid_request`).
 */
export function checkUpload(declared: string, bytes: Uint8Array): DocumentMediaType {
  if (bytes.length > DOCUMENT_MAX_BYTES) throw new DomainError('payload_too_large', 'a document may be at most 4 MiB');
  const type = DocumentMediaType.safeParse(mediaTypeOf(declared));
  if (!type.success) throw new DomainError('unsupported_media_type', 'attach a PDF, PNG or JPEG file (application/pdf, image/png, image/jpeg)');
  if (bytes.length === 0) throw new DomainError('invalid_request', 'the file is empty', [{ path: 'file', message: 'the file is empty' }]);
  if (sniffMediaType(bytes) !== type.data) throw new DomainError('unsupported_media_type', `the file's content is not ${type.data}`);
  return type.data;
}

/** A document's title, NFC and trimmed, 1 to 300 characters (`invalid_request` otherwise). */
export function documentTitle(title: string | undefined): string {
  const parsed = Document.shape.title.safeParse((title ?? '').normalize('NFC'));
  if (!parsed.success)
    throw new DomainError('invalid_request', 'the title must be 1 to 300 characters', [
      { path: 'title', message: parsed.error.issues[0]?.message ?? 'invalid' },
    ]);
  return parsed.data;
}

const auditData = (d: Document) => ({ title: d.title, sha256: d.sha256, bytes: d.bytes, mediaType: d.mediaType });

export interface Upload {
  title: string | undefined;
  /** The declared media type (a Content-Type header or the browser's type of the chosen file). */
  mediaType: string | undefined;
  /** The file (an ArrayBuffer's view, as WebCrypto takes it). */
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Attaches a document while the consultation is in `draft` or `disclosure`: publishes the file first (so a record
 * never points at a missing file), then records it with the audit event `document_attached`.
 */
export async function attachDocument(deps: CoreDeps, who: Principal | undefined, id: string, upload: Upload): Promise<Document> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft' && rec.state !== 'disclosure')
    throw new DomainError('wrong_state', `documents can be attached only before voting opens; this consultation is ${rec.state}`);
  const title = documentTitle(upload.title);
  const mediaType = checkUpload(upload.mediaType ?? '', upload.bytes);
  const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', upload.bytes)));
  const document: Document = { title, file: documentFile(sha256, mediaType), sha256, bytes: upload.bytes.length, mediaType };
  const refuse = (documents: readonly Document[]) => {
    const same = documents.find((d) => d.sha256 === sha256);
    if (same) throw new DomainError('already_attached', `this file is attached already as "${same.title}"`);
    if (documents.length >= DOCUMENTS_MAX) throw new DomainError('too_many_documents', `at most ${DOCUMENTS_MAX} documents`);
  };
  refuse(rec.consultation.documents ?? []);
  // Content-addressed: the same bytes always land on the same path, so a file left by a failed or undone act is harmless.
  await deps.publisher.put(`c/${id}/${document.file}`, upload.bytes, { contentType: mediaType, cacheControl: IMMUTABLE });
  const now = instant(deps.clock.now());
  await deps.store.changeDocuments(id, now, (documents) => {
    refuse(documents);
    return { documents: [...documents, document], audit: { at: now, actor: actorOf(official), action: 'document_attached', data: auditData(document) } };
  });
  await republish(deps, id, ['disclosure']);
  return document;
}

/**
 * Removes a document's record before voting opens (audit event `document_removed`). The published file stays: it is
 * named by its hash, and a copy someone downloaded can still be checked against the log.
 */
export async function removeDocument(deps: CoreDeps, who: Principal | undefined, id: string, sha256: string): Promise<Document> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft' && rec.state !== 'disclosure')
    throw new DomainError('wrong_state', `documents can be removed only before voting opens; this consultation is ${rec.state}`);
  const now = instant(deps.clock.now());
  let removed: Document | undefined;
  await deps.store.changeDocuments(id, now, (documents) => {
    removed = documents.find((d) => d.sha256 === sha256);
    if (!removed) throw new DomainError('not_found', 'no such document');
    return {
      documents: documents.filter((d) => d !== removed),
      audit: { at: now, actor: actorOf(official), action: 'document_removed', data: auditData(removed) },
    };
  });
  await republish(deps, id, ['disclosure']);
  return removed!;
}
