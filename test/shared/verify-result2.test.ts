import { beforeAll, describe, expect, it } from 'vitest';
import { withManifest } from '../../scripts/make-vectors/copies.ts';
import { withBallots } from '../../scripts/make-vectors/result-2.ts';
import * as rounds from '../../scripts/vectors/rounds-2.ts';
import { buildBundle, signBundle, type Bundle } from '../../shared/bundle.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Manifest } from '../../shared/schemas.ts';
import { sha256, sha256Hex } from '../../shared/sha256.ts';
import { verifyBundle, type Verification, type VerifyKey } from '../../shared/verify/index.ts';
import { bundleInput, makeSigning, type Signing } from './bundle-fixture.ts';

type Files = Record<string, Uint8Array>;

let signing: Signing;
let key: VerifyKey;

beforeAll(async () => {
  signing = await makeSigning();
  key = { pinned: signing.keys.publicKey };
});

/** The files of a bundle as published, signed with the test key. */
async function signed(bundle: Bundle): Promise<Files> {
  const jws = await signBundle(bundle.manifestBytes, signing.kid, signing.sign);
  return { ...bundle.files, 'result.json': bundle.manifestBytes, 'result.jws': utf8(jws) };
}

/** A bundle whose manifest was edited, re-signed: a dishonest or careless publisher. */
const edited = (bundle: Bundle, edit: (m: Manifest) => Manifest) => signed(withManifest(bundle, edit));

/** A bundle with one file replaced and its hash in the manifest following it, re-signed. */
const withFile = (bundle: Bundle, name: 'opinions.json' | 'participants.json', bytes: Uint8Array) =>
  signed(withManifest({ ...bundle, files: { ...bundle.files, [name]: bytes } }, (m) => ({ ...m, files: { ...m.files, [name]: sha256Hex(bytes) } })));

const failed = (v: Verification) => v.checks.filter((c) => !c.ok).map((c) => c.step);
const detail = (v: Verification, step: number) => v.checks.find((c) => c.step === step)!.detail;

describe('verifying a result/2 bundle', () => {
  it.each([
    ['a household ballot by serial', rounds.slipsInput],
    ['a show of hands', rounds.handsInput],
    ['a meeting with too few present', rounds.meetingInput],
  ])('%s passes all nine checks', async (_name, input) => {
    const v = await verifyBundle(await signed(buildBundle(input())), key);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('the report of a show of hands says that its tally comes from the hands', async () => {
    const v = await verifyBundle(await signed(buildBundle(rounds.handsInput())), key);
    expect(detail(v, 7)).toMatch(/^giơ tay \/ show of hands: q1: adopted yes$/);
  });

  describe('1: the manifest and its format', () => {
    it('a result/2 manifest without method fails check 1', async () => {
      const v = await verifyBundle(await edited(buildBundle(rounds.slipsInput()), ({ method: _, ...m }) => m as Manifest), key);
      expect(failed(v)).toContain(1);
      expect(detail(v, 1)).toMatch(/thiếu method \/ the result\/2 manifest has no method/);
    });

    it('a result/1 manifest that carries result/2 fields fails check 1', async () => {
      const v = await verifyBundle(await edited(buildBundle(bundleInput()), (m) => ({ ...m, method: 'household_ballot' })), key);
      expect(failed(v)).toContain(1);
      expect(detail(v, 1)).toMatch(/result\/1 manifest carries result\/2 fields: method/);
    });
  });

  describe('2: opinions.json', () => {
    it('listed in files but missing fails check 2 only', async () => {
      const { 'opinions.json': _, ...files } = await signed(buildBundle(rounds.slipsInput()));
      const v = await verifyBundle(files, key);
      expect(failed(v)).toEqual([2]);
      expect(detail(v, 2)).toMatch(/opinions\.json is missing/);
    });

    it('out of order, even re-hashed and re-signed, fails check 2 only', async () => {
      const unsorted = jcsBytes({ consultationId: rounds.SLIPS_ID, opinions: [...rounds.slipOpinions].sort((a, b) => (a.text < b.text ? 1 : -1)) });
      const v = await verifyBundle(await withFile(buildBundle(rounds.slipsInput()), 'opinions.json', unsorted), key);
      expect(failed(v)).toEqual([2]);
      expect(detail(v, 2)).toMatch(/not sorted by \(questionId, text\)/);
    });

    it('naming another consultation or a question that does not exist fails check 2', async () => {
      const other = jcsBytes({ consultationId: rounds.HANDS_ID, opinions: [{ questionId: 'q9', text: 'x' }] });
      const v = await verifyBundle(await withFile(buildBundle(rounds.slipsInput()), 'opinions.json', other), key);
      expect(failed(v)).toEqual([2]);
      expect(detail(v, 2)).toMatch(/names consultation .*q9/);
    });

    it('not canonical fails check 2', async () => {
      const loose = utf8(`{"consultationId":"${rounds.SLIPS_ID}", "opinions":[]}`);
      expect(failed(await verifyBundle(await withFile(buildBundle(rounds.slipsInput()), 'opinions.json', loose), key))).toEqual([2]);
    });

    it('published beside a manifest that does not list it only warns', async () => {
      const files = { ...(await signed(buildBundle(rounds.meetingInput()))), 'opinions.json': utf8('{}') };
      const v = await verifyBundle(files, key);
      expect(v.ok).toBe(true);
      expect(v.checks[1]!.warnings?.join(' ')).toMatch(/does not list it/);
    });
  });

  describe('3: receipts with serials', () => {
    it('a receipt computed without its serial does not recompute', async () => {
      const slip = rounds.slipBallots[0]!;
      const bent = { ...slip, receipt: receiptOf(rounds.SLIPS_ID, slip.answers, slip.nonce) };
      const v = await verifyBundle(
        await signed(
          withBallots(
            buildBundle(rounds.slipsInput()),
            rounds.slipBallots.map((b) => (b === slip ? bent : b)),
          ),
        ),
        key,
      );
      expect(failed(v)).toEqual([3]);
    });

    it('a result/1 ballot with a serial fails check 3', async () => {
      const input = bundleInput();
      const ballots = input.ballots.map((b, i) =>
        i === 0 ? { ...b, serial: 'A-1', receipt: receiptOf(input.consultation.id, b.answers, b.nonce, sha256, 'A-1') } : b,
      );
      const v = await verifyBundle(await signed(withBallots(buildBundle(input), ballots)), key);
      expect(failed(v)).toEqual([3]);
      expect(detail(v, 3)).toMatch(/result\/1 ballot\(s\) carry a serial/);
    });

    it('a serial off its alphabet makes ballots.json unreadable', async () => {
      const files = await signed(buildBundle(rounds.slipsInput()));
      const text = fromUtf8(files['ballots.json']!).replace('"serial":"PX-001"', '"serial":"px-001"');
      const v = await verifyBundle({ ...files, 'ballots.json': utf8(text) }, key);
      expect(failed(v)).toContain(3);
      expect(detail(v, 3)).toMatch(/serial/);
    });
  });

  describe('5: counts of ballots by method and voting', () => {
    it('a secret ballot may have fewer slips than households present, not more', async () => {
      const slips = [rounds.slipOf('KT-1', { q1: 'yes' }, rounds.HANDS_ID), rounds.slipOf('KT-2', { q1: 'yes' }, rounds.HANDS_ID)];
      const fewer = buildBundle(rounds.handsInput({ voting: 'secret_ballot', handCount: undefined, ballots: slips }));
      expect(failed(await verifyBundle(await signed(fewer), key))).toEqual([]);
      const present = rounds.handsInput().participants.slice(0, 1);
      const more = buildBundle(rounds.handsInput({ voting: 'secret_ballot', handCount: undefined, ballots: slips, participants: present, present: 1 }));
      const v = await verifyBundle(await signed(more), key);
      expect(failed(v)).toEqual([5]);
      expect(detail(v, 5)).toMatch(/more than the 1 households present/);
    });

    it("a manifest method that is not consultation.json's, or a meeting without its voting, fails check 5", async () => {
      const online = await verifyBundle(await edited(buildBundle(rounds.slipsInput()), (m) => ({ ...m, method: 'online' })), key);
      expect(failed(online)).toEqual([5]);
      expect(detail(online, 5)).toMatch(/is not consultation\.json's household_ballot/);
      const silent = await verifyBundle(await edited(buildBundle(rounds.meetingInput()), ({ voting: _, ...m }) => m as Manifest), key);
      expect(failed(silent)).toContain(5);
    });
  });

  describe('7: the recount of a meeting', () => {
    it.each([
      ['an answer that is not one of the question', { q1: { yes: 8, maybe: 1 } }, /maybe is not an answer/],
      ['a question left out', {}, /no entry for question q1/],
      ['a question that does not exist', { ...rounds.handCount, q9: { yes: 1 } }, /names no question q9/],
    ])('a hand count with %s fails check 7', async (_name, handCount, message) => {
      const v = await verifyBundle(await signed(buildBundle(rounds.handsInput({ handCount }))), key);
      expect(failed(v)).toEqual([7]);
      expect(detail(v, 7)).toMatch(message);
    });

    it('a `present` that is not the participants of the meeting fails check 7', async () => {
      const v = await verifyBundle(await edited(buildBundle(rounds.handsInput()), (m) => ({ ...m, tally: m.tally.map((q) => ({ ...q, present: 12 })) })), key);
      expect(failed(v)).toEqual([7]);
    });

    it('not_enough_present published where enough were present fails check 7, and so does quorum_not_met in its place', async () => {
      for (const status of ['not_enough_present', 'quorum_not_met'] as const) {
        const v = await verifyBundle(
          await edited(buildBundle(rounds.handsInput()), (m) => ({ ...m, tally: m.tally.map((q) => ({ ...q, outcome: { status, options: [] } })) })),
          key,
        );
        expect(failed(v), status).toEqual([7]);
      }
    });

    it('a result/1 bundle saying not_enough_present fails check 7', async () => {
      const v = await verifyBundle(
        await edited(buildBundle(bundleInput()), (m) => ({
          ...m,
          tally: m.tally.map((q) => ({ ...q, outcome: { status: 'not_enough_present', options: [] } })),
        })),
        key,
      );
      expect(failed(v)).toEqual([7]);
    });
  });
});
