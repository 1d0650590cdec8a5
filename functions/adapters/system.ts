/** The real clock and id source (tests inject deterministic ones). */
import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '../core/ports.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for time `ms` from 10 random bytes: 10 characters of time, 16 of randomness. */
export function ulidAt(ms: number, random: Uint8Array): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (const byte of random.subarray(0, 10)) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      rand += CROCKFORD[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return time + rand;
}

export const systemClock: Clock = { now: () => new Date() };

export function systemIds(clock: Clock = systemClock): Ids {
  return {
    ulid: () => ulidAt(clock.now().getTime(), randomBytes(10)),
    random: (n) => new Uint8Array(randomBytes(n)),
  };
}
