import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AttemptsItem, parseItem } from '../../../../functions/adapters/dynamo/items.ts';
import { openTable } from '../../../../functions/adapters/dynamo/table.ts';
import { type NamedItem, TransactionCancelledError, transact } from '../../../../functions/adapters/dynamo/transaction.ts';
import { DomainError } from '../../../../shared/errors.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const table = openTable(client, 'danban');

const check = (name: string, sk: string): NamedItem => ({
  name,
  item: { ConditionCheck: { TableName: 'danban', Key: { pk: 'X', sk }, ConditionExpression: 'attribute_exists(pk)' } },
});

function cancelled(codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
}

/** The TransactionCancelledError `write` is rejected with. */
async function cancellation(write: Promise<void>): Promise<TransactionCancelledError> {
  const err = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TransactionCancelledError)) throw new Error(`expected a TransactionCancelledError, got ${String(err)}`);
  return err;
}

describe('transact', () => {
  beforeEach(() => ddb.reset());
  afterAll(() => client.destroy());

  it('sends the items in the order given', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transact(table, [check('gate', '1'), check('slot', '2')]);
    expect(ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems?.map((i) => i.ConditionCheck?.Key?.sk)).toEqual(['1', '2']);
  });

  it("reports a cancelled transaction's reasons by the names of its items", async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'TransactionConflict']));
    const err = await cancellation(transact(table, [check('gate', '1'), check('slot', '2'), check('ballot', '3')]));
    expect(err.reasons).toEqual({ gate: 'None', slot: 'ConditionalCheckFailed', ballot: 'TransactionConflict' });
    expect(err.conditionFailed(['slot'])).toBe(true);
    expect(err.conditionFailed(['gate', 'ballot'])).toBe(false);
  });

  it('takes an item without a reported reason as not failed', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled([]));
    expect((await cancellation(transact(table, [check('gate', '1')]))).reasons).toEqual({ gate: 'None' });
  });

  it('passes on an error that is neither a cancellation nor throttling unchanged', async () => {
    const invalid = Object.assign(new Error('Invalid expression'), { name: 'ValidationException' });
    ddb.on(TransactWriteCommand).rejects(invalid);
    await expect(transact(table, [check('gate', '1')])).rejects.toBe(invalid);
  });

  it('refuses two items of one name before sending anything', async () => {
    await expect(transact(table, [check('gate', '1'), check('gate', '2')])).rejects.toThrow('same name');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('parseItem', () => {
  it('gives the item as its schema says', () => {
    expect(parseItem(AttemptsItem, { pk: 'R#k', sk: 'R', n: 3, windowStart: 1000, expiresAt: 9 }, 'attempts')).toEqual({ n: 3, windowStart: 1000 });
  });

  it('takes an item that does not match for a fault of the store, never a DomainError the caller could cause', () => {
    let thrown: unknown;
    try {
      parseItem(AttemptsItem, { n: '3', windowStart: 1000 }, 'attempts');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DomainError);
    expect(String(thrown)).toContain('attempts');
  });
});
