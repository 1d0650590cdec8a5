/**
 * Byte helpers shared by the hashes, the JWS code and the verifier: UTF-8, hex, base64 and base64url, concat,
 * equality. Pure TypeScript over the Web platform's TextEncoder/TextDecoder, so it runs in Node, a browser and a CLI.
 * Producers return `Uint8Array<ArrayBuffer>` so their results can go straight to WebCrypto.
 */
import { DomainError } from './errors.ts';

const encoder = new TextEncoder();
// fatal: malformed UTF-8 is an error, not U+FFFD; ignoreBOM: a BOM is kept as a character, so it never
// silently disappears from bytes that are hashed.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** The string of UTF-8 bytes; throws on malformed UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DomainError('invalid_request', 'malformed UTF-8');
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Value of each lowercase hex digit by char code, -1 elsewhere. Uppercase is refused: every hex string of
// the bundle is lowercase, and one spelling per value keeps comparisons byte-exact.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/**
 * Decodes lowercase hex into `target` at `offset` (no allocation: the Merkle leaves of a million receipts
 * are written into one buffer). Throws on odd length, a non-hex or uppercase character, or no room.
 */
export function hexInto(hex: string, target: Uint8Array, offset = 0): void {
  if (hex.length % 2 !== 0) throw new DomainError('invalid_request', 'hex: odd length');
  const n = hex.length / 2;
  if (offset < 0 || offset + n > target.length) throw new DomainError('invalid_request', 'hex: no room in target');
  for (let i = 0; i < n; i++) {
    const a = hex.charCodeAt(2 * i);
    const b = hex.charCodeAt(2 * i + 1);
    const hi = a < 128 ? HEX_VALUE[a]! : -1;
    const lo = b < 128 ? HEX_VALUE[b]! : -1;
    if (hi < 0 || lo < 0) throw new DomainError('invalid_request', 'hex: not lowercase hex');
    target[offset + i] = (hi << 4) | lo;
  }
}

/** Bytes of lowercase hex; throws on anything else. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length >>> 1);
  hexInto(hex, out);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function lookup(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B64_VALUE = lookup(B64);
const B64URL_VALUE = lookup(B64URL);

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[v >>> 18]! + alphabet[(v >>> 12) & 63]! + alphabet[(v >>> 6) & 63]! + alphabet[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    out += alphabet[v >>> 18]! + alphabet[(v >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[v >>> 18]! + alphabet[(v >>> 12) & 63]! + alphabet[(v >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

// Strict: only alphabet characters, no impossible length, and the unused low bits of the last character zero,
// so that every byte string has exactly one accepted encoding (a signature cannot be re-spelled).
function decode64(text: string, table: Int8Array, what: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new DomainError('invalid_request', `${what}: impossible length`);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) throw new DomainError('invalid_request', `${what}: invalid character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new DomainError('invalid_request', `${what}: non-zero padding bits`);
  return out;
}

/** base64url without padding (RFC 4648 §5, as JWS uses it). */
export function toBase64Url(bytes: Uint8Array): string {
  return encode64(bytes, B64URL, false);
}

/** Bytes of unpadded base64url; throws on padding, a foreign character or a non-canonical spelling. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  return decode64(text, B64URL_VALUE, 'base64url');
}

/** Standard padded base64 (RFC 4648 §4, as PEM uses it). */
export function toBase64(bytes: Uint8Array): string {
  return encode64(bytes, B64, true);
}

/** Bytes of standard padded base64; throws on bad padding or a foreign character. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) throw new DomainError('invalid_request', 'base64: length is not a multiple of 4');
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  return decode64(body, B64_VALUE, 'base64');
}

/** One buffer holding the parts in order. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Byte equality that looks at every byte whatever the first difference (lengths are not secret). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
