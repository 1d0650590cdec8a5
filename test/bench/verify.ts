/**
 * Measurement 3: `danban verify` on a bundle of a million ballots. The bundle is made here with the project's own
 * buildBundle + signBundle and a throwaway P-256 key, then the CLI runs as a child process and we take its wall
 * time and peak resident memory.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ulidAt } from '../../functions/adapters/system.ts';
import { sealEvent } from '../../shared/audit.ts';
import { buildBundle, signBundle } from '../../shared/bundle.ts';
import { toHex } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { jwkThumbprint, spkiToJwk, spkiToPem } from '../../shared/jws.ts';
import type { OnlineCondition } from '../../shared/online-conditions.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Answers, AuditEvent, Ballot, Channel, Consultation, Participant } from '../../shared/schemas.ts';
import { tally } from '../../shared/tally.ts';
import { instant } from '../../shared/time.ts';
import { COMMUNE, householdId, nodeSha256, onlineConditions, onlineConsultation } from './fixtures.ts';

export interface GeneratedBundle {
  dir: string;
  keyFile: string;
  /** The signing key's RFC 7638 thumbprint (the `kid` of result.jws). */
  kid: string;
  consultation: Consultation;
  ballots: number;
  /** A receipt in the bundle, to look up with --receipt. */
  someReceipt: string;
  /** The receipt halfway down ballots.json (sorted by receipt) and its 0-based position there. */
  middle: { receipt: string; index: number };
  seconds: number;
  bytes: number;
}

// Ids as long as the earlier bundle's (level-100k ...), so that its size stays comparable across runs.
const HOURS = ['closes-20h', 'closes-21h', 'closes-22h'];

/**
 * A published consultation: the online round of the benchmarks (an Art. 15(6) matter; a contribution is never voted
 * online) with a second, single-choice question of three options under a plurality.
 */
export function benchConsultation(now: Date): Consultation {
  const input = onlineConsultation(new Date(now.getTime() - 24 * 3600_000));
  return {
    id: ulidAt(now.getTime(), randomBytes(10)),
    commune: COMMUNE,
    ...input,
    questions: [
      ...input.questions,
      {
        id: 'q2',
        type: 'single',
        text: 'Giờ đóng cửa nhà văn hóa vào ngày thường?',
        options: HOURS.map((id, i) => ({ id, label: `${20 + i} giờ` })),
        rule: { base: 'plurality' },
      },
    ],
  };
}

function answersOf(i: number): Answers {
  // A cheap deterministic spread, so that the counts are not all one option.
  const r = (i * 2654435761) >>> 0;
  const q1 = r % 10 < 7 ? 'yes' : r % 10 < 9 ? 'no' : 'abstain';
  const q2 = r % 17 === 0 ? 'abstain' : HOURS[(r >>> 8) % HOURS.length]!;
  return { q1, q2 };
}

/** The data of an `online_condition_recorded` event as recordOnlineCondition logs it: no team member's name. */
function conditionData(c: OnlineCondition, eligible: number): Record<string, unknown> {
  if (c.condition !== 'team') return { ...c, ...(c.condition === 'poll' ? { eligible } : {}) };
  return {
    condition: 'team',
    size: c.members.length,
    roles: c.members.map((m) => m.role),
    leaderRole: c.members.find((m) => m.name === c.leader)!.role,
    membersHash: toHex(nodeSha256(jcsBytes(c.members))),
    ...(c.date ? { date: c.date } : {}),
    ...(c.reference ? { reference: c.reference } : {}),
  };
}

/** Writes a signed bundle of `n` ballots (every household on a roll of `n` votes) into `dir`. */
export async function generateBundle(dir: string, n: number): Promise<GeneratedBundle> {
  const t0 = performance.now();
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
    // An online round: codes, and a paper ballot the committee entered for one household in twenty.
    const channel: Channel = i % 20 === 0 ? 'paper' : 'online';
    participants[i] = { id, channel };
    const answers = answersOf(i);
    const nonce = nonces.toString('hex', 16 * i, 16 * i + 16);
    ballots[i] = { answers, nonce, receipt: receiptOf(cid, answers, nonce, nodeSha256) };
  }

  const official = { role: 'official' as const, id: 'bench-official' };
  const at = (minutesAgo: number) => instant(new Date(now.getTime() - minutesAgo * 60_000));
  const closedAt = at(1);
  const drafts = [
    { at: at(2000), actor: official, action: 'created', data: { consultationId: cid, title: consultation.title } },
    { at: at(1900), actor: official, action: 'roll_uploaded', data: { count: n } },
    ...onlineConditions(n, new Date(now.getTime() - 1800 * 60_000)).map((c, i) => ({
      at: at(1800 - i),
      actor: official,
      action: 'online_condition_recorded',
      data: conditionData(c, n),
    })),
    { at: at(1440), actor: official, action: 'voting_opened', data: { households: n, credentialsIssued: n } },
    { at: closedAt, actor: { role: 'system' as const, id: 'scheduler' }, action: 'closed', data: { consultationId: cid, reason: 'scheduled' } },
  ];
  const audit: AuditEvent[] = [];
  for (const d of drafts) audit.push(sealEvent(audit.at(-1), d, nodeSha256));

  const results = tally(
    consultation,
    ballots.map((b) => b.answers),
    rollIds.length,
  );
  const bundle = buildBundle({ consultation, rollIds, participants, ballots, audit, closedAt, publishedAt: instant(now), tally: results }, nodeSha256);

  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const kid = jwkThumbprint(spkiToJwk(spki), nodeSha256);
  const jws = await signBundle(bundle.manifestBytes, kid, async (m) => new Uint8Array(sign('sha256', m, { key: privateKey, dsaEncoding: 'ieee-p1363' })));

  const site = join(dir, 'c', cid);
  await mkdir(site, { recursive: true });
  let bytes = 0;
  for (const [name, data] of Object.entries(bundle.files)) {
    await writeFile(join(site, name), data);
    bytes += data.length;
  }
  await writeFile(join(site, 'result.json'), bundle.manifestBytes);
  await writeFile(join(site, 'result.jws'), jws);
  const keyFile = join(dir, `${kid}.pem`);
  await writeFile(keyFile, spkiToPem(spki));
  const middle = { receipt: ballots.map((b) => b.receipt).sort()[n >> 1]!, index: n >> 1 };
  return { dir: site, keyFile, kid, consultation, ballots: n, someReceipt: ballots[n >> 1]!.receipt, middle, seconds: (performance.now() - t0) / 1000, bytes };
}

export interface CliRun {
  code: number | null;
  seconds: number;
  /** Peak resident set size of the CLI process, MB (undefined when it could not be taken). */
  peakMb?: number;
  how: string;
  output: string;
}

const TIME = '/usr/bin/time';

/** Runs `node bin/danban.mjs verify <dir> --key <pem> [...extra]` and measures it; killed after `timeoutMs`. */
export async function runVerifyCli(repo: string, bundle: GeneratedBundle, scratch: string, timeoutMs: number, extra: string[] = []): Promise<CliRun> {
  const cli = [process.execPath, join(repo, 'bin', 'danban.mjs'), 'verify', bundle.dir, '--key', bundle.keyFile, ...extra];
  const timeFile = join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const useTime = existsSync(TIME) && process.env.BENCH_NO_GNU_TIME !== '1';
  const [cmd, ...args] = useTime ? [TIME, '-f', '%e %M', '-o', timeFile, ...cli] : cli;
  const t0 = performance.now();
  const child = spawn(cmd!, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString('utf8')));

  // Without GNU time: the kernel's high-water mark of the process, read until it exits.
  let hwmKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          /* gone */
        }
      }, 10);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => {
    child.once('error', () => done(null));
    child.once('close', (c) => done(c));
  });
  const seconds = (performance.now() - t0) / 1000;
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
  return { code, seconds, ...(peakMb !== undefined ? { peakMb } : {}), how, output };
}
