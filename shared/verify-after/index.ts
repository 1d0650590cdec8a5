/**
 * What the site publishes beside a signed result after it, checked like the result (verify/): the decision record
 * and the counting record (`record/`: their JSON, the officers' key signatures, the scans of the paper copy signed by
 * hand) and a contribution's dues and ledger (`contributions/`). Each check reads the
 * signed result.jws payload and the bundle's files as verifyBundle does, collects every problem, and never throws.
 * A file not published yet is told as such and fails nothing; a file that does not hold fails its check.
 * Every sentence is Vietnamese first, then English. Each check is a file of its own, named after its step
 * (M: the record, C: the contributions, R: the risk-limiting audit); load.ts reads the files once for all of them.
 */
import { sha256 } from '../sha256.ts';
import { checkSchedule } from './c1-schedule.ts';
import { checkScheduleCsv } from './c2-schedule-csv.ts';
import { checkLedger } from './c3-ledger.ts';
import { checkScheduleHash } from './c4-schedule-hash.ts';
import { loadPublished } from './load.ts';
import { checkMinutesNameResult } from './m1-names-result.ts';
import { checkMinutesRedraft } from './m2-redraft.ts';
import { checkMinutesSignatures } from './m3-signatures.ts';
import { checkRecordScans } from './m4-scans.ts';
import { both, type Outcome, reasonOf, Unmet } from './outcome.ts';
import { checkRla } from './r1-rla.ts';
import { AFTER_CHECK_NAMES, type AfterCheck, type AfterOptions, type AfterStep, type AfterVerification } from './report.ts';

export { AFTER_CHECK_NAMES, AFTER_FILES, type AfterCheck, type AfterOptions, type AfterStep, type AfterVerification } from './report.ts';

/** Runs one check: its outcome as a passing line, or what it threw as a failing one. */
async function runCheck(step: AfterStep, body: () => Outcome | Promise<Outcome>): Promise<AfterCheck> {
  const { vi, en } = AFTER_CHECK_NAMES[step];
  try {
    const outcome = await body();
    if (typeof outcome === 'string') return { step, name: en, nameVi: vi, ok: true, detail: outcome };
    if ('absent' in outcome) return { step, name: en, nameVi: vi, ok: true, absent: true, detail: outcome.absent };
    return { step, name: en, nameVi: vi, ok: true, ...outcome };
  } catch (e) {
    const detail = e instanceof Unmet ? e.problems.join('; ') : `${both('lỗi không lường trước', 'unexpected error')}: ${reasonOf(e)}`;
    return { step, name: en, nameVi: vi, ok: false, detail };
  }
}

/**
 * Checks the record and the contributions published beside a result, given with the bundle's files by name
 * (`result.jws` and the bundle's files, those of AFTER_FILES that exist, and any `record/scans/*`). Never rejects.
 * @example const after = await verifyAfter(files); after.checks.find((c) => c.step === 'M3')?.signed
 */
export async function verifyAfter(files: Record<string, Uint8Array>, options: AfterOptions = {}): Promise<AfterVerification> {
  const published = loadPublished(files, options.hash ?? sha256);
  const steps: [AfterStep, () => Outcome | Promise<Outcome>][] = [
    ['M1', () => checkMinutesNameResult(published)],
    ['M2', () => checkMinutesRedraft(published)],
    ['M3', () => checkMinutesSignatures(published, options.minutesKeys)],
    ['M4', () => checkRecordScans(published, Object.keys(files), options.audit)],
    ['C1', () => checkSchedule(published)],
    ['C2', () => checkScheduleCsv(published)],
    ['C3', () => checkLedger(published)],
    ['C4', () => checkScheduleHash(published, options.audit)],
    ['R1', () => checkRla(published, options.resultKey)],
  ];
  const checks: AfterCheck[] = [];
  for (const [step, body] of steps) checks.push(await runCheck(step, body));
  return { ok: checks.every((c) => c.ok), checks };
}
