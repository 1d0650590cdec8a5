import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('the states of a consultation through the API', () => {
  let s: Sys;
  let official: string;
  beforeAll(async () => {
    s = await testSystem('lifecycle');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  const create = async () => (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id as string;

  it('edits a draft, and refuses edits once it is disclosed', async () => {
    const id = await create();
    const edited = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: { ...roadConsultation(), title: 'Đường thôn, bản sửa' } });
    expect(edited.status).toBe(200);
    expect(edited.json.title).toBe('Đường thôn, bản sửa');
    await s.call('POST', `/api/consultations/${id}/disclose`, { token: official });
    const late = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: roadConsultation() });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('wrong_state');
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: official });
    expect(audit.json.map((e: { action: string }) => e.action)).toEqual(['created', 'edited', 'disclosed']);
  });

  it('cancels a draft, after which nothing opens it', async () => {
    const id = await create();
    expect((await s.call('POST', `/api/consultations/${id}/cancel`, { token: official })).json.state).toBe('cancelled');
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(409);
    expect((await s.call('POST', `/api/consultations/${id}/cancel`, { token: official })).status).toBe(409);
  });

  it('refuses to open with an empty roll, to close a draft, and to countersign before publication', async () => {
    const id = await create();
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(409);
    expect(open.json.error.code).toBe('wrong_state');
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(409);
    const monitor = await s.token('monitor');
    const att = await s.call('POST', `/api/consultations/${id}/attestations`, { token: monitor, body: 'a.b.c', type: 'application/jose' });
    expect(att.status).toBe(409);
  });

  it('answers unknown ids and malformed receipts with 404', async () => {
    expect((await s.call('GET', '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await s.call('GET', '/api/consultations/not-an-id')).status).toBe(404);
    const id = await create();
    expect((await s.call('GET', `/api/consultations/${id}/receipts/xyz`)).status).toBe(404);
    expect((await s.call('POST', `/api/consultations/${id}/credentials/H-001/reissue`, { token: official })).status).toBe(409);
  });

  it('refuses a reissue for a household not on the frozen roll', async () => {
    const id = await create();
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: { households: [{ id: 'H-1', hamlet: 'Thôn A', head: 'Lê Văn A', members: 3, category: 'standard' }] } });
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect((await s.call('POST', `/api/consultations/${id}/credentials/H-2/reissue`, { token: official })).status).toBe(404);
  });

  it('takes the roll as JSON and refuses duplicate ids in it', async () => {
    const id = await create();
    const h = { id: 'H-1', hamlet: 'Thôn A', head: 'Lê Văn A', members: 3, category: 'standard' };
    const dup = await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: { households: [h, h] } });
    expect(dup.status).toBe(400);
    expect(dup.json.error.details[0].path).toBe('households.1.id');
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: { households: [h] } })).json.count).toBe(1);
  });

  it('closes by itself at closesAt and publishes the result', async () => {
    const now = new Date();
    const body = { ...roadConsultation(now), closesAt: new Date(now.getTime() + 3000).toISOString().slice(0, 19) + 'Z' };
    const id = (await s.call('POST', '/api/consultations', { token: official, body })).json.id as string;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: opened.json.credentials[0].code, answers: { q1: 'yes' } } })).status).toBe(201);
    let state = '';
    for (let i = 0; i < 40 && state !== 'published'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await s.call('GET', `/api/consultations/${id}`)).json.state;
    }
    expect(state).toBe('published');
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: official });
    const closed = audit.json.find((e: { action: string }) => e.action === 'closed');
    expect(closed.actor).toEqual({ role: 'system', id: 'scheduler' });
    expect(closed.data.reason).toBe('scheduled');
  });
});
