/**
 * What stands before opening voting, under the default legal profile (domain.md): the disclosure stays public 30
 * days, and opening earlier needs a reason that goes into the audit log; an online vote needs the Decree 59/2023
 * Art. 5 conditions recorded first, and they are published with the result.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Clock } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { roadConsultation, rollCsv, testSystem } from '../support/system.ts';

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

  /** A consultation with its roll, open for 60 days from the clock's now. */
  async function draft(input: Partial<ConsultationInput> = {}): Promise<string> {
    const body = { ...roadConsultation(new Date(clock.ms), 60 * 24), ...input };
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

  it('refuses to open a consultation that was never disclosed, or disclosed less than 30 days ago, and says until when', async () => {
    const id = await draft();
    const never = await open(id);
    expect(never.status).toBe(409);
    expect(never.json.error.code).toBe('disclosure_too_short');
    expect(never.json.error.message).toContain('công khai');

    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    clock.ms += 29 * DAY;
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
    expect(onTime.json.credentials).toHaveLength(4);
    const opened = (await audit(id)).find((e) => e.action === 'voting_opened')!;
    expect(opened.data).not.toHaveProperty('disclosure');
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
    expect(opened.data.disclosure).toMatchObject({ days: 30, overrideReason: reason });
    expect((opened.data.disclosure as { earliest: string }).earliest).toBe(`${new Date(clock.ms + 30 * DAY).toISOString().slice(0, 19)}Z`);
  });

  it('refuses an online vote until the three Art. 5 conditions are recorded, and publishes them with the result', async () => {
    const id = await draft({
      matter: 'opinion',
      method: 'online',
      questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý làm sân chơi?', options: [], rule: { base: 'plurality' } }],
      contribution: undefined,
    });
    const reason = 'Ý kiến tham khảo, cộng đồng đã nhất trí biểu quyết ngay.';
    const refused = await open(id, { override: { reason } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('conditions_missing');
    expect(refused.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      'conditions.leaders_agreed',
      'conditions.community_unanimous',
      'conditions.commune_notified',
    ]);

    const record = (body: unknown) => s.call('POST', `/api/consultations/${id}/online-conditions`, { token: official, body });
    const split = await record({ condition: 'community_unanimous', date: '2026-12-01', reference: 'Phiếu thăm dò ngày 1/12', asked: 4, agreed: 3 });
    expect(split.status).toBe(400);
    expect(split.json.error.details[0].message).toContain('unanimously');
    expect((await record({ condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản số 12/BB', asked: 4 })).status).toBe(400);
    expect(
      (
        await s.call('POST', `/api/consultations/${id}/online-conditions`, {
          token: await s.token('other'),
          body: { condition: 'leaders_agreed', date: '2026-12-01', reference: 'x'.repeat(5) },
        })
      ).status,
    ).toBe(404);

    expect((await record({ condition: 'leaders_agreed', date: '2026-12-01', reference: 'Biên bản số 12/BB' })).status).toBe(201);
    expect((await open(id, { override: { reason } })).json.error.details).toHaveLength(2);
    expect((await record({ condition: 'community_unanimous', date: '2026-12-01', reference: 'Phiếu thăm dò ngày 1/12', asked: 4, agreed: 4 })).status).toBe(
      201,
    );
    expect((await record({ condition: 'commune_notified', date: '2026-12-02', reference: 'Báo cáo số 5/BC-UBND' })).status).toBe(201);
    expect((await open(id, { override: { reason } })).status).toBe(200);
    // Too late now: the conditions are for before the opening.
    expect((await record({ condition: 'commune_notified', date: '2026-12-02', reference: 'Báo cáo số 6/BC-UBND' })).status).toBe(409);

    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.status).toBe(200);
    const published = (await s.core.publisher.get(`c/${id}/audit.jsonl`))!;
    const actions = new TextDecoder()
      .decode(published)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; data: Record<string, unknown> });
    const conditions = actions.filter((e) => e.action === 'online_condition_recorded').map((e) => e.data.condition);
    expect(conditions).toEqual(['leaders_agreed', 'community_unanimous', 'commune_notified']);
  });

  it('records the Art. 5 conditions from the officials’ open page', async () => {
    const id = await draft({
      matter: 'opinion',
      method: 'online',
      questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý làm sân chơi?', options: [], rule: { base: 'plurality' } }],
      contribution: undefined,
    });
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const first = await pages.request(`/officials/c/${id}/open`, { headers });
    expect(first.status).toBe(409);
    const html = await first.text();
    expect(html).toContain(`action="/officials/c/${id}/conditions"`);
    expect(html).toContain('<option value="leaders_agreed">');
    const post = (body: string) =>
      pages.request(`/officials/c/${id}/conditions`, {
        method: 'POST',
        headers: { ...headers, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('condition=community_unanimous&date=2026-12-01&reference=Phi%E1%BA%BFu%20th%C4%83m%20d%C3%B2&asked=4&agreed=3')).status).toBe(400);
    expect((await post('condition=leaders_agreed&date=2026-12-01&reference=Bi%C3%AAn%20b%E1%BA%A3n%2012')).status).toBe(303);
    const after = await (await pages.request(`/officials/c/${id}/open`, { headers })).text();
    expect(after).not.toContain('<option value="leaders_agreed">');
    expect(after).toContain('<option value="community_unanimous">');
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
    const id = await draft();
    const pages = new Hono().route('/', officialPages({ core: s.core, verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }) }));
    const headers = { cookie: `danban_session=${official}` };
    const form = await pages.request(`/officials/c/${id}/open`, { headers });
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toContain('<textarea id="reason" name="reason" required=""');
    expect(html).toContain('phải công khai 30 ngày');

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
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('class="sheet"');
  });
});
