/**
 * Reads the bundle's files into a typed context for the checks. Each file is read and parsed once, when a check first
 * asks for it; a missing or malformed file fails, with the reason, every check that asks for it.
 *
 * A million ballots are read as bytes in their canonical form (ballots-reader.ts), with no object or schema parse
 * per ballot, from the files or, without holding the file, from a source of pieces (the CLI).
 */
import { parseAuditJsonl, toAuditJsonl } from '../audit.ts';
import { type BallotsReading, readBallots, wholeSource } from '../ballots-reader.ts';
import { bytesEqual, fromUtf8 } from '../bytes.ts';
import { isCanonicalText, parseJsonBytes } from '../jcs.ts';
import { type DecodedJws, decodeJws } from '../jws.ts';
import { type AuditEvent, type Channel, Consultation, Manifest, OPINIONS_FILE, OpinionsFile, type Participant } from '../schemas.ts';
import type { Hash } from '../sha256.ts';
import { fail, reasonOf } from './failure.ts';
import type { StreamedBallots } from './report.ts';

/** The channels of participants.json, in the manifest's order. */
export const CHANNELS: readonly Channel[] = ['online', 'paper', 'meeting'];

/** roll.json: its consultation and the roll ids, in file order. */
export interface Households {
  consultationId: string;
  ids: string[];
}
/** participants.json: its consultation and each household with its channel, in file order. */
export interface ParticipantsData {
  consultationId: string;
  households: Participant[];
}
/** result.jws decoded and its payload parsed as a manifest. */
export interface ManifestData {
  jws: DecodedJws;
  manifest: Manifest;
  /** The payload as plain JSON, for byte-exact comparisons of its parts. */
  raw: Record<string, unknown>;
}

/** The bundle as the checks read it: its files, and each parsed file on demand (a failure when it does not read). */
export interface Bundle {
  files: Record<string, Uint8Array>;
  /** ballots.json, when it is read in pieces rather than from `files`. */
  ballotsFile?: StreamedBallots;
  hash: Hash;
  /** Reports how far the current step has come (and lets a browser repaint now and then). */
  progress: (fraction: number) => Promise<void>;
  manifestData: () => Promise<ManifestData>;
  /** manifestData, failing as "no usable manifest" for the steps that only compare with it. */
  usableManifest: () => Promise<ManifestData>;
  manifest: () => Promise<Manifest>;
  consultation: () => Promise<Consultation>;
  roll: () => Promise<Households>;
  participants: () => Promise<ParticipantsData>;
  ballots: () => Promise<BallotsReading>;
  audit: () => Promise<AuditEvent[]>;
  /** opinions.json (result/2), when the bundle has it. */
  opinions: () => Promise<OpinionsFile>;
}

type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a loader once, keeping its value or its failure for every step that asks. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<Loaded<T>> | undefined;
  return async () => {
    result ??= load().then(
      (value): Loaded<T> => ({ ok: true, value }),
      (e: unknown): Loaded<T> => ({ ok: false, error: reasonOf(e) }),
    );
    const r = await result;
    if (!r.ok) fail(r.error);
    return (r as { value: T }).value;
  };
}

/** True for a plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strict shape: an object with exactly these keys. */
function exactKeys(v: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (!isRecord(v)) return fail(`${where} is not an object`);
  const own = Object.keys(v);
  if (own.length !== keys.length || !keys.every((k) => Object.hasOwn(v, k))) {
    return fail(`${where} must have exactly the members ${keys.join(', ')}`);
  }
  return v;
}

/** bundle.md conventions: every .json file is JCS bytes; anything else could be read two ways (duplicate keys). */
export function requireCanonical(value: unknown, text: string, name: string): void {
  // Strict UTF-8 decoding is one-to-one, so comparing texts compares bytes; no second copy is built.
  if (!isCanonicalText(value, text)) fail(`${name} is not canonical JSON (RFC 8785)`);
}

/** A file of the bundle by name; fails when it is missing. */
export function fileOf(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const bytes = Object.hasOwn(files, name) ? files[name] : undefined;
  return bytes ?? fail(`${name} is missing`);
}

/** A file's text and its parsed JSON; fails naming the file when it is missing or malformed. */
function readJson(files: Record<string, Uint8Array>, name: string): { text: string; raw: unknown } {
  return parseText(fromUtf8(fileOf(files, name)), name);
}

/** A file's parsed JSON; fails naming the file when it is malformed. */
function parseText(text: string, name: string): { text: string; raw: unknown } {
  try {
    return { text, raw: JSON.parse(text) as unknown };
  } catch (e) {
    return fail(`${name}: malformed JSON: ${reasonOf(e)}`);
  }
}

/**
 * The end (closing quote) of a JSON string from `at` that needs no escape and is all printable ASCII, so that its
 * text is its canonical form (RFC 8785) and its value; -1 for any other string.
 */
function plainStringEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return -1;
  }
  return -1;
}

/** How much of a households file the quick read decodes at once: never the whole file as one string. */
const WINDOW = 1 << 16;
/** Room left in a window before each household: one longer than this is left to the ordinary parse. */
const MARGIN = 4096;

/**
 * A million households are read without JSON.parse when the file is exactly the canonical form
 * `{"consultationId":"<id>","households":[<item>,...]}` with plain ids, decoded a window at a time: `item` reads one
 * household of `text` from `at` (its `{`) and returns where it ends, or -1. Undefined for anything else, which the
 * ordinary parse then judges (and which the quick read never accepts: it only spares the parse of a file the parse
 * would accept as it is).
 */
function quickHouseholds(bytes: Uint8Array, item: (text: string, at: number) => number): string | undefined {
  let base = 0;
  let text: string;
  // Plain ids are ASCII: a window that does not decode (a character cut in two) is of a file the quick read refuses.
  const decode = (from: number): boolean => {
    base = from;
    try {
      text = fromUtf8(bytes.subarray(from, from + WINDOW));
      return true;
    } catch {
      return false;
    }
  };
  if (!decode(0)) return undefined;
  const whole = () => base + WINDOW >= bytes.length;
  const head = '{"consultationId":"';
  if (!text!.startsWith(head)) return undefined;
  const idEnd = plainStringEnd(text!, head.length);
  if (idEnd < 0 || !text!.startsWith('","households":[', idEnd)) return undefined;
  const consultationId = text!.slice(head.length, idEnd);
  let at = idEnd + '","households":['.length;
  if (text!.charCodeAt(at) === 0x5d) at++;
  else {
    for (;;) {
      if (!whole() && text!.length - at < MARGIN) {
        if (!decode(base + at)) return undefined;
        at = 0;
      }
      at = item(text!, at);
      if (at < 0) return undefined;
      const c = text!.charCodeAt(at++);
      if (c === 0x5d) break;
      if (c !== 0x2c) return undefined;
    }
  }
  return whole() && at === text!.length - 1 && text!.charCodeAt(at) === 0x7d ? consultationId : undefined;
}

/** roll.json in its canonical form with plain ids, read without a parse; undefined for anything else. */
function quickRoll(bytes: Uint8Array): Households | undefined {
  const ids: string[] = [];
  const consultationId = quickHouseholds(bytes, (text, at) => {
    if (!text.startsWith('{"id":"', at)) return -1;
    const end = plainStringEnd(text, at + 7);
    if (end < 0 || text.charCodeAt(end + 1) !== 0x7d) return -1;
    ids.push(text.slice(at + 7, end));
    return end + 2;
  });
  return consultationId === undefined ? undefined : { consultationId, ids };
}

/** participants.json in its canonical form with plain ids, read without a parse; undefined for anything else. */
function quickParticipants(bytes: Uint8Array): ParticipantsData | undefined {
  const households: Participant[] = [];
  const consultationId = quickHouseholds(bytes, (text, at) => {
    if (!text.startsWith('{"channel":"', at)) return -1;
    let from = at + 12;
    const channel = CHANNELS.find((c) => text.startsWith(c, from) && text.startsWith('","id":"', from + c.length));
    if (channel === undefined) return -1;
    from += channel.length + 8;
    const end = plainStringEnd(text, from);
    if (end < 0 || text.charCodeAt(end + 1) !== 0x7d) return -1;
    households.push({ channel, id: text.slice(from, end) });
    return end + 2;
  });
  return consultationId === undefined ? undefined : { consultationId, households };
}

/** The signed manifest: result.jws decoded, its payload a canonical result manifest. */
async function readManifest(files: Record<string, Uint8Array>): Promise<ManifestData> {
  const jws = decodeJws(fromUtf8(fileOf(files, 'result.jws')).trim());
  const text = fromUtf8(jws.payloadBytes);
  const raw = parseJsonBytes(jws.payloadBytes);
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`the result.jws payload is not a result/1 or result/2 manifest (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  requireCanonical(raw, text, 'the result.jws payload');
  const problem = formatProblem(parsed.data);
  if (problem) fail(problem);
  return { jws, manifest: parsed.data, raw: raw as Record<string, unknown> };
}

/** What a manifest carries that its format does not have (bundle.md "Format `result/2`"), or undefined. */
function formatProblem(m: Manifest): string | undefined {
  if (m.format === 'result/2') {
    return m.method === undefined ? 'bản kết quả result/2 thiếu method / the result/2 manifest has no method' : undefined;
  }
  const extra = [
    m.method !== undefined && 'method',
    m.voting !== undefined && 'voting',
    m.handCount !== undefined && 'handCount',
    m.files[OPINIONS_FILE] !== undefined && `files.${OPINIONS_FILE}`,
    m.tally.some((q) => q.present !== undefined) && 'tally.present',
  ].filter((x) => x !== false);
  return extra.length ? `bản kết quả result/1 có trường của result/2 / the result/1 manifest carries result/2 fields: ${extra.join(', ')}` : undefined;
}

async function readConsultation(files: Record<string, Uint8Array>): Promise<Consultation> {
  const { text, raw } = readJson(files, 'consultation.json');
  requireCanonical(raw, text, 'consultation.json');
  // bundle.md: "More fields may follow" in consultation.json, so unknown top-level members are allowed.
  const parsed = Consultation.loose().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`consultation.json: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

async function readRoll(files: Record<string, Uint8Array>): Promise<Households> {
  const bytes = fileOf(files, 'roll.json');
  const quick = quickRoll(bytes);
  if (quick) return quick;
  const { text, raw } = parseText(fromUtf8(bytes), 'roll.json');
  const { consultationId, households } = exactKeys(raw, ['consultationId', 'households'], 'roll.json');
  if (typeof consultationId !== 'string') fail('roll.json: consultationId is not a string');
  if (!Array.isArray(households)) return fail('roll.json: households is not an array');
  const ids = households.map((h: unknown, i) => {
    const id = exactKeys(h, ['id'], `roll.json household ${i + 1}`).id;
    return typeof id === 'string' ? id : fail(`roll.json household ${i + 1}: id is not a string`);
  });
  requireCanonical(raw, text, 'roll.json');
  return { consultationId: consultationId as string, ids };
}

async function readParticipants(files: Record<string, Uint8Array>): Promise<ParticipantsData> {
  const bytes = fileOf(files, 'participants.json');
  const quick = quickParticipants(bytes);
  if (quick) return quick;
  const { text, raw } = parseText(fromUtf8(bytes), 'participants.json');
  const { consultationId, households } = exactKeys(raw, ['consultationId', 'households'], 'participants.json');
  if (typeof consultationId !== 'string') fail('participants.json: consultationId is not a string');
  if (!Array.isArray(households)) return fail('participants.json: households is not an array');
  const list = households.map((h: unknown, i): Participant => {
    const p = exactKeys(h, ['channel', 'id'], `participants.json household ${i + 1}`);
    if (typeof p.id !== 'string') fail(`participants.json household ${i + 1}: id is not a string`);
    if (!CHANNELS.includes(p.channel as Channel)) fail(`participants.json household ${i + 1}: channel is not online, paper or meeting`);
    return p as Participant;
  });
  requireCanonical(raw, text, 'participants.json');
  return { consultationId: consultationId as string, households: list };
}

async function readOpinions(files: Record<string, Uint8Array>): Promise<OpinionsFile> {
  const { text, raw } = readJson(files, OPINIONS_FILE);
  const parsed = OpinionsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${OPINIONS_FILE}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  requireCanonical(raw, text, OPINIONS_FILE);
  return parsed.data;
}

async function readAudit(files: Record<string, Uint8Array>): Promise<AuditEvent[]> {
  const bytes = fileOf(files, 'audit.jsonl');
  const events = parseAuditJsonl(bytes);
  if (!bytesEqual(toAuditJsonl(events), bytes)) fail('audit.jsonl: a line is not the canonical JSON of its event');
  return events;
}

/**
 * The bundle given as its files by name, each parsed when a check first asks for it; ballots.json from `ballotsFile`
 * when given.
 * @example const bundle = loadBundle(files, sha256, async () => {}); const { manifest } = await bundle.manifestData()
 */
export function loadBundle(
  files: Record<string, Uint8Array>,
  hash: Hash,
  progress: (fraction: number) => Promise<void>,
  ballotsFile?: StreamedBallots,
): Bundle {
  const manifestData = once(() => readManifest(files));
  const usableManifest = () => manifestData().catch((e: unknown) => fail(`no usable manifest (${reasonOf(e)})`));
  return {
    files,
    ...(ballotsFile ? { ballotsFile } : {}),
    hash,
    progress,
    manifestData,
    usableManifest,
    manifest: async () => (await usableManifest()).manifest,
    consultation: once(() => readConsultation(files)),
    roll: once(() => readRoll(files)),
    participants: once(() => readParticipants(files)),
    // The heavy file, read as bytes in its canonical form (ballots-reader.ts): no object per ballot. Its receipts
    // are recomputed as it is read with the manifest's consultation, which the file names only at its end.
    ballots: once(async () => {
      const source = ballotsFile ?? wholeSource(fileOf(files, 'ballots.json'));
      const consultationId = await manifestData().then(
        (m) => m.manifest.consultationId,
        () => undefined,
      );
      return readBallots(source, hash, { progress, ...(consultationId !== undefined ? { consultationId } : {}) });
    }),
    audit: once(() => readAudit(files)),
    opinions: once(() => readOpinions(files)),
  };
}
