/** The page of an error: the API's status for it, a plain sentence, and never a stack trace or an internal name. */
import type { Context } from 'hono';
import { NoticePage } from '../../../web/vote/notice-page.tsx';
import { withLang } from '../../../web/vote/model.ts';
import { TEXT } from '../../../web/vote/text.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { failureOf, langOf, otherLanguageHref, page, statusFor } from './respond.ts';

export function noticePage(core: CoreDeps, err: unknown, c: Context): Response {
  const failure = failureOf(err);
  if (failure === 'internal') core.log?.(`resident page failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
  const lang = langOf(c);
  const t = TEXT[lang];
  const id = c.req.param('id');
  const back = id && failure !== 'not_found' ? { href: withLang(`/vote/${encodeURIComponent(id)}`, lang), label: t.backToForm } : undefined;
  return page(
    c,
    statusFor(c, err, failure),
    <NoticePage
      lang={lang}
      title={failure === 'not_found' ? t.notFound : t.errorTitle}
      message={t.failure[failure]}
      notRecorded={c.req.method === 'POST'}
      link={back}
      switchHref={c.req.method === 'GET' ? otherLanguageHref(c) : undefined}
    />,
  );
}

/** What a resident is told when another site posted one of these forms (middleware/cross-site.ts). */
const FOREIGN_POST = {
  vi: 'Biểu mẫu này được gửi từ một trang web khác, không phải từ trang của hệ thống, nên bị từ chối. Hãy mở trang của hệ thống theo đường dẫn trên phiếu của hộ và gửi lại từ đó.',
  en: 'This form was sent from another website, not from these pages, and is refused. Open these pages from the link on your household’s slip and send it from there.',
} as const;

/** The refusal of a post another site started: 403, nothing done, and a link to the round's own page. */
export function foreignPostPage(c: Context): Response {
  const lang = langOf(c);
  const t = TEXT[lang];
  const id = new URL(c.req.url).pathname.split('/')[2] ?? '';
  const back = Ulid.safeParse(id).success ? { href: withLang(`/vote/${id}`, lang), label: t.backToForm } : undefined;
  return page(c, 403, <NoticePage lang={lang} title={t.errorTitle} message={FOREIGN_POST[lang]} notRecorded link={back} />);
}
