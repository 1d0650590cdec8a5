import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyRequest, WorkerMessage } from '../../web/verify/protocol.ts';
import { runVerification } from '../../web/verify/run.ts';
import { expected, pinnedPem, readCopy, VECTORS_DIR } from '../support/vectors.ts';

/** A copy's files as the page sends them to the worker: one ArrayBuffer each, of exactly the file's bytes. */
async function requestFor(copy: string, key: VerifyRequest['key'], receipt?: string): Promise<VerifyRequest> {
  const files = Object.fromEntries(Object.entries(await readCopy(copy)).map(([name, bytes]) => [name, bytes.slice().buffer]));
  return { files, key, ...(receipt ? { receipt } : {}) };
}

async function run(request: VerifyRequest, now?: () => number): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  await runVerification(request, (m) => messages.push(m), now);
  return messages;
}

function reportOf(messages: WorkerMessage[]) {
  const last = messages.at(-1);
  if (last?.type !== 'done') throw new Error(`the last message is ${JSON.stringify(last)}`);
  return last.report;
}

const results = (messages: WorkerMessage[]) => Object.fromEntries(reportOf(messages).checks.map((c) => [String(c.step), c.ok]));

describe('the verify worker, run in Node', () => {
  it('passes the good vectors under the pinned key, and proves the voter receipt is included', async () => {
    const messages = await run(await requestFor('good', { pinned: pinnedPem }, expected.receipt.receipt));
    expect(results(messages)).toEqual(expected.copies.good!.checks);
    const report = reportOf(messages);
    expect(report.ok).toBe(true);
    expect(report.inclusion).toEqual(expected.receipt);
  });

  it.each(['2-file-hash', '7-tally'])('fails exactly the check that the tampered copy %s breaks', async (copy) => {
    const messages = await run(await requestFor(copy, { pinned: pinnedPem }));
    expect(results(messages)).toEqual(expected.copies[copy]!.checks);
    expect(reportOf(messages).ok).toBe(false);
  });

  it('reports progress through the nine steps in order, each reaching its end, before the report', async () => {
    const messages = await run(await requestFor('good', { pinned: pinnedPem }));
    const progress = messages.filter((m): m is Extract<WorkerMessage, { type: 'progress' }> => m.type === 'progress');
    expect(messages.findIndex((m) => m.type === 'done')).toBe(messages.length - 1);
    const steps = progress.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    for (let step = 1; step <= 9; step++)
      expect(
        progress.some((p) => p.step === step && p.fraction === 1),
        `step ${step}`,
      ).toBe(true);
  });

  it('sends at most one message per step between its start and end while the clock stands still', async () => {
    const messages = await run(await requestFor('good', { pinned: pinnedPem }), () => 0);
    const middle = messages.filter((m) => m.type === 'progress' && m.fraction > 0 && m.fraction < 1);
    expect(middle).toEqual([]);
  });

  it("falls back to the site JWKS with the verifier's warning that the key was not pinned", async () => {
    const jwks = JSON.parse(readFileSync(join(VECTORS_DIR, expected.key.jwks), 'utf8')) as { keys: JsonWebKey[] };
    const report = reportOf(await run(await requestFor('good', { jwks })));
    expect(report.ok).toBe(true);
    expect(report.checks[0]!.warnings?.join(' ')).toMatch(/not pinned/);
  });

  it('fails step 1, not the worker, on a pinned key that is not a key, and reports a missing file where it is needed', async () => {
    const request = await requestFor('good', { pinned: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' });
    delete request.files['audit.jsonl'];
    const report = reportOf(await run(request));
    expect(report.checks.filter((c) => !c.ok).map((c) => c.step)).toEqual([1, 2, 8]);
  });
});
