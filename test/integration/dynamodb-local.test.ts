import {
  CreateTableCommand,
  DeleteTableCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';

describe('DynamoDB Local harness', () => {
  const ddb = testDdbClient();
  const table = uniqueTableName('harness');

  beforeAll(async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterAll(async () => {
    await ddb.send(new DeleteTableCommand({ TableName: table }));
    ddb.destroy();
  });

  it('stores an item and reads it back', async () => {
    await ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' }, n: { N: '1' } } }));
    const got = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } }, ConsistentRead: true }));
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
  });

  it('cancels a transaction whose condition fails and says which item failed', async () => {
    await ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'taken' } } }));
    const tx = ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: { S: 'fresh' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: table,
              Item: { pk: { S: 'taken' } },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
    const err = await tx.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransactionCanceledException);
    const reasons = (err as TransactionCanceledException).CancellationReasons;
    expect(reasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(reasons?.[1]?.Item).toEqual({ pk: { S: 'taken' } });
    const fresh = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'fresh' } }, ConsistentRead: true }));
    expect(fresh.Item).toBeUndefined();
  });
});
