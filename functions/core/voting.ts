/** Opening voting, issuing codes, casting ballots online and on paper, and checking receipts. */
import { answerProblems, normalizeAnswers } from '../../shared/answers.ts';
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { receiptOf } from '../../shared/receipt.ts';
import { conditionProblem, conditionsFor, openingCheck, type OnlineCondition, type OpeningCheck } from '../../shared/matters.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { sha256 } from '../../shared/sha256.ts';
import type { OpinionsByQuestion } from '../../shared/opinions.ts';
import type { Answers, Channel, Consultation, Household, Matter, Method } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vnAt, vnTime } from '../../web/format.ts';
import { actorOf, afterCommit, load, loadForOfficial } from './access.ts';
import { noticeAfterCommit, votingOpenedText } from './contacts.ts';
import { codeHash, newCode, normalizeCode, slipCode } from './codes.ts';
import { keyedRandom, openingKey } from './code-slips.ts';
import type { AttemptPolicy, CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { checkedOpinions, keepOpinions } from './opinions.ts';
import { makeSerials } from './paper.ts';
import { republish } from './republish.ts';
import { signedReceipt } from './receipt-signing.ts';
import type { ConsultationRecord } from './store.ts';

/** Wrong codes from one client: slowed from the 4th in the window, answered 429 from the 11th. A right code is always taken. */
export const ATTEMPTS: AttemptPolicy = { slowAfter: 3, refuseAt: 10, baseDelayMs: 250, maxDelayMs: 2_000 };

export interface OpenOptions {
  /** Opening before the disclosure period of the commune's profile is over: the reason, kept in the audit event. */
  override?: { reason: string } | undefined;
  /**
   * When the caller must answer (epoch ms: a 29 s function's budget). A large roll may then take more than one call:
   * the answer is `opening` with the progress, and the same call again goes on (Store.openVoting's job).
   */
  deadline?: number | undefined;
}

/** What stands before opening: the disclosure period and, for an online vote, the Decree 59 Art. 5 conditions. */
export async function openingStatus(deps: CoreDeps, id: string, method: Method, matter?: Matter): Promise<OpeningCheck> {
  return openingCheck({ method, ...(matter ? { matter } : {}) }, await deps.store.getAudit(id), deps.clock.now(), deps.profile);
}

/** Opened: the codes of an online round (also shown again page by page: code-slips.ts), a household ballot's serials. */
export interface Opened {
  state: 'voting';
  method: Method;
  credentials: Array<{ household: string; code: string }>;
  serials: string[];
  hamlets: Map<string, string>;
  consultation: Consultation;
}

/** Not yet: a large roll's opening goes on with the same call (only with a deadline). */
export interface Opening {
  state: 'opening';
  method: Method;
  progress: { written: number; total: number };
  consultation: Consultation;
}

export function openVoting(deps: CoreDeps, who: Principal | undefined, id: string, options?: OpenOptions & { deadline?: undefined }): Promise<Opened>;
export function openVoting(deps: CoreDeps, who: Principal | undefined, id: string, options: OpenOptions): Promise<Opened | Opening>;
export async function openVoting(deps: CoreDeps, who: Principal | undefined, id: string, options: OpenOptions = {}): Promise<Opened | Opening> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state === 'voting' || rec.state === 'closed' || rec.state === 'published')
    throw new DomainError('already_open', `voting was already opened; this consultation is ${rec.state}`);
  if (rec.state !== 'draft' && rec.state !== 'disclosure') throw new DomainError('wrong_state', `cannot open voting from ${rec.state}`);
  const now = deps.clock.now();
  if (Date.parse(rec.consultation.closesAt) <= now.getTime()) throw new DomainError('wrong_state', 'closesAt has passed: edit the dates before opening');
  const disclosure = await openingAllowed(deps, rec, options);
  // Decree 59/2023 Art. 4(5): a household-ballot round hands out paper slips by serial; an online round makes a voting
  // code per household; a meeting needs neither (attendance and the counting committee, meeting.ts).
  const method = rec.consultation.method;
  // An online round's codes (and a household ballot's serials) are drawn from a key kept sealed until the slips are
  // printed or voting closes, so that no code exists only in this answer and a continued opening writes the same
  // ones (code-slips.ts): the key is kept before anything is written.
  const { key: slipKey, job } = await openingKey(deps, id, rec.consultation.closesAt, method === 'online');
  const credentials: Array<{ household: string; code: string }> = [];
  let serials: string[] = [];
  const hamlets = new Map<string, string>();
  const committed = await deps.store.openVoting(
    id,
    (roll) => {
      // On the roll being frozen (the opening holds the lock): no upload can slip in after this check.
      frontageOnEveryHousehold(rec.consultation, roll);
      credentials.length = 0;
      hamlets.clear();
      for (const h of roll) hamlets.set(h.id, h.hamlet);
      if (method !== 'online') return [];
      return roll.map((h) => {
        const code = slipCode(slipKey, id, h.id, deps.sha256);
        credentials.push({ household: h.id, code });
        return { household: h.id, hash: codeHash(id, normalizeCode(code)!) };
      });
    },
    instant(now),
    (count) => ({
      at: instant(now),
      actor: actorOf(official),
      action: 'voting_opened',
      data: {
        households: count,
        credentialsIssued: method === 'online' ? count : 0,
        ...(method === 'household_ballot' ? { slipsIssued: count } : {}),
        ...disclosure,
      },
    }),
    method === 'household_ballot'
      ? (roll) => {
          serials = makeSerials({ ids: { ...deps.ids, random: keyedRandom(slipKey) } }, roll.length);
          return serials;
        }
      : undefined,
    { ...(job ? { job } : {}), ...(options.deadline !== undefined ? { deadline: options.deadline } : {}) },
  );
  if ('pending' in committed) return { state: 'opening', method, progress: committed.pending, consultation: rec.consultation };
  // A failed schedule is logged (the official can still close by hand, the sweeper closes an overdue round, and the
  // local timer re-arms at start).
  await afterCommit(deps, `scheduling the close of ${id}`, () => deps.scheduler.schedule(id, new Date(committed.closesAt)));
  await republish(deps, id, ['disclosure', 'index']);
  // An online round's households are told voting is open (never their code: that goes on a slip, by hand); best effort.
  if (method === 'online') await noticeAfterCommit(deps, id, rec.consultation.commune, 'voting_opened', votingOpenedText(rec.consultation), actorOf(official));
  credentials.sort((a, b) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0));
  // The hamlet of each household, from the roll as frozen, for the printed slips.
  return { state: 'voting', method, credentials, serials, hamlets, consultation: rec.consultation };
}

/**
 * What the law asks before opening (the conditions, the notice period, a reason to open earlier), or the refusal;
 * the disclosure facts an early opening records in its `voting_opened` event.
 */
async function openingAllowed(deps: CoreDeps, rec: ConsultationRecord, options: OpenOptions) {
  const id = rec.consultation.id;
  const check = await openingStatus(deps, id, rec.consultation.method, rec.consultation.matter);
  if (check.missingConditions.length > 0) {
    throw new DomainError(
      'conditions_missing',
      rec.consultation.method === 'household_ballot'
        ? 'record the conditions of a household ballot (Law 10/2022 Art. 19, Decree 59/2023 Art. 4: the plan, the ballot team) before the slips go out'
        : 'record the Decree 59/2023 Art. 5 conditions before opening an online vote',
      check.missingConditions.map((c) => ({ path: `conditions.${c}`, message: 'not recorded' })),
    );
  }
  if (check.early && options.override && !check.overridable) {
    throw new DomainError(
      'disclosure_too_short',
      `a draft community rule stays public ${check.days} days, until ${check.earliest ? `${vnTime(check.earliest)} (Vietnam time)` : 'its notice'}; this cannot be shortened`,
    );
  }
  if (check.early && !options.override) {
    throw new DomainError(
      'disclosure_too_short',
      check.earliest
        ? `the notice runs ${check.days} days, until ${vnTime(check.earliest)} (Vietnam time); give a reason to open earlier`
        : `the consultation was never notified (${check.days} days are the rule); give a reason to open without it`,
    );
  }
  // Opening early is one act with its reason: the reason is in the voting_opened event itself.
  const disclosure = check.early
    ? {
        disclosure: {
          days: check.days,
          disclosedAt: check.disclosedAt ?? null,
          earliest: check.earliest ?? null,
          overrideReason: options.override!.reason,
        },
      }
    : {};
  return disclosure;
}

/**
 * Records one condition before opening (shared/online-conditions.ts): those the method needs, before voting opens —
 * the Decree 59/2023 Art. 5 conditions of an online vote, the Art. 4 plan and ballot team of a household ballot.
 * The poll must show more than half of H; the plan must reach both chairs at most 2 days after it was issued. The
 * teams' names stay off the public log (no personal names are published): the event keeps the roles and a SHA-256 of
 * the member list, which the paper record can be checked against.
 */
export async function recordOnlineCondition(deps: CoreDeps, who: Principal | undefined, id: string, condition: OnlineCondition) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const needed = conditionsFor(rec.consultation.matter, rec.consultation.method);
  if (!needed.includes(condition.condition))
    throw new DomainError('wrong_state', `a ${rec.consultation.method} round of this matter does not record ${condition.condition}`);
  if (rec.state !== 'draft' && rec.state !== 'disclosure')
    throw new DomainError('wrong_state', `the conditions are recorded before voting opens; this consultation is ${rec.state}`);
  const problem = conditionProblem(condition, rec.rollCount);
  if (problem) throw new DomainError('invalid_request', problem.en, [{ path: condition.condition === 'ballot_plan' ? 'sent' : 'agreed', message: problem.vi }]);
  const data =
    condition.condition === 'team' || condition.condition === 'ballot_team'
      ? {
          condition: condition.condition,
          size: condition.members.length,
          roles: condition.members.map((m) => m.role),
          leaderRole: condition.members.find((m) => m.name === condition.leader)!.role,
          membersHash: toHex(sha256(jcsBytes(condition.members))),
          ...(condition.date ? { date: condition.date } : {}),
          ...(condition.reference ? { reference: condition.reference } : {}),
        }
      : { ...condition, ...(condition.condition === 'poll' ? { eligible: rec.rollCount } : {}) };
  const now = instant(deps.clock.now());
  const event = await deps.store.appendAudit(id, { at: now, actor: actorOf(official), action: 'online_condition_recorded', data });
  return { seq: event.seq, condition: condition.condition };
}

export async function reissueCode(deps: CoreDeps, who: Principal | undefined, id: string, household: string) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.consultation.method !== 'online')
    throw new DomainError('channel_not_allowed', `this round is held by ${rec.consultation.method}: it has no voting codes`);
  if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
  const code = newCode(deps.ids.random(10));
  const now = instant(deps.clock.now());
  await deps.store.reissueCredential(id, household, codeHash(id, normalizeCode(code)!), now, {
    at: now,
    actor: actorOf(official),
    action: 'credential_reissued',
    data: { household },
  });
  return { household, code };
}

/** The answers sorted (api.md: an approval answer may come in any order and is stored sorted) and checked, or `invalid_request`. */
export function checkedAnswers(rec: ConsultationRecord, answers: Answers): Answers {
  const normalized = normalizeAnswers(rec.consultation.questions, answers);
  const problems = answerProblems(rec.consultation.questions, normalized);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_request',
      'the answers do not fit the questions',
      problems.map((p) => ({ path: ['answers', ...p.path].join('.'), message: p.message })),
    );
  }
  return normalized;
}

function ballotFor(deps: CoreDeps, rec: ConsultationRecord, answers: Answers) {
  const normalized = checkedAnswers(rec, answers);
  const nonce = toHex(deps.ids.random(16));
  return { answers: normalized, nonce, receipt: receiptOf(rec.consultation.id, normalized, nonce) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consultations seen in `voting`, read once per container (without the turnout) so a busy vote does not read the
 * same item for every ballot. Safe because nothing of the document a cast checks (questions, method, dates) can
 * change once voting opens, and the cast transaction checks the shard's gate itself: a consultation closed since
 * still refuses the ballot (409). Only the `voting` state is cached, so opening is seen at once.
 */
const votingCache = new WeakMap<CoreDeps, Map<string, ConsultationRecord>>();

async function loadForCasting(deps: CoreDeps, id: string): Promise<ConsultationRecord> {
  let cache = votingCache.get(deps);
  if (!cache) {
    cache = new Map();
    votingCache.set(deps, cache);
  }
  const hit = cache.get(id);
  if (hit) return hit;
  const rec = await load(deps, id);
  if (rec.state === 'voting') {
    if (cache.size > 1000) cache.clear();
    cache.set(id, rec);
  }
  return rec;
}

/**
 * The limiter's key of a client's wrong codes: per consultation and client address. Many households share one
 * address behind a carrier's NAT, so a few typos there must not hold back a whole district for every vote at once.
 */
const attemptKey = (id: string, clientKey: string) => `code#${id}#${clientKey}`;

/**
 * A wrong code: counted against the client (atomically: of many sent at once, those past the limit are refused, not
 * just answered 401), slowed from the policy's `slowAfter`-th, then answered `too_many_attempts` (429) past
 * `refuseAt` instead of `invalid_code` (401). Only wrong codes ever reach the limiter: a right code is taken
 * whatever the count, so nobody (another page's posts, a neighbour behind the same carrier's address) can lock a
 * household out by typing wrong codes from its address; with 80-bit codes, slowing the guesses is all it needs.
 * @example if (!household) await refuseWrongCode(deps, `code#${id}#${clientKey}`)
 */
export async function refuseWrongCode(deps: CoreDeps, key: string): Promise<never> {
  const policy = deps.attempts ?? ATTEMPTS;
  const count = await deps.limiter.recordFailure(key, deps.clock.now());
  const before = count - 1;
  if (before >= policy.slowAfter) await sleep(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (before - policy.slowAfter)));
  throw new DomainError(count > policy.refuseAt ? 'too_many_attempts' : 'invalid_code');
}

/**
 * What a code is checked against: the round (open online) and the code's household. The code is checked before the
 * limiter: a right code is never refused for others' wrong ones (refuseWrongCode).
 */
async function codeCheck(deps: CoreDeps, id: string, code: string, clientKey: string) {
  const normalized = normalizeCode(code);
  const hash = normalized ? codeHash(id, normalized) : undefined;
  // The two reads are independent: one round trip.
  const [rec, household] = await Promise.all([loadForCasting(deps, id), hash ? deps.store.findCredential(id, hash) : Promise.resolve(undefined)]);
  if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
  // Decree 59/2023 Art. 3, 4: a meeting's secret ballots and a household ballot's slips are paper, entered by serial;
  // a voting code may not stand in for them.
  if (rec.consultation.method !== 'online')
    throw new DomainError('channel_not_allowed', `this round is held by ${rec.consultation.method}: it has no online vote`);
  if (!hash || !household) return refuseWrongCode(deps, attemptKey(id, clientKey));
  return { rec, household, hash };
}

/**
 * Whether a voting code opens a ballot of this round, without casting anything: the review step asks before it shows
 * the answers, so that a wrong code is refused while the form is still in the resident's hands. A wrong code counts
 * against the client in the same limiter as at the cast (`invalid_code`, then `too_many_attempts`); a right one is
 * always taken.
 */
export async function checkVotingCode(deps: CoreDeps, id: string, code: string, clientKey: string): Promise<void> {
  await codeCheck(deps, id, code, clientKey);
}

/**
 * A resident's online ballot. The code is checked before anything else about the ballot, and every wrong code
 * counts against the client: slowed, then refused with `too_many_attempts`. A right code is taken whatever the count.
 */
export async function castOnline(deps: CoreDeps, id: string, body: { code: string; answers: Answers; opinions?: OpinionsByQuestion }, clientKey: string) {
  const { rec, household, hash } = await codeCheck(deps, id, body.code, clientKey);
  const ballot = ballotFor(deps, rec, body.answers);
  const opinions = checkedOpinions(rec, ballot.answers, body.opinions);
  const now = deps.clock.now();
  notBeforeOpening(rec.consultation.opensAt, now);
  if (Date.parse(rec.consultation.closesAt) <= now.getTime()) throw new DomainError('not_open', 'voting has closed');
  const at = instant(now);
  const outcome = await deps.store.castBallot({ consultationId: id, household, credentialHash: hash, channel: 'online', ballot, now: at });
  // Apart from the ballot, after it counts: nothing of the cast goes with them.
  await keepOpinions(deps, id, opinions);
  // Signed once committed, at the commit's time; kept by the household only, never stored with it.
  const receiptSignature = await signedReceipt(deps, id, ballot.receipt, at);
  return { receipt: ballot.receipt, replaced: outcome.replaced, ...(receiptSignature ? { receiptSignature } : {}) };
}

/** The dues of a contribution by metre of frontage need every household's frontage, or no schedule could follow. */
function frontageOnEveryHousehold(c: Consultation, roll: readonly Household[]): void {
  if (c.matter !== 'contribution' || c.contribution?.basis !== 'per_frontage_metre') return;
  const missing = roll.filter((h) => h.frontageDecimetres === undefined).map((h) => h.id);
  if (missing.length === 0) return;
  throw new DomainError(
    'invalid_request',
    `a contribution by metre of frontage needs every household's frontage: upload the roll with the frontage_m column (${missing.length} without)`,
    missing.slice(0, 50).map((h) => ({ path: `roll.${h}.frontage_m`, message: 'no frontage' })),
  );
}

/**
 * Codes may be issued ahead (slips handed out before the vote): a ballot before the opening time is refused with
 * that time, so the caller can say when to come back. (The gates refuse it too; this says why.)
 */
function notBeforeOpening(opensAt: string, now: Date): void {
  if (Date.parse(opensAt) > now.getTime())
    throw new DomainError(
      'not_open',
      `ballots are accepted from ${vnTime(opensAt)} (Vietnam time)`,
      [{ path: 'opensAt', message: opensAt }],
      `Phiếu biểu quyết được nhận từ ${vnAt(opensAt)} (giờ Việt Nam).`,
    );
}

/**
 * A paper ballot of an online round entered for a household by the committee; it replaces any earlier ballot of the
 * household, and its `paper_ballot_entered` event then says so (`replaced: true`, `previousChannel`, added by the
 * store in the same transaction; the result page and the verifier count the online ballots so replaced).
 * Household-ballot and meeting slips are entered by serial, never by household (paper.ts).
 */
export async function enterPaperBallot(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  body: { household: string; answers: Answers; opinions?: OpinionsByQuestion },
) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.consultation.method !== 'online')
    throw new DomainError('invalid_request', 'the slips of this round are entered by their serial, never by household', [
      { path: 'serial', message: 'required' },
    ]);
  if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
  const ballot = ballotFor(deps, rec, body.answers);
  const opinions = checkedOpinions(rec, ballot.answers, body.opinions);
  const channel: Channel = 'paper';
  notBeforeOpening(rec.consultation.opensAt, deps.clock.now());
  const now = instant(deps.clock.now());
  const outcome = await deps.store.castBallot({
    consultationId: id,
    household: body.household,
    channel,
    ballot,
    now,
    audit: { at: now, actor: actorOf(official), action: 'paper_ballot_entered', data: { household: body.household, channel } },
  });
  await keepOpinions(deps, id, opinions);
  return { receipt: ballot.receipt, replaced: outcome.replaced };
}

/**
 * Undoes the committee's last entry for a household: the paper (or meeting) ballot `receipt` is withdrawn and the
 * ballot it replaced, if any, counts again. Only while that entry is still the household's ballot (else `busy`).
 */
export async function withdrawPaperBallot(deps: CoreDeps, who: Principal | undefined, id: string, household: string, receipt: string) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
  const channel: Channel = rec.consultation.method === 'meeting' ? 'meeting' : 'paper';
  const now = instant(deps.clock.now());
  const { restored } = await deps.store.withdrawPaperBallot(id, household, receipt, now, {
    at: now,
    actor: actorOf(official),
    action: 'paper_ballot_withdrawn',
    data: { household, channel },
  });
  return { withdrawn: true as const, restored };
}

/** Whether a household already has a counted ballot (and by which channel), for the warning before a paper entry. */
export async function householdStatus(deps: CoreDeps, who: Principal | undefined, id: string, household: string) {
  const { rec } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
  return { household, ...(await deps.store.householdVoted(id, household)) };
}

export async function receiptStatus(deps: CoreDeps, id: string, receipt: string) {
  await load(deps, id);
  const status = await deps.store.receiptStatus(id, receipt);
  if (!status) throw new DomainError('not_found', 'no ballot has this receipt');
  return { status };
}
