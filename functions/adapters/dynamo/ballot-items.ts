/**
 * The named items of the two ballot transactions: a cast (gate check, slot update, new ballot, old ballot marked
 * replaced, turnout counter) and the withdrawal of a paper or meeting entry (the same, undone).
 */
import type { Channel } from '../../../shared/schemas.ts';
import type { CastInput } from '../../core/store.ts';
import { keys, receiptShard } from '../dynamo-table.ts';
import type { SlotItem } from './items.ts';
import type { NamedItem } from './transaction.ts';

export type CastItemName = 'gate' | 'slot' | 'ballot' | 'replaced' | 'counter';
export type WithdrawItemName = 'gate' | 'slot' | 'withdrawn' | 'restored' | 'counter';

/** The gate of the receipt's shard must be open, and `now` within the voting period. */
function gateCheck(table: string, id: string, receipt: string, now: string): NamedItem<'gate'> {
  return {
    name: 'gate',
    item: {
      ConditionCheck: {
        TableName: table,
        Key: keys.gate(id, receiptShard(receipt)),
        ConditionExpression: '#open = :t AND closesAt > :now AND opensAt <= :now',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':t': true, ':now': now },
      },
    },
  };
}

/** Sets a ballot's status from `from` to `to`, conditional on it being `from`. */
function ballotStatus<N extends string>(name: N, table: string, id: string, receipt: string, from: string, to: string): NamedItem<N> {
  return {
    name,
    item: {
      Update: {
        TableName: table,
        Key: keys.ballot(id, receipt),
        UpdateExpression: `SET #s = :${to}`,
        ConditionExpression: `#s = :${from}`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { [`:${from}`]: from, [`:${to}`]: to },
      },
    },
  };
}

/** The items of the cast transaction; `slot` undefined means "assume a first ballot" (checked by the slot's condition). */
export function castItems(table: string, input: CastInput, slot: SlotItem | undefined): Array<NamedItem<CastItemName>> {
  const { consultationId: id, household, ballot, channel, now } = input;
  const prev = slot?.receipt;
  const prevChannel = slot?.channel;
  const slotCondition = slot
    ? { ConditionExpression: 'ver = :ver', values: { ':ver': slot.ver } }
    : input.credentialHash !== undefined
      ? { ConditionExpression: 'credHash = :h AND attribute_not_exists(receipt)', values: { ':h': input.credentialHash } }
      : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(receipt)', values: {} };
  const items: Array<NamedItem<CastItemName>> = [
    gateCheck(table, id, ballot.receipt, now),
    {
      name: 'slot',
      item: {
        Update: {
          TableName: table,
          Key: keys.slot(id, household),
          UpdateExpression: 'SET receipt = :r, channel = :ch, votedAt = :now, ver = ver + :one',
          ConditionExpression: slotCondition.ConditionExpression,
          ExpressionAttributeValues: { ':r': ballot.receipt, ':ch': channel, ':now': now, ':one': 1, ...slotCondition.values },
        },
      },
    },
    {
      name: 'ballot',
      item: {
        Put: {
          TableName: table,
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
    },
  ];
  if (prev) items.push(ballotStatus('replaced', table, id, prev, 'counted', 'replaced'));
  return items;
}

/** What a withdrawal undoes: the household's slot as read, and the ballot the entry replaced (if any). */
export interface Withdrawal {
  id: string;
  household: string;
  receipt: string;
  channel: Channel;
  slotVersion: number;
  prev?: string;
  prevChannel?: Channel;
  now: string;
}

/** The items of a withdrawal: the entry stops counting, the ballot it replaced (if any) counts again. */
export function withdrawItems(table: string, w: Withdrawal): Array<NamedItem<WithdrawItemName>> {
  const { id, household, receipt, channel, prev, prevChannel } = w;
  const items: Array<NamedItem<WithdrawItemName>> = [
    gateCheck(table, id, receipt, w.now),
    {
      name: 'slot',
      item: {
        Update: {
          TableName: table,
          Key: keys.slot(id, household),
          UpdateExpression: prev
            ? `SET receipt = :pr, ver = ver + :one${prevChannel ? ', channel = :pc' : ' REMOVE channel'}`
            : 'SET ver = ver + :one REMOVE receipt, channel, votedAt',
          ConditionExpression: 'ver = :ver AND receipt = :r AND channel = :ch',
          ExpressionAttributeValues: {
            ':one': 1,
            ':ver': w.slotVersion,
            ':r': receipt,
            ':ch': channel,
            ...(prev ? { ':pr': prev } : {}),
            ...(prevChannel ? { ':pc': prevChannel } : {}),
          },
        },
      },
    },
    ballotStatus('withdrawn', table, id, receipt, 'counted', 'withdrawn'),
  ];
  if (prev) items.push(ballotStatus('restored', table, id, prev, 'replaced', 'counted'));
  return items;
}
