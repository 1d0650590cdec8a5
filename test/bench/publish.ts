/**
 * Measurement 2: closeAndPublish on consultations of N ballots. Only closeAndPublish is timed.
 *
 * The round is an Art. 15(6) matter voted online (a contribution may not be: Law 10/2022 Art. 17(2)), so no
 * contribution schedule is published at its close. It is made, given its roll, its Decree 59/2023 Art. 5 conditions
 * and opened by the real use cases; the ballots are then written in bulk
 * as exactly the items castBallot leaves behind for a first ballot (ballot item, slot pointing at it, turnout
 * counters), because casting 10,000 ballots one transaction at a time takes over a minute on DynamoDB Local.
 * The published result is checked to count every ballot (the recount refuses to sign if slots and ballots disagree).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { householdShard, keys, shardIds } from '../../functions/adapters/dynamo-table.ts';
import { createConsultation, uploadRoll } from '../../functions/core/consultations.ts';
import { closeAndPublish } from '../../functions/core/publishing.ts';
import { openVoting } from '../../functions/core/voting.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Channel } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { batchPut, queryPartition } from './ddb.ts';
import { nodeSha256, OFFICIAL, OFFICIAL_PRINCIPAL, onlineConsultation, randomHex, recordOnlineConditions, roll, yesNoAnswers } from './fixtures.ts';
import type { Cleanup } from './sandbox.ts';
import { OPEN_AT_ONCE } from '../support/profile.ts';

export interface PublishBenchOptions {
  endpoint: string;
  cleanup: Cleanup;
  sizes: number[];
  /** Ballots of the unreported warm-up close. */
  warmup: number;
  log: (line: string) => void;
}

export interface PublishResult {
  ballots: number;
  seconds: number;
  fillSeconds: number;
}

export async function publishBench(options: PublishBenchOptions): Promise<PublishResult[]> {
  const { cleanup, log } = options;
  const table = 'bench_publish';
  const dataDir = cleanup.tempDir('publish');
  const sys = await buildLocalSystem({
    profile: OPEN_AT_ONCE,
    dataDir,
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: options.endpoint,
    tableName: table,
    accounts: [OFFICIAL],
    log: () => undefined,
  });
  cleanup.add('publish system', () => sys.stop());
  const { core } = sys;
  const client = new DynamoDBClient({ endpoint: options.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  cleanup.add('publish fill client', () => client.destroy());
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

  const results: PublishResult[] = [];
  // The first close of the process pays for loading and compiling the publishing code: a small one first, unreported.
  const rounds = [{ n: options.warmup, report: false }, ...options.sizes.map((n) => ({ n, report: true }))];
  for (const { n, report } of rounds) {
    const t0 = performance.now();
    const rec = await createConsultation(core, OFFICIAL_PRINCIPAL, onlineConsultation());
    const id = rec.consultation.id;
    await uploadRoll(core, OFFICIAL_PRINCIPAL, id, roll(n));
    await recordOnlineConditions(core, OFFICIAL_PRINCIPAL, id, n);
    await openVoting(core, OFFICIAL_PRINCIPAL, id);
    await fillBallots(doc, table, id, n);
    const fillSeconds = (performance.now() - t0) / 1000;
    log(`publish: consultation of ${n} households opened and ${n} ballots written in ${fillSeconds.toFixed(1)} s`);

    const t1 = performance.now();
    const out = await closeAndPublish(core, OFFICIAL_PRINCIPAL, id, 'manual');
    const seconds = (performance.now() - t1) / 1000;
    if (out.state !== 'published') throw new Error(`publish: closeAndPublish ended in ${out.state}`);
    const manifest = JSON.parse(readFileSync(join(dataDir, 'site', 'c', id, 'result.json'), 'utf8')) as { ballots: { count: number } };
    if (manifest.ballots.count !== n) throw new Error(`publish: the published result counts ${manifest.ballots.count} ballots, not ${n}`);
    log(`publish: closeAndPublish of ${n} ballots took ${seconds.toFixed(2)} s${report ? '' : ' (warm-up)'}`);
    if (report) results.push({ ballots: n, seconds, fillSeconds });
  }
  return results;
}

/**
 * One first ballot per household on the frozen roll, as castBallot writes it: the ballot item (status counted),
 * the household's slot pointing at its receipt with channel and time, and the shard's turnout counter. One in
 * twenty is a paper ballot the committee entered for its household (as an online round allows), the rest online.
 */
async function fillBallots(doc: DynamoDBDocumentClient, table: string, id: string, n: number): Promise<void> {
  const now = instant(new Date());
  const slots = (await Promise.all(shardIds.map((s) => queryPartition(doc, table, `S#${id}#${s}`)))).flat().filter((i) => i.sk !== '#COUNT');
  if (slots.length !== n) throw new Error(`publish: ${slots.length} household slots after opening, expected ${n}`);
  const counters = new Map(shardIds.map((s) => [s, { online: 0, paper: 0, meeting: 0 }]));
  const items: Array<Record<string, unknown>> = [];
  slots.forEach((slot, i) => {
    const household = slot.sk as string;
    const channel: Channel = i % 20 === 0 ? 'paper' : 'online';
    const answers = yesNoAnswers(i);
    const nonce = randomHex(16);
    const receipt = receiptOf(id, answers, nonce, nodeSha256);
    items.push({ ...keys.ballot(id, receipt), answers, nonce, status: 'counted' });
    items.push({ ...slot, receipt, channel, votedAt: now, ver: (slot.ver as number) + 1 });
    counters.get(householdShard(household))![channel]++;
  });
  for (const s of shardIds) items.push({ ...keys.counter(id, s), ...counters.get(s)! });
  await batchPut(doc, table, items);
}
