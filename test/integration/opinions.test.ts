/**
 * Other opinions end to end on DynamoDB Local: an online round of three households, two "Ý kiến khác" with a text,
 * one hidden by an official (an audit event without the text), the close publishing opinions.json with the visible
 * one, and the bundle verifying.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../shared/verify/index.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundle(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

describe('other opinions on DynamoDB', () => {
  let s: Sys;
  let official = '';
  let monitor = '';

  beforeAll(async () => {
    s = await testSystem('opinions');
    official = await s.token('official');
    monitor = await s.token('monitor');
  });
  afterAll(() => s.cleanup());

  it('keeps them apart, hides one with a reason, and publishes the other in a bundle that verifies', async () => {
    const post = (path: string, body?: unknown) => s.call('POST', path, { token: official, ...(body !== undefined ? { body } : {}) });
    const created = await post('/api/consultations', onlineConsultation());
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, 3);
    const open = await post(`/api/consultations/${id}/open`);
    expect(open.status, open.text).toBe(200);
    const codes: string[] = open.json.credentials.map((c: { code: string }) => c.code);

    const cast = (i: number, body: Record<string, unknown>) => s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes[i], ...body } });
    // An opinion with an answer other than the other opinion is refused, and nothing is recorded.
    const wrong = await cast(0, { answers: { q1: 'yes' }, opinions: { q1: 'Đồng ý' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details[0].path).toBe('opinions.q1');
    expect((await cast(0, { answers: { q1: 'abstain' }, opinions: { q1: 'Nên lắp thêm đèn ở cầu' } })).status).toBe(201);
    expect((await cast(1, { answers: { q1: 'abstain' }, opinions: { q1: 'Nhà bà B số 7 hay bị trộm' } })).status).toBe(201);
    expect((await cast(2, { answers: { q1: 'yes' } })).status).toBe(201);

    // The official and the monitor see both; only the official hides, with a reason.
    const listed = await s.call('GET', `/api/consultations/${id}/opinions`, { token: monitor });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.opinions).toHaveLength(2);
    const personal = listed.json.opinions.find((o: { text: string }) => o.text.includes('bà B'));
    expect(Object.keys(personal).sort()).toEqual(['day', 'id', 'questionId', 'text']);
    const byMonitor = await s.call('POST', `/api/consultations/${id}/opinions/${personal.id}/hide`, { token: monitor, body: { reason: 'personal_data' } });
    expect(byMonitor.status).toBe(403);
    const hidden = await post(`/api/consultations/${id}/opinions/${personal.id}/hide`, { reason: 'personal_data' });
    expect(hidden.status, hidden.text).toBe(200);
    const seen = await s.call('GET', `/api/consultations/${id}/opinions`, { token: monitor });
    expect(seen.json.opinions.find((o: { id: string }) => o.id === personal.id).hidden.reason).toBe('personal_data');
    const log = await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor });
    const event = log.json.find((e: { action: string }) => e.action === 'opinion_hidden');
    expect(event.data).toEqual({ opinionId: personal.id, reason: 'personal_data' });
    expect(log.text).not.toContain('bà B');

    const closed = await post(`/api/consultations/${id}/close`);
    expect(closed.status, closed.text).toBe(200);
    const dir = join(s.dataDir, 'site', 'c', id);
    const opinions = JSON.parse(readFileSync(join(dir, 'opinions.json'), 'utf8'));
    expect(opinions).toEqual({ consultationId: id, opinions: [{ questionId: 'q1', text: 'Nên lắp thêm đèn ở cầu' }] });
    const manifest = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(Object.keys(manifest.files)).toContain('opinions.json');
    const report = await verifyBundle(bundle(dir), { pinned: readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('Các ý kiến khác');
    expect(page).toContain('Nên lắp thêm đèn ở cầu');
    expect(page).not.toContain('bà B');
    expect((await post(`/api/consultations/${id}/opinions/${personal.id}/hide`, { reason: 'insult' })).status).toBe(409);
  });
});
