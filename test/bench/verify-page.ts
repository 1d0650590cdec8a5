/**
 * Measurement 4: the verify page (web/verify/) on a bundle of 100,000 ballots in Chromium, its CPU slowed 4× through
 * the DevTools protocol as a mid-range phone's would be. Chromium slows the page's main thread only (a worker target
 * answers Emulation.setCPUThrottlingRate with "only supported for pages"), so the verifier itself runs at this
 * machine's speed: the figures say how the page's thread copes, not how long a phone takes. Shared with
 * test/e2e/verify-large.test.ts, which asserts on the same kind of run what the bench only reports: every check
 * passes, the progress bar moves, the worker does the work.
 *
 * What the page does is recorded inside the page, by an observer installed just before the click: main-thread long
 * tasks (PerformanceObserver `longtask`, every task over 50 ms), each value the progress bar takes, the messages the
 * verifier's worker posts, and the page's own clock at the submit and when the summary shows.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { staticSite } from '../../functions/local/static-site.ts';
import { buildWebAssets } from '../../scripts/build-web.ts';
import { verifyPage } from '../../web/verify/page.tsx';
import { launchChromium, phonePage } from '../e2e/browser.ts';
import { generateBundle, type GeneratedBundle } from './verify.ts';

/** How much slower than this machine's cores the page's CPU runs: DevTools' "mid-tier mobile" preset. */
export const CPU_SLOWDOWN = 4;

/** A main-thread task over 50 ms, as the Long Tasks API reports it (page clock, ms). */
export interface LongTask {
  start: number;
  duration: number;
}

/** What one verify run in the page showed and how the page behaved meanwhile. */
export interface PageVerifyRun {
  /** Each check's row state (`pass`, `fail`, ...), by step. */
  rows: Record<number, string | null>;
  summary: string;
  verdict: string | null;
  /** From the submit to the summary showing, on the page's clock. */
  seconds: number;
  /** From the submit to the worker's first message: the download, and the worker's start. */
  workerFirstMessageSeconds: number;
  /** Long tasks that ended after the submit, `start` counted from the submit. */
  longTasks: LongTask[];
  longestTaskMs: number;
  busyMs: number;
  /** Every value the progress bar was given after the submit, in order (0 to 1). */
  progress: number[];
  /** How many messages of each type (`progress`, `check`, `done`, `error`) the worker posted. */
  workerMessages: Record<string, number>;
}

/**
 * Installed in the page (as a string: the page's CSP allows no inline script, but the DevTools protocol is not
 * governed by it). Wraps the Worker constructor so that each worker's messages are counted as the page receives them.
 */
const RECORDER = `(() => {
  const record = { longTasks: [], progress: [], workerMessages: {}, submittedAt: undefined, workerFirstMessageAt: undefined, shownAt: undefined };
  window.__verifyRecord = record;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('submit', () => { record.submittedAt = performance.now(); }, { capture: true });
  const progress = document.getElementById('progress');
  new MutationObserver(() => {
    const value = progress.getAttribute('value');
    if (record.submittedAt !== undefined && value !== null) record.progress.push(Number(value));
  }).observe(progress, { attributes: true, attributeFilter: ['value'] });
  const summary = document.getElementById('summary');
  new MutationObserver(() => {
    if (!summary.hidden && record.shownAt === undefined) record.shownAt = performance.now();
  }).observe(summary, { attributes: true, attributeFilter: ['hidden'] });
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (record.workerFirstMessageAt === undefined) record.workerFirstMessageAt = performance.now();
        const type = String(event.data && event.data.type);
        record.workerMessages[type] = (record.workerMessages[type] || 0) + 1;
      });
    }
  };
})()`;

/**
 * Slows the page's CPU `rate` times (Emulation.setCPUThrottlingRate), and returns the DevTools session, which must
 * stay open for the setting to hold.
 */
export async function slowCpu(page: Page, rate: number = CPU_SLOWDOWN): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/**
 * On a loaded verify.html: pastes the pinned key (and a receipt), presses verify, waits up to `timeoutMs` for the
 * summary, and returns what the page showed and recorded.
 * @example const run = await verifyWithRecorder(page, pem, receipt, 60_000)
 */
export async function verifyWithRecorder(page: Page, pem: string, receipt: string | undefined, timeoutMs: number): Promise<PageVerifyRun> {
  await page.evaluate(RECORDER);
  await page.getByLabel(/Khóa công khai của xã/).fill(pem);
  if (receipt) await page.getByLabel(/Mã biên nhận của phiếu/).fill(receipt);
  await page.getByRole('button', { name: 'Kiểm tra / Verify' }).click();
  const summary = page.locator('#summary');
  await summary.waitFor({ state: 'visible', timeout: timeoutMs });
  const rows: Record<number, string | null> = {};
  for (let step = 1; step <= 9; step++) rows[step] = await page.locator(`#check-${step}`).getAttribute('data-state');
  const record = (await page.evaluate('window.__verifyRecord')) as {
    longTasks: LongTask[];
    progress: number[];
    workerMessages: Record<string, number>;
    submittedAt: number;
    workerFirstMessageAt: number;
    shownAt: number;
  };
  const longTasks = record.longTasks
    .filter((t) => t.start + t.duration > record.submittedAt)
    .map((t) => ({ start: t.start - record.submittedAt, duration: t.duration }));
  return {
    rows,
    summary: await summary.innerText(),
    verdict: await summary.getAttribute('data-state'),
    seconds: (record.shownAt - record.submittedAt) / 1000,
    workerFirstMessageSeconds: (record.workerFirstMessageAt - record.submittedAt) / 1000,
    longTasks,
    longestTaskMs: Math.max(0, ...longTasks.map((t) => t.duration)),
    busyMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
    progress: record.progress,
    workerMessages: record.workerMessages,
  };
}

/** Writes `c/<id>/verify.html` and the empty attestation list beside a generated bundle, as closeAndPublish does. */
export async function writeVerifyPage(bundle: GeneratedBundle, url?: string): Promise<void> {
  await writeFile(join(bundle.dir, 'verify.html'), verifyPage({ consultation: bundle.consultation, kid: bundle.kid, ...(url ? { url } : {}) }));
  await mkdir(join(bundle.dir, 'attestations'), { recursive: true });
  await writeFile(join(bundle.dir, 'attestations', 'index.json'), '[]');
}

/** A site folder served as the local system serves it (staticSite) on 127.0.0.1 at a free port. */
async function serveFolder(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const app = new Hono();
  app.get('*', staticSite(root));
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface VerifyPageBenchOptions {
  /** A scratch folder for the site. */
  dir: string;
  ballots: number;
  log: (line: string) => void;
}

export interface VerifyPageBench {
  bundle: GeneratedBundle;
  run: PageVerifyRun;
}

/**
 * Generates a signed bundle, publishes it with the page's scripts into a site folder, serves it, and verifies it
 * once in a phone-sized Chromium page with the CPU slowed CPU_SLOWDOWN times.
 */
export async function verifyPageBench({ dir, ballots, log }: VerifyPageBenchOptions): Promise<VerifyPageBench> {
  const bundle = await generateBundle(dir, ballots);
  log(`bundle: ${ballots.toLocaleString('en')} ballots, ${(bundle.bytes / 1e6).toFixed(0)} MB, generated in ${bundle.seconds.toFixed(1)} s`);
  for (const [path, bytes] of Object.entries(await buildWebAssets())) {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  await writeVerifyPage(bundle);
  const site = await serveFolder(dir);
  const browser: Browser = await launchChromium();
  try {
    const { page, errors, close } = await phonePage(browser);
    await page.goto(`${site.origin}/c/${bundle.consultation.id}/verify.html`);
    const cdp = await slowCpu(page);
    const run = await verifyWithRecorder(page, readFileSync(bundle.keyFile, 'utf8'), bundle.middle.receipt, 10 * 60_000);
    await cdp.detach();
    await close();
    const failed = Object.entries(run.rows).filter(([, state]) => state !== 'pass');
    if (run.verdict !== 'pass' || failed.length) throw new Error(`the verify page did not pass every check: ${run.summary}`);
    if (errors.length) throw new Error(`the verify page logged errors: ${errors.join('; ')}`);
    return { bundle, run };
  } finally {
    await browser.close();
    await site.close();
  }
}
