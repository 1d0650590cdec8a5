/**
 * The verifier of a published result bundle: every check of bundle.md "What a verifier checks", numbered as
 * there, each reported pass or fail. Like ElectionGuard's verifier it collects every failure instead of stopping
 * at the first, and it never throws: a missing or unreadable file fails the steps that need it, with the reason.
 *
 * It runs in Node, a browser page (verify.html) and the CLI. A million ballots are read as bytes in their
 * canonical form (ballots-reader.ts), with no object or schema parse per ballot; every other check is one pass.
 */
import { checkAnswers } from './answers.ts';
import { checkChain, GENESIS, parseAuditJsonl, toAuditJsonl } from './audit.ts';
import { readBallotsFile } from './ballots-reader.ts';
import { bytesEqual, fromHex, fromUtf8, toHex } from './bytes.ts';
import { canonicalize, isCanonicalText, parseJsonBytes } from './jcs.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256, type DecodedJws } from './jws.ts';
import { merkleRootAndPath, verifyInclusion } from './merkle.ts';
import { AttestationPayload, BUNDLE_FILES, Consultation, Manifest, type AuditEvent, type Channel, type Participant } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';
import { tally } from './tally.ts';

/** One line of the report: a step of bundle.md, pass or fail, and why. */
export interface Check {
  /** 1..9, as bundle.md numbers the checks. */
  step: number;
  name: string;
  ok: boolean;
  detail: string;
  warnings?: string[];
}

/** A voter's receipt found in the ballots, with its RFC 9162 inclusion proof (hex) against the root. */
export interface Inclusion {
  receipt: string;
  index: number;
  treeSize: number;
  proof: string[];
  root: string;
}

/** The commune's key: pinned out of band (preferred), or the site's JWKS as a fallback. */
export interface VerifyKey {
  pinned?: CryptoKey | JsonWebKey | string;
  jwks?: { keys: JsonWebKey[] };
}

export interface VerifyOptions {
  /** A voter's receipt to find (step 4). */
  receipt?: string;
  /** SHA-256 implementation; Node callers may inject node:crypto. */
  hash?: Hash;
  /** Called with each check as soon as it is decided (the verify page turns its rows one by one). */
  onCheck?: (check: Check) => void;
  /** Called as the steps advance; when given, the verifier also yields to the event loop now and then. */
  onProgress?: (step: number, fraction: number) => void;
}

export interface Verification {
  ok: boolean;
  checks: Check[];
  inclusion?: Inclusion;
}

/** The checks of bundle.md, by step number. */
export const CHECK_NAMES: Readonly<Record<number, string>> = {
  1: 'result.jws verifies under the commune key',
  2: 'every file hashes to the value in the manifest',
  3: 'every receipt recomputes; receipts are distinct and sorted',
  4: 'the Merkle root recomputes',
  5: 'participants are distinct, sorted, on the roll, and add up',
  6: 'every ballot answers every question with an allowed answer',
  7: 'recounting the ballots gives the tally',
  8: 'the audit chain is unbroken up to the closed event',
  9: 'every attestation verifies and names this manifest',
};

/** Thrown inside a step to fail it with a sentence; caught by the step runner, never escapes. */
class CheckFailure extends Error {
  override name = 'CheckFailure';
}
const fail = (reason: string): never => {
  throw new CheckFailure(reason);
};

type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs a loader once, keeping its value or its failure for every step that asks. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<Loaded<T>> | undefined;
  return async () => {
    result ??= load().then(
      (value): Loaded<T> => ({ ok: true, value }),
      (e: unknown): Loaded<T> => ({ ok: false, error: reasonOf(e) }),
    );
    const r = await result;
    if (!r.ok) fail(r.error);
    return (r as { value: T }).value;
  };
}

/** The first few problems and how many more, so a report of a million bad ballots stays readable. */
function summarize(problems: readonly string[], total = problems.length): string {
  const shown = problems.slice(0, 5).join('; ');
  return total > 5 ? `${shown}; and ${total - 5} more` : shown;
}

const HEX64 = /^[0-9a-f]{64}$/;
const CHANNELS: readonly Channel[] = ['online', 'paper', 'meeting'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strict shape: an object with exactly these keys. */
function exactKeys(v: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (!isRecord(v)) return fail(`${where} is not an object`);
  const own = Object.keys(v);
  if (own.length !== keys.length || !keys.every((k) => Object.hasOwn(v, k))) {
    return fail(`${where} must have exactly the members ${keys.join(', ')}`);
  }
  return v;
}

/** bundle.md conventions: every .json file is JCS bytes; anything else could be read two ways (duplicate keys). */
function requireCanonical(value: unknown, text: string, name: string): void {
  // Strict UTF-8 decoding is one-to-one, so comparing texts compares bytes; no second copy is built.
  if (!isCanonicalText(value, text)) fail(`${name} is not canonical JSON (RFC 8785)`);
}

/** A file's text and its parsed JSON; fails naming the file when it is missing or malformed. */
function readJson(files: Record<string, Uint8Array>, name: string): { text: string; raw: unknown } {
  const text = fromUtf8(fileOf(files, name));
  try {
    return { text, raw: JSON.parse(text) as unknown };
  } catch (e) {
    return fail(`${name}: malformed JSON: ${reasonOf(e)}`);
  }
}

function fileOf(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const bytes = Object.hasOwn(files, name) ? files[name] : undefined;
  return bytes ?? fail(`${name} is missing`);
}

function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof k === 'object' && k !== null && 'algorithm' in k && 'usages' in k && 'type' in k && !('kty' in k);
}

interface Households {
  consultationId: string;
  ids: string[];
}
interface ParticipantsData {
  consultationId: string;
  households: Participant[];
}
interface ManifestData {
  jws: DecodedJws;
  manifest: Manifest;
  /** The payload as plain JSON, for byte-exact comparisons of its parts. */
  raw: Record<string, unknown>;
}

/**
 * Verifies a bundle given as its files by name (`consultation.json`, ..., `result.jws`,
 * `attestations/<kid>.jws`). Resolves with every check's result; never rejects.
 * @example const report = await verifyBundle(files, { pinned: pem }, { receipt })
 */
export async function verifyBundle(files: Record<string, Uint8Array>, key: VerifyKey, options: VerifyOptions = {}): Promise<Verification> {
  const hash = options.hash ?? sha256;
  const onProgress = options.onProgress;
  let step = 0;
  let lastYield = Date.now();
  // Lets a browser repaint its progress bar: a million ballots are several seconds of work.
  const progress = async (fraction: number): Promise<void> => {
    if (!onProgress) return;
    onProgress(step, fraction);
    if (Date.now() - lastYield > 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  };

  const manifestData = once(async (): Promise<ManifestData> => {
    const jws = decodeJws(fromUtf8(fileOf(files, 'result.jws')).trim());
    const text = fromUtf8(jws.payloadBytes);
    const raw = parseJsonBytes(jws.payloadBytes);
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`the result.jws payload is not a result/1 manifest (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
    }
    requireCanonical(raw, text, 'the result.jws payload');
    return { jws, manifest: parsed.data, raw: raw as Record<string, unknown> };
  });
  const manifestOnly = async (): Promise<Manifest> => {
    try {
      return (await manifestData()).manifest;
    } catch (e) {
      return fail(`no usable manifest (${reasonOf(e)})`);
    }
  };

  const consultation = once(async () => {
    const { text, raw } = readJson(files, 'consultation.json');
    requireCanonical(raw, text, 'consultation.json');
    // bundle.md: "More fields may follow" in consultation.json, so unknown top-level members are allowed.
    const parsed = Consultation.loose().safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`consultation.json: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    return parsed.data;
  });

  const roll = once(async (): Promise<Households> => {
    const { text, raw } = readJson(files, 'roll.json');
    const { consultationId, households } = exactKeys(raw, ['consultationId', 'households'], 'roll.json');
    if (typeof consultationId !== 'string') fail('roll.json: consultationId is not a string');
    if (!Array.isArray(households)) return fail('roll.json: households is not an array');
    const ids = households.map((h: unknown, i) => {
      const id = exactKeys(h, ['id'], `roll.json household ${i + 1}`).id;
      return typeof id === 'string' ? id : fail(`roll.json household ${i + 1}: id is not a string`);
    });
    requireCanonical(raw, text, 'roll.json');
    return { consultationId: consultationId as string, ids };
  });

  const participants = once(async (): Promise<ParticipantsData> => {
    const { text, raw } = readJson(files, 'participants.json');
    const { consultationId, households } = exactKeys(raw, ['consultationId', 'households'], 'participants.json');
    if (typeof consultationId !== 'string') fail('participants.json: consultationId is not a string');
    if (!Array.isArray(households)) return fail('participants.json: households is not an array');
    const list = households.map((h: unknown, i): Participant => {
      const p = exactKeys(h, ['channel', 'id'], `participants.json household ${i + 1}`);
      if (typeof p.id !== 'string') fail(`participants.json household ${i + 1}: id is not a string`);
      if (!CHANNELS.includes(p.channel as Channel)) fail(`participants.json household ${i + 1}: channel is not online, paper or meeting`);
      return p as Participant;
    });
    requireCanonical(raw, text, 'participants.json');
    return { consultationId: consultationId as string, households: list };
  });

  // The heavy file, read as bytes in its canonical form (ballots-reader.ts): no object per ballot.
  const ballots = once(() => readBallotsFile(fileOf(files, 'ballots.json'), hash, progress));

  const audit = once(async (): Promise<AuditEvent[]> => {
    const bytes = fileOf(files, 'audit.jsonl');
    const events = parseAuditJsonl(bytes);
    if (!bytesEqual(toAuditJsonl(events), bytes)) fail('audit.jsonl: a line is not the canonical JSON of its event');
    return events;
  });

  const checks: Check[] = [];
  let inclusion: Inclusion | undefined;

  async function run(n: number, body: (warnings: string[]) => Promise<string>): Promise<void> {
    step = n;
    const warnings: string[] = [];
    let ok = true;
    let detail: string;
    await progress(0);
    try {
      detail = await body(warnings);
    } catch (e) {
      ok = false;
      detail = e instanceof CheckFailure ? e.message : `unexpected error: ${reasonOf(e)}`;
    }
    await progress(1);
    const check = { step: n, name: CHECK_NAMES[n]!, ok, detail, ...(warnings.length ? { warnings } : {}) };
    checks.push(check);
    options.onCheck?.(check);
  }

  // 1. result.jws verifies under the pinned key (or the JWKS key whose kid matches, with a warning).
  await run(1, async (warnings) => {
    const jws = decodeJws(fromUtf8(fileOf(files, 'result.jws')).trim());
    const { alg, kid, typ } = jws.header;
    const problems: string[] = [];
    if (alg !== 'ES256') problems.push(`alg is ${String(alg)}, not ES256`);
    if (typ !== 'result+jws') problems.push(`typ is ${String(typ)}, not result+jws`);
    if (typeof kid !== 'string') problems.push('the header has no kid');
    let cryptoKey: CryptoKey;
    if (key.pinned !== undefined) {
      const pinned = key.pinned;
      cryptoKey = isCryptoKey(pinned) ? pinned : await importP256PublicKey(pinned).catch((e: unknown) => fail(`the pinned key is not usable: ${reasonOf(e)}`));
      // The kid only names the key; the pinned key decides. A mismatch is worth telling, not failing.
      const pinnedJwk = await globalThis.crypto.subtle.exportKey('jwk', cryptoKey).catch(() => undefined);
      const thumbprint = pinnedJwk ? jwkThumbprint(pinnedJwk, hash) : undefined;
      if (thumbprint !== undefined && thumbprint !== kid) warnings.push(`the header kid ${String(kid)} is not the pinned key's thumbprint ${thumbprint}`);
    } else if (key.jwks) {
      const found = key.jwks.keys.find((k) => (k as { kid?: unknown }).kid === kid);
      if (!found) return fail(`no key in the JWKS has kid ${String(kid)}`);
      cryptoKey = await importP256PublicKey(found).catch((e: unknown) => fail(`the JWKS key ${String(kid)} is not usable: ${reasonOf(e)}`));
      warnings.push(`the key was taken from the site's JWKS by its kid, not pinned: compare ${String(kid)} with the key the commune announced`);
      if (jwkThumbprint(found, hash) !== kid) warnings.push(`the JWKS key's thumbprint is not its kid ${String(kid)}`);
    } else {
      return fail("no key given: pin the commune's public key, or give the site's JWKS");
    }
    if (!(await verifyEs256(jws, cryptoKey))) problems.push('the signature does not verify');
    try {
      await manifestData();
    } catch (e) {
      problems.push(reasonOf(e));
    }
    if (problems.length) fail(summarize(problems));
    return `signed by ${String(kid)}`;
  });

  // 2. Every file named in `files` hashes to the value given (and each names this consultation).
  await run(2, async (warnings) => {
    const manifest = await manifestOnly();
    const problems: string[] = [];
    for (const name of BUNDLE_FILES) {
      const bytes = Object.hasOwn(files, name) ? files[name] : undefined;
      if (!bytes) problems.push(`${name} is missing`);
      else if (sha256Hex(bytes, hash) !== manifest.files[name]) problems.push(`${name} does not hash to ${manifest.files[name]}`);
      await progress(BUNDLE_FILES.indexOf(name) / BUNDLE_FILES.length / 2);
    }
    const id = manifest.consultationId;
    const named: [string, () => Promise<string>][] = [
      ['consultation.json', async () => (await consultation()).id],
      ['roll.json', async () => (await roll()).consultationId],
      ['participants.json', async () => (await participants()).consultationId],
      ['ballots.json', async () => (await ballots()).consultationId],
    ];
    for (const [name, idOf] of named) {
      // A file that cannot be read is reported by the steps that need it; here only its consultation counts.
      const other = await idOf().catch(() => undefined);
      if (other !== undefined && other !== id) problems.push(`${name} names consultation ${other}, not ${id}`);
    }
    const readable = Object.hasOwn(files, 'result.json') ? files['result.json'] : undefined;
    if (readable && !bytesEqual(readable, (await manifestData()).jws.payloadBytes)) {
      warnings.push('result.json differs from the result.jws payload (the payload is authoritative)');
    }
    if (problems.length) fail(summarize(problems));
    return `${BUNDLE_FILES.length} files match the manifest`;
  });

  // 3. Every ballot's receipt recomputes; receipts are distinct; ballots are sorted by receipt.
  await run(3, async () => {
    const { count, leaves, receiptOk } = await ballots();
    const problems: string[] = [];
    let wrong = 0;
    const examples: string[] = [];
    for (let i = 0; i < count; i++) {
      if (receiptOk[i] === 0 && wrong++ < 5) examples.push(`ballot ${i + 1} (${toHex(leaves.subarray(i * 32, i * 32 + 6))}…)`);
    }
    if (wrong) problems.push(`${wrong} receipt(s) do not recompute: ${examples.join(', ')}`);
    // One pass: strictly ascending means sorted and distinct at once. Bytes sort as their lowercase hex does.
    let unsorted = -1;
    let duplicate = false;
    for (let i = 1; i < count; i++) {
      const order = compareLeaves(leaves, i - 1, i);
      if (order === 0) duplicate = true;
      else if (order > 0 && unsorted < 0) unsorted = i;
    }
    if (unsorted >= 0) {
      problems.push(`ballots are not sorted by receipt (ballot ${unsorted + 1} should come before ballot ${unsorted})`);
      // Unsorted, equal receipts need not be neighbours: look for them the slower way.
      const seen = new Set<string>();
      for (let i = 0; i < count && !duplicate; i++) {
        const receipt = toHex(leaves.subarray(i * 32, i * 32 + 32));
        duplicate = seen.has(receipt);
        seen.add(receipt);
      }
    }
    if (duplicate) problems.push('two ballots have the same receipt');
    if (problems.length) fail(summarize(problems));
    return `${count} receipts recompute, distinct and sorted`;
  });

  // 4. The Merkle root recomputes. A given receipt (the voter's own) is found, with its inclusion proof.
  await run(4, async () => {
    const manifest = await manifestOnly();
    const { count, leaves } = await ballots();
    let index: number | undefined;
    let wanted: string | undefined;
    if (options.receipt !== undefined) {
      wanted = options.receipt.trim().toLowerCase();
      if (!HEX64.test(wanted)) return fail('the receipt to look for is not 64 hex characters');
      index = findLeaf(leaves, fromHex(wanted));
    }
    const { root, path } = merkleRootAndPath(leaves, index, hash);
    const rootHex = toHex(root);
    const problems: string[] = [];
    if (manifest.ballots.count !== count) problems.push(`the manifest counts ${manifest.ballots.count} ballots, ballots.json has ${count}`);
    if (rootHex !== manifest.ballots.merkleRoot) problems.push(`the root is ${rootHex}, the manifest says ${manifest.ballots.merkleRoot}`);
    if (wanted !== undefined) {
      if (index === undefined) problems.push(`receipt ${wanted} is not among the ${count} ballots`);
      else if (!verifyInclusion(fromHex(wanted), index, count, path, fromHex(manifest.ballots.merkleRoot), hash)) {
        problems.push(`the inclusion proof of receipt ${wanted} does not lead to the manifest's root`);
      } else {
        inclusion = { receipt: wanted, index, treeSize: count, proof: path.map(toHex), root: manifest.ballots.merkleRoot };
      }
    }
    if (problems.length) fail(summarize(problems));
    return wanted !== undefined ? `root ${rootHex}; receipt found as ballot ${index! + 1} of ${count}` : `root ${rootHex} over ${count} ballots`;
  });

  // 5. Participants are distinct, sorted, each on the roll; their count equals the ballot count; the channels add up.
  await run(5, async () => {
    const manifest = await manifestOnly();
    const { ids } = await roll();
    const { households } = await participants();
    const problems: string[] = [];
    const rollSorted = strictlyAscending(ids);
    if (rollSorted !== true) problems.push(`roll.json is not sorted by id with distinct ids (at household ${rollSorted + 1})`);
    if (ids.length !== manifest.roll.count) problems.push(`the manifest counts ${manifest.roll.count} households on the roll, roll.json has ${ids.length}`);
    const pids = households.map((h) => h.id);
    const sorted = strictlyAscending(pids);
    if (sorted !== true) problems.push(`participants.json is not sorted by id with distinct ids (at household ${sorted + 1})`);
    const missing = notOnRoll(pids, ids, rollSorted === true && sorted === true);
    if (missing.length) problems.push(`${missing.length} participant(s) not on the roll: ${missing.slice(0, 5).join(', ')}`);
    const byChannel = { online: 0, paper: 0, meeting: 0 };
    for (const h of households) byChannel[h.channel]++;
    const m = manifest.participants;
    if (m.count !== households.length) problems.push(`the manifest counts ${m.count} participants, participants.json has ${households.length}`);
    for (const c of CHANNELS) {
      if (m.byChannel[c] !== byChannel[c]) problems.push(`the manifest counts ${m.byChannel[c]} ${c} participants, participants.json has ${byChannel[c]}`);
    }
    if (m.byChannel.online + m.byChannel.paper + m.byChannel.meeting !== m.count)
      problems.push("the manifest's channels do not add up to its participant count");
    if (m.count !== manifest.ballots.count) problems.push(`the manifest counts ${m.count} participants but ${manifest.ballots.count} ballots`);
    try {
      const { count } = await ballots();
      if (count !== households.length) problems.push(`${households.length} participants but ${count} ballots`);
    } catch (e) {
      problems.push(`cannot compare with the ballots: ${reasonOf(e)}`);
    }
    if (problems.length) fail(summarize(problems));
    return `${households.length} participants of ${ids.length} households (online ${byChannel.online}, paper ${byChannel.paper}, meeting ${byChannel.meeting})`;
  });

  // 6. Every ballot answers every question with an allowed answer.
  await run(6, async () => {
    const { questions } = await consultation();
    const { count, answerSet, distinct } = await ballots();
    // Ballots repeat a handful of answer sets: judge each distinct set once, then look each ballot up.
    const verdicts = distinct.map((answers) => checkAnswers(questions, answers));
    const examples: string[] = [];
    let bad = 0;
    for (let i = 0; i < count; i++) {
      const problems = verdicts[answerSet[i]!]!;
      if (problems.length && bad++ < 5) examples.push(`ballot ${i + 1}: ${problems.join(', ')}`);
    }
    if (bad) fail(`${bad} ballot(s) not allowed: ${summarize(examples, bad)}`);
    return `${count} ballots answer all ${questions.length} question(s)`;
  });

  // 7. Recounting the ballots gives `tally` exactly (and so the outcome that the rule gives).
  await run(7, async () => {
    const { raw } = await manifestData().catch((e: unknown) => fail(`no usable manifest (${reasonOf(e)})`));
    const c = await consultation();
    const { answerSet, distinct } = await ballots();
    const { ids } = await roll();
    const recount = tally(
      c,
      Array.from(answerSet, (set) => distinct[set]!),
      ids.length,
    );
    const published = Array.isArray(raw.tally) ? (raw.tally as unknown[]) : [];
    const problems: string[] = [];
    if (published.length !== recount.length) problems.push(`the manifest tallies ${published.length} question(s), the consultation has ${recount.length}`);
    recount.forEach((q, i) => {
      const mine = canonicalize(q);
      const theirs = i < published.length ? canonicalize(published[i]) : undefined;
      if (mine !== theirs) problems.push(`question ${q.questionId}: the recount gives ${mine}, the manifest says ${theirs ?? 'nothing'}`);
    });
    if (problems.length) fail(summarize(problems));
    return recount.map((q) => `${q.questionId}: ${q.outcome.status}${q.outcome.options.length ? ` ${q.outcome.options.join(', ')}` : ''}`).join('; ');
  });

  // 8. The audit chain is unbroken from seq 1 to the head, count and head match, and it ends with `closed`.
  await run(8, async (warnings) => {
    const manifest = await manifestOnly();
    const events = await audit();
    const problems = checkChain(events, hash);
    const head = events.length ? events[events.length - 1]!.hash : GENESIS;
    if (manifest.audit.count !== events.length) problems.push(`the manifest counts ${manifest.audit.count} events, audit.jsonl has ${events.length}`);
    if (manifest.audit.head !== head) problems.push(`the head is ${head}, the manifest says ${manifest.audit.head}`);
    const last = events[events.length - 1];
    if (last?.action !== 'closed') problems.push('the last event is not the closed event');
    else {
      const named = last.data.consultationId;
      if (named !== undefined && named !== manifest.consultationId) problems.push(`the closed event is of consultation ${String(named)}`);
      if (last.at !== manifest.closedAt) warnings.push(`the closed event is at ${last.at}, the manifest says closedAt ${manifest.closedAt}`);
    }
    if (problems.length) fail(summarize(problems));
    return `${events.length} events, head ${head}`;
  });

  // 9. Every attestation verifies and names this manifest's hash.
  await run(9, async () => {
    const names = Object.keys(files)
      .filter((n) => n.startsWith('attestations/') && n.endsWith('.jws'))
      .sort();
    if (names.length === 0) return 'no attestations';
    const { jws: result, manifest } = await manifestData().catch((e: unknown) => fail(`no usable manifest (${reasonOf(e)})`));
    const manifestHash = sha256Hex(result.payloadBytes, hash);
    const problems: string[] = [];
    const accepted: string[] = [];
    for (const name of names) {
      const reason = await attestationProblem(name, files[name]!, manifestHash, manifest.consultationId, hash);
      if (reason) problems.push(`${name}: ${reason}`);
      else accepted.push(name.slice('attestations/'.length, -'.jws'.length));
    }
    if (problems.length) fail(summarize(problems));
    return `${accepted.length} attestation(s): ${accepted.join(', ')}`;
  });

  return { ok: checks.every((c) => c.ok), checks, ...(inclusion ? { inclusion } : {}) };
}

/**
 * Why an attestation does not hold, or undefined when it does (bundle.md "Attestations"). The server runs this same
 * check before publishing one, so it never publishes an attestation that makes verification fail.
 */
export async function attestationProblem(
  name: string,
  bytes: Uint8Array,
  manifestHash: string,
  consultationId: string,
  hash: Hash = sha256,
): Promise<string | undefined> {
  try {
    if (!name.endsWith('.jws')) return 'not a .jws file';
    const jws = decodeJws(fromUtf8(bytes).trim());
    const { alg, typ, kid, jwk } = jws.header;
    if (alg !== 'ES256') return 'alg is not ES256';
    if (typ !== 'attestation+jws') return 'typ is not attestation+jws';
    if (!isRecord(jwk)) return 'the header carries no jwk';
    const monitorKey = jwk as JsonWebKey;
    const thumbprint = jwkThumbprint(monitorKey, hash);
    if (kid !== thumbprint) return 'kid is not the thumbprint of the header jwk';
    if (name !== `attestations/${thumbprint}.jws`) return 'the file name is not the kid';
    if (!(await verifyEs256(jws, await importP256PublicKey(monitorKey)))) return 'the signature does not verify under the header jwk';
    const raw = parseJsonBytes(jws.payloadBytes);
    const payload = AttestationPayload.safeParse(raw);
    if (!payload.success) return 'the payload is not {consultationId, manifest, monitor, statement, at}';
    requireCanonical(raw, fromUtf8(jws.payloadBytes), 'the payload');
    if (payload.data.consultationId !== consultationId) return `it names consultation ${payload.data.consultationId}`;
    if (payload.data.manifest !== manifestHash) return 'it names another manifest';
    return undefined;
  } catch (e) {
    return reasonOf(e);
  }
}

/** Order of leaves i and j (negative, zero, positive), byte by byte. */
function compareLeaves(leaves: Uint8Array, i: number, j: number): number {
  for (let k = 0; k < 32; k++) {
    const d = leaves[i * 32 + k]! - leaves[j * 32 + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Index of the leaf equal to `wanted` (32 bytes): binary search, which finds it when the leaves are sorted, else a scan. */
function findLeaf(leaves: Uint8Array, wanted: Uint8Array): number | undefined {
  const n = leaves.length / 32;
  const order = (i: number): number => {
    for (let k = 0; k < 32; k++) {
      const d = leaves[i * 32 + k]! - wanted[k]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = order(mid);
    if (d === 0) return mid;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = 0; i < n; i++) if (order(i) === 0) return i;
  return undefined;
}

/** True when strictly ascending (sorted and distinct), else the index of the first offender. */
function strictlyAscending(ids: readonly string[]): true | number {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return i;
  return true;
}

/** The participants not on the roll: a merge walk when both are sorted, a set otherwise. */
function notOnRoll(participants: readonly string[], roll: readonly string[], sorted: boolean): string[] {
  const missing: string[] = [];
  if (sorted) {
    let j = 0;
    for (const p of participants) {
      while (j < roll.length && roll[j]! < p) j++;
      if (roll[j] !== p) missing.push(p);
    }
    return missing;
  }
  const onRoll = new Set(roll);
  for (const p of participants) if (!onRoll.has(p)) missing.push(p);
  return missing;
}
