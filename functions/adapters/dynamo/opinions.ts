/**
 * Other opinions on DynamoDB (`O#<id>/<opinionId>`): a partition of their own that no ballot query reads, each item
 * holding its question, its text and its day, never a household, a receipt or a finer time. The id is random, so the
 * partition's order says nothing about who sent what or when. An opinion is put together with a check of the gate of
 * its id's shard, so none is added after the close has flipped the gates; hiding is an audited transaction.
 *
 * | item | pk | sk |
 * | --- | --- | --- |
 * | other opinion (no household, no receipt, the day only) | `O#<id>` | `<random opinion id, hex>` |
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { OpinionHidden, type StoredOpinion } from '../../../shared/opinions.ts';
import type { Opinion } from '../../../shared/schemas.ts';
import type { AuditDraft } from '../../core/store.ts';
import { keys, receiptShard } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { queryAll } from './batch.ts';
import { readConsultation } from './consultation-item.ts';
import type { Table } from './table.ts';
import { type NamedItem, TransactionCancelledError, transact } from './transaction.ts';

const opinionKey = (id: string, opinionId: string) => ({ pk: `O#${id}`, sk: opinionId });

const OpinionItem = z.object({
  sk: z.string(),
  questionId: z.string(),
  text: z.string(),
  day: z.string(),
  hidden: OpinionHidden.optional(),
});

export class Opinions {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  async add(id: string, opinion: Omit<StoredOpinion, 'hidden'>, now: string): Promise<void> {
    const items: NamedItem[] = [
      {
        name: 'gate',
        item: {
          ConditionCheck: {
            TableName: this.table.name,
            Key: keys.gate(id, receiptShard(opinion.id)),
            ConditionExpression: '#open = :t AND closesAt > :now AND opensAt <= :now',
            ExpressionAttributeNames: { '#open': 'open' },
            ExpressionAttributeValues: { ':t': true, ':now': now },
          },
        },
      },
      {
        name: 'opinion',
        item: {
          Put: {
            TableName: this.table.name,
            Item: { ...opinionKey(id, opinion.id), questionId: opinion.questionId, text: opinion.text, day: opinion.day },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
    ];
    try {
      await transact(this.table, items);
    } catch (err) {
      if (!(err instanceof TransactionCancelledError)) throw err;
      if (err.conditionFailed(['gate'])) {
        const item = await readConsultation(this.table, id);
        if (!item) throw new DomainError('not_found', 'no such consultation');
        throw new DomainError('not_open', `consultation is ${item.st}`);
      }
      if (err.conditionFailed(['opinion'])) throw new DomainError('busy', 'an opinion with this id exists; try again');
      throw new DomainError('busy', 'the opinion was not kept; try again');
    }
  }

  async list(id: string): Promise<StoredOpinion[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': opinionKey(id, '').pk }, ConsistentRead: true },
      OpinionItem,
      'opinion',
    );
    return items.map((i) => ({ id: i.sk, questionId: i.questionId, text: i.text, day: i.day, ...(i.hidden ? { hidden: i.hidden } : {}) }));
  }

  /** The visible opinions as the recount publishes them (none: the field is left out). */
  async visible(id: string): Promise<{ opinions?: Opinion[] }> {
    const shown = (await this.list(id)).filter((o) => !o.hidden).map((o) => ({ questionId: o.questionId, text: o.text }));
    return shown.length > 0 ? { opinions: shown } : {};
  }

  async hide(id: string, opinionId: string, hidden: OpinionHidden, audit: AuditDraft): Promise<void> {
    const key = opinionKey(id, opinionId);
    const item = {
      Update: {
        TableName: this.table.name,
        Key: key,
        // HIDDEN is one of DynamoDB's reserved words.
        UpdateExpression: 'SET #hidden = :h',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
        ExpressionAttributeNames: { '#hidden': 'hidden' },
        ExpressionAttributeValues: { ':h': hidden },
      },
    };
    await this.log
      .transact(id, audit, (cur) => {
        if (cur.st !== 'voting') throw new DomainError('wrong_state', `opinions are moderated while voting; this consultation is ${cur.st}`);
        return { condition: '#st = :voting', values: { ':voting': 'voting' }, items: [{ name: 'opinion', item }] };
      })
      .catch(async (err) => {
        if (!(err instanceof TransactionCancelledError)) throw err;
        const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: key, ConsistentRead: true }));
        if (!r.Item) throw new DomainError('not_found', 'no such opinion');
        throw new DomainError('wrong_state', 'the opinion is already hidden');
      });
  }
}
