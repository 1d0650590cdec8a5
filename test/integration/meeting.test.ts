/**
 * A community meeting on the real store: attendance by roll id with the live quorum (more than 1/2 of H), the
 * procedural votes as counts of those present, secret ballots entered with channel `meeting`, and the meeting's
 * record in the published audit log; a meeting that misses quorum is published as not_enough_present.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import type { Manifest } from '../../shared/schemas.ts';
import { recordBallotConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('a community meeting', () => {
  let s: Sys;
  let official = '';
  let monitor = '';

  async function meetingRound(households: number): Promise<string> {
    const body = { ...roadConsultation(), method: 'meeting' };
    const created = await s.call('POST', '/api/consultations', { token: official, body });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(households), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    return id;
  }
  const arrive = (id: string, household: string, token = official) => s.call('POST', `/api/consultations/${id}/attendance`, { token, body: { household } });
  const manifestOf = async (id: string) => JSON.parse(new TextDecoder().decode((await s.core.publisher.get(`c/${id}/result.json`))!)) as Manifest;

  beforeAll(async () => {
    s = await testSystem('meeting');
    official = await s.token('official');
    monitor = await s.token('monitor');
  });
  afterAll(() => s.cleanup());

  it('counts arrivals once each and shows the quorum live: 3 of 4 households are needed', async () => {
    const id = await meetingRound(4);
    const first = await arrive(id, 'H-001');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ eligible: 4, present: 1, quorum: { required: 3, met: false }, recorded: true });
    const again = await arrive(id, 'H-001');
    expect(again.json).toMatchObject({ present: 1, recorded: false });
    expect((await arrive(id, 'H-002')).json.quorum.met).toBe(false);
    const third = await arrive(id, 'H-003');
    expect(third.json).toMatchObject({ present: 3, quorum: { required: 3, met: true } });
    expect(third.json.attendance.map((a: { household: string }) => a.household)).toEqual(['H-001', 'H-002', 'H-003']);

    const notOnRoll = await arrive(id, 'H-999');
    expect(notOnRoll.status).toBe(400);
    expect(notOnRoll.json.error.details[0].path).toBe('household');
    expect((await arrive(id, 'H-004', monitor)).status).toBe(403);
    expect((await arrive(id, 'H-004', await s.token('other'))).status).toBe(403);

    // The monitor sees the same, live.
    const seen = await s.call('GET', `/api/consultations/${id}/meeting`, { token: monitor });
    expect(seen.status).toBe(200);
    expect(seen.json.present).toBe(3);
  });

  it('records procedural votes as counts of those present, and refuses more votes than households present', async () => {
    const id = await meetingRound(4);
    for (const h of ['H-001', 'H-002', 'H-003']) await arrive(id, h);
    const vote = (body: unknown) => s.call('POST', `/api/consultations/${id}/procedural-votes`, { token: official, body });
    const secretary = await vote({ subject: 'secretary', text: 'Bầu bà Trần Thị B làm thư ký', for: 3, against: 0, abstain: 0 });
    expect(secretary.status).toBe(201);
    expect(secretary.json.procedural[0]).toMatchObject({ subject: 'secretary', for: 3, adopted: true });
    const split = await vote({ subject: 'voting_method', text: 'Biểu quyết bằng giơ tay', for: 1, against: 2, abstain: 0 });
    expect(split.json.procedural[1].adopted).toBe(false);
    const tooMany = await vote({ subject: 'other', text: 'Quá số hộ có mặt', for: 3, against: 1, abstain: 0 });
    expect(tooMany.status).toBe(400);
    expect((await vote({ subject: 'mayor', text: 'x', for: 1, against: 0, abstain: 0 })).status).toBe(400);
    expect((await vote({ subject: 'other', text: 'Không ai biểu quyết', for: 0, against: 0, abstain: 0 })).status).toBe(400);

    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json as Array<{ action: string }>;
    expect(log.filter((e) => e.action === 'attendance_recorded')).toHaveLength(3);
    expect(log.filter((e) => e.action === 'procedural_vote_recorded')).toHaveLength(2);
  });

  it('publishes the meeting’s ballots as channel meeting and its record in the audit log; a meeting short of quorum is not_enough_present', async () => {
    const id = await meetingRound(4);
    for (const h of ['H-001', 'H-002', 'H-003']) await arrive(id, h);
    // The meeting votes by secret ballot: slips entered by serial, never by household.
    const secret = { token: official, body: { voting: 'secret_ballot' } };
    expect((await s.call('POST', `/api/consultations/${id}/voting-method`, secret)).status).toBe(201);
    for (const serial of ['S-1', 'S-2', 'S-3']) {
      expect((await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { serial, answers: { q1: 'yes' } } })).status).toBe(201);
    }
    const byHousehold = await s.call('POST', `/api/consultations/${id}/paper-ballots`, {
      token: official,
      body: { household: 'H-004', answers: { q1: 'yes' } },
    });
    expect(byHousehold.status).toBe(400);
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const m = await manifestOf(id);
    expect(m.participants.byChannel).toEqual({ online: 0, paper: 0, meeting: 3 });
    expect(m.tally[0]!.outcome.status).toBe('adopted');
    const audit = new TextDecoder().decode((await s.core.publisher.get(`c/${id}/audit.jsonl`))!);
    expect(audit.match(/"action":"attendance_recorded"/g)).toHaveLength(3);
    // Closed: no more arrivals.
    expect((await arrive(id, 'H-004')).status).toBe(409);

    const short = await meetingRound(4);
    await arrive(short, 'H-001');
    await arrive(short, 'H-002');
    await s.call('POST', `/api/consultations/${short}/voting-method`, { token: official, body: { voting: 'secret_ballot' } });
    for (const serial of ['S-1', 'S-2'])
      await s.call('POST', `/api/consultations/${short}/paper-ballots`, { token: official, body: { serial, answers: { q1: 'yes' } } });
    await s.call('POST', `/api/consultations/${short}/close`, { token: official });
    expect((await manifestOf(short)).tally[0]!.outcome.status).toBe('not_enough_present');
  });

  it('refuses attendance for a household ballot', async () => {
    // Residents' opinions (Art. 25) may be asked by household ballot; attendance belongs to meetings only.
    const created = await s.call('POST', '/api/consultations', {
      token: official,
      body: { ...roadConsultation(), matter: 'opinion', method: 'household_ballot', contribution: undefined },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(2), type: 'text/csv' })).status).toBe(200);
    await recordBallotConditions(s.call, official, id);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json.serials).toHaveLength(2);
    const refused = await arrive(id, 'H-001');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('wrong_state');
    expect((await s.call('GET', `/api/consultations/${id}/meeting`, { token: monitor })).status).toBe(409);
  });

  it('lets the secretary enter arrivals on the officials’ page, with the quorum in words', async () => {
    const id = await meetingRound(3);
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const post = (path: string, body: string) =>
      pages.request(path, { method: 'POST', headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body });
    const start = await pages.request(`/officials/c/${id}/meeting`, { headers });
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('Chưa đủ số hộ tham dự: cần ít nhất 2 hộ, còn thiếu 2 hộ');
    const one = await post(`/officials/c/${id}/meeting/attendance`, 'household=H-001');
    expect(await one.text()).toContain('Đã ghi nhận hộ H-001 có mặt');
    const bad = await post(`/officials/c/${id}/meeting/attendance`, 'household=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('<script>');
    const two = await post(`/officials/c/${id}/meeting/attendance`, 'household=H-002');
    expect(await two.text()).toContain('Đủ số hộ tham dự');
    const vote = await post(`/officials/c/${id}/meeting/procedural`, 'subject=secretary&text=B%E1%BA%A7u%20th%C6%B0%20k%C3%BD&for=2&against=0&abstain=0');
    expect(vote.status).toBe(200);
    expect(await vote.text()).toContain('Bầu thư ký');
  });
});
