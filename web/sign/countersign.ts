/**
 * A monitor's countersignature of a published result, on the monitors' consultation page (web/monitors/pages.tsx).
 *
 * What it does (bundle.md "Attestations"):
 * 1. on "Kiểm tra": verifies the published bundle on the page (./page-verify.ts, all nine checks); only when every
 *    check passed is the form shown, saying what was checked;
 * 2. then loads the monitor's P-256 key pair from IndexedDB `danban-monitor` (key `monitor`), or makes one with a
 *    non-extractable private key, and shows its RFC 7638 thumbprint to register (if that fails, signing tries again);
 * 3. on "Ký xác nhận": hashes the payload bytes of the `result.jws` it verified (hex SHA-256), signs the JCS
 *    payload {at, consultationId, manifest, monitor{name, organisation}, statement} with `typ` `attestation+jws`,
 *    and posts the compact JWS to the page's own `POST /monitors/c/{id}/attest`.
 */
import { decodeJws } from '../../shared/jws.ts';
import type { AttestationPayload } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { keyCache, supported, type KeyCache } from './key-store.ts';
import { COULD_NOT_SIGN, elementOf, KEY_FAILED, said, showsEnglishOn, SIGNING, type Words } from './page.ts';
import { checkedList, verifyOnPage, type Verified, type VerifyView } from './page-verify.ts';
import { acceptedKid, errorText, postJws, refusal } from './post.ts';
import { keyThumbprint, signJws } from './signer.ts';

/** Where the monitor's key is kept: where earlier versions of the script kept it, so that it is still found. */
export const MONITOR_DATABASE = 'danban-monitor';
export const MONITOR_KEY = 'monitor';

const ACCEPTED: Words = ['Đã ghi nhận chữ ký xác nhận', 'Attestation accepted'];
const UNSUPPORTED: Words = ['Trình duyệt này không kiểm tra và ký được (cần WebCrypto, IndexedDB, Web Worker).', 'This browser cannot verify and sign.'];

/** H(result.jws payload bytes) in hex: how an attestation names the result (the manifest). */
export function manifestHash(resultJws: string): string {
  let payload: Uint8Array;
  try {
    payload = decodeJws(resultJws.trim()).payloadBytes;
  } catch {
    throw new Error('result.jws is not a compact JWS');
  }
  return sha256Hex(payload);
}

export interface AttestationInput {
  keyPair: CryptoKeyPair;
  /** The published result.jws, as fetched. */
  resultJws: string;
  consultationId: string;
  name: string;
  organisation: string;
  /** When it is signed; the attestation says so to the second. */
  now: Date;
}

/**
 * The compact attestation JWS of a monitor, signed with keyPair.privateKey.
 * @example await attestation({ keyPair, resultJws, consultationId, name, organisation, now: new Date() })
 */
export async function attestation(input: AttestationInput): Promise<string> {
  const payload: AttestationPayload = {
    at: instant(input.now),
    consultationId: input.consultationId,
    manifest: manifestHash(input.resultJws),
    monitor: { name: input.name, organisation: input.organisation },
    statement: 'verified',
  };
  return signJws(input.keyPair, 'attestation+jws', payload);
}

interface CountersignPage {
  section: HTMLElement;
  form: HTMLFormElement;
  status: HTMLElement;
  fingerprint: HTMLElement;
  keys: KeyCache;
  /** Whether the page shows English beside the Vietnamese (`?lang=en`). */
  english: boolean;
  /** What the page's own verification passed on; the form is shown only once there is one. */
  verified?: Verified;
}

/** The monitor's key, loaded or made, once it is shown. */
async function keyShown(page: CountersignPage): Promise<CryptoKeyPair> {
  const pair = await page.keys(MONITOR_KEY);
  page.fingerprint.textContent = await keyThumbprint(pair);
  return pair;
}

/** A field of the form as typed, in NFC and trimmed. */
function field(form: HTMLFormElement, name: string): string {
  const input = form.elements.namedItem(name);
  return input instanceof HTMLInputElement ? input.value.normalize('NFC').trim() : '';
}

/** Countersigns the result the page verified (the very bytes it checked) and posts the attestation; says how it went. */
async function countersign(page: CountersignPage): Promise<void> {
  const verified = page.verified;
  if (!verified) {
    page.status.textContent = 'Hãy kiểm tra kết quả trên trang này trước khi ký xác nhận.';
    return;
  }
  const button = page.form.querySelector('button');
  if (button) button.disabled = true;
  page.status.textContent = said(page.english, SIGNING);
  const name = field(page.form, 'name');
  const organisation = field(page.form, 'organisation');
  try {
    const keyPair = await keyShown(page);
    const consultationId = page.section.getAttribute('data-id') ?? '';
    const compact = await attestation({ keyPair, resultJws: verified.resultJws, consultationId, name, organisation, now: new Date() });
    const reply = await postJws(page.form.getAttribute('action') ?? '', compact);
    const kid = acceptedKid(reply);
    page.status.textContent = kid === undefined ? refusal(reply, page.english) : said(page.english, ACCEPTED, kid);
  } catch (err) {
    page.status.textContent = said(page.english, COULD_NOT_SIGN, errorText(err, page.english));
  } finally {
    if (button) button.disabled = false;
  }
}

/** Runs the page's verification; shows the form, saying what was checked, only when all nine checks passed. */
async function verifyThenOffer(page: CountersignPage, view: VerifyView, run: HTMLButtonElement): Promise<void> {
  run.disabled = true;
  page.form.hidden = true;
  delete page.verified;
  try {
    const verified = await verifyOnPage(view);
    if (!verified) return;
    page.verified = verified;
    const doc = page.section.ownerDocument;
    doc.getElementById('cs-passed')?.replaceChildren(...checkedList(doc, verified));
    page.form.hidden = false;
    // The key, made or loaded once; if that fails, signing tries again (and then shows the fingerprint).
    keyShown(page).catch((err: unknown) => {
      page.status.textContent = said(page.english, KEY_FAILED, errorText(err, page.english));
    });
  } catch (err) {
    view.status.textContent = `Không kiểm tra được: ${errorText(err, page.english)}`;
  } finally {
    run.disabled = false;
  }
}

/**
 * Starts the part on a page that has the section `#countersign`: shows the page's own verification; the form, with
 * the key, once it passed; signs on submit.
 */
export function startCountersign(doc: Document): void {
  const section = doc.getElementById('countersign');
  const form = elementOf(doc, 'cs-form', HTMLFormElement);
  const status = doc.getElementById('cs-status');
  const fingerprint = doc.getElementById('cs-fingerprint');
  const verify = doc.getElementById('cs-verify');
  const run = elementOf(doc, 'cs-run', HTMLButtonElement);
  const verifyStatus = doc.getElementById('cs-verify-status');
  if (!section || !form || !status || !fingerprint || !verify || !run || !verifyStatus) return;
  const english = showsEnglishOn(doc);
  if (!supported() || typeof Worker !== 'function') {
    status.textContent = said(english, UNSUPPORTED);
    return;
  }
  const nojs = doc.getElementById('cs-nojs');
  if (nojs) nojs.hidden = true;
  verify.hidden = false;
  form.hidden = true;
  const page: CountersignPage = { section, form, status, fingerprint, keys: keyCache(MONITOR_DATABASE), english };
  const view: VerifyView = {
    section,
    key: elementOf(doc, 'cs-key', HTMLTextAreaElement),
    status: verifyStatus,
    english,
  };
  run.addEventListener('click', () => void verifyThenOffer(page, view, run));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void countersign(page);
  });
}
