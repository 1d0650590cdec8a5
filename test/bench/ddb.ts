/** DynamoDB helpers of the benchmarks: bulk writes and reads of whole partitions. */
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Puts `items` with BatchWriteItem, 25 a request, `inFlight` requests at once, retrying unprocessed items. */
export async function batchPut(doc: DynamoDBDocumentClient, table: string, items: Array<Record<string, unknown>>, inFlight = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending: Array<Record<string, unknown>> = items.slice(next, next + 25).map((Item) => ({ PutRequest: { Item } }));
      next += 25;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('DynamoDB Local kept items unprocessed after 10 tries');
        const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
        pending = (r.UnprocessedItems?.[table] ?? []) as Array<Record<string, unknown>>;
        if (pending.length) await new Promise((res) => setTimeout(res, 10 * (attempt + 1)));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** Every item of one partition, consistently read. */
export async function queryPartition(doc: DynamoDBDocumentClient, table: string, pk: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
