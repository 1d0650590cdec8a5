/**
 * The Store port in memory, for unit tests, with the DynamoDB store's semantics: the same states and refusals, the
 * audit chain extended by each audited act, the roll frozen at opening, ballots replaced per household and counted
 * by channel. Every act runs to its end without awaiting, so it is as atomic as the DynamoDB store's transactions.
 * Values are copied in and out: a caller can never change what is stored. The store contract
 * (test/functions/adapters/store-contract.ts) runs on this store and on DynamoDB Local.
 */
import { sealEvent } from '../../shared/audit.ts';
import type { Comment, Hidden } from '../../shared/discussion.ts';
import type { OpinionHidden, StoredOpinion } from '../../shared/opinions.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AuditEvent, Channel, Consultation, Document, Household, State } from '../../shared/schemas.ts';
import type {
  AuditDraft,
  Board,
  CommentQuota,
  CastInput,
  CastOutcome,
  CommuneProfile,
  ProcessRecord,
  StoredProcess,
  ConsultationPage,
  ConsultationPageQuery,
  ConsultationRecord,
  KeptSignature,
  OpenJob,
  OpenOutcome,
  SlipInput,
  StaffSession,
  Store,
  TallyInput,
} from '../../functions/core/store.ts';
import type { ContactStore } from '../../functions/core/contacts.ts';
import type { HouseholdContact } from '../../shared/contacts.ts';
import { cast, withdraw } from './memory-store/ballots.ts';
import { MemoryCommunes } from './memory-store/communes.ts';
import { MemoryProcesses } from './memory-store/processes.ts';
import { MemoryInitiatives } from './memory-store/initiatives.ts';
import { MemoryOpinions } from './memory-store/opinions.ts';
import { consultationPage } from './memory-store/pages.ts';
import { MemoryPublication } from './memory-store/publication.ts';
import { enterSlip, issueSerials, listSerials, reconciled, tallyOf, tickReturn } from './memory-store/slips.ts';
import { appendEvent, byKey, copy, type Entry, required, type StoredComment, turnout, withDocuments } from './memory-store/state.ts';

export { MemoryAttemptLimiter } from './memory-store/limiter.ts';

const NO_TURNOUT = { online: 0, paper: 0, meeting: 0 };

export class MemoryStore implements Store, ContactStore {
  /** The contact book, by commune then roll id (private, never published). */
  private readonly contactBook = new Map<string, Map<string, HouseholdContact>>();
  private readonly consultations = new Map<string, Entry>();
  /** Voting and discussion codes by hash, kept apart from their consultation as the table keeps them. */
  private readonly credentials = new Map<string, string>();
  private readonly boards = new Map<string, Map<string, StoredComment>>();
  /** A household's comment counters on a board, in all and per window (`CommentQuota`). */
  private readonly commentCounters = new Map<string, number>();
  /** Other opinions, apart from the ballots as the table keeps them. */
  private readonly opinions = new MemoryOpinions();
  private readonly publication = new MemoryPublication();
  private readonly communes = new MemoryCommunes();
  private readonly processes = new MemoryProcesses();
  private readonly initiatives = new MemoryInitiatives();
  readonly getInitiative: Store['getInitiative'] = (id) => this.initiatives.get(id);
  readonly putInitiative: Store['putInitiative'] = (record, audit, prevSeq) => this.initiatives.put(record, audit, prevSeq);
  readonly listInitiatives: Store['listInitiatives'] = (commune) => this.initiatives.list(commune);
  readonly getInitiativeAudit: Store['getInitiativeAudit'] = (id) => this.initiatives.events(id);
  readonly addConsent: Store['addConsent'] = (id, consent, until, today) => this.initiatives.addConsent(id, consent, until, today);
  readonly listConsents: Store['listConsents'] = (id) => this.initiatives.consents(id);
  /** Staff sessions by the hash of their id. */
  private readonly sessions = new Map<string, StaffSession>();
  /** The monitor accounts that countersigned each round, by `<id> <sub>`. */
  private readonly attestations = new Set<string>();

  // ---- the contact book ------------------------------------------------------------------------------------

  async list(commune: string): Promise<HouseholdContact[]> {
    return [...(this.contactBook.get(commune)?.values() ?? [])].map((c) => copy(c));
  }

  async putContacts(commune: string, contacts: readonly HouseholdContact[]): Promise<void> {
    const book = this.contactBook.get(commune) ?? new Map<string, HouseholdContact>();
    for (const c of contacts) book.set(c.rollId, copy(c));
    this.contactBook.set(commune, book);
  }

  async setOptedOut(commune: string, rollId: string, optedOut: boolean): Promise<boolean> {
    const c = this.contactBook.get(commune)?.get(rollId);
    if (!c) return false;
    c.optedOut = optedOut;
    return true;
  }

  // ---- consultations ---------------------------------------------------------------------------------------

  async createConsultation(c: Consultation, now: string, audit: AuditDraft): Promise<void> {
    if (this.consultations.has(c.id)) throw new DomainError('busy', 'a consultation with this id exists');
    this.consultations.set(c.id, {
      doc: copy(c),
      st: 'draft',
      createdAt: now,
      updatedAt: now,
      rollCount: 0,
      roll: [],
      audit: [sealEvent(undefined, copy(audit))],
      slots: new Map(),
      ballots: new Map(),
    });
  }

  async getConsultation(id: string, options: { counts?: boolean } = {}): Promise<ConsultationRecord | undefined> {
    const entry = this.consultations.get(id);
    return entry ? toRecord(entry, options.counts !== false) : undefined;
  }

  async listConsultations(): Promise<ConsultationRecord[]> {
    return [...this.consultations.entries()].sort(([a], [b]) => byKey(b, a)).map(([, entry]) => toRecord(entry, false));
  }

  async listConsultationPage(query: ConsultationPageQuery): Promise<ConsultationPage> {
    return consultationPage(this.consultations, query);
  }

  async updateDraft(c: Consultation, _now: string, audit: AuditDraft): Promise<void> {
    const entry = this.entry(c.id);
    if (entry.st !== 'draft') throw new DomainError('wrong_state', `consultation is ${entry.st}, not draft`);
    entry.doc = withDocuments(copy(c), entry.doc.documents ?? []);
    appendEvent(entry, audit);
  }

  async changeDocuments(
    id: string,
    _now: string,
    change: (documents: readonly Document[]) => { documents: Document[]; audit: AuditDraft },
  ): Promise<Document[]> {
    const entry = this.entry(id);
    if (entry.st !== 'draft' && entry.st !== 'disclosure')
      throw new DomainError('wrong_state', `documents change only before voting opens; this consultation is ${entry.st}`);
    const next = change(copy(entry.doc.documents ?? []));
    entry.doc = withDocuments(entry.doc, next.documents);
    appendEvent(entry, next.audit);
    return copy(next.documents);
  }

  async transition(id: string, from: readonly State[], to: State, _now: string, audit: AuditDraft): Promise<void> {
    const entry = this.entry(id);
    if (!from.includes(entry.st)) throw new DomainError('wrong_state', `consultation is ${entry.st}`);
    entry.st = to;
    appendEvent(entry, audit);
  }

  // ---- roll ------------------------------------------------------------------------------------------------

  async replaceRoll(id: string, households: Household[], _now: string, audit: AuditDraft): Promise<void> {
    const entry = this.beforeVoting(id);
    const byId = new Map(copy(households).map((h) => [h.id, h]));
    entry.roll = [...byId.values()].sort((a, b) => byKey(a.id, b.id));
    entry.rollCount = households.length;
    appendEvent(entry, audit);
  }

  async getRoll(id: string): Promise<Household[]> {
    return copy(this.entry(id).roll);
  }

  async onRoll(id: string, household: string): Promise<boolean> {
    return this.entry(id).roll.some((h) => h.id === household);
  }

  // ---- voting ----------------------------------------------------------------------------------------------

  async openVoting(
    id: string,
    makeCredentials: (roll: Household[]) => Array<{ household: string; hash: string }>,
    _now: string,
    audit: (rollCount: number) => AuditDraft,
    makeSerials?: (roll: Household[]) => string[],
    // Everything is written at once in memory: an opening here never needs a second call.
    _options?: OpenJob,
  ): Promise<OpenOutcome> {
    const entry = this.beforeVoting(id);
    if (entry.roll.length === 0) throw new DomainError('wrong_state', 'the roll is empty: upload the households first');
    const creds = copy(makeCredentials(copy(entry.roll)));
    const serials = makeSerials ? copy(makeSerials(copy(entry.roll))) : undefined;
    const draft = audit(entry.roll.length);
    // Only this opening's households (and codes) can ever vote.
    for (const slot of entry.slots.values()) if (slot.credHash !== undefined) this.credentials.delete(credentialKey(id, slot.credHash));
    entry.slots = new Map();
    // Every household on the frozen roll has a slot (to vote, or to be ticked off); a code only where one was made.
    for (const h of entry.roll) entry.slots.set(h.id, {});
    for (const k of creds) {
      this.credentials.set(credentialKey(id, k.hash), k.household);
      entry.slots.set(k.household, { credHash: k.hash });
    }
    if (serials) issueSerials(entry, serials);
    const { opensAt, closesAt } = entry.doc;
    entry.gate = { open: true, opensAt, closesAt };
    entry.st = 'voting';
    entry.rollCount = entry.roll.length;
    appendEvent(entry, draft);
    return { opensAt, closesAt };
  }

  async issueDiscussionCodes(id: string, codes: ReadonlyArray<{ household: string; hash: string }>, audit: AuditDraft): Promise<void> {
    // As on DynamoDB, the hashes are written before the act is checked, and stay if it is refused.
    for (const k of codes) this.credentials.set(credentialKey(id, k.hash), k.household);
    const entry = this.entry(id);
    // The DynamoDB store's condition on the state fails as contention would: it retries, then gives up as busy.
    if (entry.st !== 'disclosure') throw new DomainError('busy', 'the consultation is busy; try again');
    appendEvent(entry, audit);
  }

  async findCredential(id: string, hash: string): Promise<string | undefined> {
    return this.credentials.get(credentialKey(id, hash));
  }

  async reissueCredential(id: string, household: string, hash: string, _now: string, audit: AuditDraft): Promise<void> {
    const entry = this.consultations.get(id);
    const slot = entry?.slots.get(household);
    if (!entry || !slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
    if (entry.st !== 'voting') throw new DomainError('not_open', `consultation is ${entry.st}`);
    if (slot.credHash !== undefined) this.credentials.delete(credentialKey(id, slot.credHash));
    this.credentials.set(credentialKey(id, hash), household);
    slot.credHash = hash;
    appendEvent(entry, audit);
  }

  async castBallot(input: CastInput): Promise<CastOutcome> {
    return cast(this.consultations.get(input.consultationId), copy(input));
  }

  async listSerials(id: string): Promise<string[]> {
    return listSerials(this.entry(id));
  }

  async tickReturn(id: string, household: string, _now: string, audit: AuditDraft): Promise<void> {
    tickReturn(this.consultations.get(id), household, copy(audit));
  }

  async enterSlip(input: SlipInput): Promise<void> {
    enterSlip(this.consultations.get(input.consultationId), copy(input));
  }

  async receiptStatus(id: string, receipt: string): Promise<'counted' | 'replaced' | undefined> {
    const status = this.consultations.get(id)?.ballots.get(receipt)?.status;
    return status === 'withdrawn' ? 'replaced' : status;
  }

  async findReceipts(id: string, prefix: string): Promise<string[]> {
    if (!/^[0-9a-f]{2,64}$/.test(prefix)) throw new DomainError('invalid_request', 'a receipt prefix is 2 to 64 lowercase hex characters');
    const receipts = [...(this.consultations.get(id)?.ballots.keys() ?? [])].filter((r) => r.startsWith(prefix));
    // As a Query of the table: in receipt order, two at most.
    return receipts.sort().slice(0, 2);
  }

  async householdVoted(id: string, household: string): Promise<{ voted: boolean; channel?: Channel }> {
    const slot = this.consultations.get(id)?.slots.get(household);
    if (!slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
    return slot.receipt ? { voted: true, ...(slot.channel ? { channel: slot.channel } : {}) } : { voted: false };
  }

  async withdrawPaperBallot(id: string, household: string, receipt: string, now: string, audit: AuditDraft): Promise<{ restored: boolean }> {
    return withdraw(this.consultations.get(id), household, receipt, now, audit);
  }

  async close(id: string, now: string, audit: AuditDraft): Promise<{ closedAt: string; alreadyClosed: boolean }> {
    const entry = this.entry(id);
    if (entry.st === 'closed' || entry.st === 'published') return { closedAt: entry.closedAt ?? now, alreadyClosed: true };
    if (entry.st !== 'voting') throw new DomainError('wrong_state', `consultation is ${entry.st}, not voting`);
    reconciled(entry);
    entry.st = 'closed';
    entry.closedAt = now;
    if (entry.gate) entry.gate.open = false;
    appendEvent(entry, audit);
    return { closedAt: now, alreadyClosed: false };
  }

  async fixPublishedAt(id: string, now: string): Promise<string> {
    const entry = this.entry(id);
    entry.publishedAt ??= now;
    return entry.publishedAt;
  }

  async readForTally(id: string): Promise<TallyInput> {
    return { ...tallyOf(this.entry(id)), ...this.opinions.visible(id) };
  }

  // ---- audit log -------------------------------------------------------------------------------------------

  async getAudit(id: string): Promise<AuditEvent[]> {
    return copy(this.consultations.get(id)?.audit ?? []);
  }

  async appendAudit(id: string, audit: AuditDraft, options: { after?: number } = {}): Promise<AuditEvent> {
    const entry = this.entry(id);
    if (options.after !== undefined && entry.audit.length !== options.after) throw new DomainError('busy', 'the audit log moved on; read it again');
    return copy(appendEvent(entry, audit));
  }

  async appendAttestation(id: string, sub: string, audit: AuditDraft): Promise<AuditEvent> {
    const entry = this.entry(id);
    const key = `${id} ${sub}`;
    if (this.attestations.has(key)) throw new DomainError('already_signed', 'this monitor account has countersigned this round already');
    this.attestations.add(key);
    return copy(appendEvent(entry, audit));
  }

  async markPublished(id: string, resultUrl: string, audit: AuditDraft): Promise<void> {
    const entry = this.entry(id);
    if (entry.st === 'published') return;
    if (entry.st !== 'closed') throw new DomainError('wrong_state', `consultation is ${entry.st}, not closed`);
    entry.st = 'published';
    entry.resultUrl = resultUrl;
    appendEvent(entry, audit);
  }

  async takePublishLease(id: string, owner: string, now: string, until: string): Promise<boolean> {
    return this.publication.takeLease(id, owner, now, until);
  }

  async releasePublishLease(id: string, owner: string): Promise<void> {
    this.publication.releaseLease(id, owner);
  }

  async keepSignature(id: string, signature: KeptSignature): Promise<KeptSignature> {
    return this.publication.keepSignature(id, signature);
  }

  async getSignature(id: string): Promise<KeptSignature | undefined> {
    return this.publication.signature(id);
  }

  async keepSlipKey(id: string, sealed: string, until: string): Promise<void> {
    this.publication.keepSlipKey(id, sealed, until);
  }

  async getSlipKey(id: string, now: string): Promise<string | undefined> {
    return this.publication.slipKey(id, now);
  }

  async dropSlipKey(id: string): Promise<void> {
    this.publication.dropSlipKey(id);
  }

  // ---- discussion ------------------------------------------------------------------------------------------

  async addComment(comment: Comment, audit?: AuditDraft, board: Board = 'discussion', quota?: CommentQuota): Promise<void> {
    const { hidden: _never, ...fields } = comment;
    const entry = audit ? this.entry(comment.consultationId) : undefined;
    const comments = this.board(comment.consultationId, board);
    if (comments.has(comment.id)) throw new DomainError('busy', 'a comment with this id exists; try again');
    // The household's counters, checked and raised with the comment, as the DynamoDB store's transaction does.
    const counters: Array<[string, number]> = [];
    if (quota) {
      if (comment.rollId === undefined) throw new Error("a quota is charged to a resident's comment, which has a roll id");
      const key = `${board}\u0000${comment.consultationId}\u0000${comment.rollId}`;
      counters.push([key, quota.total], [`${key}\u0000${quota.window}`, quota.perWindow]);
      if (counters.some(([k, max]) => (this.commentCounters.get(k) ?? 0) >= max)) throw new DomainError('too_many_comments');
    }
    for (const [k] of counters) this.commentCounters.set(k, (this.commentCounters.get(k) ?? 0) + 1);
    comments.set(comment.id, { comment: copy(fields) });
    if (entry && audit) appendEvent(entry, audit);
  }

  async listComments(id: string, board: Board = 'discussion'): Promise<Comment[]> {
    return [...this.board(id, board).entries()]
      .sort(([a], [b]) => byKey(a, b))
      .map(([, stored]) => copy({ ...stored.comment, ...(stored.hidden ? { hidden: stored.hidden } : {}) }));
  }

  async hideComment(id: string, commentId: string, hidden: Hidden, audit: AuditDraft, board: Board = 'discussion'): Promise<void> {
    const entry = this.entry(id);
    const stored = this.board(id, board).get(commentId);
    if (!stored) throw new DomainError('not_found', 'no such comment');
    if (stored.hidden) throw new DomainError('wrong_state', 'the comment is already hidden');
    stored.hidden = copy(hidden);
    appendEvent(entry, audit);
  }

  // ---- other opinions -------------------------------------------------------------------------------------

  async addOpinion(id: string, opinion: Omit<StoredOpinion, 'hidden'>, now: string): Promise<void> {
    this.opinions.add(this.consultations.get(id), id, opinion, now);
  }

  async listOpinions(id: string): Promise<StoredOpinion[]> {
    return this.opinions.list(id);
  }

  async hideOpinion(id: string, opinionId: string, hidden: OpinionHidden, audit: AuditDraft): Promise<void> {
    this.opinions.hide(this.consultations.get(id), id, opinionId, hidden, audit);
  }

  // ---- communes ------------------------------------------------------------------------------------------

  async getCommuneProfile(commune: string): Promise<CommuneProfile | undefined> {
    return this.communes.profile(commune);
  }

  async putCommuneProfile(commune: string, profile: CommuneProfile, audit: AuditDraft): Promise<AuditEvent> {
    return this.communes.putProfile(commune, profile, audit);
  }

  async getCommuneAudit(commune: string): Promise<AuditEvent[]> {
    return this.communes.events(commune);
  }

  // ---- processes -----------------------------------------------------------------------------------------

  async getProcess(id: string): Promise<StoredProcess | undefined> {
    return this.processes.get(id);
  }

  async putProcess(record: ProcessRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent> {
    return this.processes.put(record, audit, prevSeq);
  }

  async listProcesses(commune: string): Promise<ProcessRecord[]> {
    return this.processes.list(commune);
  }

  async getProcessAudit(id: string): Promise<AuditEvent[]> {
    return this.processes.events(id);
  }

  // ---- staff sessions --------------------------------------------------------------------------------------

  async putSession(hash: string, session: StaffSession): Promise<void> {
    if (this.sessions.has(hash)) throw new DomainError('busy', 'a session with this id exists');
    this.sessions.set(hash, copy(session));
  }

  async getSession(hash: string, now: string): Promise<StaffSession | undefined> {
    const session = this.sessions.get(hash);
    return session && Date.parse(session.endsAt) > Date.parse(now) ? copy(session) : undefined;
  }

  async deleteSession(hash: string): Promise<void> {
    this.sessions.delete(hash);
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private entry(id: string): Entry {
    return required(this.consultations.get(id));
  }

  /** A consultation whose roll may still change (what the DynamoDB store's lock admits). */
  private beforeVoting(id: string): Entry {
    const entry = this.entry(id);
    if (entry.st !== 'draft' && entry.st !== 'disclosure')
      throw new DomainError(entry.st === 'voting' ? 'already_open' : 'wrong_state', `consultation is ${entry.st}`);
    return entry;
  }

  private board(id: string, board: Board): Map<string, StoredComment> {
    const key = `${board}\u0000${id}`;
    let comments = this.boards.get(key);
    if (!comments) this.boards.set(key, (comments = new Map()));
    return comments;
  }
}

function credentialKey(id: string, hash: string): string {
  return `${id}\u0000${hash}`;
}

function toRecord(entry: Entry, counts: boolean): ConsultationRecord {
  return {
    consultation: copy(entry.doc),
    state: entry.st,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    rollCount: entry.rollCount,
    participants: counts ? turnout(entry) : { ...NO_TURNOUT },
    auditCount: entry.audit.length,
    ...(entry.slipsIssued !== undefined || entry.slipsEntered !== undefined
      ? { slips: { issued: entry.slipsIssued ?? 0, entered: entry.slipsEntered ?? 0 } }
      : {}),
    ...(entry.closedAt ? { closedAt: entry.closedAt } : {}),
    ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
    ...(entry.resultUrl ? { resultUrl: entry.resultUrl } : {}),
  };
}
