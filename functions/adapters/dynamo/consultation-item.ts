/**
 * The consultation item `C#<id>/C`, which every act of a consultation reads: its document, its state, the audit
 * chain head, and the short lock of a multi-step act (roll upload, opening).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import * as z from 'zod';
import { Channel, type Consultation, type Document, type State } from '../../../shared/schemas.ts';
import type { ChannelCounts, ConsultationRecord } from '../../core/store.ts';
import { keys, shardIds, slotPartition } from '../dynamo-table.ts';
import { queryAll } from './batch.ts';
import { ConsultationItem, parseItem } from './items.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';
import { isConditionFailed } from './transaction.ts';

const LOCK_MS = 5 * 60_000;

/** The consultation item, strongly consistent; undefined if there is no such consultation. Throttling is retried (retry.ts). */
export async function readConsultation(table: Table, id: string): Promise<ConsultationItem | undefined> {
  const r = await withThrottling(() => table.doc.send(new GetCommand({ TableName: table.name, Key: keys.consultation(id), ConsistentRead: true })));
  return r.Item ? parseItem(ConsultationItem, r.Item, 'consultation') : undefined;
}

/** A slot as the turnout reads it: only its channel (present exactly while the household takes part). */
const TurnoutSlot = z.object({ channel: Channel });

/**
 * The live turnout, counted from the household slots themselves: one strongly consistent Query per slot shard,
 * projecting only the channel of the slots that have one. A slot carries a channel exactly while its household
 * takes part (a counted ballot, or a slip ticked off as returned), and is written in the same transaction as the
 * ballot, so the count is exact with no counter in the cast transaction. Read only where counts are shown.
 */
export async function countTurnout(table: Table, id: string): Promise<ChannelCounts> {
  const counts: ChannelCounts = { online: 0, paper: 0, meeting: 0 };
  const shards = await Promise.all(
    shardIds.map((s) =>
      queryAll(
        table,
        {
          KeyConditionExpression: 'pk = :p',
          FilterExpression: 'attribute_exists(#ch)',
          ProjectionExpression: '#ch',
          ExpressionAttributeNames: { '#ch': 'channel' },
          ExpressionAttributeValues: { ':p': slotPartition(id, s) },
          ConsistentRead: true,
        },
        TurnoutSlot,
        'slot',
      ),
    ),
  );
  for (const slot of shards.flat()) counts[slot.channel]++;
  return counts;
}

/** The consultation item, or `not_found`. */
export async function requireConsultation(table: Table, id: string): Promise<ConsultationItem> {
  const item = await readConsultation(table, id);
  if (!item) throw new DomainError('not_found', 'no such consultation');
  return item;
}

/** Takes the consultation's short lock for a multi-step act (roll upload, opening), in one of `states`; its token. */
export async function lock(table: Table, id: string, states: readonly State[], now: string): Promise<string> {
  const token = crypto.randomUUID();
  const t = Date.parse(now);
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.consultation(id),
        UpdateExpression: 'SET lockToken = :tok, lockUntil = :until',
        ConditionExpression: `attribute_exists(pk) AND #st IN (${states.map((_, i) => `:s${i}`).join(', ')}) AND (attribute_not_exists(lockUntil) OR lockUntil < :now)`,
        ExpressionAttributeNames: { '#st': 'st' },
        ExpressionAttributeValues: { ':tok': token, ':until': t + LOCK_MS, ':now': t, ...Object.fromEntries(states.map((s, i) => [`:s${i}`, s])) },
      }),
    );
    return token;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const cur = await readConsultation(table, id);
    if (!cur) throw new DomainError('not_found', 'no such consultation');
    if (!states.includes(cur.st)) throw new DomainError(cur.st === 'voting' ? 'already_open' : 'wrong_state', `consultation is ${cur.st}`);
    throw new DomainError('busy', 'another change to this consultation is in progress; try again');
  }
}

/** Releases the lock if `token` still holds it (a failed act gives it back; the act's own transaction removes it on success). */
export async function unlock(table: Table, id: string, token: string): Promise<void> {
  await table.doc
    .send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.consultation(id),
        UpdateExpression: 'REMOVE lockToken, lockUntil',
        ConditionExpression: 'lockToken = :tok',
        ExpressionAttributeValues: { ':tok': token },
      }),
    )
    .catch(() => undefined);
}

/** The consultation with these documents; without the field when there are none, as before any was attached. */
export function withDocuments(c: Consultation, documents: readonly Document[]): Consultation {
  const { documents: _old, ...rest } = c;
  return documents.length > 0 ? { ...rest, documents: [...documents] } : rest;
}

/** The port's record of a consultation item, but the live turnout. */
export function toRecord(i: ConsultationItem): Omit<ConsultationRecord, 'participants'> {
  return {
    consultation: i.doc,
    state: i.st,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    rollCount: i.rollCount ?? 0,
    auditCount: i.auditSeq,
    ...(i.slipsIssued !== undefined || i.slipsEntered !== undefined ? { slips: { issued: i.slipsIssued ?? 0, entered: i.slipsEntered ?? 0 } } : {}),
    ...(i.closedAt ? { closedAt: i.closedAt } : {}),
    ...(i.publishedAt ? { publishedAt: i.publishedAt } : {}),
    ...(i.resultUrl ? { resultUrl: i.resultUrl } : {}),
  };
}
