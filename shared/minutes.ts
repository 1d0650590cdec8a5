/**
 * The minutes (biên bản) drafted at close, in the shape of Decree 59/2023 form 03: who chaired and wrote them, H,
 * who took part and how, each question's counts, threshold and outcome in plain Vietnamese, the decision, and the
 * signatures of the chair, the secretary and the Front representative, each a JWS with their own P-256 key.
 * Pure: the same inputs give the same JCS bytes, so drafting twice (a retried close) writes the same file.
 * Residents never appear by name; the officers do, as the law expects of people acting in public office.
 */
import * as z from 'zod';
import { percentOfH, vnNumber, vnPercent } from './numbers.ts';
import { fromUtf8 } from './bytes.ts';
import { adoptedLevel } from './contributions.ts';
import { DomainError } from './errors.ts';
import { isCanonicalText, jcsBytes, parseJsonBytes } from './jcs.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, jwkToSpki, spkiToJwk, verifyEs256, type P256Jwk, type SignP1363 } from './jws.ts';
import { quorumSatisfied, threshold } from './rules.ts';
import { Hex64, Instant, Method, OutcomeStatus, Rule, Scope, Matter } from './schemas.ts';
import type { Consultation, Manifest, Question, QuestionTally } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

// ---------------------------------------------------------------------------------------------------------------
// The document

const Name = z.string().trim().min(1).max(200);
const Count = z.int().min(0);
/** A share of H with one decimal, "80.0", from integer arithmetic (percentOfH). */
const Percent = z.string().regex(/^\d+\.\d$/, 'a percentage with one decimal, e.g. 80.0');
const Share = z.strictObject({ votes: Count, percentOfH: Percent });

/** The chair or the secretary: a name and an office (Decree 59/2023 form 03, "Chủ trì", "Thư ký"). */
export const Officer = z.strictObject({ name: Name, title: Name });
export type Officer = z.infer<typeof Officer>;
/** The representative of the Front working committee (Ban công tác Mặt trận) who co-signs. */
export const FrontRepresentative = z.strictObject({ name: Name, organisation: Name });
export type FrontRepresentative = z.infer<typeof FrontRepresentative>;

/** One question as the minutes record it: counts and shares of H, the threshold and the outcome in words. */
export const MinutesQuestion = z.strictObject({
  id: z.string(),
  text: z.string(),
  method: Method,
  rule: Rule,
  /** One row per answer of the ballot paper (`yes`, `no`, or each option), in ballot order. */
  counts: z.array(z.strictObject({ id: z.string(), label: z.string(), votes: Count, percentOfH: Percent })),
  abstain: Share,
  /** Households on the roll that did not take part; they count against adoption (domain.md). */
  absent: Share,
  threshold: Count,
  ruleInWords: z.string(),
  status: OutcomeStatus,
  adoptedOptions: z.array(z.string()),
  decisionText: z.string(),
});
export type MinutesQuestion = z.infer<typeof MinutesQuestion>;

/** `minutes.json`: the minutes of one round, JCS bytes like every published .json file (bundle.md). */
export const Minutes = z.strictObject({
  kind: z.literal('minutes/1'),
  consultationId: z.string(),
  /** H(result.jws payload bytes), as attestations name the result. */
  manifest: Hex64,
  commune: z.string().min(1).max(64),
  scope: Scope,
  title: z.string(),
  matter: Matter,
  place: Name,
  time: z.strictObject({ from: Instant, to: Instant }),
  method: Method,
  chair: Officer,
  secretary: Officer,
  frontRepresentative: FrontRepresentative.optional(),
  eligible: Count,
  participants: z.strictObject({
    total: Count,
    byChannel: z.strictObject({ online: Count, paper: Count, meeting: Count }),
    percentOfH: Percent,
  }),
  /** A meeting only: households present, and the quorum of its questions (Law 10/2022 Art. 18). */
  attendance: z.strictObject({ present: Count, percentOfH: Percent, quorum: z.strictObject({ required: Count, met: z.boolean() }).optional() }).optional(),
  questions: z.array(MinutesQuestion),
  decision: z.string(),
  closedAt: Instant,
  publishedAt: Instant,
});
export type Minutes = z.infer<typeof Minutes>;

// ---------------------------------------------------------------------------------------------------------------
// Numbers and rules in words (the same words as the result page)

export { percentOfH, vnNumber, vnPercent } from './numbers.ts';

export const OUTCOME_VI: Readonly<Record<OutcomeStatus, string>> = {
  adopted: 'Được thông qua',
  rejected: 'Không được thông qua',
  no_decision: 'Không có phương án nào được thông qua',
  quorum_not_met: 'Không đủ số hộ tham gia theo quy định',
};

function shareText(rule: { op: 'at_least' | 'more_than'; fraction: readonly [number, number] }): string {
  const [n, d] = rule.fraction;
  const share = n * 2 === d ? '1/2' : `${n}/${d}`;
  return rule.op === 'at_least' ? share : `quá ${share}`;
}

/**
 * A rule as a share, in words: "ít nhất 2/3 tổng số hộ", "quá 1/2 tổng số hộ", "phương án được nhiều phiếu nhất".
 * @example shareInWords({ base: 'eligible', op: 'more_than', fraction: [1, 2] }) // "quá 1/2 tổng số hộ"
 */
export function shareInWords(rule: Rule): string {
  if (rule.base === 'plurality') return 'phương án được nhiều phiếu nhất';
  const share = shareText(rule);
  return `${rule.op === 'at_least' ? 'ít nhất ' : ''}${share} ${rule.base === 'eligible' ? 'tổng số hộ' : 'số phiếu đã bỏ'}`;
}

/** The rule with its threshold, in words a farmer understands: "cần ít nhất 20 hộ (2/3 tổng số hộ)". */
export function ruleInWords(rule: Rule, t: number): string {
  if (rule.base === 'plurality') return 'phương án được nhiều phiếu nhất';
  const of = rule.base === 'eligible' ? 'tổng số hộ' : 'số phiếu đã bỏ';
  return `cần ít nhất ${t} ${rule.base === 'eligible' ? 'hộ' : 'phiếu'} (${shareText(rule)} ${of})`;
}

/** The label of an answer on the ballot paper: "Tán thành", "Không tán thành", or the option's label. */
export function answerLabel(q: Question, id: string): string {
  if (id === 'yes') return 'Tán thành';
  if (id === 'no') return 'Không tán thành';
  return q.options.find((o) => o.id === id)?.label ?? id;
}

/**
 * The outcome of a question in one sentence, with the numbers behind it.
 * @example outcomeSentence(q, t) // "Được thông qua: 24/30 hộ tán thành (80%); cần ít nhất 20 hộ (2/3 tổng số hộ)."
 */
export function outcomeSentence(q: Question, t: QuestionTally): string {
  const base = t.rule.base === 'cast' ? t.cast : t.eligible;
  const unit = t.rule.base === 'cast' ? 'phiếu' : 'hộ';
  const status = OUTCOME_VI[t.outcome.status];
  const need = ruleInWords(t.rule, t.threshold);
  if (t.outcome.status === 'quorum_not_met') return `${status}: ${t.cast}/${t.eligible} hộ tham gia.`;
  if (q.type === 'yes_no') {
    const yes = t.counts.yes ?? 0;
    return `${status}: ${yes}/${base} ${unit} tán thành (${vnPercent(yes, base)}); ${need}.`;
  }
  if (t.outcome.status === 'adopted') {
    const parts = t.outcome.options.map((id) => `«${answerLabel(q, id)}» ${t.counts[id] ?? 0}/${base} ${unit} (${vnPercent(t.counts[id] ?? 0, base)})`);
    return `${status}: ${parts.join('; ')}; ${need}.`;
  }
  const top = Object.entries(t.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return top ? `${status}: nhiều nhất là «${answerLabel(q, top[0])}» với ${top[1]}/${base} ${unit}; ${need}.` : `${status}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Drafting

/** What the officials enter for the minutes; everything else comes from the consultation and its signed result. */
export interface MinutesInput {
  consultation: Consultation;
  manifest: Manifest;
  /** H(result.jws payload bytes); checked against the manifest. */
  manifestHash: string;
  officers: { chair: Officer; secretary: Officer; frontRepresentative?: FrontRepresentative };
  /** Where the meeting was held or the ballots were summed up ("Nhà văn hóa thôn Đông"). */
  place: string;
  /** A meeting only: households present (counted at the door) and when it began and ended. */
  meeting?: { present: number; from: string; to: string };
}

const BASIS_VI = { per_household: 'hộ', per_person: 'nhân khẩu', per_frontage_metre: 'mét mặt tiền' } as const;
const EXEMPTION_VI = { poor: 'hộ nghèo', near_poor: 'hộ cận nghèo', policy: 'gia đình chính sách' } as const;

/**
 * Law 10/2022 Art. 15(1): the level is voted together with the costs, the basis and the exemptions. The level is
 * contributions.ts's `adoptedLevel`, the one the dues schedule uses: none when the work itself was refused
 * (`goingAheadRefused`).
 */
function contributionDecision(c: Consultation, m: Manifest): string {
  const terms = c.contribution!;
  const level = adoptedLevel(c, m);
  if (!level) return 'Không có mức đóng góp nào được thông qua.';
  const amount = `Mức đóng góp được thông qua: ${vnNumber(level.amountPerUnit)} đồng/${BASIS_VI[terms.basis]} (tổng kinh phí ${vnNumber(terms.totalCost)} đồng; ngân sách nhà nước hỗ trợ ${vnNumber(terms.stateBudget)} đồng; nhân dân đóng góp ${vnNumber(terms.residentsShare)} đồng).`;
  const exemptions = (['poor', 'near_poor', 'policy'] as const)
    .map((category) => terms.exemptions.find((e) => e.category === category))
    .filter((e) => e !== undefined && e.percent > 0)
    .map((e) => `${EXEMPTION_VI[e!.category]} ${e!.percent === 100 ? 'được miễn' : `được giảm ${e!.percent}%`}`);
  return `${amount} ${exemptions.length ? `Miễn, giảm: ${exemptions.join('; ')}.` : 'Không có trường hợp miễn, giảm.'}`;
}

/** The decision, one line per question, then the contribution terms of a contribution matter. */
function decisionOf(c: Consultation, m: Manifest): string {
  const tallies = m.tally;
  // Law 10/2022 Art. 25: on an opinion matter the residents advise and the authority decides.
  const lead =
    c.matter === 'opinion'
      ? `Ý kiến của cộng đồng dân cư ${c.scope.name} được tổng hợp để cơ quan có thẩm quyền xem xét, quyết định:`
      : `Căn cứ kết quả biểu quyết, cộng đồng dân cư ${c.scope.name} quyết định:`;
  const lines = c.questions.map((q, i) => {
    const { status, options } = tallies[i]!.outcome;
    const labels = options.map((id) => `«${answerLabel(q, id)}»`).join(', ');
    const adopted = status === 'adopted' && q.type !== 'yes_no' ? ` ${options.length > 1 ? 'các phương án' : 'phương án'} ${labels}` : '';
    return `${i + 1}. «${q.text}»: ${OUTCOME_VI[status]}${adopted}.`;
  });
  if (c.matter === 'contribution' && c.contribution) lines.push(contributionDecision(c, m));
  return [lead, ...lines].join('\n');
}

function questionOf(c: Consultation, q: Question, t: QuestionTally): MinutesQuestion {
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  const share = (votes: number) => ({ votes, percentOfH: percentOfH(votes, t.eligible) });
  return {
    id: q.id,
    text: q.text,
    method: c.method,
    rule: t.rule,
    counts: ids.map((id) => ({ id, label: answerLabel(q, id), ...share(t.counts[id] ?? 0) })),
    abstain: share(t.abstain),
    absent: share(Math.max(0, t.eligible - t.cast)),
    threshold: t.threshold,
    ruleInWords: shareInWords(t.rule),
    status: t.outcome.status,
    adoptedOptions: t.outcome.options,
    decisionText: outcomeSentence(q, t),
  };
}

function invalid(message: string, details?: { path: string; message: string }[]): DomainError {
  return new DomainError('invalid_request', message, details);
}

function attendanceOf(c: Consultation, meeting: NonNullable<MinutesInput['meeting']>, eligible: number): Minutes['attendance'] {
  const { present } = meeting;
  if (!Number.isSafeInteger(present) || present < 0 || present > eligible)
    throw invalid(`households present must be between 0 and ${eligible}, got ${present}`);
  // The strictest quorum of the questions (a meeting's questions normally share the profile's): Law 10/2022 Art. 18.
  let quorum: { required: number; met: boolean } | undefined;
  for (const q of c.questions) {
    if (q.rule.quorum === undefined) continue;
    const required = threshold({ base: 'eligible', op: q.rule.quorum.op, fraction: q.rule.quorum.fraction }, eligible, 0);
    if (quorum === undefined || required > quorum.required) quorum = { required, met: quorumSatisfied(q.rule.quorum, present, eligible) };
  }
  return { present, percentOfH: percentOfH(present, eligible), ...(quorum ? { quorum } : {}) };
}

/**
 * The minutes of a closed round, from its consultation, its signed manifest and what the officials entered.
 * Deterministic (no clock, no randomness). Throws a DomainError when the inputs do not belong together
 * (`integrity_error`) or an entry is missing or malformed (`invalid_request`).
 * @example const minutes = draftMinutes({ consultation, manifest, manifestHash: sha256Hex(payloadBytes), officers, place: 'Nhà văn hóa thôn Đông' })
 */
export function draftMinutes(input: MinutesInput, hash: Hash = sha256): Minutes {
  const { consultation: c, manifest: m, officers, meeting } = input;
  if (m.consultationId !== c.id) throw new DomainError('integrity_error', `the manifest is of consultation ${m.consultationId}, not ${c.id}`);
  if (sha256Hex(jcsBytes(m), hash) !== input.manifestHash) throw new DomainError('integrity_error', 'the manifest hash is not the hash of this manifest');
  if (m.tally.length !== c.questions.length || m.tally.some((t, i) => t.questionId !== c.questions[i]!.id)) {
    throw new DomainError('integrity_error', 'the manifest does not tally the questions of this consultation');
  }
  if ((c.method === 'meeting') !== (meeting !== undefined))
    throw invalid(c.method === 'meeting' ? 'a meeting needs its attendance and times' : 'only a meeting has attendance');

  const eligible = m.roll.count;
  const text = (s: string) => s.normalize('NFC');
  const officer = (o: Officer) => ({ name: text(o.name), title: text(o.title) });
  const front = officers.frontRepresentative;
  const draft = {
    kind: 'minutes/1',
    consultationId: c.id,
    manifest: input.manifestHash,
    commune: c.commune,
    scope: c.scope,
    title: c.title,
    matter: c.matter,
    place: text(input.place),
    time: meeting ? { from: meeting.from, to: meeting.to } : { from: c.opensAt, to: m.closedAt },
    method: c.method,
    chair: officer(officers.chair),
    secretary: officer(officers.secretary),
    ...(front ? { frontRepresentative: { name: text(front.name), organisation: text(front.organisation) } } : {}),
    eligible,
    participants: { total: m.participants.count, byChannel: m.participants.byChannel, percentOfH: percentOfH(m.participants.count, eligible) },
    ...(meeting ? { attendance: attendanceOf(c, meeting, eligible) } : {}),
    questions: c.questions.map((q, i) => questionOf(c, q, m.tally[i]!)),
    decision: decisionOf(c, m),
    closedAt: m.closedAt,
    publishedAt: m.publishedAt,
  };
  const parsed = Minutes.safeParse(draft);
  if (!parsed.success) {
    throw invalid(
      'the minutes are incomplete',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (meeting && Date.parse(meeting.from) > Date.parse(meeting.to)) throw invalid('the meeting must end after it begins');
  return parsed.data;
}

/** H(JCS(minutes)): what each signature names. */
export function minutesHash(minutes: Minutes, hash: Hash = sha256): string {
  return sha256Hex(jcsBytes(minutes), hash);
}

// ---------------------------------------------------------------------------------------------------------------
// Signatures: one JWS per officer, their own key in the header, like a monitor's attestation (bundle.md)

export const MinutesRole = z.enum(['chair', 'secretary', 'front']);
export type MinutesRole = z.infer<typeof MinutesRole>;
export const MINUTES_ROLES: readonly MinutesRole[] = MinutesRole.options;

/** The payload an officer signs (JCS), `typ` `minutes+jws`. */
export const MinutesSignaturePayload = z.strictObject({
  kind: z.literal('minutes-signature/1'),
  consultationId: z.string(),
  minutes: Hex64,
  signer: z.strictObject({ role: MinutesRole, name: Name, title: Name }),
  at: Instant,
});
export type MinutesSignaturePayload = z.infer<typeof MinutesSignaturePayload>;

/** Who signs for `role`: the Front representative's title is their organisation; undefined when none is named. */
function signerOf(minutes: Minutes, role: MinutesRole): { name: string; title: string } | undefined {
  if (role === 'front') {
    const f = minutes.frontRepresentative;
    return f ? { name: f.name, title: f.organisation } : undefined;
  }
  return minutes[role];
}

/** The public members of a P-256 JWK (throws for a private or malformed key), through jws.ts. */
function publicJwk(jwk: JsonWebKey): P256Jwk {
  return spkiToJwk(jwkToSpki(jwk));
}

export interface MinutesSigning {
  minutes: Minutes;
  role: MinutesRole;
  /** RFC 3339 UTC to the second. */
  at: string;
  /** The signer's public key; it goes into the protected header, and its thumbprint is the `kid`. */
  jwk: JsonWebKey;
}

function headerAndPayload(s: MinutesSigning, hash: Hash): { header: Record<string, unknown>; payload: Uint8Array<ArrayBuffer> } {
  const signer = signerOf(s.minutes, s.role);
  if (!signer) throw invalid(`the minutes name no one for the role ${s.role}`);
  const jwk = publicJwk(s.jwk);
  const payload: MinutesSignaturePayload = {
    kind: 'minutes-signature/1',
    consultationId: s.minutes.consultationId,
    minutes: minutesHash(s.minutes, hash),
    signer: { role: s.role, ...signer },
    at: s.at,
  };
  return { header: { alg: 'ES256', jwk, kid: jwkThumbprint(jwk, hash), typ: 'minutes+jws' }, payload: jcsBytes(payload) };
}

/**
 * The ASCII text an officer's key signs (`header.payload` of the JWS), for a signer that holds its key elsewhere
 * (a browser's WebCrypto): the compact JWS is then `${signingInput}.${base64url(r||s)}`.
 */
export async function minutesSigningInput(s: MinutesSigning, hash: Hash = sha256): Promise<string> {
  const { header, payload } = headerAndPayload(s, hash);
  // encodeJws writes `header.payload.signature`; with an empty signature, what remains before the last dot is the input.
  const unsigned = await encodeJws(header, payload, async () => new Uint8Array(0));
  return unsigned.slice(0, -1);
}

/**
 * An officer's signature of the minutes as a compact JWS (ES256, `typ` `minutes+jws`, `jwk` and `kid` in the header).
 * @example await signMinutes({ minutes, role: 'chair', at: '2026-11-20T11:00:00Z', jwk }, sign)
 */
export async function signMinutes(s: MinutesSigning, sign: SignP1363, hash: Hash = sha256): Promise<string> {
  const { header, payload } = headerAndPayload(s, hash);
  return encodeJws(header, payload, sign);
}

/** The result of checking one signature: `ok` with no problems, and who signed when it could be read. */
export interface MinutesSignatureCheck {
  ok: boolean;
  role?: MinutesRole;
  kid?: string;
  at?: string;
  problems: string[];
}

export interface MinutesSignatureOptions {
  /** Keys registered for each role (kids): when given for a role, a signature by any other key is refused. */
  keys?: Partial<Record<MinutesRole, readonly string[]>>;
  hash?: Hash;
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A JWS that carries its own key: alg ES256, the given `typ`, `kid` the thumbprint of the header `jwk`, a signature
 * that verifies under it, and a canonical JSON payload. The same steps as an attestation (verify.ts step 9).
 */
async function openKeyBoundJws(compact: string, typ: string, hash: Hash): Promise<{ kid?: string; raw?: unknown; problems: string[] }> {
  const problems: string[] = [];
  let jws: ReturnType<typeof decodeJws>;
  try {
    jws = decodeJws(compact.trim());
  } catch (e) {
    return { problems: [reasonOf(e)] };
  }
  const { alg, kid, jwk } = jws.header;
  if (alg !== 'ES256') problems.push('alg is not ES256');
  if (jws.header.typ !== typ) problems.push(`typ is not ${typ}`);
  let thumbprint: string | undefined;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) problems.push('the header carries no jwk');
  else {
    try {
      thumbprint = jwkThumbprint(jwk as JsonWebKey, hash);
      if (kid !== thumbprint) problems.push('kid is not the thumbprint of the header jwk');
      if (!(await verifyEs256(jws, await importP256PublicKey(jwk as JsonWebKey)))) problems.push('the signature does not verify under the header jwk');
    } catch (e) {
      problems.push(reasonOf(e));
    }
  }
  let raw: unknown;
  try {
    raw = parseJsonBytes(jws.payloadBytes);
    if (!isCanonicalText(raw, fromUtf8(jws.payloadBytes))) problems.push('the payload is not canonical JSON (RFC 8785)');
  } catch (e) {
    problems.push(reasonOf(e));
  }
  return { ...(thumbprint ? { kid: thumbprint } : {}), raw, problems };
}

const ROLE_EN: Record<MinutesRole, string> = { chair: 'the chair', secretary: 'the secretary', front: 'the Front representative' };

/**
 * Checks one officer's signature of these minutes: the JWS and its key, that it names these minutes' hash and
 * consultation, that the signer is the person the minutes name for the role, and (optionally) a registered key.
 * Every problem is collected; never throws.
 */
export async function verifyMinutesSignature(jws: string, minutes: Minutes, options: MinutesSignatureOptions = {}): Promise<MinutesSignatureCheck> {
  const hash = options.hash ?? sha256;
  const opened = await openKeyBoundJws(jws, 'minutes+jws', hash);
  const problems = opened.problems;
  const parsed = opened.raw === undefined ? undefined : MinutesSignaturePayload.safeParse(opened.raw);
  if (parsed && !parsed.success) problems.push('the payload is not {kind, consultationId, minutes, signer, at}');
  const payload = parsed?.success ? parsed.data : undefined;
  if (payload) {
    const { role } = payload.signer;
    if (payload.consultationId !== minutes.consultationId) problems.push(`it names consultation ${payload.consultationId}`);
    if (payload.minutes !== minutesHash(minutes, hash)) problems.push('it names other minutes');
    const expected = signerOf(minutes, role);
    if (!expected) problems.push(`the minutes name no one as ${ROLE_EN[role]}`);
    else if (expected.name !== payload.signer.name || expected.title !== payload.signer.title)
      problems.push(`the signer is not ${ROLE_EN[role]} the minutes name`);
    const registered = options.keys?.[role];
    if (registered && opened.kid !== undefined && !registered.includes(opened.kid))
      problems.push(`the key ${opened.kid} is not registered for ${ROLE_EN[role]}`);
  }
  return {
    ok: problems.length === 0 && payload !== undefined && opened.kid !== undefined,
    ...(payload ? { role: payload.signer.role, at: payload.at } : {}),
    ...(opened.kid ? { kid: opened.kid } : {}),
    problems,
  };
}

/** A role whose signature verified. */
export interface SignedRole {
  role: MinutesRole;
  kid: string;
  at: string;
}

/** Who has signed the minutes: `complete` when all three roles have. */
export interface SignatureStatus {
  complete: boolean;
  /** One per role that signed, in the order chair, secretary, front. */
  signed: SignedRole[];
  missing: MinutesRole[];
  /** Signatures that do not hold, by their index in the list given; a second signature for a role is one. */
  invalid: { index: number; role?: MinutesRole; kid?: string; problems: string[] }[];
}

/**
 * Which of the three roles have signed these minutes, which have not, and which signatures do not hold. When a
 * role signed twice, the earliest signature counts (then the smaller kid), whatever the order of the list.
 */
export async function signatureStatus(minutes: Minutes, signatures: readonly string[], options: MinutesSignatureOptions = {}): Promise<SignatureStatus> {
  const checks = await Promise.all(signatures.map((jws) => verifyMinutesSignature(jws, minutes, options)));
  const invalid: SignatureStatus['invalid'] = [];
  const valid: (SignedRole & { index: number })[] = [];
  checks.forEach((check, index) => {
    if (check.ok) valid.push({ role: check.role!, kid: check.kid!, at: check.at!, index });
    else invalid.push({ index, ...(check.role ? { role: check.role } : {}), ...(check.kid ? { kid: check.kid } : {}), problems: check.problems });
  });
  valid.sort(
    (a, b) =>
      MINUTES_ROLES.indexOf(a.role) - MINUTES_ROLES.indexOf(b.role) ||
      Date.parse(a.at) - Date.parse(b.at) ||
      (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : a.index - b.index),
  );
  const signed: SignedRole[] = [];
  for (const v of valid) {
    const first = signed.find((s) => s.role === v.role);
    if (first) invalid.push({ index: v.index, role: v.role, kid: v.kid, problems: [`duplicate: ${ROLE_EN[v.role]} has already signed with key ${first.kid}`] });
    else signed.push({ role: v.role, kid: v.kid, at: v.at });
  }
  invalid.sort((a, b) => a.index - b.index);
  const missing = MINUTES_ROLES.filter((role) => !signed.some((s) => s.role === role));
  return { complete: missing.length === 0, signed, missing, invalid };
}
