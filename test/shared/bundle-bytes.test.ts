/**
 * The bundle written file by file into buffers is byte for byte the bundle of the in-memory builder it replaced
 * (kept in test/support/reference-bundle.ts): every file, the manifest and its hashes, for a few thousand ballots
 * with the awkward cases (slips with serials, ties of receipts, escapes, letters beyond the BMP, approval answers).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ballotsCsvBytes, resultBundle } from '../../functions/core/result-bundle.ts';
import type { TallyInput } from '../../functions/core/store.ts';
import { buildBundle, type BundleInput } from '../../shared/bundle.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import type { Answers, Ballot, Channel, Consultation, Opinion, Participant } from '../../shared/schemas.ts';
import type { Hash } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { ballotsCsv } from '../../web/open-data.ts';
import { referenceBuildBundle, referenceResultBundle } from '../support/reference-bundle.ts';
import { auditLog, consultation } from './bundle-fixture.ts';

const nodeHash: Hash = (data) => new Uint8Array(createHash('sha256').update(data).digest());

/** A deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const hex = (next: () => number, bytes: number) =>
  Array.from({ length: bytes }, () =>
    Math.floor(next() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');

/** Household ids with what JCS must escape or encode on several bytes: quotes, controls, Vietnamese, an emoji. */
const ODD_IDS = ['DG-"quoted"', 'DG-\\back', 'DG-\ttab\n', 'Hộ-Đông-ấp', 'DG-😀-pair', 'DG-\u0001ctl', 'DG-\u2028sep'];

interface Made {
  consultation: Consultation;
  rollIds: string[];
  participants: Participant[];
  ballots: Ballot[];
  opinions: Opinion[];
}

function make(n: number, seed: number, { serials = true } = {}): Made {
  const next = random(seed);
  const rollIds: string[] = [];
  const participants: Participant[] = [];
  const ballots: Ballot[] = [];
  const channels: Channel[] = ['online', 'paper', 'meeting'];
  for (let i = 0; i < n; i++) {
    // Unsorted, and long ids from time to time, so that the buffer sized after the first item has to grow.
    const id = i < ODD_IDS.length ? ODD_IDS[i]! : `DG-${String(n - i).padStart(5, '0')}${i % 3 === 0 ? 'ấ'.repeat(40) : ''}`;
    rollIds.push(id);
    if (next() < 0.9) participants.push({ id, channel: channels[Math.floor(next() * 3)]! });
  }
  const levels = consultation.questions[1]!.options.map((o) => o.id);
  const items = consultation.questions[2]!.options.map((o) => o.id);
  let last = '';
  for (let i = 0; i < participants.length; i++) {
    const answers: Answers = {
      q1: ['yes', 'no', 'abstain'][Math.floor(next() * 3)]!,
      q2: next() < 0.1 ? 'abstain' : levels[Math.floor(next() * levels.length)]!,
      q3: items.filter(() => next() < 0.4),
    };
    // One receipt in fifty repeats the one before: equal keys must keep their order in every sort.
    const receipt = i > 0 && i % 50 === 0 ? last : hex(next, 32);
    last = receipt;
    const ballot: Ballot = { answers, nonce: hex(next, 16), receipt };
    ballots.push(serials && i % 7 === 0 ? { ...ballot, serial: `PX-${String(i).padStart(5, '0')}` } : ballot);
  }
  const opinions = [
    { questionId: 'q2', text: 'Mức "khác": 75.000 đồng\n😀' },
    { questionId: 'q1', text: 'Cần bàn thêm' },
    { questionId: 'q2', text: 'A' },
  ];
  return { consultation, rollIds, participants, ballots, opinions };
}

function input(made: Made, format: 'result/1' | 'result/2'): BundleInput {
  return {
    consultation: made.consultation,
    rollIds: made.rollIds,
    participants: made.participants,
    ballots: made.ballots,
    audit: auditLog(),
    closedAt: '2026-11-20T10:00:00Z',
    publishedAt: '2026-11-20T10:00:05Z',
    tally: tally(
      made.consultation,
      made.ballots.map((b) => b.answers),
      made.rollIds.length,
    ),
    ...(format === 'result/2' ? { format, opinions: made.opinions } : {}),
  };
}

/** Every file, the manifest bytes and the manifest, compared byte for byte (a difference names its file). */
function expectSameBytes(actual: ReturnType<typeof buildBundle>, expected: ReturnType<typeof referenceBuildBundle>): void {
  expect(Object.keys(actual.files).sort()).toEqual(Object.keys(expected.files).sort());
  for (const [name, bytes] of Object.entries(expected.files)) {
    const mine = actual.files[name as keyof typeof actual.files]!;
    expect({ name, length: mine.length }).toEqual({ name, length: bytes.length });
    expect(Buffer.compare(Buffer.from(mine), Buffer.from(bytes)), name).toBe(0);
  }
  expect(Buffer.compare(Buffer.from(actual.manifestBytes), Buffer.from(expected.manifestBytes))).toBe(0);
  expect(actual.manifest).toEqual(expected.manifest);
}

describe('the bundle written into buffers is the in-memory bundle, byte for byte', () => {
  it('result/2 of 3,000 households: slips with serials, tied receipts, escapes, other opinions', () => {
    const made = make(3_000, 1);
    const bundle = buildBundle(input(made, 'result/2'));
    expectSameBytes(bundle, referenceBuildBundle(input(made, 'result/2')));
    // The case the test is about did happen: several hundred kilobytes, escapes and a letter beyond the BMP.
    expect(bundle.files['ballots.json'].length).toBeGreaterThan(300_000);
    expect(fromUtf8(bundle.files['roll.json'])).toContain('"DG-\\"quoted\\""');
    expect(fromUtf8(bundle.files['participants.json'])).toContain('😀');
  });

  it('result/1 of 2,500 households, and with node:crypto for the hash: the same bytes', () => {
    const made = make(2_500, 2, { serials: false });
    const expected = referenceBuildBundle(input(made, 'result/1'));
    expectSameBytes(buildBundle(input(made, 'result/1')), expected);
    expectSameBytes(buildBundle(input(made, 'result/1'), nodeHash), expected);
  });

  it('no ballot, no participant, an empty roll', () => {
    const made: Made = { ...make(0, 3), opinions: [] };
    expectSameBytes(buildBundle(input(made, 'result/2')), referenceBuildBundle(input(made, 'result/2')));
    expectSameBytes(buildBundle(input(made, 'result/1')), referenceBuildBundle(input(made, 'result/1')));
  });

  it('refuses as before: a serial in result/1, two ballots with one serial', () => {
    const made = make(40, 4);
    expect(() => buildBundle(input(made, 'result/1'))).toThrow('a result/1 ballot has no serial');
    const twice = { ...made, ballots: [...made.ballots, { ...made.ballots[0]!, receipt: 'f'.repeat(64) }] };
    expect(() => buildBundle(input(twice, 'result/2'))).toThrow('two ballots have the same serial');
  });

  it('resultBundle with the injected hash gives the bytes of the close before', () => {
    const made = make(2_000, 5);
    const tallyInput: TallyInput = { rollIds: made.rollIds, participants: made.participants, ballots: made.ballots, opinions: made.opinions };
    const closing = { audit: auditLog(), closedAt: '2026-11-20T10:00:00Z', publishedAt: '2026-11-20T10:00:05Z' };
    expectSameBytes(resultBundle(consultation, tallyInput, closing, nodeHash), referenceResultBundle(consultation, tallyInput, closing));
  });

  it('ballots.csv written row by row is ballotsCsv, byte for byte', () => {
    const made = make(3_000, 6);
    const rows = ballotsCsvBytes(made.ballots, consultation.questions);
    expect(Buffer.compare(Buffer.from(rows), Buffer.from(ballotsCsv(made.ballots, consultation.questions)))).toBe(0);
    expect(rows.length).toBeGreaterThan(200_000);
    // A field that must be quoted, and no ballot at all.
    const odd = [
      { answers: { q1: 'a,"b"' }, receipt: 'b' },
      { answers: { q1: ['x', 'y'] }, receipt: 'a' },
    ];
    expect(fromUtf8(ballotsCsvBytes(odd, [{ id: 'q1' }, { id: 'q2' }]))).toBe(fromUtf8(ballotsCsv(odd, [{ id: 'q1' }, { id: 'q2' }])));
    expect(Buffer.from(ballotsCsvBytes([], consultation.questions))).toEqual(Buffer.from(ballotsCsv([], consultation.questions)));
  });
});
