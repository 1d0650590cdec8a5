import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type BallotsSource, readBallots, readBallotsFile } from '../../shared/ballots-reader.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Answers, Ballot } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import { verifyBundle, type StreamedBallots } from '../../shared/verify/index.ts';
import { expected, pinnedPem, readCopy } from '../support/vectors.ts';
import { ballotOf, bundleInput, CONSULTATION_ID, makeSigning, nonceOf, publish } from './bundle-fixture.ts';

/** A file given in pieces of `size` bytes, counting how often it is read. */
function pieces(bytes: Uint8Array, size: number): BallotsSource & { reads: number } {
  const source = {
    size: bytes.length,
    reads: 0,
    async *read() {
      source.reads++;
      for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
    },
  };
  return source;
}

/** The same file as the CLI gives it: in pieces, with its hash taken piece by piece. */
function streamed(bytes: Uint8Array, size: number): StreamedBallots {
  const source = pieces(bytes, size);
  return {
    ...source,
    read: () => source.read(),
    sha256: async () => {
      const digest = createHash('sha256');
      for await (const piece of source.read()) digest.update(piece);
      return new Uint8Array(digest.digest());
    },
  };
}

const ANSWERS: Answers[] = [
  { q1: 'yes', q2: 'level-50k', q3: ['drain', 'lights'] },
  { q1: 'no', q2: 'abstain', q3: [] },
  { q1: 'abstain', q2: 'level-100k', q3: ['lights'] },
];

/** A ballots.json of `n` ballots sorted by receipt, every fifth a paper slip with a serial (result/2). */
function ballotsFile(n: number): { text: string; ballots: Ballot[] } {
  const ballots: Ballot[] = [];
  for (let i = 0; i < n; i++) {
    const answers = ANSWERS[i % ANSWERS.length]!;
    if (i % 5 === 4) {
      const serial = `PX-${String(i).padStart(3, '0')}`;
      ballots.push({ answers, nonce: nonceOf(i), receipt: receiptOf(CONSULTATION_ID, answers, nonceOf(i), sha256, serial), serial } as Ballot);
    } else ballots.push(ballotOf(answers, nonceOf(i)));
  }
  ballots.sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
  return { text: fromUtf8(jcsBytes({ ballots, consultationId: CONSULTATION_ID })), ballots };
}

const SIZES = [1, 2, 7, 64, 65, 333, 4096];

/** The error the reading of `bytes` ends with, or undefined. */
async function refusal(source: BallotsSource, consultationId?: string): Promise<string | undefined> {
  try {
    await readBallots(source, sha256, consultationId === undefined ? {} : { consultationId });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('ballots.json read in pieces', () => {
  const { text, ballots } = ballotsFile(40);
  const whole = utf8(text);

  it('gives, whatever the size of its pieces, what the file held whole gives', async () => {
    const reference = await readBallotsFile(whole, sha256, undefined, CONSULTATION_ID);
    expect(reference.count).toBe(40);
    expect([...reference.receiptOk]).toEqual(new Array(40).fill(1));
    expect(reference.serials.size).toBe(8);
    expect(reference.distinct).toHaveLength(3);
    expect(Array.from(reference.answerSet, (set) => reference.distinct[set])).toEqual(ballots.map((b) => b.answers));
    for (const size of SIZES) expect(await readBallots(pieces(whole, size), sha256, { consultationId: CONSULTATION_ID })).toEqual(reference);
  });

  it('reads the file once when the consultation is known, and again with its own when it is another or unknown', async () => {
    for (const [guess, reads] of [
      [CONSULTATION_ID, 1],
      ['01JD5RQ7X8N2M4K6P9T0V3W5ZZ', 2],
      [undefined, 2],
    ] as const) {
      const source = pieces(whole, 100);
      const reading = await readBallots(source, sha256, guess === undefined ? {} : { consultationId: guess });
      expect([...reading.receiptOk]).toEqual(new Array(40).fill(1));
      expect(reading.consultationId).toBe(CONSULTATION_ID);
      expect(source.reads).toBe(reads);
    }
  });

  it('an empty ballots file reads, in pieces too', async () => {
    const empty = utf8(`{"ballots":[],"consultationId":"${CONSULTATION_ID}"}`);
    for (const size of SIZES) expect((await readBallots(pieces(empty, size), sha256)).count).toBe(0);
  });

  // Each a file the reader must refuse, and what it must say: the same in pieces of any size as held whole.
  const second = text.indexOf('{"answers"', 20);
  const cases: [string, string, RegExp][] = [
    ['malformed JSON: a comma missing between two ballots', `${text.slice(0, second - 1)}${text.slice(second)}`, /^ballots\.json: malformed JSON/],
    ['malformed JSON: a brace for a bracket', text.replace('[', '{'), /^ballots\.json: malformed JSON/],
    ['truncated inside a ballot', text.slice(0, second + 50), /^ballots\.json: malformed JSON/],
    ['truncated after the last ballot', text.slice(0, text.lastIndexOf(']') + 1), /^ballots\.json: malformed JSON/],
    ['truncated before its last brace', text.slice(0, -1), /^ballots\.json: malformed JSON/],
    ['truncated to nothing', '', /^ballots\.json: malformed JSON/],
    ['a byte after the end', `${text} `, /^ballots\.json: not canonical JSON \(RFC 8785\): expected the end of the file at byte \d+$/],
    ['pretty-printed', JSON.stringify(JSON.parse(text), null, 1), /^ballots\.json: not canonical JSON \(RFC 8785\): expected "\{\\"ballots\\":\[" at byte 0$/],
    [
      'a nonce in capitals',
      text.replace(`"nonce":"${ballots[3]!.nonce}"`, `"nonce":"${ballots[3]!.nonce.toUpperCase()}"`),
      /^ballots\.json: ballot 4: nonce is not 32/,
    ],
    ['a receipt cut short', text.replace(ballots[7]!.receipt, ballots[7]!.receipt.slice(2)), /^ballots\.json: ballot 8: receipt is not 64/],
    [
      'a ballot with a household',
      text.replace(`"receipt":"${ballots[5]!.receipt}"`, `"household":"DG-001","receipt":"${ballots[5]!.receipt}"`),
      /^ballots\.json: ballot 6 must have exactly the members/,
    ],
    ['a serial off its alphabet', text.replace(/"serial":"PX-(\d+)"/, '"serial":"px-$1"'), /^ballots\.json: ballot \d+: serial is not 1 to 32 characters/],
    ['a member after the consultation', text.replace(/}$/, ',"extra":1}'), /^ballots\.json: the file must have exactly the members ballots, consultationId$/],
    [
      'answers out of canonical order',
      text.replace('{"q1":"no","q2":"abstain","q3":[]}', '{"q2":"abstain","q1":"no","q3":[]}'),
      /^ballots\.json: ballot \d+: the answers are not canonical JSON/,
    ],
    [
      'an answer that is a number',
      text.replace('{"q1":"no","q2":"abstain","q3":[]}', '{"q1":1,"q2":"abstain","q3":[]}'),
      /^ballots\.json: ballot \d+: the answer to q1 is neither/,
    ],
    [
      // The form of the whole file is judged before any answers: the later malformed byte is what is reported.
      'answers out of order early, a brace missing late',
      text.replace('{"q1":"no","q2":"abstain","q3":[]}', '{"q2":"abstain","q1":"no","q3":[]}').slice(0, -1),
      /^ballots\.json: malformed JSON/,
    ],
  ];

  it.each(cases)('refuses %s, saying the same in pieces of any size', async (_name, bad, message) => {
    const bytes = utf8(bad);
    const held = await refusal(pieces(bytes, Math.max(1, bytes.length)), CONSULTATION_ID);
    expect(held).toMatch(message);
    for (const size of SIZES) expect(await refusal(pieces(bytes, size), CONSULTATION_ID)).toBe(held);
  });

  it('refuses answers that are not UTF-8, in pieces too', async () => {
    const bytes = utf8(text.replace('"q2":"abstain"', '"q2":"abstain\u00e9"'));
    const at = bytes.indexOf(0xc3);
    bytes[at] = 0xff;
    const held = await refusal(pieces(bytes, bytes.length));
    expect(held).toMatch(/malformed UTF-8/);
    for (const size of SIZES) expect(await refusal(pieces(bytes, size))).toBe(held);
  });
});

describe('verifyBundle with ballots.json read in pieces', () => {
  const key = { pinned: pinnedPem };

  /** The report with ballots.json held whole, and with it read in pieces of `size` bytes as the CLI reads it. */
  async function both(files: Record<string, Uint8Array>, size: number) {
    const { 'ballots.json': bytes, ...rest } = files;
    const held = await verifyBundle(files, key);
    const inPieces = await verifyBundle(rest, key, bytes ? { ballotsFile: streamed(bytes, size) } : {});
    return { held, inPieces };
  }

  it.each(Object.keys(expected.copies))('reports on %s exactly as with the file held whole', async (copy) => {
    const files = await readCopy(copy);
    for (const size of [61, 1 << 20]) {
      const { held, inPieces } = await both(files, size);
      expect(inPieces).toEqual(held);
    }
  });

  it('fails check 3 the same way on ballots out of order and on a receipt given twice', async () => {
    const signing = await makeSigning();
    const input = bundleInput();
    const twice = [...input.ballots, input.ballots[0]!];
    for (const files of [await publish(bundleInput(twice), signing)]) {
      const { held, inPieces } = await (async () => {
        const { 'ballots.json': bytes, ...rest } = files;
        return {
          held: await verifyBundle(files, { pinned: signing.keys.publicKey }),
          inPieces: await verifyBundle(rest, { pinned: signing.keys.publicKey }, { ballotsFile: streamed(bytes!, 50) }),
        };
      })();
      expect(held.checks[2]!.ok).toBe(false);
      expect(held.checks[2]!.detail).toMatch(/same receipt/);
      expect(inPieces).toEqual(held);
    }
    const sorted = await publish(input, signing);
    const text = fromUtf8(sorted['ballots.json']!);
    const parsed = JSON.parse(text) as { ballots: Ballot[]; consultationId: string };
    parsed.ballots.reverse();
    const reversed = jcsBytes(parsed);
    const { 'ballots.json': _gone, ...rest } = sorted;
    const held = await verifyBundle({ ...sorted, 'ballots.json': reversed }, { pinned: signing.keys.publicKey });
    const inPieces = await verifyBundle(rest, { pinned: signing.keys.publicKey }, { ballotsFile: streamed(reversed, 33) });
    expect(held.checks[2]!.detail).toMatch(/not sorted by receipt/);
    expect(inPieces).toEqual(held);
  });

  it('a ballots.json that is not there fails the same checks as a missing file', async () => {
    const { 'ballots.json': _gone, ...rest } = await readCopy('good');
    const v = await verifyBundle(rest, key);
    expect(v.checks.filter((c) => !c.ok).map((c) => c.step)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});
