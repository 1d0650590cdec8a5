/**
 * The sampler of a risk-limiting audit, exactly as bundle.md "Risk-limiting audits of paper rounds" defines it, so
 * that anyone can redraw the same slips: the population is the slips of `ballots.json` that carry a `serial`, in byte
 * order of serial; draw k = 1, 2, 3, ... is the slip at index int(SHA-256(UTF-8(seed + "," + k))) mod N, the digest
 * read as a big-endian unsigned 256-bit integer; draws are with replacement.
 */
import { utf8 } from '../bytes.ts';
import { type Hash, sha256 } from '../sha256.ts';

/** One draw of the sample: its number k (from 1) and the serial of the slip it lands on. */
export interface Draw {
  k: number;
  serial: string;
}

/** The seed the monitors enter at the public session: their digits concatenated, at least one ASCII digit. */
export const SEED_PATTERN = /^[0-9]+$/;

/** Whether `seed` is a seed bundle.md allows: a non-empty string of ASCII digits. */
export function isSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}

/** Byte order of serials: they are ASCII (`[0-9A-Z-]`), so UTF-16 code-unit order is byte order. */
function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The population of the audit: the serials of the ballots that carry one, in byte order. Throws when two ballots
 * carry the same serial (bundle.md: serials are distinct), since a draw would then not name one slip.
 * @example population([{ serial: 'B-2' }, {}, { serial: 'A-1' }]) // ['A-1', 'B-2']
 */
export function population(ballots: readonly { serial?: string | undefined }[]): string[] {
  const serials: string[] = [];
  for (const b of ballots) if (b.serial !== undefined) serials.push(b.serial);
  serials.sort(byBytes);
  for (let i = 1; i < serials.length; i++) {
    if (serials[i] === serials[i - 1]) throw new RangeError(`serial ${serials[i]} is carried by two ballots`);
  }
  return serials;
}

/** int(digest) of bundle.md: the 32 bytes as a big-endian unsigned integer. */
function bigEndian(digest: Uint8Array): bigint {
  let n = 0n;
  for (const byte of digest) n = (n << 8n) | BigInt(byte);
  return n;
}

/**
 * The index (from 0) of draw `k` (from 1) in a population of `size` slips: int(SHA-256(UTF-8(seed + "," + k))) mod N.
 * @example drawIndex('12345678901234567890', 1, 300)
 */
export function drawIndex(seed: string, k: number, size: number, hash: Hash = sha256): number {
  if (!isSeed(seed)) throw new RangeError('the seed must be a non-empty string of ASCII digits');
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`draw numbers count from 1, got ${k}`);
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`the population must hold at least one slip, got ${size}`);
  return Number(bigEndian(hash(utf8(`${seed},${k}`))) % BigInt(size));
}

/**
 * The first `n` draws of the sample from `seed` over `serials` (the population, in byte order), with replacement.
 * @example drawSample('12345678901234567890', population(ballots), 20) // [{ k: 1, serial: '...' }, ...]
 */
export function drawSample(seed: string, serials: readonly string[], n: number, hash: Hash = sha256): Draw[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`the number of draws must be a non-negative integer, got ${n}`);
  const draws: Draw[] = [];
  for (let k = 1; k <= n; k++) draws.push({ k, serial: serials[drawIndex(seed, k, serials.length, hash)]! });
  return draws;
}
