/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of every hashed or signed value (bundle.md
 * "Conventions"). ECMAScript's own JSON.stringify already writes RFC 8785 strings and numbers, so this module
 * only sorts members, drops whitespace, and refuses what I-JSON (RFC 7493) forbids.
 */
import { fromUtf8, utf8 } from './bytes.ts';
import { DomainError } from './errors.ts';

// A lone surrogate: I-JSON requires well-formed Unicode, and a lone surrogate has no UTF-8 form.
// No `u` flag, so the pattern walks UTF-16 code units.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// What JSON.stringify would escape (controls, quote, backslash), plus surrogates, which need the check above.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped
const NEEDS_CARE = /[\u0000-\u001f"\\\uD800-\uDFFF]/;

function string(text: string): string {
  // Fast path for the usual id, slug or label: nothing to escape, so the quotes are the whole serialization.
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  if (LONE_SURROGATE.test(text)) throw new DomainError('invalid_request', 'JCS: a string holds a lone surrogate');
  // RFC 8785 §3.2.2.2 prescribes exactly ECMAScript's escaping: \b \t \n \f \r \" \\, other controls as
  // \u00xx in lowercase, everything else as is.
  return JSON.stringify(text);
}

function serialize(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return string(value);
    case 'number':
      // RFC 8785 §3.2.2.3: ECMAScript Number::toString; -0 becomes 0, NaN and the infinities are not JSON.
      if (!Number.isFinite(value)) throw new DomainError('invalid_request', `JCS: ${value} is not a JSON number`);
      return String(value); // Number::toString, which is what JSON.stringify uses; String(-0) is "0"
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item = serialize(value[i]);
          if (item === undefined) throw new DomainError('invalid_request', 'JCS: undefined in an array');
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new DomainError('invalid_request', 'JCS: only plain objects, arrays and JSON primitives');
      }
      const record = value as Record<string, unknown>;
      // RFC 8785 §3.2.3: members sorted by their names as UTF-16 code units, which is what the default
      // sort does on strings.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = serialize(record[key]);
        if (member === undefined) continue; // as JSON.stringify: an undefined member is absent
        out += `${(first ? '' : ',') + string(key)}:${member}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new DomainError('invalid_request', `JCS: a ${typeof value} is not JSON`);
  }
}

/**
 * The RFC 8785 canonical JSON text of a value.
 * @example canonicalize({ b: 1, a: [true, 'x'] }) // '{"a":[true,"x"],"b":1}'
 */
export function canonicalize(value: unknown): string {
  const out = serialize(value);
  if (out === undefined) throw new DomainError('invalid_request', 'JCS: undefined is not JSON');
  return out;
}

/**
 * Whether `text` is exactly the canonical JSON of `value`. Compares piece by piece as it walks the value, so a
 * verifier can check a file of a million entries without building (and keeping) a second copy of it. Throws
 * where canonicalize throws.
 */
export function isCanonicalText(value: unknown, text: string): boolean {
  let at = 0;
  const match = (piece: string): boolean => {
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
    return true;
  };
  const matchString = (s: string): boolean => (NEEDS_CARE.test(s) ? match(string(s)) : match('"') && match(s) && match('"'));
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return matchString(v);
    if (typeof v !== 'object' || v === null) {
      const scalar = serialize(v);
      if (scalar === undefined) throw new DomainError('invalid_request', 'JCS: undefined is not JSON here');
      return match(scalar);
    }
    if (Array.isArray(v)) {
      if (!match('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) throw new DomainError('invalid_request', 'JCS: undefined in an array');
        if ((i > 0 && !match(',')) || !walk(v[i])) return false;
      }
      return match(']');
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new DomainError('invalid_request', 'JCS: only plain objects, arrays and JSON primitives');
    const record = v as Record<string, unknown>;
    if (!match('{')) return false;
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      if ((!first && !match(',')) || !matchString(key) || !match(':') || !walk(member)) return false;
      first = false;
    }
    return match('}');
  };
  return walk(value) && at === text.length;
}

/** The canonical JSON of a value as UTF-8 bytes: what is hashed, signed and published. */
export function jcsBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(canonicalize(value));
}

/** Parses UTF-8 JSON bytes; throws a DomainError on malformed UTF-8 or JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = fromUtf8(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DomainError('invalid_request', `malformed JSON: ${(e as Error).message}`);
  }
}
