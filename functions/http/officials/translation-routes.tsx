/**
 * The round's second language on the officials' pages: what is recorded, the upload of a translation file
 * (multipart/form-data, JSON or CSV) and its removal, while the round is a draft. Each act is the use case of
 * functions/core/translations.ts; a refused file comes back on the same page with every problem in Vietnamese.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError, type ErrorCode } from '../../../shared/errors.ts';
import { detailWords } from '../../../shared/issue-words.ts';
import { TRANSLATION_MAX_BYTES } from '../../../shared/translations.ts';
import { TranslationPage, type TranslationPageInput } from '../../../web/officials/translation-page.tsx';
import { removeTranslation, supplyTranslation, translationForOfficial } from '../../core/translations.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { consultationId, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

/** This route only: one file, with room for the multipart framing. */
const uploadLimit = bodyLimit({
  maxSize: TRANSLATION_MAX_BYTES + 16 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large', undefined, undefined, 'Tệp bản dịch tối đa 256 KB.');
  },
});

/** Refusals the official can fix on the same page; anything else is the notice page. */
const FIXABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_request', 'payload_too_large']);

export function translationRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const translationPage = async (c: Context<OfficialEnv>, status: number, more: Pick<TranslationPageInput, 'done' | 'problem'> = {}) => {
    const { rec, current, stale } = await translationForOfficial(core, who(c), consultationId(c));
    return page(
      c,
      status,
      <TranslationPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        siteBase={core.publisher.url(`c/${rec.consultation.id}/`)}
        current={current}
        stale={stale}
        {...more}
      />,
    );
  };

  app.get('/officials/c/:id/translation', (c) => translationPage(c, 200, { done: c.req.query('done') }));

  app.post('/officials/c/:id/translation', uploadLimit, async (c) => {
    const id = consultationId(c);
    // 403/404 before reading the form.
    await translationForOfficial(core, who(c), id);
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return translationPage(c, 400, { problem: { vi: 'Chưa chọn tệp.', en: 'No file chosen.', details: [] } });
    try {
      await supplyTranslation(core, who(c), id, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
    } catch (err) {
      if (err instanceof DomainError && FIXABLE.has(err.code)) {
        const details = err.details ?? [];
        const problem = {
          vi: err.vi ?? MESSAGES[err.code].vi,
          en: err.message,
          details: details.map(detailWords),
          reasons: details.map((d) => (d.line !== undefined ? `line ${d.line}: ${d.message}` : `${d.path}: ${d.message}`)),
        };
        return translationPage(c, STATUS[err.code], { problem });
      }
      throw err;
    }
    return c.redirect(`/officials/c/${id}/translation?done=supplied`, 303);
  });

  app.post('/officials/c/:id/translation/remove', formLimit, async (c) => {
    const id = consultationId(c);
    await removeTranslation(core, who(c), id);
    return c.redirect(`/officials/c/${id}/translation?done=removed`, 303);
  });
}
