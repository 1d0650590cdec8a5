/**
 * The `result/2` sets of the test vectors (bundle.md "Format `result/2`"): for each round of ../vectors/rounds-2.ts,
 * a good bundle and tampered copies, each made so that one check fails. A show of hands has no ballots, so its
 * copies skip the checks that only read ballots (3, 4 and 6 pass with nothing to check).
 */
import { buildBundle, type Bundle } from '../../shared/bundle.ts';
import { fromUtf8, toHex, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { leavesFromHex, merkleRoot } from '../../shared/merkle.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Ballot, Manifest } from '../../shared/schemas.ts';
import { sha256, sha256Hex } from '../../shared/sha256.ts';
import * as rounds from '../vectors/rounds-2.ts';
import { editOneByte, flipSignatureBit, type Folder, publish, replaced, type VectorSigners, withManifest } from './copies.ts';

/** One tampered copy of a set: its name (`<check>-<what>`), the check it breaks, and how it is made from good/. */
export interface Copy2 {
  name: string;
  breaks: number;
  description: string;
  resigned: boolean;
  make: (good: Folder, signers: VectorSigners) => Promise<Folder>;
}

/** A result/2 set: where it lives under test/vectors/, its round, the slip whose receipt is looked up, its copies. */
export interface Set2 {
  dir: string;
  description: string;
  input: rounds.SetInput;
  /** The serial of the slip whose receipt expected.json looks up (a round with slips). */
  lookedUp?: string;
  copies: readonly Copy2[];
}

/** A bundle with other ballots.json, the manifest's hash, count and root following them: what buildBundle would refuse. */
export function withBallots(bundle: Bundle, ballots: Ballot[]): Bundle {
  const sorted = [...ballots].sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
  const bytes = jcsBytes({ consultationId: bundle.manifest.consultationId, ballots: sorted });
  const files = { ...bundle.files, 'ballots.json': bytes };
  const root = toHex(merkleRoot(leavesFromHex(sorted.map((b) => b.receipt))));
  const edited = withManifest(bundle, (m) => ({
    ...m,
    files: { ...m.files, 'ballots.json': sha256Hex(bytes) },
    ballots: { count: sorted.length, merkleRoot: root },
  }));
  return { ...edited, files };
}

const signature: Copy2 = {
  name: '1-signature',
  breaks: 1,
  description: 'One bit of the result.jws signature is flipped; every file still matches the manifest.',
  resigned: false,
  make: async (good) => replaced(good, 'result.jws', utf8(flipSignatureBit(fromUtf8(good.get('result.jws')!)))),
};

const attestation = (input: rounds.SetInput): Copy2 => ({
  name: '9-attestation',
  breaks: 9,
  description: "The monitor's attestation names H(result.jws), the whole file, instead of H(the result.jws payload).",
  resigned: false,
  make: async (_, signers) => publish(buildBundle(input()), signers, (jws) => sha256Hex(utf8(jws))),
});

const auditCut = (input: rounds.SetInput, action: string): Copy2 => ({
  name: '8-audit',
  breaks: 8,
  description: `The ${action} event is cut out of audit.jsonl; the manifest's count and head match the shortened log. Re-signed.`,
  resigned: true,
  make: async (_, signers) => publish(buildBundle(input({ audit: input().audit.filter((e) => e.action !== action) })), signers),
});

const opinionEdited = (from: string, to: string, what: string): Copy2 => ({
  name: '2-file-hash',
  breaks: 2,
  description: `opinions.json was edited after signing: one byte of an other opinion (${what}). The manifest still names the old hash.`,
  resigned: false,
  make: async (good) => replaced(good, 'opinions.json', editOneByte(good.get('opinions.json')!, from, to)),
});

/** Slip PX-006 of the household ballot, and the answers of its copy. */
const SIX = rounds.slipBallots.find((b) => b.serial === 'PX-006')!;

const SLIP_COPIES: readonly Copy2[] = [
  signature,
  opinionEdited('đoạn 3 m', 'đoạn 5 m', '3 m of covered drain become 5 m'),
  {
    name: '3-receipt',
    breaks: 3,
    description: 'Slip PX-006 is published as PX-013, a serial never issued, its receipt kept (the receipt covers the serial). Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const ballots = rounds.slipBallots.map((b) => (b === SIX ? { ...b, serial: 'PX-013' } : b));
      return publish(buildBundle(rounds.slipsInput({ ballots })), signers);
    },
  },
  {
    name: '4-merkle-root',
    breaks: 4,
    description: 'The manifest gives the Merkle root of the receipts in the order the slips were entered instead of ballots.json order. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const root = toHex(merkleRoot(leavesFromHex(rounds.slipBallots.map((b) => b.receipt))));
      return publish(
        withManifest(buildBundle(rounds.slipsInput()), (m) => ({ ...m, ballots: { ...m.ballots, merkleRoot: root } })),
        signers,
      );
    },
  },
  {
    name: '5-participants',
    breaks: 5,
    description: 'DT-008, whose slip never came back, is ticked off as returned: 12 participants but 11 slips in a household ballot. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const participants = [...rounds.slipParticipants, { id: 'DT-008', channel: 'paper' as const }];
      return publish(buildBundle(rounds.slipsInput({ participants })), signers);
    },
  },
  {
    name: '5-serials',
    breaks: 5,
    description: 'Slip PX-006 is entered a second time with other answers under the same serial, replacing slip PX-004; receipts recompute. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const twice = rounds.slipOf('PX-006', { q1: 'no', q2: 'abstain' });
      const ballots = rounds.slipBallots.map((b) => (b.serial === 'PX-004' ? twice : b));
      // buildBundle refuses a serial given twice: build with the slip's own serial, then publish it under PX-006.
      const staged = buildBundle(rounds.slipsInput({ ballots: ballots.map((b) => (b === twice ? { ...b, serial: 'PX-004' } : b)) }));
      return publish(withBallots(staged, ballots), signers);
    },
  },
  {
    name: '6-answers',
    breaks: 6,
    description:
      'Slip PX-006 answers q2 with level-250k, which is not an option; its receipt recomputes. The tally counts that answer for no option. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const answers = { ...SIX.answers, q2: 'level-250k' };
      const bent = { ...SIX, answers, receipt: receiptOf(rounds.SLIPS_ID, answers, SIX.nonce, sha256, SIX.serial) };
      return publish(buildBundle(rounds.slipsInput({ ballots: rounds.slipBallots.map((b) => (b === SIX ? bent : b)) })), signers);
    },
  },
  {
    name: '7-tally',
    breaks: 7,
    description:
      'The counts are right, but q2 is published as adopted for level-200k with threshold 6, as if more than half of the slips returned were enough; the rule asks 2/3 of all households (8). Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const bundle = withManifest(buildBundle(rounds.slipsInput()), (m) => ({
        ...m,
        tally: m.tally.map((q) => (q.questionId === 'q2' ? { ...q, threshold: 6, outcome: { status: 'adopted', options: ['level-200k'] } } : q)),
      }));
      return publish(bundle, signers);
    },
  },
  auditCut(rounds.slipsInput, 'slips_returned'),
  attestation(rounds.slipsInput),
];

const HANDS_COPIES: readonly Copy2[] = [
  signature,
  opinionEdited('ngõ 5', 'ngõ 6', 'lane 5 becomes lane 6'),
  {
    name: '5-participants',
    breaks: 5,
    description: 'A secret-ballot slip is published beside the show of hands (a show of hands has no ballot); its receipt and the root recompute. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const slip = rounds.slipOf('KT-A-001', { q1: 'no' }, rounds.HANDS_ID);
      return publish(withBallots(buildBundle(rounds.handsInput()), [slip]), signers);
    },
  },
  {
    name: '7-tally',
    breaks: 7,
    description: 'The hand counts of q1 (9 in favour, 1 other opinion) add up to 10, more than the 9 households present; the tally follows them. Re-signed.',
    resigned: true,
    make: async (_, signers) => publish(buildBundle(rounds.handsInput({ handCount: { q1: { yes: 9, no: 0, abstain: 1 } } })), signers),
  },
  auditCut(rounds.handsInput, 'hand_count_entered'),
  attestation(rounds.handsInput),
];

const MEETING_COPIES: readonly Copy2[] = [
  signature,
  {
    name: '7-tally',
    breaks: 7,
    description: 'q1 is published as rejected instead of not_enough_present: 7 households present cannot reach the 8 that 2/3 of all needs. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const bundle = withManifest(buildBundle(rounds.meetingInput()), (m: Manifest) => ({
        ...m,
        tally: m.tally.map((q) => (q.questionId === 'q1' ? { ...q, outcome: { status: 'rejected', options: [] } } : q)),
      }));
      return publish(bundle, signers);
    },
  },
  auditCut(rounds.meetingInput, 'attendance_recorded'),
  attestation(rounds.meetingInput),
];

/** The result/2 sets, by folder under test/vectors/. */
export const SETS: readonly Set2[] = [
  {
    dir: 'result-2/household-ballot',
    description: 'A household ballot that follows a meeting: 11 of 12 slips returned, each entered by its serial; two other opinions.',
    input: rounds.slipsInput,
    lookedUp: 'PX-010',
    copies: SLIP_COPIES,
  },
  {
    dir: 'result-2/show-of-hands',
    description: 'A community-rules meeting held by show of hands: 9 of 12 households present, 8 in favour; one other opinion.',
    input: rounds.handsInput,
    copies: HANDS_COPIES,
  },
  {
    dir: 'result-2/not-enough-present',
    description: 'A contribution meeting that 7 of 12 households attended, fewer than the 8 yes-votes 2/3 of all needs: not_enough_present.',
    input: rounds.meetingInput,
    copies: MEETING_COPIES,
  },
];
