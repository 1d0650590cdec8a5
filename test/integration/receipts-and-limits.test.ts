/**
 * The front door on the real store: a ballot receipt or tracking code typed into a comment, a petition or an other
 * opinion is hidden before it is stored and published (the resident is told why); one household's simultaneous posts
 * never pass its limits; and a paper entry that replaced an online ballot says so in the log, on the result page and
 * in the verifier's report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/core/ports.ts';
import { RECEIPT_MARKER } from '../../shared/mask-receipts.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { trackingCode } from '../../web/vote/model.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const START = Date.parse('2026-12-01T01:00:00Z');

class MovableClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

function bundleFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir))
    if (!name.endsWith('.html') && name !== 'attestations' && name !== 'contributions') files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

describe('receipts kept out of comments, limits that hold under load, paper entries that replaced online ballots', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  const clock = new MovableClock(START);

  beforeAll(async () => {
    s = await testSystem('receipts-limits', { clock });
    [official, monitor] = await Promise.all([s.token('official'), s.token('monitor')]);
  });
  afterAll(() => s.cleanup());

  const site = (path: string) => readFileSync(join(s.dataDir, 'site', path), 'utf8');
  /** An online round of `n` households, opened: its id and each household's code. */
  const opened = async (n = 3) => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation(new Date(clock.ms), 24) });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(n), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, n);
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(200);
    const codes = Object.fromEntries((open.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    return { id, codes: codes as Record<string, string> };
  };
  const vote = (id: string, code: string, answer = 'yes', opinions?: Record<string, string>) =>
    s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: answer }, ...(opinions ? { opinions } : {}) } });
  const comment = (id: string, code: string, text: string) => s.call('POST', `/api/consultations/${id}/comments`, { body: { code, text } });
  const form = (path: string, fields: Record<string, string>) =>
    s.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  it('hides a receipt and a tracking code in a comment before it is stored and published, and tells the resident', async () => {
    const { id, codes } = await opened();
    const receipt = (await vote(id, codes['H-001']!)).json.receipt as string;
    const posted = await comment(id, codes['H-001']!, `Hộ tôi đã bầu, biên nhận ${receipt}, mã ${trackingCode(receipt)}.`);
    expect(posted.status).toBe(201);
    expect(posted.json.text).toBe(`Hộ tôi đã bầu, biên nhận ${RECEIPT_MARKER}, mã ${RECEIPT_MARKER}.`);
    const listed = await s.call('GET', `/api/consultations/${id}/comments`);
    expect(listed.text).not.toContain(receipt.slice(0, 10));
    expect(listed.text).not.toContain(trackingCode(receipt));
    // An official's answer quoting it is kept clean too; the answered question is published on the disclosure page.
    const answered = await s.call('POST', `/api/consultations/${id}/comments/${posted.json.id}/answer`, {
      token: official,
      body: { text: `Biên nhận ${receipt} đã được tính.` },
    });
    expect(answered.status).toBe(201);
    expect(answered.json.text).toBe(`Biên nhận ${RECEIPT_MARKER} đã được tính.`);
    const published = site(`c/${id}/index.html`);
    expect(published).toContain(RECEIPT_MARKER);
    expect(published).not.toContain(receipt.slice(0, 10));

    // The resident's page: sent, and why the receipt is not there.
    const sent = await form(`/vote/${id}/discuss`, { code: codes['H-002']!, text: `Tôi dán mã ${trackingCode(receipt).toUpperCase()}` });
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toContain('receipt=hidden');
    const page = await (await s.app.request(location)).text();
    expect(page).toContain('Mã biên nhận (hoặc mã theo dõi) trong nội dung đã được ẩn');
    const english = await (await s.app.request(`/vote/${id}/discuss?lang=en&sent=1&receipt=hidden`)).text();
    expect(english).toContain('A ballot receipt (or tracking code) in your text was hidden');
    // A comment without a receipt says nothing of the kind.
    const plain = await form(`/vote/${id}/discuss`, { code: codes['H-003']!, text: 'Gọi tôi: 0912345678' });
    expect(plain.headers.get('location')).not.toContain('receipt=hidden');
    expect((await s.call('GET', `/api/consultations/${id}/comments`)).text).toContain('0912345678');
  });

  it('hides a receipt in an other opinion before it is kept', async () => {
    const { id, codes } = await opened();
    const first = (await vote(id, codes['H-001']!)).json.receipt as string;
    const again = await vote(id, codes['H-001']!, 'abstain', { q1: `Phiếu trước của tôi là ${first}` });
    expect(again.status).toBe(201);
    const review = await s.call('GET', `/api/consultations/${id}/opinions`, { token: monitor });
    expect(review.status).toBe(200);
    expect(review.text).toContain(RECEIPT_MARKER);
    expect(review.text).not.toContain(first);
  });

  it('40 simultaneous comments of one household store exactly five in the window, and no more after them', async () => {
    const { id, codes } = await opened();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => comment(id, codes['H-001']!, `Ý kiến đồng thời số ${i + 1}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429).every((r) => r.json.error.code === 'too_many_comments')).toBe(true);
    expect(results.filter((r) => r.status === 429)).toHaveLength(35);
    const listed = await s.call('GET', `/api/consultations/${id}/comments`);
    expect(listed.json.total).toBe(5);
    // Another household is not held back by the first one's limit.
    expect((await comment(id, codes['H-002']!, 'Hộ khác')).status).toBe(201);
  });

  it('40 simultaneous petitions of one household store exactly five, each with its event, and hide receipts', async () => {
    const { id, codes } = await opened();
    const receipt = (await vote(id, codes['H-001']!)).json.receipt as string;
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const before = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json;
    const file = (text: string) => s.call('POST', `/api/consultations/${id}/complaints`, { body: { code: codes['H-001'], text } });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => file(`Kiến nghị số ${i + 1}: biên nhận ${receipt}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 429)).toBe(true);
    const view = await s.call('GET', `/api/consultations/${id}/complaints`);
    expect(view.json.filed).toBe(5);
    expect(view.text).not.toContain(receipt);
    for (const k of view.json.complaints) expect(k.text).toContain(RECEIPT_MARKER);
    const after = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json;
    const events = (list: unknown) => (Array.isArray(list) ? list : (list as { events: Array<{ action: string }> }).events);
    expect(events(after).filter((e: { action: string }) => e.action === 'complaint_filed')).toHaveLength(5);
    expect(events(after).length - events(before).length).toBeGreaterThanOrEqual(5);
    expect(site(`c/${id}/index.html`)).not.toContain(receipt);
  });

  it('records a paper entry that replaced an online ballot, counts it on the result page, and the verifier reports it', async () => {
    const { id, codes } = await opened(4);
    expect((await vote(id, codes['H-001']!)).status).toBe(201);
    expect((await vote(id, codes['H-002']!)).status).toBe(201);
    const paper = (household: string) =>
      s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household, answers: { q1: 'no' } } });
    const replacing = await paper('H-001');
    expect(replacing.status).toBe(201);
    expect(replacing.json.replaced).toBe(true);
    const first = await paper('H-003');
    expect(first.json.replaced).toBe(false);
    // A paper entry replacing a paper entry is recorded as such, not as an online ballot replaced.
    expect((await paper('H-003')).json.replaced).toBe(true);
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor })).json;
    const entries = (Array.isArray(log) ? log : log.events).filter((e: { action: string }) => e.action === 'paper_ballot_entered');
    expect(entries.map((e: { data: unknown }) => e.data)).toEqual([
      { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' },
      { household: 'H-003', channel: 'paper' },
      { household: 'H-003', channel: 'paper', replaced: true, previousChannel: 'paper' },
    ]);

    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const page = site(`c/${id}/index.html`);
    expect(page).toMatch(/<strong>1<\/strong> phiếu giấy thay phiếu trực tuyến/);
    expect(page).toContain('1 paper ballot replaced an online ballot');

    const dir = join(s.dataDir, 'site', 'c', id);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.find((c) => c.step === 8)?.detail).toMatch(/; 1 paper ballot replaced an online ballot$/);
  });
});
