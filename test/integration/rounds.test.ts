/**
 * Rounds that follow rounds (domain.md "How a round is held"): a contribution is decided at a meeting first; a
 * meeting that had too few households present (`not_enough_present`) is followed by household ballots, a new round
 * linked to it; the public pages show the link. A household ballot follows only such a meeting, published, of the
 * same commune; other rounds may follow any published round of the commune.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { holdMeeting, onlineConsultation, recordBallotConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('a new round following a published one', () => {
  let s: Sys;
  let official = '';
  /** A meeting on the road with 1 of 3 households present: 2/3 needs 2, so it ends `not_enough_present`. */
  let first = '';
  /** A meeting on the road with all 3 present and in favour: adopted. */
  let adopted = '';

  const create = async (body: unknown, token = official) => s.call('POST', '/api/consultations', { token, body });
  const page = async (id: string) => fromUtf8((await s.core.publisher.get(`c/${id}/index.html`))!);
  const outcomes = async (id: string) =>
    (JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/result.json`))!)) as { tally: Array<{ outcome: { status: string } }> }).tally.map(
      (t) => t.outcome.status,
    );
  const ballots = (follows: string, title = 'Bê tông hóa đường thôn (phát phiếu lấy ý kiến hộ gia đình)') => ({
    ...roadConsultation(),
    method: 'household_ballot',
    title,
    follows,
  });

  /** A meeting on the road, held with `present` and the hands counted, closed and published. */
  async function meeting(present: string[], hands: Record<string, number>): Promise<string> {
    const r = await create(roadConsultation());
    expect(r.status).toBe(201);
    const id = r.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    const closed = await holdMeeting(s.call, official, id, present, { q1: hands });
    expect(closed.status, closed.text).toBe(200);
    return id;
  }

  beforeAll(async () => {
    s = await testSystem('rounds');
    official = await s.token('official');
    first = await meeting(['H-001'], { yes: 1, no: 0, abstain: 0 });
    adopted = await meeting(['H-001', 'H-002', 'H-003'], { yes: 3, no: 0, abstain: 0 });
    expect(await outcomes(first)).toEqual(['not_enough_present']);
    expect(await outcomes(adopted)).toEqual(['adopted']);
  });
  afterAll(() => s.cleanup());

  it('links the household ballots to the meeting they follow, in consultation.json, the audit log and the public pages', async () => {
    const r = await create(ballots(first));
    expect(r.status, r.text).toBe(201);
    expect(r.json.follows).toBe(first);
    const id = r.json.id as string;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    expect(await page(id)).toContain(`<a href="../${first}/">vòng biểu quyết trước</a>`);
    await recordBallotConditions(s.call, official, id);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    expect(opened.json.serials).toHaveLength(3);
    // Paper slips by serial only: no voting code to reissue, no households' voting page.
    const officials = await (await s.app.request(`/officials/c/${id}`, { headers: { cookie: `danban_session=${official}` } })).text();
    expect(officials).toContain(`href="/officials/c/${id}/paper"`);
    expect(officials).not.toContain(`action="/officials/c/${id}/reissue"`);
    expect(officials).not.toContain(`href="/vote/${id}"`);
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    expect(await page(id)).toContain(`<a href="../${first}/">vòng biểu quyết trước</a>`);
    const signed = JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/consultation.json`))!));
    expect(signed.follows).toBe(first);
    expect(signed.method).toBe('household_ballot');
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: { follows?: string };
    }>;
    expect(log.find((e) => e.action === 'created')!.data.follows).toBe(first);
  });

  it('lets a household ballot follow only a published meeting of the same commune that ended not_enough_present', async () => {
    const refused = (r: { status: number; json: any }) => {
      expect(r.status).toBe(400);
      expect(r.json.error.details[0]).toMatchObject({ path: 'follows' });
    };
    const { follows: _none, ...alone } = ballots(first);
    refused(await create(alone));
    // A meeting not yet published.
    const draft = (await create(roadConsultation())).json.id as string;
    refused(await create(ballots(draft)));
    // A meeting that reached its threshold: nothing for household ballots to follow.
    const afterAdopted = await create(ballots(adopted));
    refused(afterAdopted);
    expect(afterAdopted.json.error.code).toBe('method_not_allowed');
    // Another commune's meeting, or no round at all.
    refused(await create(ballots(first), await s.token('other')));
    expect((await create(ballots('not-an-id'))).status).toBe(400);
  });

  it('lets other rounds follow any published round of the commune, and no draft or other commune’s round', async () => {
    // A new meeting on the road after the one that adopted it (a correction), and an online round after the short meeting.
    const again = await create({ ...roadConsultation(), title: 'Bê tông hóa đường thôn (vòng 2, mức 200.000 đồng/hộ)', follows: adopted });
    expect(again.status, again.text).toBe(201);
    expect(again.json.follows).toBe(adopted);
    const online = await create({ ...onlineConsultation(), follows: first });
    expect(online.status, online.text).toBe(201);
    expect(online.json.follows).toBe(first);

    const draft = (await create(roadConsultation())).json.id as string;
    const notPublished = await create({ ...roadConsultation(), follows: draft });
    expect(notPublished.status).toBe(400);
    expect(notPublished.json.error.details[0]).toMatchObject({ path: 'follows' });
    const elsewhere = await create({ ...onlineConsultation(), follows: first }, await s.token('other'));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error.details[0]).toMatchObject({ path: 'follows' });
    expect((await create({ ...roadConsultation(), follows: 'not-an-id' })).status).toBe(400);
  });

  it('starts the household ballots from the officials’ page, filled from the short meeting', async () => {
    const headers = { cookie: `danban_session=${official}` };
    const form = await s.app.request(`/officials/c/${first}/next`, { headers });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`<input type="hidden" name="follows" value="${first}"`);
    expect(html).toContain('Bê tông hóa đường thôn');
    expect(html).toMatch(/<option value="household_ballot" selected="">/);
    // After a meeting that adopted the road, the next round is a meeting again.
    const next = await (await s.app.request(`/officials/c/${adopted}/next`, { headers })).text();
    expect(next).toContain(`<input type="hidden" name="follows" value="${adopted}"`);
    expect(next).toMatch(/<option value="meeting" selected="">/);
    const draft = (await create(roadConsultation())).json.id as string;
    expect((await s.app.request(`/officials/c/${draft}/next`, { headers })).status).toBe(409);
  });
});
