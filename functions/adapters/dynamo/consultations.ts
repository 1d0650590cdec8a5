/**
 * The consultation aggregate: its creation, reads, the draft's edits and attached documents, state changes, and the
 * close (which shuts every voting gate in the same transaction) and publication.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { unreconciledSlips } from './slips.ts';
import type { Consultation, Document, State } from '../../../shared/schemas.ts';
import type { AuditDraft, ChannelCounts, ConsultationPage, ConsultationPageQuery, ConsultationRecord } from '../../core/store.ts';
import { keys, shardIds } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { ALL_CONSULTATIONS, ConsultationPages, communeEntry } from './consultation-pages.ts';
import { countTurnout, readConsultation, toRecord, withDocuments } from './consultation-item.ts';
import { ConsultationItem, PublishedAtAttributes, parseItem } from './items.ts';
import type { Table } from './table.ts';
import { transact } from './transaction.ts';

const NO_COUNTS: ChannelCounts = { online: 0, paper: 0, meeting: 0 };

/** Thrown from an act's build when the act was already done: the caller treats it as success. */
class AlreadyDoneError extends Error {}

export class Consultations {
  private readonly pages: ConsultationPages;

  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {
    this.pages = new ConsultationPages(table);
  }

  async create(c: Consultation, now: string, audit: AuditDraft): Promise<void> {
    const event = sealEvent(undefined, audit);
    const item = {
      ...keys.consultation(c.id),
      gsi1pk: ALL_CONSULTATIONS,
      gsi1sk: c.id,
      doc: JSON.stringify(c),
      st: 'draft',
      createdAt: now,
      updatedAt: now,
      rollCount: 0,
      auditSeq: 1,
      auditHead: event.hash,
    } satisfies Record<string, unknown> & Omit<ConsultationItem, 'doc'>;
    await transact(this.table, [
      { name: 'consultation', item: { Put: { TableName: this.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } },
      { name: 'event', item: { Put: { TableName: this.table.name, Item: { ...keys.audit(c.id, 1), event: JSON.stringify(event) } } } },
      // Its place in its commune's list (consultation-pages.ts): a commune never changes, so no other act writes it.
      { name: 'commune entry', item: { Put: { TableName: this.table.name, Item: communeEntry(c) } } },
    ]);
  }

  async get(id: string, options: { counts?: boolean } = {}): Promise<ConsultationRecord | undefined> {
    if (options.counts === false) {
      const item = await readConsultation(this.table, id);
      return item ? { ...toRecord(item), participants: { ...NO_COUNTS } } : undefined;
    }
    const [item, participants] = await Promise.all([readConsultation(this.table, id), countTurnout(this.table, id)]);
    return item ? { ...toRecord(item), participants } : undefined;
  }

  /** Every consultation, newest first, by the `gsi1` index (eventually consistent, as every index). */
  async list(): Promise<ConsultationRecord[]> {
    const out: ConsultationRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': ALL_CONSULTATIONS },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) out.push({ ...toRecord(parseItem(ConsultationItem, i, 'consultation')), participants: { ...NO_COUNTS } });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** One page of summaries, of one commune or all, newest first (consultation-pages.ts). */
  page(query: ConsultationPageQuery): Promise<ConsultationPage> {
    return this.pages.page(query);
  }

  async updateDraft(c: Consultation, now: string, audit: AuditDraft): Promise<void> {
    await this.log.transact(c.id, audit, (cur) => {
      if (cur.st !== 'draft') throw new DomainError('wrong_state', `consultation is ${cur.st}, not draft`);
      // The attached documents are not the edit's to change; the head condition makes sure these are the current ones.
      return {
        set: 'doc = :doc',
        values: { ':doc': JSON.stringify(withDocuments(c, cur.doc.documents ?? [])), ':draft': 'draft', ':now': Date.parse(now) },
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
    await this.log.transact(id, undefined, (cur) => {
      if (cur.st !== 'draft' && cur.st !== 'disclosure')
        throw new DomainError('wrong_state', `documents change only before voting opens; this consultation is ${cur.st}`);
      const t = Date.parse(now);
      if (cur.lockUntil !== undefined && cur.lockUntil >= t) throw new DomainError('busy', 'another change to this consultation is in progress; try again');
      const next = change(cur.doc.documents ?? []);
      result = next.documents;
      return {
        set: 'doc = :doc',
        values: { ':doc': JSON.stringify(withDocuments(cur.doc, next.documents)), ':from': cur.st, ':now': t },
        condition: '#st = :from AND (attribute_not_exists(lockUntil) OR lockUntil < :now)',
        audit: next.audit,
      };
    });
    return result;
  }

  async transition(id: string, from: readonly State[], to: State, now: string, audit: AuditDraft): Promise<void> {
    await this.log.transact(id, audit, (cur) => {
      if (!from.includes(cur.st)) throw new DomainError('wrong_state', `consultation is ${cur.st}`);
      return {
        set: '#st = :to',
        values: { ':to': to, ':from': cur.st, ':now': Date.parse(now) },
        condition: '#st = :from AND (attribute_not_exists(lockUntil) OR lockUntil < :now)',
      };
    });
  }

  async close(id: string, now: string, audit: AuditDraft): Promise<{ closedAt: string; alreadyClosed: boolean }> {
    let closedAt = now;
    let already = false;
    try {
      await this.log.transact(id, audit, (cur) => {
        if (cur.st === 'closed' || cur.st === 'published') {
          already = true;
          closedAt = cur.closedAt ?? now;
          throw new AlreadyDoneError();
        }
        if (cur.st !== 'voting') throw new DomainError('wrong_state', `consultation is ${cur.st}, not voting`);
        // Decree 59/2023 Art. 4(6): the slips entered must be the slips that came back. Checked on the item as read:
        // the head's condition makes sure no return or entry committed since.
        unreconciledSlips(cur);
        return {
          set: '#st = :closed, closedAt = :now',
          values: { ':closed': 'closed', ':voting': 'voting', ':now': now },
          condition: '#st = :voting',
          // Shutting every gate in the same transaction: a ballot either committed before this, or is refused.
          items: shardIds.map((s) => ({
            name: `gate ${s}`,
            item: {
              Update: {
                TableName: this.table.name,
                Key: keys.gate(id, s),
                UpdateExpression: 'SET #open = :f',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: { ':f': false },
              },
            },
          })),
        };
      });
    } catch (err) {
      if (!(err instanceof AlreadyDoneError)) throw err;
    }
    return { closedAt, alreadyClosed: already };
  }

  async fixPublishedAt(id: string, now: string): Promise<string> {
    const r = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.consultation(id),
        UpdateExpression: 'SET publishedAt = if_not_exists(publishedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parseItem(PublishedAtAttributes, r.Attributes, 'consultation').publishedAt;
  }

  async markPublished(id: string, resultUrl: string, audit: AuditDraft): Promise<void> {
    await this.log
      .transact(id, audit, (cur) => {
        if (cur.st === 'published') throw new AlreadyDoneError();
        if (cur.st !== 'closed') throw new DomainError('wrong_state', `consultation is ${cur.st}, not closed`);
        return {
          set: '#st = :pub, resultUrl = :url',
          values: { ':pub': 'published', ':url': resultUrl, ':closed': 'closed' },
          condition: '#st = :closed',
        };
      })
      .catch((err) => {
        if (!(err instanceof AlreadyDoneError)) throw err;
      });
  }
}
