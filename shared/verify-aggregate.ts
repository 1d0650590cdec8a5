/**
 * The verifier of a commune round's aggregate (bundle.md "Commune rounds"): G1 `aggregate.jws` verifies under the
 * commune's key and carries canonical aggregate/1 bytes (the same as `aggregate.json` where given); G2 each round's
 * bundle verifies (verifyBundle, all its checks); G3 each round's `manifest` hash, outcomes, hamlet and group match
 * that round; G4 the count of hamlets, the threshold ceil(2n/3) and each question's outcome recompute. Every failure
 * is collected, each line Vietnamese first, then English; it never throws.
 */
import { Aggregate, AGGREGATE_TYP, aggregateOutcome, aggregateRound, aggregateThreshold } from './aggregate.ts';
import { bytesEqual, fromUtf8 } from './bytes.ts';
import { isCanonicalText } from './jcs.ts';
import { decodeJws, importP256PublicKey, verifyEs256 } from './jws.ts';
import { Consultation } from './schemas.ts';
import { sha256, type Hash } from './sha256.ts';
import { verifyBundle, type VerifyKey } from './verify/index.ts';

export type GroupStep = 'G1' | 'G2' | 'G3' | 'G4';

export const GROUP_CHECK_NAMES: Readonly<Record<GroupStep, { vi: string; en: string }>> = {
  G1: { vi: 'aggregate.jws có chữ ký hợp lệ bằng khóa của xã', en: 'aggregate.jws verifies under the commune key' },
  G2: { vi: 'kết quả của từng thôn đều hợp lệ', en: "each hamlet's result bundle verifies" },
  G3: { vi: 'mã băm và kết quả của từng thôn khớp với vòng của thôn đó', en: "each hamlet's manifest hash and outcomes match its round" },
  G4: { vi: 'số thôn thông qua được đếm lại đúng theo ngưỡng 2/3', en: 'the count of hamlets recomputes against the 2/3 threshold' },
};

export interface GroupCheck {
  step: GroupStep;
  nameVi: string;
  name: string;
  ok: boolean;
  /** Each problem, Vietnamese then English; empty when the check passes. */
  problems: string[];
}

export interface GroupVerification {
  ok: boolean;
  checks: GroupCheck[];
  /** The aggregate as signed, when its payload could be read. */
  aggregate?: Aggregate;
}

export interface GroupFiles {
  /** `aggregate.jws`, and `aggregate.json` where published. */
  group: Record<string, Uint8Array>;
  /** Each round's published files by name (as verifyBundle takes them), by consultation id. */
  rounds: Record<string, Record<string, Uint8Array>>;
}

const both = (vi: string, en: string) => `${vi} / ${en}`;
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function keyFor(key: VerifyKey, kid: unknown): Promise<CryptoKey> {
  if (key.pinned !== undefined) {
    const pinned = key.pinned;
    return typeof pinned === 'object' && 'algorithm' in pinned ? (pinned as CryptoKey) : importP256PublicKey(pinned as JsonWebKey | string);
  }
  const found = key.jwks?.keys.find((k) => (k as { kid?: unknown }).kid === kid);
  if (!found) throw new Error(both(`không có khóa ${String(kid)}`, `no key ${String(kid)} given`));
  return importP256PublicKey(found);
}

/** G1: the signature, its header, and a canonical aggregate/1 payload equal to aggregate.json. */
async function checkSignature(files: GroupFiles['group'], key: VerifyKey, problems: string[]): Promise<Aggregate | undefined> {
  const jwsBytes = files['aggregate.jws'];
  if (!jwsBytes) {
    problems.push(both('không có aggregate.jws', 'aggregate.jws is missing'));
    return undefined;
  }
  const jws = decodeJws(fromUtf8(jwsBytes).trim());
  if (jws.header.alg !== 'ES256') problems.push(both(`alg là ${String(jws.header.alg)}, không phải ES256`, `alg is ${String(jws.header.alg)}, not ES256`));
  if (jws.header.typ !== AGGREGATE_TYP) problems.push(both(`typ là ${String(jws.header.typ)}`, `typ is ${String(jws.header.typ)}, not ${AGGREGATE_TYP}`));
  const cryptoKey = await keyFor(key, jws.header.kid);
  if (!(await verifyEs256(jws, cryptoKey))) problems.push(both('chữ ký không hợp lệ', 'the signature does not verify'));
  const json = files['aggregate.json'];
  if (json && !bytesEqual(json, jws.payloadBytes)) problems.push(both('aggregate.json khác nội dung đã ký', 'aggregate.json differs from the signed payload'));
  const text = fromUtf8(jws.payloadBytes);
  const parsed = Aggregate.safeParse(JSON.parse(text));
  if (!parsed.success) {
    problems.push(both('nội dung đã ký không đúng dạng aggregate/1', `the payload is not aggregate/1: ${parsed.error.issues[0]?.message ?? ''}`));
    return undefined;
  }
  if (!isCanonicalText(parsed.data, text)) problems.push(both('nội dung đã ký không phải JSON chuẩn tắc (JCS)', 'the payload is not canonical JSON (JCS)'));
  return parsed.data;
}

/** G2: each round's bundle, all of verifyBundle's checks. */
async function checkRounds(aggregate: Aggregate, files: GroupFiles['rounds'], key: VerifyKey, hash: Hash, problems: string[]): Promise<void> {
  for (const r of aggregate.rounds) {
    const bundle = files[r.consultationId];
    if (!bundle) {
      problems.push(both(`thiếu kết quả của vòng ${r.consultationId} (${r.hamlet})`, `the bundle of round ${r.consultationId} (${r.hamlet}) is missing`));
      continue;
    }
    const report = await verifyBundle(bundle, key, { hash });
    for (const c of report.checks.filter((x) => !x.ok)) {
      problems.push(both(`vòng ${r.consultationId} (${r.hamlet}), bước ${c.step} không đạt`, `round ${r.consultationId}, check ${c.step} fails: ${c.detail}`));
    }
  }
}

/** G3: each entry names its round's signed manifest, outcomes, hamlet, commune and group. */
function checkEntries(aggregate: Aggregate, files: GroupFiles['rounds'], hash: Hash, problems: string[]): void {
  for (const r of aggregate.rounds) {
    const bundle = files[r.consultationId];
    const jws = bundle?.['result.jws'];
    const where = `${r.consultationId} (${r.hamlet})`;
    if (!bundle || !jws) {
      problems.push(both(`không đọc được kết quả của vòng ${where}`, `cannot read the result of round ${where}`));
      continue;
    }
    try {
      const payload = decodeJws(fromUtf8(jws).trim()).payloadBytes;
      const own = aggregateRound(r.consultationId, r.hamlet, payload, hash);
      const consultation = Consultation.parse(JSON.parse(fromUtf8(bundle['consultation.json'] ?? new Uint8Array())));
      const manifestId = (JSON.parse(fromUtf8(payload)) as { consultationId?: unknown }).consultationId;
      if (own.manifest !== r.manifest) problems.push(both(`mã băm kết quả của vòng ${where} không khớp`, `the manifest hash of round ${where} does not match`));
      if (JSON.stringify(sortedKeys(own.outcomes)) !== JSON.stringify(sortedKeys(r.outcomes)))
        problems.push(both(`kết quả của vòng ${where} không khớp`, `the outcomes of round ${where} do not match its manifest`));
      if (manifestId !== r.consultationId || consultation.id !== r.consultationId)
        problems.push(both(`vòng ${where} mang mã khác`, `round ${where} names another consultation`));
      if (consultation.group !== aggregate.groupId) problems.push(both(`vòng ${where} không thuộc nhóm này`, `round ${where} is not of this group`));
      if (consultation.commune !== aggregate.commune) problems.push(both(`vòng ${where} thuộc xã khác`, `round ${where} is of another commune`));
      if (consultation.scope.kind !== 'hamlet' || consultation.scope.name !== r.hamlet)
        problems.push(both(`vòng ${where} được tổ chức ở thôn khác`, `round ${where} was held in another hamlet`));
    } catch (e) {
      problems.push(both(`không đọc được vòng ${where}`, `cannot read round ${where}: ${reasonOf(e)}`));
    }
  }
}

function sortedKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]!]),
  );
}

/** G4: one round per hamlet, sorted and distinct; n, the threshold and each question's outcome recompute. */
function checkCount(aggregate: Aggregate, problems: string[]): void {
  const ids = aggregate.rounds.map((r) => r.consultationId);
  if (ids.some((id, i) => i > 0 && !(ids[i - 1]! < id)))
    problems.push(both('các vòng không được sắp xếp hoặc bị trùng', 'rounds are not sorted or not distinct'));
  if (new Set(aggregate.rounds.map((r) => r.hamlet)).size !== ids.length) problems.push(both('một thôn có hai vòng', 'a hamlet has two rounds'));
  const n = ids.length;
  if (aggregate.hamlets !== n) problems.push(both(`số thôn ghi ${aggregate.hamlets}, thực có ${n}`, `hamlets says ${aggregate.hamlets}, there are ${n}`));
  const t = aggregateThreshold(n);
  if (aggregate.threshold !== t)
    problems.push(both(`ngưỡng ghi ${aggregate.threshold}, đúng là ${t}`, `threshold says ${aggregate.threshold}, ceil(2n/3) is ${t}`));
  const expected = aggregateOutcome(aggregate.rounds, t);
  for (const q of [...new Set([...Object.keys(expected), ...Object.keys(aggregate.outcome)])].sort()) {
    const want = expected[q];
    const got = aggregate.outcome[q];
    if (got?.adoptedIn === want?.adoptedIn && got?.status === want?.status) continue;
    const says = `${got?.adoptedIn ?? '-'}, ${got?.status ?? '-'}`;
    const recount = `${want?.adoptedIn ?? '-'}, ${want?.status ?? '-'}`;
    problems.push(both(`câu ${q}: ghi ${says}; đếm lại được ${recount}`, `question ${q}: says ${says}; the recount gives ${recount}`));
  }
}

/**
 * Verifies a group's aggregate against its rounds' published bundles. Resolves with every check; never rejects.
 * @example const report = await verifyAggregate({ group: { 'aggregate.jws': jws }, rounds: { [id]: files } }, { pinned: pem })
 */
export async function verifyAggregate(files: GroupFiles, key: VerifyKey, options: { hash?: Hash } = {}): Promise<GroupVerification> {
  const hash = options.hash ?? sha256;
  const checks: GroupCheck[] = [];
  let aggregate: Aggregate | undefined;
  const run = async (step: GroupStep, body: (problems: string[]) => unknown) => {
    const problems: string[] = [];
    try {
      await body(problems);
    } catch (e) {
      problems.push(both('lỗi không lường trước', `unexpected error: ${reasonOf(e)}`));
    }
    checks.push({ step, nameVi: GROUP_CHECK_NAMES[step].vi, name: GROUP_CHECK_NAMES[step].en, ok: problems.length === 0, problems });
  };
  await run('G1', async (p) => {
    aggregate = await checkSignature(files.group, key, p);
  });
  const unread = (p: string[]) => p.push(both('không đọc được aggregate.jws', 'aggregate.jws cannot be read'));
  await run('G2', (p) => (aggregate ? checkRounds(aggregate, files.rounds, key, hash, p) : unread(p)));
  await run('G3', (p) => (aggregate ? checkEntries(aggregate, files.rounds, hash, p) : unread(p)));
  await run('G4', (p) => (aggregate ? checkCount(aggregate, p) : unread(p)));
  return { ok: checks.every((c) => c.ok), checks, ...(aggregate ? { aggregate } : {}) };
}
