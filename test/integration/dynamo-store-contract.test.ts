import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
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
