/**
 * Reads a published `ballots.json` for the verifier (bundle.md "Ballots and receipts", checks 3, 4, 6, 7).
 *
 * The file must be canonical JSON, so instead of JSON.parse over a million ballots (a 180 MB string and millions
 * of objects for the garbage collector) it is scanned as bytes against the one form it may have:
 * `{"ballots":[{"answers":{...},"nonce":"<32 hex>","receipt":"<64 hex>"},...],"consultationId":"..."}`, where a
 * slip entered from paper ends `,"serial":"<serial>"}` (result/2).
 * The scan takes the file in pieces, one ballot at a time, so the CLI never holds the whole file (the verify page
 * gives it as one piece): each receipt is recomputed from the very bytes of its answers as the ballot goes by, the
 * receipts are packed as Merkle leaves, and equal answer sets are parsed (and checked canonical) once. Anything off
 * the canonical form is refused, with a diagnosis from an ordinary parse.
 */
import { fromUtf8, utf8 } from './bytes.ts';
import { canonicalize } from './jcs.ts';
import type { Answers } from './schemas.ts';
import type { Hash } from './sha256.ts';
import { BRACKET_CLOSE, bad, COMMA, CLOSE, Cursor, diagnose, hexValue, isSerialByte, MORE, OPEN, parseAnswers, QUOTE, Refusal } from './verify/ballots-form.ts';

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

/** ballots.json as pieces of bytes, for a file too large to hold at once. */
export interface BallotsSource {
  /** The file from its first byte, in pieces of any size; each call reads it anew. */
  read(): AsyncIterable<Uint8Array>;
  /** Its length in bytes, when known: room for every receipt is then taken once. */
  size?: number;
}

/** What readBallots may be told. */
export interface ReadBallotsOptions {
  /**
   * The consultation the file should name (the manifest's): its receipts are recomputed as the ballots go by. The
   * id comes last in the file, so when it is another (or not given), the file is read a second time with its own.
   */
  consultationId?: string;
  /** Awaited now and then with how far the reading has come. */
  progress?: (fraction: number) => Promise<void>;
}

/** The shortest ballot, `{"answers":{},"nonce":"<32>","receipt":"<64>"}`: bounds the count by the file's size. */
const SHORTEST_BALLOT = 134;

/** Where one ballot's parts lie in the cursor's bytes. */
interface BallotPlace {
  answersStart: number;
  answersEnd: number;
  nonceStart: number;
  /** The serial's first character and its closing quote; both 0 for a ballot without one. */
  serialStart: number;
  serialEnd: number;
}

/** Equal answer sets, grouped by a cheap hash (FNV-1a) of their bytes, then by the bytes: each is parsed once. */
class AnswerSets {
  /** Each distinct answer set once, parsed. */
  readonly distinct: Answers[] = [];
  /** The bytes of each distinct answer set. */
  private readonly distinctBytes: Uint8Array[] = [];
  private readonly buckets = new Map<number, number[]>();

  /** The index in `distinct` of the answers `bytes[s, e)` of ballot `index`, added when they are new. */
  indexOf(bytes: Uint8Array, s: number, e: number, index: number): number {
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const d of bucket) if (sameBytes(this.distinctBytes[d]!, bytes, s, e)) return d;
    } else {
      bucket = [];
      this.buckets.set(h, bucket);
    }
    const copy = bytes.slice(s, e);
    const answers = parseAnswers(copy, index);
    const set = this.distinct.length;
    this.distinct.push(answers);
    this.distinctBytes.push(copy);
    bucket.push(set);
    return set;
  }
}

/** Whether `known` is byte for byte `bytes[s, e)`. */
function sameBytes(known: Uint8Array, bytes: Uint8Array, s: number, e: number): boolean {
  const length = e - s;
  if (known.length !== length) return false;
  let k = 0;
  while (k < length && known[k] === bytes[s + k]) k++;
  return k === length;
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
  private readonly hash: Hash;

  constructor(idJson: string, hash: Hash) {
    this.hash = hash;
    this.middle = utf8(`,"consultationId":${idJson},"kind":"ballot/1","nonce":"`);
  }

  /** 1 when the receipt `leaves[at, at + 32)` recomputes from the ballot at `place` in `bytes`, else 0. */
  recomputes(bytes: Uint8Array, place: BallotPlace, leaves: Uint8Array, at: number): number {
    const { head, middle, serialKey } = this;
    const { answersStart: s, answersEnd: e, nonceStart, serialStart, serialEnd } = place;
    const size = head.length + (e - s) + middle.length + 32 + 2 + serialKey.length + (serialEnd - serialStart);
    if (size > this.scratch.length) this.scratch = new Uint8Array(size * 2);
    const scratch = this.scratch;
    let o = 0;
    scratch.set(head, o);
    o += head.length;
    for (let k = s; k < e; k++) scratch[o++] = bytes[k]!;
    scratch.set(middle, o);
    o += middle.length;
    for (let k = 0; k < 32; k++) scratch[o++] = bytes[nonceStart + k]!;
    if (serialEnd > serialStart) {
      scratch.set(serialKey, o);
      o += serialKey.length;
      for (let k = serialStart; k < serialEnd; k++) scratch[o++] = bytes[k]!;
    }
    scratch[o++] = QUOTE;
    scratch[o++] = CLOSE;
    const digest = this.hash(scratch.subarray(0, o));
    let same = digest.length === 32 ? 1 : 0;
    for (let k = 0; k < 32 && same; k++) if (digest[k] !== leaves[at + k]) same = 0;
    return same;
  }
}

/** Where the scan stands in the file: before `[`, at a ballot, or at the closing members. */
type Phase = 'head' | 'ballot' | 'tail' | 'done';

/**
 * One pass over ballots.json, a unit at a time (the head, each ballot with the byte after it, the tail): a unit is
 * first read whole, then counted, so a unit cut by the end of a piece is read again with the next piece.
 */
class BallotScan {
  readonly cursor = new Cursor();
  phase: Phase = 'head';
  count = 0;
  leaves: Uint8Array<ArrayBuffer>;
  receiptOk: Uint8Array<ArrayBuffer>;
  answerSet: Int32Array<ArrayBuffer>;
  readonly sets = new AnswerSets();
  readonly serials = new Map<number, string>();
  /** The first ballot whose answers do not read: reported only if the file's form holds to its end. */
  answersError: unknown;
  consultationId = '';
  idJson = '';
  private readonly receipts: ReceiptCheck | undefined;
  private readonly place: BallotPlace = { answersStart: 0, answersEnd: 0, nonceStart: 0, serialStart: 0, serialEnd: 0 };

  /** `idJson`: the consultation id as JSON, to recompute receipts with; none, to only read the file. */
  constructor(hash: Hash, idJson: string | undefined, size: number | undefined) {
    this.receipts = idJson === undefined ? undefined : new ReceiptCheck(idJson, hash);
    const room = size === undefined ? 1024 : Math.floor(size / SHORTEST_BALLOT) + 1;
    this.leaves = new Uint8Array(room * 32);
    this.receiptOk = new Uint8Array(room);
    this.answerSet = new Int32Array(room);
  }

  /** Reads the units that the bytes so far hold whole; true when it stopped at `until` ballots with bytes left. */
  run(until: number): boolean {
    const cursor = this.cursor;
    while (this.phase !== 'done') {
      if (this.count >= until) return true;
      const start = cursor.at;
      try {
        if (this.phase === 'ballot') this.ballot();
        else if (this.phase === 'head') this.head();
        else this.tail();
      } catch (e) {
        if (e !== MORE) throw e;
        cursor.at = start;
        return false;
      }
    }
    return false;
  }

  /** `{"ballots":[`, and `]` at once when there are no ballots. */
  private head(): void {
    const cursor = this.cursor;
    cursor.literal('{"ballots":[');
    if (cursor.peek() === BRACKET_CLOSE) {
      cursor.at++;
      this.phase = 'tail';
    } else this.phase = 'ballot';
  }

  /** One `{"answers":{...},"nonce":"<32 hex>","receipt":"<64 hex>"(,"serial":"...")}` and the `,` or `]` after it. */
  private ballot(): void {
    const cursor = this.cursor;
    const { bytes } = cursor;
    const place = this.place;
    const n = this.count;
    if (n === this.answerSet.length) this.grow();
    cursor.literal('{"answers":');
    if (bytes[cursor.at] !== OPEN) cursor.fail('an answers object');
    place.answersStart = cursor.at;
    cursor.skipObject('the end of the answers');
    place.answersEnd = cursor.at;
    cursor.literal(',"nonce":"');
    for (let k = 0; k < 32; k++) if (hexValue(bytes[cursor.at + k] ?? 0) < 0) cursor.fail('a nonce of 32 lowercase hex characters');
    place.nonceStart = cursor.at;
    cursor.at += 32;
    cursor.literal('","receipt":"');
    const leaves = this.leaves;
    for (let k = 0; k < 32; k++) {
      const hi = hexValue(bytes[cursor.at] ?? 0);
      const lo = hexValue(bytes[cursor.at + 1] ?? 0);
      if (hi < 0 || lo < 0) cursor.fail('a receipt of 64 lowercase hex characters');
      leaves[n * 32 + k] = (hi << 4) | lo;
      cursor.at += 2;
    }
    this.readSerial();
    const next = cursor.peek();
    if (next === COMMA) cursor.at++;
    else if (next === BRACKET_CLOSE) {
      cursor.at++;
      this.phase = 'tail';
    } else cursor.fail('"," or "]"');
    // The ballot is read whole: now it counts.
    this.count++;
    if (this.answersError !== undefined) return;
    try {
      this.answerSet[n] = this.sets.indexOf(bytes, place.answersStart, place.answersEnd, n);
    } catch (e) {
      this.answersError = e;
      return;
    }
    if (this.receipts) this.receiptOk[n] = this.receipts.recomputes(bytes, place, leaves, n * 32);
    if (place.serialEnd > 0) this.serials.set(n, fromUtf8(bytes.subarray(place.serialStart, place.serialEnd)));
  }

  /** A ballot's end: `"}`, or `","serial":"<serial>"}` for a paper slip. */
  private readSerial(): void {
    const cursor = this.cursor;
    const { bytes } = cursor;
    const place = this.place;
    place.serialStart = 0;
    place.serialEnd = 0;
    if (bytes[cursor.at] === QUOTE && bytes[cursor.at + 1] === CLOSE) {
      cursor.at += 2;
      return;
    }
    cursor.literal('","serial":"');
    const start = cursor.at;
    while (isSerialByte(bytes[cursor.at] ?? 0)) cursor.at++;
    if (cursor.at === start || cursor.at - start > 32) cursor.fail('a serial of 1 to 32 characters 0-9, A-Z, -');
    place.serialStart = start;
    place.serialEnd = cursor.at;
    cursor.literal('"}');
  }

  /** The file's end, `,"consultationId":"..."}`: the id as it is written (canonical JSON) and as a string. */
  private tail(): void {
    const cursor = this.cursor;
    cursor.literal(',"consultationId":');
    if (cursor.bytes[cursor.at] !== QUOTE) cursor.fail('a string');
    const idStart = cursor.at;
    cursor.skipString();
    const idJson = fromUtf8(cursor.bytes.subarray(idStart, cursor.at));
    const consultationId: unknown = JSON.parse(idJson);
    if (typeof consultationId !== 'string' || canonicalize(consultationId) !== idJson) cursor.fail('a canonical string');
    cursor.literal('}');
    if (cursor.peek() !== undefined) cursor.fail('the end of the file');
    this.consultationId = consultationId as string;
    this.idJson = idJson;
    this.phase = 'done';
  }

  /** Room for twice as many ballots (when the file's size was not known). */
  private grow(): void {
    const room = this.answerSet.length * 2;
    const leaves = new Uint8Array(room * 32);
    leaves.set(this.leaves);
    const receiptOk = new Uint8Array(room);
    receiptOk.set(this.receiptOk);
    const answerSet = new Int32Array(room);
    answerSet.set(this.answerSet);
    [this.leaves, this.receiptOk, this.answerSet] = [leaves, receiptOk, answerSet];
  }
}

/** One pass over the file; throws a Refusal or the error of the first answers that do not read. */
async function scanOnce(source: BallotsSource, hash: Hash, idJson: string | undefined, progress?: (fraction: number) => Promise<void>): Promise<BallotScan> {
  const scan = new BallotScan(hash, idJson, source.size);
  const cursor = scan.cursor;
  for await (const piece of source.read()) {
    cursor.feed(piece);
    // Within a large piece (the page gives the file whole), report every 16384 ballots.
    while (scan.run(scan.count + 0x4000)) if (progress && source.size) await progress((cursor.base + cursor.at) / source.size);
    if (progress && source.size) await progress((cursor.base + cursor.at) / source.size);
  }
  cursor.final = true;
  scan.run(Number.POSITIVE_INFINITY);
  if (scan.answersError !== undefined) throw scan.answersError;
  return scan;
}

/** The whole file in one buffer: only to say why a file is refused. */
async function wholeFile(source: BallotsSource): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  for await (const piece of source.read()) {
    pieces.push(piece);
    length += piece.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

/**
 * Reads ballots.json from its pieces, recomputing every receipt with `hash`. Throws a DomainError naming the first
 * problem when the file is not exactly the canonical form of a ballots file.
 * @example const reading = await readBallots({ read: () => createReadStream(path) }, sha256, { consultationId })
 */
export async function readBallots(source: BallotsSource, hash: Hash, options: ReadBallotsOptions = {}): Promise<BallotsReading> {
  const guess = options.consultationId === undefined ? undefined : canonicalize(options.consultationId);
  let scan: BallotScan;
  try {
    scan = await scanOnce(source, hash, guess, options.progress);
    // The receipts name the file's own consultation, which comes last: read it again when the guess was not it.
    if (scan.idJson !== guess) scan = await scanOnce(source, hash, scan.idJson, options.progress);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    throw bad(diagnose(await wholeFile(source)) ?? e.reason);
  }
  const n = scan.count;
  return {
    consultationId: scan.consultationId,
    count: n,
    leaves: scan.leaves.subarray(0, n * 32),
    receiptOk: scan.receiptOk.subarray(0, n),
    answerSet: scan.answerSet.subarray(0, n),
    distinct: scan.sets.distinct,
    serials: scan.serials,
  };
}

/**
 * Reads ballots.json held whole, recomputing every receipt with `hash`. Throws a DomainError naming the first problem
 * when the file is not exactly the canonical form of a ballots file. `progress` is awaited now and then.
 */
export async function readBallotsFile(
  bytes: Uint8Array,
  hash: Hash,
  progress?: (fraction: number) => Promise<void>,
  consultationId?: string,
): Promise<BallotsReading> {
  return readBallots(wholeSource(bytes), hash, { ...(progress ? { progress } : {}), ...(consultationId !== undefined ? { consultationId } : {}) });
}

/** A file held whole as a source of one piece. */
export function wholeSource(bytes: Uint8Array): BallotsSource {
  return {
    size: bytes.length,
    async *read() {
      yield bytes;
    },
  };
}
