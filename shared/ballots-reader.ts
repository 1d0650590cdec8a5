/**
 * Reads a published `ballots.json` for the verifier (bundle.md "Ballots and receipts", checks 3, 4, 6, 7).
 *
 * The file must be canonical JSON, so instead of JSON.parse over a million ballots (a 180 MB string and millions
 * of objects for the garbage collector) it is scanned as bytes against the one form it may have:
 * `{"ballots":[{"answers":{...},"nonce":"<32 hex>","receipt":"<64 hex>"},...],"consultationId":"..."}`.
 * Each receipt is recomputed from the very bytes of its answers, receipts are packed as Merkle leaves, and
 * equal answer sets are parsed (and checked canonical) once. Anything off the canonical form is refused, with a
 * diagnosis from an ordinary parse.
 */
import { fromUtf8, utf8 } from './bytes.ts';
import { DomainError } from './errors.ts';
import { canonicalize } from './jcs.ts';
import type { Answers } from './schemas.ts';
import type { Hash } from './sha256.ts';

/** What the verifier needs of the ballots, without one object per ballot. */
export interface BallotsReading {
  consultationId: string;
  count: number;
  /** The receipts in file order as Merkle leaves: `count` * 32 bytes. */
  leaves: Uint8Array<ArrayBuffer>;
  /** Per ballot: 1 when its receipt recomputes from its answers and nonce, else 0. */
  receiptOk: Uint8Array<ArrayBuffer>;
  /** Per ballot: the index of its answers in `distinct`. */
  answerSet: Int32Array<ArrayBuffer>;
  /** Each distinct answer set once, parsed. */
  distinct: Answers[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

function bad(reason: string): DomainError {
  return new DomainError('invalid_request', `ballots.json: ${reason}`);
}

/** Value of a lowercase hex digit byte, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * Reads ballots.json, recomputing every receipt with `hash`. Throws a DomainError naming the first problem when
 * the file is not exactly the canonical form of a ballots file. `progress` is awaited now and then.
 */
export async function readBallotsFile(bytes: Uint8Array, hash: Hash, progress?: (fraction: number) => Promise<void>): Promise<BallotsReading> {
  let at = 0;
  const fail = (what: string): never => {
    throw bad(diagnose(bytes) ?? `not canonical JSON (RFC 8785): expected ${what} at byte ${at}`);
  };
  const literal = (text: string): void => {
    for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) fail(JSON.stringify(text));
    at += text.length;
  };
  // A JSON string starting at `at` (which is a quote); leaves `at` after its closing quote.
  const skipString = (): void => {
    at++;
    for (;;) {
      const c = bytes[at++];
      if (c === undefined) fail('the end of a string');
      if (c === BACKSLASH) at++;
      else if (c === QUOTE) return;
    }
  };

  // Pass 1: the structure, the hex fields, and where each ballot's answers lie.
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let leaves = new Uint8Array(1024 * 32);
  let n = 0;
  literal('{"ballots":[');
  if (bytes[at] === 0x5d) at++;
  else {
    for (;;) {
      if ((n & 0x3fff) === 0 && progress) await progress((at / bytes.length) * 0.4);
      if (n === starts.length) {
        // Doubling keeps the offsets and leaves in three flat buffers however many ballots there are.
        const moreStarts = new Int32Array(n * 2);
        const moreEnds = new Int32Array(n * 2);
        const moreLeaves = new Uint8Array(n * 64);
        moreStarts.set(starts);
        moreEnds.set(ends);
        moreLeaves.set(leaves);
        [starts, ends, leaves] = [moreStarts, moreEnds, moreLeaves];
      }
      literal('{"answers":');
      if (bytes[at] !== OPEN) fail('an answers object');
      starts[n] = at;
      let depth = 0;
      do {
        const c = bytes[at];
        if (c === undefined) fail('the end of the answers');
        if (c === QUOTE) skipString();
        else {
          if (c === OPEN) depth++;
          else if (c === CLOSE) depth--;
          at++;
        }
      } while (depth > 0);
      ends[n] = at;
      literal(',"nonce":"');
      for (let k = 0; k < 32; k++) if (hexValue(bytes[at + k] ?? 0) < 0) fail('a nonce of 32 lowercase hex characters');
      at += 32;
      literal('","receipt":"');
      for (let k = 0; k < 32; k++) {
        const hi = hexValue(bytes[at] ?? 0);
        const lo = hexValue(bytes[at + 1] ?? 0);
        if (hi < 0 || lo < 0) fail('a receipt of 64 lowercase hex characters');
        leaves[n * 32 + k] = (hi << 4) | lo;
        at += 2;
      }
      literal('"}');
      n++;
      if (bytes[at] === 0x2c) at++;
      else if (bytes[at] === 0x5d) {
        at++;
        break;
      } else fail('"," or "]"');
    }
  }
  literal(',"consultationId":');
  if (bytes[at] !== QUOTE) fail('a string');
  const idStart = at;
  skipString();
  const idJson = fromUtf8(bytes.subarray(idStart, at));
  const consultationId: unknown = JSON.parse(idJson);
  if (typeof consultationId !== 'string' || canonicalize(consultationId) !== idJson) fail('a canonical string');
  literal('}');
  if (at !== bytes.length) fail('the end of the file');

  // Pass 2: group equal answer sets (by a cheap hash, then bytes), and recompute the receipts from the bytes of
  // JCS({"kind": "ballot/1", consultationId, answers, nonce}), whose members sort as written below.
  const head = utf8('{"answers":');
  const middle = utf8(`,"consultationId":${idJson},"kind":"ballot/1","nonce":"`);
  const answerSet = new Int32Array(n);
  const receiptOk = new Uint8Array(n);
  const distinct: Answers[] = [];
  const distinctAt: number[] = [];
  const buckets = new Map<number, number[]>();
  let scratch = new Uint8Array(1024);
  for (let i = 0; i < n; i++) {
    if ((i & 0x3fff) === 0 && progress) await progress(0.4 + (i / n) * 0.6);
    const s = starts[i]!;
    const e = ends[i]!;
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    let bucket = buckets.get(h);
    let set = -1;
    if (bucket) {
      for (const d of bucket) {
        const ds = starts[distinctAt[d]!]!;
        if (ends[distinctAt[d]!]! - ds !== e - s) continue;
        let k = 0;
        while (k < e - s && bytes[ds + k] === bytes[s + k]) k++;
        if (k === e - s) {
          set = d;
          break;
        }
      }
    } else {
      bucket = [];
      buckets.set(h, bucket);
    }
    if (set < 0) {
      set = distinct.length;
      distinct.push(parseAnswers(bytes.subarray(s, e), i));
      distinctAt.push(i);
      bucket.push(set);
    }
    answerSet[i] = set;

    const size = head.length + (e - s) + middle.length + 32 + 2;
    if (size > scratch.length) scratch = new Uint8Array(size * 2);
    let o = 0;
    scratch.set(head, o);
    o += head.length;
    for (let k = s; k < e; k++) scratch[o++] = bytes[k]!;
    scratch.set(middle, o);
    o += middle.length;
    const nonceAt = e + ',"nonce":"'.length;
    for (let k = 0; k < 32; k++) scratch[o++] = bytes[nonceAt + k]!;
    scratch[o++] = QUOTE;
    scratch[o++] = CLOSE;
    const digest = hash(scratch.subarray(0, o));
    let same = digest.length === 32 ? 1 : 0;
    for (let k = 0; k < 32 && same; k++) if (digest[k] !== leaves[i * 32 + k]) same = 0;
    receiptOk[i] = same;
  }
  return { consultationId: consultationId as string, count: n, leaves: leaves.slice(0, n * 32), receiptOk, answerSet, distinct };
}

/** One distinct answers object: valid UTF-8, canonical, a map of question id to a string or a list of strings. */
function parseAnswers(bytes: Uint8Array, index: number): Answers {
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
function diagnose(bytes: Uint8Array): string | undefined {
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
    if (!exactly(b, ['answers', 'nonce', 'receipt'])) return `${where} must have exactly the members answers, nonce, receipt`;
    if (typeof b.nonce !== 'string' || !/^[0-9a-f]{32}$/.test(b.nonce)) return `${where}: nonce is not 32 lowercase hex characters`;
    if (typeof b.receipt !== 'string' || !/^[0-9a-f]{64}$/.test(b.receipt)) return `${where}: receipt is not 64 lowercase hex characters`;
    if (typeof b.answers !== 'object' || b.answers === null || Array.isArray(b.answers)) return `${where}: answers is not an object`;
  }
  return undefined;
}
