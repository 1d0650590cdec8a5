/**
 * Measurement 1: ballots cast through the real HTTP API (Hono on @hono/node-server, fetch with keep-alive) against
 * DynamoDB Local, beside raw TransactWriteItems of the same items castBallot writes for a first ballot, at the
 * same concurrency levels in the same run.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { householdShard, keys, receiptShard, shardIds } from '../../functions/adapters/dynamo-table.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { instant } from '../../shared/time.ts';
import { batchPut } from './ddb.ts';
import { householdId, OFFICIAL, OFFICIAL_PRINCIPAL, onlineConsultation, randomHex, recordOnlineConditions, rollCsv, yesNoAnswers } from './fixtures.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import type { Cleanup } from './sandbox.ts';
import { OPEN_AT_ONCE } from '../support/profile.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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
  households: number;
}

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function castBench(options: CastBenchOptions): Promise<CastBenchResult> {
  const { cleanup, log } = options;
  const phases = options.levels.map((c) => options.phase(c));
  const households = options.warmup.maxOps + phases.reduce((n, p) => n + p.maxOps, 0);
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
  await batchPut(doc, table, [
    ...shardIds.map((s) => ({ ...keys.gate(rawId, s), open: true, closesAt })),
    ...shardIds.map((s) => ({ ...keys.counter(rawId, s), online: 0, paper: 0, meeting: 0 })),
    ...Array.from({ length: households }, (_, i) => ({ ...keys.slot(rawId, householdId(i)), credHash: randomHex(32), ver: 0 })),
  ]);

  const firstBallotItems = (household: string, receipt: string, answers: Record<string, unknown>, nonce: string, now: string): TransactItem[] => [
    {
      ConditionCheck: {
        TableName: table,
        Key: keys.gate(rawId, receiptShard(receipt)),
        ConditionExpression: '#open = :t AND closesAt > :now',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':t': true, ':now': now },
      },
    },
    {
      Update: {
        TableName: table,
        Key: keys.slot(rawId, household),
        UpdateExpression: 'SET receipt = :r, channel = :ch, votedAt = :now, ver = ver + :one',
        ConditionExpression: 'ver = :ver',
        ExpressionAttributeValues: { ':r': receipt, ':ch': 'online', ':now': now, ':ver': 0, ':one': 1 },
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...keys.ballot(rawId, receipt), answers, nonce, status: 'counted' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: table,
        Key: keys.counter(rawId, householdShard(household)),
        UpdateExpression: 'ADD #online :one',
        ExpressionAttributeNames: { '#online': 'online' },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];

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
    const receipt = randomHex(32);
    const items = firstBallotItems(householdId(i), receipt, yesNoAnswers(i), randomHex(16), instant(new Date()));
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
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
  return { cast, raw, callsPerBallot, households };
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
