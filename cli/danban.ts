/**
 * The monitors' command-line tool:
 * `danban verify <folder or URL of c/<id>/> [--key FILE] [--receipt HEX] [--audit FILE] [--minutes-key ROLE=KID]... [--json]`.
 * Prints each check of bundle.md, then those of the minutes and the contributions published after the result
 * (shared/verify-after/), and exits 0 only if all pass. Shares only `shared/` with the server.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MINUTES_ROLES, type MinutesRole } from '../shared/minutes.ts';
import { BUNDLE_FILES } from '../shared/schemas.ts';
import { AFTER_FILES, verifyAfter, type AfterCheck } from '../shared/verify-after/index.ts';
import { verifyBundle, type VerifyKey } from '../shared/verify/index.ts';
import { sha256, type Hash } from '../shared/sha256.ts';

// node:crypto costs about 1 µs a call, more than the pure-JS hash of a 64-byte Merkle node: use it for large inputs only.
const nodeSha256: Hash = (data) => (data.length > 1024 ? new Uint8Array(createHash('sha256').update(data).digest()) : sha256(data));

const USAGE = `Dùng / usage:
  danban verify <thư mục hoặc URL của c/<id>/> [--key khoa.pem|jwks.json] [--receipt <64 hex>] [--audit nhat-ky.json]
                [--minutes-key VAI=KID]... [--json]

Kiểm tra kết quả đã ký theo spec/bundle.md, rồi biên bản và sổ đóng góp nếu đã công bố;
--audit: nhật ký đầy đủ tải từ API của giám sát, để đối chiếu mã băm bảng mức đóng góp;
--minutes-key VAI=KID: khóa ký biên bản của một vai (VAI là chair: chủ trì, secretary: thư ký, front: đại diện
  Mặt trận), KID là dấu vân tay khóa ghi trên biên bản giấy; lặp lại cho từng vai. Chữ ký của vai đó bằng khóa khác
  là lỗi; vai chưa ký thì không phải lỗi.
Mã thoát 0 chỉ khi mọi bước đều đạt.
Verifies a signed result bundle, then the minutes and the contributions ledger when published;
--audit: the live audit log from the monitors' API, to compare the schedule's hash with;
--minutes-key VAI=KID: pins the minutes signing key of a role (VAI: chair, secretary or front) to the key
  fingerprint (kid) written on the paper minutes; repeat it for each role. That role's signature by another key
  fails; a role not signed yet does not.
Exits 0 only if every check passes.`;

const NAMES = [...BUNDLE_FILES, 'result.jws', 'result.json', ...AFTER_FILES];

/** A usage or input problem of the command itself (exit 2), as opposed to a result that fails verification (exit 1). */
class UsageError extends Error {}

async function loadFolder(dir: string): Promise<Record<string, Uint8Array>> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`không có thư mục / no such folder: ${dir}`);
  const files: Record<string, Uint8Array> = {};
  for (const name of NAMES) {
    try {
      files[name] = new Uint8Array(await readFile(join(dir, name)));
    } catch {
      /* missing: the verifier reports which steps fail */
    }
  }
  const attDir = join(dir, 'attestations');
  const entries = await readdir(attDir).catch(() => [] as string[]);
  for (const e of entries) if (e.endsWith('.jws')) files[`attestations/${e}`] = new Uint8Array(await readFile(join(attDir, e)));
  return files;
}

async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const res = await fetch(url);
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function loadUrl(base: string): Promise<Record<string, Uint8Array>> {
  const root = base.endsWith('/') ? base : `${base}/`;
  const files: Record<string, Uint8Array> = {};
  await Promise.all(
    NAMES.map(async (name) => {
      const bytes = await fetchBytes(new URL(name, root).href);
      if (bytes) files[name] = bytes;
    }),
  );
  const index = await fetchBytes(new URL('attestations/index.json', root).href);
  if (index) {
    const kids = JSON.parse(new TextDecoder().decode(index)) as unknown;
    if (Array.isArray(kids)) {
      for (const kid of kids) {
        if (typeof kid !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(kid)) continue;
        const bytes = await fetchBytes(new URL(`attestations/${kid}.jws`, root).href);
        if (bytes) files[`attestations/${kid}.jws`] = bytes;
      }
    }
  }
  return files;
}

/** A minutes signing key's kid: an RFC 7638 thumbprint, 43 base64url characters. */
const KID = /^[A-Za-z0-9_-]{43}$/;

/** The `--minutes-key ROLE=KID` options, one kid a role; a UsageError names the first that does not read. */
function minutesKeys(given: readonly string[]): Partial<Record<MinutesRole, string>> {
  const pins: Partial<Record<MinutesRole, string>> = {};
  for (const option of given) {
    const at = option.indexOf('=');
    const role = option.slice(0, at) as MinutesRole;
    const kid = option.slice(at + 1).trim();
    if (at < 0 || !MINUTES_ROLES.includes(role)) {
      throw new UsageError(`--minutes-key ${option}: vai phải là ${MINUTES_ROLES.join(', ')} / the role must be ${MINUTES_ROLES.join(', ')} (ROLE=KID)`);
    }
    if (!KID.test(kid)) throw new UsageError(`--minutes-key ${option}: kid phải là 43 ký tự base64url / the kid must be 43 base64url characters`);
    if (pins[role] !== undefined && pins[role] !== kid) throw new UsageError(`--minutes-key: vai ${role} có hai khóa / two keys for ${role}`);
    pins[role] = kid;
  }
  return pins;
}

/** A pinned key from a PEM file or a JWK / JWKS JSON file. */
async function loadKey(path: string): Promise<VerifyKey> {
  const text = (await readFile(path, 'utf8')).trim();
  if (text.startsWith('-----BEGIN')) return { pinned: text };
  const json = JSON.parse(text) as { keys?: JsonWebKey[] } & JsonWebKey;
  if (Array.isArray(json.keys)) {
    if (json.keys.length !== 1) throw new Error('the key file holds several keys: give the one to pin');
    return { pinned: json.keys[0]! };
  }
  return { pinned: json };
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      receipt: { type: 'string' },
      audit: { type: 'string' },
      'minutes-key': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'verify' || !positionals[1]) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const target = positionals[1];
  if (values.receipt !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.receipt)) {
    console.error('danban: --receipt phải là 64 ký tự hex / must be 64 hex characters');
    return 2;
  }
  let pins: Partial<Record<MinutesRole, string>>;
  try {
    pins = minutesKeys(values['minutes-key'] ?? []);
  } catch (err) {
    console.error(`danban: ${(err as Error).message}`);
    return 2;
  }
  const isUrl = /^https?:\/\//i.test(target);
  let files: Record<string, Uint8Array>;
  try {
    files = isUrl ? await loadUrl(target) : await loadFolder(target);
  } catch (err) {
    console.error(`danban: ${(err as Error).message}`);
    return 2;
  }
  if (!files['result.jws']) {
    console.error(`danban: không tìm thấy result.jws / no result.jws at ${target}: not a published result (yet)`);
    return 2;
  }
  let key: VerifyKey = {};
  if (values.key) key = await loadKey(values.key);
  else if (isUrl) {
    const jwks = await fetchBytes(new URL('../../keys/jwks.json', target.endsWith('/') ? target : `${target}/`).href);
    if (jwks) key = { jwks: JSON.parse(new TextDecoder().decode(jwks)) as { keys: JsonWebKey[] } };
  }
  let audit: Uint8Array | undefined;
  if (values.audit) {
    try {
      audit = new Uint8Array(await readFile(values.audit));
    } catch (err) {
      console.error(`danban: không đọc được nhật ký / cannot read the audit log: ${(err as Error).message}`);
      return 2;
    }
  }
  const report = await verifyBundle(files, key, { hash: nodeSha256, ...(values.receipt ? { receipt: values.receipt.toLowerCase() } : {}) });
  const after = await verifyAfter(files, { hash: nodeSha256, ...(audit ? { audit } : {}), ...(Object.keys(pins).length ? { minutesKeys: pins } : {}) });
  const ok = report.ok && after.ok;
  if (values.json) {
    // `ok` is the verdict of both; the bundle's own checks keep their place, the later ones come under `after`.
    console.log(JSON.stringify({ ...report, ok, after }, null, 2));
  } else {
    for (const c of report.checks) {
      console.log(`${c.ok ? 'ĐẠT   PASS' : 'LỖI   FAIL'}  ${c.step}. ${c.name}: ${c.detail}`);
      for (const w of c.warnings ?? []) console.log(`      cảnh báo / warning: ${w}`);
    }
    if (report.inclusion) {
      console.log(
        `Biên nhận ${report.inclusion.receipt} có trong kết quả (phiếu thứ ${report.inclusion.index + 1}/${report.inclusion.treeSize} / ballot ${report.inclusion.index + 1} of ${report.inclusion.treeSize}); bằng chứng:`,
      );
      for (const p of report.inclusion.proof) console.log(`  ${p}`);
    }
    console.log('Biên bản và sổ đóng góp / Minutes and contributions:');
    for (const c of after.checks) console.log(`${afterLabel(c)}  ${c.step}. ${c.nameVi} / ${c.name}: ${c.detail}`);
    if (!report.ok) console.log('KẾT QUẢ KHÔNG HỢP LỆ — verification failed');
    else if (!after.ok)
      console.log(
        'KẾT QUẢ HỢP LỆ NHƯNG BIÊN BẢN HOẶC SỔ ĐÓNG GÓP KHÔNG HỢP LỆ — verification failed: the result holds, the minutes or the contributions do not',
      );
    else console.log('KẾT QUẢ HỢP LỆ — all checks passed');
  }
  return ok ? 0 : 1;
}

/** Same width as the bundle's PASS/FAIL; a file not published yet is neither. */
function afterLabel(c: AfterCheck): string {
  if (c.absent) return 'CHƯA  NONE';
  return c.ok ? 'ĐẠT   PASS' : 'LỖI   FAIL';
}
