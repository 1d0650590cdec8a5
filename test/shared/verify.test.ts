import { hash as nodeHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toAuditJsonl } from '../../shared/audit.ts';
import { signBundle } from '../../shared/bundle.ts';
import { fromBase64Url, fromHex, fromUtf8, toBase64Url, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint, spkiToPem } from '../../shared/jws.ts';
import { verifyInclusion } from '../../shared/merkle.ts';
import { receiptOf } from '../../shared/receipt.ts';
import { BUNDLE_FILES, type AuditEvent, type Ballot } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { verifyBundle, type Verification, type VerifyKey } from '../../shared/verify/index.ts';
import { ballotOf, bundleInput, CONSULTATION_ID, makeSigning, nonceOf, publish, type Signing } from './bundle-fixture.ts';

type Files = Record<string, Uint8Array>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let signing: Signing;
let good: Files;
let key: VerifyKey;

beforeAll(async () => {
  signing = await makeSigning();
  good = await publish(bundleInput(), signing);
  key = { pinned: signing.keys.publicKey };
});

const failed = (v: Verification) => v.checks.filter((c) => !c.ok).map((c) => c.step);
const json = (b: Uint8Array | undefined) => JSON.parse(fromUtf8(b!)) as Json;
const manifestOf = (files: Files) => JSON.parse(fromUtf8(decodeJws(fromUtf8(files['result.jws']!)).payloadBytes)) as Json;

/** What a dishonest or careless publisher could do: change files, re-hash them into the manifest, re-sign. */
async function resign(files: Files, change: { set?: Record<string, Uint8Array | undefined>; manifest?: (m: Json) => void }): Promise<Files> {
  const next: Files = { ...files };
  for (const [name, bytes] of Object.entries(change.set ?? {})) {
    if (bytes === undefined) delete next[name];
    else next[name] = bytes;
  }
  const manifest = manifestOf(files);
  for (const name of BUNDLE_FILES) if (next[name]) manifest.files[name] = sha256Hex(next[name]);
  change.manifest?.(manifest);
  const bytes = jcsBytes(manifest);
  next['result.json'] = bytes;
  next['result.jws'] = utf8(await signBundle(bytes, signing.kid, signing.sign));
  return next;
}

function editJson(files: Files, name: string, edit: (v: Json) => void): Uint8Array {
  const value = json(files[name]);
  edit(value);
  return jcsBytes(value);
}

async function attestation(files: Files, options: { manifest?: string; consultationId?: string; kid?: string } = {}) {
  const monitor = await makeSigning();
  const jwk = await crypto.subtle.exportKey('jwk', monitor.keys.publicKey);
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const payload = {
    consultationId: options.consultationId ?? CONSULTATION_ID,
    manifest: options.manifest ?? sha256Hex(decodeJws(fromUtf8(files['result.jws']!)).payloadBytes),
    monitor: { name: 'Nguyễn Văn A', organisation: 'Ban Thanh tra nhân dân' },
    statement: 'verified',
    at: '2026-11-21T08:00:00Z',
  };
  const kid = options.kid ?? monitor.kid;
  const jws = await encodeJws({ alg: 'ES256', kid, typ: 'attestation+jws', jwk: publicJwk }, jcsBytes(payload), monitor.sign);
  return { name: `attestations/${monitor.kid}.jws`, bytes: utf8(jws) };
}

describe('verifying a result bundle', () => {
  it('a good bundle passes all nine checks, reported in the order of bundle.md', async () => {
    const v = await verifyBundle(good, key);
    expect(v.checks.map((c) => c.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.checks[8]!.detail).toBe('no attestations');
    expect(v.checks[0]!.warnings).toBeUndefined();
  });

  it('the pinned key may be given as a PEM string or a JWK', async () => {
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', signing.keys.publicKey));
    const jwk = await crypto.subtle.exportKey('jwk', signing.keys.publicKey);
    for (const pinned of [spkiToPem(spki), jwk]) {
      const v = await verifyBundle(good, { pinned });
      expect(v.ok).toBe(true);
      expect(v.checks[0]!.warnings).toBeUndefined();
    }
  });

  it('a key found in the JWKS by kid passes check 1 with a warning that it is not pinned', async () => {
    const jwk = await crypto.subtle.exportKey('jwk', signing.keys.publicKey);
    const other = await crypto.subtle.exportKey('jwk', (await makeSigning()).keys.publicKey);
    const v = await verifyBundle(good, { jwks: { keys: [{ ...other, kid: 'other' } as JsonWebKey, { ...jwk, kid: signing.kid } as JsonWebKey] } });
    expect(v.ok).toBe(true);
    expect(v.checks[0]!.warnings?.join(' ')).toMatch(/not pinned/);
  });

  it('no key, an unusable pinned key, or a JWKS without the kid, fails check 1 only', async () => {
    expect(failed(await verifyBundle(good, {}))).toEqual([1]);
    const unusable = await verifyBundle(good, { pinned: 'not a key' });
    expect(failed(unusable)).toEqual([1]);
    expect(unusable.checks[0]!.detail).toMatch(/pinned key is not usable/);
    const jwk = await crypto.subtle.exportKey('jwk', signing.keys.publicKey);
    const v = await verifyBundle(good, { jwks: { keys: [{ ...jwk, kid: 'someone-else' } as JsonWebKey] } });
    expect(failed(v)).toEqual([1]);
    expect(v.checks[0]!.detail).toMatch(/kid/);
  });

  it('a voter finds their receipt with an inclusion proof that verifies against the signed root', async () => {
    const ballots = json(good['ballots.json']).ballots as Ballot[];
    for (const [index, b] of ballots.entries()) {
      const v = await verifyBundle(good, key, { receipt: b.receipt.toUpperCase() });
      expect(v.ok).toBe(true);
      expect(v.inclusion).toMatchObject({ receipt: b.receipt, index, treeSize: ballots.length, root: manifestOf(good).ballots.merkleRoot });
      const proof = v.inclusion!.proof.map(fromHex);
      expect(verifyInclusion(fromHex(b.receipt), index, ballots.length, proof, fromHex(v.inclusion!.root))).toBe(true);
    }
  });

  it('the same report comes with an injected node:crypto hash', async () => {
    const viaNode = (d: Uint8Array) => nodeHash('sha256', d, 'buffer') as unknown as Uint8Array;
    const v = await verifyBundle(good, key, { hash: viaNode });
    expect(v.ok).toBe(true);
  });

  it('progress is reported for each of the nine steps, between 0 and 1', async () => {
    const seen: [number, number][] = [];
    await verifyBundle(good, key, { onProgress: (step, fraction) => seen.push([step, fraction]) });
    expect([...new Set(seen.map(([s]) => s))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.every(([, f]) => f >= 0 && f <= 1)).toBe(true);
  });

  describe('one tamper per check fails that check', () => {
    it('1: a changed signature fails check 1', async () => {
      const [h, p, s] = fromUtf8(good['result.jws']!).split('.') as [string, string, string];
      const signature = fromBase64Url(s);
      signature[5]! ^= 1;
      expect(failed(await verifyBundle({ ...good, 'result.jws': utf8(`${h}.${p}.${toBase64Url(signature)}`) }, key))).toEqual([1]);
    });

    it('1: a bundle signed by another key fails check 1', async () => {
      const other = await makeSigning();
      expect(failed(await verifyBundle(good, { pinned: other.keys.publicKey }))).toEqual([1]);
    });

    it('1: a manifest of no known format fails check 1', async () => {
      const tampered = await resign(good, { manifest: (m) => (m.format = 'result/3') });
      expect(failed(await verifyBundle(tampered, key))).toContain(1);
    });

    it('2: a file changed after signing fails check 2', async () => {
      const changed = editJson(good, 'consultation.json', (c) => (c.title = 'Bê tông hóa đường liên xã'));
      const v = await verifyBundle({ ...good, 'consultation.json': changed }, key);
      expect(failed(v)).toEqual([2]);
      expect(v.checks[1]!.detail).toMatch(/consultation\.json does not hash/);
    });

    it('2: a file of another consultation fails check 2', async () => {
      const tampered = await resign(good, { set: { 'roll.json': editJson(good, 'roll.json', (r) => (r.consultationId = 'OTHER')) } });
      expect(failed(await verifyBundle(tampered, key))).toEqual([2]);
    });

    it('2: a result.json that differs from the payload is a warning, not a failure', async () => {
      const v = await verifyBundle({ ...good, 'result.json': utf8('{}') }, key);
      expect(v.ok).toBe(true);
      expect(v.checks[1]!.warnings?.join()).toMatch(/result\.json/);
    });

    it('3: a ballot whose receipt does not recompute fails check 3', async () => {
      const ballots = editJson(good, 'ballots.json', (b) => (b.ballots[2].nonce = 'f'.repeat(32)));
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': ballots } }), key);
      expect(failed(v)).toEqual([3]);
      expect(v.checks[2]!.detail).toMatch(/ballot 3/);
    });

    it('3: ballots out of receipt order fail check 3 (and the root over that order, check 4)', async () => {
      const ballots = editJson(good, 'ballots.json', (b) => b.ballots.reverse());
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': ballots } }), key);
      expect(failed(v)).toEqual([3, 4]);
      expect(v.checks[2]!.detail).toMatch(/not sorted/);
    });

    it('3: a ballot counted twice fails check 3', async () => {
      const input = bundleInput();
      const doubled = [...input.ballots, input.ballots[0]!];
      const tampered = await publish({ ...bundleInput(doubled), participants: [...input.participants, { id: 'DG-004', channel: 'online' }] }, signing);
      const v = await verifyBundle(tampered, key);
      expect(failed(v)).toEqual([3]);
      expect(v.checks[2]!.detail).toMatch(/same receipt/);
    });

    it('4: a manifest root that does not recompute fails check 4', async () => {
      const tampered = await resign(good, { manifest: (m) => (m.ballots.merkleRoot = 'ab'.repeat(32)) });
      expect(failed(await verifyBundle(tampered, key))).toEqual([4]);
    });

    it('4: a voter whose receipt is missing fails check 4', async () => {
      const v = await verifyBundle(good, key, { receipt: 'cd'.repeat(32) });
      expect(failed(v)).toEqual([4]);
      expect(v.checks[3]!.detail).toMatch(/not among/);
      expect(v.inclusion).toBeUndefined();
    });

    it('4: a ballot dropped from ballots.json fails check 4 (and the participant count, check 5)', async () => {
      const ballots = editJson(good, 'ballots.json', (b) => b.ballots.pop());
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': ballots } }), key);
      expect(failed(v)).toContain(4);
      expect(failed(v)).toContain(5);
    });

    it('5: a participant who is not on the roll fails check 5', async () => {
      const participants = editJson(good, 'participants.json', (p) => (p.households[p.households.length - 1].id = 'DG-999'));
      const v = await verifyBundle(await resign(good, { set: { 'participants.json': participants } }), key);
      expect(failed(v)).toEqual([5]);
      expect(v.checks[4]!.detail).toMatch(/DG-999/);
    });

    it('5: fewer participants than ballots fails check 5 even when the manifest agrees with the file', async () => {
      const participants = editJson(good, 'participants.json', (p) => p.households.shift());
      const tampered = await resign(good, {
        set: { 'participants.json': participants },
        manifest: (m) => {
          m.participants.count -= 1;
          m.participants.byChannel.online -= 1;
        },
      });
      expect(failed(await verifyBundle(tampered, key))).toEqual([5]);
    });

    it('5: channels that do not add up fail check 5', async () => {
      const tampered = await resign(good, { manifest: (m) => ((m.participants.byChannel.paper += 1), (m.participants.byChannel.online -= 1)) });
      expect(failed(await verifyBundle(tampered, key))).toEqual([5]);
    });

    it('5: an unsorted roll fails check 5', async () => {
      const roll = editJson(good, 'roll.json', (r) => r.households.reverse());
      expect(failed(await verifyBundle(await resign(good, { set: { 'roll.json': roll } }), key))).toEqual([5]);
    });

    it('6: a ballot with an answer that is not allowed fails check 6, even with its receipt and tally made to match', async () => {
      const input = bundleInput();
      const ballots = [...input.ballots];
      ballots[0] = ballotOf({ ...ballots[0]!.answers, q1: 'maybe' }, nonceOf(0));
      const v = await verifyBundle(await publish(bundleInput(ballots), signing), key);
      expect(failed(v)).toEqual([6]);
      expect(v.checks[5]!.detail).toMatch(/question q1/);
    });

    it('6: a ballot that skips a question fails check 6', async () => {
      const input = bundleInput();
      const { q3: _skipped, ...answers } = input.ballots[1]!.answers;
      const ballots = [...input.ballots];
      ballots[1] = ballotOf(answers, nonceOf(1));
      expect(failed(await verifyBundle(await publish(bundleInput(ballots), signing), key))).toEqual([6]);
    });

    it('7: a changed count fails check 7', async () => {
      const tampered = await resign(good, { manifest: (m) => (m.tally[0].counts.yes += 1) });
      const v = await verifyBundle(tampered, key);
      expect(failed(v)).toEqual([7]);
      expect(v.checks[6]!.detail).toMatch(/question q1/);
    });

    it('7: an outcome that does not follow the rule fails check 7', async () => {
      const tampered = await resign(good, {
        manifest: (m) => {
          // q1 has 5 yes of 10 households under the 2/3 rule: rejected, and claimed adopted here.
          expect(m.tally[0].outcome.status).toBe('rejected');
          m.tally[0].outcome = { status: 'adopted', options: ['yes'] };
        },
      });
      expect(failed(await verifyBundle(tampered, key))).toEqual([7]);
    });

    it('7: a rule that is not the consultation rule fails check 7', async () => {
      const tampered = await resign(good, { manifest: (m) => (m.tally[0].rule.fraction = [1, 2]) });
      expect(failed(await verifyBundle(tampered, key))).toEqual([7]);
    });

    it('8: an audit event changed after the fact fails check 8', async () => {
      const lines = fromUtf8(good['audit.jsonl']!).split('\n');
      const event = JSON.parse(lines[3]!) as AuditEvent;
      lines[3] = JSON.stringify(JSON.parse(fromUtf8(jcsBytes({ ...event, data: { ...event.data, household: 'DG-003' } }))));
      const audit = utf8(lines.join('\n'));
      const v = await verifyBundle(await resign(good, { set: { 'audit.jsonl': audit } }), key);
      expect(failed(v)).toEqual([8]);
      expect(v.checks[7]!.detail).toMatch(/event 4: hash/);
    });

    it('8: a log that does not end with the closed event fails check 8', async () => {
      const events = bundleInput().audit.slice(0, -1);
      const tampered = await resign(good, {
        set: { 'audit.jsonl': toAuditJsonl(events) },
        manifest: (m) => (m.audit = { count: events.length, head: events[events.length - 1]!.hash }),
      });
      const v = await verifyBundle(tampered, key);
      expect(failed(v)).toEqual([8]);
      expect(v.checks[7]!.detail).toMatch(/closed/);
    });

    it('8: a manifest head or count that is not the log fails check 8', async () => {
      expect(failed(await verifyBundle(await resign(good, { manifest: (m) => (m.audit.head = 'ef'.repeat(32)) }), key))).toEqual([8]);
      expect(failed(await verifyBundle(await resign(good, { manifest: (m) => (m.audit.count += 1) }), key))).toEqual([8]);
    });

    it('8: a manifest closedAt other than the closed event time is a warning', async () => {
      const v = await verifyBundle(await resign(good, { manifest: (m) => (m.closedAt = '2026-11-20T10:00:01Z') }), key);
      expect(v.ok).toBe(true);
      expect(v.checks[7]!.warnings?.join()).toMatch(/closedAt/);
    });

    it('9: a valid attestation passes check 9; one naming another manifest fails it', async () => {
      const ok = await attestation(good);
      const v = await verifyBundle({ ...good, [ok.name]: ok.bytes }, key);
      expect(v.ok).toBe(true);
      expect(v.checks[8]!.detail).toMatch(/1 attestation/);
      const stale = await attestation(good, { manifest: 'ab'.repeat(32) });
      const w = await verifyBundle({ ...good, [ok.name]: ok.bytes, [stale.name]: stale.bytes }, key);
      expect(failed(w)).toEqual([9]);
      expect(w.checks[8]!.detail).toMatch(/another manifest/);
    });

    it('9: an attestation with a broken signature, a wrong kid or another consultation fails check 9', async () => {
      const a = await attestation(good);
      const [h, p, s] = fromUtf8(a.bytes).split('.') as [string, string, string];
      const signature = fromBase64Url(s);
      signature[0]! ^= 1;
      const broken = utf8(`${h}.${p}.${toBase64Url(signature)}`);
      expect(failed(await verifyBundle({ ...good, [a.name]: broken }, key))).toEqual([9]);
      const wrongKid = await attestation(good, { kid: 'not-a-thumbprint' });
      expect(failed(await verifyBundle({ ...good, [wrongKid.name]: wrongKid.bytes }, key))).toEqual([9]);
      const elsewhere = await attestation(good, { consultationId: 'OTHER' });
      expect(failed(await verifyBundle({ ...good, [elsewhere.name]: elsewhere.bytes }, key))).toEqual([9]);
    });

    it('9: an attestation filed under another kid fails check 9', async () => {
      const a = await attestation(good);
      const jwk = await crypto.subtle.exportKey('jwk', signing.keys.publicKey);
      expect(failed(await verifyBundle({ ...good, [`attestations/${jwkThumbprint(jwk)}.jws`]: a.bytes }, key))).toEqual([9]);
    });
  });

  describe('unreadable input never throws', () => {
    it('a missing file fails the checks that need it, naming it', async () => {
      const { 'ballots.json': _gone, ...rest } = good;
      const v = await verifyBundle(rest, key);
      expect(failed(v)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(v.checks[2]!.detail).toMatch(/ballots\.json is missing/);
    });

    it('a bundle of garbage reports all nine checks failed or passed, without throwing', async () => {
      const garbage: Files = Object.fromEntries([...BUNDLE_FILES, 'result.jws', 'attestations/x.jws'].map((n) => [n, utf8('{not json')]));
      const v = await verifyBundle(garbage, key);
      expect(v.checks).toHaveLength(9);
      expect(v.ok).toBe(false);
      expect(failed(v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('an empty bundle fails every check but 9, which has no attestations', async () => {
      const v = await verifyBundle({}, key);
      expect(failed(v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(v.checks[0]!.detail).toMatch(/result\.jws is missing/);
    });

    it('ballots.json that is not canonical JSON fails the ballot checks even with a matching hash', async () => {
      const pretty = utf8(JSON.stringify(json(good['ballots.json']), null, 2));
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': pretty } }), key);
      expect(failed(v)).toEqual(expect.arrayContaining([3, 4, 6, 7]));
      expect(v.checks[2]!.detail).toMatch(/not canonical/);
    });

    it('a ballot with a member a verifier would not expect fails the ballot checks', async () => {
      const ballots = editJson(good, 'ballots.json', (b) => (b.ballots[0].household = 'DG-001'));
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': ballots } }), key);
      expect(v.checks[2]!.ok).toBe(false);
      expect(v.checks[2]!.detail).toMatch(/exactly the members/);
    });

    it('answers holding quotes, braces, escapes and Vietnamese text are read byte-exactly: receipts recompute, check 6 refuses them', async () => {
      const input = bundleInput();
      const ballots = [...input.ballots];
      ballots[0] = ballotOf({ q1: 'yes', q2: 'Tán "thành" {}\\ \n', q3: ['drain', 'x]},{'] }, nonceOf(0));
      const v = await verifyBundle(await publish(bundleInput(ballots), signing), key);
      expect(failed(v)).toEqual([6]);
    });

    it('answers whose members are out of canonical order fail the ballot checks', async () => {
      const text = fromUtf8(good['ballots.json']!).replace(
        '{"q1":"yes","q2":"level-50k","q3":["drain","lights"]}',
        '{"q2":"level-50k","q1":"yes","q3":["drain","lights"]}',
      );
      expect(text).not.toBe(fromUtf8(good['ballots.json']!));
      const v = await verifyBundle(await resign(good, { set: { 'ballots.json': utf8(text) } }), key);
      expect(failed(v)).toEqual([3, 4, 5, 6, 7]);
      expect(v.checks[2]!.detail).toMatch(/not canonical/);
    });

    it('consultation.json may carry more fields than bundle.md lists', async () => {
      const consultation = editJson(good, 'consultation.json', (c) => (c.noticeBoard = 'Nhà văn hóa thôn'));
      expect((await verifyBundle(await resign(good, { set: { 'consultation.json': consultation } }), key)).ok).toBe(true);
    });
  });

  it('a consultation in which no household voted verifies, with the root of no leaves', async () => {
    const input = bundleInput([]);
    const files = await publish({ ...input, participants: [] }, signing);
    const v = await verifyBundle(files, key);
    expect(v.ok).toBe(true);
    expect(fromUtf8(files['ballots.json']!)).toBe(`{"ballots":[],"consultationId":"${CONSULTATION_ID}"}`);
    expect(manifestOf(files).ballots.merkleRoot).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('receipts made by receiptOf are what the verifier recomputes', () => {
    const b = bundleInput().ballots[0]!;
    expect(receiptOf(CONSULTATION_ID, b.answers, b.nonce)).toBe(b.receipt);
  });
});
