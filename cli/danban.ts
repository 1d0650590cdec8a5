/**
 * The monitors' command-line tool: `danban verify <folder or URL of c/<id>/> [--key FILE] [--receipt HEX] [--json]`.
 * Prints each check of bundle.md and exits 0 only if all pass. Shares only `shared/` with the server.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_FILES } from '../shared/schemas.ts';
import { verifyBundle, type VerifyKey } from '../shared/verify.ts';
import { sha256, type Hash } from '../shared/sha256.ts';

// node:crypto costs about 1 µs a call, more than the pure-JS hash of a 64-byte Merkle node: use it for large inputs only.
const nodeSha256: Hash = (data) => (data.length > 1024 ? new Uint8Array(createHash('sha256').update(data).digest()) : sha256(data));

const USAGE = `Dùng / usage:
  danban verify <thư mục hoặc URL của c/<id>/> [--key khoa.pem|jwks.json] [--receipt <64 hex>] [--json]

Kiểm tra kết quả đã ký theo spec/bundle.md; mã thoát 0 chỉ khi mọi bước đều đạt.
Verifies a signed result bundle; exits 0 only if every check passes.`;

const NAMES = [...BUNDLE_FILES, 'result.jws', 'result.json'];

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
    options: { key: { type: 'string' }, receipt: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  const report = await verifyBundle(files, key, { hash: nodeSha256, ...(values.receipt ? { receipt: values.receipt.toLowerCase() } : {}) });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const c of report.checks) {
      console.log(`${c.ok ? 'ĐẠT   PASS' : 'LỖI   FAIL'}  ${c.step}. ${c.name}: ${c.detail}`);
      for (const w of c.warnings ?? []) console.log(`      cảnh báo / warning: ${w}`);
    }
    if (report.inclusion) {
      console.log(`Biên nhận ${report.inclusion.receipt} có trong kết quả (phiếu thứ ${report.inclusion.index + 1}/${report.inclusion.treeSize} / ballot ${report.inclusion.index + 1} of ${report.inclusion.treeSize}); bằng chứng:`);
      for (const p of report.inclusion.proof) console.log(`  ${p}`);
    }
    console.log(report.ok ? 'KẾT QUẢ HỢP LỆ — all checks passed' : 'KẾT QUẢ KHÔNG HỢP LỆ — verification failed');
  }
  return report.ok ? 0 : 1;
}
