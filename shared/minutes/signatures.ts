/**
 * The officers' key signatures of the decision record (bundle.md "After publication"): one JWS per officer (the
 * village head, the head of the Front working committee), `typ` `record+jws`, each with their own P-256 key in the
 * header, like a monitor's attestation; and who has signed. The household representatives sign the paper copy.
 */
import * as z from 'zod';
import { fromUtf8 } from '../bytes.ts';
import { isCanonicalText, jcsBytes, parseJsonBytes } from '../jcs.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, jwkToSpki, spkiToJwk, verifyEs256, type P256Jwk, type SignP1363 } from '../jws.ts';
import { Hex64, Instant } from '../schemas.ts';
import { sha256, sha256Hex, type Hash } from '../sha256.ts';
import { type DecisionRecord, Name } from './document.ts';

/** H(JCS(record)): what each signature names. */
export function minutesHash(minutes: DecisionRecord, hash: Hash = sha256): string {
  return sha256Hex(jcsBytes(minutes), hash);
}

/** Law 10/2022 Art. 20(2)(g): the village head and the head of the Front working committee. */
export const MinutesRole = z.enum(['village_head', 'front_head']);
export type MinutesRole = z.infer<typeof MinutesRole>;
export const MINUTES_ROLES: readonly MinutesRole[] = MinutesRole.options;

/** The payload an officer signs (JCS), `typ` `record+jws`. */
export const MinutesSignaturePayload = z.strictObject({
  kind: z.literal('record-signature/1'),
  consultationId: z.string(),
  record: Hex64,
  signer: z.strictObject({ role: MinutesRole, name: Name }),
  at: Instant,
});
export type MinutesSignaturePayload = z.infer<typeof MinutesSignaturePayload>;

/** The name the record gives for `role`. */
export function signerName(record: DecisionRecord, role: MinutesRole): string {
  return role === 'village_head' ? record.signers.villageHead : record.signers.frontHead;
}

/** The public members of a P-256 JWK (throws for a private or malformed key), through jws.ts. */
function publicJwk(jwk: JsonWebKey): P256Jwk {
  return spkiToJwk(jwkToSpki(jwk));
}

export interface MinutesSigning {
  minutes: DecisionRecord;
  role: MinutesRole;
  /** RFC 3339 UTC to the second. */
  at: string;
  /** The signer's public key; it goes into the protected header, and its thumbprint is the `kid`. */
  jwk: JsonWebKey;
}

function headerAndPayload(s: MinutesSigning, hash: Hash): { header: Record<string, unknown>; payload: Uint8Array<ArrayBuffer> } {
  const jwk = publicJwk(s.jwk);
  const payload: MinutesSignaturePayload = {
    kind: 'record-signature/1',
    consultationId: s.minutes.consultationId,
    record: minutesHash(s.minutes, hash),
    signer: { role: s.role, name: signerName(s.minutes, s.role) },
    at: s.at,
  };
  return { header: { alg: 'ES256', jwk, kid: jwkThumbprint(jwk, hash), typ: RECORD_TYP }, payload: jcsBytes(payload) };
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
 * An officer's signature of the record as a compact JWS (ES256, `typ` `record+jws`, `jwk` and `kid` in the header).
 * @example await signMinutes({ minutes: record, role: 'village_head', at: '2026-11-20T11:00:00Z', jwk }, sign)
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

const ROLE_EN: Record<MinutesRole, string> = { village_head: 'the village head', front_head: 'the head of the Front working committee' };

/** The JWS type of an officer's signature of the record. */
export const RECORD_TYP = 'record+jws';

/**
 * Checks one officer's signature of this record: the JWS and its key, that it names this record's hash and
 * consultation, that the signer is the person the record names for the role, and (optionally) a registered key.
 * Every problem is collected; never throws.
 */
export async function verifyMinutesSignature(jws: string, minutes: DecisionRecord, options: MinutesSignatureOptions = {}): Promise<MinutesSignatureCheck> {
  const hash = options.hash ?? sha256;
  const opened = await openKeyBoundJws(jws, RECORD_TYP, hash);
  const problems = opened.problems;
  const parsed = opened.raw === undefined ? undefined : MinutesSignaturePayload.safeParse(opened.raw);
  if (parsed && !parsed.success) problems.push('the payload is not {kind, consultationId, record, signer, at}');
  const payload = parsed?.success ? parsed.data : undefined;
  if (payload) {
    const { role } = payload.signer;
    if (payload.consultationId !== minutes.consultationId) problems.push(`it names consultation ${payload.consultationId}`);
    if (payload.record !== minutesHash(minutes, hash)) problems.push('it names another record');
    if (signerName(minutes, role) !== payload.signer.name) problems.push(`the signer is not ${ROLE_EN[role]} the record names`);
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

/** Who has signed the record with a key: `complete` when both officers have. */
export interface SignatureStatus {
  complete: boolean;
  /** One per role that signed, in the order village head, Front head. */
  signed: SignedRole[];
  missing: MinutesRole[];
  /** Signatures that do not hold, by their index in the list given; a second signature for a role is one. */
  invalid: { index: number; role?: MinutesRole; kid?: string; problems: string[] }[];
}

/**
 * Which of the two officers have signed this record, which have not, and which signatures do not hold. When a
 * role signed twice, the earliest signature counts (then the smaller kid), whatever the order of the list.
 */
export async function signatureStatus(minutes: DecisionRecord, signatures: readonly string[], options: MinutesSignatureOptions = {}): Promise<SignatureStatus> {
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
