/**
 * The canonical form of ballots.json byte by byte (bundle.md "Ballots and receipts"): a cursor that accepts only it
 * and asks for more bytes when a piece of the file ends too soon, and what an ordinary parse says of a file off it.
 * Used by ballots-reader.ts.
 */
import { fromUtf8 } from '../bytes.ts';
import { DomainError } from '../errors.ts';
import { canonicalize } from '../jcs.ts';
import type { Answers } from '../schemas.ts';

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN = 0x7b;
export const CLOSE = 0x7d;
export const COMMA = 0x2c;
export const BRACKET_CLOSE = 0x5d;
/** Bytes a unit of the scan looks past its cursor at most (a nonce: 32): a refusal closer than this to the end of a piece may only lack bytes. */
export const LOOKAHEAD = 64;

export function bad(reason: string): DomainError {
  return new DomainError('invalid_request', `ballots.json: ${reason}`);
}

/** Thrown when a piece ends inside the unit being read: the unit is read again, from its start, with more bytes. */
export const MORE = Symbol('more bytes');

/** The file is off its canonical form at a place; the message is built with a diagnosis of the whole file. */
export class Refusal {
  constructor(readonly reason: string) {}
}

/** Value of a lowercase hex digit byte, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** A serial's bytes: 0-9, A-Z and -, 1 to 32 of them (bundle.md `result/2`). */
export function isSerialByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x2d;
}

/**
 * A cursor over the bytes of ballots.json read so far that accepts only its canonical form; `fail` names what it
 * expected, and where in the file, or asks for more bytes when the piece may merely have ended too soon.
 */
export class Cursor {
  at = 0;
  bytes: Uint8Array = new Uint8Array(0);
  /** Where `bytes` begins in the file. */
  base = 0;
  /** No more bytes will come. */
  final = false;

  /** Adds a piece after what is left of the last one from `at` on. */
  feed(piece: Uint8Array): void {
    const left = this.bytes.length - this.at;
    this.base += this.at;
    if (left === 0) this.bytes = piece;
    else {
      const joined = new Uint8Array(left + piece.length);
      joined.set(this.bytes.subarray(this.at));
      joined.set(piece, left);
      this.bytes = joined;
    }
    this.at = 0;
  }

  fail(what: string): never {
    if (!this.final && this.at + LOOKAHEAD >= this.bytes.length) throw MORE;
    throw new Refusal(`not canonical JSON (RFC 8785): expected ${what} at byte ${this.base + this.at}`);
  }

  /** The byte at the cursor; undefined only at the end of the file. */
  peek(): number | undefined {
    if (this.at >= this.bytes.length && !this.final) throw MORE;
    return this.bytes[this.at];
  }

  literal(text: string): void {
    for (let k = 0; k < text.length; k++) if (this.bytes[this.at + k] !== text.charCodeAt(k)) this.fail(JSON.stringify(text));
    this.at += text.length;
  }

  /** A JSON string starting at `at` (which is a quote); leaves `at` after its closing quote. */
  skipString(): void {
    this.at++;
    for (;;) {
      const c = this.bytes[this.at++];
      if (c === undefined) this.fail('the end of a string');
      if (c === BACKSLASH) this.at++;
      else if (c === QUOTE) return;
    }
  }

  /** A JSON object starting at `at` (which is a brace); leaves `at` after its closing brace. */
  skipObject(what: string): void {
    let depth = 0;
    do {
      const c = this.bytes[this.at];
      if (c === undefined) this.fail(what);
      if (c === QUOTE) this.skipString();
      else {
        if (c === OPEN) depth++;
        else if (c === CLOSE) depth--;
        this.at++;
      }
    } while (depth > 0);
  }
}

/** One distinct answers object: valid UTF-8, canonical, a map of question id to a string or a list of strings. */
export function parseAnswers(bytes: Uint8Array, index: number): Answers {
  const where = `ballot ${index + 1}`;
  const text = fromUtf8(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(`${where}: the answers are not JSON`);
  }
  if (canonicalize(value) !== text) throw bad(`${where}: the answers are not canonical JSON (RFC 8785)`);
  const answers = value as Record<string, unknown>;
  for (const q in answers) {
    const a = answers[q];
    if (typeof a === 'string') continue;
    if (!Array.isArray(a) || !a.every((x) => typeof x === 'string')) throw bad(`${where}: the answer to ${q} is neither a string nor a list of strings`);
  }
  return answers as Answers;
}

/**
 * Why a ballots file that is off the canonical form is wrong, in the terms of an ordinary parse, or undefined
 * when it parses as a well-shaped ballots file (then it is merely not canonical).
 */
export function diagnose(bytes: Uint8Array): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (e) {
    return `malformed JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const exactly = (v: unknown, keys: string[]): boolean =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === keys.join();
  if (!exactly(value, ['ballots', 'consultationId'])) return 'the file must have exactly the members ballots, consultationId';
  const { ballots, consultationId } = value as { ballots: unknown; consultationId: unknown };
  if (typeof consultationId !== 'string') return 'consultationId is not a string';
  if (!Array.isArray(ballots)) return 'ballots is not an array';
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i] as Record<string, unknown>;
    const where = `ballot ${i + 1}`;
    if (!exactly(b, ['answers', 'nonce', 'receipt']) && !exactly(b, ['answers', 'nonce', 'receipt', 'serial'])) {
      return `${where} must have exactly the members answers, nonce, receipt (and serial for a paper slip)`;
    }
    if (b.serial !== undefined && (typeof b.serial !== 'string' || !/^[0-9A-Z-]{1,32}$/.test(b.serial)))
      return `${where}: serial is not 1 to 32 characters 0-9, A-Z, -`;
    if (typeof b.nonce !== 'string' || !/^[0-9a-f]{32}$/.test(b.nonce)) return `${where}: nonce is not 32 lowercase hex characters`;
    if (typeof b.receipt !== 'string' || !/^[0-9a-f]{64}$/.test(b.receipt)) return `${where}: receipt is not 64 lowercase hex characters`;
    if (typeof b.answers !== 'object' || b.answers === null || Array.isArray(b.answers)) return `${where}: answers is not an object`;
  }
  return undefined;
}
