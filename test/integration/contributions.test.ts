import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Schedule, verifyLedger } from '../../shared/contributions.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import type { Contribution } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** Ten households: H-001 poor (exempt), H-002 near-poor (half), the rest standard. */
const ROLL = [
  'id,hamlet,head,members,category',
  ...Array.from(
    { length: 10 },
    (_, i) => `H-${String(i + 1).padStart(3, '0')},Thôn Thử Nghiệm,Chủ hộ ${i + 1},${2 + (i % 3)},${i === 0 ? 'poor' : i === 1 ? 'near_poor' : 'standard'}`,
  ),
].join('\n');

const ORIGIN = 'http://localhost';

describe('contributions after adoption, on DynamoDB Local', () => {
  let s: Sys;
  let official: string;
  let other: string;
  let monitor: string;
  let adopted: string;
  let rejected: string;
  const site = (path: string) => join(s.dataDir, 'site', path);
  const entries = (id: string, body: unknown, token = official) => s.call('POST', `/api/consultations/${id}/contributions/entries`, { token, body });

  /**
   * A community meeting of the ten households (Law 10/2022 Art. 18): all present, a show of hands with `yes` in
   * favour and the rest against; returns its id with the meeting still in session. `terms` replace the road's, and
   * `question` its question's text.
   */
  async function openRound(yes: number, terms: Partial<Contribution> = {}, question?: string): Promise<string> {
    const input = roadConsultation();
    const created = await s.call('POST', '/api/consultations', {
      token: official,
      body: {
        ...input,
        ...(question ? { questions: [{ ...input.questions[0]!, text: question }] } : {}),
        contribution: {
          ...input.contribution!,
          exemptions: [
            { category: 'poor', percent: 100 },
            { category: 'near_poor', percent: 50 },
          ],
          ...terms,
        },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: ROLL, type: 'text/csv' })).status).toBe(200);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    expect(opened.json.credentials).toBeUndefined();
    for (let i = 1; i <= 10; i++) {
      const r = await s.call('POST', `/api/consultations/${id}/attendance`, { token: official, body: { household: `H-${String(i).padStart(3, '0')}` } });
      expect(r.status).toBe(200);
    }
    expect((await s.call('POST', `/api/consultations/${id}/voting-method`, { token: official, body: { voting: 'show_of_hands' } })).status).toBe(201);
    const hands = await s.call('POST', `/api/consultations/${id}/hand-count`, { token: official, body: { counts: { q1: { yes, no: 10 - yes } } } });
    expect(hands.status, hands.text).toBe(201);
    return id;
  }

  beforeAll(async () => {
    s = await testSystem('contributions');
    official = await s.token('official');
    other = await s.token('other');
    monitor = await s.token('monitor');
  });
  afterAll(() => s.cleanup());

  it('refuses entries before the result is published', async () => {
    adopted = await openRound(8);
    const r = await entries(adopted, { type: 'spending', amount: 100_000, date: '2027-01-05', purpose: 'Mua xi măng' });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('wrong_state');
    expect((await s.call('GET', `/api/consultations/${adopted}/contributions`)).status).toBe(404);
  });

  it('publishes the schedule with the result when the level is adopted: poor exempt, near-poor half', async () => {
    const closed = await s.call('POST', `/api/consultations/${adopted}/close`, { token: official });
    expect(closed.status).toBe(200);
    const bytes = readFileSync(site(`c/${adopted}/contributions/schedule.json`));
    const schedule = Schedule.parse(JSON.parse(bytes.toString('utf8')));
    expect(new Uint8Array(bytes)).toEqual(jcsBytes(schedule));
    const due = Object.fromEntries(schedule.households.map((h) => [h.id, h.due]));
    expect(due['H-001']).toBe(0);
    expect(due['H-002']).toBe(150_000);
    expect(due['H-003']).toBe(300_000);
    expect(schedule.totals).toEqual({ households: 10, exempt: 1, reduced: 1, gross: 3_000_000, due: 2_550_000 });
    expect(JSON.stringify(schedule)).not.toContain('Chủ hộ');
    expect(readFileSync(site(`c/${adopted}/contributions/ledger.jsonl`)).length).toBe(0);
    expect(readFileSync(site(`c/${adopted}/contributions/schedule.csv`), 'utf8')).toContain('H-002,near_poor,per_household,1,300000,50,150000,0,150000\r\n');
    expect(readFileSync(site(`c/${adopted}/contributions/index.html`), 'utf8')).toContain('2.550.000 đồng');
    expect(readFileSync(site(`c/${adopted}/index.html`), 'utf8')).toContain('href="contributions/"');

    const audit = await s.call('GET', `/api/consultations/${adopted}/audit`, { token: monitor });
    const recorded = audit.json.filter((e: { action: string }) => e.action === 'schedule_published');
    expect(recorded).toHaveLength(1);
    expect(recorded[0].actor.role).toBe('system');
    expect(recorded[0].data).toEqual({ sha256: sha256Hex(new Uint8Array(bytes)), households: 10, due: 2_550_000 });
  });

  it('a retried close writes the same schedule and records it once', async () => {
    const before = readFileSync(site(`c/${adopted}/contributions/schedule.json`));
    expect((await s.call('POST', `/api/consultations/${adopted}/close`, { token: official })).status).toBe(200);
    expect(readFileSync(site(`c/${adopted}/contributions/schedule.json`))).toEqual(before);
    const audit = await s.call('GET', `/api/consultations/${adopted}/audit`, { token: monitor });
    expect(audit.json.filter((e: { action: string }) => e.action === 'schedule_published')).toHaveLength(1);
  });

  it('records collections, spending and a correction, and publishes a ledger that verifies', async () => {
    const recorded = [
      { type: 'collection', rollId: 'H-003', amount: 300_000, date: '2027-01-05', receiptNo: '0001' },
      { type: 'collection', rollId: 'H-002', amount: 150_000, date: '2027-01-05', receiptNo: '0002' },
      { type: 'spending', amount: 500_000, date: '2027-01-06', purpose: 'Mua xi măng', document: 'HĐ 12/2027' },
      { type: 'correction', ref: 1, reason: 'Ghi nhầm hộ' },
    ];
    for (const [i, entry] of recorded.entries()) {
      const r = await entries(adopted, entry);
      expect(r.status).toBe(201);
      expect(r.json.seq).toBe(i + 1);
    }
    const jsonl = readFileSync(site(`c/${adopted}/contributions/ledger.jsonl`));
    const { events, problems } = verifyLedger(new Uint8Array(jsonl));
    expect(problems).toEqual([]);
    expect(events.map((e) => e.entry)).toEqual(recorded);
    expect(events.every((e) => e.actor.id === 'official-a')).toBe(true);

    const summary = await s.call('GET', `/api/consultations/${adopted}/contributions`);
    expect(summary.status).toBe(200);
    expect(summary.json.schedule.due).toBe(2_550_000);
    expect(summary.json.ledger).toMatchObject({ entries: 4, due: 2_550_000, collected: 150_000, outstanding: 2_400_000, spent: 500_000, balance: -350_000 });
    expect(summary.json.ledger.households).toMatchObject({ paid: 1, nothing_due: 1, not_yet: 8 });
    const csv = readFileSync(site(`c/${adopted}/contributions/schedule.csv`), 'utf8');
    expect(csv).toContain('H-002,near_poor,per_household,1,300000,50,150000,150000,0\r\n');
    expect(csv).toContain('H-003,standard,per_household,1,300000,0,300000,0,300000\r\n');
    expect(readFileSync(site(`c/${adopted}/contributions/index.html`), 'utf8')).toContain('Mua xi măng');

    // Every entry is an official act of the live audit log, its data the entry itself.
    const audit = await s.call('GET', `/api/consultations/${adopted}/audit`, { token: monitor });
    const acts = audit.json.filter((e: { action: string }) => ['contribution_collected', 'contribution_spent', 'ledger_corrected'].includes(e.action));
    expect(acts.map((e: { action: string }) => e.action)).toEqual([
      'contribution_collected',
      'contribution_collected',
      'contribution_spent',
      'ledger_corrected',
    ]);
    expect(acts.map((e: { data: unknown }) => e.data)).toEqual(recorded);
  });

  it('refuses a bad entry (400), a receipt used twice (409) and another commune (403)', async () => {
    const notOnRoll = await entries(adopted, { type: 'collection', rollId: 'H-999', amount: 300_000, date: '2027-01-07', receiptNo: '0003' });
    expect(notOnRoll.status).toBe(400);
    expect(notOnRoll.json.error.details.map((d: { path: string }) => d.path)).toEqual(['rollId']);
    const zero = await entries(adopted, { type: 'collection', rollId: 'H-004', amount: 0, date: '2027-02-30', receiptNo: '0003' });
    expect(zero.status).toBe(400);
    expect(zero.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount', 'date']);
    expect((await entries(adopted, { type: 'correction', ref: 1, reason: 'Lần nữa' })).status).toBe(400);
    const twice = await entries(adopted, { type: 'collection', rollId: 'H-004', amount: 300_000, date: '2027-01-07', receiptNo: '0002' });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('duplicate_receipt');
    expect((await entries(adopted, { type: 'spending', amount: 1, date: '2027-01-07', purpose: 'x' }, other)).status).toBe(403);
    expect((await entries(adopted, { type: 'spending', amount: 1, date: '2027-01-07', purpose: 'x' }, monitor)).status).toBe(403);
    expect((await s.call('POST', `/api/consultations/${adopted}/contributions/entries`, { body: { type: 'spending' } })).status).toBe(401);
    // Nothing refused reached the ledger.
    expect(verifyLedger(new Uint8Array(readFileSync(site(`c/${adopted}/contributions/ledger.jsonl`)))).events).toHaveLength(4);
  });

  it('the officials’ page shows the totals and records a collection typed as 300.000, through the Origin guard', async () => {
    const cookie = `danban_session=${official}`;
    const page = await s.app.request(`/officials/c/${adopted}/contributions`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('2.400.000 đồng');
    expect(html).toContain(`action="/officials/c/${adopted}/contributions/collection"`);
    const body = new URLSearchParams({ rollId: 'H-005', amount: '300.000', date: '07/01/2027', receiptNo: '0005' }).toString();
    const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const foreign = await s.app.request(`/officials/c/${adopted}/contributions/collection`, {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const posted = await s.app.request(`/officials/c/${adopted}/contributions/collection`, { method: 'POST', headers: { ...headers, origin: ORIGIN }, body });
    expect(posted.status).toBe(303);
    const again = await s.app.request(`/officials/c/${adopted}/contributions/collection`, { method: 'POST', headers: { ...headers, origin: ORIGIN }, body });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('value="0005"');
    const summary = await s.call('GET', `/api/consultations/${adopted}/contributions`);
    expect(summary.json.ledger).toMatchObject({ entries: 5, collected: 450_000 });
    expect(verifyLedger(new Uint8Array(readFileSync(site(`c/${adopted}/contributions/ledger.jsonl`)))).problems).toEqual([]);
  });

  it('labour: an adopted level of 3 workdays a household is scheduled in whole workdays and collected as labour', async () => {
    // 8 standard households × 3 + the near-poor household's 3 at 50 %, rounded down to 1 workday: 25 workdays.
    const id = await openRound(8, { form: 'labour', amountPerUnit: 3, workdays: 25 }, 'Đồng ý mỗi hộ góp 3 ngày công?');
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const schedule = Schedule.parse(JSON.parse(readFileSync(site(`c/${id}/contributions/schedule.json`), 'utf8')));
    expect(schedule.form).toBe('labour');
    expect(schedule.level).toEqual({ questionId: 'q1', amountPerUnit: 3 });
    const due = Object.fromEntries(schedule.households.map((h) => [h.id, h.due]));
    expect([due['H-001'], due['H-002'], due['H-003'], due['H-010']]).toEqual([0, 1, 3, 3]);
    expect(schedule.totals).toEqual({ households: 10, exempt: 1, reduced: 1, gross: 30, due: 25 });
    expect(schedule.residentsShare).toEqual({ amount: 25, shortfall: 0, surplus: 0 });
    expect(readFileSync(site(`c/${id}/contributions/schedule.csv`), 'utf8')).toContain('H-002,near_poor,per_household,1,3,50,1,0,1,ngày công\r\n');
    expect(readFileSync(site(`c/${id}/contributions/index.html`), 'utf8')).toContain('ngày công');

    const given = await entries(id, { type: 'collection', form: 'labour', rollId: 'H-003', amount: 3, date: '2027-01-10', receiptNo: 'NC-01' });
    expect(given.status, given.text).toBe(201);
    const summary = await s.call('GET', `/api/consultations/${id}/contributions`);
    expect(summary.json.form).toBe('labour');
    expect(summary.json.ledger).toMatchObject({ entries: 1, due: 25, collected: 3, outstanding: 22 });
    expect(summary.json.ledger.households).toMatchObject({ paid: 1, nothing_due: 1, not_yet: 8 });
  });

  it('property: an adopted level of materials worth 200.000 đồng a household is scheduled as shares of the property’s value', async () => {
    const property = { description: 'Cát, đá, xi măng cho mặt đường', value: 1_700_000 };
    const id = await openRound(8, { form: 'property', amountPerUnit: 200_000, property }, 'Đồng ý mỗi hộ góp vật liệu trị giá 200.000 đồng?');
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const schedule = Schedule.parse(JSON.parse(readFileSync(site(`c/${id}/contributions/schedule.json`), 'utf8')));
    expect(schedule.form).toBe('property');
    expect(schedule.property).toEqual(property);
    const due = Object.fromEntries(schedule.households.map((h) => [h.id, h.due]));
    expect([due['H-001'], due['H-002'], due['H-003']]).toEqual([0, 100_000, 200_000]);
    expect(schedule.totals).toEqual({ households: 10, exempt: 1, reduced: 1, gross: 2_000_000, due: 1_700_000 });
    expect(schedule.residentsShare).toEqual({ amount: 1_700_000, shortfall: 0, surplus: 0 });
    expect(readFileSync(site(`c/${id}/contributions/schedule.csv`), 'utf8')).toContain(
      'H-003,standard,per_household,1,200000,0,200000,0,200000,"đồng (giá trị tài sản: Cát, đá, xi măng cho mặt đường)"\r\n',
    );

    const received = {
      type: 'collection',
      form: 'property',
      rollId: 'H-004',
      amount: 200_000,
      description: '1 m³ cát',
      date: '2027-01-10',
      receiptNo: 'TS-01',
    };
    expect((await entries(id, received)).status).toBe(201);
    const summary = await s.call('GET', `/api/consultations/${id}/contributions`);
    expect(summary.json).toMatchObject({ form: 'property', property });
    expect(summary.json.ledger).toMatchObject({ entries: 1, due: 1_700_000, collected: 200_000, outstanding: 1_500_000 });
  });

  it('a rejected round publishes no schedule and takes no entry', async () => {
    rejected = await openRound(3);
    expect((await s.call('POST', `/api/consultations/${rejected}/close`, { token: official })).status).toBe(200);
    // Ten households present, three in favour: the meeting could decide, and did not adopt the level.
    expect(JSON.parse(readFileSync(site(`c/${rejected}/result.json`), 'utf8')).tally[0].outcome.status).toBe('rejected');
    expect(existsSync(site(`c/${rejected}/result.jws`))).toBe(true);
    expect(existsSync(site(`c/${rejected}/contributions`))).toBe(false);
    expect(readFileSync(site(`c/${rejected}/index.html`), 'utf8')).not.toContain('href="contributions/"');
    expect((await s.call('GET', `/api/consultations/${rejected}/contributions`)).status).toBe(404);
    const r = await entries(rejected, { type: 'spending', amount: 1, date: '2027-01-07', purpose: 'x' });
    expect(r.status).toBe(409);
    const audit = await s.call('GET', `/api/consultations/${rejected}/audit`, { token: monitor });
    expect(audit.json.some((e: { action: string }) => e.action === 'schedule_published')).toBe(false);
  });
});
