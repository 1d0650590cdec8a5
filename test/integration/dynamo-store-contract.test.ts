import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoAttemptLimiter, DynamoStore } from '../../functions/adapters/dynamo-store.ts';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import { describeStoreContract } from '../functions/adapters/store-contract.ts';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';

// A table of its own for every test, on the DynamoDB Local shared by the integration project.
describeStoreContract('DynamoDB', async ({ attemptWindowMs }) => {
  const client = testDdbClient();
  const table = uniqueTableName('store-contract');
  await ensureTable(client, table);
  return {
    store: new DynamoStore(client, table, attemptWindowMs),
    limiter: new DynamoAttemptLimiter(client, table, attemptWindowMs),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: table }));
      client.destroy();
    },
  };
});

// The contract's isolation rests on this: each test's table is new, active, and gone after its cleanup.
describe('the contract’s tables', () => {
  it('are distinct, active once ensured, and deleted by the cleanup', async () => {
    const client = testDdbClient();
    const [a, b] = [uniqueTableName('store-contract'), uniqueTableName('store-contract')];
    expect(a).not.toBe(b);
    await ensureTable(client, a);
    expect((await client.send(new DescribeTableCommand({ TableName: a }))).Table?.TableStatus).toBe('ACTIVE');
    await client.send(new DeleteTableCommand({ TableName: a }));
    await expect(client.send(new DescribeTableCommand({ TableName: a }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    client.destroy();
  });
});
