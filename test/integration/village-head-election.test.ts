/**
 * A village-head election through the staff pages on the real store (Decree 59/2023 Art. 6–8): an official creates
 * it for a hamlet and records each step with its date (the chair's decision, the Front's list, the election team —
 * one day late, and refused first with a candidate on it —, the notice, the invitation, a nomination from the floor,
 * the count, the decision sent); the monitors read the same checklist; UBND xã recognises the person elected. The
 * process's own chain holds every act, and the public timeline says who was elected and never names a household.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain } from '../../shared/audit.ts';
import { addDays } from '../../shared/process/calendar.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';

describe('a village-head election from plan to recognition', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let commune = '';
  let id = '';
  let today = '';
  let meeting = '';

  const request = async (path: string, session: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const step = async (path: string, form: Record<string, string>) => {
    const r = await request(`/officials/processes/${id}/${path}`, official, form);
    expect(r.status, r.text).toBe(303);
    expect(r.location).toBe(`/officials/processes/${id}#steps`);
  };
  const site = async (key: string) => new TextDecoder().decode((await s.core.publisher.get(key)) ?? new Uint8Array());
  const rowOf = (html: string, stepId: string) => {
    const from = html.indexOf(`id="step-${stepId}"`);
    expect(from).toBeGreaterThan(0);
    return html.slice(from, html.indexOf('</tr>', from));
  };

  beforeAll(async () => {
    s = await testSystem('village-head-election');
    [official, monitor, commune] = await Promise.all([s.token('official'), s.token('monitor'), s.token('commune')]);
    today = vietnamDate(s.core.clock.now());
    meeting = addDays(today, -2);
  });
  afterAll(() => s.cleanup());

  it('each role’s home page leads to the processes', async () => {
    for (const [home, session, target] of [
      ['/officials/', official, '/officials/processes'],
      ['/monitors/', monitor, '/monitors/processes'],
      ['/commune/', commune, '/commune/processes'],
    ] as const) {
      const page = await request(home, session);
      expect(page.status, home).toBe(200);
      expect(page.text, home).toContain(`<a href="${target}" id="processes-link">`);
      expect((await request(target, session)).status, target).toBe(200);
    }
  });

  it('an official creates the election from the list page; a bad form is refused with each field named', async () => {
    const list = await request('/officials/processes', official);
    expect(list.status).toBe(200);
    expect(list.text).toContain('action="/officials/processes"');
    expect(list.text).not.toContain('<span lang="en"');
    expect(list.text).not.toContain('Create a village-head election');
    const bad = await request('/officials/processes', official, { hamlet: '', meeting: '01/03/2027' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Thôn: ');
    expect(bad.text).toContain('Thời gian họp: ');
    const created = await request('/officials/processes', official, { hamlet: 'Thôn Thử Nghiệm', meeting });
    expect(created.status, created.text).toBe(303);
    id = /\/officials\/processes\/([0-9A-Z]{26})#steps$/.exec(created.location ?? '')![1]!;
    const again = await request('/officials/processes', official);
    expect(again.text).toContain(`href="/officials/processes/${id}"`);
  });

  it('records each step with its date; a team holding a candidate is refused; the late step is flagged', async () => {
    await step('step', { step: 'election_decided', on: addDays(meeting, -25), reference: '15/QĐ-UBND' });
    await step('candidates', { on: addDays(meeting, -18), reference: '', names: 'Trần Thị Bình\n' });
    const onTeam = await request(`/officials/processes/${id}/team`, official, {
      on: addDays(meeting, -9),
      reference: '',
      leader: 'Trần Thị Bình',
      members: '',
    });
    expect(onTeam.status).toBe(400);
    expect(onTeam.text).toContain('Thành viên Tổ bầu cử không phải là người ứng cử');
    // The team is decided 9 days before the meeting: one day later than the law's 10.
    await step('team', { on: addDays(meeting, -9), reference: '16/QĐ-UBND', leader: 'Ngô Văn Mặt', members: 'Lý Thị Hoa\nĐinh Văn Tổ' });
    await step('step', { step: 'notice_posted', on: addDays(meeting, -8), reference: '' });
    await step('step', { step: 'meeting_invited', on: addDays(meeting, -3), reference: '' });
    await step('nominations', { nominated: '', selfNominated: 'Lê Văn Cường' });
    const impossible = await request(`/officials/processes/${id}/count`, official, {
      on: meeting,
      households: '10',
      present: '8',
      'votes.c1': '9',
      'votes.c2': '0',
    });
    expect(impossible.status).toBe(400);
    await step('count', { on: meeting, households: '10', present: '8', 'votes.c1': '6', 'votes.c2': '2' });
    await step('step', { step: 'decision_sent', on: today, reference: '03/BB-TTN' });

    const page = await request(`/officials/processes/${id}`, official);
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 bước trễ hạn');
    expect(rowOf(page.text, 'team_formed')).toContain('Đã thực hiện, quá thời hạn');
    for (const ok of ['election_decided', 'candidates_listed', 'notice_posted', 'meeting_invited', 'election_held', 'decision_sent']) {
      expect(rowOf(page.text, ok)).not.toContain('quá thời hạn');
    }
    expect(rowOf(page.text, 'election_recognised')).toContain('Đang trong thời hạn');
    expect(page.text).toContain('Trúng cử: Trần Thị Bình.');
    expect(page.text).toContain('do cán bộ nhập');
    expect(page.text).not.toContain('<span lang="en"');
    expect(page.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const en = await request(`/officials/processes/${id}?lang=en`, official);
    expect(en.text).toContain('1 step late');
  });

  it('the monitors read the same checklist with no form; UBND xã recognises the person elected', async () => {
    const m = await request(`/monitors/processes/${id}`, monitor);
    expect(m.status).toBe(200);
    expect(rowOf(m.text, 'team_formed')).toContain('Đã thực hiện, quá thời hạn');
    expect(m.text).not.toContain('<form method="post" action="/officials');
    expect((await request(`/monitors/processes`, monitor)).text).toContain(`href="/monitors/processes/${id}"`);
    // An official cannot recognise; the commune's pages refuse the official's session.
    expect((await request(`/commune/processes/${id}/recognition`, official, { outcome: 'recognised', on: today, decision: 'x' })).status).toBe(403);
    const bad = await request(`/commune/processes/${id}/recognition`, commune, { outcome: 'maybe', on: today, decision: '' });
    expect(bad.status).toBe(400);
    const form = await request(`/commune/processes/${id}`, commune);
    expect(form.text).toContain(`action="/commune/processes/${id}/recognition"`);
    const done = await request(`/commune/processes/${id}/recognition`, commune, { outcome: 'recognised', on: today, decision: '20/QĐ-UBND' });
    expect(done.status, done.text).toBe(303);
    const after = await request(`/commune/processes/${id}`, commune);
    expect(rowOf(after.text, 'election_recognised')).toContain('Đã thực hiện');
    expect(after.text).not.toContain('id="recognise"');
  });

  it('keeps every act in the process’s own unbroken chain', async () => {
    const log = await s.core.store.getProcessAudit(id);
    expect(log.map((e) => e.action)).toEqual([
      'process_created',
      'process_step_recorded',
      'candidates_listed',
      'election_team_formed',
      'process_step_recorded',
      'process_step_recorded',
      'candidates_nominated',
      'election_counted',
      'process_step_recorded',
      'election_recognised',
    ]);
    expect(checkChain(log)).toEqual([]);
    expect(log.find((e) => e.action === 'election_counted')?.data).toMatchObject({ households: 10, householdsFrom: 'entered', present: 8, elected: ['c1'] });
    expect(log.at(-1)?.actor.role).toBe('commune');
  });

  it('publishes the timeline: who was elected with N of H, the late step, the recognition, and no household name', async () => {
    const html = await site(`p/${id}/index.html`);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Trần Thị Bình trúng cử với 6/10 phiếu tán thành');
    expect(html).toContain('Lê Văn Cường');
    expect(html).toContain('1 bước trễ hạn');
    expect(html).toContain('20/QĐ-UBND');
    for (const person of ['Lý Thị Hoa', 'Đinh Văn Tổ', 'Ngô Văn Mặt']) expect(html).not.toContain(person);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).toBe(html.normalize('NFC'));
  });
});
