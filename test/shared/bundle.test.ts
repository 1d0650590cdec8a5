import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildBundle, signBundle } from '../../shared/bundle.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import { canonicalize } from '../../shared/jcs.ts';
import { decodeJws, verifyEs256 } from '../../shared/jws.ts';
import { leavesFromHex, merkleRoot } from '../../shared/merkle.ts';
import { BUNDLE_FILES, Manifest, type Ballot } from '../../shared/schemas.ts';
import * as rounds from '../../scripts/vectors/rounds-2.ts';
import { bundleInput, CONSULTATION_ID, makeSigning } from './bundle-fixture.ts';

const text = (b: Uint8Array) => fromUtf8(b);
const json = (b: Uint8Array) => JSON.parse(fromUtf8(b)) as Record<string, unknown>;
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('building the result bundle', () => {
  const input = bundleInput();
  const bundle = buildBundle(input);

  it('writes exactly the five data files, each as canonical JSON without a trailing newline', () => {
    expect(Object.keys(bundle.files).sort()).toEqual([...BUNDLE_FILES].sort());
    for (const name of ['consultation.json', 'roll.json', 'participants.json', 'ballots.json'] as const) {
      const t = text(bundle.files[name]);
      expect(t).toBe(canonicalize(JSON.parse(t)));
      expect(t.endsWith('\n')).toBe(false);
    }
  });

  it('roll.json lists the roll ids sorted, with nothing but ids', () => {
    expect(text(bundle.files['roll.json'])).toBe(
      `{"consultationId":"${CONSULTATION_ID}","households":[${[...input.rollIds]
        .sort()
        .map((id) => `{"id":"${id}"}`)
        .join(',')}]}`,
    );
  });

  it('participants.json lists id and channel sorted by id', () => {
    const { households } = json(bundle.files['participants.json']) as { households: { id: string; channel: string }[] };
    expect(households.map((h) => h.id)).toEqual(input.participants.map((p) => p.id).sort());
    expect(households.every((h) => Object.keys(h).join() === 'channel,id')).toBe(true);
  });

  it('ballots.json holds answers, nonce and receipt sorted by receipt, and nothing a caller adds (no household)', () => {
    const leaky = input.ballots.map((b, i) => ({ ...b, household: `DG-00${i}`, channel: 'online' }) as Ballot);
    const files = buildBundle({ ...input, ballots: leaky }).files;
    expect(text(files['ballots.json'])).toBe(text(bundle.files['ballots.json']));
    expect(text(files['ballots.json'])).not.toContain('household');
    const { ballots } = json(bundle.files['ballots.json']) as { ballots: Ballot[] };
    const receipts = ballots.map((b) => b.receipt);
    expect(receipts).toEqual([...receipts].sort());
    expect(ballots.every((b) => Object.keys(b).join() === 'answers,nonce,receipt')).toBe(true);
  });

  it('audit.jsonl is the log, one canonical event per line', () => {
    expect(text(bundle.files['audit.jsonl'])).toBe(input.audit.map((e) => `${canonicalize(e)}\n`).join(''));
  });

  it('the manifest names each file by its SHA-256 and counts roll, participants by channel, ballots and events', () => {
    const m = bundle.manifest;
    expect(m.format).toBe('result/1');
    expect(m.consultationId).toBe(CONSULTATION_ID);
    for (const name of BUNDLE_FILES) expect(m.files[name]).toBe(hex(bundle.files[name]));
    expect(m.roll).toEqual({ count: 10 });
    expect(m.participants).toEqual({ count: 7, byChannel: { online: 4, paper: 2, meeting: 1 } });
    expect(m.ballots.count).toBe(7);
    expect(m.audit).toEqual({ count: input.audit.length, head: input.audit[input.audit.length - 1]!.hash });
    expect(m.tally).toEqual(input.tally);
    expect(m.closedAt).toBe(input.closedAt);
    expect(m.publishedAt).toBe(input.publishedAt);
  });

  it('the Merkle root is over the receipts in ballots.json order', () => {
    const receipts = input.ballots.map((b) => b.receipt).sort();
    expect(bundle.manifest.ballots.merkleRoot).toBe(Buffer.from(merkleRoot(leavesFromHex(receipts))).toString('hex'));
  });

  it('byChannel keeps every channel, zeros included', () => {
    const m = buildBundle({ ...input, participants: input.participants.map((p) => ({ ...p, channel: 'online' as const })) }).manifest;
    expect(m.participants.byChannel).toEqual({ online: 7, paper: 0, meeting: 0 });
  });

  it('the manifest bytes are its canonical JSON and a valid result/1 manifest', () => {
    expect(text(bundle.manifestBytes)).toBe(canonicalize(bundle.manifest));
    expect(Manifest.safeParse(JSON.parse(text(bundle.manifestBytes))).success).toBe(true);
  });

  it('the same input in another order gives the same bytes', () => {
    const shuffled = buildBundle({
      ...input,
      rollIds: [...input.rollIds].reverse(),
      participants: [...input.participants].reverse(),
      ballots: [...input.ballots].reverse(),
    });
    expect(text(shuffled.manifestBytes)).toBe(text(bundle.manifestBytes));
  });

  it('result.jws carries the header {"alg":"ES256","kid","typ":"result+jws"} and the manifest bytes as payload', async () => {
    const signing = await makeSigning();
    const jws = await signBundle(bundle.manifestBytes, signing.kid, signing.sign);
    const decoded = decodeJws(jws);
    expect(fromUtf8(Buffer.from(decoded.headerB64, 'base64url'))).toBe(`{"alg":"ES256","kid":"${signing.kid}","typ":"result+jws"}`);
    expect(text(decoded.payloadBytes)).toBe(text(bundle.manifestBytes));
    expect(await verifyEs256(jws, signing.keys.publicKey)).toBe(true);
  });
});

describe('building a result/2 bundle', () => {
  const slips = buildBundle(rounds.slipsInput());
  const hands = buildBundle(rounds.handsInput());

  it('result/1 stays the default, byte for byte, when nothing of result/2 is asked', () => {
    const input = bundleInput();
    expect(text(buildBundle({ ...input, format: 'result/1' }).manifestBytes)).toBe(text(buildBundle(input).manifestBytes));
    expect(json(buildBundle(input).manifestBytes)).not.toHaveProperty('method');
  });

  it('a household ballot: format result/2, the method, no voting, and every slip with its serial', () => {
    const m = slips.manifest;
    expect([m.format, m.method, m.voting, m.handCount]).toEqual(['result/2', 'household_ballot', undefined, undefined]);
    const ballots = json(slips.files['ballots.json']).ballots as Ballot[];
    expect(ballots.map((b) => Object.keys(b))).toEqual(ballots.map(() => ['answers', 'nonce', 'receipt', 'serial']));
    expect(ballots.map((b) => b.serial).sort()).toEqual(rounds.slipBallots.map((b) => b.serial).sort());
    expect(Manifest.safeParse(m).success).toBe(true);
  });

  it('opinions.json holds questionId and text only, sorted by (questionId, text), and is named in files', () => {
    const opinions = [
      { questionId: 'q2', text: 'B' },
      { questionId: 'q1', text: 'Đề nghị b' },
      { questionId: 'q1', text: 'Đề nghị a', household: 'DT-001' } as { questionId: string; text: string },
    ];
    const bundle = buildBundle(rounds.slipsInput({ opinions }));
    const file = bundle.files['opinions.json']!;
    expect(text(file)).toBe(
      `{"consultationId":"${rounds.SLIPS_ID}","opinions":[{"questionId":"q1","text":"Đề nghị a"},{"questionId":"q1","text":"Đề nghị b"},{"questionId":"q2","text":"B"}]}`,
    );
    expect(bundle.manifest.files['opinions.json']).toBe(hex(file));
    expect(text(bundle.manifestBytes)).toContain(`"opinions.json":"${hex(file)}"`);
  });

  it('a round without opinions publishes no opinions.json and names none', () => {
    const bundle = buildBundle(rounds.meetingInput());
    expect(bundle.files['opinions.json']).toBeUndefined();
    expect(Object.keys(bundle.manifest.files)).not.toContain('opinions.json');
  });

  it('a show of hands: voting and handCount in the manifest, no ballot, and each question gives the households present', () => {
    const m = hands.manifest;
    expect([m.method, m.voting, m.handCount]).toEqual(['meeting', 'show_of_hands', rounds.handCount]);
    expect(m.ballots.count).toBe(0);
    expect(m.tally.map((q) => [q.present, q.cast, q.outcome.status])).toEqual([[9, 9, 'adopted']]);
  });

  it.each([
    [
      'two slips with one serial',
      () => rounds.slipsInput({ ballots: [rounds.slipOf('PX-001', { q1: 'yes', q2: 'abstain' }), rounds.slipOf('PX-001', { q1: 'no', q2: 'abstain' })] }),
    ],
    ['a show of hands with a ballot', () => rounds.handsInput({ ballots: [rounds.slipOf('A-1', { q1: 'yes' }, rounds.HANDS_ID)] })],
    ['a show of hands without its counts', () => rounds.handsInput({ handCount: undefined })],
    ['hand counts of a secret ballot', () => rounds.handsInput({ voting: 'secret_ballot' })],
    ['voting in a household ballot', () => rounds.slipsInput({ voting: 'secret_ballot' })],
    ['a present the tally does not give', () => rounds.handsInput({ present: 8, tally: rounds.handsInput().tally })],
    ['a serial in result/1', () => ({ ...bundleInput(), ballots: [{ ...bundleInput().ballots[0]!, serial: 'A-1' }] })],
    ['opinions in result/1', () => ({ ...bundleInput(), opinions: [] })],
  ])('refuses %s', (_name, input) => {
    expect(() => buildBundle(input())).toThrow(RangeError);
  });
});
