/**
 * A commune round through the API on DynamoDB Local (Law 10/2022 Art. 21(1) ¶2): three hamlets each hold a meeting
 * with a show of hands, two adopt; the aggregate is published with the last round, adopted (2 >= ceil(2*3/3) = 2) and
 * verified, by the library and by `danban verify-group`; UBND xã (the `commune` account) alone sets the effective date.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAggregate } from '../../shared/verify-aggregate.ts';
import { holdMeeting, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HAMLETS = ['Thôn Thượng', 'Thôn Trung', 'Thôn Hạ'];
const PRESENT = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005', 'H-006'];

function folder(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

function danban(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/danban.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('a commune round held hamlet by hamlet', () => {
  let s: Sys;
  let official = '';
  beforeAll(async () => {
    s = await testSystem('commune-rounds');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('three meetings, two adopt: the aggregate is adopted and verifies; UBND xã sets the effective date', async () => {
    const consultation = { ...roadConsultation(), scope: { kind: 'commune', name: 'Xã Thử Nghiệm' } };
    const created = await s.call('POST', '/api/groups', { token: official, body: { consultation, hamlets: HAMLETS } });
    expect(created.status, created.text).toBe(201);
    const groupId: string = created.json.groupId;
    const rounds: Array<{ consultationId: string; hamlet: string }> = created.json.rounds;
    expect(rounds.map((r) => r.hamlet)).toEqual(HAMLETS);

    // 6 households a hamlet: 2/3 needs 4 in favour. Thượng 5, Trung 1, Hạ 4.
    for (const [i, r] of rounds.entries()) {
      const id = r.consultationId;
      expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(6), type: 'text/csv' })).status).toBe(200);
      expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
      const yes = [5, 1, 4][i]!;
      const closed = await holdMeeting(s.call, official, id, PRESENT, { q1: { yes, no: 6 - yes, abstain: 0 } });
      expect(closed.status, closed.text).toBe(200);
      if (i < 2) expect((await s.call('GET', `/api/groups/${groupId}`)).json.aggregate).toBeUndefined();
    }

    const status = await s.call('GET', `/api/groups/${groupId}`);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ hamlets: 3, threshold: 2, aggregate: { adopted: true, outcome: { q1: { adoptedIn: 2, status: 'adopted' } } } });
    expect(status.json.rounds.map((r: { outcomes: { q1: string } }) => r.outcomes.q1)).toEqual(['adopted', 'rejected', 'adopted']);

    const site = join(s.dataDir, 'site');
    const groupDir = join(site, 'g', groupId);
    const jws = readFileSync(join(groupDir, 'aggregate.jws'));
    const pem = join(site, 'keys', `${s.kid}.pem`);
    const report = await verifyAggregate(
      { group: folder(groupDir), rounds: Object.fromEntries(rounds.map((r) => [r.consultationId, folder(join(site, 'c', r.consultationId))])) },
      { pinned: readFileSync(pem, 'utf8') },
    );
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const cli = await danban('verify-group', groupDir, '--key', pem);
    expect(cli.code, cli.stdout).toBe(0);
    expect(cli.stdout).toMatch(/^ĐẠT {3}PASS {2}G4\. /m);

    // Re-running publishes the same bytes.
    const again = await s.call('POST', `/api/groups/${groupId}/aggregate`, { token: official });
    expect(again.status, again.text).toBe(200);
    expect(readFileSync(join(groupDir, 'aggregate.jws'))).toEqual(jws);

    const body = { date: '2027-01-15', reference: '05/QĐ-UBND' };
    const byOfficial = await s.call('POST', `/api/groups/${groupId}/effective-date`, { token: official, body });
    expect(byOfficial.status).toBe(403);
    const commune = await s.token('commune');
    const set = await s.call('POST', `/api/groups/${groupId}/effective-date`, { token: commune, body });
    expect(set.status, set.text).toBe(201);
    expect((await s.call('POST', `/api/groups/${groupId}/effective-date`, { token: commune, body })).status).toBe(409);
    expect((await s.call('GET', `/api/groups/${groupId}`)).json.effectiveDate).toMatchObject(body);
    const page = readFileSync(join(groupDir, 'index.html'), 'utf8');
    expect(page).toContain('có hiệu lực từ ngày 15/01/2027');
    expect(page).toContain('2/3 thôn thông qua');
  });

  it('refuses the aggregate before every round is published, and lists the routes in the OpenAPI document', async () => {
    const consultation = { ...roadConsultation(), scope: { kind: 'commune', name: 'Xã Thử Nghiệm' }, method: 'household_ballot' };
    const created = await s.call('POST', '/api/groups', { token: official, body: { consultation, hamlets: ['Thôn Một', 'Thôn Hai'] } });
    expect(created.status, created.text).toBe(201);
    const early = await s.call('POST', `/api/groups/${created.json.groupId}/aggregate`, { token: official });
    expect(early.status).toBe(409);
    const commune = await s.token('commune');
    expect(
      (await s.call('POST', `/api/groups/${created.json.groupId}/effective-date`, { token: commune, body: { date: '2027-01-15', reference: 'x' } })).status,
    ).toBe(409);
    expect((await s.call('GET', '/api/groups/01JDANBAN00000000000000ZZZ')).status).toBe(404);
    const doc = (await s.call('GET', '/api/openapi.json')).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/groups', '/api/groups/{groupId}', '/api/groups/{groupId}/aggregate', '/api/groups/{groupId}/effective-date']),
    );
  });
});
