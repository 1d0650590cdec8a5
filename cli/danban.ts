/**
 * The monitors' command-line tool:
 * `danban verify <folder or URL of c/<id>/> (--key FILE | --trust-site-key) [--receipt HEX] [--audit FILE] [--record-key ROLE=KID]... [--json]`.
 * Prints each check of bundle.md, then those of the decision record, the counting record, the scans of their signed
 * paper copies and the contributions published after the result (shared/verify-after/), and exits 0 only if all pass.
 * `--minutes-key` is the earlier name of `--record-key`. Shares only `shared/` with the server.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MINUTES_ROLES, type MinutesRole, SCAN_NAME } from '../shared/minutes.ts';
import { BUNDLE_FILES, OPINIONS_FILE } from '../shared/schemas.ts';
import { auditOf } from '../shared/verify-after/c4-schedule-hash.ts';
import { AFTER_FILES, verifyAfter, type AfterCheck, type AfterVerification } from '../shared/verify-after/index.ts';
import { RECORD_PAGES, scansLinkedFrom } from '../shared/verify-after/scan-links.ts';
import { type StreamedBallots, verifyBundle, type Verification, type VerifyKey } from '../shared/verify/index.ts';
import { sha256, type Hash } from '../shared/sha256.ts';
import { verifyGroupCommand } from './verify-group.ts';
import { checkReceiptCommand } from './check-receipt.ts';

// node:crypto costs about 1 µs a call, more than the pure-JS hash of a 64-byte Merkle node: use it for large inputs only.
const nodeSha256: Hash = (data) => (data.length > 1024 ? new Uint8Array(createHash('sha256').update(data).digest()) : sha256(data));

const USAGE = `Dùng / usage:
  danban verify <thư mục hoặc URL của c/<id>/> (--key khoa.pem|jwks.json | --trust-site-key) [--receipt <64 hex>]
                [--audit nhat-ky.json] [--record-key VAI=KID]... [--json]
  danban verify-group <thư mục hoặc URL của g/<id>/> (--key khoa.pem|jwks.json | --trust-site-key) [--json]
  danban check-receipt <thư mục hoặc URL của trang> <mã cuộc lấy ý kiến> --signature <tệp.jws|JWS> [--key <dấu vân tay>]
    kiểm tra biên nhận có chữ ký của hộ: chữ ký, rồi phiếu có trong ballots.json đã công bố không (thiếu là bằng
    chứng phiếu bị bỏ sót) / checks a household's signed receipt, then whether its ballot is published

Kiểm tra kết quả đã ký theo spec/bundle.md, rồi văn bản quyết định, biên bản kiểm phiếu, bản chụp bản giấy đã ký tay
  và sổ đóng góp nếu đã công bố;
--key: khóa công khai của xã, chép từ bảng tin của xã (không lấy từ trang web đang kiểm tra); bắt buộc, trừ khi
  --trust-site-key: chấp nhận khóa do chính trang web đưa ra, biết rằng như vậy trang web tự chứng nhận cho mình;
--audit: nhật ký đầy đủ tải từ API của giám sát, để đối chiếu mã băm bảng mức đóng góp và mã băm các bản chụp;
--record-key VAI=KID (tên cũ: --minutes-key): khóa ký số văn bản quyết định của một vai (VAI là village_head: Trưởng
  thôn, front_head: Trưởng ban công tác Mặt trận), KID là dấu vân tay khóa ghi trên bản giấy; lặp lại cho từng vai.
  Chữ ký của vai đó bằng khóa khác là lỗi; vai chưa ký thì không phải lỗi.
Mã thoát 0 chỉ khi mọi bước đều đạt.
Verifies a signed result bundle, then the decision record, the counting record, the scans of the paper copies signed
  by hand and the contributions ledger when published;
--key: the commune's public key, copied from the commune's notice board (not from the site under check); required
  unless --trust-site-key: accept the site's own key, knowing that the site then vouches for itself;
--audit: the live audit log from the monitors' API, to compare the schedule's and the scans' hashes with;
--record-key VAI=KID (earlier name: --minutes-key): pins the decision record's signing key of a role (VAI:
  village_head or front_head) to the key fingerprint (kid) written on the paper copy; repeat it for each role. That
  role's signature by another key fails; a role not signed yet does not.
Exits 0 only if every check passes.`;

const NAMES = [...BUNDLE_FILES, OPINIONS_FILE, 'result.jws', 'result.json', ...AFTER_FILES];

/** A usage or input problem of the command itself (exit 2), as opposed to a result that fails verification (exit 1). */
class UsageError extends Error {}

/** Pieces of ballots.json as the verifier reads them: large enough that a million ballots take a few hundred reads. */
const PIECE = 1 << 20;

/**
 * A folder's ballots.json read in pieces, each time the verifier asks (its SHA-256, its ballots): a million ballots
 * are 160 MB that need never be held at once. Undefined when the file cannot be opened, as if it were missing.
 */
async function streamedBallots(path: string): Promise<StreamedBallots | undefined> {
  const handle = await open(path).catch(() => undefined);
  if (!handle) return undefined;
  const info = await handle.stat().finally(() => handle.close());
  if (!info.isFile()) return undefined;
  const read = () => createReadStream(path, { highWaterMark: PIECE });
  return {
    size: info.size,
    read,
    sha256: async () => {
      const digest = createHash('sha256');
      for await (const piece of read()) digest.update(piece as Buffer);
      return new Uint8Array(digest.digest());
    },
  };
}

/** A folder's files by name, ballots.json apart as a source of pieces. */
async function loadFolder(dir: string): Promise<{ files: Record<string, Uint8Array>; ballotsFile?: StreamedBallots }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`không có thư mục / no such folder: ${dir}`);
  const files: Record<string, Uint8Array> = {};
  const ballotsFile = await streamedBallots(join(dir, 'ballots.json'));
  for (const name of NAMES) {
    if (name === 'ballots.json') continue;
    try {
      files[name] = new Uint8Array(await readFile(join(dir, name)));
    } catch {
      /* missing: the verifier reports which steps fail */
    }
  }
  const attDir = join(dir, 'attestations');
  const entries = await readdir(attDir).catch(() => [] as string[]);
  for (const e of entries) if (e.endsWith('.jws')) files[`attestations/${e}`] = new Uint8Array(await readFile(join(attDir, e)));
  // The scans of the paper record: every file of record/scans/ named by its hash (M4 checks each against its name).
  for (const e of await readdir(join(dir, 'record', 'scans')).catch(() => [] as string[])) {
    const name = `record/scans/${e}`;
    if (SCAN_NAME.test(name)) files[name] = new Uint8Array(await readFile(join(dir, name)));
  }
  return { files, ...(ballotsFile ? { ballotsFile } : {}) };
}

async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const res = await fetch(url);
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * The scans to fetch: those the record's pages link (a page is read only when its JSON was published), and those the
 * live log records (`record_scan_added`), if given.
 */
async function scanNames(root: string, files: Record<string, Uint8Array>, audit: Uint8Array | undefined): Promise<string[]> {
  const names = new Set<string>();
  for (const page of RECORD_PAGES) {
    if (!files[page.replace(/\.html$/, '.json')]) continue;
    const html = await fetchBytes(new URL(page, root).href);
    if (html) for (const name of scansLinkedFrom(new TextDecoder().decode(html))) names.add(name);
  }
  let logged: string[] = [];
  try {
    logged = audit ? auditOf(audit).flatMap((e) => (e.action === 'record_scan_added' ? [String(e.data.file)] : [])) : [];
  } catch {
    /* a log that does not read: M4 reports it */
  }
  for (const name of logged) if (SCAN_NAME.test(name)) names.add(name);
  return [...names].sort();
}

async function loadUrl(base: string, audit: Uint8Array | undefined): Promise<Record<string, Uint8Array>> {
  const root = base.endsWith('/') ? base : `${base}/`;
  const files: Record<string, Uint8Array> = {};
  await Promise.all(
    NAMES.map(async (name) => {
      const bytes = await fetchBytes(new URL(name, root).href);
      if (bytes) files[name] = bytes;
    }),
  );
  for (const name of await scanNames(root, files, audit)) {
    const bytes = await fetchBytes(new URL(name, root).href);
    if (bytes) files[name] = bytes;
  }
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

/** A record signing key's kid: an RFC 7638 thumbprint, 43 base64url characters. */
const KID = /^[A-Za-z0-9_-]{43}$/;

/** The `--record-key ROLE=KID` options, one kid a role; a UsageError names the first that does not read. */
function recordKeys(given: readonly { flag: string; option: string }[]): Partial<Record<MinutesRole, string>> {
  const pins: Partial<Record<MinutesRole, string>> = {};
  for (const { flag, option } of given) {
    const at = option.indexOf('=');
    const role = option.slice(0, at) as MinutesRole;
    const kid = option.slice(at + 1).trim();
    if (at < 0 || !MINUTES_ROLES.includes(role)) {
      throw new UsageError(`${flag} ${option}: vai phải là ${MINUTES_ROLES.join(', ')} / the role must be ${MINUTES_ROLES.join(', ')} (ROLE=KID)`);
    }
    if (!KID.test(kid)) throw new UsageError(`${flag} ${option}: kid phải là 43 ký tự base64url / the kid must be 43 base64url characters`);
    if (pins[role] !== undefined && pins[role] !== kid) throw new UsageError(`${flag}: vai ${role} có hai khóa / two keys for ${role}`);
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
      signature: { type: 'string' },
      audit: { type: 'string' },
      'record-key': { type: 'string', multiple: true },
      'minutes-key': { type: 'string', multiple: true },
      'trust-site-key': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals[0] === 'check-receipt' && positionals[1] && positionals[2] && values.signature) {
    return checkReceiptCommand(positionals[1], positionals[2], { signature: values.signature, key: values.key });
  }
  const unpinned = !values.key && values['trust-site-key'] !== true;
  if (positionals[0] === 'verify-group' && positionals[1]) {
    if (unpinned) return refuseUnpinned();
    return verifyGroupCommand(positionals[1], { ...(values.key ? { key: await loadKey(values.key) } : {}), json: values.json === true, hash: nodeSha256 });
  }
  if (values.help || positionals[0] !== 'verify' || !positionals[1]) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (unpinned) return refuseUnpinned();
  const target = positionals[1];
  if (values.receipt !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.receipt)) {
    console.error('danban: --receipt phải là 64 ký tự hex / must be 64 hex characters');
    return 2;
  }
  let pins: Partial<Record<MinutesRole, string>>;
  try {
    pins = recordKeys([
      ...(values['record-key'] ?? []).map((option) => ({ flag: '--record-key', option })),
      ...(values['minutes-key'] ?? []).map((option) => ({ flag: '--minutes-key', option })),
    ]);
  } catch (err) {
    console.error(`danban: ${(err as Error).message}`);
    return 2;
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
  const isUrl = /^https?:\/\//i.test(target);
  let files: Record<string, Uint8Array>;
  let ballotsFile: StreamedBallots | undefined;
  try {
    if (isUrl) files = await loadUrl(target, audit);
    else ({ files, ballotsFile } = await loadFolder(target));
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
  const report = await verifyBundle(files, key, {
    hash: nodeSha256,
    ...(ballotsFile ? { ballotsFile } : {}),
    ...(values.receipt ? { receipt: values.receipt.toLowerCase() } : {}),
  });
  // The audit of the paper slips is recomputed against ballots.json, which a folder streams rather than holds.
  if (files['audit/rla.json'] && !files['ballots.json'] && !isUrl)
    files['ballots.json'] = new Uint8Array(await readFile(join(target, 'ballots.json')).catch(() => new Uint8Array()));
  const after = await verifyAfter(afterFiles(files), {
    hash: nodeSha256,
    resultKey: key,
    ...(audit ? { audit } : {}),
    ...(Object.keys(pins).length ? { minutesKeys: pins } : {}),
  });
  const ok = report.ok && after.ok;
  if (values.json) {
    // `ok` is the verdict of both; the bundle's own checks keep their place, the later ones come under `after`.
    console.log(JSON.stringify({ ...report, ok, after }, null, 2));
  } else printText(report, after);
  return ok ? 0 : 1;
}

/**
 * No key pinned and no `--trust-site-key`: a check against the site's own key proves only that the site agrees with
 * itself, so the command refuses (exit 2) rather than pass with a warning.
 */
function refuseUnpinned(): number {
  console.error(
    [
      'danban: chưa ghim khóa của xã. Hãy chép khóa công khai của xã từ bảng tin của xã rồi chạy lại với --key <tệp khóa>,',
      '  hoặc thêm --trust-site-key nếu chủ ý chấp nhận khóa do chính trang web đưa ra (khi đó trang web tự chứng nhận cho mình).',
      "danban: no pinned key. Copy the commune's public key from the commune's notice board and run again with --key <key file>,",
      "  or pass --trust-site-key to accept the site's own key knowingly (the site then vouches for itself).",
    ].join('\n'),
  );
  return 2;
}

/**
 * The files the checks after the result read. The roll and the participants (a million households each) serve only to
 * redraft a published record (M2) and to check a published schedule (C1): when nothing of AFTER_FILES is published
 * they are left out, which spares parsing them a second time and changes no check.
 */
export function afterFiles(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  if (AFTER_FILES.some((name) => Object.hasOwn(files, name))) return files;
  const { 'roll.json': _roll, 'participants.json': _participants, ...rest } = files;
  return rest;
}

/** The report as lines of text: the bundle's checks, a receipt's inclusion, the checks after the result, the verdict. */
function printText(report: Verification, after: AfterVerification): void {
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
  console.log('Văn bản quyết định, biên bản kiểm phiếu và sổ đóng góp / Decision record, counting record and contributions:');
  for (const c of after.checks) {
    console.log(`${afterLabel(c)}  ${c.step}. ${c.nameVi} / ${c.name}: ${c.detail}`);
    for (const w of c.warnings ?? []) console.log(`      cảnh báo / warning: ${w}`);
  }
  if (!report.ok) console.log('KẾT QUẢ KHÔNG HỢP LỆ — verification failed');
  else if (!after.ok)
    console.log(
      'KẾT QUẢ HỢP LỆ NHƯNG VĂN BẢN QUYẾT ĐỊNH, BIÊN BẢN KIỂM PHIẾU HOẶC SỔ ĐÓNG GÓP KHÔNG HỢP LỆ — verification failed: the result holds, the records or the contributions do not',
    );
  else console.log('KẾT QUẢ HỢP LỆ — all checks passed');
}

/** Same width as the bundle's PASS/FAIL; a file not published yet is neither. */
function afterLabel(c: AfterCheck): string {
  if (c.absent) return 'CHƯA  NONE';
  return c.ok ? 'ĐẠT   PASS' : 'LỖI   FAIL';
}
