/**
 * Every file of test/vectors/ but the private keys and README.md: good/, the tampered copies, the public key and
 * expected.json, which says what each copy was made to break.
 */
import { buildBundle } from '../../shared/bundle.ts';
import { toHex, utf8 } from '../../shared/bytes.ts';
import { jwkThumbprint, spkiToJwk, spkiToPem } from '../../shared/jws.ts';
import { checkConsultation } from '../../shared/matters.ts';
import { leavesFromHex, merkleRootAndPath } from '../../shared/merkle.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import * as round from '../vectors/round.ts';
import { COPIES, type Folder, goodInput, publish, type VectorSigners } from './copies.ts';
import { type Set2, SETS } from './result-2.ts';

/** Step numbers of bundle.md "What a verifier checks". */
export const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** One entry of expected.json: what a copy is, and every check's expected result without and with the receipt. */
export interface ExpectedCopy {
  description: string;
  /** Files that differ from good/. */
  changed: string[];
  /** Whether result.jws (and so the attestation) was signed again over a changed manifest. */
  resigned: boolean;
  ok: boolean;
  checks: Record<string, boolean>;
}

export interface Expected {
  format: 'danban-vectors/1';
  consultationId: string;
  key: { kid: string; pem: string; jwks: string };
  monitorKid: string;
  /** H(result.jws payload) of good/: what its attestation names. */
  manifestHash: string;
  /** A voter's receipt to look up in every copy (step 4), with its inclusion proof in good/. */
  receipt: { receipt: string; index: number; treeSize: number; proof: string[]; root: string };
  copies: Record<string, ExpectedCopy>;
  /** The result/2 sets, by folder: each with its good/ and tampered/ like the result/1 set above. */
  sets: Record<string, ExpectedSet>;
}

/** A result/2 set of expected.json: its round, what good/'s attestation names, a slip's receipt (if any), its copies. */
export interface ExpectedSet {
  format: 'result/2';
  consultationId: string;
  description: string;
  manifestHash: string;
  receipt?: Expected['receipt'];
  copies: Record<string, ExpectedCopy>;
}

/** The voter (online) whose receipt expected.json looks up; no tampered copy touches this ballot. */
const LOOKED_UP = 'DH-002';

function ballotOf(household: string): round.CastBallot {
  return round.ballots.find((b) => b.household === household) ?? fail(`no ballot of ${household}`);
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Every file of test/vectors/ but the private keys and README.md, by path relative to it.
 * @example const files = await buildVectors({ commune, monitor }) // files.get('good/result.jws')
 */
export async function buildVectors(signers: VectorSigners): Promise<Map<string, Uint8Array>> {
  const problems = checkConsultation(round.consultation);
  if (problems.length) throw new Error(`the round's consultation breaks its rules: ${problems.map((p) => p.message).join('; ')}`);
  if (JSON.stringify(round.consultation) !== JSON.stringify(round.consultation).normalize('NFC')) throw new Error('the round is not NFC');

  const out = new Map<string, Uint8Array>();
  const put = (dir: string, folder: Folder) => {
    for (const [name, bytes] of folder) out.set(`${dir}/${name}`, bytes);
  };

  const goodBundle = buildBundle(goodInput());
  const good = await publish(goodBundle, signers);
  put('good', good);

  const jwk = spkiToJwk(signers.commune.spki);
  const kid = jwkThumbprint(jwk);
  // As publishKeys (functions/core/publishing.ts) writes them.
  out.set('keys/jwks.json', utf8(JSON.stringify({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] })));
  out.set(`keys/${kid}.pem`, utf8(spkiToPem(signers.commune.spki)));

  const all = (ok: boolean) => Object.fromEntries(STEPS.map((s) => [String(s), ok]));
  const copies: Record<string, ExpectedCopy> = {
    good: { description: 'The bundle as published, with one monitor attestation.', changed: [], resigned: false, ok: true, checks: all(true) },
  };
  for (const copy of COPIES) {
    const folder = await copy.make(good, signers);
    put(`tampered/${copy.name}`, folder);
    const changed = [...folder.keys()].filter((name) => !sameBytes(folder.get(name)!, good.get(name))).sort();
    copies[copy.name] = { description: copy.description, changed, resigned: copy.resigned, ok: false, checks: { ...all(true), [String(copy.breaks)]: false } };
  }

  // ballots.json order: by receipt, UTF-16 code units (the default sort of strings).
  const receipts = round.ballots.map((b) => b.receipt).sort();
  const receipt = ballotOf(LOOKED_UP).receipt;
  const index = receipts.indexOf(receipt);
  const { root, path } = merkleRootAndPath(leavesFromHex(receipts), index);
  const expected: Expected = {
    format: 'danban-vectors/1',
    consultationId: round.CONSULTATION_ID,
    key: { kid, pem: `keys/${kid}.pem`, jwks: 'keys/jwks.json' },
    monitorKid: jwkThumbprint(spkiToJwk(signers.monitor.spki)),
    manifestHash: sha256Hex(goodBundle.manifestBytes),
    receipt: { receipt, index, treeSize: receipts.length, proof: path.map(toHex), root: toHex(root) },
    copies,
    sets: {},
  };
  for (const set of SETS) expected.sets[set.dir] = await buildSet(set, signers, put);
  out.set('expected.json', utf8(`${JSON.stringify(expected, null, 2)}\n`));
  return out;
}

/** A result/2 set's folders (through `put`) and its entry of expected.json. */
async function buildSet(set: Set2, signers: VectorSigners, put: (dir: string, folder: Folder) => void): Promise<ExpectedSet> {
  const input = set.input();
  const bundle = buildBundle(input);
  const good = await publish(bundle, signers);
  put(`${set.dir}/good`, good);
  const all = (ok: boolean) => Object.fromEntries(STEPS.map((s) => [String(s), ok]));
  const copies: Record<string, ExpectedCopy> = {
    good: { description: 'The bundle as published, with one monitor attestation.', changed: [], resigned: false, ok: true, checks: all(true) },
  };
  for (const copy of set.copies) {
    const folder = await copy.make(good, signers);
    put(`${set.dir}/tampered/${copy.name}`, folder);
    const changed = [...folder.keys()].filter((name) => !sameBytes(folder.get(name)!, good.get(name))).sort();
    copies[copy.name] = { description: copy.description, changed, resigned: copy.resigned, ok: false, checks: { ...all(true), [String(copy.breaks)]: false } };
  }
  const entry: ExpectedSet = {
    format: 'result/2',
    consultationId: input.consultation.id,
    description: set.description,
    manifestHash: sha256Hex(bundle.manifestBytes),
    copies,
  };
  const slip = input.ballots.find((b) => b.serial === set.lookedUp);
  if (slip) {
    const receipts = input.ballots.map((b) => b.receipt).sort();
    const index = receipts.indexOf(slip.receipt);
    const { root, path } = merkleRootAndPath(leavesFromHex(receipts), index);
    entry.receipt = { receipt: slip.receipt, index, treeSize: receipts.length, proof: path.map(toHex), root: toHex(root) };
  }
  return entry;
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
