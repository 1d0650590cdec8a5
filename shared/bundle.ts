/**
 * Writes the published result bundle byte for byte as bundle.md defines it: the five data files, their
 * manifest, and the signed `result.jws`. The tally is the caller's (tally.ts), so that this module only
 * arranges bytes and the verifier can recount independently of it.
 */
import { toAuditJsonl, GENESIS } from './audit.ts';
import { toHex } from './bytes.ts';
import { jcsBytes } from './jcs.ts';
import { encodeJws, type SignP1363 } from './jws.ts';
import { leavesFromHex, merkleRoot } from './merkle.ts';
import type { AuditEvent, Ballot, BundleFileName, Consultation, Manifest, Participant, QuestionTally } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

/** Everything a bundle is made of, as the store and the recount give it (any order; sorted here). */
export interface BundleInput {
  consultation: Consultation;
  rollIds: string[];
  participants: Participant[];
  ballots: Ballot[];
  /** The consultation's audit log up to and including its `closed` event. */
  audit: AuditEvent[];
  closedAt: string;
  publishedAt: string;
  tally: QuestionTally[];
}

export interface Bundle {
  files: Record<BundleFileName, Uint8Array<ArrayBuffer>>;
  manifest: Manifest;
  /** The JCS bytes of the manifest: the JWS payload and `result.json`. */
  manifestBytes: Uint8Array<ArrayBuffer>;
}

/** bundle.md "Conventions": sorting is by UTF-16 code units, JavaScript's `<` on strings. */
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/**
 * The bundle's files and manifest.
 * @example const { files, manifestBytes } = buildBundle({ consultation, rollIds, participants, ballots, audit, closedAt, publishedAt, tally: tally(consultation, answers, rollIds.length) })
 */
export function buildBundle(input: BundleInput, hash: Hash = sha256): Bundle {
  const consultationId = input.consultation.id;
  // Each published item is rebuilt from its named fields only, so that nothing else a caller's object carries
  // (a household id on a ballot, say) can reach the public site.
  const households = [...input.rollIds].sort().map((id) => ({ id }));
  const participants = input.participants.map((p) => ({ id: p.id, channel: p.channel })).sort(byKey((p) => p.id));
  const ballots = input.ballots.map((b) => ({ answers: b.answers, nonce: b.nonce, receipt: b.receipt })).sort(byKey((b) => b.receipt));

  const files: Record<BundleFileName, Uint8Array<ArrayBuffer>> = {
    'consultation.json': jcsBytes(input.consultation),
    'roll.json': jcsBytes({ consultationId, households }),
    'participants.json': jcsBytes({ consultationId, households: participants }),
    'ballots.json': jcsBytes({ consultationId, ballots }),
    'audit.jsonl': toAuditJsonl(input.audit),
  };

  const byChannel = { online: 0, paper: 0, meeting: 0 };
  for (const p of participants) byChannel[p.channel]++;
  const last = input.audit[input.audit.length - 1];

  const manifest: Manifest = {
    format: 'result/1',
    consultationId,
    files: {
      'consultation.json': sha256Hex(files['consultation.json'], hash),
      'roll.json': sha256Hex(files['roll.json'], hash),
      'participants.json': sha256Hex(files['participants.json'], hash),
      'ballots.json': sha256Hex(files['ballots.json'], hash),
      'audit.jsonl': sha256Hex(files['audit.jsonl'], hash),
    },
    roll: { count: households.length },
    participants: { count: participants.length, byChannel },
    ballots: { count: ballots.length, merkleRoot: toHex(merkleRoot(leavesFromHex(ballots.map((b) => b.receipt)), hash)) },
    audit: { count: input.audit.length, head: last ? last.hash : GENESIS },
    tally: input.tally,
    closedAt: input.closedAt,
    publishedAt: input.publishedAt,
  };
  return { files, manifest, manifestBytes: jcsBytes(manifest) };
}

/** The compact JWS `result.jws` over the manifest bytes, header {"alg":"ES256","kid","typ":"result+jws"}. */
export function signBundle(manifestBytes: Uint8Array, kid: string, sign: SignP1363): Promise<string> {
  return encodeJws({ alg: 'ES256', kid, typ: 'result+jws' }, manifestBytes, sign);
}
