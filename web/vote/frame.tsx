/**
 * The frame of every resident page: `lang` on the document, one stylesheet inline (the CSP allows inline style,
 * never inline script), the small script `/vote/assets/vote.js` that only improves a page which works without it,
 * and a switch to the other language that keeps the page.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { FAVICON, STYLE } from '../layout.tsx';
import type { Lang } from './model.ts';
import { VOTE_STYLE } from './style.ts';
import { TEXT } from './text.ts';

/** The switch to the other language: a link on a GET page, or a button re-posting a form (it keeps the answers). */
export type LanguageSwitch = { href: string } | { form: string; action: string } | undefined;

function Switch(props: { lang: Lang; to: LanguageSwitch }) {
  const other = TEXT[props.lang].other;
  const to = props.to;
  if (!to) return null;
  if ('href' in to) {
    return (
      <a href={to.href} lang={other.lang} hreflang={other.lang}>
        {other.name}
      </a>
    );
  }
  return (
    <button type="submit" class="switch" form={to.form} formaction={to.action} lang={other.lang}>
      {other.name}
    </button>
  );
}

export function VoteFrame(props: { lang: Lang; title: string; switchTo?: LanguageSwitch; children: Child }) {
  const t = TEXT[props.lang];
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{props.title}</title>
          <link rel="icon" href={FAVICON} />
          <style>{raw(STYLE + VOTE_STYLE)}</style>
          <script src="/vote/assets/vote.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            {t.skip}
          </a>
          <header>
            <a href="/">{t.site}</a>
            <Switch lang={props.lang} to={props.switchTo} />
          </header>
          <main id="main">{props.children}</main>
          <footer>{t.motto}</footer>
        </body>
      </html>
    </>
  );
}
