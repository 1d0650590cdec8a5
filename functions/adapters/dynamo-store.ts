/**
 * The Store port on DynamoDB (the service on AWS, DynamoDB Local on a developer's machine and in tests).
 * Every act that is audited writes its event in the same TransactWriteItems as the act; the chain head lives on
 * the consultation item and each append is conditional on it, so the chain can neither fork nor lose a link.
 */
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { sealEvent } from '../../shared/audit.ts';
import type { Comment, Hidden } from '../../shared/discussion.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AuditEvent, Ballot, Channel, Consultation, Document, Household, Participant, State } from '../../shared/schemas.ts';
import type { AttemptLimiter, AuditDraft, Board, CastInput, CastOutcome, ChannelCounts, ConsultationRecord, Store, TallyInput } from '../core/store.ts';
import { householdShard, keys, receiptShard, rollPrefix, shardIds } from './dynamo-table.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

const MAX_TRIES = 60;
const LOCK_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Backoff with full jitter: contention clears fastest when the losers spread out. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(50, 2 * 2 ** Math.min(attempt, 5)));

function reasons(err: unknown): string[] | undefined {
  if (err instanceof TransactionCanceledException || (err as { name?: string })?.name === 'TransactionCanceledException') {
    return ((err as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return undefined;
}

interface ConsultationItem {
  doc: string;
  st: State;
  createdAt: string;
  updatedAt: string;
  rollCount?: number;
  rollVersion?: number;
  auditSeq: number;
  auditHead: string;
  lockToken?: string;
  lockUntil?: number;
  closedAt?: string;
  publishedAt?: string;
  resultUrl?: string;
}

export class DynamoStore implements Store, AttemptLimiter {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly attemptWindowMs = 15 * 60_000,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  // ---- consultations ---------------------------------------------------------------------------------------

  async createConsultation(c: Consultation, now: string, audit: AuditDraft): Promise<void> {
    const event = sealEvent(undefined, audit);
    const item: ConsultationItem & Item = {
      ...keys.consultation(c.id),
      gsi1pk: 'CONS',
      gsi1sk: c.id,
      doc: JSON.stringify(c),
      st: 'draft',
      createdAt: now,
      updatedAt: now,
      rollCount: 0,
      auditSeq: 1,
      auditHead: event.hash,
    };
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.table, Item: { ...keys.audit(c.id, 1), event: JSON.stringify(event) } } },
        ],
      }),
    );
  }

  async getConsultation(id: string, options: { counts?: boolean } = {}): Promise<ConsultationRecord | undefined> {
    if (options.counts === false) {
      const item = await this.getItem(id);
      return item ? { ...toRecord(item), participants: { online: 0, paper: 0, meeting: 0 } } : undefined;
    }
    const [item, participants] = await Promise.all([this.getItem(id), this.turnout(id)]);
    return item ? { ...toRecord(item), participants } : undefined;
  }

  async listConsultations(): Promise<ConsultationRecord[]> {
    const out: ConsultationRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': 'CONS' },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) out.push({ ...toRecord(i as ConsultationItem), participants: { online: 0, paper: 0, meeting: 0 } });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async updateDraft(c: Consultation, now: string, audit: AuditDraft): Promise<void> {
    await this.audited(c.id, audit, (cur) => {
      if (cur.st !== 'draft') throw new DomainError('wrong_state', `consultation is ${cur.st}, not draft`);
      // The attached documents are not the edit's to change; the head condition makes sure these are the current ones.
      return {
        set: 'doc = :doc',
        values: { ':doc': JSON.stringify(withDocuments(c, parseDoc(cur).documents ?? [])), ':draft': 'draft', ':now': Date.parse(now) },
        condition: '#st = :draft AND (attribute_not_exists(lockUntil) OR lockUntil < :now)',
      };
    });
  }

  async changeDocuments(
    id: string,
    now: string,
    change: (documents: readonly Document[]) => { documents: Document[]; audit: AuditDraft },
  ): Promise<Document[]> {
    let result: Document[] = [];
    await this.audited(id, undefined, (cur) => {
      if (cur.st !== 'draft' && cur.st !== 'disclosure')
        throw new DomainError('wrong_state', `documents change only before voting opens; this consultation is ${cur.st}`);
      const t = Date.parse(now);
      if (cur.lockUntil !== undefined && cur.lockUntil >= t) throw new DomainError('busy', 'another change to this consultation is in progress; try again');
      const doc = parseDoc(cur);
      const next = change(doc.documents ?? []);
      result = next.documents;
      return {
        set: 'doc = :doc',
        values: { ':doc': JSON.stringify(withDocuments(doc, next.documents)), ':from': cur.st, ':now': t },
        condition: '#st = :from AND (attribute_not_exists(lockUntil) OR lockUntil < :now)',
        audit: next.audit,
      };
    });
    return result;
  }

  async transition(id: string, from: readonly State[], to: State, now: string, audit: AuditDraft): Promise<void> {
    await this.audited(id, audit, (cur) => {
      if (!from.includes(cur.st)) throw new DomainError('wrong_state', `consultation is ${cur.st}`);
      return {
        set: '#st = :to',
        values: { ':to': to, ':from': cur.st, ':now': Date.parse(now) },
        condition: '#st = :from AND (attribute_not_exists(lockUntil) OR lockUntil < :now)',
      };
    });
  }

  // ---- roll ------------------------------------------------------------------------------------------------

  /**
   * Writes the new roll under a new version, then switches the version in the audited transaction: a failure
   * half-way leaves the previous roll in force, never a mixture. The superseded version is deleted afterwards.
   */
  async replaceRoll(id: string, households: Household[], now: string, audit: AuditDraft): Promise<void> {
    const token = await this.lock(id, ['draft', 'disclosure'], now);
    try {
      const cur = await this.requireItem(id);
      const oldVersion = cur.rollVersion ?? 0;
      const version = oldVersion + 1;
      await this.batchWrite(households.map((h) => ({ PutRequest: { Item: { ...keys.household(id, version, h.id), household: h } } })));
      await this.audited(id, audit, () => ({
        set: 'rollCount = :n, rollVersion = :v REMOVE lockToken, lockUntil',
        values: { ':n': households.length, ':v': version, ':tok': token },
        condition: 'lockToken = :tok',
      }));
      const stale = await this.rollItems(id, oldVersion).catch(() => []);
      await this.batchWrite(stale.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } }))).catch(() => undefined);
    } catch (err) {
      await this.unlock(id, token);
      throw err;
    }
  }

  async getRoll(id: string): Promise<Household[]> {
    const cur = await this.requireItem(id);
    return (await this.rollItems(id, cur.rollVersion ?? 0)).map((i) => i.household as Household);
  }

  async onRoll(id: string, household: string): Promise<boolean> {
    const cur = await this.requireItem(id);
    const r = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.household(id, cur.rollVersion ?? 0, household), ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return r.Item !== undefined;
  }

  private rollItems(id: string, version: number): Promise<Item[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :hh)',
      ExpressionAttributeValues: { ':p': keys.consultation(id).pk, ':hh': rollPrefix(version) },
    });
  }

  // ---- voting ----------------------------------------------------------------------------------------------

  async openVoting(
    id: string,
    makeCredentials: (roll: Household[]) => Array<{ household: string; hash: string }>,
    now: string,
    audit: (rollCount: number) => AuditDraft,
  ): Promise<{ opensAt: string; closesAt: string }> {
    const token = await this.lock(id, ['draft', 'disclosure'], now);
    try {
      const roll = await this.getRoll(id);
      if (roll.length === 0) throw new DomainError('wrong_state', 'the roll is empty: upload the households first');
      // The document cannot change while the lock is held (updateDraft respects it): these are the committed dates.
      const doc = JSON.parse((await this.requireItem(id)).doc) as Consultation;
      // An earlier opening that failed half-way may have left slots and credentials: remove every one of them, so
      // only this opening's households (and codes) can ever vote.
      await this.removeSlots(id);
      const creds = makeCredentials(roll);
      // Credentials and slots first; they mean nothing until the gates open in the final transaction below.
      await this.batchWrite(
        creds.flatMap((k) => [
          { PutRequest: { Item: { ...keys.credential(id, k.hash), household: k.household } } },
          { PutRequest: { Item: { ...keys.slot(id, k.household), credHash: k.hash, ver: 0 } } },
        ]),
      );
      await this.batchWrite(shardIds.map((s) => ({ PutRequest: { Item: { ...keys.counter(id, s), online: 0, paper: 0, meeting: 0 } } })));
      await this.audited(id, audit(roll.length), (cur) => ({
        set: '#st = :voting, rollCount = :n REMOVE lockToken, lockUntil',
        values: { ':voting': 'voting', ':n': roll.length, ':tok': token, ':from': cur.st },
        condition: 'lockToken = :tok AND #st = :from',
        items: shardIds.map((s) => ({
          Put: { TableName: this.table, Item: { ...keys.gate(id, s), open: true, opensAt: doc.opensAt, closesAt: doc.closesAt } },
        })),
      }));
      return { opensAt: doc.opensAt, closesAt: doc.closesAt };
    } catch (err) {
      await this.unlock(id, token);
      throw err;
    }
  }

  /** Deletes every household slot (and its credential) of a consultation that is not yet voting. */
  private async removeSlots(id: string): Promise<void> {
    const requests: Array<Record<string, unknown>> = [];
    await Promise.all(
      shardIds.map(async (s) => {
        const items = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `S#${id}#${s}` } });
        for (const i of items) {
          requests.push({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } });
          if (typeof i.credHash === 'string') requests.push({ DeleteRequest: { Key: keys.credential(id, i.credHash) } });
        }
      }),
    );
    await this.batchWrite(requests);
  }

  async issueDiscussionCodes(id: string, codes: ReadonlyArray<{ household: string; hash: string }>, audit: AuditDraft): Promise<void> {
    // The hashes first: they mean nothing until the event that says they were issued is in the log, and a retry
    // after a failure in between only writes them again.
    await this.batchWrite(codes.map((k) => ({ PutRequest: { Item: { ...keys.credential(id, k.hash), household: k.household, purpose: 'discussion' } } })));
    await this.audited(id, audit, () => ({ values: { ':st': 'disclosure' }, condition: '#st = :st' }));
  }

  async findCredential(id: string, hash: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.credential(id, hash), ConsistentRead: true }));
    return r.Item?.household as string | undefined;
  }

  async reissueCredential(id: string, household: string, hash: string, _now: string, audit: AuditDraft): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.getSlot(id, household);
      if (!slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
      try {
        await this.audited(id, audit, (cur) => {
          if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
          return {
            condition: '#st = :voting',
            values: { ':voting': 'voting' },
            items: [
              { Delete: { TableName: this.table, Key: keys.credential(id, slot.credHash) } },
              { Put: { TableName: this.table, Item: { ...keys.credential(id, hash), household } } },
              {
                Update: {
                  TableName: this.table,
                  Key: keys.slot(id, household),
                  UpdateExpression: 'SET credHash = :h, ver = ver + :one',
                  ConditionExpression: 'ver = :ver',
                  ExpressionAttributeValues: { ':h': hash, ':ver': slot.ver, ':one': 1 },
                },
              },
            ],
          };
        });
        return;
      } catch (err) {
        if (err instanceof SlotChangedError && attempt < MAX_TRIES) continue;
        throw err;
      }
    }
  }

  async castBallot(input: CastInput): Promise<CastOutcome> {
    const { consultationId: id, household } = input;
    // Most ballots are a household's first: try that without reading the slot (one round trip). If the slot
    // already holds a ballot, or anything else is off, the read-and-retry path below finds out which.
    let slot: Slot | undefined | 'unknown' = 'unknown';
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      if (slot !== 'unknown' || attempt > 0) {
        slot = await this.getSlot(id, household);
        if (!slot) throw new DomainError(input.credentialHash ? 'invalid_code' : 'not_found', `household ${household} is not on the frozen roll`);
        if (input.credentialHash !== undefined && slot.credHash !== input.credentialHash) throw new DomainError('invalid_code');
      }
      const known = slot === 'unknown' ? undefined : slot;
      const prev = known?.receipt;
      const prevChannel = known?.channel;
      const items = this.castItems(input, known);
      try {
        if (input.audit) {
          await this.audited(id, input.audit, (cur) => {
            if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
            return { condition: '#st = :voting', values: { ':voting': 'voting' }, items, itemOffset: true };
          });
        } else {
          await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        }
        return prev ? { replaced: true, ...(prevChannel ? { previousChannel: prevChannel } : {}) } : { replaced: false };
      } catch (err) {
        if (err instanceof SlotChangedError) {
          if (known) await backoff(attempt);
          slot = undefined;
          continue;
        }
        const codes = reasons(err);
        if (!codes) throw err;
        if (codes[0] === 'ConditionalCheckFailed') throw new DomainError('not_open', 'voting is not open');
        if (codes[2] === 'ConditionalCheckFailed') throw new DomainError('busy', 'this ballot was already recorded');
        // The slot is not as assumed (a household voting again, another ballot of the same household won), or a
        // transient conflict: read the slot and try again.
        if (known || codes[1] !== 'ConditionalCheckFailed') await backoff(attempt);
        slot = undefined;
      }
    }
    throw new DomainError('busy', 'too many simultaneous ballots for this household; try again');
  }

  /** The items of the cast transaction; `slot` undefined means "assume a first ballot" (checked by the condition). */
  private castItems(input: CastInput, slot: Slot | undefined): TransactItem[] {
    const { consultationId: id, household, ballot, channel, now } = input;
    const prev = slot?.receipt;
    const prevChannel = slot?.channel;
    const slotCondition = slot
      ? { ConditionExpression: 'ver = :ver', values: { ':ver': slot.ver } }
      : input.credentialHash !== undefined
        ? { ConditionExpression: 'credHash = :h AND attribute_not_exists(receipt)', values: { ':h': input.credentialHash } }
        : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(receipt)', values: {} };
    const items: TransactItem[] = [
      {
        ConditionCheck: {
          TableName: this.table,
          Key: keys.gate(id, receiptShard(ballot.receipt)),
          ConditionExpression: '#open = :t AND closesAt > :now AND opensAt <= :now',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: { ':t': true, ':now': now },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.slot(id, household),
          UpdateExpression: 'SET receipt = :r, channel = :ch, votedAt = :now, ver = ver + :one',
          ConditionExpression: slotCondition.ConditionExpression,
          ExpressionAttributeValues: { ':r': ballot.receipt, ':ch': channel, ':now': now, ':one': 1, ...slotCondition.values },
        },
      },
      {
        Put: {
          TableName: this.table,
          // A paper/meeting entry keeps the pointer to the ballot it replaced, so that it can be undone
          // (withdrawPaperBallot). Never published: readForTally copies only answers, nonce and receipt.
          Item: {
            ...keys.ballot(id, ballot.receipt),
            answers: ballot.answers,
            nonce: ballot.nonce,
            status: 'counted',
            ...(prev && channel !== 'online' ? { prevReceipt: prev, ...(prevChannel ? { prevChannel } : {}) } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (prev) {
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.ballot(id, prev),
          UpdateExpression: 'SET #s = :replaced',
          ConditionExpression: '#s = :counted',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':replaced': 'replaced', ':counted': 'counted' },
        },
      });
    }
    if (!prev || prevChannel !== channel) {
      const swap = Boolean(prev && prevChannel);
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.counter(id, householdShard(household)),
          UpdateExpression: swap ? `ADD #${channel} :one, #${prevChannel} :minus` : `ADD #${channel} :one`,
          ExpressionAttributeNames: swap ? { [`#${channel}`]: channel, [`#${prevChannel}`]: prevChannel! } : { [`#${channel}`]: channel },
          ExpressionAttributeValues: swap ? { ':one': 1, ':minus': -1 } : { ':one': 1 },
        },
      });
    }
    return items;
  }

  async receiptStatus(id: string, receipt: string): Promise<'counted' | 'replaced' | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.ballot(id, receipt), ConsistentRead: true }));
    const s = r.Item?.status;
    // api.md knows counted and replaced: a withdrawn entry is not counted, as a replaced one.
    return s === 'counted' || s === 'replaced' ? s : s === 'withdrawn' ? 'replaced' : undefined;
  }

  async householdVoted(id: string, household: string): Promise<{ voted: boolean; channel?: Channel }> {
    const slot = await this.getSlot(id, household);
    if (!slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
    return slot.receipt ? { voted: true, ...(slot.channel ? { channel: slot.channel } : {}) } : { voted: false };
  }

  async withdrawPaperBallot(id: string, household: string, receipt: string, now: string, audit: AuditDraft): Promise<{ restored: boolean }> {
    const moved = () => new DomainError('busy', "this entry is no longer the household's current ballot");
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const slot = await this.getSlot(id, household);
      if (!slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
      if (slot.receipt !== receipt || !slot.channel || slot.channel === 'online') throw moved();
      const channel = slot.channel;
      const b = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.ballot(id, receipt), ConsistentRead: true }));
      if (b.Item?.status !== 'counted') throw moved();
      const prev = typeof b.Item.prevReceipt === 'string' ? b.Item.prevReceipt : undefined;
      const prevChannel = prev ? (b.Item.prevChannel as Channel | undefined) : undefined;
      const items: TransactItem[] = [
        {
          ConditionCheck: {
            TableName: this.table,
            Key: keys.gate(id, receiptShard(receipt)),
            ConditionExpression: '#open = :t AND closesAt > :now AND opensAt <= :now',
            ExpressionAttributeNames: { '#open': 'open' },
            ExpressionAttributeValues: { ':t': true, ':now': now },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.slot(id, household),
            UpdateExpression: prev
              ? `SET receipt = :pr, ver = ver + :one${prevChannel ? ', channel = :pc' : ' REMOVE channel'}`
              : 'SET ver = ver + :one REMOVE receipt, channel, votedAt',
            ConditionExpression: 'ver = :ver AND receipt = :r AND channel = :ch',
            ExpressionAttributeValues: {
              ':one': 1,
              ':ver': slot.ver,
              ':r': receipt,
              ':ch': channel,
              ...(prev ? { ':pr': prev } : {}),
              ...(prevChannel ? { ':pc': prevChannel } : {}),
            },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.ballot(id, receipt),
            UpdateExpression: 'SET #s = :withdrawn',
            ConditionExpression: '#s = :counted',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':counted': 'counted' },
          },
        },
      ];
      if (prev) {
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.ballot(id, prev),
            UpdateExpression: 'SET #s = :counted',
            ConditionExpression: '#s = :replaced',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':replaced': 'replaced', ':counted': 'counted' },
          },
        });
      }
      if (prevChannel !== channel) {
        const swap = Boolean(prevChannel);
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.counter(id, householdShard(household)),
            UpdateExpression: swap ? `ADD #${channel} :minus, #${prevChannel} :one` : `ADD #${channel} :minus`,
            ExpressionAttributeNames: swap ? { [`#${channel}`]: channel, [`#${prevChannel}`]: prevChannel! } : { [`#${channel}`]: channel },
            ExpressionAttributeValues: swap ? { ':one': 1, ':minus': -1 } : { ':minus': -1 },
          },
        });
      }
      try {
        await this.audited(id, audit, (cur) => {
          if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
          return { condition: '#st = :voting', values: { ':voting': 'voting' }, items, itemOffset: true };
        });
        return { restored: Boolean(prev) };
      } catch (err) {
        // The slot or a ballot changed between the reads and the write: read again (and refuse if it moved on).
        if (err instanceof SlotChangedError) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
    throw new DomainError('busy', 'too many simultaneous changes for this household; try again');
  }

  async close(id: string, now: string, audit: AuditDraft): Promise<{ closedAt: string; alreadyClosed: boolean }> {
    let closedAt = now;
    let already = false;
    try {
      await this.audited(id, audit, (cur) => {
        if (cur.st === 'closed' || cur.st === 'published') {
          already = true;
          closedAt = cur.closedAt ?? now;
          throw new AlreadyDone();
        }
        if (cur.st !== 'voting') throw new DomainError('wrong_state', `consultation is ${cur.st}, not voting`);
        return {
          set: '#st = :closed, closedAt = :now',
          values: { ':closed': 'closed', ':voting': 'voting', ':now': now },
          condition: '#st = :voting',
          // Shutting every gate in the same transaction: a ballot either committed before this, or is refused.
          items: shardIds.map((s) => ({
            Update: {
              TableName: this.table,
              Key: keys.gate(id, s),
              UpdateExpression: 'SET #open = :f',
              ExpressionAttributeNames: { '#open': 'open' },
              ExpressionAttributeValues: { ':f': false },
            },
          })),
        };
      });
    } catch (err) {
      if (!(err instanceof AlreadyDone)) throw err;
    }
    return { closedAt, alreadyClosed: already };
  }

  async fixPublishedAt(id: string, now: string): Promise<string> {
    const r = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.consultation(id),
        UpdateExpression: 'SET publishedAt = if_not_exists(publishedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return r.Attributes?.publishedAt as string;
  }

  async readForTally(id: string): Promise<TallyInput> {
    const roll = await this.getRoll(id);
    const participants: Participant[] = [];
    const ballots: Ballot[] = [];
    const receipts = new Set<string>();
    await Promise.all(
      shardIds.map(async (s) => {
        const slots = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `S#${id}#${s}` } });
        for (const slot of slots) {
          if (slot.sk === '#COUNT' || typeof slot.receipt !== 'string') continue;
          participants.push({ id: slot.sk as string, channel: slot.channel as Channel });
          receipts.add(slot.receipt);
        }
        const counted = await this.queryAll({
          KeyConditionExpression: 'pk = :p',
          FilterExpression: '#s = :counted',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':p': `B#${id}#${s}`, ':counted': 'counted' },
        });
        for (const b of counted) ballots.push({ answers: b.answers as Ballot['answers'], nonce: b.nonce as string, receipt: b.sk as string });
      }),
    );
    // The slots and the ballots are written in one transaction, so they must agree exactly; if not, refuse to sign.
    if (ballots.length !== participants.length || ballots.some((b) => !receipts.has(b.receipt))) {
      throw new DomainError('integrity_error', `counted ballots (${ballots.length}) do not match participating households (${participants.length})`);
    }
    const onRoll = new Set(roll.map((h) => h.id));
    const strangers = participants.filter((p) => !onRoll.has(p.id));
    if (strangers.length > 0) throw new DomainError('integrity_error', `${strangers.length} participating household(s) not on the frozen roll`);
    return { rollIds: roll.map((h) => h.id), participants, ballots };
  }

  async getAudit(id: string): Promise<AuditEvent[]> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `A#${id}` } });
    return items.map((i) => JSON.parse(i.event as string) as AuditEvent);
  }

  async appendAudit(id: string, audit: AuditDraft, options: { after?: number } = {}): Promise<AuditEvent> {
    return this.audited(id, audit, (cur) => {
      if (options.after !== undefined && cur.auditSeq !== options.after) throw new DomainError('busy', 'the audit log moved on; read it again');
      return {};
    });
  }

  async markPublished(id: string, resultUrl: string, audit: AuditDraft): Promise<void> {
    await this.audited(id, audit, (cur) => {
      if (cur.st === 'published') throw new AlreadyDone();
      if (cur.st !== 'closed') throw new DomainError('wrong_state', `consultation is ${cur.st}, not closed`);
      return {
        set: '#st = :pub, resultUrl = :url',
        values: { ':pub': 'published', ':url': resultUrl, ':closed': 'closed' },
        condition: '#st = :closed',
      };
    }).catch((err) => {
      if (!(err instanceof AlreadyDone)) throw err;
    });
  }

  // ---- discussion ------------------------------------------------------------------------------------------

  async addComment(comment: Comment, audit?: AuditDraft, board: Board = 'discussion'): Promise<void> {
    const { hidden: _never, ...fields } = comment;
    const put = {
      TableName: this.table,
      Item: { ...keys.comment(comment.consultationId, comment.id, board), comment: fields },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    if (!audit) {
      await this.doc.send(new PutCommand(put)).catch((err) => {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException') throw new DomainError('busy', 'a comment with this id exists; try again');
        throw err;
      });
      return;
    }
    await this.audited(comment.consultationId, audit, () => ({ items: [{ Put: put }] })).catch((err) => {
      if (err instanceof SlotChangedError) throw new DomainError('busy', 'a comment with this id exists; try again');
      throw err;
    });
  }

  async listComments(id: string, board: Board = 'discussion'): Promise<Comment[]> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.comment(id, '', board).pk } });
    return items.map((i) => ({ ...(i.comment as Comment), ...(i.hidden ? { hidden: i.hidden as Hidden } : {}) }));
  }

  async hideComment(id: string, commentId: string, hidden: Hidden, audit: AuditDraft, board: Board = 'discussion'): Promise<void> {
    const key = keys.comment(id, commentId, board);
    await this.audited(id, audit, () => ({
      items: [
        {
          Update: {
            TableName: this.table,
            Key: key,
            // HIDDEN is one of DynamoDB's reserved words.
            UpdateExpression: 'SET #hidden = :h',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
            ExpressionAttributeNames: { '#hidden': 'hidden' },
            ExpressionAttributeValues: { ':h': hidden },
          },
        },
      ],
    })).catch(async (err) => {
      if (!(err instanceof SlotChangedError)) throw err;
      const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      if (!r.Item) throw new DomainError('not_found', 'no such comment');
      throw new DomainError('wrong_state', 'the comment is already hidden');
    });
  }

  // ---- attempt limiter ---------------------------------------------------------------------------------------

  async failures(key: string, now: Date): Promise<number> {
    const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.attempts(key), ConsistentRead: true }));
    if (!r.Item || (r.Item.windowStart as number) + this.attemptWindowMs < now.getTime()) return 0;
    return r.Item.n as number;
  }

  /** Atomically counts one more failure in the window (starting a new window when the old one is over); the new count. */
  async recordFailure(key: string, now: Date): Promise<number> {
    const t = now.getTime();
    const ttl = Math.ceil((t + 2 * this.attemptWindowMs) / 1000);
    const old = t - this.attemptWindowMs;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const r = await this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.attempts(key),
            UpdateExpression: 'ADD n :one SET expiresAt = :ttl',
            ConditionExpression: 'attribute_exists(pk) AND windowStart > :old',
            ExpressionAttributeValues: { ':one': 1, ':ttl': ttl, ':old': old },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return r.Attributes?.n as number;
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
      try {
        // No current window: start one, unless a concurrent failure just did (then count in that one).
        await this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.attempts(key),
            UpdateExpression: 'SET n = :one, windowStart = :t, expiresAt = :ttl',
            ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :old',
            ExpressionAttributeValues: { ':one': 1, ':t': t, ':ttl': ttl, ':old': old },
          }),
        );
        return 1;
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    throw new DomainError('busy', 'too many simultaneous attempts; try again');
  }

  // ---- internals -------------------------------------------------------------------------------------------

  /**
   * Runs an audited act: reads the chain head, seals the event, and writes the head, the event and the act's own
   * items in one transaction conditional on the head being unchanged. Re-reads and retries when another act
   * appended first; `build` throws a DomainError when the act no longer applies.
   */
  private async audited(
    id: string,
    draft: AuditDraft | undefined,
    build: (cur: ConsultationItem) => { set?: string; values?: Item; condition?: string; items?: TransactItem[]; itemOffset?: boolean; audit?: AuditDraft },
  ): Promise<AuditEvent> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const cur = await this.requireItem(id);
      const act = build(cur);
      // An act whose event depends on the item as read (the documents it changed) gives its own.
      const audit = act.audit ?? draft;
      if (!audit) throw new Error('an audited act without its audit event');
      const event = sealEvent({ seq: cur.auditSeq, hash: cur.auditHead }, audit);
      const set = `SET auditSeq = :seq, auditHead = :head, updatedAt = :at${act.set ? (act.set.startsWith('REMOVE') ? ` ${act.set}` : `, ${act.set}`) : ''}`;
      const items: TransactItem[] = [
        {
          Update: {
            TableName: this.table,
            Key: keys.consultation(id),
            UpdateExpression: set,
            ConditionExpression: `auditSeq = :prevSeq${act.condition ? ` AND (${act.condition})` : ''}`,
            ExpressionAttributeNames: act.condition?.includes('#st') || act.set?.includes('#st') ? { '#st': 'st' } : undefined,
            ExpressionAttributeValues: { ...act.values, ':seq': event.seq, ':head': event.hash, ':at': audit.at, ':prevSeq': cur.auditSeq },
          },
        },
        {
          Put: { TableName: this.table, Item: { ...keys.audit(id, event.seq), event: JSON.stringify(event) }, ConditionExpression: 'attribute_not_exists(pk)' },
        },
        ...(act.items ?? []),
      ];
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return event;
      } catch (err) {
        const codes = reasons(err);
        if (!codes) throw err;
        // A failed condition on the act's own items (not the head) is the act's business.
        const own = codes.slice(2);
        if (own.some((c) => c === 'ConditionalCheckFailed')) {
          if (act.itemOffset && own[0] === 'ConditionalCheckFailed') throw new DomainError('not_open', 'voting is not open');
          throw new SlotChangedError();
        }
        await backoff(attempt);
      }
    }
    throw new DomainError('busy', 'the consultation is busy; try again');
  }

  /** Takes the consultation's short lock for a multi-step act (roll upload, opening), in one of `states`. */
  private async lock(id: string, states: readonly State[], now: string): Promise<string> {
    const token = crypto.randomUUID();
    const t = Date.parse(now);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.consultation(id),
          UpdateExpression: 'SET lockToken = :tok, lockUntil = :until',
          ConditionExpression: `attribute_exists(pk) AND #st IN (${states.map((_, i) => `:s${i}`).join(', ')}) AND (attribute_not_exists(lockUntil) OR lockUntil < :now)`,
          ExpressionAttributeNames: { '#st': 'st' },
          ExpressionAttributeValues: { ':tok': token, ':until': t + LOCK_MS, ':now': t, ...Object.fromEntries(states.map((s, i) => [`:s${i}`, s])) },
        }),
      );
      return token;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      const cur = await this.getItem(id);
      if (!cur) throw new DomainError('not_found', 'no such consultation');
      if (!states.includes(cur.st)) throw new DomainError(cur.st === 'voting' ? 'already_open' : 'wrong_state', `consultation is ${cur.st}`);
      throw new DomainError('busy', 'another change to this consultation is in progress; try again');
    }
  }

  private async unlock(id: string, token: string): Promise<void> {
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.consultation(id),
          UpdateExpression: 'REMOVE lockToken, lockUntil',
          ConditionExpression: 'lockToken = :tok',
          ExpressionAttributeValues: { ':tok': token },
        }),
      )
      .catch(() => undefined);
  }

  private async getItem(id: string): Promise<ConsultationItem | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.consultation(id), ConsistentRead: true }));
    return r.Item as ConsultationItem | undefined;
  }

  private async requireItem(id: string): Promise<ConsultationItem> {
    const item = await this.getItem(id);
    if (!item) throw new DomainError('not_found', 'no such consultation');
    return item;
  }

  private async getSlot(id: string, household: string): Promise<Slot | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.slot(id, household), ConsistentRead: true }));
    return r.Item as Slot | undefined;
  }

  /** The 16 turnout counters in one BatchGetItem (retrying unprocessed keys). */
  private async turnout(id: string): Promise<ChannelCounts> {
    const counts: ChannelCounts = { online: 0, paper: 0, meeting: 0 };
    let pending: Array<Record<string, unknown>> = shardIds.map((s) => keys.counter(id, s));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error('DynamoDB kept turnout counters unprocessed after 10 tries');
      const r = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of r.Responses?.[this.table] ?? []) {
        for (const ch of ['online', 'paper', 'meeting'] as const) counts[ch] += (item[ch] as number | undefined) ?? 0;
      }
      pending = (r.UnprocessedKeys?.[this.table]?.Keys ?? []) as Array<Record<string, unknown>>;
      if (pending.length > 0) await backoff(attempt);
    }
    return counts;
  }

  private async queryAll(q: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const out: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...q, TableName: this.table, ConsistentRead: true, ExclusiveStartKey: start }));
      out.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** BatchWriteItem in chunks of 25, retrying unprocessed items with backoff. */
  private async batchWrite(requests: Array<Record<string, unknown>>): Promise<void> {
    const chunks: Array<Array<Record<string, unknown>>> = [];
    for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        let pending = chunks[next++]!;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 10) throw new Error('DynamoDB kept items unprocessed after 10 tries');
          const r = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }));
          pending = (r.UnprocessedItems?.[this.table] ?? []) as Array<Record<string, unknown>>;
          if (pending.length > 0) await backoff(attempt);
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }
}

class SlotChangedError extends Error {}

/** A household's slot: its current credential hash, version, and pointer to its counted ballot. */
interface Slot {
  credHash: string;
  ver: number;
  receipt?: string;
  channel?: Channel;
}
class AlreadyDone extends Error {}

function parseDoc(i: ConsultationItem): Consultation {
  return JSON.parse(i.doc) as Consultation;
}

/** The consultation with these documents; without the field when there are none, as before any was attached. */
function withDocuments(c: Consultation, documents: readonly Document[]): Consultation {
  const { documents: _old, ...rest } = c;
  return documents.length > 0 ? { ...rest, documents: [...documents] } : rest;
}

function toRecord(i: ConsultationItem): Omit<ConsultationRecord, 'participants'> {
  return {
    consultation: parseDoc(i),
    state: i.st,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    rollCount: i.rollCount ?? 0,
    auditCount: i.auditSeq,
    ...(i.closedAt ? { closedAt: i.closedAt } : {}),
    ...(i.publishedAt ? { publishedAt: i.publishedAt } : {}),
    ...(i.resultUrl ? { resultUrl: i.resultUrl } : {}),
  };
}
