/**
 * The commune's own translation on a page or a slip: under the Vietnamese, marked with its language, and labelled as
 * supplied by the commune (never by the system, which does not translate). Nothing at all without a translation.
 */
import type { SuppliedTranslation } from '../shared/translations.ts';
import { En } from './lang.tsx';

const NOTE_STYLE = 'border-left:3px solid currentColor;padding-left:.5rem';

/**
 * Says whose translation the page carries, with a link to its file and the file's hash; `base` is where `c/<id>/` is
 * from the page (empty on the round's own page).
 * @example <SuppliedNote s={supplied} />
 */
export function SuppliedNote(props: { s?: SuppliedTranslation | undefined; base?: string }) {
  const s = props.s;
  if (!s) return null;
  const { tag, name } = s.translation.language;
  return (
    <p class="translation-note" style={NOTE_STYLE}>
      Bản dịch sang <span lang={tag}>{name}</span> (<code>{tag}</code>) trên trang này do xã cung cấp, không phải do hệ thống dịch; khi khác nhau, bản tiếng
      Việt là bản chính.{' '}
      <a href={`${props.base ?? ''}${s.file}`} hreflang={tag} type="application/json">
        Tệp bản dịch
      </a>{' '}
      (SHA-256 <code title={s.sha256}>{s.sha256.slice(0, 16)}…</code>).{' '}
      <En>/ The translation into {name} on this page is supplied by the commune, not by the system; where they differ, the Vietnamese is authoritative.</En>
    </p>
  );
}

/** The translated text as a paragraph of its own, in its language; nothing when there is none. */
export function Supplied(props: { s?: SuppliedTranslation | undefined; text: string | undefined; prefix?: string }) {
  if (!props.s || props.text === undefined) return null;
  return (
    <p lang={props.s.translation.language.tag} class="translation">
      {props.prefix ?? ''}
      {props.text}
    </p>
  );
}

/** The translated text beside the Vietnamese on the same line (an option's label), after a slash. */
export function SuppliedInline(props: { s?: SuppliedTranslation | undefined; text: string | undefined }) {
  if (!props.s || props.text === undefined) return null;
  return (
    <span lang={props.s.translation.language.tag} class="translation">
      {' '}
      / {props.text}
    </span>
  );
}
