/**
 * JWS compact serialization with ES256 (RFC 7515, RFC 7518 §3.4) and the P-256 public keys that check it:
 * JWK, SPKI DER, PEM, and the RFC 7638 thumbprint that names a key (`kid`). Signing is a callback so the same
 * code serves KMS, a local key file and a test key; verifying uses WebCrypto, present in Node and browsers.
 */
import { concat, fromBase64, fromBase64Url, fromUtf8, toBase64, toBase64Url, utf8 } from './bytes.ts';
import { DomainError } from './errors.ts';
import { jcsBytes } from './jcs.ts';
import { sha256, type Hash } from './sha256.ts';

/** A compact JWS taken apart; `signingInput` is the ASCII of `header.payload` that the signature covers. */
export interface DecodedJws {
  header: Record<string, unknown>;
  headerB64: string;
  payloadB64: string;
  payloadBytes: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  signingInput: Uint8Array<ArrayBuffer>;
}

/** Signs the JWS signing input; returns the 64-byte P1363 signature r||s. */
export type SignP1363 = (signingInput: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

/** The public members of a P-256 JWK. */
export interface P256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function malformed(reason: string): DomainError {
  return new DomainError('invalid_request', `JWS: ${reason}`);
}

/**
 * A compact JWS over `payload`; the protected header is written as canonical JSON.
 * @example await encodeJws({ alg: 'ES256', kid, typ: 'result+jws' }, manifestBytes, signer.sign)
 */
export async function encodeJws(header: Record<string, unknown>, payload: Uint8Array, sign: SignP1363): Promise<string> {
  const signingText = `${toBase64Url(jcsBytes(header))}.${toBase64Url(payload)}`;
  const signature = await sign(utf8(signingText));
  return `${signingText}.${toBase64Url(signature)}`;
}

/** Takes a compact JWS apart; throws a DomainError naming what is malformed. */
export function decodeJws(compact: string): DecodedJws {
  if (typeof compact !== 'string') throw malformed('not a string');
  const parts = compact.split('.');
  if (parts.length !== 3) throw malformed(`expected 3 dot-separated parts, found ${parts.length}`);
  const [headerB64, payloadB64, signatureB64] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(fromUtf8(fromBase64Url(headerB64)));
  } catch {
    throw malformed('protected header is not base64url JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw malformed('protected header is not a JSON object');
  let payloadBytes: Uint8Array<ArrayBuffer>;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    payloadBytes = fromBase64Url(payloadB64);
    signature = fromBase64Url(signatureB64);
  } catch {
    throw malformed('payload or signature is not base64url');
  }
  return {
    header: header as Record<string, unknown>,
    headerB64,
    payloadB64,
    payloadBytes,
    signature,
    signingInput: utf8(`${headerB64}.${payloadB64}`),
  };
}

/**
 * Whether an ES256 JWS verifies under `key`. False for another `alg`, a `crit` header (no extension is
 * understood here, RFC 7515 §4.1.11) or a signature that is not 64 bytes; throws only on a malformed compact JWS.
 */
export async function verifyEs256(jws: string | DecodedJws, key: CryptoKey): Promise<boolean> {
  const decoded = typeof jws === 'string' ? decodeJws(jws) : jws;
  if (decoded.header.alg !== 'ES256' || 'crit' in decoded.header || decoded.signature.length !== 64) return false;
  return globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, decoded.signature, decoded.signingInput);
}

// DER SubjectPublicKeyInfo header of an uncompressed P-256 key: id-ecPublicKey, prime256v1, BIT STRING of 66.
const P256_SPKI_PREFIX = new Uint8Array([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
  0x04,
]);
const SPKI_LENGTH = P256_SPKI_PREFIX.length + 64;

/** The P-256 JWK of an SPKI DER public key (91 bytes, uncompressed point); throws for anything else. */
export function spkiToJwk(spki: Uint8Array): P256Jwk {
  if (spki.length !== SPKI_LENGTH || !P256_SPKI_PREFIX.every((b, i) => spki[i] === b)) {
    throw new DomainError('invalid_request', 'not an uncompressed P-256 SPKI public key');
  }
  const at = P256_SPKI_PREFIX.length;
  return { kty: 'EC', crv: 'P-256', x: toBase64Url(spki.subarray(at, at + 32)), y: toBase64Url(spki.subarray(at + 32)) };
}

/** The SPKI DER bytes of a P-256 public JWK; throws unless x and y are 32 bytes each. */
export function jwkToSpki(jwk: JsonWebKey): Uint8Array<ArrayBuffer> {
  const { x, y } = p256Members(jwk);
  return concat(P256_SPKI_PREFIX, x, y);
}

function p256Members(jwk: JsonWebKey): { x: Uint8Array; y: Uint8Array } {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new DomainError('invalid_request', 'not a P-256 JWK');
  }
  if (jwk.d !== undefined) throw new DomainError('invalid_request', 'a private JWK where a public key belongs');
  const x = fromBase64Url(jwk.x);
  const y = fromBase64Url(jwk.y);
  if (x.length !== 32 || y.length !== 32) throw new DomainError('invalid_request', 'P-256 JWK coordinates must be 32 bytes');
  return { x, y };
}

const PEM = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PUBLIC KEY-----\r?\n?$/;

/** The DER bytes of an SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
export function pemToSpki(pem: string): Uint8Array<ArrayBuffer> {
  const match = PEM.exec(`${pem.trim()}\n`);
  if (!match) throw new DomainError('invalid_request', 'not a PUBLIC KEY PEM');
  return fromBase64(match[1]!.replace(/[\r\n]/g, ''));
}

/** SPKI DER bytes as PEM, 64 characters a line, ending with a newline. */
export function spkiToPem(spki: Uint8Array): string {
  const body = toBase64(spki)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}

/** A WebCrypto ECDSA P-256 verification key from a JWK, SPKI DER bytes or an SPKI PEM string. */
export async function importP256PublicKey(key: JsonWebKey | Uint8Array | string): Promise<CryptoKey> {
  const spki = typeof key === 'string' ? pemToSpki(key) : key instanceof Uint8Array ? key : jwkToSpki(key);
  // Through SPKI whatever the input: a JWK's alg, use or key_ops members cannot then make the import fail or differ.
  spkiToJwk(spki);
  return globalThis.crypto.subtle.importKey('spki', new Uint8Array(spki), ECDSA_P256, true, ['verify']);
}

// RFC 7638 §3.2: the required members of each key type, the only ones a thumbprint covers.
const THUMBPRINT_MEMBERS: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
};

/** RFC 7638 JWK thumbprint: base64url of H(JCS of the key type's required members). The `kid` of our keys. */
export function jwkThumbprint(jwk: JsonWebKey, hash: Hash = sha256): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty ?? ''];
  if (!members) throw new DomainError('invalid_request', `JWK thumbprint: unknown kty ${String(jwk.kty)}`);
  const record = jwk as Record<string, unknown>;
  const required: Record<string, string> = {};
  for (const m of members) {
    const v = record[m];
    if (typeof v !== 'string') throw new DomainError('invalid_request', `JWK thumbprint: member ${m} missing`);
    required[m] = v;
  }
  return toBase64Url(hash(jcsBytes(required)));
}
