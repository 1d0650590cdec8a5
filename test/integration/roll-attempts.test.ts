/**
 * A roll upload that fails half-way, on DynamoDB Local: the failed attempt's rows never join a later roll (every
 * attempt writes under a version of its own), and no row of it, nor of a superseded roll with its heads' names, is
 * left in the table once a later upload or the opening has run. The fault (a BatchWriteItem that fails after some
 * rows are in) is one DynamoDB Local cannot make, so a middleware on the client makes it.
 */
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.ts';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import { openTable } from '../../functions/adapters/dynamo/table.ts';
import type { Household } from '../../shared/schemas.ts';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';
import { auditAt, streetLights } from '../support/street-lights.ts';

const ID = '01JDANBAN0000000000000R011';
const NOW = '2026-12-01T02:00:00Z';
const audit = auditAt(NOW);
const consultation = streetLights(ID);

const households = (prefix: string, n: number): Household[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    hamlet: 'Thôn Đông',
    head: `Chủ hộ ${prefix} ${i + 1}`,
    members: 3,
    category: 'standard',
  }));

/**
 * Makes the `nth` BatchWriteItem from now on fail (after the earlier ones have written their rows), and with
 * `andAfter` every later one too until the returned function is called (a clean-up that cannot run either).
 */
function failBatchWrite(client: DynamoDBClient, nth: number, andAfter = false): () => void {
  let seen = 0;
  let armed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (armed && context.commandName === 'BatchWriteItemCommand') {
        seen++;
        if (seen === nth || (andAfter && seen > nth)) throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      }
      return next(args);
    },
    { step: 'initialize', name: `injectedBatchWriteFault${Math.random()}` },
  );
  return () => {
    armed = false;
  };
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup() {
  const client = testDdbClient();
  const table = uniqueTableName('roll-attempts');
  await ensureTable(client, table);
  cleanup.push(async () => {
    await client.send(new DeleteTableCommand({ TableName: table }));
    client.destroy();
  });
  const store = new DynamoStore(client, table);
  await store.createConsultation(consultation, NOW, audit('created'));
  /** Every household of every roll item in the table, whatever its version: the heads' names it holds. */
  const rows = async () => {
    const r = await openTable(client, table).doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':p': `C#${ID}`, ':h': 'H' },
      }),
    );
    return (r.Items ?? []).flatMap((i) => (JSON.parse(String(i.households)) as Household[]).map((h) => h.id)).sort();
  };
  return { client, store, rows, table };
}

describe('a roll upload that fails half-way', () => {
  it('leaves the roll in force as it was; the retry is exactly the new roll and the table holds nothing else', async () => {
    const { client, store, rows } = await setup();
    await store.replaceRoll(ID, households('A', 30), NOW, audit('roll_uploaded'));
    // 100 households are some 85 buckets, four BatchWriteItems of 25: the third fails after others wrote theirs.
    failBatchWrite(client, 3);
    await expect(store.replaceRoll(ID, households('B', 100), NOW, audit('roll_uploaded'))).rejects.toThrow();
    expect((await store.getRoll(ID)).map((h) => h.id)).toEqual(households('A', 30).map((h) => h.id));
    expect((await store.getConsultation(ID))?.rollCount).toBe(30);

    // The retry, with a shorter roll: none of the failed attempt's households may join it.
    await store.replaceRoll(ID, households('C', 10), NOW, audit('roll_uploaded'));
    const inForce = (await store.getRoll(ID)).map((h) => h.id);
    expect(inForce).toEqual(households('C', 10).map((h) => h.id));
    expect((await store.getConsultation(ID))?.rollCount).toBe(10);
    expect(await store.onRoll(ID, 'B-001')).toBe(false);
    expect(await store.onRoll(ID, 'A-001')).toBe(false);
    // Neither the superseded roll's names nor the failed attempt's rows are left.
    expect(await rows()).toEqual(inForce);
  });

  it('even when its own clean-up fails too, a retry takes a fresh version: the failed rows never join the roll', async () => {
    const { client, store, rows } = await setup();
    await store.replaceRoll(ID, households('A', 30), NOW, audit('roll_uploaded'));
    const heal = failBatchWrite(client, 3, true);
    await expect(store.replaceRoll(ID, households('B', 100), NOW, audit('roll_uploaded'))).rejects.toThrow();
    expect((await rows()).filter((r) => r.startsWith('B-')).length).toBeGreaterThan(0);
    heal();
    await store.replaceRoll(ID, households('C', 10), NOW, audit('roll_uploaded'));
    expect((await store.getRoll(ID)).map((h) => h.id)).toEqual(households('C', 10).map((h) => h.id));
    expect((await store.getConsultation(ID))?.rollCount).toBe(10);
    expect(await rows()).toEqual(households('C', 10).map((h) => h.id));
  });

  it('a clean-up that fails leaves stale rows only until the opening, which removes them', async () => {
    const { client, store, rows } = await setup();
    await store.replaceRoll(ID, households('A', 30), NOW, audit('roll_uploaded'));
    // 20 new households are one write; the second BatchWriteItem is the clean-up of the 30 superseded ones.
    failBatchWrite(client, 2);
    await store.replaceRoll(ID, households('D', 20), NOW, audit('roll_uploaded'));
    expect((await store.getRoll(ID)).map((h) => h.id)).toEqual(households('D', 20).map((h) => h.id));
    expect((await rows()).filter((r) => r.startsWith('A-'))).not.toEqual([]);
    await store.openVoting(
      ID,
      () => [],
      NOW,
      () => audit('voting_opened'),
    );
    expect(await rows()).toEqual(households('D', 20).map((h) => h.id));
  });

  it('a roll kept one item a household (before the buckets) is still read, and replaced by a bucketed one', async () => {
    const { client, store, rows, table } = await setup();
    const doc = openTable(client, table).doc;
    for (const h of households('L', 3)) await doc.send(new PutCommand({ TableName: table, Item: { pk: `C#${ID}`, sk: `HH#000000#${h.id}`, household: h } }));
    expect((await store.getRoll(ID)).map((h) => h.id)).toEqual(['L-001', 'L-002', 'L-003']);
    expect(await store.onRoll(ID, 'L-002')).toBe(true);
    expect(await store.onRoll(ID, 'L-009')).toBe(false);
    await store.replaceRoll(ID, households('N', 5), NOW, audit('roll_uploaded'));
    expect((await store.getRoll(ID)).map((h) => h.id)).toEqual(households('N', 5).map((h) => h.id));
    expect(await rows()).toEqual(households('N', 5).map((h) => h.id));
  });
});
