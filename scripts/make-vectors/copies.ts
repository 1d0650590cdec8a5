/**
 * The bundles of the test vectors: good/, the round of ../vectors/round.ts published as publishing.ts and
 * attestations.ts write it, and one tampered copy per verifier check (bundle.md "Test vectors").
 */
import { buildBundle, signBundle, type Bundle, type BundleInput } from '../../shared/bundle.ts';
import { fromUtf8, toBase64Url, toHex, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint, spkiToJwk, type SignP1363 } from '../../shared/jws.ts';
import { leavesFromHex, merkleRoot } from '../../shared/merkle.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import * as round from '../vectors/round.ts';

/** The public key (SPKI DER) of a throwaway key, and how it signs a JWS signing input. */
export interface VectorSigner {
  spki: Uint8Array;
  sign: SignP1363;
}

export interface VectorSigners {
  commune: VectorSigner;
  monitor: VectorSigner;
}

/** The files of one copy, by path relative to its folder. */
export type Folder = Map<string, Uint8Array>;

/** The monitor who countersigns good/ (invented). */
const MONITOR = { name: 'Lê Thị Thu Hà', organisation: 'Ban Thanh tra nhân dân xã Tân Phú' };
const ATTESTED_AT = '2026-10-27T14:30:00Z';

/** The round of ../vectors/round.ts as it closed, with its tally: what good/ is built from. */
export function goodInput(): BundleInput {
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
export function withManifest(bundle: Bundle, edit: (m: Manifest) => Manifest): Bundle {
  const manifest = edit(structuredClone(bundle.manifest));
  return { files: bundle.files, manifest, manifestBytes: jcsBytes(manifest) };
}

async function attestation(monitor: VectorSigner, consultationId: string, manifestHash: string): Promise<{ kid: string; jws: string }> {
  const jwk = spkiToJwk(monitor.spki);
  const kid = jwkThumbprint(jwk);
  const payload = { consultationId, manifest: manifestHash, monitor: MONITOR, statement: 'verified', at: ATTESTED_AT };
  return { kid, jws: await encodeJws({ alg: 'ES256', jwk, kid, typ: 'attestation+jws' }, jcsBytes(payload), monitor.sign) };
}

/**
 * The files of c/<id>/ that the signature and the checks concern, as publishing.ts and attestations.ts write them.
 * `attestedHash` picks what the monitor's attestation names (by default, rightly, H(result.jws payload)).
 */
export async function publish(bundle: Bundle, signers: VectorSigners, attestedHash?: (resultJws: string) => string): Promise<Folder> {
  const kid = jwkThumbprint(spkiToJwk(signers.commune.spki));
  const jws = await signBundle(bundle.manifestBytes, kid, signers.commune.sign);
  const folder: Folder = new Map(Object.entries(bundle.files));
  folder.set('result.json', bundle.manifestBytes);
  folder.set('result.jws', utf8(jws));
  const attested = await attestation(signers.monitor, bundle.manifest.consultationId, attestedHash ? attestedHash(jws) : sha256Hex(bundle.manifestBytes));
  folder.set(`attestations/${attested.kid}.jws`, utf8(attested.jws));
  folder.set('attestations/index.json', utf8(JSON.stringify([attested.kid])));
  return folder;
}

export function replaced(folder: Folder, name: string, bytes: Uint8Array): Folder {
  if (!folder.has(name)) throw new Error(`no ${name} to replace`);
  return new Map(folder).set(name, bytes);
}

/** One flipped bit in the 64-byte signature of a compact JWS. */
export function flipSignatureBit(compact: string): string {
  const { headerB64, payloadB64, signature } = decodeJws(compact);
  const bent = new Uint8Array(signature);
  bent[17]! ^= 0x04;
  return `${headerB64}.${payloadB64}.${toBase64Url(bent)}`;
}

/** `text` with `from` replaced by `to` once, both of one length, so exactly one byte differs. */
export function editOneByte(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = fromUtf8(bytes);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0 || from.length !== to.length) throw new Error(`cannot edit ${from} once`);
  const edited = utf8(text.slice(0, at) + to + text.slice(at + from.length));
  const differing = edited.filter((b, i) => b !== bytes[i]).length;
  if (edited.length !== bytes.length || differing !== 1) throw new Error(`the edit of ${from} changes ${differing} bytes`);
  return edited;
}

interface Copy {
  name: string;
  breaks: number;
  description: string;
  resigned: boolean;
  make: (good: Folder, signers: VectorSigners) => Promise<Folder>;
}

/** One tampered copy per check, each made so that its check fails and, as far as possible, no other. */
export const COPIES: readonly Copy[] = [
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
