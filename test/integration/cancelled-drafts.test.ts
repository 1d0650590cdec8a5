/**
 * A round cancelled while still a draft was never public: it is left out of the public list and the monitors' list,
 * and stays in its own officials' dashboard; a round disclosed then cancelled stays listed. With it, two links: the
 * roll preview back to the round's page, and the monitors' round page to the published result page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/core/ports.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const HOUR = 3_600_000;

class MovableClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

describe('cancelled drafts and two links', () => {
  let s: Sys;
  const clock = new MovableClock(Date.parse('2026-12-05T02:00:00Z'));
  const session: Record<'official' | 'monitor', string> = { official: '', monitor: '' };
  const staff = async (path: string, who: keyof typeof session) => {
    const res = await s.app.request(path, { headers: { cookie: `danban_session=${session[who]}` } });
    return { status: res.status, html: await res.text() };
  };
  const create = async (body: unknown) => {
    const r = await s.call('POST', '/api/consultations', { token: session.official, body });
    expect(r.status, r.text).toBe(201);
    // A second apart, so that the lists' newest-first order is the order of creation.
    clock.ms += 1000;
    return r.json.id as string;
  };
  const withRoll = async (id: string) =>
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: session.official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
  const disclose = async (id: string) => expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: session.official })).status).toBe(200);
  const cancel = async (id: string) =>
    expect((await s.call('POST', `/api/consultations/${id}/cancel`, { token: session.official })).json.state).toBe('cancelled');

  beforeAll(async () => {
    s = await testSystem('cancelled-drafts', { clock });
    [session.official, session.monitor] = await Promise.all([s.token('official'), s.token('monitor')]);
  });
  afterAll(() => s.cleanup());

  it('leaves a draft cancelled before disclosure out of the public and monitors’ lists, not the officials’ dashboard', async () => {
    const never = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Dự thảo hủy khi chưa công khai' });
    await cancel(never);
    const disclosed = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Công khai rồi mới hủy' });
    await withRoll(disclosed);
    await disclose(disclosed);
    await cancel(disclosed);
    const open = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Đang công khai' });
    await withRoll(open);
    await disclose(open);

    const ids = (json: { consultations: Array<{ id: string }> }) => json.consultations.map((c) => c.id);
    const all = await s.call('GET', '/api/consultations');
    expect(all.status).toBe(200);
    expect(ids(all.json)).toEqual([open, disclosed]);
    // Asked by state or by commune, or by the commune's own official through the API, the same.
    expect(ids((await s.call('GET', '/api/consultations?state=cancelled')).json)).toEqual([disclosed]);
    const mine = await s.call('GET', `/api/consultations?commune=${COMMUNE}`, { token: session.official });
    expect(ids(mine.json)).toEqual([open, disclosed]);
    // Page by page, the never-public draft (the older) is left out of the page that held it.
    const first = await s.call('GET', '/api/consultations?limit=1&state=cancelled');
    expect(ids(first.json)).toEqual([disclosed]);
    expect(typeof first.json.next).toBe('string');
    const second = await s.call('GET', `/api/consultations?limit=1&state=cancelled&cursor=${first.json.next}`);
    expect(second.status).toBe(200);
    expect(ids(second.json)).toEqual([]);

    // Asked for by id, the never-public draft is not found but by its own officials; the disclosed one is public.
    expect((await s.call('GET', `/api/consultations/${never}`)).status).toBe(404);
    expect((await s.call('GET', `/api/consultations/${never}`, { token: session.monitor })).status).toBe(404);
    const own = await s.call('GET', `/api/consultations/${never}`, { token: session.official });
    expect(own.status, own.text).toBe(200);
    expect(own.json.state).toBe('cancelled');
    expect((await s.call('GET', `/api/consultations/${disclosed}`)).json.state).toBe('cancelled');

    const monitors = await staff('/monitors/', 'monitor');
    expect(monitors.status).toBe(200);
    expect(monitors.html).not.toContain('Dự thảo hủy khi chưa công khai');
    expect(monitors.html).toContain('Công khai rồi mới hủy');

    const dashboard = await staff('/officials/', 'official');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('Dự thảo hủy khi chưa công khai');
    expect(dashboard.html).toContain('Công khai rồi mới hủy');
  });

  it('the roll preview links back to the round’s page', async () => {
    const id = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Vòng có danh sách hộ' });
    await withRoll(id);
    const preview = await staff(`/officials/c/${id}/roll/households`, 'official');
    expect(preview.status).toBe(200);
    expect(preview.html).toMatch(new RegExp(`<a href="/officials/c/${id}" id="round-link">`));
    expect(preview.html).toContain(`href="/officials/c/${id}/roll"`);
  });

  it('the monitors’ page of a published round links to its public result page', async () => {
    const body = { ...onlineConsultation(new Date(clock.ms), 24), title: 'Vòng đã công bố' };
    const id = await create(body);
    await withRoll(id);
    await disclose(id);
    await recordOnlineConditions(s.call, session.official, id, 3);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: session.official });
    expect(opened.status, opened.text).toBe(200);
    const before = await staff(`/monitors/c/${id}`, 'monitor');
    expect(before.html).not.toContain('id="result-page-link"');
    clock.ms += 30 * HOUR;
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: session.official });
    expect(closed.json.state, closed.text).toBe('published');
    const page = await staff(`/monitors/c/${id}`, 'monitor');
    expect(page.status).toBe(200);
    const link = /<a[^>]*id="result-page-link"[^>]*>/.exec(page.html)?.[0] ?? '';
    expect(link).toMatch(new RegExp(`href="[^"]*/c/${id}/"`));
  });
});
