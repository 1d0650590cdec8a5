/**
 * A meeting by residential cluster on the real store, through the API (Law 10/2022 Art. 18(3)): a hamlet of 200
 * households meets in two clusters; each cluster's show of hands is entered on its own (one through the API, one on
 * the secretary's page), a cluster's count over its present is refused, and the published `handCount` is the sum,
 * which the verifier accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundle(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

const household = (i: number) => `H-${String(i).padStart(3, '0')}`;

describe('a meeting by residential cluster', () => {
  let s: Sys;
  let official = '';
  let monitor = '';

  beforeAll(async () => {
    s = await testSystem('meeting-clusters');
    official = await s.token('official');
    monitor = await s.token('monitor');
  });
  afterAll(() => s.cleanup());

  it("sums two clusters' shows of hands into a published result that verifies", async () => {
    const post = (path: string, body?: unknown) => s.call('POST', path, { token: official, ...(body !== undefined ? { body } : {}) });
    // A contribution by meeting: 2/3 of the 200 households on the roll, 134, must agree.
    const created = await post('/api/consultations', roadConsultation());
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(200), type: 'text/csv' })).status).toBe(200);
    expect((await post(`/api/consultations/${id}/open`)).status).toBe(200);

    for (let i = 1; i <= 140; i++) {
      const r = await post(`/api/consultations/${id}/attendance`, { household: household(i), cluster: i <= 80 ? 'Cụm 1' : 'Cụm 2' });
      expect(r.status, r.text).toBe(200);
    }
    const hamletWide = await post(`/api/consultations/${id}/attendance`, { household: household(141) });
    expect(hamletWide.status).toBe(400);
    expect(hamletWide.json.error.details[0].path).toBe('cluster');
    expect((await post(`/api/consultations/${id}/voting-method`, { voting: 'show_of_hands' })).status).toBe(201);

    // Cụm 2 has 60 present: 61 hands are refused there, though the hamlet has 140.
    const over = await post(`/api/consultations/${id}/hand-count`, { cluster: 'Cụm 2', counts: { q1: { yes: 61 } } });
    expect(over.status).toBe(400);
    const first = await post(`/api/consultations/${id}/hand-count`, { cluster: 'Cụm 1', counts: { q1: { yes: 70, no: 10 } } });
    expect(first.status, first.text).toBe(201);
    // Replaced: the count for Cụm 1 as last entered.
    expect((await post(`/api/consultations/${id}/hand-count`, { cluster: 'Cụm 1', counts: { q1: { yes: 75, no: 4, abstain: 1 } } })).status).toBe(201);

    // Cụm 2 on the secretary's page, which lists the clusters.
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const form = await pages.request(`/officials/c/${id}/meeting/hand-count`, {
      method: 'POST',
      headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: `cluster=${encodeURIComponent('Cụm 2')}&n.q1.yes=59&n.q1.no=1&n.q1.abstain=0`,
    });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('Họp theo cụm dân cư');
    expect(html).toContain('Cụm 2 (60 hộ có mặt)');

    const seen = await s.call('GET', `/api/consultations/${id}/meeting`, { token: monitor });
    expect(seen.status).toBe(200);
    expect(seen.json).toMatchObject({
      present: 140,
      handCount: { q1: { yes: 134, no: 5, abstain: 1 } },
      clusters: [
        { cluster: 'Cụm 1', present: 80, handCount: { q1: { yes: 75, no: 4, abstain: 1 } } },
        { cluster: 'Cụm 2', present: 60, handCount: { q1: { yes: 59, no: 1, abstain: 0 } } },
      ],
    });

    const closed = await post(`/api/consultations/${id}/close`);
    expect(closed.status, closed.text).toBe(200);
    const dir = join(s.dataDir, 'site', 'c', id);
    const report = await verifyBundle(bundle(dir), { pinned: readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ format: 'result/2', voting: 'show_of_hands', handCount: { q1: { yes: 134, no: 5, abstain: 1 } } });
    expect(result.tally[0]).toMatchObject({ eligible: 200, present: 140, threshold: 134, counts: { yes: 134, no: 5 }, outcome: { status: 'adopted' } });
    // The published record carries each cluster: its arrivals and its counts.
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.filter((e) => e.action === 'attendance_recorded' && e.data.cluster === 'Cụm 2')).toHaveLength(60);
    expect(audit.filter((e) => e.action === 'hand_count_recorded').map((e) => e.data.cluster)).toEqual(['Cụm 1', 'Cụm 1', 'Cụm 2']);
  }, 120_000);
});
