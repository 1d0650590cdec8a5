/**
 * What close-and-publish keeps so that a round is signed once: the closer's lease and the signature itself, in one
 * item beside the consultation (`C#<id>/PUB`). The signature is written with a condition before `result.jws` is
 * published, so a re-run (after a crash, or a second closer) publishes the same bytes instead of signing again.
 * The sealed key of the code slips (`C#<id>/SLIPKEY`) lives here too: encrypted, short-lived, dropped at close.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import type { KeptSignature } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { parseItem } from './items.ts';
import type { Table } from './table.ts';

const PublicationItem = z.object({
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  manifestHash: z.string().optional(),
  jws: z.string().optional(),
});

const SlipKeyItem = z.object({ sealed: z.string(), until: z.string() });

const publicationKey = (id: string) => ({ pk: keys.consultation(id).pk, sk: 'PUB' });
const slipKeyKey = (id: string) => ({ pk: keys.consultation(id).pk, sk: 'SLIPKEY' });

const conditionFailed = (err: unknown) =>
  err instanceof ConditionalCheckFailedException || (err as { name?: string })?.name === 'ConditionalCheckFailedException';

export class Publication {
  constructor(private readonly table: Table) {}

  async takeLease(id: string, owner: string, now: string, until: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: publicationKey(id),
          UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
          ConditionExpression: 'attribute_not_exists(leaseOwner) OR leaseOwner = :owner OR leaseUntil <= :now',
          ExpressionAttributeValues: { ':owner': owner, ':until': until, ':now': now },
        }),
      );
      return true;
    } catch (err) {
      if (conditionFailed(err)) return false;
      throw err;
    }
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: publicationKey(id),
          UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (err) {
      // Taken over after it ran out: the new holder's lease is not ours to remove.
      if (!conditionFailed(err)) throw err;
    }
  }

  async keepSignature(id: string, signature: KeptSignature): Promise<KeptSignature> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: publicationKey(id),
          UpdateExpression: 'SET manifestHash = :h, jws = :jws',
          ConditionExpression: 'attribute_not_exists(jws)',
          ExpressionAttributeValues: { ':h': signature.manifestHash, ':jws': signature.jws },
        }),
      );
      return signature;
    } catch (err) {
      if (!conditionFailed(err)) throw err;
      const kept = await this.signature(id);
      if (!kept) throw new DomainError('integrity_error', 'the kept signature vanished');
      return kept;
    }
  }

  async signature(id: string): Promise<KeptSignature | undefined> {
    const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: publicationKey(id), ConsistentRead: true }));
    if (!r.Item) return undefined;
    const item = parseItem(PublicationItem, r.Item, 'publication');
    return item.jws && item.manifestHash ? { manifestHash: item.manifestHash, jws: item.jws } : undefined;
  }

  async keepSlipKey(id: string, sealed: string, until: string): Promise<void> {
    // `expiresAt` (epoch seconds, the table's time-to-live attribute) removes a key nobody dropped.
    const expires = Math.ceil(Date.parse(until) / 1000);
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: slipKeyKey(id),
        UpdateExpression: 'SET sealed = :s, #until = :u, expiresAt = :e',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':s': sealed, ':u': until, ':e': expires },
      }),
    );
  }

  async slipKey(id: string, now: string): Promise<string | undefined> {
    const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: slipKeyKey(id), ConsistentRead: true }));
    if (!r.Item) return undefined;
    const item = parseItem(SlipKeyItem, r.Item, 'slip key');
    return item.until > now ? item.sealed : undefined;
  }

  async dropSlipKey(id: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: slipKeyKey(id) }));
  }
}
