/**
 * Paper slips by serial on DynamoDB: the serials of a household-ballot round (`P#<id>/<serial>`, no household),
 * the households ticked off as returned (their slot, channel `paper`), and each slip entered once by its serial.
 * Every act is one audited transaction: the serial's own condition makes the second of two simultaneous entries of
 * one serial fail (409 `duplicate_serial`), and the counts kept on the consultation item (`slipsEntered`,
 * `slipsReturned`) move with the head, so the close reads them exactly.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditDraft, SlipInput } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { batchWrite, queryAll } from './batch.ts';
import { readConsultation } from './consultation-item.ts';
import { type ConsultationItem, parseItem, SerialItem, SlotItem } from './items.ts';
import type { Table } from './table.ts';
import { type NamedItem, TransactionCancelledError } from './transaction.ts';

/** Throws `slips_unreconciled` when a round with issued slips has entered a different number than came back. */
export function unreconciledSlips(cur: ConsultationItem): void {
  if (cur.slipsIssued === undefined) return;
  const entered = cur.slipsEntered ?? 0;
  const returned = cur.slipsReturned ?? 0;
  if (entered === returned) return;
  throw new DomainError('slips_unreconciled', `${entered} slips entered but ${returned} households ticked off as returned`, [
    { path: 'slipsEntered', message: String(entered) },
    { path: 'returned', message: String(returned) },
  ]);
}

function whileVoting(cur: ConsultationItem): void {
  if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
}

export class Slips {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  /** Writes the serials of an opening (after removing any an earlier, failed opening left). */
  async issue(id: string, serials: readonly string[]): Promise<void> {
    await this.removeAll(id);
    await batchWrite(
      this.table,
      serials.map((s) => ({ PutRequest: { Item: { ...keys.serial(id, s) } } })),
    );
  }

  /** Writes more serials of an opening in progress, keeping those already written. */
  async issueMore(id: string, serials: readonly string[]): Promise<void> {
    await batchWrite(
      this.table,
      serials.map((s) => ({ PutRequest: { Item: { ...keys.serial(id, s) } } })),
    );
  }

  async list(id: string): Promise<string[]> {
    const item = await readConsultation(this.table, id);
    if (item?.slipsIssued === undefined) return [];
    return (await this.items(id)).map((i) => i.sk);
  }

  async tickReturn(id: string, household: string, audit: AuditDraft): Promise<void> {
    const items: NamedItem[] = [
      {
        name: 'slot',
        item: {
          Update: {
            TableName: this.table.name,
            Key: keys.slot(id, household),
            UpdateExpression: 'SET returned = :t, channel = :paper, ver = ver + :one',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(returned) AND attribute_not_exists(receipt)',
            ExpressionAttributeValues: { ':t': true, ':paper': 'paper', ':one': 1 },
          },
        },
      },
    ];
    try {
      await this.log.transact(id, audit, (cur) => {
        whileVoting(cur);
        return { set: 'slipsReturned = if_not_exists(slipsReturned, :zero) + :one', values: { ':zero': 0, ':one': 1 }, items };
      });
    } catch (err) {
      if (!(err instanceof TransactionCancelledError)) throw err;
      const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.slot(id, household), ConsistentRead: true }));
      if (!r.Item) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
      parseItem(SlotItem, r.Item, 'slot');
      throw new DomainError('already_returned', `household ${household} is already ticked off`);
    }
  }

  async enter(input: SlipInput): Promise<void> {
    const { consultationId: id, ballot, atMost } = input;
    const serialKey = keys.serial(id, ballot.serial);
    // A household-ballot slip takes a serial issued at opening; a meeting's secret ballot a serial not seen before.
    const serialItem: NamedItem =
      atMost === undefined
        ? {
            name: 'serial',
            item: {
              Update: {
                TableName: this.table.name,
                Key: serialKey,
                UpdateExpression: 'SET receipt = :r',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(receipt)',
                ExpressionAttributeValues: { ':r': ballot.receipt },
              },
            },
          }
        : {
            name: 'serial',
            item: { Put: { TableName: this.table.name, Item: { ...serialKey, receipt: ballot.receipt }, ConditionExpression: 'attribute_not_exists(pk)' } },
          };
    const ballotItem: NamedItem = {
      name: 'ballot',
      item: {
        Put: {
          TableName: this.table.name,
          Item: { ...keys.ballot(id, ballot.receipt), answers: ballot.answers, nonce: ballot.nonce, serial: ballot.serial, status: 'counted' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
    try {
      await this.log.transact(id, input.audit, (cur) => {
        whileVoting(cur);
        // The count as read is exact: the head's condition fails if any other act committed since.
        const entered = cur.slipsEntered ?? 0;
        if (atMost !== undefined && entered >= atMost) throw new DomainError('too_many_slips', `${entered} slips entered for ${atMost} households present`);
        return { set: 'slipsEntered = if_not_exists(slipsEntered, :zero) + :one', values: { ':zero': 0, ':one': 1 }, items: [serialItem, ballotItem] };
      });
    } catch (err) {
      if (!(err instanceof TransactionCancelledError)) throw err;
      if (!err.conditionFailed(['serial'])) throw new DomainError('busy', 'this ballot was already recorded');
      const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: serialKey, ConsistentRead: true }));
      if (!r.Item) throw new DomainError('invalid_request', `no slip with serial ${ballot.serial} was issued`, [{ path: 'serial', message: 'never issued' }]);
      throw new DomainError('duplicate_serial', `the slip ${ballot.serial} is already entered`);
    }
  }

  /** Deletes every serial of a consultation that is not yet voting. */
  async removeAll(id: string): Promise<void> {
    const old = await this.items(id);
    await batchWrite(
      this.table,
      old.map((i) => ({ DeleteRequest: { Key: keys.serial(id, i.sk) } })),
    );
  }

  private items(id: string) {
    return queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.serial(id, '').pk }, ConsistentRead: true },
      SerialItem,
      'serial',
    );
  }
}
