/** Finding ballots by the start of their receipt: the tracking code a resident keeps is a receipt's first characters. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import { keys } from '../dynamo-table.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';

/** Two receipts are enough to say the prefix is ambiguous. */
const AT_MOST = 2;

/**
 * The receipts of consultation `id` starting with `prefix` (lowercase hex, at least 2 characters), at most two. The
 * first byte names the ballot's shard (dynamo-table.ts `receiptShard`), so one Query of one partition answers.
 */
export async function findReceipts(table: Table, id: string, prefix: string): Promise<string[]> {
  if (!/^[0-9a-f]{2,64}$/.test(prefix)) throw new DomainError('invalid_request', 'a receipt prefix is 2 to 64 lowercase hex characters');
  const r = await withThrottling(() =>
    table.doc.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':p': keys.ballot(id, prefix).pk, ':prefix': prefix },
        ProjectionExpression: 'sk',
        Limit: AT_MOST,
        ConsistentRead: true,
      }),
    ),
  );
  return (r.Items ?? []).map((item) => String(item.sk));
}
