/**
 * `danban verify-group <folder or URL of g/<groupId>/> (--key FILE | --trust-site-key) [--json]`: checks a commune
 * round's signed aggregate against every hamlet's published result (shared/verify-aggregate.ts), reading each round
 * from `../../c/<id>/` beside the group's folder. With `--trust-site-key` and no `--key`, the site's `keys/jwks.json`
 * is used (not pinned); the command refuses to run with neither.
 * Attestations are checked by `danban verify` on each round; here only the signed files are read.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fromUtf8 } from '../shared/bytes.ts';
import { decodeJws } from '../shared/jws.ts';
import { BUNDLE_FILES, OPINIONS_FILE } from '../shared/schemas.ts';
import type { Hash } from '../shared/sha256.ts';
import { type GroupFiles, verifyAggregate } from '../shared/verify-aggregate.ts';
import type { VerifyKey } from '../shared/verify/index.ts';

const ROUND_FILES = [...BUNDLE_FILES, OPINIONS_FILE, 'result.jws', 'result.json'];
const GROUP_FILES = ['aggregate.jws', 'aggregate.json'];

type Read = (path: string) => Promise<Uint8Array | undefined>;

function reader(target: string): { read: Read; isUrl: boolean } {
  if (/^https?:\/\//i.test(target)) {
    const root = target.endsWith('/') ? target : `${target}/`;
    return {
      isUrl: true,
      read: async (path) => {
        const res = await fetch(new URL(path, root).href);
        if (res.status === 404 || res.status === 403) return undefined;
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      },
    };
  }
  return {
    isUrl: false,
    read: (path) =>
      readFile(join(target, path)).then(
        (b) => new Uint8Array(b),
        () => undefined,
      ),
  };
}

async function readAll(read: Read, prefix: string, names: readonly string[]): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of names) {
    const bytes = await read(`${prefix}${name}`);
    if (bytes) files[name] = bytes;
  }
  return files;
}

/** The round ids the (not yet verified) aggregate names: only to know which folders to read. */
function roundIds(jws: Uint8Array): string[] {
  const payload = JSON.parse(fromUtf8(decodeJws(fromUtf8(jws).trim()).payloadBytes)) as { rounds?: Array<{ consultationId?: unknown }> };
  return (payload.rounds ?? []).map((r) => String(r.consultationId)).filter((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id));
}

/** Runs the command; 0 when every check passes, 1 when one fails, 2 for a usage or input problem. */
export async function verifyGroupCommand(target: string, options: { key?: VerifyKey; json?: boolean; hash?: Hash }): Promise<number> {
  const { read, isUrl } = reader(target);
  if (!isUrl && !(await stat(target).catch(() => undefined))?.isDirectory()) {
    console.error(`danban: không có thư mục / no such folder: ${target}`);
    return 2;
  }
  const group = await readAll(read, '', GROUP_FILES);
  if (!group['aggregate.jws']) {
    console.error(`danban: không tìm thấy aggregate.jws / no aggregate.jws at ${target}: not published (yet)`);
    return 2;
  }
  const rounds: GroupFiles['rounds'] = {};
  for (const id of roundIds(group['aggregate.jws'])) rounds[id] = await readAll(read, `../../c/${id}/`, ROUND_FILES);
  let key = options.key;
  if (!key) {
    const jwks = await read('../../keys/jwks.json');
    key = jwks ? { jwks: JSON.parse(fromUtf8(jwks)) as { keys: JsonWebKey[] } } : {};
  }
  const report = await verifyAggregate({ group, rounds }, key, options.hash ? { hash: options.hash } : {});
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const c of report.checks) {
      console.log(`${c.ok ? 'ĐẠT   PASS' : 'LỖI   FAIL'}  ${c.step}. ${c.nameVi} / ${c.name}`);
      for (const p of c.problems) console.log(`      ${p}`);
    }
    console.log(report.ok ? 'KẾT QUẢ TỔNG HỢP HỢP LỆ — all checks passed' : 'KẾT QUẢ TỔNG HỢP KHÔNG HỢP LỆ — verification failed');
  }
  return report.ok ? 0 : 1;
}
