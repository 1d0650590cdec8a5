import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawIndex, drawSample, isSeed, population } from '../../../shared/rla/sampler.ts';

interface Vector {
  seed: string;
  serials: string[];
  population: string[];
  draws: { k: number; digest: string; index: number; serial: string }[];
}
const vector = JSON.parse(readFileSync(new URL('../../vectors/rla/sampler.json', import.meta.url), 'utf8')) as Vector;

/** The sampler of bundle.md written again with node:crypto, sharing nothing with the code under test. */
function independentDraws(seed: string, serials: readonly string[], n: number): { k: number; digest: string; serial: string }[] {
  const sorted = [...serials].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    const digest = createHash('sha256').update(`${seed},${k}`, 'utf8').digest('hex');
    return { k, digest, serial: sorted[Number(BigInt(`0x${digest}`) % BigInt(sorted.length))]! };
  });
}

describe('the sampler of bundle.md', () => {
  it('agrees with the published vector, which node:crypto recomputes', () => {
    const mine = independentDraws(vector.seed, vector.serials, 20);
    expect(mine.map((d) => d.digest)).toEqual(vector.draws.map((d) => d.digest));
    expect(mine.map((d) => d.serial)).toEqual(vector.draws.map((d) => d.serial));
    const serials = population(vector.serials.map((serial) => ({ serial })));
    expect(serials).toEqual(vector.population);
    expect(drawSample(vector.seed, serials, 20)).toEqual(vector.draws.map(({ k, serial }) => ({ k, serial })));
    for (const d of vector.draws) expect(drawIndex(vector.seed, d.k, serials.length)).toBe(d.index);
  });

  it.each([
    ['1', 1, 2],
    ['0000', 300, 300],
    ['98765432109876543210', 500, 7],
    ['20261206', 50, 1000],
  ])('draws from seed %s as node:crypto does (%i draws of %i slips)', (seed, n, size) => {
    const serials = Array.from({ length: size }, (_, i) => `S-${String(i).padStart(4, '0')}`);
    expect(drawSample(seed, population(serials.map((serial) => ({ serial }))), n)).toEqual(
      independentDraws(seed, serials, n).map(({ k, serial }) => ({ k, serial })),
    );
  });

  it('draws with replacement and reads the digest as a big-endian integer', () => {
    // One slip: every draw is it. Two slips: the last bit of the digest picks.
    expect(drawSample('7', ['A'], 3)).toEqual([
      { k: 1, serial: 'A' },
      { k: 2, serial: 'A' },
      { k: 3, serial: 'A' },
    ]);
    for (let k = 1; k <= 16; k++) {
      const last = createHash('sha256').update(`42,${k}`).digest().at(-1)!;
      expect(drawIndex('42', k, 2)).toBe(last % 2);
      expect(drawIndex('42', k, 256)).toBe(last);
    }
  });

  it('takes only the slips with a serial, in byte order, and refuses a serial carried twice', () => {
    expect(population([{ serial: 'B' }, {}, { serial: '-9' }, { serial: 'A-1' }, { serial: '10' }, { serial: '9' }])).toEqual(['-9', '10', '9', 'A-1', 'B']);
    expect(() => population([{ serial: 'A' }, { serial: 'A' }])).toThrow(/two ballots/);
  });

  it('validates the seed: a non-empty string of ASCII digits', () => {
    expect(isSeed('0123456789')).toBe(true);
    for (const bad of ['', '12a', ' 12', '١٢', '1,2', '12\n']) {
      expect(isSeed(bad)).toBe(false);
      expect(() => drawSample(bad, ['A'], 1)).toThrow(/seed/);
    }
    expect(() => drawIndex('1', 0, 5)).toThrow(/from 1/);
    expect(() => drawSample('1', [], 1)).toThrow(/at least one slip/);
    expect(drawSample('1', [], 0)).toEqual([]);
  });
});
