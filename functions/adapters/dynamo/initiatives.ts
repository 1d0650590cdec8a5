/**
 * Citizens' initiatives (Law 10/2022 Art. 16(3)), every item in an `I#` partition, the only prefix of theirs the
 * residents' function may write besides a comment's (a household proposes and consents there):
 *
 * | item                                                           | pk                   | sk                    |
 * | -------------------------------------------------------------- | -------------------- | --------------------- |
 * | the initiative and the head of its own audit chain             | `I#<id>`             | `I`                   |
 * | an event of its chain                                          | `I#<id>`             | `A#<seq, 10 digits>`  |
 * | a household's consent (one per roll id, `until` its last day)  | `I#<id>`             | `H#<rollId>`          |
 * | a copy of the initiative in its commune's list                 | `I#list#<commune>`   | `<id>`                |
 *
 * As for a process, the act, its event and the copy are one transaction conditional on the head being unchanged; a
 * consent is one conditional put (none there, or the one there stopped counting), so a household never counts twice.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { Consent } from '../../../shared/process/initiatives.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, InitiativeRecord, StoredInitiative } from '../../core/store.ts';
import { queryAll } from './batch.ts';
import { AuditItem, parseItem } from './items.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';
import { TransactionCancelledError, transact } from './transaction.ts';

export const initiativeKeys = {
  record: (id: string) => ({ pk: `I#${id}`, sk: 'I' }),
  audit: (id: string, seq: number) => ({ pk: `I#${id}`, sk: `A#${String(seq).padStart(10, '0')}` }),
  consent: (id: string, rollId: string) => ({ pk: `I#${id}`, sk: `H#${rollId}` }),
  ofCommune: (commune: string, id: string) => ({ pk: `I#list#${commune}`, sk: id }),
};

/** The record as kept: a JSON document whose key fields are checked when read back. */
const Doc = z
  .string()
  .transform((s) => JSON.parse(s) as unknown)
  .pipe(z.looseObject({ id: z.string(), commune: z.string(), hamlet: z.string(), rollFrom: z.string(), title: z.string() }));

const RecordItem = z.object({ doc: Doc, auditSeq: z.number(), auditHead: z.string() });
const ListItem = z.object({ doc: Doc });
const ConsentItem = z.object({
  consent: z
    .string()
    .transform((s) => JSON.parse(s) as unknown)
    .pipe(Consent),
});

const busy = () => new DomainError('busy', 'the initiative changed meanwhile; try again');

export class Initiatives {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<StoredInitiative | undefined> {
    const item = await this.item(id);
    return item ? { record: item.doc as unknown as InitiativeRecord, auditSeq: item.auditSeq } : undefined;
  }

  async put(record: InitiativeRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent> {
    const cur = prevSeq === 0 ? undefined : await this.item(record.id);
    if (prevSeq !== 0 && cur?.auditSeq !== prevSeq) throw busy();
    const event = sealEvent(cur ? { seq: cur.auditSeq, hash: cur.auditHead } : undefined, audit);
    const doc = JSON.stringify(record);
    const put = (Item: Record<string, unknown>, ConditionExpression?: string, values?: Record<string, unknown>) => ({
      Put: { TableName: this.table.name, Item, ConditionExpression, ExpressionAttributeValues: values },
    });
    try {
      await transact(this.table, [
        {
          name: 'initiative',
          item: put(
            { ...initiativeKeys.record(record.id), doc, auditSeq: event.seq, auditHead: event.hash, updatedAt: audit.at },
            prevSeq === 0 ? 'attribute_not_exists(pk)' : 'auditSeq = :prevSeq',
            prevSeq === 0 ? undefined : { ':prevSeq': prevSeq },
          ),
        },
        { name: 'list', item: put({ ...initiativeKeys.ofCommune(record.commune, record.id), doc }) },
        { name: 'event', item: put({ ...initiativeKeys.audit(record.id, event.seq), event: JSON.stringify(event) }, 'attribute_not_exists(pk)') },
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelledError) throw busy();
      throw err;
    }
    return event;
  }

  async list(commune: string): Promise<InitiativeRecord[]> {
    const items = await queryAll(
      this.table,
      {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': initiativeKeys.ofCommune(commune, '').pk },
        ConsistentRead: true,
        ScanIndexForward: false,
      },
      ListItem,
      'initiative of a commune',
    );
    return items.map((i) => i.doc as unknown as InitiativeRecord);
  }

  async events(id: string): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)', ExpressionAttributeValues: { ':p': `I#${id}`, ':a': 'A#' }, ConsistentRead: true },
      AuditItem,
      'initiative audit event',
    );
    return items.map((i) => i.event);
  }

  async addConsent(id: string, consent: Consent, until: string, today: string): Promise<boolean> {
    try {
      await withThrottling(() =>
        this.table.doc.send(
          new PutCommand({
            TableName: this.table.name,
            Item: { ...initiativeKeys.consent(id, consent.rollId), consent: JSON.stringify(consent), until },
            ConditionExpression: 'attribute_not_exists(pk) OR #until < :today',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: { ':today': today },
          }),
        ),
      );
      return true;
    } catch (err) {
      if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async consents(id: string): Promise<Consent[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)', ExpressionAttributeValues: { ':p': `I#${id}`, ':h': 'H#' }, ConsistentRead: true },
      ConsentItem,
      'consent',
    );
    return items.map((i) => i.consent);
  }

  private async item(id: string) {
    const r = await withThrottling(() =>
      this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: initiativeKeys.record(id), ConsistentRead: true })),
    );
    return r.Item ? parseItem(RecordItem, r.Item, 'initiative') : undefined;
  }
}
