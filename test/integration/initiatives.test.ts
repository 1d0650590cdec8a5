/**
 * Citizens' initiatives (Law 10/2022 Art. 16(3)) on DynamoDB Local, through the residents' and the staff pages: a
 * household proposes with its code, households consent online (once each, however simultaneous), the proposer's paper
 * list is recorded by an official, at 10 % of H the official puts it on the agenda and a draft round linked to it is
 * created; under 10 % the Front working committee (a monitor) may approve it. The public page counts by roll id and
 * never shows a name or a code; every staff act is an event of the initiative's own chain. The demo's seed, too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain } from '../../shared/audit.ts';
import { seedInitiatives, DEMO_INITIATIVE } from '../../functions/local/seed-initiatives.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const ORIGIN = 'http://localhost';

/** A hamlet round opened online on `csv`'s roll: its id and each household's code. */
async function openRound(s: Sys, csv: string, households: number) {
  const official = await s.token('official');
  const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
  const id = created.json.id as string;
  await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: csv, type: 'text/csv' });
  await recordOnlineConditions(s.call, official, id, households);
  const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
  expect(opened.status, opened.text).toBe(200);
  const credentials = opened.json.credentials as { household: string; code: string }[];
  return { id, credentials, codes: new Map(credentials.map((c) => [c.household, c.code])) };
}

describe('a citizens’ initiative from proposal to the agenda', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let round: Awaited<ReturnType<typeof openRound>>;

  const request = async (path: string, opts: { session?: string; form?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.session) headers.cookie = `danban_session=${opts.session}`;
    if (opts.form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, {
      method: opts.form ? 'POST' : 'GET',
      headers,
      ...(opts.form ? { body: new URLSearchParams(opts.form).toString() } : {}),
    });
    return { status: res.status, location: res.headers.get('location'), cache: res.headers.get('cache-control'), text: await res.text() };
  };
  const propose = async (title: string, household = 'H-001') => {
    const r = await request(`/vote/${round.id}/initiative`, {
      form: { matter: 'other_self_managed', title, text: 'Lắp 20 bóng đèn.', code: round.codes.get(household)! },
    });
    expect(r.status, r.text).toBe(303);
    return r.location!.match(/\/vote\/initiatives\/([0-9A-Z]{26})\?proposed=1$/)![1]!;
  };
  const consent = (id: string, household: string) => request(`/vote/initiatives/${id}/consent`, { form: { code: round.codes.get(household)! } });

  beforeAll(async () => {
    s = await testSystem('initiatives');
    [official, monitor] = await Promise.all([s.token('official'), s.token('monitor')]);
    round = await openRound(s, rollCsv(30), 30);
  });
  afterAll(() => s.cleanup());

  it('a household proposes with its code; a wrong code proposes nothing', async () => {
    const form = await request(`/vote/${round.id}/initiative`);
    expect(form.status, form.text).toBe(200);
    expect(form.text).toContain('id="propose"');
    const wrong = await request(`/vote/${round.id}/initiative`, { form: { matter: 'other_self_managed', title: 'X', text: 'Y', code: 'AAAA-BBBB-CCCC-DDDD' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Chưa ghi nhận');
    const id = await propose('Lắp đèn đường thôn');
    const page = await request(`/vote/initiatives/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lắp đèn đường thôn');
    expect(page.text).toContain('bởi hộ H-001');
    expect(page.cache).toBe('public, max-age=60');
    const log = await s.core.store.getInitiativeAudit(id);
    expect(log.map((e) => [e.action, e.data.proposer])).toEqual([['initiative_proposed', 'H-001']]);
    expect((await s.core.store.listInitiatives('xa-ben-canh')).map((r) => r.id)).not.toContain(id);
  });

  it('twenty simultaneous consents of one household count once; each other household once', async () => {
    const id = await propose('Mở lớp học bơi cho trẻ em');
    const same = await Promise.all(Array.from({ length: 20 }, () => consent(id, 'H-002')));
    expect(same.filter((r) => r.status === 303)).toHaveLength(1);
    expect(same.filter((r) => r.status === 409)).toHaveLength(19);
    const others = await Promise.all(['H-003', 'H-004'].map((h) => consent(id, h)));
    expect(others.map((r) => r.status)).toEqual([303, 303]);
    const consents = await s.core.store.listConsents(id);
    expect(consents.map((c) => c.rollId).sort()).toEqual(['H-002', 'H-003', 'H-004']);
    expect(consents.every((c) => c.channel === 'online')).toBe(true);
    const page = await request(`/vote/initiatives/${id}`);
    // 3 of 30: 10 %, reached. The page names households by roll id, never a head's name or a code.
    expect(page.text).toContain('Đã đủ 10% tổng số hộ gia đình đồng thuận');
    expect(page.text).toContain('H-003');
    expect(page.text).not.toContain('Chủ hộ');
    expect(page.text).not.toContain(round.codes.get('H-002')!);
    // Online consents are not events: the chain holds the proposal only.
    expect((await s.core.store.getInitiativeAudit(id)).map((e) => e.action)).toEqual(['initiative_proposed']);
  });

  it('an official records the proposer’s paper list, refusing roll ids not on the roll', async () => {
    const id = await propose('Sửa nhà văn hóa thôn');
    expect((await consent(id, 'H-005')).status).toBe(303);
    const form = { list: 'DS-01', filedBy: 'Hộ H-001', filedOn: '2026-12-01', entries: 'H-005\nH-006 2026-11-30\nH-999' };
    const refused = await request(`/officials/initiatives/${id}/paper-list`, { session: official, form });
    expect(refused.status).toBe(400);
    expect(await s.core.store.listConsents(id)).toHaveLength(1);
    const filed = await request(`/officials/initiatives/${id}/paper-list`, { session: official, form: { ...form, entries: 'H-005\nH-006 2026-11-30' } });
    expect(filed.status, filed.text).toBe(303);
    const consents = await s.core.store.listConsents(id);
    expect(consents.find((c) => c.rollId === 'H-006')).toEqual({ rollId: 'H-006', on: '2026-11-30', channel: 'paper', list: 'DS-01', filedBy: 'Hộ H-001' });
    // H-005 consented online first: counted once, as it was.
    expect(consents.find((c) => c.rollId === 'H-005')?.channel).toBe('online');
    const log = await s.core.store.getInitiativeAudit(id);
    expect(log.map((e) => e.action)).toEqual(['initiative_proposed', 'initiative_paper_list_filed']);
    expect(log[1]).toMatchObject({ actor: { role: 'official', id: 'official-a' }, data: { list: 'DS-01', filedBy: 'Hộ H-001', added: ['H-006'] } });
    const again = await request(`/officials/initiatives/${id}/paper-list`, { session: official, form: { ...form, entries: 'H-007' } });
    expect(again.status).toBe(409);
    const page = await request(`/officials/initiatives/${id}`, { session: official });
    expect(page.text).toContain('Danh sách giấy DS-01');
  });

  it('at 10 % of H the official puts it on the agenda: a draft round linked to it', async () => {
    const id = await propose('Trồng cây xanh hai bên đường');
    for (const h of ['H-010', 'H-011']) expect((await consent(id, h)).status).toBe(303);
    // 2 of 30: under 10 %, not on the agenda without the Front.
    expect((await request(`/officials/initiatives/${id}/agenda`, { session: official, form: {} })).status).toBe(409);
    expect((await consent(id, 'H-012')).status).toBe(303);
    const put = await request(`/officials/initiatives/${id}/agenda`, { session: official, form: {} });
    expect(put.status, put.text).toBe(303);
    const { record } = (await s.core.store.getInitiative(id))!;
    expect(record.agenda).toMatchObject({ counted: 3, households: 30, path: 'agenda' });
    const draft = await s.core.store.getConsultation(record.agenda!.consultationId);
    expect(draft?.state).toBe('draft');
    expect(draft?.consultation.description).toContain(id);
    expect(draft?.consultation.scope).toEqual({ kind: 'hamlet', name: 'Thôn Thử Nghiệm' });
    const log = await s.core.store.getInitiativeAudit(id);
    expect(log.at(-1)).toMatchObject({ action: 'initiative_put_on_agenda', data: { consultationId: record.agenda!.consultationId, counted: 3 } });
    expect(checkChain(log)).toEqual([]);
    // No more consents once it is on the agenda.
    expect((await consent(id, 'H-013')).status).toBe(409);
  });

  it('under 10 % the Front working committee approves it, then it goes on the agenda', async () => {
    const id = await propose('Làm sân bóng chuyền');
    expect((await request(`/monitors/initiatives/${id}`, { session: monitor })).text).toContain('id="front-decision"');
    const bad = await request(`/monitors/initiatives/${id}/front`, { session: monitor, form: { approved: 'maybe' } });
    expect(bad.status).toBe(400);
    const ok = await request(`/monitors/initiatives/${id}/front`, { session: monitor, form: { approved: 'yes', reason: 'Có lợi cho thanh niên' } });
    expect(ok.status, ok.text).toBe(303);
    const twice = await request(`/monitors/initiatives/${id}/front`, { session: monitor, form: { approved: 'no' } });
    expect(twice.status).toBe(409);
    const put = await request(`/officials/initiatives/${id}/agenda`, { session: official, form: {} });
    expect(put.status, put.text).toBe(303);
    expect((await s.core.store.getInitiative(id))?.record.agenda?.path).toBe('front_approved');
    // An official's session opens no monitor page, nor a monitor's an official's.
    expect((await request(`/monitors/initiatives/${id}`, { session: official })).status).not.toBe(200);
    expect((await request(`/officials/initiatives/${id}`, { session: monitor })).status).not.toBe(200);
  });

  it('the demo seed proposes, collects four online consents and a paper list of six', async () => {
    const ids = Array.from({ length: 142 }, (_, i) => `TD-${String(i + 1).padStart(3, '0')}`);
    const csv = `id,hamlet,head,members,category\n${ids.map((id) => `${id},Thôn Đông,Chủ hộ ${id},3,standard`).join('\n')}\n`;
    const demo = await openRound(s, csv, 142);
    const id = await seedInitiatives(s.core, { sub: 'official-a', role: 'official', commune: COMMUNE }, demo);
    const consents = await s.core.store.listConsents(id);
    expect(consents).toHaveLength(DEMO_INITIATIVE.online.length + DEMO_INITIATIVE.paper.length);
    const page = await request(`/vote/initiatives/${id}`);
    expect(page.text).toContain(DEMO_INITIATIVE.title);
    expect(page.text).toContain('Đang lấy ý kiến đồng thuận, chưa đủ 10%');
    expect(page.text).toContain('<strong>10</strong> hộ đồng thuận trên tổng số 142 hộ');
    expect(page.text).toContain('id="consent"');
  });
});
