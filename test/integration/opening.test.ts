/**
 * What stands before opening voting, under the default legal profile (domain.md "Disclosure and notice"): the
 * notice runs the law's minimum, 2 days for a meeting or an online vote and 30 for a draft community rule; opening
 * earlier needs a reason that goes into the audit log, and a draft community rule cannot open early at all; an
 * online vote needs the five Decree 59/2023 Art. 5 conditions recorded first, and they are published with the result.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Clock } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const DAY = 86_400_000;
const START = Date.parse('2026-12-01T01:00:00Z');

class MovableClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

describe('opening voting under the default legal profile', () => {
  let s: Sys;
  let official = '';
  const clock = new MovableClock(START);

  /** A consultation with its roll, open for 60 days from the clock's now: the road (a meeting) unless told otherwise. */
  async function draft(input: Partial<ConsultationInput> = {}, base = roadConsultation): Promise<string> {
    const body = { ...base(new Date(clock.ms), 60 * 24), ...input };
    const created = await s.call('POST', '/api/consultations', { token: official, body });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    return id;
  }
  const open = (id: string, body?: unknown) => s.call('POST', `/api/consultations/${id}/open`, { token: official, ...(body !== undefined ? { body } : {}) });
  const audit = async (id: string) =>
    (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    s = await testSystem('opening', { clock, profile: DEFAULT_PROFILE });
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('refuses to open a meeting that was never notified, or notified less than 2 days ago, and says until when', async () => {
    const id = await draft();
    const never = await open(id);
    expect(never.status).toBe(409);
    expect(never.json.error.code).toBe('disclosure_too_short');
    expect(never.json.error.message).toContain('công khai');

    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    clock.ms += 1 * DAY;
    const early = await open(id, {});
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('disclosure_too_short');
    const english = await s.call('POST', `/api/consultations/${id}/open`, { token: official, headers: { 'accept-language': 'en' } });
    expect(english.json.error.message).toContain('disclosure period');
    // Nothing was opened by the refusals.
    expect((await s.call('GET', `/api/consultations/${id}`, { token: official })).json.state).toBe('disclosure');
    expect((await audit(id)).map((e) => e.action)).not.toContain('voting_opened');

    clock.ms += 1 * DAY;
    const onTime = await open(id);
    expect(onTime.status).toBe(200);
    expect(onTime.json.state).toBe('voting');
    // A meeting has no voting codes.
    expect(onTime.json.credentials).toBeUndefined();
    const opened = (await audit(id)).find((e) => e.action === 'voting_opened')!;
    expect(opened.data).not.toHaveProperty('disclosure');
    expect(opened.data.credentialsIssued).toBe(0);
  });

  it('keeps a draft community rule public 30 days, with no reason to shorten it', async () => {
    const id = await draft({
      matter: 'community_rules',
      title: 'Quy ước thôn Thử Nghiệm',
      questions: [
        { id: 'q1', type: 'yes_no', text: 'Đồng ý thông qua quy ước thôn?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } },
      ],
      contribution: undefined,
    });
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    clock.ms += 29 * DAY;
    const early = await open(id, { override: { reason: 'Cộng đồng muốn thông qua quy ước sớm hơn.' } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('disclosure_too_short');
    expect((await audit(id)).map((e) => e.action)).not.toContain('voting_opened');
    clock.ms += 1 * DAY;
    const onTime = await open(id);
    expect(onTime.status).toBe(200);
    expect((await audit(id)).find((e) => e.action === 'voting_opened')!.data).not.toHaveProperty('disclosure');
  });

  it('opens early only with a reason of 10 characters or more, and keeps the reason in the voting_opened event', async () => {
    const id = await draft();
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    const short = await open(id, { override: { reason: 'vội' } });
    expect(short.status).toBe(400);
    expect(short.json.error.details[0].path).toBe('override.reason');
    const unknown = await open(id, { override: { reason: 'Họp dân đã thống nhất mở sớm' }, extra: true });
    expect(unknown.status).toBe(400);

    const reason = 'Họp dân ngày 2/12 đã thống nhất biểu quyết sớm trước mùa mưa.';
    const r = await open(id, { override: { reason } });
    expect(r.status).toBe(200);
    const opened = (await audit(id)).find((e) => e.action === 'voting_opened')!;
    expect(opened.data.disclosure).toMatchObject({ days: 2, overrideReason: reason });
    expect((opened.data.disclosure as { earliest: string }).earliest).toBe(`${new Date(clock.ms + 2 * DAY).toISOString().slice(0, 19)}Z`);
  });

  it('refuses an online vote until the five Art. 5 conditions are recorded, and publishes them with the result', async () => {
    const id = await draft(
      {
        matter: 'opinion',
        questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý làm sân chơi?', options: [], rule: { base: 'plurality' } }],
      },
      onlineConsultation,
    );
    const reason = 'Ý kiến tham khảo, cộng đồng đã nhất trí biểu quyết ngay.';
    const refused = await open(id, { override: { reason } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('conditions_missing');
    expect(refused.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      'conditions.leaders_agreed',
      'conditions.reported',
      'conditions.team',
      'conditions.poll',
      'conditions.devices',
    ]);

    const record = (body: unknown) => s.call('POST', `/api/consultations/${id}/online-conditions`, { token: official, body });
    // 2 of 4 households is not more than half of H.
    const half = await record({ condition: 'poll', agreed: 2, date: '2026-12-01', reference: 'Phiếu thăm dò ngày 1/12' });
    expect(half.status).toBe(400);
    expect(half.json.error.details[0].path).toBe('agreed');
    expect(half.json.error.details[0].message).toContain('cần trên 50% tổng số hộ');
    expect((await record({ condition: 'poll', agreed: 5, date: '2026-12-01', reference: 'Phiếu thăm dò ngày 1/12' })).status).toBe(400);
    expect((await record({ condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản số 12/BB', asked: 4 })).status).toBe(400);
    const twoMembers = await record({
      condition: 'team',
      members: [
        { name: 'Tổ viên Một', role: 'Ban công tác Mặt trận' },
        { name: 'Tổ viên Hai', role: 'Chi hội Phụ nữ' },
      ],
      leader: 'Tổ viên Một',
    });
    expect(twoMembers.status).toBe(400);
    expect(
      (
        await s.call('POST', `/api/consultations/${id}/online-conditions`, {
          token: await s.token('other'),
          body: { condition: 'leaders_agreed', date: '2026-12-01', reference: 'x'.repeat(5) },
        })
      ).status,
    ).toBe(404);

    expect((await record({ condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản số 12/BB' })).status).toBe(201);
    expect((await open(id, { override: { reason } })).json.error.details).toHaveLength(4);
    expect((await record({ condition: 'poll', agreed: 3, date: '2026-12-01', reference: 'Phiếu thăm dò ngày 1/12' })).status).toBe(201);
    expect((await open(id, { override: { reason } })).json.error.details.map((d: { path: string }) => d.path)).toEqual([
      'conditions.reported',
      'conditions.team',
      'conditions.devices',
    ]);
    // The other three, as the helper records them (its poll too: a condition recorded again is the later one).
    await recordOnlineConditions(s.call, official, id, 4);
    const opened = await open(id, { override: { reason } });
    expect(opened.status).toBe(200);
    expect(opened.json.credentials).toHaveLength(4);
    // Too late now: the conditions are for before the opening.
    expect((await record({ condition: 'reported', date: '2026-12-02', reference: 'Báo cáo số 6/BC-UBND' })).status).toBe(409);

    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.status).toBe(200);
    const published = (await s.core.publisher.get(`c/${id}/audit.jsonl`))!;
    const actions = new TextDecoder()
      .decode(published)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; data: Record<string, unknown> });
    const conditions = actions.filter((e) => e.action === 'online_condition_recorded').map((e) => e.data.condition);
    expect(conditions).toEqual(['leaders_agreed', 'poll', 'leaders_agreed', 'reported', 'team', 'poll', 'devices']);
  });

  it('records the Art. 5 conditions from the officials’ open page, one small form for each missing one', async () => {
    const id = await draft({}, onlineConsultation);
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const formsOf = (html: string) =>
      [...html.matchAll(/<form method="post" action="([^"]+)" class="condition">[\s\S]*?name="condition" value="([a-z_]+)"/g)].map((m) => [m[1], m[2]]);
    const first = await pages.request(`/officials/c/${id}/open`, { headers });
    expect(first.status).toBe(200);
    const action = `/officials/c/${id}/conditions`;
    expect(formsOf(await first.text())).toEqual([
      [action, 'leaders_agreed'],
      [action, 'reported'],
      [action, 'team'],
      [action, 'poll'],
      [action, 'devices'],
    ]);
    const post = (body: string) =>
      pages.request(action, {
        method: 'POST',
        headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    // 2 of 4 households is not more than half.
    expect((await post(form({ condition: 'poll', agreed: '2', date: '2026-12-01', reference: 'Phiếu thăm dò' }))).status).toBe(400);
    expect((await post(form({ condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản 12' }))).status).toBe(303);
    const members = 'Tổ viên Một, Ban công tác Mặt trận\nTổ viên Hai, Chi hội Phụ nữ\nTổ viên Ba, Chi đoàn Thanh niên';
    // The leader must be one of the members.
    expect((await post(form({ condition: 'team', members, leader: 'Người ngoài' }))).status).toBe(400);
    expect((await post(form({ condition: 'team', members, leader: 'Tổ viên Một' }))).status).toBe(303);
    const after = await pages.request(`/officials/c/${id}/open`, { headers });
    expect(after.status).toBe(200);
    expect(formsOf(await after.text()).map(([, kind]) => kind)).toEqual(['reported', 'poll', 'devices']);
    const log = await audit(id);
    const team = log.find((e) => e.action === 'online_condition_recorded' && e.data.condition === 'team')!;
    expect(team.data).toMatchObject({ size: 3, leaderRole: 'Ban công tác Mặt trận' });
  });

  it('records a household ballot’s plan and ballot team from the officials’ open page (Decree 59/2023 Art. 4)', async () => {
    const id = await draft({ matter: 'opinion', method: 'household_ballot', contribution: undefined });
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const formsOf = (html: string) =>
      [...html.matchAll(/<form method="post" action="([^"]+)" class="condition">[\s\S]*?name="condition" value="([a-z_]+)"/g)].map((m) => [m[1], m[2]]);
    const first = await pages.request(`/officials/c/${id}/open`, { headers });
    expect(first.status).toBe(200);
    const html = await first.text();
    const action = `/officials/c/${id}/conditions`;
    expect(formsOf(html)).toEqual([
      [action, 'ballot_plan'],
      [action, 'ballot_team'],
    ]);
    expect(html).toContain('Phát phiếu lấy ý kiến của hộ gia đình cần ghi nhận trước các điều kiện');
    expect(html).toContain('Kế hoạch tổ chức phát phiếu lấy ý kiến');
    expect(html).toContain('name="issued"');
    expect(html).toContain('name="sent"');
    expect(html).toContain('Tổ phát phiếu lấy ý kiến (3–5 người');
    const post = (body: string) =>
      pages.request(action, {
        method: 'POST',
        headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    // Sent three days after it was issued: past the two days.
    const late = await post(form({ condition: 'ballot_plan', issued: '2026-11-20', sent: '2026-11-23', reference: 'Kế hoạch số 05/KH-TĐ' }));
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('chậm nhất 02 ngày kể từ ngày ban hành');
    expect((await post(form({ condition: 'ballot_plan', issued: '2026-11-20', sent: '2026-11-22', reference: 'Kế hoạch số 05/KH-TĐ' }))).status).toBe(303);
    const members = 'Tổ viên Một, Ban công tác Mặt trận\nTổ viên Hai, Đại diện thôn\nTổ viên Ba, Chi hội Nông dân';
    expect((await post(form({ condition: 'ballot_team', members, leader: 'Người ngoài' }))).status).toBe(400);
    expect((await post(form({ condition: 'ballot_team', members, leader: 'Tổ viên Một' }))).status).toBe(303);
    const after = await pages.request(`/officials/c/${id}/open`, { headers });
    expect(formsOf(await after.text())).toEqual([]);
    const log = await audit(id);
    const team = log.find((e) => e.action === 'online_condition_recorded' && e.data.condition === 'ballot_team')!;
    expect(team.data).toMatchObject({ size: 3, leaderRole: 'Ban công tác Mặt trận', roles: ['Ban công tác Mặt trận', 'Đại diện thôn', 'Chi hội Nông dân'] });
    expect(JSON.stringify(log)).not.toContain('Tổ viên');
    expect(log.find((e) => e.data.condition === 'ballot_plan')!.data).toEqual({
      condition: 'ballot_plan',
      issued: '2026-11-20',
      sent: '2026-11-22',
      reference: 'Kế hoạch số 05/KH-TĐ',
    });
  });

  it('refuses the online-conditions route for a consultation not held online', async () => {
    const id = await draft();
    const r = await s.call('POST', `/api/consultations/${id}/online-conditions`, {
      token: official,
      body: { condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản số 12/BB' },
    });
    expect(r.status).toBe(409);
  });

  it('asks for the reason on the officials’ page, and opens with it', async () => {
    const id = await draft({}, onlineConsultation);
    await recordOnlineConditions(s.call, official, id, 4);
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const form = await pages.request(`/officials/c/${id}/open`, { headers });
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toContain('<textarea id="reason" name="reason" required=""');
    expect(html).toContain('phải thông báo trước ít nhất 2 ngày');

    const post = (body: string) =>
      pages.request(`/officials/c/${id}/open`, {
        method: 'POST',
        headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const without = await post('');
    expect(without.status).toBe(409);
    expect(await without.text()).toContain('Chưa hết thời gian công khai');
    const short = await post('reason=nhanh');
    expect(short.status).toBe(400);
    const ok = await post(`reason=${encodeURIComponent('Cộng đồng đã họp và đồng ý mở ngay.')}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/officials/c/${id}/codes?page=1`);
    const slips = await pages.request(`/officials/c/${id}/codes?page=1`, { headers });
    expect(slips.status).toBe(200);
    expect(await slips.text()).toContain('class="sheet"');
  });
});
