/**
 * Measurement 2b: the closer's work on a consultation of 100,000 and 1,000,000 households, each in a child process
 * of its own so that its peak resident memory can be taken (as verify.ts does for the CLI).
 *
 * The child makes the store's input directly (TallyInput: the roll, one participant and one final ballot with its
 * receipt per household, one in twenty on paper), as readForTally would return it, rather than casting a million
 * ballots through DynamoDB. Timed: what closeAndPublishHeld does with it, i.e. resultBundle (recount, ballots.json,
 * roll.json, participants.json, the Merkle root, the manifest), signing the manifest, and writing every bundle file,
 * result.json, ballots.csv and tally.csv with the local FsPublisher into a folder. The peak memory reported is the
 * child's resident high-water mark during that work with its input live (reset once the input is made and collected;
 * Linux), beside the whole life's (GNU time) and the input's alone. `--impl reference` runs the in-memory builder kept in test/support (each file as
 * one string, the pure-TypeScript SHA-256, as the closer did before), for the before/after figures.
 *
 * Also runnable by hand: node --import tsx test/bench/close.ts --child --n 100000 --dir <folder> [--impl reference]
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FsPublisher } from '../../functions/adapters/fs-publisher.ts';
import { ballotsCsvBytes, resultBundle } from '../../functions/core/result-bundle.ts';
import type { TallyInput } from '../../functions/core/store.ts';
import { sealEvent } from '../../shared/audit.ts';
import { signBundle } from '../../shared/bundle.ts';
import { jwkThumbprint, spkiToJwk } from '../../shared/jws.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Answers, AuditEvent, Ballot, Channel, Manifest, Participant } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { ballotsCsv, tallyCsv } from '../../web/open-data.ts';
import { referenceResultBundle } from '../support/reference-bundle.ts';
import { householdId, nodeSha256 } from './fixtures.ts';
import { benchConsultation } from './verify.ts';

const here = fileURLToPath(import.meta.url);
const IMMUTABLE = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' };
const SHORT_CSV = { contentType: 'text/csv; charset=utf-8', cacheControl: 'public, max-age=60' };

export interface CloseRun {
  impl: 'stream' | 'reference';
  households: number;
  /** The closer's work, timed inside the child (input generation excluded). */
  seconds: number;
  /** Peak resident set size of the child over its whole life (input generation included), MB. */
  peakMb?: number;
  /** Peak resident set size during the close alone, its input live (Linux clear_refs), MB. */
  closePeakMb?: number;
  how: string;
  bundleMb?: number;
  /** Resident memory with the input made and collected, before the close: what the store's input alone takes. */
  inputMb?: number;
  error?: string;
}

const HOURS = ['closes-20h', 'closes-21h', 'closes-22h'];

function answersOf(i: number): Answers {
  const r = (i * 2654435761) >>> 0;
  return { q1: r % 10 < 7 ? 'yes' : r % 10 < 9 ? 'no' : 'abstain', q2: r % 17 === 0 ? 'abstain' : HOURS[(r >>> 8) % HOURS.length]! };
}

/** The child: makes the input, runs the closer's work, prints one JSON line. */
async function child(n: number, dir: string, impl: CloseRun['impl']): Promise<void> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const consultation = benchConsultation(now);
  const cid = consultation.id;
  const rollIds = new Array<string>(n);
  const participants = new Array<Participant>(n);
  const ballots = new Array<Ballot>(n);
  const nonces = randomBytes(16 * n);
  for (let i = 0; i < n; i++) {
    const id = householdId(i);
    rollIds[i] = id;
    const channel: Channel = i % 20 === 0 ? 'paper' : 'online';
    participants[i] = { id, channel };
    const answers = answersOf(i);
    const nonce = nonces.toString('hex', 16 * i, 16 * i + 16);
    // Flat, as a string parsed from the store is (receiptOf's hex is built piece by piece).
    ballots[i] = { answers, nonce, receipt: Buffer.from(receiptOf(cid, answers, nonce, nodeSha256), 'latin1').toString('latin1') };
  }
  const input: TallyInput = { rollIds, participants, ballots };
  const official = { role: 'official' as const, id: 'bench-official' };
  const at = (minutesAgo: number) => instant(new Date(now.getTime() - minutesAgo * 60_000));
  const audit: AuditEvent[] = [];
  for (const d of [
    { at: at(2000), actor: official, action: 'created', data: { consultationId: cid, title: consultation.title } },
    { at: at(1440), actor: official, action: 'voting_opened', data: { households: n, credentialsIssued: n } },
    { at: at(1), actor: { role: 'system' as const, id: 'scheduler' }, action: 'closed', data: { consultationId: cid, reason: 'scheduled' } },
  ]) {
    audit.push(sealEvent(audit.at(-1), d, nodeSha256));
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = jwkThumbprint(spkiToJwk(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))), nodeSha256);
  const publisher = new FsPublisher(dir, 'http://127.0.0.1:9/');
  const closing = { audit, closedAt: at(1), publishedAt: instant(now) };
  // The input as the store hands it over, without the garbage of making it: collected, then the kernel's high-water
  // mark of resident memory reset, so that the peak read at the end is the close's with its input live.
  (globalThis as { gc?: () => void }).gc?.();
  const phase = resetPeak();
  const inputMb = process.memoryUsage().rss / 2 ** 20;

  const t0 = performance.now();
  // As closeAndPublishHeld: the recount and the bundle, its signature, then the files.
  const bundle = impl === 'reference' ? referenceResultBundle(consultation, input, closing) : resultBundle(consultation, input, closing, nodeSha256);
  sha256(bundle.manifestBytes);
  const jws = await signBundle(bundle.manifestBytes, kid, async (m) => new Uint8Array(sign('sha256', m, { key: privateKey, dsaEncoding: 'ieee-p1363' })));
  const site = `c/${cid}/`;
  let bytes = 0;
  for (const [name, data] of Object.entries(bundle.files)) {
    await publisher.put(site + name, data, IMMUTABLE);
    bytes += data.length;
  }
  await publisher.put(`${site}result.json`, bundle.manifestBytes, IMMUTABLE);
  const csv = impl === 'reference' ? ballotsCsv(input.ballots, consultation.questions) : ballotsCsvBytes(input.ballots, consultation.questions);
  await publisher.put(`${site}ballots.csv`, csv, SHORT_CSV);
  await publisher.put(`${site}tally.csv`, tallyCsv(bundle.manifest as Manifest), SHORT_CSV);
  await publisher.put(`${site}result.jws`, jws, IMMUTABLE);
  const seconds = (performance.now() - t0) / 1000;
  if (bundle.manifest.ballots.count !== n) throw new Error(`the bundle counts ${bundle.manifest.ballots.count} ballots, not ${n}`);
  const closePeakMb = phase ? peakKb() / 1024 : undefined;
  process.stdout.write(`${JSON.stringify({ seconds, bundleMb: bytes / 1e6, closePeakMb, inputMb })}\n`);
}

/** This process's peak resident memory (VmHWM), kB. */
function peakKb(): number {
  return Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
}

/** Resets the kernel's peak resident memory of this process to its current size (Linux); false where it cannot. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const TIME = '/usr/bin/time';

/** Runs one close of `n` households in a child process; its wall time inside, and its peak memory from outside. */
export async function runClose(repo: string, scratch: string, n: number, impl: CloseRun['impl'], timeoutMs: number): Promise<CloseRun> {
  const dir = join(scratch, `${impl}-${n}`);
  const node = [process.execPath, '--expose-gc', '--import', 'tsx', here, '--child', '--n', String(n), '--dir', dir, '--impl', impl];
  const timeFile = join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const useTime = existsSync(TIME) && process.env.BENCH_NO_GNU_TIME !== '1';
  const [cmd, ...args] = useTime ? [TIME, '-f', '%e %M', '-o', timeFile, ...node] : node;
  const proc = spawn(cmd!, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (b: Buffer) => (output += b.toString('utf8')));
  proc.stderr!.on('data', (b: Buffer) => (output += b.toString('utf8')));
  let hwmKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
          if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          /* gone */
        }
      }, 10);
  const killer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => {
    proc.once('error', () => done(null));
    proc.once('close', (c) => done(c));
  });
  clearTimeout(killer);
  if (poll) clearInterval(poll);
  let peakMb: number | undefined;
  let how = '/proc VmHWM polling';
  if (useTime) {
    how = 'GNU time %M';
    try {
      const [, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2);
      if (kb && /^\d+$/.test(kb)) peakMb = Number(kb) / 1024;
    } catch {
      /* no report */
    }
  } else if (hwmKb > 0) peakMb = hwmKb / 1024;
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"seconds"'));
  const base = { impl, households: n, how, ...(peakMb !== undefined ? { peakMb } : {}) };
  if (code !== 0 || !line) return { ...base, seconds: Number.NaN, error: `exit ${code}: ${output.slice(-1500)}` };
  const { seconds, bundleMb, closePeakMb, inputMb } = JSON.parse(line) as { seconds: number; bundleMb: number; closePeakMb?: number; inputMb: number };
  return { ...base, seconds, bundleMb, inputMb, ...(closePeakMb !== undefined ? { closePeakMb } : {}) };
}

if (process.argv[1] === here && process.argv.includes('--child')) {
  const { values } = parseArgs({
    options: { child: { type: 'boolean' }, n: { type: 'string' }, dir: { type: 'string' }, impl: { type: 'string', default: 'stream' } },
  });
  await child(Number(values.n), values.dir!, values.impl === 'reference' ? 'reference' : 'stream');
}
