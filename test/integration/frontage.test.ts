/**
 * A contribution by metre of frontage (domain.md: basis `per_frontage_metre`) on the real system: the roll carries
 * each household's frontage in the optional `frontage_m` column, voting cannot open while a household has none, and
 * the published schedule counts the dues by metre, exemptions applied, rounded down to whole dong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { Schedule } from '../../shared/contributions.ts';
import { holdMeeting, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** 45,000 đồng a metre; H-004 has no frontage until the roll is fixed. */
const RATE = 45_000;
const ROLL = [
  'id,hamlet,head,members,category,frontage_m',
  'H-001,Thôn Thử Nghiệm,Chủ hộ 1,4,standard,12.5',
  'H-002,Thôn Thử Nghiệm,Chủ hộ 2,3,poor,8',
  'H-003,Thôn Thử Nghiệm,Chủ hộ 3,2,near_poor,"10,3"',
  'H-004,Thôn Thử Nghiệm,Chủ hộ 4,5,standard,',
];

describe('a contribution by metre of frontage', () => {
  let s: Sys;
  let official = '';
  let id = '';

  beforeAll(async () => {
    s = await testSystem('frontage');
    official = await s.token('official');
    const input = roadConsultation();
    const created = await s.call('POST', '/api/consultations', {
      token: official,
      body: {
        ...input,
        questions: [{ ...input.questions[0]!, text: 'Tán thành mức đóng góp 45.000 đồng mỗi mét mặt tiền?' }],
        contribution: {
          ...input.contribution!,
          basis: 'per_frontage_metre',
          amountPerUnit: RATE,
          exemptions: [
            { category: 'poor', percent: 100 },
            { category: 'near_poor', percent: 50 },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    id = created.json.id;
  });
  afterAll(() => s.cleanup());

  it('cannot open while a household has no frontage, and says which', async () => {
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: ROLL.join('\n'), type: 'text/csv' })).status).toBe(200);
    const r = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_request');
    const en = await s.call('POST', `/api/consultations/${id}/open`, { token: official, headers: { 'accept-language': 'en' } });
    expect(en.json.error.message).toMatch(/frontage_m column \(1 without\)/);
    expect(r.json.error.details).toEqual([{ path: 'roll.H-004.frontage_m', message: 'no frontage' }]);
    expect((await s.call('GET', `/api/consultations/${id}`)).json.state).not.toBe('voting');
  });

  it('refuses a roll whose frontage is not metres, line by line, and keeps the roll in force', async () => {
    const bad = [...ROLL.slice(0, 4), 'H-004,Thôn Thử Nghiệm,Chủ hộ 4,5,standard,7.25'].join('\n');
    const r = await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: bad, type: 'text/csv' });
    expect(r.status).toBe(400);
    expect(r.json.error.details).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/metres with at most one decimal/) })]);
  });

  it('publishes the dues by metre once every household has its frontage and the level is adopted', async () => {
    const fixed = [...ROLL.slice(0, 4), 'H-004,Thôn Thử Nghiệm,Chủ hộ 4,5,standard,6.7'].join('\n');
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: fixed, type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    // The meeting: three of the four households present, all three in favour (2/3 of 4 needs 3).
    const closed = await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    const schedule = Schedule.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/contributions/schedule.json`))!)));
    const due = Object.fromEntries(schedule.households.map((h) => [h.id, h.due]));
    // 12.5 m × 45,000; poor: nothing; near-poor: half of 10.3 m × 45,000 = 231,750; 6.7 m × 45,000 = 301,500.
    expect(due).toEqual({ 'H-001': 562_500, 'H-002': 0, 'H-003': 231_750, 'H-004': 301_500 });
    expect(schedule.households.find((h) => h.id === 'H-003')!.units).toBe(10.3);
    expect(schedule.totals.due).toBe(562_500 + 231_750 + 301_500);
    expect(fromUtf8((await s.core.publisher.get(`c/${id}/contributions/schedule.csv`))!)).toContain(
      'H-001,standard,per_frontage_metre,12.5,562500,0,562500,0,562500',
    );
  });
});
