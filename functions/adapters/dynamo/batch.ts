/** Reads and writes of many items: paged queries, BatchGetItem and BatchWriteItem with their unprocessed retries. */
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { parseItem } from './items.ts';
import { backoff, withThrottling } from './retry.ts';
import type { Table } from './table.ts';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];
type Key = NonNullable<NonNullable<BatchGetCommandInput['RequestItems']>[string]['Keys']>[number];

/** Every item a query matches, page after page, each parsed with `schema` (`what` names the item in errors). */
export async function queryAll<T extends z.ZodType>(
  table: Table,
  query: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  schema: T,
  what: string,
): Promise<Array<z.output<T>>> {
  const out: Array<z.output<T>> = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await withThrottling(() => table.doc.send(new QueryCommand({ ...query, TableName: table.name, ExclusiveStartKey: start })));
    for (const item of page.Items ?? []) out.push(parseItem(schema, item, what));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The items of `keys` in strongly consistent BatchGetItem requests, retrying unprocessed keys; missing items are left out. */
export async function batchGet<T extends z.ZodType>(table: Table, keys: Key[], schema: T, what: string): Promise<Array<z.output<T>>> {
  const out: Array<z.output<T>> = [];
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 10) throw new Error(`DynamoDB kept ${what} unprocessed after 10 tries`);
    const r = await withThrottling(() => table.doc.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true } } })));
    for (const item of r.Responses?.[table.name] ?? []) out.push(parseItem(schema, item, what));
    pending = r.UnprocessedKeys?.[table.name]?.Keys ?? [];
    if (pending.length > 0) await backoff(attempt);
  }
  return out;
}

/** BatchWriteItem in chunks of 25, four requests at a time, retrying unprocessed items with backoff. */
export async function batchWrite(table: Table, requests: WriteRequest[]): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending = chunks[next++]!;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('DynamoDB kept items unprocessed after 10 tries');
        const r = await withThrottling(() => table.doc.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } })));
        pending = r.UnprocessedItems?.[table.name] ?? [];
        if (pending.length > 0) await backoff(attempt);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
