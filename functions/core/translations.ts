/**
 * A round's second language, supplied by the commune as a file (shared/translations.ts): uploaded by an official of
 * the commune while the round is a draft, since it becomes part of what is disclosed. The uploaded file is published
 * as it came, named by its hash (`c/<id>/translations/<sha256>.<json|csv>`, as documents are), and the checked
 * translation as JCS at `c/<id>/translations/<tag>.json`. The audit event `translation_supplied` carries the
 * translation itself with both hashes: the log is in the signed bundle, so the result's signature covers what was
 * disclosed, and every function that renders a page reads the translation from the store, never from the site.
 */
import { jcsBytes } from '../../shared/jcs.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AuditEvent, Consultation } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import {
  matchProblems,
  readTranslation,
  type SuppliedTranslation,
  Translation,
  TRANSLATION_MAX_BYTES,
  type TranslatedNotice,
  translationFile,
  translationFieldWords,
} from '../../shared/translations.ts';
import { actorOf, load, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { codeLikeProblem, type NoticeKind, type NoticeText, withCommuneTranslation } from './notifier.ts';
import type { Principal } from './ports.ts';

export const TRANSLATION_SUPPLIED = 'translation_supplied';
export const TRANSLATION_REMOVED = 'translation_removed';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The round's translation as its log last recorded it, and whether it still matches the round's questions. */
export interface TranslationState {
  current?: SuppliedTranslation;
  /** Recorded, but the draft's questions or options changed since: not shown until a matching file is uploaded. */
  stale?: SuppliedTranslation;
}

/** The translation an audit log last recorded (`translation_supplied`, or none after `translation_removed`). */
export function translationState(log: readonly Pick<AuditEvent, 'action' | 'data'>[], c: Pick<Consultation, 'id' | 'questions'>): TranslationState {
  const last = log.findLast((e) => e.action === TRANSLATION_SUPPLIED || e.action === TRANSLATION_REMOVED);
  if (!last || last.action === TRANSLATION_REMOVED) return {};
  const parsed = Translation.safeParse(last.data.translation);
  if (!parsed.success) return {};
  const supplied = { translation: parsed.data, file: String(last.data.file), sha256: String(last.data.sha256) };
  return matchProblems(parsed.data, c).length === 0 ? { current: supplied } : { stale: supplied };
}

/** The translation to show beside the Vietnamese on the round's pages and slips, if the commune supplied one. */
export async function suppliedTranslation(deps: CoreDeps, id: string, c?: Consultation): Promise<SuppliedTranslation | undefined> {
  const consultation = c ?? (await load(deps, id)).consultation;
  return translationState(await deps.store.getAudit(id), consultation).current;
}

/** The round's translation for its officials' page (403/404 as the round's other pages). */
export async function translationForOfficial(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec } = await loadForOfficial(deps, who, id);
  return { rec, ...translationState(await deps.store.getAudit(id), rec.consultation) };
}

/** A notice's text with the commune's translation of that notice after it, when it supplied one. */
export async function noticeWithTranslation(deps: CoreDeps, id: string, kind: NoticeKind, text: NoticeText): Promise<NoticeText> {
  const supplied = await suppliedTranslation(deps, id);
  const second = supplied?.translation.notices?.[kind as TranslatedNotice];
  return second ? withCommuneTranslation(text, { language: supplied!.translation.language.tag, text: second }) : text;
}

const draftOnly = (state: string) =>
  new DomainError(
    'wrong_state',
    `a translation can be supplied or removed only while the round is a draft (it becomes part of what is disclosed); this round is ${state}`,
    undefined,
    'Chỉ nộp hoặc gỡ bản dịch khi vòng biểu quyết còn là dự thảo, trước khi công khai: bản dịch là một phần của nội dung công khai.',
  );

/** Refuses a file that does not match the round, or whose notices look like they carry a voting code. */
function checked(bytes: Uint8Array, c: Consultation): Translation {
  if (bytes.length > TRANSLATION_MAX_BYTES)
    throw new DomainError(
      'payload_too_large',
      `a translation file may be at most ${TRANSLATION_MAX_BYTES / 1024} KiB`,
      undefined,
      'Tệp bản dịch tối đa 256 KB.',
    );
  const read = readTranslation(bytes, c);
  if ('errors' in read)
    throw new DomainError('invalid_request', 'the translation file does not match the round', read.errors, 'Tệp bản dịch chưa khớp với vòng biểu quyết.');
  for (const [kind, text] of Object.entries(read.translation.notices ?? {})) {
    const problem = text ? codeLikeProblem(text) : undefined;
    if (problem) {
      const path = `notices.${kind}`;
      throw new DomainError('invalid_request', problem.en, [{ path, message: problem.en, vi: `${translationFieldWords(path)}: ${problem.vi}` }], problem.vi);
    }
  }
  return read.translation;
}

/**
 * Supplies the round's translation (replacing an earlier one), while the round is a draft: checks the file, publishes
 * it as uploaded (named by its hash), records `translation_supplied` with the translation and both hashes on the log
 * as read (`busy` if another act came between), then publishes the checked translation at `translations/<tag>.json`.
 */
export async function supplyTranslation(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  upload: { bytes: Uint8Array; name?: string | undefined },
): Promise<SuppliedTranslation> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft') throw draftOnly(rec.state);
  if (upload.bytes.length === 0)
    throw new DomainError('invalid_request', 'the file is empty', [{ path: 'file', message: 'the file is empty', vi: 'Tệp: tệp rỗng' }]);
  const translation = checked(upload.bytes, rec.consultation);
  const canonical = jcsBytes(translation);
  if (canonical.length > TRANSLATION_MAX_BYTES)
    throw new DomainError('payload_too_large', 'the translation is too long', undefined, 'Bản dịch quá dài (tối đa 256 KB).');
  const sha256 = sha256Hex(canonical);
  const sourceSha256 = sha256Hex(upload.bytes);
  const csv = !new TextDecoder()
    .decode(upload.bytes.subarray(0, 64))
    .trimStart()
    .replace(/^\uFEFF/, '')
    .startsWith('{');
  const source = { file: `translations/${sourceSha256}.${csv ? 'csv' : 'json'}`, sha256: sourceSha256, bytes: upload.bytes.length };
  const file = translationFile(translation.language.tag);
  const log = await deps.store.getAudit(id);
  // Content-addressed: the same bytes always land on the same path, so a file left by a refused act is harmless.
  await deps.publisher.put(`c/${id}/${source.file}`, upload.bytes, { contentType: csv ? 'text/csv; charset=utf-8' : JSON_TYPE, cacheControl: IMMUTABLE });
  const now = instant(deps.clock.now());
  const data = { language: translation.language.tag, name: translation.language.name, file, sha256, bytes: canonical.length, source, translation };
  await deps.store.appendAudit(id, { at: now, actor: actorOf(official), action: 'translation_supplied', data }, { after: log.at(-1)?.seq ?? 0 });
  await deps.publisher.put(`c/${id}/${file}`, canonical, { contentType: JSON_TYPE, cacheControl: SHORT });
  return { translation, file, sha256 };
}

/** Removes the round's translation while it is a draft (`translation_removed`); the published files stay, unlinked. */
export async function removeTranslation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<void> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft') throw draftOnly(rec.state);
  const log = await deps.store.getAudit(id);
  const { current, stale } = translationState(log, rec.consultation);
  const recorded = current ?? stale;
  if (!recorded) throw new DomainError('not_found', 'this round has no translation', undefined, 'Vòng biểu quyết này chưa có bản dịch.');
  const data = { language: recorded.translation.language.tag, file: recorded.file, sha256: recorded.sha256 };
  await deps.store.appendAudit(
    id,
    { at: instant(deps.clock.now()), actor: actorOf(official), action: 'translation_removed', data },
    { after: log.at(-1)?.seq ?? 0 },
  );
}
