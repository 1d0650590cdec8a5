/**
 * Reads what verifyAfter checks into a typed context: the signed result and the bundle files it needs, and the
 * decision record and contributions published after it. Everything is read once, up front, and never throws: a file that
 * does not read is kept as its failure, for the checks that need it to report.
 */
import type * as z from 'zod';
import { fromUtf8 } from '../bytes.ts';
import { adoptedLevel, type LedgerEvent, type Level, Schedule, verifyLedger } from '../contributions.ts';
import { isCanonicalText, parseJsonBytes } from '../jcs.ts';
import { decodeJws } from '../jws.ts';
import { parseAuditJsonl } from '../audit.ts';
import { CountingRecord, DecisionRecord, RECORD_FILES } from '../minutes.ts';
import { type AuditEvent, Consultation, Manifest, type Opinion, OPINIONS_FILE, OpinionsFile, ParticipantsFile } from '../schemas.ts';
import { type Hash, sha256Hex } from '../sha256.ts';
import { both, type Loaded, load, need, reasonOf, unmet } from './outcome.ts';
import { AFTER_FILES } from './report.ts';

/** The signed result: its manifest and the hash of its payload bytes. */
export interface SignedResult {
  manifest: Manifest;
  manifestHash: string;
}

/** What the checks read: each file by name, and each parsed file or why it does not read. */
export interface Published {
  hash: Hash;
  file: (name: string) => Uint8Array | undefined;
  /** The file, or the check fails saying it is missing. */
  required: (name: string) => Uint8Array;
  /** The signed result, or the check fails saying it does not read. */
  signed: () => SignedResult;
  consultation: Loaded<Consultation>;
  rollIds: Loaded<Set<string>>;
  level: Loaded<Level | undefined>;
  /** `record/decision.json` and `record/counting.json`, as published and as read. */
  minutesBytes: Uint8Array | undefined;
  minutes: Loaded<DecisionRecord> | undefined;
  countingBytes: Uint8Array | undefined;
  counting: Loaded<CountingRecord> | undefined;
  /** The roll's ids in order, the participants' ids, and the bundle's audit log: what a record is redrafted from. */
  rollList: Loaded<string[]>;
  participantIds: Loaded<string[]>;
  bundleAudit: Loaded<AuditEvent[]>;
  /** opinions.json's list when the signed result lists that file (its hash checked), else undefined. */
  opinions: Loaded<Opinion[] | undefined>;
  scheduleBytes: Uint8Array | undefined;
  schedule: Loaded<Schedule> | undefined;
  ledger: { events: LedgerEvent[]; problems: string[] } | undefined;
  /** Some file of contributions/ is published. */
  contributions: boolean;
  needMinutes: () => DecisionRecord;
  needSchedule: () => Schedule;
  /** The ledger's entries, none when it is not published. */
  events: () => LedgerEvent[];
}

/** A published JSON file, which must be canonical (bundle.md conventions). */
export function canonicalJson(bytes: Uint8Array, name: string): unknown {
  const raw = parseJsonBytes(bytes);
  if (!isCanonicalText(raw, fromUtf8(bytes))) unmet(`${name} không ở dạng JSON chuẩn tắc`, `${name} is not canonical JSON (RFC 8785)`);
  return raw;
}

/** A canonical JSON file parsed by `schema`; fails naming the first issue. */
function jsonOf<T>(bytes: Uint8Array, name: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(canonicalJson(bytes, name));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return unmet(`${name} sai cấu trúc`, `${name} does not have the expected shape`, issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : undefined);
}

/** verifyLedger, with bytes that are not even UTF-8 reported as its one problem rather than thrown. */
function verifyLedgerSafely(bytes: Uint8Array, hash: Hash): { events: LedgerEvent[]; problems: string[] } {
  try {
    return verifyLedger(bytes, hash);
  } catch (e) {
    return { events: [], problems: [reasonOf(e)] };
  }
}

/** The roll's ids; its shape is step 5 of verifyBundle, only the ids are read here. */
function rollListOf(bytes: Uint8Array): string[] {
  const roll = canonicalJson(bytes, 'roll.json') as { households?: unknown };
  const households = Array.isArray(roll.households) ? (roll.households as unknown[]) : [];
  return households.map((h) => String((h as { id?: unknown }).id));
}

/** opinions.json's list when the manifest lists the file: bytes with the signed hash, the consultation's, canonical. */
function opinionsOf(manifest: Manifest, required: (name: string) => Uint8Array, hash: Hash): Opinion[] | undefined {
  const signedHash = manifest.files[OPINIONS_FILE];
  if (signedHash === undefined) return undefined;
  const bytes = required(OPINIONS_FILE);
  if (sha256Hex(bytes, hash) !== signedHash) unmet(`${OPINIONS_FILE} không khớp mã băm đã ký`, `${OPINIONS_FILE} does not match its signed hash`);
  const file = jsonOf(bytes, OPINIONS_FILE, OpinionsFile);
  if (file.consultationId !== manifest.consultationId) unmet(`${OPINIONS_FILE} thuộc cuộc khác`, `${OPINIONS_FILE} names another consultation`);
  return file.opinions;
}

/**
 * Reads the files given by name (`result.jws`, `consultation.json`, `roll.json`, `opinions.json` when the manifest lists it,
 * those of AFTER_FILES that exist).
 * @example const published = loadPublished(files, sha256); published.minutes?.ok
 */
export function loadPublished(files: Record<string, Uint8Array>, hash: Hash): Published {
  const file = (name: string): Uint8Array | undefined => (Object.hasOwn(files, name) ? files[name] : undefined);
  const required = (name: string): Uint8Array => file(name) ?? unmet(`thiếu ${name}`, `${name} is missing`);

  const result = load(() => {
    const jws = decodeJws(fromUtf8(required('result.jws')).trim());
    return { manifest: jsonOf(jws.payloadBytes, 'result.jws payload', Manifest), manifestHash: sha256Hex(jws.payloadBytes, hash) };
  });
  const signed = () => need(result, 'không đọc được kết quả đã ký (result.jws)', 'no usable signed result (result.jws)');
  // bundle.md: more fields may follow in consultation.json.
  const consultation = load(() => jsonOf(required('consultation.json'), 'consultation.json', Consultation.loose()) as Consultation);
  const rollList = load(() => rollListOf(required('roll.json')));
  const rollIds = load(() => new Set(need(rollList, 'không đọc được roll.json', 'roll.json does not read')));
  const participantIds = load(() => jsonOf(required('participants.json'), 'participants.json', ParticipantsFile).households.map((h) => h.id));
  const bundleAudit = load(() => parseAuditJsonl(required('audit.jsonl')));
  const opinions = load(() => opinionsOf(signed().manifest, required, hash));
  const level = load(() => adoptedLevel(need(consultation, 'không đọc được consultation.json', 'consultation.json does not read'), signed().manifest));

  const minutesBytes = file(RECORD_FILES.decision);
  const minutes = minutesBytes && load(() => jsonOf(minutesBytes, 'decision.json', DecisionRecord));
  const countingBytes = file(RECORD_FILES.counting);
  const counting = countingBytes && load(() => jsonOf(countingBytes, 'counting.json', CountingRecord));
  const scheduleBytes = file('contributions/schedule.json');
  const schedule = scheduleBytes && load(() => jsonOf(scheduleBytes, 'schedule.json', Schedule));
  const ledgerBytes = file('contributions/ledger.jsonl');
  const ledger = ledgerBytes && verifyLedgerSafely(ledgerBytes, hash);
  return {
    hash,
    file,
    required,
    signed,
    consultation,
    rollIds,
    level,
    minutesBytes,
    minutes,
    countingBytes,
    counting,
    rollList,
    participantIds,
    bundleAudit,
    opinions,
    scheduleBytes,
    schedule,
    ledger,
    contributions: AFTER_FILES.some((name) => name.startsWith('contributions/') && file(name)),
    needMinutes: () => need(minutes!, 'không đọc được decision.json', 'decision.json does not read'),
    needSchedule: () =>
      schedule ? need(schedule, 'không đọc được schedule.json', 'schedule.json does not read') : unmet('thiếu schedule.json', 'schedule.json is missing'),
    events: () => ledger?.events ?? [],
  };
}

/** C1-C3 when no schedule is published: none yet, or no level was adopted. */
export function noSchedule(published: Published): { absent: string } {
  const adopted = published.level.ok ? published.level.value : undefined;
  return {
    absent:
      adopted || !published.level.ok
        ? both('Chưa công bố bảng mức đóng góp', 'no contribution schedule is published yet')
        : both('Không có mức đóng góp nào được thông qua', 'no contribution level was adopted'),
  };
}
