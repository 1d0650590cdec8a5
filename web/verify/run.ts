/**
 * What the verify page's worker does, as a plain function: verify the bundle with shared/verify/ and report as it
 * goes, then the record and the contributions with shared/verify-after/ (quick: no progress of their own). Kept
 * apart from worker.ts (which only wires it to `postMessage`) so that tests run it in Node.
 */
import { verifyAfter } from '../../shared/verify-after/index.ts';
import { verifyBundle, type VerifyOptions } from '../../shared/verify/index.ts';
import type { VerifyRequest, WorkerMessage } from './protocol.ts';

/** At most one progress message per this many milliseconds: a repaint is all a message buys. */
const PROGRESS_EVERY_MS = 50;

/**
 * verifyBundle's options, and the one it may take to report each check as it ends. Until it does, the page shows a
 * step as done when the progress moves past it and gives its verdict with the report.
 */

/**
 * Verifies the files of `request` and posts progress, then the report (or an error if the verifier itself broke).
 * Resolves when the last message is posted; never rejects.
 * @example await runVerification({ files, key: { pinned: pem } }, (m) => self.postMessage(m))
 */
export async function runVerification(request: VerifyRequest, post: (message: WorkerMessage) => void, now: () => number = Date.now): Promise<void> {
  try {
    const files: Record<string, Uint8Array> = {};
    for (const [name, buffer] of Object.entries(request.files)) files[name] = new Uint8Array(buffer);
    let lastStep = 0;
    let lastFraction = 0;
    let lastPost = -Infinity;
    const options: VerifyOptions = {
      onProgress: (step, fraction) => {
        // Step 2 reads ballots.json while checking the files' hashes, and the reading reports its own fraction of
        // the step from 0 again: the bar holds rather than moving back.
        if (step === lastStep && fraction < lastFraction) return;
        const t = now();
        if (step === lastStep && fraction < 1 && t - lastPost < PROGRESS_EVERY_MS) return;
        lastStep = step;
        lastFraction = fraction;
        lastPost = t;
        post({ type: 'progress', step, fraction });
      },
      onCheck: (check) => post({ type: 'check', check }),
      ...(request.receipt !== undefined ? { receipt: request.receipt } : {}),
    };
    const report = await verifyBundle(files, request.key, options);
    // R1's signature is checked against the key check 1 used: the pinned one, else the site's JWKS, with the same warning.
    post({ type: 'done', report, after: await verifyAfter(files, { resultKey: request.key }) });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
