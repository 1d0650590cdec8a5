/**
 * The verifier of a published result bundle: every check of bundle.md "What a verifier checks", numbered as
 * there, each reported pass or fail. Like ElectionGuard's verifier it collects every failure instead of stopping
 * at the first, and it never throws: a missing or unreadable file fails the steps that need it, with the reason.
 *
 * It runs in Node, a browser page (verify.html) and the CLI. Each check is a file of its own, named after its step;
 * load.ts reads the files once for all of them, and this runner runs them in order and reports.
 */
import { sha256 } from '../sha256.ts';
import { checkSignature } from './1-signature.ts';
import { checkFileHashes } from './2-file-hashes.ts';
import { checkReceipts } from './3-receipts.ts';
import { checkMerkleRoot } from './4-merkle-root.ts';
import { checkParticipants } from './5-participants.ts';
import { checkAnswersAllowed } from './6-answers.ts';
import { checkRecount } from './7-recount.ts';
import { checkAuditChain } from './8-audit-chain.ts';
import { checkAttestations } from './9-attestations.ts';
import { CheckFailure, reasonOf } from './failure.ts';
import { loadBundle } from './load.ts';
import { CHECK_NAMES, type Check, type Inclusion, type Verification, type VerifyKey, type VerifyOptions } from './report.ts';

export { attestationProblem } from './9-attestations.ts';
export { CHECK_NAMES, type Check, type Inclusion, type StreamedBallots, type Verification, type VerifyKey, type VerifyOptions } from './report.ts';

/** Reports progress of the current step; when someone listens, yields to the event loop now and then. */
function progressReporter(onProgress: VerifyOptions['onProgress']): { step: number; report: (fraction: number) => Promise<void> } {
  let lastYield = Date.now();
  const reporter = {
    step: 0,
    // Lets a browser repaint its progress bar: a million ballots are several seconds of work.
    report: async (fraction: number): Promise<void> => {
      if (!onProgress) return;
      onProgress(reporter.step, fraction);
      if (Date.now() - lastYield > 50) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = Date.now();
      }
    },
  };
  return reporter;
}

/**
 * Verifies a bundle given as its files by name (`consultation.json`, ..., `result.jws`,
 * `attestations/<kid>.jws`), ballots.json among them or given as `options.ballotsFile`. Resolves with every check's
 * result; never rejects.
 * @example const report = await verifyBundle(files, { pinned: pem }, { receipt })
 */
export async function verifyBundle(files: Record<string, Uint8Array>, key: VerifyKey, options: VerifyOptions = {}): Promise<Verification> {
  const progress = progressReporter(options.onProgress);
  const bundle = loadBundle(files, options.hash ?? sha256, progress.report, options.ballotsFile);
  const checks: Check[] = [];
  let inclusion: Inclusion | undefined;

  async function run(n: number, body: (warnings: string[]) => Promise<string>): Promise<void> {
    progress.step = n;
    const warnings: string[] = [];
    let ok = true;
    let detail: string;
    await progress.report(0);
    try {
      detail = await body(warnings);
    } catch (e) {
      ok = false;
      detail = e instanceof CheckFailure ? e.message : `unexpected error: ${reasonOf(e)}`;
    }
    await progress.report(1);
    const check = { step: n, name: CHECK_NAMES[n]!, ok, detail, ...(warnings.length ? { warnings } : {}) };
    checks.push(check);
    options.onCheck?.(check);
  }

  await run(1, (warnings) => checkSignature(bundle, key, warnings));
  await run(2, (warnings) => checkFileHashes(bundle, warnings));
  await run(3, () => checkReceipts(bundle));
  await run(4, () =>
    checkMerkleRoot(bundle, options.receipt, (found) => {
      inclusion = found;
    }),
  );
  await run(5, () => checkParticipants(bundle));
  await run(6, () => checkAnswersAllowed(bundle));
  await run(7, () => checkRecount(bundle));
  await run(8, (warnings) => checkAuditChain(bundle, warnings));
  await run(9, () => checkAttestations(bundle));

  return { ok: checks.every((c) => c.ok), checks, ...(inclusion ? { inclusion } : {}) };
}
