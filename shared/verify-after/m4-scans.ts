/**
 * M4: each scan of the paper record signed by hand (`record/scans/<sha256>.<ext>`) hashes to its name, and, given the
 * live audit log, its hash is one a `record_scan_added` event recorded.
 */
import { SCAN_NAME } from '../minutes.ts';
import { sha256Hex } from '../sha256.ts';
import { auditOf } from './c4-schedule-hash.ts';
import type { Published } from './load.ts';
import { both, load, need, type Outcome, Unmet } from './outcome.ts';

/** The audit action that records a scan's hash (functions/core/minutes.ts). */
export const RECORD_SCAN_ADDED = 'record_scan_added';

/** M4: the scans given hash to their names and are in the live log when it is given. */
export function checkRecordScans(published: Published, names: readonly string[], live: Uint8Array | undefined): Outcome {
  const scans = names.filter((name) => SCAN_NAME.test(name)).sort();
  if (scans.length === 0) return { absent: both('Chưa công bố bản chụp văn bản ký tay', 'no scan of the signed paper record is published yet') };
  const logged = live
    ? new Set(
        need(
          load(() => auditOf(live)),
          'không đọc được nhật ký đã cho',
          'the given audit log does not read',
        )
          .filter((e) => e.action === RECORD_SCAN_ADDED)
          .map((e) => String(e.data.sha256)),
      )
    : undefined;
  const problems: string[] = [];
  for (const name of scans) {
    const named = SCAN_NAME.exec(name)![1]!;
    const actual = sha256Hex(published.file(name)!, published.hash);
    if (actual !== named) problems.push(both(`${name} có mã băm ${actual}, không khớp tên tệp`, `${name} hashes to ${actual}, not its name`));
    else if (logged && !logged.has(named)) problems.push(both(`nhật ký không ghi ${name}`, `the audit log does not record ${name}`));
  }
  if (problems.length) throw new Unmet(problems);
  const n = scans.length;
  return logged
    ? both(`${n} bản chụp khớp tên tệp và nhật ký`, `${n} scan(s) match their names and the log`)
    : both(`${n} bản chụp khớp tên tệp (không có nhật ký để đối chiếu)`, `${n} scan(s) match their names (no live log given to compare)`);
}
