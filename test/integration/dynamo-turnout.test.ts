/**
 * The turnout counted from the household slots (countTurnout) on DynamoDB Local: exact through first ballots,
 * re-votes, changes of channel, slips ticked off and a withdrawn paper entry, and equal to the turnout the store
 * reports.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTurnout } from '../../functions/adapters/dynamo/consultation-item.ts';
import { openTable } from '../../functions/adapters/dynamo/table.ts';
import { DynamoStore } from '../../functions/adapters/dynamo-store.ts';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import { audit, ballot, entered, openedVote, online, T } from '../functions/adapters/store-contract/fixtures.ts';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';

const client = testDdbClient();
const name = uniqueTableName('turnout');
const table = openTable(client, name);
const store = new DynamoStore(client, name);

beforeAll(() => ensureTable(client, name));
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: name }));
  client.destroy();
});

describe('the turnout counted from the slots', () => {
  it('is none before any ballot', async () => {
    const id = await openedVote(store, 5, 1);
    expect(await countTurnout(table, id)).toEqual({ online: 0, paper: 0, meeting: 0 });
  });

  it('counts each household once, by the channel of the ballot that counts now', async () => {
    const id = await openedVote(store, 40, 2);
    const rollIds = Array.from({ length: 40 }, (_, i) => `H-${String(i + 1).padStart(3, '0')}`);
    await Promise.all(rollIds.slice(0, 30).map((h) => online(store, id, h, `first:${h}`)));
    await online(store, id, 'H-001', 'again');
    await entered(store, id, 'H-002', 'paper-2');
    await entered(store, id, 'H-003', 'meeting-3', 'meeting');
    await entered(store, id, 'H-031', 'paper-31');
    await entered(store, id, 'H-004', 'paper-4');
    // The paper entry of H-004 is undone: its online ballot counts again.
    await store.withdrawPaperBallot(id, 'H-004', ballot('paper-4').receipt, T.during, audit('paper_ballot_withdrawn', T.during, { household: 'H-004' }));
    const expected = { online: 28, paper: 2, meeting: 1 };
    expect(await countTurnout(table, id)).toEqual(expected);
    expect((await store.getConsultation(id))?.participants).toEqual(expected);
  });
});
