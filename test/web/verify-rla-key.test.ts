/**
 * R1 checks rla.jws against the key check 1 uses: the pinned key, else the site's JWKS key named by the result's kid
 * with check 1's warning, and without any key it says the signature was not checked. The verify page's worker
 * (web/verify/run.ts) hands R1 the page's key, so the page checks the audit's signature as it checks the result's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws } from '../../shared/jws.ts';
import { buildRla } from '../../shared/rla/rla-file.ts';
import { drawSample, population } from '../../shared/rla/sampler.ts';
import type { Answers, Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { verifyAfter } from '../../shared/verify-after/index.ts';
import type { VerifyRequest, WorkerMessage } from '../../web/verify/protocol.ts';
import { runVerification } from '../../web/verify/run.ts';
import { checkWarning } from '../../web/verify/words.ts';
import { ballotOf, bundleInput, CONSULTATION_ID, consultation, makeSigning, nonceOf, publish, type Signing } from '../shared/bundle-fixture.ts';

type Files = Record<string, Uint8Array>;

const SLIPS: Answers[] = Array.from({ length: 10 }, (_, i) => ({ q1: i < 9 ? 'yes' : 'no', q2: 'level-50k', q3: ['drain'] }));
const SERIALS = SLIPS.map((_, i) => `S-${String(i + 1).padStart(2, '0')}`);
const SEED = '39057182641742093865';

let signing: Signing;
let other: Signing;
let files: Files;

/** A household-ballot round of 10 slips, published, with an audit of 5 draws read as entered, signed by `signing`. */
async function audited(): Promise<Files> {
  const base = bundleInput(SLIPS.map((a, i) => ({ ...ballotOf(a, nonceOf(i)), serial: SERIALS[i]! })));
  const bundle = await publish(
    {
      ...base,
      format: 'result/2',
      method: 'household_ballot',
      participants: base.rollIds.map((id) => ({ id, channel: 'paper' as const })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    },
    signing,
  );
  const payload = decodeJws(fromUtf8(bundle['result.jws']!)).payloadBytes;
  const manifest = JSON.parse(fromUtf8(payload)) as Manifest;
  const ballots = JSON.parse(fromUtf8(bundle['ballots.json']!)).ballots;
  const readings = drawSample(SEED, population(SERIALS.map((serial) => ({ serial }))), 5).map((d) => SLIPS[SERIALS.indexOf(d.serial)]!);
  const rla = buildRla(
    { consultationId: CONSULTATION_ID, manifest: sha256Hex(payload), ballots, questions: consultation.questions, tally: manifest.tally },
    { seed: SEED, riskLimit: [1, 20], readings },
  );
  const bytes = jcsBytes(rla);
  const jws = await encodeJws({ alg: 'ES256', kid: signing.kid, typ: 'rla+jws' }, bytes, signing.sign);
  return { ...bundle, 'audit/rla.json': bytes, 'audit/rla.jws': utf8(jws) };
}

const publicJwk = async (s: Signing): Promise<JsonWebKey & { kid: string }> => ({ ...(await crypto.subtle.exportKey('jwk', s.keys.publicKey)), kid: s.kid });

async function r1(key: Parameters<typeof verifyAfter>[1]) {
  return (await verifyAfter(files, key)).checks.find((c) => c.step === 'R1')!;
}

async function workerR1(key: VerifyRequest['key']) {
  const messages: WorkerMessage[] = [];
  const request: VerifyRequest = { files: Object.fromEntries(Object.entries(files).map(([n, b]) => [n, b.slice().buffer])), key };
  await runVerification(request, (m) => messages.push(m));
  const done = messages.at(-1);
  if (done?.type !== 'done') throw new Error(`the last message is ${JSON.stringify(done)}`);
  return { r1: done.after.checks.find((c) => c.step === 'R1')!, check1: done.report.checks.find((c) => c.step === 1)! };
}

describe('R1 under the key check 1 uses', () => {
  beforeAll(async () => {
    signing = await makeSigning();
    other = await makeSigning();
    files = await audited();
  });

  it('says the signature was not checked when no key is given', async () => {
    const check = await r1({});
    expect(check.ok).toBe(true);
    expect(check.detail).toContain('chưa kiểm chữ ký (không có khóa)');
    expect(check.warnings).toBeUndefined();
  });

  it('verifies under the pinned key without a warning, and fails under another pinned key', async () => {
    const good = await r1({ resultKey: { pinned: await publicJwk(signing) } });
    expect(good.ok, good.detail).toBe(true);
    expect(good.detail).toContain('chữ ký đúng');
    expect(good.warnings).toBeUndefined();
    const bad = await r1({ resultKey: { pinned: await publicJwk(other) } });
    expect(bad.ok).toBe(false);
    expect(bad.detail).toContain('chữ ký của rla.jws không đúng');
  });

  it('takes the JWKS key named by the kid with check 1’s warning, and fails when the JWKS holds no such key', async () => {
    const fromSite = await r1({ resultKey: { jwks: { keys: [await publicJwk(other), await publicJwk(signing)] } } });
    expect(fromSite.ok, fromSite.detail).toBe(true);
    expect(fromSite.detail).toContain('chữ ký đúng');
    expect(fromSite.warnings).toEqual([
      `the key was taken from the site's JWKS by its kid, not pinned: compare ${signing.kid} with the key the commune announced`,
    ]);
    // The page puts it in Vietnamese as it does check 1's.
    expect(checkWarning(fromSite.warnings![0]!).vi).toContain(`so dấu vân tay ${signing.kid}`);
    const none = await r1({ resultKey: { jwks: { keys: [await publicJwk(other)] } } });
    expect(none.ok).toBe(false);
    expect(none.detail).toContain('không có khóa để kiểm chữ ký rla.jws');
  });

  it('fails a JWKS key that claims the kid but is another key, warning that its thumbprint is not its kid', async () => {
    const forgedKey: JsonWebKey = { ...(await publicJwk(other)), kid: signing.kid } as JsonWebKey;
    const forged = await r1({ resultKey: { jwks: { keys: [forgedKey] } } });
    expect(forged.ok).toBe(false);
    expect(forged.detail).toContain('chữ ký của rla.jws không đúng');
  });

  it('the verify page’s worker checks R1 with the key it checks the result with', async () => {
    const pinned = await workerR1({ pinned: await publicJwk(signing) });
    expect(pinned.check1.ok).toBe(true);
    expect(pinned.r1).toMatchObject({ ok: true });
    expect(pinned.r1.detail).toContain('chữ ký đúng');
    const jwks = await workerR1({ jwks: { keys: [await publicJwk(signing)] } });
    expect(jwks.check1.warnings?.length).toBeGreaterThan(0);
    expect(jwks.r1.ok).toBe(true);
    expect(jwks.r1.warnings).toEqual(jwks.check1.warnings);
    const wrong = await workerR1({ pinned: await publicJwk(other) });
    expect(wrong.check1.ok).toBe(false);
    expect(wrong.r1.ok).toBe(false);
  });
});
