/**
 * Rounds that follow rounds (domain.md): a round that adopted nothing is followed by a new round, a new version of
 * the proposal, linked to the old one; the public pages show the link, and only a published round of the same
 * commune can be followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('a new round following one that adopted nothing', () => {
  let s: Sys;
  let official = '';
  let first = '';

  const create = async (body: unknown, token = official) => s.call('POST', '/api/consultations', { token, body });
  const page = async (id: string) => fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!);

  beforeAll(async () => {
    s = await testSystem('rounds');
    official = await s.token('official');
    first = (await create(roadConsultation())).json.id;
    await s.call('PUT', `/api/consultations/${first}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    await s.call('POST', `/api/consultations/${first}/open`, { token: official });
    await s.call('POST', `/api/consultations/${first}/paper-ballots`, { token: official, body: { household: 'H-001', answers: { q1: 'no' } } });
    expect((await s.call('POST', `/api/consultations/${first}/close`, { token: official })).status).toBe(200);
  });
  afterAll(() => s.cleanup());

  it('links the new round to the published one, in consultation.json, the audit log and the public pages', async () => {
    const r = await create({ ...roadConsultation(), title: 'Bê tông hóa đường thôn (vòng 2, mức 200.000 đồng/hộ)', follows: first });
    expect(r.status).toBe(201);
    expect(r.json.follows).toBe(first);
    const id = r.json.id as string;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    expect(await page(id)).toContain(`<a href="../${first}/">vòng biểu quyết trước</a>`);
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(await page(id)).toContain(`<a href="../${first}/">vòng biểu quyết trước</a>`);
    const signed = JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/consultation.json`))!));
    expect(signed.follows).toBe(first);
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: { follows?: string };
    }>;
    expect(log.find((e) => e.action === 'created')!.data.follows).toBe(first);
  });

  it('follows only a published round of the same commune', async () => {
    const draft = (await create(roadConsultation())).json.id as string;
    const notPublished = await create({ ...roadConsultation(), follows: draft });
    expect(notPublished.status).toBe(400);
    expect(notPublished.json.error.details[0]).toMatchObject({ path: 'follows' });
    const elsewhere = await create({ ...roadConsultation(), follows: first }, await s.token('other'));
    expect(elsewhere.status).toBe(400);
    expect((await create({ ...roadConsultation(), follows: 'not-an-id' })).status).toBe(400);
  });

  it('starts the new round from the officials’ page, filled from the old one', async () => {
    const headers = { cookie: `danban_session=${official}` };
    const form = await s.app.request(`/officials/c/${first}/next`, { headers });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`<input type="hidden" name="follows" value="${first}"`);
    expect(html).toContain('Bê tông hóa đường thôn');
    const draft = (await create(roadConsultation())).json.id as string;
    expect((await s.app.request(`/officials/c/${draft}/next`, { headers })).status).toBe(409);
  });
});
