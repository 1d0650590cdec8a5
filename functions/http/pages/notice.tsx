/** The page of an error: the API's status for it, a plain sentence, and never a stack trace or an internal name. */
import type { Context } from 'hono';
import { NoticePage } from '../../../web/vote/notice-page.tsx';
import { withLang } from '../../../web/vote/model.ts';
import { TEXT } from '../../../web/vote/text.ts';
import type { CoreDeps } from '../../core/deps.ts';
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
