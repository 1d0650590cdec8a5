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

const encoder = new TextEncoder();
/** Text gathered before it is encoded: large enough that encoding is one call per many items, small beside a file. */
const FLUSH_CHARS = 1 << 16;

/**
 * UTF-8 text written piece by piece into one growing byte buffer: for a file too large to be one JavaScript string
 * (a string tops out near 2^29 characters, and a million ballots as one string and then its bytes would be held
 * twice). `json` appends the canonical JSON of a value, `text` anything already in its final form (punctuation, a
 * member name); written in JCS order by the caller, the bytes are exactly `jcsBytes` of the whole value.
 * @example const w = new Utf8Writer(); w.text('{"ballots":['); ballots.forEach((b, i) => { if (i) w.text(','); w.json(b); }); w.text(']}'); w.bytes()
 */
export class Utf8Writer {
  #buffer: Uint8Array<ArrayBuffer>;
  #at = 0;
  #pending = '';

  /** `capacity`: the bytes first allocated (grown by half when full; `reserve` when the size is known in advance). */
  constructor(capacity = FLUSH_CHARS) {
    this.#buffer = new Uint8Array(Math.max(16, capacity));
  }

  /** Appends text as it is. */
  text(text: string): void {
    this.#pending += text;
    if (this.#pending.length >= FLUSH_CHARS) this.#flush();
  }

  /** Appends the RFC 8785 canonical JSON of `value` (throws where canonicalize throws). */
  json(value: unknown): void {
    this.text(canonicalize(value));
  }

  /** Makes room for `bytes` bytes in all, so that a file whose size is foreseen is not copied as it grows. */
  reserve(bytes: number): void {
    if (bytes > this.#buffer.length) this.#grow(bytes);
  }

  /** The bytes written so far. */
  get byteLength(): number {
    this.#flush();
    return this.#at;
  }

  /** Everything written, as a view of the writer's buffer (no copy); writing on afterwards may replace the buffer. */
  bytes(): Uint8Array<ArrayBuffer> {
    this.#flush();
    return this.#buffer.subarray(0, this.#at);
  }

  #flush(): void {
    let text = this.#pending;
    this.#pending = '';
    while (text.length > 0) {
      // encodeInto stops before a character that does not fit, never inside one (nor inside a surrogate pair).
      const { read, written } = encoder.encodeInto(text, this.#buffer.subarray(this.#at));
      this.#at += written;
      if (read === text.length) return;
      text = text.slice(read);
      this.#grow(this.#at + 3 * text.length);
    }
  }

  #grow(atLeast: number): void {
    const next = new Uint8Array(Math.max(atLeast, Math.ceil(this.#buffer.length * 1.5)));
    next.set(this.#buffer.subarray(0, this.#at));
    this.#buffer = next;
  }
}
