/**
 * An officer's key signature of the decision record, on the officials' signing page (the village head) and on the
 * monitors' consultation page (the head of the Front working committee); the page is
 * web/officials/minutes-signing.tsx.
 *
 * What it does (shared/minutes.ts "Signatures"):
 * 1. for the role chosen on the page, loads the officer's P-256 key pair from IndexedDB `danban-minutes`, kept under
 *    the role and the person's name, or makes one with a non-extractable private key, and shows its RFC 7638
 *    thumbprint (to be written on the paper copy); if that fails, choosing the role again or signing tries again;
 * 2. on "Ký số văn bản": fetches the published `record/decision.json` (JCS bytes), hashes them (hex SHA-256: the
 *    record's hash) and refuses if that is not the hash the page shows (the record was drafted again since);
 * 3. signs it with shared/minutes.ts `signMinutes` (`typ` `record+jws`, the signer the person the record names for
 *    the role), and posts the compact JWS to the page's own route.
 */
import { parseJsonBytes } from '../../shared/jcs.ts';
import { DecisionRecord, MINUTES_ROLES, minutesHash, signMinutes, type MinutesRole } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { keyCache, supported, type KeyCache } from './key-store.ts';
import { COULD_NOT_SIGN, elementOf, KEY_FAILED, said, showsEnglishOn, SIGNING } from './page.ts';
import { acceptedKid, errorText, fetchPublished, postJws, refusal, WordedError } from './post.ts';
import { keyThumbprint, publicJwk, signerOf } from './signer.ts';

/** Where the officers' keys are kept: one database for both roles, one key per role and person. */
export const MINUTES_DATABASE = 'danban-minutes';

/** Each role in the page's words: Vietnamese, then English. */
export const ROLE_WORDS: Readonly<Record<MinutesRole, readonly [vi: string, en: string]>> = {
  village_head: ['Trưởng thôn', 'the village head'],
  front_head: ['Trưởng ban công tác Mặt trận', 'the head of the Front working committee'],
};

const DRAFTED_AGAIN = [
  'Văn bản đã được lập lại sau khi mở trang này; hãy tải lại trang.',
  'The record was drafted again since this page was opened; reload it.',
] as const;

/** Where an officer's key is kept: one per role and person, so that one office computer can hold several. */
export function keyName(role: MinutesRole, name: string): string {
  return `${role}:${name.normalize('NFC')}`;
}

export interface MinutesSignatureInput {
  keyPair: CryptoKeyPair;
  /** The published decision.json, as fetched. */
  minutesBytes: Uint8Array;
  role: MinutesRole;
  /** When it is signed; the signature says so to the second. */
  now: Date;
  /** The hash the page shows; the bytes must have it (when given). */
  expectedHash?: string | null | undefined;
}

/**
 * The compact record+jws of one officer over the published bytes; refused when their hash is not expectedHash (the
 * record was drafted again since the page was opened).
 * @example await minutesSignature({ keyPair, minutesBytes, role: 'village_head', now: new Date(), expectedHash })
 */
export async function minutesSignature(input: MinutesSignatureInput): Promise<string> {
  const hash = sha256Hex(input.minutesBytes);
  if (input.expectedHash && hash !== input.expectedHash) throw new WordedError(...DRAFTED_AGAIN);
  const minutes = DecisionRecord.parse(parseJsonBytes(input.minutesBytes));
  // What is signed names H(JCS(record)): the same as the bytes' hash only if they are the JCS the site publishes.
  if (minutesHash(minutes) !== hash) throw new Error('decision.json is not the canonical JSON of the record it holds');
  const jwk = await publicJwk(input.keyPair);
  return signMinutes({ minutes, role: input.role, at: instant(input.now), jwk }, signerOf(input.keyPair));
}

function isRole(value: string): value is MinutesRole {
  return (MINUTES_ROLES as readonly string[]).includes(value);
}

/** The page's elements and the keys of this browser. */
interface MinutesPage {
  doc: Document;
  section: HTMLElement;
  form: HTMLFormElement;
  status: HTMLElement;
  fingerprint: HTMLElement;
  keys: KeyCache;
  /** Whether the page shows English beside the Vietnamese (`?lang=en`). */
  english: boolean;
}

interface Signer {
  role: MinutesRole;
  name: string;
}

/** The role chosen on the form, and the name of the person the record names for it. */
function chosen(form: HTMLFormElement): Signer | undefined {
  const input = form.querySelector('input[name="role"]:checked');
  if (!(input instanceof HTMLInputElement) || !isRole(input.value)) return undefined;
  return { role: input.value, name: input.getAttribute('data-name') ?? '' };
}

function keyOf(page: MinutesPage, who: Signer): Promise<CryptoKeyPair> {
  return page.keys(keyName(who.role, who.name));
}

/** Shows the chosen signer's key, made if need be; a key that could not be made is tried again next time. */
function showKey(page: MinutesPage): void {
  const who = chosen(page.form);
  if (!who) {
    page.fingerprint.textContent = '—';
    return;
  }
  page.fingerprint.textContent = '…';
  keyOf(page, who)
    .then(keyThumbprint)
    .then(
      (kid) => {
        // Only if the role is still the one chosen: another choice shows its own key.
        if (chosen(page.form)?.role === who.role) page.fingerprint.textContent = kid;
      },
      (err: unknown) => {
        page.status.textContent = said(page.english, KEY_FAILED, errorText(err, page.english));
      },
    );
}

/** Shows a role signed; a role signs once: its choice goes, and with no choice left so does the form. */
function markSigned(page: MinutesPage, role: MinutesRole, kid: string): void {
  const [vi, en] = ROLE_WORDS[role];
  page.status.textContent = said(page.english, [`Đã ký số văn bản với vai trò ${vi}`, `Signed as ${en}`], kid);
  const state = page.doc.getElementById(`ms-state-${role}`);
  if (state) state.textContent = `Đã ký số (khóa ${kid})${page.english ? ' / Signed' : ''}`;
  const choice = page.doc.getElementById(`ms-choice-${role}`);
  if (choice) {
    choice.hidden = true;
    const input = choice.querySelector('input');
    if (input) {
      input.checked = false;
      input.disabled = true;
    }
  }
  if (!page.form.querySelector('input[name="role"]:not([disabled])')) page.form.hidden = true;
  showKey(page);
}

/** Fetches the published record, signs it as the chosen role and posts the signature; says how it went. */
async function sign(page: MinutesPage): Promise<void> {
  const who = chosen(page.form);
  if (!who) {
    page.status.textContent = said(page.english, ['Hãy chọn vai trò ký.', 'Choose the role you sign as.']);
    return;
  }
  const button = page.form.querySelector('button[type="submit"]');
  if (button instanceof HTMLButtonElement) button.disabled = true;
  page.status.textContent = said(page.english, SIGNING);
  try {
    const [keyPair, minutes] = await Promise.all([keyOf(page, who), fetchPublished(page.section.getAttribute('data-minutes') ?? '', 'decision.json')]);
    const minutesBytes = new Uint8Array(await minutes.arrayBuffer());
    const expectedHash = page.section.getAttribute('data-hash');
    const compact = await minutesSignature({ keyPair, minutesBytes, role: who.role, now: new Date(), expectedHash });
    const reply = await postJws(page.form.getAttribute('action') ?? '', compact);
    const kid = acceptedKid(reply);
    if (kid === undefined) page.status.textContent = refusal(reply, page.english);
    else markSigned(page, who.role, kid);
  } catch (err) {
    page.status.textContent = said(page.english, COULD_NOT_SIGN, errorText(err, page.english));
  } finally {
    if (button instanceof HTMLButtonElement) button.disabled = false;
  }
}

/** Starts the part on a page that has the section `#minutes-sign`: shows the form, the key, and signs on submit. */
export function startMinutesSigning(doc: Document): void {
  const section = doc.getElementById('minutes-sign');
  const form = elementOf(doc, 'ms-form', HTMLFormElement);
  const status = doc.getElementById('ms-status');
  const fingerprint = doc.getElementById('ms-fingerprint');
  if (!section || !form || !status || !fingerprint) return;
  const english = showsEnglishOn(doc);
  if (!supported()) {
    status.textContent = said(english, [
      'Trình duyệt này không hỗ trợ ký số (WebCrypto, IndexedDB); bản giấy vẫn ký tay được.',
      'This browser cannot sign; the paper copy can be signed by hand.',
    ]);
    return;
  }
  const nojs = doc.getElementById('ms-nojs');
  if (nojs) nojs.hidden = true;
  form.hidden = false;
  // One promise per key, so that a key being made is not made twice; one that failed is made again on the next use.
  const page: MinutesPage = { doc, section, form, status, fingerprint, keys: keyCache(MINUTES_DATABASE), english };
  form.addEventListener('change', () => showKey(page));
  showKey(page);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sign(page);
  });
}
