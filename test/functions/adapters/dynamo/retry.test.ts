import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readConsultation } from '../../../../functions/adapters/dynamo/consultation-item.ts';
import { THROTTLE_POLICY, type ThrottlePolicy, throttleDelay, withThrottling } from '../../../../functions/adapters/dynamo/retry.ts';
import { openTable } from '../../../../functions/adapters/dynamo/table.ts';
import { type NamedItem, TransactionCancelledError, transact } from '../../../../functions/adapters/dynamo/transaction.ts';
import { DomainError } from '../../../../shared/errors.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const table = openTable(client, 'danban');
/** The default policy's tries, with delays short enough for a unit test. */
const QUICK: ThrottlePolicy = { ...THROTTLE_POLICY, baseMs: 1, capMs: 2 };

const check = (name: string, sk: string): NamedItem => ({
  name,
  item: { ConditionCheck: { TableName: 'danban', Key: { pk: 'X', sk }, ConditionExpression: 'attribute_exists(pk)' } },
});
const sdkError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('the backoff of a throttled request', () => {
  it('grows exponentially from the base, drawn at random below the bound', () => {
    const policy: ThrottlePolicy = { tries: 8, baseMs: 10, capMs: 500, retryAfterS: 1 };
    expect([0, 1, 2, 3].map((a) => throttleDelay(policy, a, () => 1))).toEqual([10, 20, 40, 80]);
    expect(throttleDelay(policy, 3, () => 0.25)).toBe(20);
  });

  it('never exceeds its cap, however many tries went before', () => {
    const policy: ThrottlePolicy = { tries: 8, baseMs: 10, capMs: 500, retryAfterS: 1 };
    expect(throttleDelay(policy, 6, () => 1)).toBe(500);
    expect(throttleDelay(policy, 40, () => 1)).toBe(500);
  });
});

describe('withThrottling', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])('sends a request refused with %s again', async (name) => {
    let calls = 0;
    const value = await withThrottling(
      async () => {
        calls++;
        if (calls < 3) throw sdkError(name);
        return 'done';
      },
      undefined,
      QUICK,
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('answers unavailable once the tries are spent, having tried exactly that often', async () => {
    let calls = 0;
    const err = await rejection(
      withThrottling(
        async () => {
          calls++;
          throw sdkError('ThrottlingException');
        },
        undefined,
        QUICK,
      ),
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('unavailable');
    expect(calls).toBe(QUICK.tries);
  });

  it('passes any other error on at once, untried again', async () => {
    let calls = 0;
    const invalid = sdkError('ValidationException');
    const err = await rejection(
      withThrottling(
        async () => {
          calls++;
          throw invalid;
        },
        undefined,
        QUICK,
      ),
    );
    expect(err).toBe(invalid);
    expect(calls).toBe(1);
  });
});

describe('transact under load', () => {
  beforeEach(() => ddb.reset());
  afterAll(() => client.destroy());

  it('sends a throttled transaction again until it goes through', async () => {
    ddb.on(TransactWriteCommand).rejectsOnce(sdkError('ProvisionedThroughputExceededException')).rejectsOnce(sdkError('ThrottlingException')).resolves({});
    await transact(table, [check('gate', '1'), check('slot', '2')], QUICK);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('sends again a transaction cancelled only by a conflict on the gate or the slot', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None']))
      .rejectsOnce(cancelled(['None', 'TransactionConflict']))
      .resolves({});
    await transact(table, [check('gate', '1'), check('slot', '2')], QUICK);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('answers unavailable when the conflicts outlast the tries', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['TransactionConflict', 'None']));
    const err = await rejection(transact(table, [check('gate', '1'), check('slot', '2')], QUICK));
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('unavailable');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(QUICK.tries);
  });

  it('never sends again a transaction one of whose conditions failed, even beside a conflict', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'TransactionConflict']));
    const err = await rejection(transact(table, [check('gate', '1'), check('slot', '2')], QUICK));
    expect(err).toBeInstanceOf(TransactionCancelledError);
    expect((err as TransactionCancelledError).reasons).toEqual({ gate: 'ConditionalCheckFailed', slot: 'TransactionConflict' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('reads the consultation again when the read is throttled', async () => {
    ddb.on(GetCommand).rejectsOnce(sdkError('ThrottlingException')).resolves({});
    expect(await readConsultation(table, '01JABCDEFGHJKMNPQRSTVWXYZ0')).toBeUndefined();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });
});
