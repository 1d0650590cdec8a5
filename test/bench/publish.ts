/**
 * Measurement 2: closeAndPublish on consultations of N ballots. The ballots are written straight through the
 * store's castBallot (many in flight); only closeAndPublish is timed.
 */
import { performance } from 'node:perf_hooks';
import { createConsultation, uploadRoll } from '../../functions/core/consultations.ts';
import { closeAndPublish } from '../../functions/core/publishing.ts';
import { openVoting } from '../../functions/core/voting.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { receiptOf } from '../../shared/receipt.ts';
import { instant } from '../../shared/time.ts';
import { householdId, nodeSha256, OFFICIAL, OFFICIAL_PRINCIPAL, randomHex, roadAnswers, roadConsultation, roll } from './fixtures.ts';
import { runLoad } from './load.ts';
import type { Cleanup } from './sandbox.ts';

export interface PublishBenchOptions {
  endpoint: string;
  cleanup: Cleanup;
  sizes: number[];
  /** In-flight castBallot calls while filling. */
  fillConcurrency: number;
  /** Give up filling a consultation after this long. */
  fillMaxMs: number;
  log: (line: string) => void;
}

export interface PublishResult {
  ballots: number;
  seconds: number;
  fillSeconds: number;
}

export async function publishBench(options: PublishBenchOptions): Promise<PublishResult[]> {
  const { cleanup, log } = options;
  const dataDir = cleanup.tempDir('publish');
  const sys = await buildLocalSystem({
    dataDir,
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: options.endpoint,
    tableName: 'bench_publish',
    accounts: [OFFICIAL],
    log: () => undefined,
  });
  cleanup.add('publish system', () => sys.stop());
  const { core } = sys;

  const results: PublishResult[] = [];
  for (const n of options.sizes) {
    const rec = await createConsultation(core, OFFICIAL_PRINCIPAL, roadConsultation());
    const id = rec.consultation.id;
    await uploadRoll(core, OFFICIAL_PRINCIPAL, id, roll(n));
    await openVoting(core, OFFICIAL_PRINCIPAL, id);

    const t0 = performance.now();
    const fill = await runLoad(
      async (i) => {
        const answers = roadAnswers(i);
        const nonce = randomHex(16);
        const ballot = { answers, nonce, receipt: receiptOf(id, answers, nonce, nodeSha256) };
        await core.store.castBallot({ consultationId: id, household: householdId(i), channel: i % 20 === 0 ? 'paper' : 'online', ballot, now: instant(new Date()) });
      },
      { concurrency: options.fillConcurrency, maxOps: n, maxMs: options.fillMaxMs },
    );
    const fillSeconds = (performance.now() - t0) / 1000;
    if (fill.ok !== n) {
      throw new Error(`publish: only ${fill.ok} of ${n} ballots were written in ${fillSeconds.toFixed(1)} s${fill.firstError ? ` (${fill.firstError})` : ''}`);
    }
    log(`publish: ${n} ballots written in ${fillSeconds.toFixed(1)} s (${fill.perSecond.toFixed(0)}/s through castBallot)`);

    const t1 = performance.now();
    const out = await closeAndPublish(core, OFFICIAL_PRINCIPAL, id, 'manual');
    const seconds = (performance.now() - t1) / 1000;
    if (out.state !== 'published') throw new Error(`publish: closeAndPublish ended in ${out.state}`);
    log(`publish: closeAndPublish of ${n} ballots took ${seconds.toFixed(2)} s`);
    results.push({ ballots: n, seconds, fillSeconds });
  }
  return results;
}
