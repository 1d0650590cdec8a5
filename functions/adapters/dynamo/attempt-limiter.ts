/**
 * The AttemptLimiter port on DynamoDB: failed attempts per client key (`R#<key>/R`) in a window, counted with
 * conditional updates so that simultaneous failures each count once. Items expire by TTL after two windows.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import type { AttemptLimiter } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { AttemptsItem, parseItem } from './items.ts';
import { withThrottling } from './retry.ts';
import { openTable, type Table } from './table.ts';
import { isConditionFailed } from './transaction.ts';

export class DynamoAttemptLimiter implements AttemptLimiter {
  private readonly table: Table;

  constructor(
    client: DynamoDBClient,
    table: string,
    private readonly windowMs = 15 * 60_000,
  ) {
    this.table = openTable(client, table);
  }

  async failures(key: string, now: Date): Promise<number> {
    const r = await withThrottling(() => this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.attempts(key), ConsistentRead: true })));
    if (!r.Item) return 0;
    const attempts = parseItem(AttemptsItem, r.Item, 'attempts');
    return attempts.windowStart + this.windowMs < now.getTime() ? 0 : attempts.n;
  }

  /** Atomically counts one more failure in the window (starting a new window when the old one is over); the new count. */
  async recordFailure(key: string, now: Date): Promise<number> {
    const t = now.getTime();
    const ttl = Math.ceil((t + 2 * this.windowMs) / 1000);
    const old = t - this.windowMs;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const r = await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: keys.attempts(key),
            UpdateExpression: 'ADD n :one SET expiresAt = :ttl',
            ConditionExpression: 'attribute_exists(pk) AND windowStart > :old',
            ExpressionAttributeValues: { ':one': 1, ':ttl': ttl, ':old': old },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return parseItem(AttemptsItem, r.Attributes, 'attempts').n;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
      try {
        // No current window: start one, unless a concurrent failure just did (then count in that one).
        await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: keys.attempts(key),
            UpdateExpression: 'SET n = :one, windowStart = :t, expiresAt = :ttl',
            ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :old',
            ExpressionAttributeValues: { ':one': 1, ':t': t, ':ttl': ttl, ':old': old },
          }),
        );
        return 1;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    throw new DomainError('busy', 'too many simultaneous attempts; try again');
  }
}
