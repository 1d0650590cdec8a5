/**
 * Starting the parts of a signing script: each part looks for its own section of the page (`#countersign`,
 * `#minutes-sign`) and does nothing where there is none, so one script can serve several pages.
 */

/** Runs start(document) once the page is parsed; nothing outside a browser. */
export function whenReady(start: (doc: Document) => void): void {
  if (typeof document === 'undefined') return;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start(document));
  else start(document);
}

/**
 * Starts the parts a page's script holds, in order, once the page is parsed.
 * @example startParts(startCountersign, startMinutesSigning)
 */
export function startParts(...parts: readonly ((doc: Document) => void)[]): void {
  for (const start of parts) whenReady(start);
}

/** Whether the page shows English beside the Vietnamese (`?lang=en`): the staff frame says so on `<body data-lang>`. */
export function showsEnglishOn(doc: Document): boolean {
  return doc.body?.getAttribute('data-lang') === 'en';
}

/** A status line's words: the Vietnamese, and the English shown after it when the page shows English. */
export type Words = readonly [vi: string, en: string];

/**
 * The words in the page's languages, then what follows them (a key, an error) after a colon.
 * @example said(false, COULD_NOT_SIGN, 'hết giờ') // 'Không ký được: hết giờ'
 */
export function said(english: boolean, [vi, en]: Words, then?: string): string {
  return `${vi}${english ? ` / ${en}` : ''}${then === undefined ? '' : `: ${then}`}`;
}

/** What a part says when its key could not be made, while it signs, and when it could not sign. */
export const KEY_FAILED: Words = ['Không tạo được khóa', 'Could not make the key'];
export const SIGNING: Words = ['Đang ký…', 'Signing…'];
export const COULD_NOT_SIGN: Words = ['Không ký được', 'Could not sign'];

/** The element of id if it is of type, else undefined. */
export function elementOf<T extends Element>(doc: Document, id: string, type: new () => T): T | undefined {
  const found = doc.getElementById(id);
  return found instanceof type ? found : undefined;
}
