import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../functions/local/issuer.ts';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { OPEN_AT_ONCE } from '../support/profile.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv } from '../support/system.ts';

const accounts = [{ username: 'official', role: 'official' as const, commune: 'xa-a', sub: 'o-1', passwordHash: hashPassword('pw') }];

async function boot(dataDir: string) {
  const ddb = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
  const sys = await buildLocalSystem({
    dataDir,
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: ddb.endpoint,
    accounts,
    log: () => undefined,
    profile: OPEN_AT_ONCE,
  });
  const token = await sys.issuer.issue(accounts[0]!);
  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const res = await sys.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  return { sys, call, stop: async () => (sys.stop(), await ddb.stop()) };
}

describe('restarting the local system', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every consultation, ballot, audit event and the signing key', async () => {
    const first = await boot(dataDir);
    const id = (await first.call('POST', '/api/consultations', onlineConsultation())).json.id as string;
    await first.call('PUT', `/api/consultations/${id}/roll`, rollCsv(3), 'text/csv');
    // Every call of this system is the one official's: the helper's token is not needed.
    const asOfficial = async (method: string, path: string, opts?: { body?: unknown }) => {
      const r = await first.call(method, path, opts?.body);
      return { ...r, text: JSON.stringify(r.json) };
    };
    await recordOnlineConditions(asOfficial, '', id, 3);
    const codes = (await first.call('POST', `/api/consultations/${id}/open`)).json.credentials as Array<{ code: string }>;
    const cast = await first.call('POST', `/api/consultations/${id}/ballots`, { code: codes[0]!.code, answers: { q1: 'yes' } });
    expect(cast.status).toBe(201);
    const kid = first.sys.kid;
    const auditBefore = (await first.call('GET', `/api/consultations/${id}/audit`)).json;
    await first.stop();

    const second = await boot(dataDir);
    try {
      expect(second.sys.kid).toBe(kid);
      const rec = await second.call('GET', `/api/consultations/${id}`);
      expect(rec.json.state).toBe('voting');
      expect(rec.json.counts.participants).toBe(1);
      expect((await second.call('GET', `/api/consultations/${id}/receipts/${cast.json.receipt}`)).json.status).toBe('counted');
      expect((await second.call('GET', `/api/consultations/${id}/audit`)).json).toEqual(auditBefore);
      // The codes issued before the restart still vote.
      expect((await second.call('POST', `/api/consultations/${id}/ballots`, { code: codes[1]!.code, answers: { q1: 'no' } })).status).toBe(201);
      const closed = await second.call('POST', `/api/consultations/${id}/close`);
      expect(closed.json.state).toBe('published');
    } finally {
      await second.stop();
    }
  });
});
