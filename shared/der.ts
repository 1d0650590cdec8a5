/**
 * ECDSA P-256 signatures in their two spellings: ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` (what KMS and
 * node:crypto produce) and IEEE P1363 `r || s`, 64 bytes (what JWS ES256 and WebCrypto use; RFC 7518 §3.4).
 * The DER reader is strict so that one signature has exactly one accepted DER form.
 */
import { DomainError } from './errors.ts';

/** Bytes of r and of s in P1363 form for P-256. */
const SIZE = 32;

function malformed(reason: string): DomainError {
  return new DomainError('invalid_request', `DER signature: ${reason}`);
}

/** Reads a DER length at `at`; returns [length, next offset]. Definite, minimal form only. */
function readLength(der: Uint8Array, at: number): [number, number] {
  const first = der[at];
  if (first === undefined) throw malformed('truncated length');
  if (first < 0x80) return [first, at + 1];
  const count = first & 0x7f;
  // 0x80 is BER's indefinite length; more than two length bytes cannot occur for a 72-byte signature.
  if (count === 0 || count > 2) throw malformed('unsupported length form');
  let length = 0;
  for (let k = 1; k <= count; k++) {
    const b = der[at + k];
    if (b === undefined) throw malformed('truncated length');
    if (k === 1 && b === 0) throw malformed('non-minimal length');
    length = (length << 8) | b;
  }
  if (length < 0x80) throw malformed('non-minimal length');
  return [length, at + 1 + count];
}

/** Reads a positive INTEGER at `at` into `out` (left-padded to 32 bytes); returns the next offset. */
function readInteger(der: Uint8Array, at: number, out: Uint8Array): number {
  if (der[at] !== 0x02) throw malformed('expected INTEGER');
  const [length, start] = readLength(der, at + 1);
  const end = start + length;
  if (length === 0 || end > der.length) throw malformed('bad INTEGER length');
  let value = der.subarray(start, end);
  if (value[0]! & 0x80) throw malformed('negative INTEGER');
  if (value[0] === 0 && value.length > 1) {
    // A leading zero is allowed only as sign padding before a byte with its high bit set.
    if (!(value[1]! & 0x80)) throw malformed('non-minimal INTEGER');
    value = value.subarray(1);
  }
  if (value.length > SIZE) throw malformed('INTEGER longer than 32 bytes');
  if (value.every((b) => b === 0)) throw malformed('zero INTEGER');
  out.set(value, SIZE - value.length);
  return end;
}

/** Converts a strict DER ECDSA P-256 signature to its 64-byte P1363 form r||s; throws if malformed. */
export function derToP1363(der: Uint8Array): Uint8Array<ArrayBuffer> {
  if (der[0] !== 0x30) throw malformed('not a SEQUENCE');
  const [length, start] = readLength(der, 1);
  if (start + length !== der.length) throw malformed('SEQUENCE length does not match');
  const out = new Uint8Array(2 * SIZE);
  const next = readInteger(der, start, out.subarray(0, SIZE));
  const end = readInteger(der, next, out.subarray(SIZE));
  if (end !== der.length) throw malformed('trailing bytes');
  return out;
}

function encodeInteger(unsigned: Uint8Array): Uint8Array {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const magnitude = unsigned.subarray(i);
  // Sign padding: DER INTEGERs are two's complement, so a high bit would read as negative.
  const pad = magnitude[0]! & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + magnitude.length);
  out[0] = 0x02;
  out[1] = pad + magnitude.length;
  out.set(magnitude, 2 + pad);
  return out;
}

/** Converts a 64-byte P1363 signature r||s to strict DER; throws unless it is 64 bytes. */
export function p1363ToDer(signature: Uint8Array): Uint8Array<ArrayBuffer> {
  if (signature.length !== 2 * SIZE) throw new DomainError('invalid_request', 'P1363 signature: not 64 bytes');
  const r = encodeInteger(signature.subarray(0, SIZE));
  const s = encodeInteger(signature.subarray(SIZE));
  const body = r.length + s.length;
  // At most 70 bytes for P-256, but the long form keeps the encoder honest for any size.
  const header = body < 0x80 ? [0x30, body] : [0x30, 0x81, body];
  const out = new Uint8Array(header.length + body);
  out.set(header, 0);
  out.set(r, header.length);
  out.set(s, header.length + r.length);
  return out;
}
