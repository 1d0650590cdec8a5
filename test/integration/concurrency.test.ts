import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

async function openRound(s: Sys, households: number) {
  const official = await s.token('official');
  const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
  const id = created.json.id as string;
  await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(households), type: 'text/csv' });
  await recordOnlineConditions(s.call, official, id, households);
  const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
  const codes = new Map<string, string>(opened.json.credentials.map((c: { household: string; code: string }) => [c.household, c.code]));
  return { id, official, codes };
}

describe('concurrent ballots on DynamoDB Local', () => {
  let s: Sys;
  beforeAll(async () => {
    s = await testSystem('concurrency');
  });
  afterAll(() => s.cleanup());

  it('50 simultaneous ballots from one household leave exactly one counted', async () => {
    const { id, official, codes } = await openRound(s, 5);
    const code = codes.get('H-001')!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: i % 2 ? 'yes' : 'no' } } })),
    );
    // Every answer is either recorded (201) or refused as busy (409): never a 500, never silently lost.
    for (const r of results) expect([201, 409]).toContain(r.status);
    const accepted = results.filter((r) => r.status === 201).map((r) => r.json.receipt as string);
    expect(accepted.length).toBeGreaterThan(0);
    const statuses = await Promise.all(accepted.map(async (receipt) => (await s.call('GET', `/api/consultations/${id}/receipts/${receipt}`)).json.status));
    expect(statuses.filter((x) => x === 'counted')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'replaced')).toHaveLength(accepted.length - 1);
    // Exactly one ballot replaced nothing: the first to commit.
    expect(results.filter((r) => r.status === 201 && r.json.replaced === false)).toHaveLength(1);

    const counts = (await s.call('GET', `/api/consultations/${id}`, { token: official })).json.counts;
    expect(counts.participants).toBe(1);
    await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    const ballots = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'ballots.json'), 'utf8'));
    expect(ballots.ballots).toHaveLength(1);
    expect(accepted).toContain(ballots.ballots[0].receipt);
  });

  it('ballots racing a close are either counted (201) or refused (409), never accepted and lost', async () => {
    const { id, official, codes } = await openRound(s, 60);
    const cast = ([household, code]: [string, string]) =>
      s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: 'yes' } } }).then((res) => ({ household, res }));
    const all = [...codes.entries()];
    // Three batches, so the race surely happens: before the close (all counted), during it (either), after it (all refused).
    const before = await Promise.all(all.slice(0, 20).map(cast));
    const close = s.call('POST', `/api/consultations/${id}/close`, { token: official });
    const during = await Promise.all(all.slice(20, 40).map((entry, i) => new Promise((r) => setTimeout(r, i * 2)).then(() => cast(entry))));
    const closed = await close;
    const after = await Promise.all(all.slice(40).map(cast));
    expect(closed.status).toBe(200);
    expect(before.map(({ res }) => res.status)).toEqual(before.map(() => 201));
    expect(after.map(({ res }) => res.status)).toEqual(after.map(() => 409));
    const results = [...before, ...during, ...after];
    for (const { res } of results) expect([201, 409]).toContain(res.status);
    const accepted = results
      .filter(({ res }) => res.status === 201)
      .map(({ res }) => res.json.receipt as string)
      .sort();
    const refused = results.filter(({ res }) => res.status === 409);
    for (const { res } of refused) expect(res.json.error.code).toBe('not_open');
    const published = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'ballots.json'), 'utf8'));
    expect(published.ballots.map((b: { receipt: string }) => b.receipt)).toEqual(accepted);
    const participants = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'participants.json'), 'utf8'));
    expect(participants.households.map((p: { id: string }) => p.id).sort()).toEqual(
      results
        .filter(({ res }) => res.status === 201)
        .map(({ household }) => household)
        .sort(),
    );
  });

  it('slows repeated wrong codes from one client and then refuses them with 429', async () => {
    const { id } = await openRound(s, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await s.call('POST', `/api/consultations/${id}/ballots`, {
        body: { code: `WRNG-${String(i).padStart(4, '0')}-AAAA-AAAA`, answers: { q1: 'yes' } },
      });
      statuses.push(r.status);
    }
    // The test policy refuses at the 6th failure in the window.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('refuses wrong codes sent all at once past the limit, counting each atomically', async () => {
    const { id } = await openRound(s, 2);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: `PARA-${String(i).padStart(4, '0')}-AAAA-AAAA`, answers: { q1: 'yes' } } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    // At most refuseAt (6) wrong codes are answered 401; every other one is refused.
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(14);
  });
});
