/**
 * The persistence port of the use cases. Each method is one atomic act: where it records an audit event, the
 * event is written in the same transaction as the act (bundle.md "The audit log").
 */
import type { Comment, Hidden } from '../../shared/discussion.ts';
import type { OpinionHidden, StoredOpinion } from '../../shared/opinions.ts';
import type { Consent, InitiativeMatter } from '../../shared/process/initiatives.ts';
import type {
  Actor,
  AuditEvent,
  Ballot,
  Channel,
  Consultation,
  Document,
  HandCount,
  Household,
  Opinion,
  Participant,
  State,
  Voting,
} from '../../shared/schemas.ts';

/**
 * Where comments are kept: the discussion during disclosure and voting, or the complaints about a published
 * result (shared/complaints.ts), each read without the other.
 */
export type Board = 'discussion' | 'complaints';

/**
 * A household's limits on one board, kept by counters written in the same transaction as the comment, so that
 * simultaneous posts cannot pass them: at most `total` comments in all, and at most `perWindow` in the fixed window
 * numbered `window` (the time divided by the window's length: a bucket, not a sliding window).
 */
export interface CommentQuota {
  total: number;
  perWindow: number;
  window: number;
}

/** An audit event before the store seals it into the chain (seq, prev and hash are the store's to set). */
export interface AuditDraft {
  at: string;
  actor: Actor;
  action: string;
  data: Record<string, unknown>;
}

export interface ChannelCounts {
  online: number;
  paper: number;
  meeting: number;
}

export interface ConsultationRecord {
  consultation: Consultation;
  state: State;
  createdAt: string;
  updatedAt: string;
  /** Households on the roll (frozen once voting opens). */
  rollCount: number;
  /** Households whose ballot counts now, by the channel of their last ballot (exact, kept in the cast transaction). */
  participants: ChannelCounts;
  auditCount: number;
  /** Paper slips by serial (household-ballot rounds and secret ballots at a meeting): issued at opening, entered so far. */
  slips?: { issued: number; entered: number };
  closedAt?: string;
  publishedAt?: string;
  resultUrl?: string;
}

/** A consultation as lists show it: what tells one round from another, without roll, questions or counts. */
export type ConsultationSummary = Pick<Consultation, 'id' | 'commune' | 'title' | 'titleEn' | 'matter' | 'method' | 'scope' | 'opensAt' | 'closesAt'> & {
  state: State;
  resultUrl?: string;
  /** When voting actually closed (a close by hand may come before `closesAt`). */
  closedAt?: string;
};

export interface ConsultationPageQuery {
  commune?: string;
  state?: State | readonly State[];
  cursor?: string;
  /** At most this many summaries (1 or more). */
  limit: number;
}

/** A page of summaries and, when more follow, the cursor of the next page. */
export interface ConsultationPage {
  items: ConsultationSummary[];
  cursor?: string;
}

export interface CastInput {
  consultationId: string;
  household: string;
  /** Online casts must present the household's current credential hash; paper entries by an official do not. */
  credentialHash?: string;
  channel: Channel;
  ballot: Ballot;
  now: string;
  /**
   * Audit event recorded with the ballot (paper and meeting entries); online ballots are never events. When the entry
   * replaces a ballot, the store adds `replaced: true` and `previousChannel` to its data (shared/paper-replacements.ts
   * `withReplacement`), from the slot as written in the same transaction.
   */
  audit?: AuditDraft;
}

export interface CastOutcome {
  replaced: boolean;
  /** The channel of the ballot this one replaced, if any. */
  previousChannel?: Channel;
}

/** What the recount at close reads: every counted ballot, who voted and by which channel, and the roll. */
export interface TallyInput {
  rollIds: string[];
  participants: Participant[];
  /** Every counted ballot; a slip entered from paper carries its `serial`. */
  ballots: Ballot[];
  /** A meeting: the households present, how it voted and, by show of hands, the counts as last entered. */
  present?: number;
  voting?: Voting;
  handCount?: HandCount;
  /** The "other opinion" texts after moderation, with no link to a ballot (published as opinions.json). */
  opinions?: Opinion[];
}

/** One paper slip entered by its serial (never by household): a household-ballot slip or a secret ballot at a meeting. */
export interface SlipInput {
  consultationId: string;
  /** The ballot, with its `serial` and the receipt computed with it. */
  ballot: Ballot & { serial: string };
  now: string;
  audit: AuditDraft;
  /**
   * A meeting: at most this many slips in all (the households present), else `too_many_slips`; its serials are not
   * issued ahead. Without it the serial must be one issued at opening (`invalid_request` otherwise).
   */
  atMost?: number;
}

/**
 * An opening that may take more than one call (a roll of tens of thousands of households on a 29 s function): the
 * credentials and serials `makeCredentials` and `makeSerials` return must be the same on every call of one `job`
 * (they are drawn from a kept key, core/code-slips.ts). With a `deadline` (epoch ms) the store may stop once it has
 * passed, keeping its progress under `job`, and answer `pending`; a later call with the same job goes on from there,
 * one with another job starts again from nothing. Voting opens (one `voting_opened` event) only when all is written.
 */
export interface OpenJob {
  job?: string;
  deadline?: number;
}

export type OpenOutcome = { opensAt: string; closesAt: string } | { pending: { written: number; total: number } };

/** The signature of a round's result as published: the SHA-256 of `result.json` (hex) and the compact JWS. */
export interface KeptSignature {
  manifestHash: string;
  jws: string;
}

/**
 * What people read of a commune: its display name ("Xã An Bình") and where it is. The commune's id stays its key
 * everywhere, and in every published file (bundle.md: `consultation.json`'s `commune`).
 */
export interface CommuneProfile {
  name: string;
  province?: string;
  district?: string;
}

/** A person named in a process (a candidate, a member of the election team): names are public here, never households'. */
export interface ProcessPerson {
  id: string;
  name: string;
}

/**
 * A process of the law with its own procedure (functions/core/processes.ts): a village-head election in a hamlet, with
 * its meeting date, the steps recorded with their dates, the election team, the candidates, the count and the
 * recognition. Its acts are the events of its own audit chain (`getProcessAudit`).
 */
export interface ProcessRecord {
  id: string;
  commune: string;
  hamlet: string;
  kind: ProcessKind;
  /** The community meeting's date (Vietnam calendar date). */
  meeting: string;
  createdAt: string;
  /** Each step recorded: its id, the day it was done, when it was recorded, and the document's reference. */
  steps: { step: string; on: string; at: string; reference?: string }[];
  team?: (ProcessPerson & { role: 'front_representative' | 'organisation_representative' | 'household_representative'; leads: boolean })[];
  candidates: (ProcessPerson & { source: 'front_list' | 'nominated' | 'self_nominated' })[];
  /** The count at the meeting; H taken from the hamlet's roll or entered by the official. */
  count?: { households: number; householdsFrom: 'roll' | 'entered'; present: number; seats: number; votes: Record<string, number> };
  recognition?: { outcome: 'recognised' | 'new_election' | 'refused'; on: string; decision?: string };
  // Community rules (D61): the fields of a `community_rule` process.
  rule?: import('./rule-record.ts').RuleFields;
  // Dismissal (D59 Art. 9) and board elections (Law Art. 15(5)): the fields of `dismissal` and `board_election`.
  /** Why the dismissal is on the agenda, whether the head also leads the Front's committee (then the commune chair convenes). */
  dismissal?: { ground: 'own_request' | 'front_proposal'; headLeadsFront: boolean; petition?: { households: number; signed: number } };
  /** The vote at the dismissal meeting: H entered, the households present, those in favour (more than 50 % of H dismisses). */
  dismissalVote?: { households: number; present: number; yes: number };
  /** The acting head UBND xã appointed with UBMTTQ xã, as its decision names them; the new election UBND xã decided. */
  actingHead?: { name: string; on: string; decision?: string };
  /** Which board a `board_election` fills, and how many seats. */
  board?: { board: 'inspection' | 'investment_supervision'; seats: number };
}

/** The kinds of process the law gives their own procedure. */
export type ProcessKind = 'village_head_election' | 'dismissal' | 'board_election' | 'community_rule';

/**
 * A citizens' initiative (Law 10/2022 Art. 16(3); functions/core/initiatives.ts): a matter a resident proposes for a
 * hamlet, whose households (the roll of `rollFrom`, a round of that hamlet, whose household codes prove them) consent
 * by roll id. Its acts are the events of its own audit chain (`getInitiativeAudit`); its consents are kept apart
 * (`addConsent`), one per household.
 */
export interface InitiativeRecord {
  id: string;
  commune: string;
  hamlet: string;
  /** The round whose roll is H and whose household codes (voting or discussion codes) sign a consent. */
  rollFrom: string;
  matter: InitiativeMatter;
  title: string;
  text: string;
  /** A household with its code (online), or a proposal on paper recorded by an official with the proposer's name. */
  proposer: { kind: 'household'; rollId: string } | { kind: 'paper'; name: string };
  /** Vietnam calendar date of the proposal. */
  proposedOn: string;
  createdAt: string;
  /** Whether households may consent online (the matter may be decided online, Decree 59/2023 Art. 5). */
  online: boolean;
  /** The paper lists filed by the proposer, as an official recorded them. */
  lists: { id: string; filedBy: string; filedOn: string; households: number }[];
  /** The Front working committee's decision on an initiative under 10 %. */
  front?: { approved: boolean; on: string; reason?: string };
  /** Put on the agenda: the day counted, the count then, and the draft round opened for it. */
  agenda?: { on: string; counted: number; households: number; path: 'agenda' | 'front_approved'; consultationId: string };
}

/** An initiative as stored, with the sequence number of its chain's head. */
export interface StoredInitiative {
  record: InitiativeRecord;
  auditSeq: number;
}

/** A process as stored, with the sequence number of its chain's head (what the next write is conditional on). */
export interface StoredProcess {
  record: ProcessRecord;
  auditSeq: number;
}

/**
 * A staff session kept on the server (functions/core/sessions.ts). The browser's cookie holds a random id; the store
 * keys the session by that id's SHA-256 (never the id), so a copy of the table opens no session.
 */
export interface StaffSession {
  sub: string;
  role: 'official' | 'monitor' | 'commune';
  commune: string;
  /** The id token it was started with, encrypted under a key derived from the session id (only the cookie opens it). */
  sealedToken: string;
  createdAt: string;
  /** When it ends: the token's expiry or 8 hours after sign-in, whichever comes first. */
  endsAt: string;
}

export interface Store {
  createConsultation(consultation: Consultation, now: string, audit: AuditDraft): Promise<void>;
  /** The consultation; with `counts: false` the live turnout is not read (and reported as zeros). */
  getConsultation(id: string, options?: { counts?: boolean }): Promise<ConsultationRecord | undefined>;
  /** Every consultation, newest first: for the few callers that need them all (site index, seed, timers at start). */
  listConsultations(): Promise<ConsultationRecord[]>;
  /**
   * One page of consultations as summaries, newest id first, of one commune or all, in `state` (one or any of a
   * list) if given; `cursor` is the page's `cursor` before it (opaque; one the store did not give is `invalid_request`).
   */
  listConsultationPage(query: ConsultationPageQuery): Promise<ConsultationPage>;
  /**
   * Replaces a draft's content (state must be `draft`). Its attached documents stay as they are: they change only
   * through `changeDocuments`, whatever `consultation.documents` says.
   */
  updateDraft(consultation: Consultation, now: string, audit: AuditDraft): Promise<void>;
  /**
   * Changes the documents attached to a consultation in `draft` or `disclosure` (`wrong_state` otherwise, `busy`
   * while a roll upload or an opening holds the consultation), in one audited transaction. `change` gets the list as
   * it is and returns the new list with the act's event, or throws a DomainError; it may run more than once.
   */
  changeDocuments(id: string, now: string, change: (documents: readonly Document[]) => { documents: Document[]; audit: AuditDraft }): Promise<Document[]>;
  /** Moves from one of `from` to `to`, or throws `wrong_state`. */
  transition(id: string, from: readonly State[], to: State, now: string, audit: AuditDraft): Promise<void>;
  /** Replaces the roll while the consultation is in `draft` or `disclosure`. */
  replaceRoll(id: string, households: Household[], now: string, audit: AuditDraft): Promise<void>;
  getRoll(id: string): Promise<Household[]>;
  /** Whether a household is on the consultation's current roll (the one in force now, frozen once voting opens). */
  onRoll(id: string, household: string): Promise<boolean>;
  /**
   * Freezes the roll and opens voting: stores one credential hash per household and moves to `voting`.
   * `makeCredentials` is called with the frozen roll; codes leave the use case, only hashes reach the store.
   * With `makeSerials` (a household-ballot round) the store also keeps the slips' serials, linked to no household.
   */
  openVoting(
    id: string,
    makeCredentials: (roll: Household[]) => Array<{ household: string; hash: string }>,
    now: string,
    audit: (rollCount: number) => AuditDraft,
    makeSerials?: (roll: Household[]) => string[],
    options?: OpenJob,
  ): Promise<OpenOutcome>;
  /** The serials issued at opening, in byte order (none for a round without slips). */
  listSerials(id: string): Promise<string[]>;
  /**
   * Ticks off a household whose slip came back (channel `paper`), in one audited transaction while voting:
   * `not_found` (not on the frozen roll), `already_returned`, `not_open`.
   */
  tickReturn(id: string, household: string, now: string, audit: AuditDraft): Promise<void>;
  /**
   * Enters one slip in one audited transaction while voting: the serial is taken once (`duplicate_serial` for a second
   * entry, however simultaneous), the ballot counted. Never linked to a household.
   */
  enterSlip(input: SlipInput): Promise<void>;
  /** The household a credential hash belongs to, if the credential is current. */
  findCredential(id: string, hash: string): Promise<string | undefined>;
  /** Replaces a household's credential; the old one stops working at once. */
  reissueCredential(id: string, household: string, hash: string, now: string, audit: AuditDraft): Promise<void>;
  /** One transaction: checks voting is open, replaces the household's earlier ballot, counts the new one. */
  castBallot(input: CastInput): Promise<CastOutcome>;
  /** A withdrawn paper entry (never counted any more) is reported as `replaced`, the public API's word for "not counted". */
  receiptStatus(id: string, receipt: string): Promise<'counted' | 'replaced' | undefined>;
  /**
   * The full receipts of ballots (counted, replaced or withdrawn) that start with `prefix` (lowercase hex, at least 2
   * characters: they name the receipt's shard), at most 2 of them: enough to tell none, one and ambiguous apart.
   */
  findReceipts(id: string, prefix: string): Promise<string[]>;
  /** Whether a household on the frozen roll has a counted ballot now, and its channel; `not_found` if not on the roll. */
  householdVoted(id: string, household: string): Promise<{ voted: boolean; channel?: Channel }>;
  /**
   * Undoes a paper (or meeting) entry, in one audited transaction while voting is open: only while `receipt` is still
   * the household's counted ballot. The entry is withdrawn and the ballot it replaced (if any) counts again.
   * Throws `not_found` (not on the roll), `not_open`, or `busy` when the household's ballot has moved on.
   */
  withdrawPaperBallot(id: string, household: string, receipt: string, now: string, audit: AuditDraft): Promise<{ restored: boolean }>;
  /**
   * Moves `voting` to `closed` (stopping every cast atomically) and returns closedAt; a no-op if already closed. A round
   * with issued slips closes only when the slips entered equal the households ticked off (`slips_unreconciled`).
   */
  close(id: string, now: string, audit: AuditDraft): Promise<{ closedAt: string; alreadyClosed: boolean }>;
  /** Fixes the publication time once, so that a re-run of the publisher produces the same manifest. */
  fixPublishedAt(id: string, now: string): Promise<string>;
  /** The recount's input, read with strongly consistent reads after close. */
  readForTally(id: string): Promise<TallyInput>;
  getAudit(id: string): Promise<AuditEvent[]>;
  /**
   * Records an audit event on its own (an accepted attestation, say). With `after`, only if the log's last event is
   * still seq `after` (`busy` otherwise): an act checked against the log as read cannot interleave with another.
   */
  appendAudit(id: string, audit: AuditDraft, options?: { after?: number }): Promise<AuditEvent>;
  /**
   * Records a monitor's accepted countersignature once: the event and a mark keyed by the round and the monitor
   * account (`sub`), in one step. A second one by the same account for the same round writes nothing and is refused
   * with `already_signed`.
   */
  appendAttestation(id: string, sub: string, audit: AuditDraft): Promise<AuditEvent>;
  markPublished(id: string, resultUrl: string, audit: AuditDraft): Promise<void>;
  /**
   * One closer at a time: takes the round's publishing lease for `owner` until `until` (RFC 3339), if nobody holds it
   * or the holder's ran out (a crashed closer); false if another closer holds it now.
   */
  takePublishLease(id: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Gives the lease back (a no-op if another closer took it over after it ran out). */
  releasePublishLease(id: string, owner: string): Promise<void>;
  /**
   * Keeps the result's signature once, before `result.jws` is published: the first call keeps it and returns it; any
   * later call (a re-run, a second closer) returns the one kept, so the round is never signed twice.
   */
  keepSignature(id: string, signature: KeptSignature): Promise<KeptSignature>;
  /** The signature kept for a round, if its publication got that far. */
  getSignature(id: string): Promise<KeptSignature | undefined>;
  /**
   * Keeps the sealed (encrypted) key the code slips are drawn from until `until`, replacing any earlier one; never the
   * codes. `getSlipKey` answers undefined once it is dropped or past `until`.
   */
  keepSlipKey(id: string, sealed: string, until: string): Promise<void>;
  getSlipKey(id: string, now: string): Promise<string | undefined>;
  dropSlipKey(id: string): Promise<void>;
  /**
   * Stores a new comment. A resident's comment is not an audit event (residents never
   * appear in the log by household); an official's answer is, written in the same transaction. With `quota`, the
   * comment's household (`rollId`) is charged in the same write: `too_many_comments`, nothing stored, when it would
   * pass one of the limits (`CommentQuota`).
   */
  addComment(comment: Comment, audit?: AuditDraft, board?: Board, quota?: CommentQuota): Promise<void>;
  /** Every comment of a consultation's board (the discussion by default), hidden ones included, oldest first. */
  listComments(id: string, board?: Board): Promise<Comment[]>;
  /**
   * Stores the hashes of the households' discussion codes (never the codes) and records the issue in one audited
   * act; a household is then found by `findCredential` with the discussion code's hash.
   */
  issueDiscussionCodes(id: string, codes: ReadonlyArray<{ household: string; hash: string }>, audit: AuditDraft): Promise<void>;
  /**
   * Hides a comment of a board (the discussion by default) in one audited transaction, never deleting it;
   * `not_found`, or `wrong_state` if already hidden.
   */
  hideComment(id: string, commentId: string, hidden: Hidden, audit: AuditDraft, board?: Board): Promise<void>;
  /**
   * Keeps an "other opinion" apart from every ballot: no household, no receipt, only its day, under its random id.
   * Refused with `not_open` unless the gate of the id's shard lets a ballot in at `now` (so none arrives after the
   * recount's read); `busy` if the id is taken. Never replaced by a later ballot of the same household.
   */
  addOpinion(id: string, opinion: Omit<StoredOpinion, 'hidden'>, now: string): Promise<void>;
  /** Every opinion of a consultation, hidden ones included, by id (a random order). */
  listOpinions(id: string): Promise<StoredOpinion[]>;
  /**
   * Hides an opinion while voting, in one audited transaction, never editing it: `not_found`, `wrong_state` if
   * already hidden or the round is not voting.
   */
  hideOpinion(id: string, opinionId: string, hidden: OpinionHidden, audit: AuditDraft): Promise<void>;
  /** The commune's profile, if one was set. */
  getCommuneProfile(commune: string): Promise<CommuneProfile | undefined>;
  /**
   * Replaces the commune's profile and records the act in the commune's own audit log (a hash chain of its own,
   * apart from every round's), in one transaction; returns the sealed event.
   */
  putCommuneProfile(commune: string, profile: CommuneProfile, audit: AuditDraft): Promise<AuditEvent>;
  /** Every event of the commune's own log, in order (none before its profile is first set). */
  getCommuneAudit(commune: string): Promise<AuditEvent[]>;
  /** A process and the head of its chain, if it exists. */
  getProcess(id: string): Promise<StoredProcess | undefined>;
  /**
   * Writes a process and its act, the next event of the process's own chain, in one transaction conditional on the
   * chain's head still being `prevSeq` (0: the process is new): `busy` when another act came first.
   */
  putProcess(record: ProcessRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent>;
  /** The commune's processes, newest id first. */
  listProcesses(commune: string): Promise<ProcessRecord[]>;
  /** Every event of a process's own chain, in order. */
  getProcessAudit(id: string): Promise<AuditEvent[]>;
  /** An initiative and the head of its chain, if it exists. */
  getInitiative(id: string): Promise<StoredInitiative | undefined>;
  /**
   * Writes an initiative and its act, the next event of its own chain, in one transaction conditional on the chain's
   * head still being `prevSeq` (0: new): `busy` when another act came first.
   */
  putInitiative(record: InitiativeRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent>;
  /** The commune's initiatives, newest id first. */
  listInitiatives(commune: string): Promise<InitiativeRecord[]>;
  /** Every event of an initiative's own chain, in order. */
  getInitiativeAudit(id: string): Promise<AuditEvent[]>;
  /**
   * Keeps a household's consent, one per roll id: written only if the household has none, or its last one stopped
   * counting before `today` (its `until`), so simultaneous consents of one household never count twice. False, and
   * nothing written, when a consent that still counts is there.
   */
  addConsent(id: string, consent: Consent, until: string, today: string): Promise<boolean>;
  /** Each household's kept consent, by roll id. */
  listConsents(id: string): Promise<Consent[]>;
  /** Keeps a staff session under the hash of its id (a hash already taken is refused with `busy`). */
  putSession(hash: string, session: StaffSession): Promise<void>;
  /** The session of that hash, unless ended or expired at `now` (an expired one is as if signed out). */
  getSession(hash: string, now: string): Promise<StaffSession | undefined>;
  /** Ends a session: its id opens nothing afterwards. Ending an unknown session is not an error. */
  deleteSession(hash: string): Promise<void>;
}

/** Counts failed attempts per client key in a sliding window, for slowing and refusing code guessing. */
export interface AttemptLimiter {
  /** Failures recorded for `key` in the current window. */
  failures(key: string, now: Date): Promise<number>;
  recordFailure(key: string, now: Date): Promise<number>;
}
