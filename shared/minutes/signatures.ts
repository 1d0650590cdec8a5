/**
 * The signatures of the minutes: one JWS per officer (the chair, the secretary, the Front representative), each
 * with their own P-256 key in the header, like a monitor's attestation (bundle.md); and who has signed.
 */
import * as z from 'zod';
import { fromUtf8 } from '../bytes.ts';
import { DomainError } from '../errors.ts';
import { isCanonicalText, jcsBytes, parseJsonBytes } from '../jcs.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, jwkToSpki, spkiToJwk, verifyEs256, type P256Jwk, type SignP1363 } from '../jws.ts';
import { Hex64, Instant } from '../schemas.ts';
import { sha256, sha256Hex, type Hash } from '../sha256.ts';
import { type Minutes, Name } from './document.ts';

/** H(JCS(minutes)): what each signature names. */
export function minutesHash(minutes: Minutes, hash: Hash = sha256): string {
  return sha256Hex(jcsBytes(minutes), hash);
}

export const MinutesRole = z.enum(['chair', 'secretary', 'front']);
export type MinutesRole = z.infer<typeof MinutesRole>;
export const MINUTES_ROLES: readonly MinutesRole[] = MinutesRole.options;

/** The payload an officer signs (JCS), `typ` `minutes+jws`. */
export const MinutesSignaturePayload = z.strictObject({
  kind: z.literal('minutes-signature/1'),
  consultationId: z.string(),
  minutes: Hex64,
  signer: z.strictObject({ role: MinutesRole, name: Name, title: Name }),
  at: Instant,
});
export type MinutesSignaturePayload = z.infer<typeof MinutesSignaturePayload>;

/** Who signs for `role`: the Front representative's title is their organisation; undefined when none is named. */
function signerOf(minutes: Minutes, role: MinutesRole): { name: string; title: string } | undefined {
  if (role === 'front') {
    const f = minutes.frontRepresentative;
    return f ? { name: f.name, title: f.organisation } : undefined;
  }
  return minutes[role];
}

/** The public members of a P-256 JWK (throws for a private or malformed key), through jws.ts. */
function publicJwk(jwk: JsonWebKey): P256Jwk {
  return spkiToJwk(jwkToSpki(jwk));
}

export interface MinutesSigning {
  minutes: Minutes;
  role: MinutesRole;
  /** RFC 3339 UTC to the second. */
  at: string;
  /** The signer's public key; it goes into the protected header, and its thumbprint is the `kid`. */
  jwk: JsonWebKey;
}

function headerAndPayload(s: MinutesSigning, hash: Hash): { header: Record<string, unknown>; payload: Uint8Array<ArrayBuffer> } {
  const signer = signerOf(s.minutes, s.role);
  if (!signer) throw new DomainError('invalid_request', `the minutes name no one for the role ${s.role}`);
  const jwk = publicJwk(s.jwk);
  const payload: MinutesSignaturePayload = {
    kind: 'minutes-signature/1',
    consultationId: s.minutes.consultationId,
    minutes: minutesHash(s.minutes, hash),
    signer: { role: s.role, ...signer },
    at: s.at,
  };
  return { header: { alg: 'ES256', jwk, kid: jwkThumbprint(jwk, hash), typ: 'minutes+jws' }, payload: jcsBytes(payload) };
}

/**
 * The ASCII text an officer's key signs (`header.payload` of the JWS), for a signer that holds its key elsewhere
 * (a browser's WebCrypto): the compact JWS is then `${signingInput}.${base64url(r||s)}`.
 */
export async function minutesSigningInput(s: MinutesSigning, hash: Hash = sha256): Promise<string> {
  const { header, payload } = headerAndPayload(s, hash);
  // encodeJws writes `header.payload.signature`; with an empty signature, what remains before the last dot is the input.
  const unsigned = await encodeJws(header, payload, async () => new Uint8Array(0));
  return unsigned.slice(0, -1);
}

/**
 * An officer's signature of the minutes as a compact JWS (ES256, `typ` `minutes+jws`, `jwk` and `kid` in the header).
 * @example await signMinutes({ minutes, role: 'chair', at: '2026-11-20T11:00:00Z', jwk }, sign)
 */
export async function signMinutes(s: MinutesSigning, sign: SignP1363, hash: Hash = sha256): Promise<string> {
  const { header, payload } = headerAndPayload(s, hash);
  return encodeJws(header, payload, sign);
}

/** The result of checking one signature: `ok` with no problems, and who signed when it could be read. */
export interface MinutesSignatureCheck {
  ok: boolean;
  role?: MinutesRole;
  kid?: string;
  at?: string;
  problems: string[];
}

export interface MinutesSignatureOptions {
  /** Keys registered for each role (kids): when given for a role, a signature by any other key is refused. */
  keys?: Partial<Record<MinutesRole, readonly string[]>>;
  hash?: Hash;
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A JWS that carries its own key: alg ES256, the given `typ`, `kid` the thumbprint of the header `jwk`, a signature
 * that verifies under it, and a canonical JSON payload. The same steps as an attestation (verify.ts step 9).
 */
async function openKeyBoundJws(compact: string, typ: string, hash: Hash): Promise<{ kid?: string; raw?: unknown; problems: string[] }> {
  const problems: string[] = [];
  let jws: ReturnType<typeof decodeJws>;
  try {
    jws = decodeJws(compact.trim());
  } catch (e) {
    return { problems: [reasonOf(e)] };
  }
  const { alg, kid, jwk } = jws.header;
  if (alg !== 'ES256') problems.push('alg is not ES256');
  if (jws.header.typ !== typ) problems.push(`typ is not ${typ}`);
  let thumbprint: string | undefined;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) problems.push('the header carries no jwk');
  else {
    try {
      thumbprint = jwkThumbprint(jwk as JsonWebKey, hash);
      if (kid !== thumbprint) problems.push('kid is not the thumbprint of the header jwk');
      if (!(await verifyEs256(jws, await importP256PublicKey(jwk as JsonWebKey)))) problems.push('the signature does not verify under the header jwk');
    } catch (e) {
      problems.push(reasonOf(e));
    }
  }
  let raw: unknown;
  try {
    raw = parseJsonBytes(jws.payloadBytes);
    if (!isCanonicalText(raw, fromUtf8(jws.payloadBytes))) problems.push('the payload is not canonical JSON (RFC 8785)');
  } catch (e) {
    problems.push(reasonOf(e));
  }
  return { ...(thumbprint ? { kid: thumbprint } : {}), raw, problems };
}

const ROLE_EN: Record<MinutesRole, string> = { chair: 'the chair', secretary: 'the secretary', front: 'the Front representative' };

/**
 * Checks one officer's signature of these minutes: the JWS and its key, that it names these minutes' hash and
 * consultation, that the signer is the person the minutes name for the role, and (optionally) a registered key.
 * Every problem is collected; never throws.
 */
export async function verifyMinutesSignature(jws: string, minutes: Minutes, options: MinutesSignatureOptions = {}): Promise<MinutesSignatureCheck> {
  const hash = options.hash ?? sha256;
  const opened = await openKeyBoundJws(jws, 'minutes+jws', hash);
  const problems = opened.problems;
  const parsed = opened.raw === undefined ? undefined : MinutesSignaturePayload.safeParse(opened.raw);
  if (parsed && !parsed.success) problems.push('the payload is not {kind, consultationId, minutes, signer, at}');
  const payload = parsed?.success ? parsed.data : undefined;
  if (payload) {
    const { role } = payload.signer;
    if (payload.consultationId !== minutes.consultationId) problems.push(`it names consultation ${payload.consultationId}`);
    if (payload.minutes !== minutesHash(minutes, hash)) problems.push('it names other minutes');
    const expected = signerOf(minutes, role);
    if (!expected) problems.push(`the minutes name no one as ${ROLE_EN[role]}`);
    else if (expected.name !== payload.signer.name || expected.title !== payload.signer.title)
      problems.push(`the signer is not ${ROLE_EN[role]} the minutes name`);
    const registered = options.keys?.[role];
    if (registered && opened.kid !== undefined && !registered.includes(opened.kid))
      problems.push(`the key ${opened.kid} is not registered for ${ROLE_EN[role]}`);
  }
  return {
    ok: problems.length === 0 && payload !== undefined && opened.kid !== undefined,
    ...(payload ? { role: payload.signer.role, at: payload.at } : {}),
    ...(opened.kid ? { kid: opened.kid } : {}),
    problems,
  };
}

/** A role whose signature verified. */
export interface SignedRole {
  role: MinutesRole;
  kid: string;
  at: string;
}

/** Who has signed the minutes: `complete` when all three roles have. */
export interface SignatureStatus {
  complete: boolean;
  /** One per role that signed, in the order chair, secretary, front. */
  signed: SignedRole[];
  missing: MinutesRole[];
  /** Signatures that do not hold, by their index in the list given; a second signature for a role is one. */
  invalid: { index: number; role?: MinutesRole; kid?: string; problems: string[] }[];
}

/**
 * Which of the three roles have signed these minutes, which have not, and which signatures do not hold. When a
 * role signed twice, the earliest signature counts (then the smaller kid), whatever the order of the list.
 */
export async function signatureStatus(minutes: Minutes, signatures: readonly string[], options: MinutesSignatureOptions = {}): Promise<SignatureStatus> {
  const checks = await Promise.all(signatures.map((jws) => verifyMinutesSignature(jws, minutes, options)));
  const invalid: SignatureStatus['invalid'] = [];
  const valid: (SignedRole & { index: number })[] = [];
  checks.forEach((check, index) => {
    if (check.ok) valid.push({ role: check.role!, kid: check.kid!, at: check.at!, index });
    else invalid.push({ index, ...(check.role ? { role: check.role } : {}), ...(check.kid ? { kid: check.kid } : {}), problems: check.problems });
  });
  valid.sort(
    (a, b) =>
      MINUTES_ROLES.indexOf(a.role) - MINUTES_ROLES.indexOf(b.role) ||
      Date.parse(a.at) - Date.parse(b.at) ||
      (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : a.index - b.index),
  );
  const signed: SignedRole[] = [];
  for (const v of valid) {
    const first = signed.find((s) => s.role === v.role);
    if (first) invalid.push({ index: v.index, role: v.role, kid: v.kid, problems: [`duplicate: ${ROLE_EN[v.role]} has already signed with key ${first.kid}`] });
    else signed.push({ role: v.role, kid: v.kid, at: v.at });
  }
  invalid.sort((a, b) => a.index - b.index);
  const missing = MINUTES_ROLES.filter((role) => !signed.some((s) => s.role === role));
  return { complete: missing.length === 0, signed, missing, invalid };
}
