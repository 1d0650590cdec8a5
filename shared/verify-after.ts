/**
 * What the site publishes beside a signed result after it, checked like the result (verify.ts): the minutes
 * (`minutes.json`, `minutes/<role>.jws`) and a contribution's dues and ledger (`contributions/`). Each check reads the
 * signed result.jws payload and the bundle's files as verifyBundle does, collects every problem, and never throws.
 * A file not published yet is told as such and fails nothing; a file that does not hold fails its check.
 * Every sentence is Vietnamese first, then English.
 */
import type * as z from 'zod';
import { checkChain, parseAuditJsonl } from './audit.ts';
import { bytesEqual, fromUtf8 } from './bytes.ts';
import { adoptedLevel, dueSchedule, ledgerTotals, Schedule, scheduleCsv, verifyLedger, type LedgerEvent, type Level } from './contributions.ts';
import { canonicalize, isCanonicalText, jcsBytes, parseJsonBytes } from './jcs.ts';
import { decodeJws } from './jws.ts';
import { draftMinutes, Minutes, MINUTES_ROLES, verifyMinutesSignature, type MinutesRole, type SignedRole } from './minutes.ts';
import { AuditEvent, Consultation, Manifest } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

/** The files these checks read, besides the bundle's: what a loader fetches beside `result.jws`. */
export const AFTER_FILES = [
  'minutes.json',
  ...MINUTES_ROLES.map((role) => `minutes/${role}.jws`),
  'contributions/schedule.json',
  'contributions/schedule.csv',
  'contributions/ledger.jsonl',
] as const;

/** M: the minutes (biên bản); C: the contributions (đóng góp). */
export type AfterStep = 'M1' | 'M2' | 'M3' | 'C1' | 'C2' | 'C3' | 'C4';

export const AFTER_CHECK_NAMES: Readonly<Record<AfterStep, { vi: string; en: string }>> = {
  M1: { vi: 'Biên bản (minutes.json) đọc được và thuộc đúng kết quả đã ký', en: 'minutes.json reads and names this signed result' },
  M2: { vi: 'Lập lại biên bản từ kết quả đã ký ra đúng từng byte', en: 'redrafting the minutes from the signed result gives the same bytes' },
  M3: {
    vi: 'Chữ ký số của chủ trì, thư ký, đại diện Mặt trận trên biên bản đều đúng',
    en: 'every signature of the minutes (chair, secretary, Front) verifies',
  },
  C1: { vi: 'Bảng mức đóng góp tính lại đúng theo mức được thông qua và danh sách hộ', en: 'schedule.json recomputes from the adopted level and the roll' },
  C2: { vi: 'Tệp schedule.csv khớp với bảng mức đóng góp và sổ thu chi', en: 'schedule.csv matches the schedule and the ledger' },
  C3: { vi: 'Sổ thu chi liền mạch, chỉ thu của hộ có trong bảng', en: 'the ledger chain holds and every collection is from a household of the schedule' },
  C4: { vi: 'Mã băm của bảng mức đóng góp khớp với nhật ký', en: "the schedule's hash matches the audit log" },
};

export interface AfterCheck {
  step: AfterStep;
  /** English, as verify.ts names its checks; `nameVi` is the Vietnamese. */
  name: string;
  nameVi: string;
  ok: boolean;
  /** The files it checks are not published (yet): nothing was checked, nothing failed. */
  absent?: true;
  detail: string;
  /** M3: the roles whose signature verified, and the roles with no signature published. */
  signed?: SignedRole[];
  missing?: MinutesRole[];
  /** C2: schedule.csv passed as the ledger without its last `behind` entries (it was written, or cached, before them). */
  behind?: number;
}

export interface AfterVerification {
  ok: boolean;
  checks: AfterCheck[];
}

export interface AfterOptions {
  hash?: Hash;
  /**
   * The live audit log (`audit.jsonl` lines, or the JSON array the monitors' API gives). The bundle's log ends at the
   * close and the schedule's hash is recorded after it, so without this C4 has nothing to compare with.
   */
  audit?: Uint8Array;
  /**
   * The minutes' signing key of a role, pinned: its `kid` (the RFC 7638 thumbprint the officer writes on the paper
   * minutes). M3 then fails if that role's signature is by any other key; a role that has not signed yet is still
   * told as such, not failed.
   */
  minutesKeys?: Partial<Record<MinutesRole, string>>;
}

/**
 * How long before the ledger's last entry the entries schedule.csv is behind may have been recorded: each file is
 * published with `max-age=60`, which CloudFront's edge honours as well as a browser; ten minutes leave room for
 * both caches one after the other and for the clocks of the servers that recorded the entries.
 */
const CSV_BEHIND_MS = 10 * 60_000;

/** The audit action that records the schedule's hash at publication (functions/core/contributions.ts). */
const SCHEDULE_PUBLISHED = 'schedule_published';
const ROLE_NAMES: Readonly<Record<MinutesRole, readonly [string, string]>> = {
  chair: ['chủ trì', 'chair'],
  secretary: ['thư ký', 'secretary'],
  front: ['đại diện Mặt trận', 'Front representative'],
};

const both = (vi: string, en: string) => `${vi} / ${en}`;

/** Fails a check with every problem found, each a sentence in both languages. */
class Unmet extends Error {
  override name = 'Unmet';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}
const unmet = (vi: string, en: string, reason?: string): never => {
  throw new Unmet([`${both(vi, en)}${reason ? `: ${reason}` : ''}`]);
};

type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
function load<T>(f: () => T): Loaded<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: reasonOf(e) };
  }
}
/** The value, or the check fails saying what it needed. */
function need<T>(loaded: Loaded<T>, vi: string, en: string): T {
  return loaded.ok ? loaded.value : unmet(vi, en, loaded.error);
}

/** A published JSON file, which must be canonical (bundle.md conventions). */
function canonicalJson(bytes: Uint8Array, name: string): unknown {
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

/** The top-level members whose JSON differs between two objects, for a readable failure. */
function differingMembers(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => (a[k] === undefined ? '' : canonicalize(a[k])) !== (b[k] === undefined ? '' : canonicalize(b[k])),
  );
}

const list = (items: readonly string[]) => (items.length > 5 ? `${items.slice(0, 5).join(', ')}, … (${items.length})` : items.join(', '));
const dong = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * Checks the minutes and the contributions published beside a result, given with the bundle's files by name
 * (`result.jws`, `consultation.json`, `roll.json`, `audit.jsonl`, and those of AFTER_FILES that exist). Never rejects.
 * @example const after = await verifyAfter(files); after.checks.find((c) => c.step === 'M3')?.signed
 */
export async function verifyAfter(files: Record<string, Uint8Array>, options: AfterOptions = {}): Promise<AfterVerification> {
  const hash = options.hash ?? sha256;
  const file = (name: string): Uint8Array | undefined => (Object.hasOwn(files, name) ? files[name] : undefined);
  const required = (name: string): Uint8Array => file(name) ?? unmet(`thiếu ${name}`, `${name} is missing`);

  const result = load(() => {
    const jws = decodeJws(fromUtf8(required('result.jws')).trim());
    return { manifest: jsonOf(jws.payloadBytes, 'result.jws payload', Manifest), manifestHash: sha256Hex(jws.payloadBytes, hash) };
  });
  const signed = () => need(result, 'không đọc được kết quả đã ký (result.jws)', 'no usable signed result (result.jws)');
  // bundle.md: more fields may follow in consultation.json.
  const consultation = load(() => jsonOf(required('consultation.json'), 'consultation.json', Consultation.loose()) as Consultation);
  const rollIds = load(() => {
    // Its shape is step 5 of verifyBundle; only the ids are read here.
    const roll = canonicalJson(required('roll.json'), 'roll.json') as { households?: unknown };
    const households = Array.isArray(roll.households) ? (roll.households as unknown[]) : [];
    return new Set(households.map((h) => String((h as { id?: unknown }).id)));
  });
  const level = load(() => adoptedLevel(need(consultation, 'không đọc được consultation.json', 'consultation.json does not read'), signed().manifest));

  const minutesBytes = file('minutes.json');
  const minutes = minutesBytes && load(() => jsonOf(minutesBytes, 'minutes.json', Minutes));
  const scheduleBytes = file('contributions/schedule.json');
  const schedule = scheduleBytes && load(() => jsonOf(scheduleBytes, 'schedule.json', Schedule));
  const ledgerBytes = file('contributions/ledger.jsonl');
  const ledger = ledgerBytes && verifyLedgerSafely(ledgerBytes, hash);
  const contributions = AFTER_FILES.some((name) => name.startsWith('contributions/') && file(name));
  const needMinutes = () => need(minutes!, 'không đọc được minutes.json', 'minutes.json does not read');
  const needSchedule = () =>
    schedule ? need(schedule, 'không đọc được schedule.json', 'schedule.json does not read') : unmet('thiếu schedule.json', 'schedule.json is missing');

  const checks: AfterCheck[] = [];
  type Outcome = string | { absent: string } | ({ detail: string } & Pick<AfterCheck, 'signed' | 'missing' | 'behind'>);
  async function run(step: AfterStep, body: () => Outcome | Promise<Outcome>): Promise<void> {
    const { vi, en } = AFTER_CHECK_NAMES[step];
    let check: AfterCheck;
    try {
      const outcome = await body();
      if (typeof outcome === 'string') check = { step, name: en, nameVi: vi, ok: true, detail: outcome };
      else if ('absent' in outcome) check = { step, name: en, nameVi: vi, ok: true, absent: true, detail: outcome.absent };
      else check = { step, name: en, nameVi: vi, ok: true, ...outcome };
    } catch (e) {
      const detail = e instanceof Unmet ? e.problems.join('; ') : `${both('lỗi không lường trước', 'unexpected error')}: ${reasonOf(e)}`;
      check = { step, name: en, nameVi: vi, ok: false, detail };
    }
    checks.push(check);
  }
  const noMinutes = { absent: both('Chưa công bố biên bản', 'the minutes are not published yet') };

  // M1. minutes.json is canonical `minutes/1` and names this consultation and the hash of this signed manifest.
  await run('M1', () => {
    if (!minutes) return noMinutes;
    const m = needMinutes();
    const { manifest, manifestHash } = signed();
    const problems: string[] = [];
    if (m.consultationId !== manifest.consultationId)
      problems.push(
        both(`biên bản ghi cuộc lấy ý kiến ${m.consultationId}`, `the minutes name consultation ${m.consultationId}, not ${manifest.consultationId}`),
      );
    if (m.manifest !== manifestHash)
      problems.push(both('biên bản ghi mã băm của một kết quả khác', `the minutes name manifest ${m.manifest}, not this result's ${manifestHash}`));
    if (problems.length) throw new Unmet(problems);
    return both(`Biên bản của kết quả ${manifestHash}`, `the minutes of result ${manifestHash}`);
  });

  // M2. Drafting again from consultation.json, the signed manifest and what the minutes state (place, officers, meeting).
  await run('M2', () => {
    if (!minutes) return noMinutes;
    const m = needMinutes();
    const { manifest, manifestHash } = signed();
    const c = need(consultation, 'không đọc được consultation.json', 'consultation.json does not read');
    const front = m.frontRepresentative;
    const meeting = m.attendance ? { present: m.attendance.present, from: m.time.from, to: m.time.to } : undefined;
    let redraft: Minutes;
    try {
      redraft = draftMinutes(
        {
          consultation: c,
          manifest,
          manifestHash,
          officers: { chair: m.chair, secretary: m.secretary, ...(front ? { frontRepresentative: front } : {}) },
          place: m.place,
          ...(meeting ? { meeting } : {}),
        },
        hash,
      );
    } catch (e) {
      return unmet('không lập lại được biên bản từ kết quả đã ký', 'the minutes cannot be redrafted from the signed result', reasonOf(e));
    }
    if (!bytesEqual(jcsBytes(redraft), minutesBytes!)) {
      const differ = differingMembers(m, redraft);
      unmet(`biên bản khác bản lập lại ở: ${list(differ)}`, `the minutes differ from the redraft in: ${list(differ)}`);
    }
    return both(`Khớp từng byte (${m.questions.length} câu hỏi)`, `byte for byte (${m.questions.length} question(s))`);
  });

  // M3. Each published signature verifies against these minutes and is filed under its signer's role.
  await run('M3', async () => {
    const present = MINUTES_ROLES.filter((role) => file(`minutes/${role}.jws`));
    if (present.length === 0) return minutes ? { absent: both('Chưa ai ký biên bản', 'no one has signed the minutes yet') } : noMinutes;
    if (!minutes) unmet('có chữ ký nhưng không có biên bản', 'signatures are published without minutes.json');
    const m = needMinutes();
    const pins = options.minutesKeys ?? {};
    // verifyMinutesSignature refuses a signature by a key not registered for its role (the role the payload names).
    const keys: Partial<Record<MinutesRole, readonly string[]>> = {};
    for (const role of MINUTES_ROLES) if (pins[role] !== undefined) keys[role] = [pins[role]];
    const problems: string[] = [];
    const signedRoles: SignedRole[] = [];
    for (const role of present) {
      const [vi, en] = ROLE_NAMES[role];
      const check = await verifyMinutesSignature(fromUtf8(file(`minutes/${role}.jws`)!), m, { hash, keys });
      const pinned = pins[role];
      if (!check.ok && check.role === role && pinned !== undefined && check.kid !== undefined && check.kid !== pinned) {
        // Said here in both languages; the shared check's own English sentence for it is left out, any other problem kept.
        const others = check.problems.filter((p) => !p.startsWith(`the key ${check.kid} `));
        const head = both(
          `chữ ký của ${vi} là của khóa ${check.kid}, không phải khóa đã ghi ${pinned}`,
          `the ${en}'s signature is by key ${check.kid}, not the pinned key ${pinned}`,
        );
        problems.push(others.length ? `${head}; ${both(`chữ ký của ${vi} không đúng`, `the ${en}'s signature does not hold`)}: ${others.join('; ')}` : head);
      } else if (!check.ok) problems.push(`${both(`chữ ký của ${vi} không đúng`, `the ${en}'s signature does not hold`)}: ${check.problems.join('; ')}`);
      else if (check.role !== role)
        problems.push(
          both(`minutes/${role}.jws là chữ ký của ${ROLE_NAMES[check.role!][0]}`, `minutes/${role}.jws is signed as ${ROLE_NAMES[check.role!][1]}`),
        );
      else signedRoles.push({ role, kid: check.kid!, at: check.at! });
    }
    if (problems.length) throw new Unmet(problems);
    const missing = MINUTES_ROLES.filter((role) => !present.includes(role));
    // Each signer with the kid of the key that signed: what the officer wrote on the paper minutes, to compare.
    const signers = (i: 0 | 1) =>
      signedRoles
        .map(({ role, kid }) => {
          const pin = pins[role] === undefined ? '' : i === 0 ? ', đúng khóa đã ghi' : ', the pinned key';
          return `${ROLE_NAMES[role][i]} (${i === 0 ? 'khóa' : 'key'} ${kid}${pin})`;
        })
        .join(', ');
    const names = (roles: readonly MinutesRole[], i: 0 | 1) => roles.map((r) => ROLE_NAMES[r][i]).join(', ');
    const detail = missing.length
      ? both(`Đã ký: ${signers(0)}; chưa ký: ${names(missing, 0)}`, `signed: ${signers(1)}; not signed yet: ${names(missing, 1)}`)
      : both(`Đã ký đủ: ${signers(0)}`, `signed by all: ${signers(1)}`);
    return { detail, signed: signedRoles, missing };
  });

  const noSchedule = () => {
    const adopted = level.ok ? level.value : undefined;
    return {
      absent:
        adopted || !level.ok
          ? both('Chưa công bố bảng mức đóng góp', 'no contribution schedule is published yet')
          : both('Không có mức đóng góp nào được thông qua', 'no contribution level was adopted'),
    };
  };

  // C1. The schedule is the dues of the adopted level over the published roll ids: recomputed from its own rows'
  // categories and units (the roll's private fields are not published), so every amount and total is checked.
  await run('C1', () => {
    if (!contributions) return noSchedule();
    const s = needSchedule();
    const { manifest } = signed();
    const c = need(consultation, 'không đọc được consultation.json', 'consultation.json does not read');
    const adopted: Level | undefined = need(level, 'không tính được mức được thông qua', 'the adopted level cannot be computed');
    const problems: string[] = [];
    if (s.consultationId !== manifest.consultationId)
      problems.push(
        both(`bảng ghi cuộc lấy ý kiến ${s.consultationId}`, `the schedule names consultation ${s.consultationId}, not ${manifest.consultationId}`),
      );
    if (!adopted) problems.push(both('kết quả đã ký không thông qua mức đóng góp nào', 'the signed result adopted no contribution level'));
    else if (canonicalize(s.level) !== canonicalize(adopted))
      problems.push(
        both(`mức trong bảng khác mức được thông qua (${dong(adopted.amountPerUnit)} đồng)`, `the level is not the adopted one ${canonicalize(adopted)}`),
      );
    const roll = need(rollIds, 'không đọc được roll.json', 'roll.json does not read');
    const ids = s.households.map((h) => h.id);
    const notOnRoll = ids.filter((id) => !roll.has(id));
    const left = [...roll].filter((id) => !ids.includes(id));
    if (notOnRoll.length) problems.push(both(`hộ không có trong danh sách: ${list(notOnRoll)}`, `roll ids not on the roll: ${list(notOnRoll)}`));
    if (left.length) problems.push(both(`hộ trong danh sách bị bỏ sót: ${list(left)}`, `households of the roll left out: ${list(left)}`));
    if (adopted) {
      const per = s.basis === 'per_person';
      const households = s.households.map((h) => ({
        id: h.id,
        category: h.category,
        members: per ? h.units : 0,
        ...(s.basis === 'per_frontage_metre' ? { frontageDecimetres: Math.round(h.units * 10) } : {}),
      }));
      try {
        const again = dueSchedule({ consultation: c, households, level: adopted, roundTo: s.rounding.multiple });
        if (!bytesEqual(jcsBytes(again), scheduleBytes!)) {
          const rows = s.households.filter((h, i) => canonicalize(h) !== canonicalize(again.households[i])).map((h) => h.id);
          const differ = differingMembers(s, again);
          problems.push(
            both(
              `tính lại khác ở: ${list(differ)}${rows.length ? ` (hộ ${list(rows)})` : ''}`,
              `the recomputation differs in: ${list(differ)}${rows.length ? ` (roll ids ${list(rows)})` : ''}`,
            ),
          );
        }
      } catch (e) {
        problems.push(`${both('không tính lại được bảng', 'the schedule cannot be recomputed')}: ${reasonOf(e)}`);
      }
    }
    if (problems.length) throw new Unmet(problems);
    const { totals } = s;
    return both(
      `${totals.households} hộ, ${dong(s.level.amountPerUnit)} đồng mỗi đơn vị, tổng phải đóng ${dong(totals.due)} đồng`,
      `${totals.households} households at ${s.level.amountPerUnit} dong a unit, ${totals.due} dong due`,
    );
  });

  const events = (): LedgerEvent[] => ledger?.events ?? [];

  // C2. schedule.csv is the schedule with what each household paid, as the server writes it.
  //
  // The server writes ledger.jsonl, then schedule.csv (functions/core/contributions.ts), and the site lets each be
  // cached for up to 60 s on its own: a reader may get a csv older than the ledger, or, from a cache, the reverse.
  // A csv that is the ledger without its last entries is what the server wrote a moment before: it passes, saying
  // how far behind it is. Only entries recorded within CSV_BEHIND_MS of the last one may be missing from it, as no
  // cache is older (the last entry alone may be missing for longer: a crash between the two writes leaves the csv
  // one entry behind until the next); this also bounds the work, a csv per prefix. A csv that shows more (or other)
  // payments than such a prefix of the ledger is a failure: it could be a ledger served from a cache older than the
  // csv, but nothing here can tell that from a csv that claims payments the ledger does not hold, and the ledger is
  // what counts. Such a cache lasts a minute; a forgery stays, so the failure says to check again in a minute.
  await run('C2', () => {
    const csv = file('contributions/schedule.csv');
    if (!csv) return contributions ? { absent: both('Chưa công bố schedule.csv', 'schedule.csv is not published yet') } : noSchedule();
    const s = needSchedule();
    const all = events();
    const rows = s.households.length;
    const expected = scheduleCsv(s, all);
    if (bytesEqual(expected, csv)) return both(`${rows} dòng khớp`, `${rows} rows match`);
    // The longest shorter prefix first: the fewest entries behind.
    const last = Date.parse(all.at(-1)?.at ?? '');
    for (let k = all.length - 1; k >= 0; k--) {
      // all[k] is the first entry the csv would be behind.
      if (last - Date.parse(all[k]!.at) > CSV_BEHIND_MS) break;
      if (!bytesEqual(scheduleCsv(s, all.slice(0, k)), csv)) continue;
      const behind = all.length - k;
      return {
        detail: both(
          `${rows} dòng khớp với sổ thu chi khi chưa có ${behind} mục cuối: schedule.csv chậm hơn ledger.jsonl ${behind} mục (được ghi sau sổ, có thể còn trong bộ nhớ đệm tới 60 giây)`,
          `${rows} rows match the ledger without its last ${behind} entries: schedule.csv is ${behind} entries behind ledger.jsonl (written after it, and may be cached for up to 60 s)`,
        ),
        behind,
      };
    }
    const mine = fromUtf8(expected).split('\r\n');
    const theirs = fromUtf8(csv).split('\r\n');
    const line =
      Math.max(
        mine.findIndex((l, i) => l !== theirs[i]),
        0,
      ) + 1;
    const again = ledger
      ? both('nếu sổ thu chi vừa được cập nhật, hãy kiểm tra lại sau một phút', 'if the ledger was just updated, check again in a minute')
      : undefined;
    throw new Unmet([
      `${both(`schedule.csv khác từ dòng ${line}`, `schedule.csv differs from line ${line}`)}: ${JSON.stringify(theirs[line - 1] ?? '')} ≠ ${JSON.stringify(mine[line - 1] ?? '')}`,
      ...(again ? [again] : []),
    ]);
  });

  // C3. The ledger's chain (verifyLedger), its entries after publication, and collections only from the schedule.
  await run('C3', () => {
    if (!ledger) return contributions ? { absent: both('Chưa công bố sổ thu chi', 'the ledger is not published yet') } : noSchedule();
    const problems: string[] = [];
    if (ledger.problems.length) problems.push(`${both('sổ thu chi không liền mạch hoặc có dòng sai', 'the ledger does not verify')}: ${list(ledger.problems)}`);
    const { manifest } = signed();
    const early = ledger.events.filter((e) => Date.parse(e.at) < Date.parse(manifest.publishedAt)).map((e) => String(e.seq));
    if (early.length) problems.push(both(`mục ghi trước khi công bố kết quả: ${list(early)}`, `entries before the result was published: ${list(early)}`));
    const s = needSchedule();
    const onSchedule = new Set(s.households.map((h) => h.id));
    const unknown = [...new Set(ledger.events.flatMap((e) => (e.entry.type === 'collection' && !onSchedule.has(e.entry.rollId) ? [e.entry.rollId] : [])))];
    if (unknown.length)
      problems.push(both(`thu của hộ không có trong bảng: ${list(unknown)}`, `collections for roll ids not on the schedule: ${list(unknown)}`));
    if (problems.length) throw new Unmet(problems);
    const t = ledgerTotals(s, ledger.events);
    return both(
      `${ledger.events.length} mục; đã thu ${dong(t.collected)} trên ${dong(t.due)} đồng, đã chi ${dong(t.spent)} đồng`,
      `${ledger.events.length} entries; ${t.collected} of ${t.due} dong collected, ${t.spent} spent`,
    );
  });

  // C4. The hash recorded by `schedule_published`: in the live log when given (which must extend the signed one).
  await run('C4', () => {
    if (!scheduleBytes) return contributions ? unmet('thiếu schedule.json', 'schedule.json is missing') : noSchedule();
    const { manifest } = signed();
    let log: AuditEvent[];
    if (options.audit) {
      log = need(
        load(() => auditOf(options.audit!)),
        'không đọc được nhật ký đã cho',
        'the given audit log does not read',
      );
      const problems = checkChain(log, hash);
      if (problems.length) unmet('nhật ký đã cho bị đứt chuỗi', 'the given audit log is broken', list(problems));
      if (log[manifest.audit.count - 1]?.hash !== manifest.audit.head)
        unmet('nhật ký đã cho không nối tiếp nhật ký đã ký', 'the given audit log does not extend the signed one');
    } else {
      log = need(
        load(() => parseAuditJsonl(required('audit.jsonl'))),
        'không đọc được audit.jsonl',
        'audit.jsonl does not read',
      );
    }
    const recorded = log.filter((e) => e.action === SCHEDULE_PUBLISHED);
    if (recorded.length === 0) {
      if (options.audit) unmet('nhật ký không ghi việc công bố bảng', `the audit log has no ${SCHEDULE_PUBLISHED} event`);
      return {
        absent: both(
          'Nhật ký đã ký kết thúc lúc đóng biểu quyết, mã băm của bảng được ghi sau đó: hãy đối chiếu với nhật ký đầy đủ của giám sát',
          "the signed audit log ends at the close and the schedule's hash is recorded after it: compare with the monitors' live log",
        ),
      };
    }
    if (recorded.length > 1) unmet('bảng được ghi công bố nhiều lần', `${SCHEDULE_PUBLISHED} is recorded ${recorded.length} times`);
    const event = recorded[0]!;
    const problems: string[] = [];
    const actual = sha256Hex(scheduleBytes, hash);
    if (event.data.sha256 !== actual)
      problems.push(
        both(
          `schedule.json có mã băm ${actual}, nhật ký ghi ${String(event.data.sha256)}`,
          `schedule.json hashes to ${actual}, the log says ${String(event.data.sha256)}`,
        ),
      );
    if (schedule?.ok && (event.data.households !== schedule.value.totals.households || event.data.due !== schedule.value.totals.due)) {
      problems.push(both('số hộ hoặc tổng phải đóng khác với nhật ký', 'the households or the total due differ from the log'));
    }
    if (problems.length) throw new Unmet(problems);
    return both(`Khớp với sự kiện ${event.seq} của nhật ký`, `matches audit event ${event.seq}`);
  });

  return { ok: checks.every((c) => c.ok), checks };
}

/** verifyLedger, with bytes that are not even UTF-8 reported as its one problem rather than thrown. */
function verifyLedgerSafely(bytes: Uint8Array, hash: Hash): { events: LedgerEvent[]; problems: string[] } {
  try {
    return verifyLedger(bytes, hash);
  } catch (e) {
    return { events: [], problems: [reasonOf(e)] };
  }
}

/** A log as `audit.jsonl` bytes, or as the JSON array of events the monitors' API returns. */
function auditOf(bytes: Uint8Array): AuditEvent[] {
  const text = fromUtf8(bytes).trim();
  if (!text.startsWith('[')) return parseAuditJsonl(bytes);
  const raw = JSON.parse(text) as unknown;
  if (!Array.isArray(raw)) throw new TypeError('not an array of events');
  return raw.map((e, i) => {
    const parsed = AuditEvent.safeParse(e);
    if (!parsed.success) throw new TypeError(`event ${i + 1} is not an audit event`);
    return parsed.data;
  });
}
