/**
 * Measurement 6: opening an online round of N households through the real HTTP API (Hono on @hono/node-server)
 * against DynamoDB Local, as an official does it: the roll uploaded as CSV, the five Decree 59/2023 Art. 5
 * conditions recorded, the round opened early with a reason, then every page of codes fetched. Three figures: the
 * roll upload, the opening (the same POST again while it answers 202), and the pages of codes that follow it (`next`
 * until absent). Every household must come out with exactly one code.
 *
 * A small round is opened first, unreported: the first opening of the process pays for loading its code.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { OFFICIAL, onlineConditions, onlineConsultation, rollCsv } from './fixtures.ts';
import type { Cleanup } from './sandbox.ts';

export interface OpenBenchOptions {
  endpoint: string;
  cleanup: Cleanup;
  households: number;
  /** Households of the unreported warm-up round. */
  warmup: number;
  log: (line: string) => void;
}

export interface OpenBenchResult {
  households: number;
  rollSeconds: number;
  /** The opening alone: POST .../open until it answers 200. */
  openSeconds: number;
  /** Calls the opening took (each 202 is one more). */
  openCalls: number;
  /** The pages of codes after the opening's answer: GET `next` until absent. */
  codesSeconds: number;
  codePages: number;
}

/** The reason an official gives to open before the disclosure period is over (api.md's POST /open). */
const OVERRIDE = JSON.stringify({ override: { reason: 'Hội nghị thôn đã thống nhất biểu quyết ngay.' } });

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export async function openBench(options: OpenBenchOptions): Promise<OpenBenchResult> {
  const { cleanup, log } = options;

  // The commune's default profile: a round has a disclosure period, so opening at once takes the override.
  const sys = await buildLocalSystem({
    dataDir: cleanup.tempDir('open'),
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: options.endpoint,
    tableName: 'bench_open',
    accounts: [OFFICIAL],
    log: () => undefined,
  });
  cleanup.add('open system', () => sys.stop());

  const server = serve({ fetch: sys.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise<void>((ok, fail) => {
    if (server.listening) return ok();
    server.once('listening', () => ok());
    server.once('error', fail);
  });
  cleanup.add(
    'open http server',
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = await sys.issuer.issue(OFFICIAL);
  /** One call as the official; any status but `expected` fails the bench. */
  const api = async (method: string, path: string, expected: number[], body?: string, type = 'application/json'): Promise<Answer> => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  };

  const round = async (n: number): Promise<OpenBenchResult> => {
    const created = await api('POST', '/api/consultations', [201], JSON.stringify(onlineConsultation()));
    const id = created.body.id as string;
    const csv = rollCsv(n);

    const t0 = performance.now();
    while ((await api('PUT', `/api/consultations/${id}/roll`, [200, 202], csv, 'text/csv')).status !== 200);
    const rollSeconds = (performance.now() - t0) / 1000;

    // Decree 59/2023 Art. 5: the five conditions are recorded before an online round opens (not timed).
    for (const condition of onlineConditions(n)) await api('POST', `/api/consultations/${id}/online-conditions`, [201], JSON.stringify(condition));

    const t1 = performance.now();
    let openCalls = 0;
    let opened: Answer;
    do {
      opened = await api('POST', `/api/consultations/${id}/open`, [200, 202], OVERRIDE);
      openCalls++;
    } while (opened.status === 202);
    const openSeconds = (performance.now() - t1) / 1000;

    const t2 = performance.now();
    const households = new Set<string>();
    let codes = 0;
    let codePages = 0;
    let page = opened.body;
    for (;;) {
      for (const c of page.credentials as Array<{ household: string; code: string }>) {
        households.add(c.household);
        codes++;
      }
      const next = page.next as string | undefined;
      if (next === undefined) break;
      page = (await api('GET', next, [200])).body;
      codePages++;
    }
    const codesSeconds = (performance.now() - t2) / 1000;
    if (codes !== n || households.size !== n) throw new Error(`open: ${codes} codes for ${households.size} households of ${n}`);
    return { households: n, rollSeconds, openSeconds, openCalls, codesSeconds, codePages };
  };

  const warm = await round(options.warmup);
  log(
    `warm-up: ${warm.households} households uploaded, opened and their codes fetched in ${(warm.rollSeconds + warm.openSeconds + warm.codesSeconds).toFixed(2)} s`,
  );
  const r = await round(options.households);
  log(`roll: ${r.households.toLocaleString('en')} households uploaded in ${r.rollSeconds.toFixed(2)} s`);
  log(`open: ${r.openSeconds.toFixed(2)} s in ${r.openCalls} call(s); codes: ${r.codePages} more page(s) in ${r.codesSeconds.toFixed(2)} s`);
  return r;
}
