/**
 * Which languages a page shows. The published site has no server to choose, so it shows both (Vietnamese first,
 * English beside it, muted). The staff pages are served: Vietnamese alone, or with English beside it under
 * `?lang=en`; the response wraps the page in the request's choice.
 */
import type { Child } from 'hono/jsx';
import { createContext, useContext } from 'hono/jsx';

export type Shown = 'both' | 'vi' | 'en';

export const ShownLanguages = createContext<Shown>('both');

/** True unless the page is Vietnamese alone. */
export function showsEnglish(): boolean {
  return useContext(ShownLanguages) !== 'vi';
}

/** English beside the Vietnamese, marked as English for screen readers; nothing on a Vietnamese-only page. */
export function En(props: { children?: Child; bare?: boolean }) {
  if (!showsEnglish()) return null;
  return props.bare ? (
    <span lang="en">{props.children}</span>
  ) : (
    <span lang="en" class="en">
      {props.children}
    </span>
  );
}

/** The same page in the other language (a served page's URL with or without `?lang=en`); none on a published page. */
export const OtherLanguage = createContext<string | undefined>(undefined);

/** A small link to the same page in the other language: "English", or "Tiếng Việt" back from it. */
export function LanguageSwitch() {
  const href = useContext(OtherLanguage);
  if (href === undefined) return null;
  return useContext(ShownLanguages) === 'vi' ? (
    <a class="lang-switch" href={href} hreflang="en">
      English
    </a>
  ) : (
    <a class="lang-switch" href={href} hreflang="vi" lang="vi">
      Tiếng Việt
    </a>
  );
}

/** Text where no element can mark the English (an option, an attribute): the Vietnamese, then the English when shown. */
export function viEn(vi: string, en: string, between = ' / '): string {
  return showsEnglish() ? `${vi}${between}${en}` : vi;
}
