/**
 * A process (a village-head election) and its own audit log, in a partition of its own: `PROCESS#<id>/PROCESS` holds
 * the record and the head of the chain (`auditSeq`, `auditHead`), each event is `PROCESS#<id>/A#<seq, 10 digits>`, and
 * a copy of the record sits in its commune's partition (`COMMUNE#<commune>/PROCESS#<id>`) for the commune's list. As
 * for the commune's log, the act, its event and the copy are one transaction conditional on the head being unchanged.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, ProcessRecord, StoredProcess } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { queryAll } from './batch.ts';
import { AuditItem, parseItem } from './items.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';
import { TransactionCancelledError, transact } from './transaction.ts';

/** The record as kept: a JSON document whose key fields are checked when read back. */
const Doc = z
  .string()
  .transform((s) => JSON.parse(s) as unknown)
  .pipe(
    z.looseObject({
      id: z.string(),
      commune: z.string(),
      hamlet: z.string(),
      kind: z.enum(['village_head_election', 'dismissal', 'board_election', 'community_rule']),
      meeting: z.string(),
    }),
  );

const ProcessItem = z.object({ doc: Doc, auditSeq: z.number(), auditHead: z.string() });
const ListItem = z.object({ doc: Doc });

export class Processes {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<StoredProcess | undefined> {
    const r = await withThrottling(() => this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.process(id), ConsistentRead: true })));
    if (!r.Item) return undefined;
    const item = parseItem(ProcessItem, r.Item, 'process');
    return { record: item.doc as unknown as ProcessRecord, auditSeq: item.auditSeq };
  }

  async put(record: ProcessRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent> {
    const cur = prevSeq === 0 ? undefined : await this.head(record.id);
    if (prevSeq !== 0 && cur?.seq !== prevSeq) throw new DomainError('busy', 'the process changed meanwhile; try again');
    const event = sealEvent(cur, audit);
    const doc = JSON.stringify(record);
    try {
      await transact(this.table, [
        {
          name: 'process',
          item: {
            Put: {
              TableName: this.table.name,
              Item: { ...keys.process(record.id), doc, auditSeq: event.seq, auditHead: event.hash, updatedAt: audit.at },
              ConditionExpression: prevSeq === 0 ? 'attribute_not_exists(pk)' : 'auditSeq = :prevSeq',
              ExpressionAttributeValues: prevSeq === 0 ? undefined : { ':prevSeq': prevSeq },
            },
          },
        },
        { name: 'list', item: { Put: { TableName: this.table.name, Item: { ...keys.processOfCommune(record.commune, record.id), doc } } } },
        {
          name: 'event',
          item: {
            Put: {
              TableName: this.table.name,
              Item: { ...keys.processAudit(record.id, event.seq), event: JSON.stringify(event) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelledError) throw new DomainError('busy', 'the process changed meanwhile; try again');
      throw err;
    }
    return event;
  }

  async list(commune: string): Promise<ProcessRecord[]> {
    const items = await queryAll(
      this.table,
      {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': keys.communeProfile(commune).pk, ':s': 'PROCESS#' },
        ConsistentRead: true,
        ScanIndexForward: false,
      },
      ListItem,
      'process of a commune',
    );
    return items.map((i) => i.doc as unknown as ProcessRecord);
  }

  async events(id: string): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.table,
      {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':p': keys.process(id).pk, ':a': 'A#' },
        ConsistentRead: true,
      },
      AuditItem,
      'process audit event',
    );
    return items.map((i) => i.event);
  }

  private async head(id: string): Promise<{ seq: number; hash: string } | undefined> {
    const r = await withThrottling(() => this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.process(id), ConsistentRead: true })));
    if (!r.Item) return undefined;
    const item = parseItem(ProcessItem, r.Item, 'process');
    return { seq: item.auditSeq, hash: item.auditHead };
  }
}
