import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebAssets, WEB_BUNDLING, type WebAsset } from '../../scripts/build-web.ts';
import type { VerifyRequest, WorkerMessage } from '../../web/verify/protocol.ts';
import { expected, pinnedPem, readCopy } from '../support/vectors.ts';

/**
 * Gzipped bytes each asset may weigh. The page script is read before anything is verified; the worker, which
 * carries the verifiers (of the result, and of the records and the contributions published after it) and zod, is
 * loaded only when a monitor presses Verify.
 *
 * The worker's budget was 56 KiB; it is 60 KiB since the record of Law 10/2022 Art. 20 replaced the minutes. The
 * growth, about 5 KiB gzipped (16 KB minified), is verifier code and nothing else: M2 now redrafts two records, the
 * decision record and the counting record (shared/minutes/questions.ts, counting.ts and the words of the rules), M4
 * checks the scans of the signed paper copies, and verify/ reads result/2's counts of ballots and slips. zod, the
 * bulk of the worker, is the same size as before. It is 66 KiB since R1 checks the risk-limiting audit of a paper
 * round: about 4 KiB gzipped (12 KB minified) of shared/rla (the sampler, the assertions, the Kaplan–Markov measure and
 * the recomputation of rla.json), verifier code again.
 */
const BUDGET: Record<WebAsset, number> = { 'assets/verify.js': 6 * 1024, 'assets/verify-worker.js': 66 * 1024 };

let assets: Record<WebAsset, Uint8Array>;
const text = (path: WebAsset) => new TextDecoder().decode(assets[path]);

beforeAll(async () => {
  assets = await buildWebAssets();
}, 60_000);

/** Runs the built worker script in a fresh global that has only what a worker has, and sends it one request. */
async function inWorkerGlobal(request: VerifyRequest): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const scope: Record<string, unknown> = {
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    setTimeout,
    postMessage: (m: WorkerMessage) => {
      messages.push(m);
      if (m.type === 'done' || m.type === 'error') resolve();
    },
  };
  runInNewContext(text('assets/verify-worker.js'), scope);
  (scope.onmessage as (event: { data: VerifyRequest }) => void)({ data: request });
  await promise;
  return messages;
}

async function requestFor(copy: string): Promise<VerifyRequest> {
  const files = Object.fromEntries(Object.entries(await readCopy(copy)).map(([name, bytes]) => [name, bytes.slice().buffer]));
  return { files, key: { pinned: pinnedPem } };
}

describe('the verify page assets', () => {
  it('are the page script and the worker script, each within its gzipped budget', () => {
    expect(Object.keys(assets).sort()).toEqual(['assets/verify-worker.js', 'assets/verify.js']);
    for (const [path, bytes] of Object.entries(assets) as [WebAsset, Uint8Array][]) {
      const gzipped = gzipSync(bytes, { level: 9 }).length;
      expect(gzipped, `${path}: ${bytes.length} bytes, ${gzipped} gzipped`).toBeLessThanOrEqual(BUDGET[path]);
    }
  });

  it('import nothing at run time, from node: or elsewhere: everything is bundled', () => {
    // A statement or call, not a member such as crypto.subtle.importKey; only what matched is shown on failure.
    const loads = /(?<![.\w$])(?:require\s*\(|import\s*\(|import\s*[{*"']|import\s+[\w$]+\s+from\b|export\s*[{*])/;
    for (const path of Object.keys(assets) as WebAsset[]) {
      const code = text(path);
      expect(/\bnode:[a-z_/]+/.exec(code)?.[0], path).toBeUndefined();
      expect(loads.exec(code)?.[0], path).toBeUndefined();
    }
  });

  it('start the worker beside the page script, which is a module; the worker is a classic script', () => {
    expect(text('assets/verify.js')).toContain('new Worker(new URL("verify-worker.js",import.meta.url))');
    expect(text('assets/verify-worker.js')).not.toContain('import.meta');
    expect(text('assets/verify-worker.js')).toMatch(/^"use strict";\(\(\)=>\{/);
  });

  it('are built with settings under which an import of node: fails the build', async () => {
    const attempt = build({
      ...WEB_BUNDLING,
      stdin: { contents: 'import { createHash } from "node:crypto"; console.log(createHash);', loader: 'ts' },
      write: false,
    });
    await expect(attempt).rejects.toThrow(/node:crypto/);
  });

  it('the built worker verifies the good vectors and fails the tampered copy in a bare worker-like global', async () => {
    const good = (await inWorkerGlobal(await requestFor('good'))).at(-1);
    expect(good?.type === 'done' && good.report.ok).toBe(true);
    // The vectors publish no record and no contributions: told as not published, which fails nothing.
    expect(good?.type === 'done' && good.after.checks.map((c) => [c.step, c.ok, c.absent])).toEqual(
      ['M1', 'M2', 'M3', 'M4', 'C1', 'C2', 'C3', 'C4', 'R1'].map((step) => [step, true, true]),
    );
    const tampered = (await inWorkerGlobal(await requestFor('3-receipt'))).at(-1);
    expect(tampered?.type === 'done' && Object.fromEntries(tampered.report.checks.map((c) => [String(c.step), c.ok]))).toEqual(
      expected.copies['3-receipt']!.checks,
    );
  });
});
