/**
 * The law's ways of deciding, whole, through the API on DynamoDB Local (domain.md "How a round is held"):
 * - the road (Art. 15(1)): refused online and as a first household ballot; a meeting short of households ends
 *   `not_enough_present`; household ballots then follow it, by serial, and adopt it; the bundle verifies;
 * - an Art. 15(6) matter online: refused before the five Decree 59/2023 Art. 5 conditions, a poll of H/2 refused,
 *   then codes, ballots, a published result that verifies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../shared/verify/index.ts';
import { BALLOT_PLAN } from '../support/ballot-conditions.ts';
import { holdMeeting, onlineConsultation, recordBallotConditions, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundle(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

describe('the law’s ways of deciding', () => {
  let s: Sys;
  let official = '';
  const post = (path: string, body?: unknown) => s.call('POST', path, { token: official, ...(body !== undefined ? { body } : {}) });

  async function created(input: unknown, households: number): Promise<string> {
    const r = await post('/api/consultations', input);
    expect(r.status, r.text).toBe(201);
    const id = r.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(households), type: 'text/csv' })).status).toBe(200);
    return id;
  }

  async function verified(id: string) {
    const dir = join(s.dataDir, 'site', 'c', id);
    const report = await verifyBundle(bundle(dir), { pinned: readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    return JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  }

  beforeAll(async () => {
    s = await testSystem('law-flows');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('refuses a road decided online, or by household ballots first, with the rule in words', async () => {
    const online = await post('/api/consultations', { ...roadConsultation(), method: 'online' });
    expect(online.status).toBe(400);
    expect(online.json.error.code).toBe('method_not_allowed');
    expect(online.json.error.message).toContain('Điều 17 khoản 2');
    const ballotsFirst = await post('/api/consultations', { ...roadConsultation(), method: 'household_ballot' });
    expect(ballotsFirst.status).toBe(400);
    expect(ballotsFirst.json.error.code).toBe('method_not_allowed');
    expect(ballotsFirst.json.error.details[0].path).toBe('follows');
  });

  it('decides the road as the law does: a meeting short of households, then household ballots by serial', async () => {
    // 9 households: 2/3 needs 6 in favour; 5 present cannot reach it.
    const meeting = await created(roadConsultation(), 9);
    expect((await post(`/api/consultations/${meeting}/open`)).status).toBe(200);
    const present = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'];
    const status = await holdMeeting(s.call, official, meeting, present, { q1: { yes: 5, no: 0, abstain: 0 } });
    expect(status.status, status.text).toBe(200);
    const short = await verified(meeting);
    expect(short.format).toBe('result/2');
    expect(short.method).toBe('meeting');
    expect(short.tally[0].outcome.status).toBe('not_enough_present');
    expect(short.tally[0].present).toBe(5);

    // A household ballot must name that meeting; naming nothing, or a meeting that reached its threshold, is refused.
    const ballots = await created({ ...roadConsultation(), method: 'household_ballot', follows: meeting }, 9);
    await recordBallotConditions(s.call, official, ballots);
    const open = await post(`/api/consultations/${ballots}/open`);
    expect(open.status).toBe(200);
    expect(open.json.credentials).toBeUndefined();
    const serials: string[] = open.json.serials;
    expect(serials).toHaveLength(9);
    expect(new Set(serials).size).toBe(9);
    // No online channel in a household-ballot round.
    const online = await s.call('POST', `/api/consultations/${ballots}/ballots`, { body: { code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'yes' } } });
    expect(online.status).toBe(409);
    expect(online.json.error.code).toBe('channel_not_allowed');
    // Seven slips come back: six in favour, one against.
    for (let i = 1; i <= 7; i++) expect((await post(`/api/consultations/${ballots}/returns`, { household: `H-00${i}` })).status).toBe(201);
    for (const [i, serial] of serials.slice(0, 7).entries()) {
      const r = await post(`/api/consultations/${ballots}/paper-ballots`, { serial, answers: { q1: i < 6 ? 'yes' : 'no' } });
      expect(r.status, r.text).toBe(201);
    }
    const closed = await post(`/api/consultations/${ballots}/close`);
    expect(closed.status, closed.text).toBe(200);
    const adopted = await verified(ballots);
    expect(adopted.method).toBe('household_ballot');
    expect(adopted.tally[0]).toMatchObject({ eligible: 9, threshold: 6, counts: { yes: 6, no: 1 }, outcome: { status: 'adopted' } });
    const published = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', ballots, 'ballots.json'), 'utf8'));
    expect(published.ballots.map((b: { serial: string }) => b.serial).sort()).toEqual(serials.slice(0, 7).sort());
  });

  it('sends no household-ballot slip before the plan, sent to both chairs within 2 days, and the ballot team (D59 Art. 4)', async () => {
    const meeting = await created(roadConsultation(), 3);
    expect((await post(`/api/consultations/${meeting}/open`)).status).toBe(200);
    expect((await holdMeeting(s.call, official, meeting, ['H-001'], { q1: { yes: 1, no: 0, abstain: 0 } })).status).toBe(200);
    const id = await created({ ...roadConsultation(), method: 'household_ballot', follows: meeting }, 3);
    const before = await post(`/api/consultations/${id}/open`);
    expect(before.status).toBe(409);
    expect(before.json.error.code).toBe('conditions_missing');
    expect(before.json.error.details.map((d: { path: string }) => d.path)).toEqual(['conditions.ballot_plan', 'conditions.ballot_team']);

    // Sent three days after it was issued, or before: refused with the decree's rule in both languages.
    const lateBody = { ...BALLOT_PLAN, issued: '2026-12-01', sent: '2026-12-04' };
    const late = await post(`/api/consultations/${id}/online-conditions`, lateBody);
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('invalid_request');
    expect(late.json.error.details).toEqual([{ path: 'sent', message: expect.stringContaining('chậm nhất 02 ngày kể từ ngày ban hành') }]);
    const english = await s.call('POST', `/api/consultations/${id}/online-conditions`, {
      token: official,
      body: lateBody,
      headers: { 'accept-language': 'en' },
    });
    expect(english.status).toBe(400);
    expect(english.json.error.message).toContain('at most 2 days after it is issued');
    const backwards = await post(`/api/consultations/${id}/online-conditions`, { ...BALLOT_PLAN, issued: '2026-12-03', sent: '2026-12-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.details[0].message).toContain('trước ngày ban hành');
    // A team of two, or led by someone outside it, is not the decree's team.
    const two = [
      { name: 'Tổ viên Một', role: 'Ban công tác Mặt trận' },
      { name: 'Tổ viên Hai', role: 'Đại diện thôn' },
    ];
    expect((await post(`/api/consultations/${id}/online-conditions`, { condition: 'ballot_team', members: two, leader: 'Tổ viên Một' })).status).toBe(400);
    // The online conditions do not stand in for them.
    const online = await post(`/api/consultations/${id}/online-conditions`, { condition: 'reported', date: '2026-12-01', reference: 'Báo cáo số 01' });
    expect(online.status).toBe(409);

    // The plan alone is not enough.
    const plan = await post(`/api/consultations/${id}/online-conditions`, BALLOT_PLAN);
    expect(plan.status, plan.text).toBe(201);
    expect(plan.json).toMatchObject({ condition: 'ballot_plan' });
    const planOnly = await post(`/api/consultations/${id}/open`);
    expect(planOnly.status).toBe(409);
    expect(planOnly.json.error.details.map((d: { path: string }) => d.path)).toEqual(['conditions.ballot_team']);

    await recordBallotConditions(s.call, official, id);
    const after = await post(`/api/consultations/${id}/open`);
    expect(after.status, after.text).toBe(200);
    expect(after.json.serials).toHaveLength(3);
    // The team is published by roles, the leader's role and a hash of the members: never a name.
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: Record<string, unknown>;
    }>;
    const recorded = log.filter((e) => e.action === 'online_condition_recorded');
    expect(recorded.map((e) => e.data.condition)).toEqual(['ballot_plan', 'ballot_plan', 'ballot_team']);
    expect(recorded[0]!.data).toEqual(BALLOT_PLAN);
    const team = recorded[2]!.data;
    expect(team).toMatchObject({
      condition: 'ballot_team',
      size: 3,
      roles: ['Ban công tác Mặt trận', 'Đại diện thôn', 'Chi hội Nông dân'],
      leaderRole: 'Ban công tác Mặt trận',
      membersHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(log)).not.toContain('Tổ viên');
  });

  it('opens an Art. 15(6) matter online only after the five conditions, with more than half of H agreeing', async () => {
    const id = await created(onlineConsultation(), 4);
    const early = await post(`/api/consultations/${id}/open`);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('conditions_missing');
    const halfOnly = await post(`/api/consultations/${id}/online-conditions`, { condition: 'poll', agreed: 2, date: '2026-12-01', reference: 'BB 01' });
    expect(halfOnly.status).toBe(400);
    await recordOnlineConditions(s.call, official, id, 3);
    const open = await post(`/api/consultations/${id}/open`);
    expect(open.status, open.text).toBe(200);
    const codes: Array<{ household: string; code: string }> = open.json.credentials;
    expect(codes).toHaveLength(4);
    for (const [i, { code }] of codes.slice(0, 3).entries()) {
      const r = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: i < 2 ? 'yes' : 'abstain' } } });
      expect(r.status, r.text).toBe(201);
    }
    expect((await post(`/api/consultations/${id}/close`)).status).toBe(200);
    const result = await verified(id);
    expect(result.method).toBe('online');
    // 2 of 4 in favour is not more than half of all households: absent and "other opinion" count against.
    expect(result.tally[0]).toMatchObject({ eligible: 4, threshold: 3, counts: { yes: 2, no: 0 }, abstain: 1, outcome: { status: 'rejected' } });
  });
});
