/**
 * Reads a published `ballots.json` for the verifier (bundle.md "Ballots and receipts", checks 3, 4, 6, 7).
 *
 * The file must be canonical JSON, so instead of JSON.parse over a million ballots (a 180 MB string and millions
 * of objects for the garbage collector) it is scanned as bytes against the one form it may have:
 * `{"ballots":[{"answers":{...},"nonce":"<32 hex>","receipt":"<64 hex>"},...],"consultationId":"..."}`, where a
 * slip entered from paper ends `,"serial":"<serial>"}` (result/2).
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
  /** The serial of each ballot that has one (a paper slip, result/2), by ballot index. */
  serials: Map<number, string>;
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

/** A cursor over ballots.json that accepts only its canonical form; `fail` names what it expected, and where. */
class Cursor {
  at = 0;
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  fail(what: string): never {
    throw bad(diagnose(this.bytes) ?? `not canonical JSON (RFC 8785): expected ${what} at byte ${this.at}`);
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

/** Where each ballot's answers lie (byte offsets) and its receipt as a Merkle leaf, in three flat buffers. */
interface Layout {
  count: number;
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  leaves: Uint8Array<ArrayBuffer>;
  /** Byte offsets of each serial's first character and of its closing quote; both 0 for a ballot without one. */
  serialStarts: Int32Array<ArrayBuffer>;
  serialEnds: Int32Array<ArrayBuffer>;
}

/** A serial's bytes: 0-9, A-Z and -, 1 to 32 of them (bundle.md `result/2`). */
function isSerialByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x2d;
}

/** Room for one more ballot: doubling keeps the offsets and leaves in three flat buffers however many ballots there are. */
function reserve(layout: Layout): void {
  const n = layout.count;
  if (n < layout.starts.length) return;
  const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const more = new Int32Array(n * 2);
    more.set(a);
    return more;
  };
  const moreLeaves = new Uint8Array(n * 64);
  moreLeaves.set(layout.leaves);
  [layout.starts, layout.ends, layout.serialStarts, layout.serialEnds] = [
    grow(layout.starts),
    grow(layout.ends),
    grow(layout.serialStarts),
    grow(layout.serialEnds),
  ];
  layout.leaves = moreLeaves;
}

/** A ballot's end: `"}`, or `","serial":"<serial>"}` for a paper slip, whose place is kept in the layout. */
function readSerial(cursor: Cursor, layout: Layout, n: number): void {
  const { bytes } = cursor;
  if (bytes[cursor.at] === QUOTE && bytes[cursor.at + 1] === CLOSE) {
    cursor.at += 2;
    return;
  }
  cursor.literal('","serial":"');
  const start = cursor.at;
  while (isSerialByte(bytes[cursor.at] ?? 0)) cursor.at++;
  if (cursor.at === start || cursor.at - start > 32) cursor.fail('a serial of 1 to 32 characters 0-9, A-Z, -');
  layout.serialStarts[n] = start;
  layout.serialEnds[n] = cursor.at;
  cursor.literal('"}');
}

/** One `{"answers":{...},"nonce":"<32 hex>","receipt":"<64 hex>"(,"serial":"...")}`: where its parts lie, and its receipt as a leaf. */
function readBallot(cursor: Cursor, layout: Layout): void {
  const { bytes } = cursor;
  const n = layout.count;
  reserve(layout);
  cursor.literal('{"answers":');
  if (bytes[cursor.at] !== OPEN) cursor.fail('an answers object');
  layout.starts[n] = cursor.at;
  cursor.skipObject('the end of the answers');
  layout.ends[n] = cursor.at;
  cursor.literal(',"nonce":"');
  for (let k = 0; k < 32; k++) if (hexValue(bytes[cursor.at + k] ?? 0) < 0) cursor.fail('a nonce of 32 lowercase hex characters');
  cursor.at += 32;
  cursor.literal('","receipt":"');
  const leaves = layout.leaves;
  for (let k = 0; k < 32; k++) {
    const hi = hexValue(bytes[cursor.at] ?? 0);
    const lo = hexValue(bytes[cursor.at + 1] ?? 0);
    if (hi < 0 || lo < 0) cursor.fail('a receipt of 64 lowercase hex characters');
    leaves[n * 32 + k] = (hi << 4) | lo;
    cursor.at += 2;
  }
  readSerial(cursor, layout, n);
  layout.count++;
}

/** The file's end, `,"consultationId":"..."}`: the id as it is written (canonical JSON) and as a string. */
function readConsultationId(cursor: Cursor): { consultationId: string; idJson: string } {
  cursor.literal(',"consultationId":');
  if (cursor.bytes[cursor.at] !== QUOTE) cursor.fail('a string');
  const idStart = cursor.at;
  cursor.skipString();
  const idJson = fromUtf8(cursor.bytes.subarray(idStart, cursor.at));
  const consultationId: unknown = JSON.parse(idJson);
  if (typeof consultationId !== 'string' || canonicalize(consultationId) !== idJson) cursor.fail('a canonical string');
  cursor.literal('}');
  if (cursor.at !== cursor.bytes.length) cursor.fail('the end of the file');
  return { consultationId: consultationId as string, idJson };
}

/** Pass 1: the structure, the hex fields, and where each ballot's answers lie. */
async function scanBallots(cursor: Cursor, progress?: (fraction: number) => Promise<void>): Promise<Layout & { consultationId: string; idJson: string }> {
  const { bytes } = cursor;
  const layout: Layout = {
    count: 0,
    starts: new Int32Array(1024),
    ends: new Int32Array(1024),
    leaves: new Uint8Array(1024 * 32),
    serialStarts: new Int32Array(1024),
    serialEnds: new Int32Array(1024),
  };
  cursor.literal('{"ballots":[');
  if (bytes[cursor.at] === 0x5d) cursor.at++;
  else {
    for (;;) {
      if ((layout.count & 0x3fff) === 0 && progress) await progress((cursor.at / bytes.length) * 0.4);
      readBallot(cursor, layout);
      if (bytes[cursor.at] === 0x2c) cursor.at++;
      else if (bytes[cursor.at] === 0x5d) {
        cursor.at++;
        break;
      } else cursor.fail('"," or "]"');
    }
  }
  return { ...layout, ...readConsultationId(cursor) };
}

/** Equal answer sets, grouped by a cheap hash (FNV-1a) of their bytes, then by the bytes: each is parsed once. */
class AnswerSets {
  /** Each distinct answer set once, parsed. */
  readonly distinct: Answers[] = [];
  /** The first ballot of each distinct answer set. */
  private readonly distinctAt: number[] = [];
  private readonly buckets = new Map<number, number[]>();
  private readonly bytes: Uint8Array;
  private readonly layout: Layout;

  constructor(bytes: Uint8Array, layout: Layout) {
    this.bytes = bytes;
    this.layout = layout;
  }

  /** The index in `distinct` of the answers of ballot `i`, added when they are new. */
  indexOf(i: number): number {
    const { bytes } = this;
    const s = this.layout.starts[i]!;
    const e = this.layout.ends[i]!;
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const d of bucket) if (this.sameAnswers(this.distinctAt[d]!, i)) return d;
    } else {
      bucket = [];
      this.buckets.set(h, bucket);
    }
    const set = this.distinct.length;
    this.distinct.push(parseAnswers(bytes.subarray(s, e), i));
    this.distinctAt.push(i);
    bucket.push(set);
    return set;
  }

  /** Whether ballots `j` and `i` have the same bytes of answers. */
  private sameAnswers(j: number, i: number): boolean {
    const { bytes } = this;
    const { starts, ends } = this.layout;
    const ds = starts[j]!;
    const s = starts[i]!;
    const length = ends[i]! - s;
    if (ends[j]! - ds !== length) return false;
    let k = 0;
    while (k < length && bytes[ds + k] === bytes[s + k]) k++;
    return k === length;
  }
}

/**
 * Receipts recomputed from the bytes of JCS({"kind": "ballot/1", consultationId, answers, nonce(, serial)}), whose
 * members sort as written below, copied into one scratch buffer.
 */
class ReceiptCheck {
  private readonly head = utf8('{"answers":');
  private readonly middle: Uint8Array;
  private readonly serialKey = utf8('","serial":"');
  private scratch = new Uint8Array(1024);
  private readonly bytes: Uint8Array;
  private readonly layout: Layout;
  private readonly hash: Hash;

  constructor(bytes: Uint8Array, layout: Layout, idJson: string, hash: Hash) {
    this.bytes = bytes;
    this.layout = layout;
    this.hash = hash;
    this.middle = utf8(`,"consultationId":${idJson},"kind":"ballot/1","nonce":"`);
  }

  /** 1 when the receipt of ballot `i` recomputes from its answers and nonce, else 0. */
  recomputes(i: number): number {
    const { bytes, head, middle, serialKey } = this;
    const s = this.layout.starts[i]!;
    const e = this.layout.ends[i]!;
    const serialStart = this.layout.serialStarts[i]!;
    const serialEnd = this.layout.serialEnds[i]!;
    const size = head.length + (e - s) + middle.length + 32 + 2 + serialKey.length + (serialEnd - serialStart);
    if (size > this.scratch.length) this.scratch = new Uint8Array(size * 2);
    const scratch = this.scratch;
    let o = 0;
    scratch.set(head, o);
    o += head.length;
    for (let k = s; k < e; k++) scratch[o++] = bytes[k]!;
    scratch.set(middle, o);
    o += middle.length;
    const nonceAt = e + ',"nonce":"'.length;
    for (let k = 0; k < 32; k++) scratch[o++] = bytes[nonceAt + k]!;
    if (serialEnd > serialStart) {
      scratch.set(serialKey, o);
      o += serialKey.length;
      for (let k = serialStart; k < serialEnd; k++) scratch[o++] = bytes[k]!;
    }
    scratch[o++] = QUOTE;
    scratch[o++] = CLOSE;
    const digest = this.hash(scratch.subarray(0, o));
    const leaves = this.layout.leaves;
    let same = digest.length === 32 ? 1 : 0;
    for (let k = 0; k < 32 && same; k++) if (digest[k] !== leaves[i * 32 + k]) same = 0;
    return same;
  }
}

/**
 * Reads ballots.json, recomputing every receipt with `hash`. Throws a DomainError naming the first problem when
 * the file is not exactly the canonical form of a ballots file. `progress` is awaited now and then.
 */
export async function readBallotsFile(bytes: Uint8Array, hash: Hash, progress?: (fraction: number) => Promise<void>): Promise<BallotsReading> {
  const scanned = await scanBallots(new Cursor(bytes), progress);
  const n = scanned.count;
  // Pass 2: group equal answer sets, and recompute the receipts.
  const sets = new AnswerSets(bytes, scanned);
  const receipts = new ReceiptCheck(bytes, scanned, scanned.idJson, hash);
  const answerSet = new Int32Array(n);
  const receiptOk = new Uint8Array(n);
  const serials = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    if ((i & 0x3fff) === 0 && progress) await progress(0.4 + (i / n) * 0.6);
    answerSet[i] = sets.indexOf(i);
    receiptOk[i] = receipts.recomputes(i);
    const serialEnd = scanned.serialEnds[i]!;
    if (serialEnd > 0) serials.set(i, fromUtf8(bytes.subarray(scanned.serialStarts[i]!, serialEnd)));
  }
  const leaves = scanned.leaves.slice(0, n * 32);
  return { consultationId: scanned.consultationId, count: n, leaves, receiptOk, answerSet, distinct: sets.distinct, serials };
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
