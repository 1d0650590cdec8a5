/**
 * R1 of verifyAfter: the published risk-limiting audit (`audit/rla.json`, `audit/rla.jws`) verifies under the pinned
 * key, names this signed result and recomputes from ballots.json; every tampered copy fails, and a bundle without the
 * audit passes as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { decodeJws, encodeJws } from '../../../shared/jws.ts';
import { buildRla, type RlaFile } from '../../../shared/rla/rla-file.ts';
import { drawSample, population } from '../../../shared/rla/sampler.ts';
import type { Answers, Manifest } from '../../../shared/schemas.ts';
import { sha256Hex } from '../../../shared/sha256.ts';
import { verifyAfter } from '../../../shared/verify-after/index.ts';
import { ballotOf, bundleInput, CONSULTATION_ID, consultation, makeSigning, nonceOf, publish, type Signing } from '../bundle-fixture.ts';

type Files = Record<string, Uint8Array>;

const SLIPS: Answers[] = Array.from({ length: 10 }, (_, i) => ({ q1: i < 9 ? 'yes' : 'no', q2: 'level-50k', q3: ['drain'] }));
const SEED = '07123498563355501938';
const SERIALS = SLIPS.map((_, i) => `S-${String(i + 1).padStart(2, '0')}`);

let signing: Signing;
let bundle: Files;
let manifestHash: string;

/** The bundle of a household-ballot round of 10 slips, each with a serial. */
async function paperBundle(): Promise<Files> {
  const base = bundleInput(SLIPS.map((a, i) => ({ ...ballotOf(a, nonceOf(i)), serial: SERIALS[i]! })));
  return publish(
    {
      ...base,
      format: 'result/2',
      method: 'household_ballot',
      participants: base.rollIds.map((id) => ({ id, channel: 'paper' as const })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    },
    signing,
  );
}

function rlaOf(readings: Answers[]): RlaFile {
  const payload = decodeJws(fromUtf8(bundle['result.jws']!)).payloadBytes;
  const manifest = JSON.parse(fromUtf8(payload)) as Manifest;
  const ballots = JSON.parse(fromUtf8(bundle['ballots.json']!)).ballots;
  return buildRla(
    { consultationId: CONSULTATION_ID, manifest: manifestHash, ballots, questions: consultation.questions, tally: manifest.tally },
    { seed: SEED, riskLimit: [1, 20], readings },
  );
}

async function withRla(rla: unknown, options: { sign?: Signing; typ?: string; json?: Uint8Array } = {}): Promise<Files> {
  const bytes = jcsBytes(rla);
  const by = options.sign ?? signing;
  const jws = await encodeJws({ alg: 'ES256', kid: by.kid, typ: options.typ ?? 'rla+jws' }, bytes, by.sign);
  return { ...bundle, 'audit/rla.json': options.json ?? bytes, 'audit/rla.jws': utf8(jws) };
}

async function r1(files: Files) {
  const pinned = await crypto.subtle.exportKey('jwk', signing.keys.publicKey);
  const report = await verifyAfter(files, { resultKey: { pinned } });
  return report.checks.find((c) => c.step === 'R1')!;
}

describe('R1: the risk-limiting audit published after the result', () => {
  beforeAll(async () => {
    signing = await makeSigning();
    bundle = await paperBundle();
    manifestHash = sha256Hex(decodeJws(fromUtf8(bundle['result.jws']!)).payloadBytes);
  });

  /** What the first five drawn slips say: exactly their entries. */
  const readings = () => drawSample(SEED, population(SERIALS.map((serial) => ({ serial }))), 5).map((d) => SLIPS[SERIALS.indexOf(d.serial)]!);

  it('passes a faithful audit, and a bundle without one', async () => {
    const good = await r1(await withRla(rlaOf(readings())));
    expect(good.ok, good.detail).toBe(true);
    expect(good.absent).toBeUndefined();
    expect(
      JSON.parse(fromUtf8(jcsBytes(rlaOf(readings())))).draws.every((d: { discrepancy: Record<string, number> }) =>
        Object.values(d.discrepancy).every((n) => n === 0),
      ),
    ).toBe(true);
    const bare = await r1(bundle);
    expect(bare).toMatchObject({ ok: true, absent: true });
  });

  it('fails on one changed byte of rla.json', async () => {
    const files = await withRla(rlaOf(readings()));
    const bytes = new Uint8Array(files['audit/rla.json']!);
    const at = fromUtf8(bytes).indexOf(SEED) + 3;
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
    expect((await r1({ ...files, 'audit/rla.json': bytes })).ok).toBe(false);
  });

  it('fails on a signed audit whose reading was changed after its discrepancies were computed', async () => {
    const rla = rlaOf(readings());
    const d = rla.draws[0]!;
    const flipped: RlaFile = { ...rla, draws: [{ ...d, reading: { ...d.reading, q1: d.reading.q1 === 'yes' ? 'no' : 'yes' } }, ...rla.draws.slice(1)] };
    const check = await r1(await withRla(flipped));
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/discrepancy|chênh lệch/);
  });

  it('fails on a draw that the seed does not give', async () => {
    const rla = rlaOf(readings());
    const check = await r1(await withRla({ ...rla, seed: `${SEED}1` }));
    expect(check.ok).toBe(false);
  });

  it('fails on an audit signed by another key, or with another typ', async () => {
    const other = await makeSigning();
    expect((await r1(await withRla(rlaOf(readings()), { sign: other }))).ok).toBe(false);
    expect((await r1(await withRla(rlaOf(readings()), { typ: 'result+jws' }))).ok).toBe(false);
  });

  it('fails on an audit of another result', async () => {
    const check = await r1(await withRla({ ...rlaOf(readings()), manifest: 'a'.repeat(64) }));
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('does not name this signed result');
  });

  it('fails when only one of the two files is published', async () => {
    const files = await withRla(rlaOf(readings()));
    const { 'audit/rla.jws': _jws, ...noJws } = files;
    expect((await r1(noJws)).ok).toBe(false);
    const { 'audit/rla.json': _json, ...noJson } = files;
    expect((await r1(noJson)).ok).toBe(false);
  });
});
