import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, toBase64Url, utf8 } from '../../shared/bytes.ts';
import { decodeJws } from '../../shared/jws.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { expected, pinnedPem, readCopy } from '../support/vectors.ts';

const good = await readCopy('good');
const attestation = `attestations/${expected.monitorKid}.jws`;

/** The files the signature or an attestation covers, and the check that must fail when one of their bytes changes. */
const SIGNED: Record<string, number> = {
  'consultation.json': 2,
  'roll.json': 2,
  'participants.json': 2,
  'ballots.json': 2,
  'audit.jsonl': 2,
  'result.jws': 1,
  [attestation]: 9,
};

function withByte(name: string, at: number, mask: number): Record<string, Uint8Array> {
  const bytes = new Uint8Array(good[name]!);
  bytes[at]! ^= mask;
  return { ...good, [name]: bytes };
}

const failing = async (files: Record<string, Uint8Array>) => {
  const report = await verifyBundle(files, { pinned: pinnedPem });
  return { ok: report.ok, failed: report.checks.filter((c) => !c.ok).map((c) => c.step) };
};

describe('tampering with the good vector', { timeout: 30_000 }, () => {
  it('has the files this test means', () => {
    expect(Object.keys(good).sort()).toEqual([...Object.keys(SIGNED), 'result.json'].sort());
  });

  it.each(Object.entries(SIGNED))('a flipped bit anywhere in %s fails check %i (97 bytes evenly spread, first and last)', async (name, step) => {
    const size = good[name]!.length;
    const positions = [...Array.from({ length: 97 }, (_, i) => Math.floor((i * size) / 97)), size - 1];
    for (const at of positions) {
      const { ok, failed } = await failing(withByte(name, at, 1 << (at % 8)));
      expect(ok, `${name} byte ${at}`).toBe(false);
      expect(failed, `${name} byte ${at}`).toContain(step);
    }
  });

  it('any byte of any signed file, changed to any other value, fails verification', async () => {
    const names = Object.keys(SIGNED);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, n, mask) => {
        const { ok } = await failing(withByte(name, n % good[name]!.length, mask));
        return !ok;
      }),
      { numRuns: 300 },
    );
  });

  it('a flipped bit in any of the 64 signature bytes of result.jws fails check 1 and only check 1', async () => {
    const { headerB64, payloadB64, signature } = decodeJws(fromUtf8(good['result.jws']!));
    for (let i = 0; i < signature.length; i++) {
      const bent = new Uint8Array(signature);
      bent[i]! ^= 1 << (i % 8);
      const { failed } = await failing({ ...good, 'result.jws': utf8(`${headerB64}.${payloadB64}.${toBase64Url(bent)}`) });
      expect(failed, `signature byte ${i}`).toEqual([1]);
    }
  });

  it('a changed result.json only warns: the result.jws payload is authoritative', async () => {
    const report = await verifyBundle(withByte('result.json', 40, 1), { pinned: pinnedPem });
    expect(report.ok).toBe(true);
    expect(report.checks[1]!.warnings).toEqual(['result.json differs from the result.jws payload (the payload is authoritative)']);
  });
});
