/**
 * An opening in more than one call, on DynamoDB Local: with a deadline the store stops after a chunk and keeps its
 * progress under the job; the same job goes on from there, another job starts again from nothing (what the first
 * wrote is removed), and a roll replaced in between starts it again too. Voting opens once, when all is written.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.ts';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import type { Household } from '../../shared/schemas.ts';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';
import { auditAt, streetLights } from '../support/street-lights.ts';

const ID = '01JDANBAN0000000000000J001';
const NOW = '2026-12-01T02:00:00Z';
const audit = auditAt(NOW);
const consultation = streetLights(ID);
const households = (n: number): Household[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `H-${String(i + 1).padStart(5, '0')}`,
    hamlet: 'Thôn Đông',
    head: `Chủ hộ ${i + 1}`,
    members: 2,
    category: 'standard',
  }));
/** The credentials a job writes: the household's id under the job's name, so two jobs' codes differ. */
const creds = (job: string) => (roll: Household[]) => roll.map((h) => ({ household: h.id, hash: `${job}-${h.id}`.padEnd(64, '0') }));

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup(n: number) {
  const client = testDdbClient();
  const table = uniqueTableName('opening-job');
  await ensureTable(client, table);
  cleanup.push(async () => {
    await client.send(new DeleteTableCommand({ TableName: table }));
    client.destroy();
  });
  const store = new DynamoStore(client, table);
  await store.createConsultation(consultation, NOW, audit('created'));
  await store.replaceRoll(ID, households(n), NOW, audit('roll_uploaded'));
  return store;
}

describe('an opening in more than one call', () => {
  it('stops after a chunk when its deadline has passed, goes on with the same job, and opens once', async () => {
    const store = await setup(2_500);
    const first = await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a', deadline: Date.now() });
    expect(first).toEqual({ pending: { written: 1_000, total: 2_500 } });
    expect((await store.getConsultation(ID))?.state).toBe('draft');
    const second = await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a', deadline: Date.now() });
    expect(second).toEqual({ pending: { written: 2_000, total: 2_500 } });
    const last = await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a' });
    expect(last).toEqual({ opensAt: consultation.opensAt, closesAt: consultation.closesAt });
    expect((await store.getConsultation(ID))?.state).toBe('voting');
    expect((await store.getAudit(ID)).filter((e) => e.action === 'voting_opened')).toHaveLength(1);
    for (const n of [1, 1_000, 1_001, 2_500]) {
      const h = `H-${String(n).padStart(5, '0')}`;
      expect(await store.findCredential(ID, `a-${h}`.padEnd(64, '0'))).toBe(h);
    }
  });

  it('another job starts again from nothing: the first one’s codes never work', async () => {
    const store = await setup(1_500);
    expect(await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a', deadline: Date.now() })).toEqual({
      pending: { written: 1_000, total: 1_500 },
    });
    await store.openVoting(ID, creds('b'), NOW, () => audit('voting_opened'), undefined, { job: 'b' });
    expect(await store.findCredential(ID, 'a-H-00001'.padEnd(64, '0'))).toBeUndefined();
    expect(await store.findCredential(ID, 'b-H-00001'.padEnd(64, '0'))).toBe('H-00001');
    expect(await store.findCredential(ID, 'b-H-01500'.padEnd(64, '0'))).toBe('H-01500');
  });

  it('a roll replaced between two calls starts the same job again, over the new roll only', async () => {
    const store = await setup(1_500);
    await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a', deadline: Date.now() });
    await store.replaceRoll(ID, households(1_200), NOW, audit('roll_uploaded'));
    await store.openVoting(ID, creds('a'), NOW, () => audit('voting_opened'), undefined, { job: 'a' });
    expect((await store.getConsultation(ID))?.rollCount).toBe(1_200);
    expect(await store.findCredential(ID, 'a-H-01200'.padEnd(64, '0'))).toBe('H-01200');
    expect(await store.findCredential(ID, 'a-H-01300'.padEnd(64, '0'))).toBeUndefined();
    expect(await store.onRoll(ID, 'H-01300')).toBe(false);
  });
});
