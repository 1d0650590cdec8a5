/**
 * The Store port on DynamoDB (the service on AWS, DynamoDB Local on a developer's machine and in tests), composed
 * of one part per aggregate over one table. It is also the AttemptLimiter of the same table, so that one object
 * can serve both ports.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Comment, Hidden } from '../../../shared/discussion.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { OpinionHidden, StoredOpinion } from '../../../shared/opinions.ts';
import type { AuditEvent, Channel, Consultation, Document, Household, State } from '../../../shared/schemas.ts';
import type {
  AttemptLimiter,
  AuditDraft,
  Board,
  CastInput,
  CommentQuota,
  CommuneProfile,
  ProcessRecord,
  StoredProcess,
  CastOutcome,
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
} from '../../core/store.ts';
import type { ContactStore } from '../../core/contacts.ts';
import type { HouseholdContact } from '../../../shared/contacts.ts';
import { keys } from '../dynamo-table.ts';
import { DynamoAttemptLimiter } from './attempt-limiter.ts';
import { AuditLog } from './audit.ts';
import { BallotBox } from './ballot-box.ts';
import { Boards } from './boards.ts';
import { Communes } from './communes.ts';
import { Contacts } from './contacts.ts';
import { Processes } from './processes.ts';
import { Initiatives } from './initiatives.ts';
import { Consultations } from './consultations.ts';
import { Opinions } from './opinions.ts';
import { Publication } from './publication.ts';
import { findReceipts } from './receipts.ts';
import { Roll } from './roll.ts';
import { Sessions } from './sessions.ts';
import { Slips } from './slips.ts';
import { openTable, type Table } from './table.ts';

export class DynamoStore implements Store, AttemptLimiter, ContactStore {
  private readonly contacts: Contacts;
  private readonly audit: AuditLog;
  private readonly consultations: Consultations;
  private readonly roll: Roll;
  private readonly ballotBox: BallotBox;
  private readonly slips: Slips;
  private readonly boards: Boards;
  private readonly opinions: Opinions;
  private readonly limiter: DynamoAttemptLimiter;
  private readonly publication: Publication;
  private readonly communes: Communes;
  private readonly processes: Processes;
  private readonly initiatives: Initiatives;
  private readonly table: Table;
  private readonly sessions: Sessions;

  constructor(client: DynamoDBClient, table: string, attemptWindowMs = 15 * 60_000) {
    const t = openTable(client, table);
    this.table = t;
    this.audit = new AuditLog(t);
    this.consultations = new Consultations(t, this.audit);
    this.roll = new Roll(t, this.audit);
    this.slips = new Slips(t, this.audit);
    this.ballotBox = new BallotBox(t, this.audit, this.roll, this.slips);
    this.boards = new Boards(t, this.audit);
    this.opinions = new Opinions(t, this.audit);
    this.limiter = new DynamoAttemptLimiter(client, table, attemptWindowMs);
    this.publication = new Publication(t);
    this.communes = new Communes(t);
    this.processes = new Processes(t);
    this.initiatives = new Initiatives(t);
    this.sessions = new Sessions(t);
    this.contacts = new Contacts(t);
  }

  // ---- the contact book (private, never published) ------------------------------------------------------------

  list(commune: string): Promise<HouseholdContact[]> {
    return this.contacts.list(commune);
  }

  putContacts(commune: string, contacts: readonly HouseholdContact[]): Promise<void> {
    return this.contacts.put(commune, contacts);
  }

  setOptedOut(commune: string, rollId: string, optedOut: boolean): Promise<boolean> {
    return this.contacts.setOptedOut(commune, rollId, optedOut);
  }

  // ---- consultations ---------------------------------------------------------------------------------------

  createConsultation(consultation: Consultation, now: string, audit: AuditDraft): Promise<void> {
    return this.consultations.create(consultation, now, audit);
  }

  getConsultation(id: string, options?: { counts?: boolean }): Promise<ConsultationRecord | undefined> {
    return this.consultations.get(id, options);
  }

  listConsultations(): Promise<ConsultationRecord[]> {
    return this.consultations.list();
  }

  listConsultationPage(query: ConsultationPageQuery): Promise<ConsultationPage> {
    return this.consultations.page(query);
  }

  updateDraft(consultation: Consultation, now: string, audit: AuditDraft): Promise<void> {
    return this.consultations.updateDraft(consultation, now, audit);
  }

  changeDocuments(id: string, now: string, change: (documents: readonly Document[]) => { documents: Document[]; audit: AuditDraft }): Promise<Document[]> {
    return this.consultations.changeDocuments(id, now, change);
  }

  transition(id: string, from: readonly State[], to: State, now: string, audit: AuditDraft): Promise<void> {
    return this.consultations.transition(id, from, to, now, audit);
  }

  close(id: string, now: string, audit: AuditDraft): Promise<{ closedAt: string; alreadyClosed: boolean }> {
    return this.consultations.close(id, now, audit);
  }

  fixPublishedAt(id: string, now: string): Promise<string> {
    return this.consultations.fixPublishedAt(id, now);
  }

  markPublished(id: string, resultUrl: string, audit: AuditDraft): Promise<void> {
    return this.consultations.markPublished(id, resultUrl, audit);
  }

  takePublishLease(id: string, owner: string, now: string, until: string): Promise<boolean> {
    return this.publication.takeLease(id, owner, now, until);
  }

  releasePublishLease(id: string, owner: string): Promise<void> {
    return this.publication.releaseLease(id, owner);
  }

  keepSignature(id: string, signature: KeptSignature): Promise<KeptSignature> {
    return this.publication.keepSignature(id, signature);
  }

  getSignature(id: string): Promise<KeptSignature | undefined> {
    return this.publication.signature(id);
  }

  keepSlipKey(id: string, sealed: string, until: string): Promise<void> {
    return this.publication.keepSlipKey(id, sealed, until);
  }

  getSlipKey(id: string, now: string): Promise<string | undefined> {
    return this.publication.slipKey(id, now);
  }

  dropSlipKey(id: string): Promise<void> {
    return this.publication.dropSlipKey(id);
  }

  // ---- roll ------------------------------------------------------------------------------------------------

  replaceRoll(id: string, households: Household[], now: string, audit: AuditDraft): Promise<void> {
    return this.roll.replace(id, households, now, audit);
  }

  getRoll(id: string): Promise<Household[]> {
    return this.roll.get(id);
  }

  onRoll(id: string, household: string): Promise<boolean> {
    return this.roll.onRoll(id, household);
  }

  // ---- ballot box ------------------------------------------------------------------------------------------

  async openVoting(
    id: string,
    makeCredentials: (roll: Household[]) => Array<{ household: string; hash: string }>,
    now: string,
    audit: (rollCount: number) => AuditDraft,
    makeSerials?: (roll: Household[]) => string[],
    options?: OpenJob,
  ): Promise<OpenOutcome> {
    const opened = await this.ballotBox.openVoting(id, makeCredentials, now, audit, makeSerials, options);
    // The roll is frozen: whatever an earlier upload could not delete (a superseded roll, a failed attempt) goes now.
    if (!('pending' in opened)) await this.roll.prune(id).catch(() => undefined);
    return opened;
  }

  listSerials(id: string): Promise<string[]> {
    return this.slips.list(id);
  }

  tickReturn(id: string, household: string, _now: string, audit: AuditDraft): Promise<void> {
    return this.slips.tickReturn(id, household, audit);
  }

  enterSlip(input: SlipInput): Promise<void> {
    return this.slips.enter(input);
  }

  findCredential(id: string, hash: string): Promise<string | undefined> {
    return this.ballotBox.findCredential(id, hash);
  }

  reissueCredential(id: string, household: string, hash: string, _now: string, audit: AuditDraft): Promise<void> {
    return this.ballotBox.reissueCredential(id, household, hash, audit);
  }

  castBallot(input: CastInput): Promise<CastOutcome> {
    return this.ballotBox.castBallot(input);
  }

  receiptStatus(id: string, receipt: string): Promise<'counted' | 'replaced' | undefined> {
    return this.ballotBox.receiptStatus(id, receipt);
  }

  findReceipts(id: string, prefix: string): Promise<string[]> {
    return findReceipts(this.table, id, prefix);
  }

  householdVoted(id: string, household: string): Promise<{ voted: boolean; channel?: Channel }> {
    return this.ballotBox.householdVoted(id, household);
  }

  withdrawPaperBallot(id: string, household: string, receipt: string, now: string, audit: AuditDraft): Promise<{ restored: boolean }> {
    return this.ballotBox.withdrawPaperBallot(id, household, receipt, now, audit);
  }

  async readForTally(id: string): Promise<TallyInput> {
    const [input, opinions] = await Promise.all([this.ballotBox.readForTally(id), this.opinions.visible(id)]);
    return { ...input, ...opinions };
  }

  // ---- audit -----------------------------------------------------------------------------------------------

  getAudit(id: string): Promise<AuditEvent[]> {
    return this.audit.events(id);
  }

  appendAudit(id: string, audit: AuditDraft, options?: { after?: number }): Promise<AuditEvent> {
    return this.audit.append(id, audit, options);
  }

  appendAttestation(id: string, sub: string, audit: AuditDraft): Promise<AuditEvent> {
    return this.audit.appendOnce(
      id,
      audit,
      keys.attestation(id, sub),
      () => new DomainError('already_signed', 'this monitor account has countersigned this round already'),
    );
  }

  // ---- boards ----------------------------------------------------------------------------------------------

  addComment(comment: Comment, audit?: AuditDraft, board?: Board, quota?: CommentQuota): Promise<void> {
    return this.boards.addComment(comment, audit, board, quota);
  }

  listComments(id: string, board?: Board): Promise<Comment[]> {
    return this.boards.listComments(id, board);
  }

  issueDiscussionCodes(id: string, codes: ReadonlyArray<{ household: string; hash: string }>, audit: AuditDraft): Promise<void> {
    return this.boards.issueDiscussionCodes(id, codes, audit);
  }

  hideComment(id: string, commentId: string, hidden: Hidden, audit: AuditDraft, board?: Board): Promise<void> {
    return this.boards.hideComment(id, commentId, hidden, audit, board);
  }

  // ---- other opinions -------------------------------------------------------------------------------------

  addOpinion(id: string, opinion: Omit<StoredOpinion, 'hidden'>, now: string): Promise<void> {
    return this.opinions.add(id, opinion, now);
  }

  listOpinions(id: string): Promise<StoredOpinion[]> {
    return this.opinions.list(id);
  }

  hideOpinion(id: string, opinionId: string, hidden: OpinionHidden, audit: AuditDraft): Promise<void> {
    return this.opinions.hide(id, opinionId, hidden, audit);
  }

  // ---- communes ------------------------------------------------------------------------------------------

  getCommuneProfile(commune: string): Promise<CommuneProfile | undefined> {
    return this.communes.profile(commune);
  }

  putCommuneProfile(commune: string, profile: CommuneProfile, audit: AuditDraft): Promise<AuditEvent> {
    return this.communes.putProfile(commune, profile, audit);
  }

  getCommuneAudit(commune: string): Promise<AuditEvent[]> {
    return this.communes.events(commune);
  }

  // ---- processes -----------------------------------------------------------------------------------------

  getProcess(id: string): Promise<StoredProcess | undefined> {
    return this.processes.get(id);
  }

  putProcess(record: ProcessRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent> {
    return this.processes.put(record, audit, prevSeq);
  }

  listProcesses(commune: string): Promise<ProcessRecord[]> {
    return this.processes.list(commune);
  }

  getProcessAudit(id: string): Promise<AuditEvent[]> {
    return this.processes.events(id);
  }

  // ---- citizens' initiatives (dynamo/initiatives.ts) -------------------------------------------------------

  readonly getInitiative: Store['getInitiative'] = (id) => this.initiatives.get(id);
  readonly putInitiative: Store['putInitiative'] = (record, audit, prevSeq) => this.initiatives.put(record, audit, prevSeq);
  readonly listInitiatives: Store['listInitiatives'] = (commune) => this.initiatives.list(commune);
  readonly getInitiativeAudit: Store['getInitiativeAudit'] = (id) => this.initiatives.events(id);
  readonly addConsent: Store['addConsent'] = (id, consent, until, today) => this.initiatives.addConsent(id, consent, until, today);
  readonly listConsents: Store['listConsents'] = (id) => this.initiatives.consents(id);

  // ---- staff sessions --------------------------------------------------------------------------------------

  putSession(hash: string, session: StaffSession): Promise<void> {
    return this.sessions.put(hash, session);
  }

  getSession(hash: string, now: string): Promise<StaffSession | undefined> {
    return this.sessions.get(hash, now);
  }

  deleteSession(hash: string): Promise<void> {
    return this.sessions.delete(hash);
  }

  // ---- attempt limiter -------------------------------------------------------------------------------------

  failures(key: string, now: Date): Promise<number> {
    return this.limiter.failures(key, now);
  }

  recordFailure(key: string, now: Date): Promise<number> {
    return this.limiter.recordFailure(key, now);
  }
}
