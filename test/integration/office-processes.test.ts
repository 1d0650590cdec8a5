/**
 * A village head's dismissal (Decree 59/2023 Art. 9) and a board election (Law 10/2022 Art. 15(5)) through the staff
 * pages on DynamoDB Local: the dismissal from the Front's proposal with the households' petition to UBND xã's
 * recognition, the acting head and the new election; the board's members from the Front's list to UBMTTQ xã's
 * recognition by a monitor. Each step an event of the process's own chain, the late step flagged, the public timeline
 * naming no household; every other role refused, every bad form a 400 page naming the field, nothing a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain } from '../../shared/audit.ts';
import { addDays } from '../../shared/process/calendar.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { seedOffices } from '../../functions/local/seed-offices.ts';
import { STAFF_PRINCIPALS, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';

describe('a dismissal and a board election from request to recognition', () => {
  let s: Sys;
  const sessions = { official: '', monitor: '', commune: '', other: '' };
  let dismissal = '';
  let board = '';
  let today = '';
  let meeting = '';

  const request = async (path: string, session: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const ok = async (path: string, session: string, form: Record<string, string>) => {
    const r = await request(path, session, form);
    expect(r.status, r.text.slice(0, 400)).toBe(303);
    return r;
  };
  const site = async (key: string) => new TextDecoder().decode((await s.core.publisher.get(key)) ?? new Uint8Array());
  const rowOf = (html: string, stepId: string) => {
    const from = html.indexOf(`id="step-${stepId}"`);
    expect(from, stepId).toBeGreaterThan(0);
    return html.slice(from, html.indexOf('</tr>', from));
  };
  const idOf = (location: string | null) => /\/officials\/processes\/([0-9A-Z]{26})#steps$/.exec(location ?? '')?.[1] ?? '';

  beforeAll(async () => {
    s = await testSystem('office-processes');
    [sessions.official, sessions.monitor, sessions.commune, sessions.other] = await Promise.all([
      s.token('official'),
      s.token('monitor'),
      s.token('commune'),
      s.token('other'),
    ]);
    today = vietnamDate(s.core.clock.now());
    meeting = addDays(today, -2);
  });
  afterAll(() => s.cleanup());

  it('an official creates both from the list page; a petition under 50 % of H and a bad form are refused', async () => {
    const list = await request('/officials/processes', sessions.official);
    expect(list.text).toContain('action="/officials/processes/new/dismissal"');
    expect(list.text).toContain('action="/officials/processes/new/board"');
    expect(list.text).not.toContain('<span lang="en"');
    const dismissalForm = { hamlet: 'Thôn Bắc', meeting, ground: 'front_proposal', petitionHouseholds: '10' };
    const few = await request('/officials/processes/new/dismissal', sessions.official, {
      ...dismissalForm,
      petitionRollIds: 'H-001\nH-002\nH-003\nH-004\nH-004',
    });
    expect(few.status).toBe(400);
    expect(few.text).toContain('ít nhất 50% tổng số hộ gia đình');
    const bad = await request('/officials/processes/new/dismissal', sessions.official, { hamlet: '', meeting: '1/3/2027', ground: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Thôn: ');
    const created = await ok('/officials/processes/new/dismissal', sessions.official, {
      ...dismissalForm,
      petitionRollIds: 'H-001\nH-002\nH-003\nH-004\nH-005\nH-005',
    });
    dismissal = idOf(created.location);
    expect(dismissal).not.toBe('');
    expect((await request('/officials/processes/new/board', sessions.official, { hamlet: 'Thôn Bắc', meeting, board: 'inspection', seats: 'ba' })).status).toBe(
      400,
    );
    board = idOf((await ok('/officials/processes/new/board', sessions.official, { hamlet: 'Thôn Bắc', meeting, board: 'inspection', seats: '2' })).location);
    const again = await request('/officials/processes', sessions.official);
    expect(again.text).toContain(`href="/officials/processes/${dismissal}"`);
    expect(again.text).toContain(`href="/officials/processes/${board}"`);
    expect(again.text).toContain('Cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố — Thôn Bắc');
    for (const role of ['monitor', 'commune'] as const) {
      const base = role === 'monitor' ? '/monitors' : '/commune';
      expect((await request(`${base}/processes`, sessions[role])).text).toContain(`href="${base}/processes/${board}"`);
    }
  });

  it('records the dismissal’s steps: the late invitation is flagged, the vote counts N of H', async () => {
    const step = (form: Record<string, string>) => ok(`/officials/processes/${dismissal}/office-step`, sessions.official, form);
    await step({ step: 'dismissal_requested', on: addDays(meeting, -10), reference: '02/ĐN-BCTMT' });
    // One day before the meeting: the law asks for two.
    await step({ step: 'meeting_invited', on: addDays(meeting, -1), reference: '' });
    const early = await request(`/officials/processes/${dismissal}/office-step`, sessions.official, { step: 'decision_sent', on: today });
    expect(early.status).toBe(409);
    const boardStep = await request(`/officials/processes/${board}/office-step`, sessions.official, { step: 'dismissal_requested', on: today });
    expect(boardStep.status).toBe(400);
    const impossible = await request(`/officials/processes/${dismissal}/dismissal-vote`, sessions.official, {
      on: meeting,
      households: '10',
      present: '5',
      yes: '6',
    });
    expect(impossible.status).toBe(400);
    expect(
      (await request(`/officials/processes/${dismissal}/dismissal-vote`, sessions.official, { on: meeting, households: 'mười', present: '5', yes: '6' }))
        .status,
    ).toBe(400);
    await ok(`/officials/processes/${dismissal}/dismissal-vote`, sessions.official, { on: meeting, households: '10', present: '8', yes: '6' });
    await step({ step: 'decision_sent', on: today, reference: '03/BB-TBac' });
    const page = await request(`/officials/processes/${dismissal}`, sessions.official);
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 bước trễ hạn');
    expect(rowOf(page.text, 'meeting_invited')).toContain('Đã thực hiện, quá thời hạn');
    expect(rowOf(page.text, 'dismissal_recognised')).toContain('Đang trong thời hạn');
    expect(page.text).toContain('tán thành cho thôi: 6 (cần ít nhất 6)');
    expect(page.text).toContain('Trưởng ban công tác Mặt trận ở thôn, tổ dân phố triệu tập và chủ trì cuộc họp');
    expect(page.text).not.toContain('<span lang="en"');
    expect(page.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect((await request(`/officials/processes/${dismissal}?lang=en`, sessions.official)).text).toContain('1 step late');
  });

  it('UBND xã recognises the dismissal, appoints the acting head and decides the new election; nobody else may', async () => {
    const m = await request(`/monitors/processes/${dismissal}`, sessions.monitor);
    expect(m.status).toBe(200);
    expect(rowOf(m.text, 'meeting_invited')).toContain('quá thời hạn');
    expect(m.text).not.toContain('<form method="post" action="/monitors/processes');
    const recognise = `/commune/processes/${dismissal}/dismissal-recognition`;
    expect((await request(recognise, sessions.official, { outcome: 'recognised', on: today })).status).toBe(403);
    expect((await request(`/commune/processes/${dismissal}/acting-head`, sessions.commune, { name: 'Phạm Văn Tạm', on: today })).status).toBe(409);
    const bad = await request(recognise, sessions.commune, { outcome: 'maybe', on: today });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^text\/html/);
    const form = await request(`/commune/processes/${dismissal}`, sessions.commune);
    expect(form.text).toContain(`action="${recognise}"`);
    await ok(recognise, sessions.commune, { outcome: 'recognised', on: today, decision: '21/QĐ-UBND' });
    expect((await request(recognise, sessions.commune, { outcome: 'recognised', on: today })).status).toBe(409);
    await ok(`/commune/processes/${dismissal}/acting-head`, sessions.commune, { name: 'Phạm Văn Tạm', on: today, decision: '22/QĐ-UBND' });
    await ok(`/commune/processes/${dismissal}/new-election`, sessions.commune, { on: today, decision: '23/QĐ-UBND' });
    const after = await request(`/commune/processes/${dismissal}`, sessions.commune);
    for (const step of ['dismissal_recognised', 'acting_head_appointed', 'new_election_decided']) expect(rowOf(after.text, step)).toContain('Đã thực hiện');
    expect(after.text).toContain('Phạm Văn Tạm');
    expect(after.text).not.toContain('<form method="post" action="/commune/processes');
    // Another commune's official finds nothing.
    expect((await request(`/officials/processes/${dismissal}`, sessions.other)).status).toBe(404);
  });

  it('keeps the dismissal’s acts in its own chain and publishes its timeline with no household named', async () => {
    const log = await s.core.store.getProcessAudit(dismissal);
    expect(log.map((e) => e.action)).toEqual([
      'process_created',
      'process_step_recorded',
      'process_step_recorded',
      'dismissal_voted',
      'process_step_recorded',
      'dismissal_recognised',
      'acting_head_appointed',
      'new_election_decided',
    ]);
    expect(checkChain(log)).toEqual([]);
    expect(log[0]?.data).toMatchObject({ petition: { households: 10, signed: 5 } });
    expect(log.find((e) => e.action === 'dismissal_voted')?.data).toMatchObject({ households: 10, present: 8, yes: 6, dismissed: true });
    expect(log.slice(-3).map((e) => e.actor.role)).toEqual(['commune', 'commune', 'commune']);
    const html = await site(`p/${dismissal}/index.html`);
    expect(html).toContain('Cuộc họp tán thành cho thôi: 6/10 hộ');
    expect(html).toContain('Kiến nghị của 5/10 hộ gia đình');
    expect(html).toContain('Trưởng thôn, Tổ trưởng tổ dân phố lâm thời: Phạm Văn Tạm');
    expect(html).toContain('21/QĐ-UBND');
    expect(html).toContain('1 bước trễ hạn');
    expect(html).not.toContain('H-001');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).toBe(html.normalize('NFC'));
  });

  it('elects the board’s members at the meeting, and UBMTTQ xã (a monitor) recognises them', async () => {
    const base = `/officials/processes/${board}`;
    expect((await request(`${base}/board-nominations`, sessions.official, { nominated: 'Vũ Thị Dân', selfNominated: '' })).status).toBe(409);
    await ok(`${base}/board-candidates`, sessions.official, { on: addDays(meeting, -5), reference: '', names: 'Hoàng Văn An\nĐỗ Thị Bích\nMai Văn Cảnh' });
    const twice = await request(`${base}/board-nominations`, sessions.official, { nominated: 'hoàng văn an', selfNominated: '' });
    expect(twice.status).toBe(400);
    await ok(`${base}/board-nominations`, sessions.official, { nominated: '', selfNominated: 'Vũ Thị Dân' });
    await ok(`${base}/office-step`, sessions.official, { step: 'meeting_invited', on: addDays(meeting, -3) });
    const impossible = await request(`${base}/board-count`, sessions.official, { on: meeting, households: '10', present: '8', 'votes.c1': '9' });
    expect(impossible.status).toBe(400);
    const stranger = await request(`${base}/board-count`, sessions.official, { on: meeting, households: '10', present: '8', 'votes.c9': '1' });
    expect(stranger.status).toBe(400);
    await ok(`${base}/board-count`, sessions.official, {
      on: meeting,
      households: '10',
      present: '8',
      'votes.c1': '7',
      'votes.c2': '6',
      'votes.c3': '2',
      'votes.c4': '1',
    });
    await ok(`${base}/office-step`, sessions.official, { step: 'decision_sent', on: today, reference: '04/BB-TBac' });
    const page = await request(base, sessions.official);
    expect(page.text).toContain('Trúng cử: Hoàng Văn An, Đỗ Thị Bích.');
    expect(page.text).toContain('Không có bước nào trễ hạn.');
    expect(rowOf(page.text, 'board_recognised')).toContain('Đang trong thời hạn');

    const recognise = `/monitors/processes/${board}/board-recognition`;
    // UBND xã reads the board election but does not recognise it; an official cannot either.
    const ubnd = await request(`/commune/processes/${board}`, sessions.commune);
    expect(ubnd.status).toBe(200);
    expect(ubnd.text).not.toContain('<form method="post" action="/commune/processes');
    expect((await request(recognise, sessions.official, { outcome: 'recognised', on: today })).status).toBe(403);
    expect((await request(recognise, sessions.commune, { outcome: 'recognised', on: today })).status).toBe(403);
    expect((await request(`/monitors/processes/${dismissal}/board-recognition`, sessions.monitor, { outcome: 'recognised', on: today })).status).toBe(404);
    expect((await request(recognise, sessions.monitor, { outcome: 'recognised', on: addDays(today, 1) })).status).toBe(400);
    const form = await request(`/monitors/processes/${board}`, sessions.monitor);
    expect(form.text).toContain(`action="${recognise}"`);
    await ok(recognise, sessions.monitor, { outcome: 'recognised', on: today, decision: '05/QĐ-MTTQ' });
    expect(rowOf((await request(`/monitors/processes/${board}`, sessions.monitor)).text, 'board_recognised')).toContain('Đã thực hiện');

    const log = await s.core.store.getProcessAudit(board);
    expect(log.map((e) => e.action)).toEqual([
      'process_created',
      'candidates_listed',
      'candidates_nominated',
      'process_step_recorded',
      'board_counted',
      'process_step_recorded',
      'board_recognised',
    ]);
    expect(checkChain(log)).toEqual([]);
    expect(log.at(-1)?.actor.role).toBe('monitor');
    expect(log.at(-1)?.data).toMatchObject({ elected: ['c1', 'c2'] });
    const html = await site(`p/${board}/index.html`);
    expect(html).toContain('Bầu thành viên Ban Thanh tra nhân dân');
    expect(html).toContain('Hoàng Văn An trúng cử với 7/10 phiếu tán thành');
    expect(html).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã công nhận kết quả');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('does the same through the API, every refusal in api.md’s error shape', async () => {
    const [official, monitor, commune, other] = await Promise.all([s.token('official'), s.token('monitor'), s.token('commune'), s.token('other')]);
    const shaped = (r: { json: any; text: string }, code: string) => {
      expect(r.json?.error?.code, r.text).toBe(code);
      expect(typeof r.json?.error?.message).toBe('string');
    };
    const created = await s.call('POST', '/api/processes/boards', {
      token: official,
      body: { hamlet: 'Thôn Giữa', meeting, board: 'investment_supervision', seats: 1 },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.kind).toBe('board_election');
    expect(created.json.rows.map((r: { step: string }) => r.step)).toEqual([
      'board_candidates_listed',
      'meeting_invited',
      'board_election_held',
      'decision_sent',
      'board_recognised',
    ]);
    const id = created.json.id as string;
    const bad = await s.call('POST', '/api/processes/dismissals', {
      token: official,
      body: { hamlet: '', meeting: 'mai', ground: 'own_request', headLeadsFront: 'no' },
    });
    expect(bad.status).toBe(400);
    shaped(bad, 'invalid_request');
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['hamlet', 'headLeadsFront', 'meeting']);
    shaped(
      await s.call('POST', '/api/processes/boards', { token: monitor, body: { hamlet: 'Thôn Giữa', meeting, board: 'inspection', seats: 1 } }),
      'forbidden',
    );
    const anonymous = await s.call('POST', `/api/processes/${id}/steps`, { body: { step: 'meeting_invited', on: today } });
    expect(anonymous.status).toBe(401);
    shaped(anonymous, 'unauthorized');
    const notJson = await s.call('POST', `/api/processes/${id}/steps`, {
      token: official,
      body: 'step=meeting_invited',
      type: 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(415);
    const stranger = await s.call('POST', `/api/processes/${id}/steps`, { token: other, body: { step: 'meeting_invited', on: today } });
    expect(stranger.status).toBe(404);
    shaped(stranger, 'not_found');
    expect(
      (await s.call('POST', '/api/processes/01JABCDEFGHJKMNPQRSTVWXYZ0/steps', { token: official, body: { step: 'meeting_invited', on: today } })).status,
    ).toBe(404);
    const step = await s.call('POST', `/api/processes/${id}/steps`, { token: official, body: { step: 'meeting_invited', on: addDays(meeting, -2) } });
    expect(step.status, step.text).toBe(200);
    expect(step.json.rows.find((r: { step: string }) => r.step === 'meeting_invited').status).toBe('done');
    shaped(await s.call('POST', `/api/processes/${id}/steps`, { token: official, body: { step: 'meeting_invited', on: today } }), 'already_recorded');
    await s.call('POST', `/api/processes/${id}/board-candidates`, { token: official, body: { on: addDays(meeting, -4), names: ['Lê Thị Giang'] } });
    const count = await s.call('POST', `/api/processes/${id}/board-count`, {
      token: official,
      body: { on: meeting, households: 10, present: 7, votes: { c1: 6 } },
    });
    expect(count.status, count.text).toBe(200);
    shaped(await s.call('POST', `/api/processes/${id}/board-recognition`, { token: monitor, body: { outcome: 'recognised', on: today } }), 'not_sent');
    await s.call('POST', `/api/processes/${id}/steps`, { token: official, body: { step: 'decision_sent', on: today } });
    shaped(await s.call('POST', `/api/processes/${id}/board-recognition`, { token: commune, body: { outcome: 'recognised', on: today } }), 'forbidden');
    shaped(await s.call('POST', `/api/processes/${id}/dismissal-recognition`, { token: commune, body: { outcome: 'recognised', on: today } }), 'not_found');
    const recognised = await s.call('POST', `/api/processes/${id}/board-recognition`, { token: monitor, body: { outcome: 'recognised', on: today } });
    expect(recognised.status, recognised.text).toBe(200);
    expect(recognised.json.rows.at(-1)).toMatchObject({ step: 'board_recognised', status: 'done' });
    const doc = (await s.call('GET', '/api/openapi.json')).json;
    expect(doc.paths['/api/processes/{id}/board-recognition'].post['x-role']).toBe('monitor');
  });

  it('seeds the demo: a board election recognised by UBMTTQ xã, a dismissal waiting for UBND xã', async () => {
    const { board: seeded, dismissal: waiting } = await seedOffices(s.core, STAFF_PRINCIPALS.official, STAFF_PRINCIPALS.monitor);
    const b = await request(`/monitors/processes/${seeded}`, sessions.monitor);
    expect(b.status).toBe(200);
    expect(rowOf(b.text, 'board_recognised')).toContain('Đã thực hiện');
    expect(b.text).toContain('Trúng cử: Đặng Thị Hồng, Bùi Văn Lực, Ngô Thị Mến.');
    expect(await site(`p/${seeded}/index.html`)).toContain('12/QĐ-MTTQ');
    const d = await request(`/commune/processes/${waiting}`, sessions.commune);
    expect(d.text).toContain(`action="/commune/processes/${waiting}/dismissal-recognition"`);
    expect(rowOf(d.text, 'dismissal_recognised')).toContain('Đang trong thời hạn');
    expect(checkChain(await s.core.store.getProcessAudit(seeded))).toEqual([]);
  });

  it('leaves the village-head election’s pages to their own routes, and answers nothing with a 500', async () => {
    const created = await ok('/officials/processes', sessions.official, { hamlet: 'Thôn Nam', meeting });
    const election = idOf(created.location);
    for (const [path, session] of [
      [`/officials/processes/${election}`, sessions.official],
      [`/monitors/processes/${election}`, sessions.monitor],
      [`/commune/processes/${election}`, sessions.commune],
    ] as const) {
      const r = await request(path, session);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toContain('id="step-election_decided"');
    }
    const posts = [
      '/officials/processes/new/dismissal',
      '/officials/processes/new/board',
      `/officials/processes/${board}/office-step`,
      `/officials/processes/${dismissal}/dismissal-vote`,
      `/officials/processes/${board}/board-candidates`,
      `/officials/processes/${board}/board-nominations`,
      `/officials/processes/${board}/board-count`,
      `/officials/processes/${election}/board-count`,
      `/officials/processes/not-an-id/dismissal-vote`,
      `/monitors/processes/${board}/board-recognition`,
      `/commune/processes/${dismissal}/dismissal-recognition`,
      `/commune/processes/${dismissal}/acting-head`,
      `/commune/processes/${election}/new-election`,
    ];
    const bodies = [{}, { on: 'x', households: '-1', votes: 'x', 'votes.c1': 'x', name: '\u0000' }, { step: 'decision_sent', on: today, outcome: 'refused' }];
    for (const path of posts)
      for (const session of Object.values(sessions))
        for (const body of bodies) {
          const r = await request(path, session, body as Record<string, string>);
          expect(r.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
          expect(r.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(300);
          if (r.status >= 400) expect(r.type).toMatch(/^text\/html/);
        }
    for (const path of ['/officials/processes/01JABCDEFGHJKMNPQRSTVWXYZ0', '/monitors/processes/nothing', '/commune/processes/01JABCDEFGHJKMNPQRSTVWXYZ0']) {
      const session = path.startsWith('/officials') ? sessions.official : path.startsWith('/monitors') ? sessions.monitor : sessions.commune;
      expect((await request(path, session)).status, path).toBe(404);
    }
  });
});
