/**
 * Measurement 1: ballots cast through the real HTTP API (Hono on @hono/node-server, fetch with keep-alive) against
 * DynamoDB Local, beside raw TransactWriteItems of the same items castBallot writes for a first ballot (built by the
 * store's own castItems, so the two cannot drift apart), at the same concurrency levels in the same run. Then a few
 * residents vote through the pages (ballot, review, cast, receipt), with the read capacity the store consumed.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { castItems } from '../../functions/adapters/dynamo/ballot-items.ts';
import { keys, shardIds } from '../../functions/adapters/dynamo-table.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { instant } from '../../shared/time.ts';
import { answerField } from '../../web/vote/model.ts';
import { batchPut } from './ddb.ts';
import { householdId, OFFICIAL, OFFICIAL_PRINCIPAL, onlineConsultation, randomHex, recordOnlineConditions, rollCsv, yesNoAnswers } from './fixtures.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import type { Cleanup } from './sandbox.ts';
import { OPEN_AT_ONCE } from '../support/profile.ts';

export type CastPhase = Omit<LoadOptions, 'concurrency'>;

export interface CastBenchOptions {
  endpoint: string;
  cleanup: Cleanup;
  levels: number[];
  /** Bounds of the measured run at each level. */
  phase: (concurrency: number) => CastPhase;
  warmup: LoadOptions;
  log: (line: string) => void;
}

export interface CastBenchResult {
  cast: LoadResult[];
  raw: LoadResult[];
  /** DynamoDB requests the API made per ballot cast, by command (measured over the warm-up). */
  callsPerBallot: Record<string, number>;
  /** Read capacity units the store consumed per resident voting through the pages: ballot, review, cast, receipt. */
  readUnitsPerVoter: number;
  households: number;
}

/** Residents who vote through the pages after the timed runs, each on a household of their own. */
const RESIDENTS = 20;

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function castBench(options: CastBenchOptions): Promise<CastBenchResult> {
  const { cleanup, log } = options;
  const phases = options.levels.map((c) => options.phase(c));
  const households = options.warmup.maxOps + phases.reduce((n, p) => n + p.maxOps, 0) + RESIDENTS;
  const table = 'bench_cast';

  // ---- the system, served on a real HTTP server -------------------------------------------------------------
  const dataDir = cleanup.tempDir('cast');
  const sys = await buildLocalSystem({
    profile: OPEN_AT_ONCE,
    dataDir,
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: options.endpoint,
    tableName: table,
    accounts: [OFFICIAL],
    log: () => undefined,
  });
  cleanup.add('cast system', () => sys.stop());
  const calls = countCommands(sys.client);
  const capacity = meterReadUnits(sys.client);

  const server = serve({ fetch: sys.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise<void>((ok, fail) => {
    if (server.listening) return ok();
    server.once('listening', () => ok());
    server.once('error', fail);
  });
  cleanup.add(
    'http server',
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = await sys.issuer.issue(OFFICIAL);
  const api = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  log(`cast: setting up an online round of ${households} households through the API`);
  const created = await api('POST', '/api/consultations', JSON.stringify(onlineConsultation()));
  const id = created.id as string;
  await api('PUT', `/api/consultations/${id}/roll`, rollCsv(households), 'text/csv');
  // Decree 59/2023 Art. 5: the five conditions are recorded before an online round opens.
  await recordOnlineConditions(sys.core, OFFICIAL_PRINCIPAL, id, households);
  const opened = await api('POST', `/api/consultations/${id}/open`);
  const credentials = opened.credentials as Array<{ household: string; code: string }>;
  if (credentials.length !== households) throw new Error(`open gave ${credentials.length} codes for ${households} households`);
  const ballotBodies = credentials.map((c, i) => JSON.stringify({ code: c.code, answers: yesNoAnswers(i) }));

  // ---- raw: the same transaction items, written by the same SDK over its own client ---------------------------
  const rawClient = new DynamoDBClient({ endpoint: options.endpoint, region: REGION, credentials: CREDENTIALS });
  cleanup.add('raw client', () => rawClient.destroy());
  const doc = DynamoDBDocumentClient.from(rawClient, { marshallOptions: { removeUndefinedValues: true } });
  const rawId = `RAW${Date.now().toString(36).toUpperCase()}`;
  const closesAt = onlineConsultation().closesAt;
  log(`raw: seeding ${households} household slots`);
  const opensAt = instant(new Date(Date.now() - 60_000));
  const credHashes = Array.from({ length: households }, () => randomHex(32));
  await batchPut(doc, table, [
    ...shardIds.map((s) => ({ ...keys.gate(rawId, s), open: true, opensAt, closesAt })),
    ...shardIds.map((s) => ({ ...keys.counter(rawId, s), online: 0, paper: 0, meeting: 0 })),
    ...Array.from({ length: households }, (_, i) => ({ ...keys.slot(rawId, householdId(i)), credHash: credHashes[i]!, ver: 0 })),
  ]);

  let castNext = 0;
  let rawNext = 0;
  const castOnce = (offset: number) => async (seq: number) => {
    const i = offset + seq;
    const res = await fetch(`${base}/api/consultations/${id}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ballotBodies[i]!,
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`);
  };
  const rawOnce = (offset: number) => async (seq: number) => {
    const i = offset + seq;
    const ballot = { receipt: randomHex(32), answers: yesNoAnswers(i), nonce: randomHex(16) };
    const input = {
      consultationId: rawId,
      household: householdId(i),
      credentialHash: credHashes[i]!,
      channel: 'online' as const,
      ballot,
      now: instant(new Date()),
    };
    await doc.send(new TransactWriteCommand({ TransactItems: castItems(table, input, undefined).map((n) => n.item) }));
  };
  const castRun = async (o: LoadOptions) => {
    const r = await runLoad(castOnce(castNext), o);
    castNext += o.maxOps;
    return r;
  };
  const rawRun = async (o: LoadOptions) => {
    const r = await runLoad(rawOnce(rawNext), o);
    rawNext += o.maxOps;
    return r;
  };

  log(`warm-up: ${options.warmup.maxOps} raw and API casts at ${options.warmup.concurrency} in flight`);
  await rawRun(options.warmup);
  const before = calls.snapshot();
  const warm = await castRun(options.warmup);
  const delta = calls.since(before);
  const callsPerBallot = Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, v / Math.max(1, warm.ok + warm.failed)]));
  if (warm.failed) log(`warm-up: ${warm.failed} API casts failed (${warm.firstError})`);

  const cast: LoadResult[] = [];
  const raw: LoadResult[] = [];
  for (let l = 0; l < options.levels.length; l++) {
    const concurrency = options.levels[l]!;
    const bounds = { concurrency, ...phases[l]! };
    const r = await rawRun(bounds);
    log(
      `raw  x${concurrency}: ${r.ok} in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.failed ? `, ${r.failed} FAILED (${r.firstError})` : ''}`,
    );
    raw.push(r);
    const c = await castRun(bounds);
    log(
      `cast x${concurrency}: ${c.ok} in ${c.seconds.toFixed(2)} s = ${c.perSecond.toFixed(0)}/s, p50 ${c.p50Ms.toFixed(2)} ms, p99 ${c.p99Ms.toFixed(2)} ms${c.failed ? `, ${c.failed} FAILED (${c.firstError})` : ''}`,
    );
    cast.push(c);
  }

  // ---- residents through the pages: the read capacity of the journey, reported by DynamoDB itself -----------------
  log(`residents: ${RESIDENTS} households vote through the pages (ballot, review, cast, receipt)`);
  const page = async (method: 'GET' | 'POST', path: string, form?: string) => {
    const res = await fetch(base + path, {
      method,
      headers: { origin: base, ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form !== undefined ? { body: form } : {}),
    });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return html;
  };
  capacity.start();
  for (let r = households - RESIDENTS; r < households; r++) {
    const form = new URLSearchParams({ code: credentials[r]!.code, [answerField('q1')]: String(yesNoAnswers(r).q1) }).toString();
    await page('GET', `/vote/${id}`);
    await page('POST', `/vote/${id}/review`, form);
    const recorded = await page('POST', `/vote/${id}/cast`, form);
    const receipt = /id="receipt"[^>]*>\s*([0-9a-f]{64})\s*</.exec(recorded)?.[1];
    if (!receipt) throw new Error('the recorded page shows no receipt');
    await page('GET', `/vote/${id}/receipt/${receipt}`);
  }
  const readUnitsPerVoter = capacity.stop() / RESIDENTS;
  return { cast, raw, callsPerBallot, readUnitsPerVoter, households };
}

/** Read commands: their consumed capacity is all read units. */
const READS: ReadonlySet<string> = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

/**
 * While started, asks DynamoDB for the capacity each request consumed (ReturnConsumedCapacity TOTAL, which DynamoDB
 * Local reports) and sums the read units: all of a read's units, and those a write reports as read units.
 */
function meterReadUnits(client: DynamoDBClient) {
  let on = false;
  let units = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!on) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const name = String(context.commandName ?? '').replace(/Command$/, '');
      const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const c of (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<{ CapacityUnits?: number; ReadCapacityUnits?: number }>) {
        units += READS.has(name) ? (c.CapacityUnits ?? 0) : (c.ReadCapacityUnits ?? 0);
      }
      return out;
    },
    { step: 'initialize', name: 'benchReadUnitMeter' },
  );
  return {
    start: () => {
      on = true;
      units = 0;
    },
    stop: () => {
      on = false;
      return units;
    },
  };
}

/** Counts the requests a client sends, by command name (the DocumentClient shares its client's stack). */
function countCommands(client: DynamoDBClient) {
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return {
    snapshot: () => ({ ...counts }),
    since: (before: Record<string, number>): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(counts)) if (v > (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
      return out;
    },
  };
}
