/**
 * Makes the published test vectors (bundle.md "Test vectors") under test/vectors/: a good bundle of the round in
 * vectors/round.ts, signed with a throwaway key, one tampered copy per verifier check, and expected.json.
 *
 *   npm run vectors
 *
 * Everything but the ECDSA signatures is fixed. A signature is random, so a signature already committed is
 * reused whenever it still verifies over the same signing input: running the script again changes nothing, and
 * only what a change of the round really changes gets a new signature. The throwaway keys are
 * test/vectors/throwaway-*-key.pem, made on the first run.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBundle, signBundle, type Bundle, type BundleInput } from '../shared/bundle.ts';
import { fromUtf8, toBase64Url, toHex, utf8 } from '../shared/bytes.ts';
import { jcsBytes } from '../shared/jcs.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, spkiToJwk, spkiToPem, verifyEs256, type SignP1363 } from '../shared/jws.ts';
import { checkConsultation } from '../shared/matters.ts';
import { leavesFromHex, merkleRoot, merkleRootAndPath } from '../shared/merkle.ts';
import { receiptOf } from '../shared/receipt.ts';
import type { Manifest } from '../shared/schemas.ts';
import { sha256Hex } from '../shared/sha256.ts';
import { tally } from '../shared/tally.ts';
import { verifyBundle } from '../shared/verify.ts';
import * as round from './vectors/round.ts';

/** test/vectors/ of this repository. */
export const VECTORS_DIR = fileURLToPath(new URL('../test/vectors/', import.meta.url));
export const COMMUNE_KEY_FILE = 'throwaway-signing-key.pem';
export const MONITOR_KEY_FILE = 'throwaway-monitor-key.pem';

/** The public key (SPKI DER) of a throwaway key, and how it signs a JWS signing input. */
export interface VectorSigner {
  spki: Uint8Array;
  sign: SignP1363;
}

export interface VectorSigners {
  commune: VectorSigner;
  monitor: VectorSigner;
}

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
}

type Folder = Map<string, Uint8Array>;

/** The monitor who countersigns good/ (invented). */
const MONITOR = { name: 'Lê Thị Thu Hà', organisation: 'Ban Thanh tra nhân dân xã Tân Phú' };
const ATTESTED_AT = '2026-10-27T14:30:00Z';
/** The voter (online) whose receipt expected.json looks up; no tampered copy touches this ballot. */
const LOOKED_UP = 'DH-002';

function goodInput(): BundleInput {
  return {
    consultation: round.consultation,
    rollIds: round.rollIds,
    participants: round.participants,
    ballots: round.ballots,
    audit: round.auditLog(),
    closedAt: round.closedAt,
    publishedAt: round.publishedAt,
    tally: tally(
      round.consultation,
      round.ballots.map((b) => b.answers),
      round.rollIds.length,
    ),
  };
}

/** The same round with other ballots, participants or log, recounted and rebuilt consistently. */
function rebuilt(change: Partial<Pick<BundleInput, 'ballots' | 'participants' | 'audit'>>): Bundle {
  const input = { ...goodInput(), ...change };
  return buildBundle({
    ...input,
    tally: tally(
      input.consultation,
      input.ballots.map((b) => b.answers),
      input.rollIds.length,
    ),
  });
}

/** A bundle whose signed manifest was edited after the build. */
function withManifest(bundle: Bundle, edit: (m: Manifest) => Manifest): Bundle {
  const manifest = edit(structuredClone(bundle.manifest));
  return { files: bundle.files, manifest, manifestBytes: jcsBytes(manifest) };
}

async function attestation(monitor: VectorSigner, manifestHash: string): Promise<{ kid: string; jws: string }> {
  const jwk = spkiToJwk(monitor.spki);
  const kid = jwkThumbprint(jwk);
  const payload = { consultationId: round.CONSULTATION_ID, manifest: manifestHash, monitor: MONITOR, statement: 'verified', at: ATTESTED_AT };
  return { kid, jws: await encodeJws({ alg: 'ES256', jwk, kid, typ: 'attestation+jws' }, jcsBytes(payload), monitor.sign) };
}

/**
 * The files of c/<id>/ that the signature and the checks concern, as publishing.ts and attestations.ts write them.
 * `attestedHash` picks what the monitor's attestation names (by default, rightly, H(result.jws payload)).
 */
async function publish(bundle: Bundle, signers: VectorSigners, attestedHash?: (resultJws: string) => string): Promise<Folder> {
  const kid = jwkThumbprint(spkiToJwk(signers.commune.spki));
  const jws = await signBundle(bundle.manifestBytes, kid, signers.commune.sign);
  const folder: Folder = new Map(Object.entries(bundle.files));
  folder.set('result.json', bundle.manifestBytes);
  folder.set('result.jws', utf8(jws));
  const attested = await attestation(signers.monitor, attestedHash ? attestedHash(jws) : sha256Hex(bundle.manifestBytes));
  folder.set(`attestations/${attested.kid}.jws`, utf8(attested.jws));
  folder.set('attestations/index.json', utf8(JSON.stringify([attested.kid])));
  return folder;
}

function replaced(folder: Folder, name: string, bytes: Uint8Array): Folder {
  if (!folder.has(name)) throw new Error(`no ${name} to replace`);
  return new Map(folder).set(name, bytes);
}

/** One flipped bit in the 64-byte signature of a compact JWS. */
function flipSignatureBit(compact: string): string {
  const { headerB64, payloadB64, signature } = decodeJws(compact);
  const bent = new Uint8Array(signature);
  bent[17]! ^= 0x04;
  return `${headerB64}.${payloadB64}.${toBase64Url(bent)}`;
}

/** `text` with `from` replaced by `to` once, both of one length, so exactly one byte differs. */
function editOneByte(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = fromUtf8(bytes);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0 || from.length !== to.length) throw new Error(`cannot edit ${from} once`);
  const edited = utf8(text.slice(0, at) + to + text.slice(at + from.length));
  const differing = edited.filter((b, i) => b !== bytes[i]).length;
  if (edited.length !== bytes.length || differing !== 1) throw new Error(`the edit of ${from} changes ${differing} bytes`);
  return edited;
}

function ballotOf(household: string): round.CastBallot {
  return round.ballots.find((b) => b.household === household) ?? fail(`no ballot of ${household}`);
}

function fail(message: string): never {
  throw new Error(message);
}

interface Copy {
  name: string;
  breaks: number;
  description: string;
  resigned: boolean;
  make: (good: Folder, signers: VectorSigners) => Promise<Folder>;
}

/** One tampered copy per check, each made so that its check fails and, as far as possible, no other. */
const COPIES: readonly Copy[] = [
  {
    name: '1-signature',
    breaks: 1,
    description: 'One bit of the result.jws signature is flipped; every file still matches the manifest.',
    resigned: false,
    make: async (good) => replaced(good, 'result.jws', utf8(flipSignatureBit(fromUtf8(good.get('result.jws')!)))),
  },
  {
    name: '2-file-hash',
    breaks: 2,
    description:
      'consultation.json was edited after signing: one byte raises the contribution terms from 400,000 to 900,000 dong per household. The manifest still names the old hash.',
    resigned: false,
    make: async (good) =>
      replaced(good, 'consultation.json', editOneByte(good.get('consultation.json')!, '"amountPerUnit":400000,"basis"', '"amountPerUnit":900000,"basis"')),
  },
  {
    name: '3-receipt',
    breaks: 3,
    description:
      "DH-007's ballot was turned from no to yes on q1 and its receipt kept, so the voter still finds it. Recounted and re-signed: only the receipt gives it away.",
    resigned: true,
    make: async (_, signers) => {
      const flipped = round.ballots.map((b) => (b.household === 'DH-007' ? { ...b, answers: { ...b.answers, q1: 'yes' } } : b));
      return publish(rebuilt({ ballots: flipped }), signers);
    },
  },
  {
    name: '4-merkle-root',
    breaks: 4,
    description: 'The manifest gives the Merkle root of the receipts in household order instead of ballots.json order (sorted by receipt). Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const root = toHex(merkleRoot(leavesFromHex(round.ballots.map((b) => b.receipt))));
      return publish(
        withManifest(buildBundle(goodInput()), (m) => ({ ...m, ballots: { ...m.ballots, merkleRoot: root } })),
        signers,
      );
    },
  },
  {
    name: '5-participants',
    breaks: 5,
    description: 'Participant DH-012 is replaced by DH-013, a household that is not on the roll; counts and channels still add up. Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const participants = round.participants.map((p) => (p.id === 'DH-012' ? { ...p, id: 'DH-013' } : p));
      return publish(rebuilt({ participants }), signers);
    },
  },
  {
    name: '6-answers',
    breaks: 6,
    description:
      "DH-009's ballot answers q2 with level-350k, which is not an option; its receipt recomputes. The tally counts that answer for no option and not as an abstention (as the project's recount does). Re-signed.",
    resigned: true,
    make: async (_, signers) => {
      const ballots = round.ballots.map((b) => {
        if (b.household !== 'DH-009') return b;
        const answers = { ...b.answers, q2: 'level-350k' };
        return { ...b, answers, receipt: receiptOf(round.CONSULTATION_ID, answers, b.nonce) };
      });
      return publish(rebuilt({ ballots }), signers);
    },
  },
  {
    name: '7-tally',
    breaks: 7,
    description:
      'The counts are right, but q2 is published as adopted for level-300k with threshold 1, as if a plurality were enough; the rule asks 2/3 of all households (8). Re-signed.',
    resigned: true,
    make: async (_, signers) => {
      const bundle = withManifest(buildBundle(goodInput()), (m) => ({
        ...m,
        tally: m.tally.map((q) => (q.questionId === 'q2' ? { ...q, threshold: 1, outcome: { status: 'adopted', options: ['level-300k'] } } : q)),
      }));
      return publish(bundle, signers);
    },
  },
  {
    name: '8-audit',
    breaks: 8,
    description: "The credential_reissued event of DH-009 is cut out of audit.jsonl; the manifest's count and head match the shortened log. Re-signed.",
    resigned: true,
    make: async (_, signers) => publish(rebuilt({ audit: round.auditLog().filter((e) => e.action !== 'credential_reissued') }), signers),
  },
  {
    name: '9-attestation',
    breaks: 9,
    description: "The monitor's attestation names H(result.jws), the whole file, instead of H(the result.jws payload).",
    resigned: false,
    make: async (_, signers) => publish(buildBundle(goodInput()), signers, (jws) => sha256Hex(utf8(jws))),
  },
];

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
  };
  out.set('expected.json', utf8(`${JSON.stringify(expected, null, 2)}\n`));
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A throwaway P-256 key from its PKCS#8 PEM file: the private key and the SPKI DER of its public key. */
export async function readKey(file: string) {
  const privateKey = createPrivateKey(await readFile(file, 'utf8'));
  return { privateKey, spki: new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })) };
}

async function readOrMakeKey(file: string): ReturnType<typeof readKey> {
  try {
    return await readKey(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // 'wx': a committed key is never overwritten.
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx' });
  return readKey(file);
}

/** Every file below `dir`, by path relative to it with `/` separators. */
export async function listFiles(dir: string, under = ''): Promise<string[]> {
  const entries = await readdir(join(dir, under), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    const path = under ? `${under}/${e.name}` : e.name;
    if (e.isDirectory()) found.push(...(await listFiles(dir, path)));
    else found.push(path);
  }
  return found.sort();
}

/** The signatures of every committed .jws under `dir` that verify under one of `keys`, by signing input. */
export async function committedSignatures(dir: string, keys: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
  const imported = await Promise.all(keys.map((k) => importP256PublicKey(k)));
  const found = new Map<string, Uint8Array>();
  for (const path of (await listFiles(dir)).filter((p) => p.endsWith('.jws'))) {
    try {
      const jws = decodeJws(fromUtf8(await readFile(join(dir, path))).trim());
      for (const key of imported) if (await verifyEs256(jws, key)) found.set(fromUtf8(jws.signingInput), jws.signature);
    } catch {
      /* a tampered or unreadable JWS: nothing to reuse */
    }
  }
  return found;
}

/**
 * A signer that gives the committed signature of a signing input when there is one, else signs afresh with
 * `fresh` (or, without it, throws: the committed vectors do not cover this input).
 */
export function reusingSigner(spki: Uint8Array, committed: ReadonlyMap<string, Uint8Array>, fresh?: SignP1363): VectorSigner {
  // Fresh signatures are kept too, so that a signing input met twice in one run (good/ and a copy) is signed once.
  const known = new Map(committed);
  return {
    spki,
    sign: async (input) => {
      const text = fromUtf8(input);
      const reused = known.get(text);
      if (reused) return reused;
      if (!fresh) throw new Error('no committed signature over this signing input: run npm run vectors');
      const signature = await fresh(input);
      known.set(text, signature);
      return signature;
    },
  };
}

async function main(): Promise<void> {
  await mkdir(VECTORS_DIR, { recursive: true });
  const commune = await readOrMakeKey(join(VECTORS_DIR, COMMUNE_KEY_FILE));
  const monitor = await readOrMakeKey(join(VECTORS_DIR, MONITOR_KEY_FILE));
  const committed = await committedSignatures(VECTORS_DIR, [commune.spki, monitor.spki]);
  const signer =
    (key: typeof commune.privateKey): SignP1363 =>
    async (input) =>
      new Uint8Array(sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' }));
  const files = await buildVectors({
    commune: reusingSigner(commune.spki, committed, signer(commune.privateKey)),
    monitor: reusingSigner(monitor.spki, committed, signer(monitor.privateKey)),
  });
  for (const dir of ['good', 'tampered', 'keys']) await rm(join(VECTORS_DIR, dir), { recursive: true, force: true });
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(VECTORS_DIR, path)), { recursive: true });
    await writeFile(join(VECTORS_DIR, path), bytes);
  }
  // expected.json says what each copy was made to break; the project's verifier is asked only to report.
  const expected = JSON.parse(fromUtf8(files.get('expected.json')!)) as Expected;
  const pinned = fromUtf8(files.get(expected.key.pem)!);
  for (const [name, copy] of Object.entries(expected.copies)) {
    const dir = name === 'good' ? 'good/' : `tampered/${name}/`;
    const bundle = Object.fromEntries([...files].filter(([p]) => p.startsWith(dir) && !p.endsWith('/index.json')).map(([p, b]) => [p.slice(dir.length), b]));
    const report = await verifyBundle(bundle, { pinned }, { receipt: expected.receipt.receipt });
    const fails = STEPS.filter((s) => !copy.checks[s]);
    const found = report.checks.filter((c) => !c.ok).map((c) => c.step);
    const agree = found.join() === fails.join() ? '' : `  <- the verifier fails ${found.join(', ') || 'none'}`;
    console.log(`${name.padEnd(16)} ${fails.length ? `fails ${fails.join(', ')}` : 'passes'}${agree}`);
  }
  console.log(`${files.size} files written to test/vectors/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
