/**
 * The documents attached to a consultation's disclosure: the list, an upload (multipart/form-data, at most 4 MiB a
 * file, as the API's route) and a remove button each. Each act is the API's use case; after one the browser is sent
 * back to the list (303), and a refused upload shows the page again with the reason.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError, type ErrorCode } from '../../../shared/errors.ts';
import { DOCUMENT_MAX_BYTES, Hex64 } from '../../../shared/schemas.ts';
import { DocumentsPage, type DocumentsPageInput } from '../../../web/officials/documents-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { attachDocument, removeDocument, sniffMediaType } from '../../core/documents.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { consultationId, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf, reasonVi } from './respond.tsx';

/** This route only: one file of at most 4 MiB, with room for the multipart framing and the title. */
const uploadLimit = bodyLimit({
  maxSize: DOCUMENT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/** Refusals of an upload that the official can fix on the same page; anything else is the notice page. */
const FIXABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
  'already_attached',
  'too_many_documents',
]);

export function documentRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const documentsPage = (c: Context<OfficialEnv>, status: number, rec: ConsultationRecord, more: Pick<DocumentsPageInput, 'done' | 'problem' | 'title'> = {}) =>
    page(
      c,
      status,
      <DocumentsPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        siteBase={core.publisher.url(`c/${rec.consultation.id}/`)}
        {...more}
      />,
    );

  app.get('/officials/c/:id/documents', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    return documentsPage(c, 200, rec, { done: c.req.query('done') });
  });

  app.post('/officials/c/:id/documents', uploadLimit, async (c) => {
    // 403/404 before reading the form, as the API decides them before the body.
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const id = rec.consultation.id;
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const title = typeof form.title === 'string' ? form.title : '';
    const file = form.file;
    const missing =
      !(file instanceof File) || file.size === 0
        ? { vi: 'Chưa chọn tệp.', en: 'No file chosen.' }
        : title.trim() === ''
          ? { vi: 'Chưa nhập tên tài liệu.', en: 'The title is missing.' }
          : undefined;
    if (missing || !(file instanceof File)) return documentsPage(c, 400, rec, { problem: missing, title });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A browser names the type from the file's extension, or sends none: then the content says what it is.
      const declared = file.type && file.type !== 'application/octet-stream' ? file.type : (sniffMediaType(bytes) ?? file.type);
      await attachDocument(core, who(c), id, { title, mediaType: declared, bytes });
    } catch (err) {
      if (err instanceof DomainError && FIXABLE.has(err.code)) {
        const problem = { ...MESSAGES[err.code], detail: reasonVi(err), reason: err.message !== err.code ? err.message : undefined };
        return documentsPage(c, STATUS[err.code], (await loadForOfficial(core, who(c), id)).rec, { problem, title });
      }
      throw err;
    }
    return c.redirect(`/officials/c/${id}/documents?done=attached`, 303);
  });

  app.post('/officials/c/:id/documents/:sha256/remove', formLimit, async (c) => {
    const id = consultationId(c);
    const sha256 = Hex64.safeParse(c.req.param('sha256'));
    if (!sha256.success) throw new DomainError('not_found', 'no such document');
    await removeDocument(core, who(c), id, sha256.data);
    return c.redirect(`/officials/c/${id}/documents?done=removed`, 303);
  });
}
