/**
 * Writes the published result bundle byte for byte as bundle.md defines it: the data files, their manifest, and
 * the signed `result.jws`, as `result/1` (results published before December 2026, kept byte for byte) or
 * `result/2` (meetings, paper slips by serial, show of hands, other opinions). The tally is the caller's
 * (tally.ts), so that this module only arranges bytes and the verifier can recount independently of it.
 */
import { toAuditJsonl, GENESIS } from './audit.ts';
import { toHex } from './bytes.ts';
import { canonicalize, jcsBytes, Utf8Writer } from './jcs.ts';
import { encodeJws, type SignP1363 } from './jws.ts';
import { leavesFromHex, merkleRoot } from './merkle.ts';
import {
  type AuditEvent,
  type Ballot,
  type BundleFileName,
  type Consultation,
  type HandCount,
  type Manifest,
  type Method,
  OPINIONS_FILE,
  type Opinion,
  type Participant,
  type QuestionTally,
  type Voting,
} from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

/** Everything a bundle is made of, as the store and the recount give it (any order; sorted here). */
export interface BundleInput {
  consultation: Consultation;
  rollIds: string[];
  participants: Participant[];
  /** The final ballots; in result/2 a slip entered from paper carries its `serial`. */
  ballots: Ballot[];
  /** The consultation's audit log up to and including its `closed` event. */
  audit: AuditEvent[];
  closedAt: string;
  publishedAt: string;
  tally: QuestionTally[];
  /** `result/1` unless asked; the fields below are result/2's. */
  format?: Manifest['format'];
  /** The round's method (by default the consultation's). */
  method?: Method;
  /** A meeting: how it voted. */
  voting?: Voting;
  /** A show of hands: the counts as entered and signed by the counting committee. */
  handCount?: HandCount;
  /** A meeting: the households present, which every question's tally must give. */
  present?: number;
  /** The "other opinion" texts after moderation, published apart from the ballots in `opinions.json`. */
  opinions?: Opinion[];
}

export interface Bundle {
  files: Record<BundleFileName, Uint8Array<ArrayBuffer>> & { [OPINIONS_FILE]?: Uint8Array<ArrayBuffer> };
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

/** A caller's mistake that would publish a bundle its own verifier refuses: thrown before anything is signed. */
function refuse(reason: string): never {
  throw new RangeError(`cannot build the bundle: ${reason}`);
}

/** The result/2 rules of bundle.md that the inputs must follow ("Ballots", "Counts of ballots", "Show of hands"). */
function checkResult2(input: BundleInput, method: Method): void {
  const serials = new Set<string>();
  for (const b of input.ballots) {
    if (b.serial === undefined) continue;
    if (serials.has(b.serial)) refuse('two ballots have the same serial');
    serials.add(b.serial);
  }
  if (method !== 'meeting' && (input.voting !== undefined || input.handCount !== undefined || input.present !== undefined)) {
    refuse('only a meeting has voting, handCount and present');
  }
  if (input.voting === 'show_of_hands' && (input.handCount === undefined || input.ballots.length > 0)) {
    refuse('a show of hands publishes its handCount and no ballot');
  }
  if (input.voting !== 'show_of_hands' && input.handCount !== undefined) refuse('a handCount is only for a show of hands');
  if (input.present !== undefined && input.tally.some((q) => q.present !== input.present))
    refuse('every question of the tally must give the households present');
}

/**
 * The positions of `items` in the order of their keys (by UTF-16 code units, ties in their given order): a million
 * numbers sorted instead of a million copied objects.
 */
function sortedOrder<T>(items: readonly T[], key: (item: T) => string): number[] {
  const keys = items.map(key);
  const order = Array.from({ length: items.length }, (_, i) => i);
  // Array.prototype.sort is stable, so equal keys keep their order as the objects' sort of result/1 did.
  return order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * An object of a list file, written member by member: `names` are the members' `"name":` in JCS order, `values` theirs. The
 * bytes of `w.json` on the object, without building one object, and one string, per household or ballot. An undefined
 * member is left out, as canonicalize does.
 */
function writeMembers(w: Utf8Writer, names: readonly string[], values: readonly unknown[]): void {
  let first = true;
  for (let k = 0; k < names.length; k++) {
    const value = values[k];
    if (value === undefined) continue;
    w.text(first ? '{' : ',');
    w.text(names[k]!);
    w.json(value);
    first = false;
  }
  w.text(first ? '{}' : '}');
}

/**
 * `{"<name>":[item,...],"consultationId":"<id>"}` or `{"consultationId":"<id>","<name>":[...]}`, whichever JCS order
 * the name takes, written item by item into one buffer: the bytes of jcsBytes on the whole object.
 */
function listFile(consultationId: string, name: string, count: number, item: (w: Utf8Writer, i: number) => void): Uint8Array<ArrayBuffer> {
  const w = new Utf8Writer();
  const before = name < 'consultationId';
  const writeId = () => {
    w.json('consultationId');
    w.text(':');
    w.json(consultationId);
  };
  w.text('{');
  if (!before) {
    writeId();
    w.text(',');
  }
  w.json(name);
  w.text(':[');
  for (let i = 0; i < count; i++) {
    if (i > 0) w.text(',');
    item(w, i);
    // The items are alike: once the first is written, room for all of them (and some) is made at once.
    if (i === 0) w.reserve(Math.ceil(w.byteLength * count * 1.1) + 256);
  }
  w.text(']');
  if (before) {
    w.text(',');
    writeId();
  }
  w.text('}');
  return w.bytes();
}

/** Member names as written, `"name":`; given in JCS order (sorted by UTF-16 code units), as writeMembers takes them. */
const memberNames = (names: readonly string[]) => names.map((name) => `${canonicalize(name)}:`);
const ROLL_MEMBERS = memberNames(['id']);
const PARTICIPANT_MEMBERS = memberNames(['channel', 'id']);
const BALLOT_MEMBERS = memberNames(['answers', 'nonce', 'receipt', 'serial']);

/** opinions.json's list: questionId and text only, sorted by (questionId, text). */
function sortedOpinions(opinions: readonly Opinion[]): Opinion[] {
  const order = byKey<Opinion>((o) => o.questionId);
  const byText = byKey<Opinion>((o) => o.text);
  return opinions.map((o) => ({ questionId: o.questionId, text: o.text })).sort((a, b) => order(a, b) || byText(a, b));
}

/**
 * The bundle's files and manifest.
 * @example const { files, manifestBytes } = buildBundle({ consultation, rollIds, participants, ballots, audit, closedAt, publishedAt, tally: tally(consultation, answers, rollIds.length) })
 */
export function buildBundle(input: BundleInput, hash: Hash = sha256): Bundle {
  const format = input.format ?? 'result/1';
  const result2 = format === 'result/2';
  const method = input.method ?? input.consultation.method;
  if (result2) checkResult2(input, method);
  else if (input.voting ?? input.handCount ?? input.present ?? input.opinions ?? input.method)
    refuse('result/1 has no method, voting, handCount, present or opinions');
  const consultationId = input.consultation.id;
  // Each list file is written item by item into one buffer (bundle.md's bytes, never one string of the whole file),
  // and no object is copied per household or ballot: the sorts are of positions.
  const rollIds = [...input.rollIds].sort();
  const people = input.participants;
  const byId = sortedOrder(people, (p) => p.id);
  const ballots = input.ballots;
  if (!result2) for (const b of ballots) if (b.serial !== undefined) refuse('a result/1 ballot has no serial');
  const byReceipt = sortedOrder(ballots, (b) => b.receipt);

  const files: Bundle['files'] = {
    'consultation.json': jcsBytes(input.consultation),
    'roll.json': listFile(consultationId, 'households', rollIds.length, (w, i) => writeMembers(w, ROLL_MEMBERS, [rollIds[i]])),
    'participants.json': listFile(consultationId, 'households', byId.length, (w, i) => {
      const p = people[byId[i]!]!;
      writeMembers(w, PARTICIPANT_MEMBERS, [p.channel, p.id]);
    }),
    // The published ballots: only their named fields (no household id can reach the site), sorted by receipt.
    'ballots.json': listFile(consultationId, 'ballots', byReceipt.length, (w, i) => {
      const b = ballots[byReceipt[i]!]!;
      writeMembers(w, BALLOT_MEMBERS, [b.answers, b.nonce, b.receipt, b.serial]);
    }),
    'audit.jsonl': toAuditJsonl(input.audit),
  };
  if (input.opinions !== undefined) files[OPINIONS_FILE] = jcsBytes({ consultationId, opinions: sortedOpinions(input.opinions) });

  const byChannel = { online: 0, paper: 0, meeting: 0 };
  for (const p of people) byChannel[p.channel]++;
  const last = input.audit[input.audit.length - 1];
  const opinionsHash = files[OPINIONS_FILE] ? { [OPINIONS_FILE]: sha256Hex(files[OPINIONS_FILE], hash) } : {};

  const manifest: Manifest = {
    format,
    consultationId,
    files: {
      'consultation.json': sha256Hex(files['consultation.json'], hash),
      'roll.json': sha256Hex(files['roll.json'], hash),
      'participants.json': sha256Hex(files['participants.json'], hash),
      'ballots.json': sha256Hex(files['ballots.json'], hash),
      'audit.jsonl': sha256Hex(files['audit.jsonl'], hash),
      ...opinionsHash,
    },
    ...(result2 ? { method } : {}),
    ...(input.voting !== undefined ? { voting: input.voting } : {}),
    ...(input.handCount !== undefined ? { handCount: input.handCount } : {}),
    roll: { count: rollIds.length },
    participants: { count: people.length, byChannel },
    // The leaves in one buffer of n*32 bytes, in the order of ballots.json.
    ballots: { count: ballots.length, merkleRoot: toHex(merkleRoot(leavesFromHex(byReceipt.map((i) => ballots[i]!.receipt)), hash)) },
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
