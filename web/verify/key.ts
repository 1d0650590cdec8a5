/**
 * Reads what a monitor types or drops into the verify page: the commune's public key to pin and a voter's receipt.
 * Only the form is judged here (a PEM block, a JWK, 64 hex characters); whether the key is a usable P-256 key and
 * whether the receipt is among the ballots is the verifier's to say (steps 1 and 4).
 */

/** The input read, or why not, in Vietnamese then English. */
export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

const PEM = /^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The key to pin from a pasted or loaded text: an SPKI PEM, a JWK, or a JWKS holding exactly one key (the file the
 * site serves). Empty text reads as no key: the page then falls back to the site's JWKS, and the verifier warns.
 * @example parsePinnedKey('-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----') // { ok: true, value: '-----BEGIN...' }
 */
export function parsePinnedKey(text: string): Reading<string | JsonWebKey | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (trimmed.startsWith('-----BEGIN')) {
    return PEM.test(trimmed)
      ? { ok: true, value: `${trimmed}\n` }
      : { ok: false, reason: 'Khóa PEM phải là một khối «BEGIN PUBLIC KEY». / A PEM key must be one PUBLIC KEY block.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, reason: 'Không nhận ra khóa: hãy dán khóa PEM hoặc JWK. / Not a key: paste a PEM or JWK key.' };
  }
  if (isRecord(json) && Array.isArray(json.keys)) {
    if (json.keys.length !== 1 || !isRecord(json.keys[0])) {
      return { ok: false, reason: 'Tệp JWKS có nhiều khóa: hãy chọn đúng một khóa để ghim. / The JWKS holds several keys: give the one to pin.' };
    }
    return { ok: true, value: json.keys[0] as JsonWebKey };
  }
  if (isRecord(json) && typeof json.kty === 'string') return { ok: true, value: json as JsonWebKey };
  return { ok: false, reason: 'Không nhận ra khóa: hãy dán khóa PEM hoặc JWK. / Not a key: paste a PEM or JWK key.' };
}

/** A voter's receipt: 64 hex characters (spaces and capitals forgiven, as a receipt is often copied by hand). Empty reads as none. */
export function parseReceipt(text: string): Reading<string | undefined> {
  const receipt = text.replace(/\s+/g, '').toLowerCase();
  if (receipt === '') return { ok: true, value: undefined };
  return /^[0-9a-f]{64}$/.test(receipt)
    ? { ok: true, value: receipt }
    : { ok: false, reason: 'Mã biên nhận gồm 64 ký tự 0–9, a–f. / A receipt is 64 characters 0–9, a–f.' };
}
