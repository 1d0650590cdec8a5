/**
 * The small leftovers of the village head's phone, on the real store: a draft cancelled before it was disclosed is
 * never on the public home page (a disclosed one stays, listed as cancelled); every page has an inline icon, so a
 * browser asks for no /favicon.ico; the monitors' list says a round does not take ballots before `opensAt` and shows
 * the actual close once closed; and no page shows a time as raw RFC 3339 / UTC.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/core/ports.ts';
import { FAVICON } from '../../web/layout.tsx';
import { vnTime } from '../../web/format.ts';
import { onlineConsultation, recordOnlineConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const HOUR = 3_600_000;
const START = Date.parse('2026-12-05T02:00:00Z');

class MovableClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

/**
 * What a person reads of a page: its text and the attributes shown or read aloud, without style, script or tags, and
 * without `<pre>` blocks, which show a file's bytes as published (the open-data page's examples), not a time to read.
 */
function readable(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return `${text} ${attributes.join(' ')}`.replace(/\s+/g, ' ');
}

/** Each RFC 3339 instant (or its start: a date with an hour) in a page's readable text. */
const rawTimes = (html: string) => [...readable(html).matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\s]*/g)].map((m) => m[0]);

/** The page's `<head>`. */
const headOf = (html: string) => /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';

/** Every HTML file of the published site folder. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

describe('the small leftovers of the village head’s phone', () => {
  let s: Sys;
  const clock = new MovableClock(START);
  const session: Record<'official' | 'monitor' | 'commune', string> = { official: '', monitor: '', commune: '' };
  const site = (path: string) => join(s.dataDir, 'site', path);
  const staff = async (path: string, who: keyof typeof session) => {
    const res = await s.app.request(path, { headers: { cookie: `danban_session=${session[who]}` } });
    return { status: res.status, html: await res.text(), csp: res.headers.get('content-security-policy') ?? '' };
  };
  const create = async (body: unknown) => {
    const r = await s.call('POST', '/api/consultations', { token: session.official, body });
    expect(r.status, r.text).toBe(201);
    return r.json.id as string;
  };
  /** An online round of three households, disclosed, its conditions recorded and opened. */
  const openOnline = async (title: string, opensIn: number) => {
    const now = new Date(clock.ms);
    const body = { ...onlineConsultation(now, 24), title, opensAt: `${new Date(clock.ms + opensIn).toISOString().slice(0, 19)}Z` };
    const id = await create(body);
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: session.official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: session.official })).status).toBe(200);
    await recordOnlineConditions(s.call, session.official, id, 3);
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: session.official });
    expect(open.status, open.text).toBe(200);
    const codes = Object.fromEntries((open.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    return { id, codes, closesAt: body.closesAt, opensAt: body.opensAt };
  };

  beforeAll(async () => {
    s = await testSystem('phone-leftovers', { clock });
    [session.official, session.monitor, session.commune] = await Promise.all([s.token('official'), s.token('monitor'), s.token('commune')]);
  });
  afterAll(() => s.cleanup());

  it('a draft cancelled before disclosure is not on the home page and has no page; a disclosed one cancelled stays, as cancelled', async () => {
    const never = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Dự thảo chưa từng công khai' });
    expect((await s.call('POST', `/api/consultations/${never}/cancel`, { token: session.official })).json.state).toBe('cancelled');

    const disclosed = await create({ ...roadConsultation(new Date(clock.ms)), title: 'Đã công khai rồi mới hủy' });
    expect((await s.call('PUT', `/api/consultations/${disclosed}/roll`, { token: session.official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${disclosed}/disclose`, { token: session.official })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${disclosed}/cancel`, { token: session.official })).json.state).toBe('cancelled');

    // Published again after the cancel of a never-disclosed draft too (an act that touches nothing public).
    const home = readFileSync(site('index.html'), 'utf8');
    expect(home).not.toContain('Dự thảo chưa từng công khai');
    expect(home).toContain('Đã công khai rồi mới hủy');
    const cancelledSection = /<h2>\s*Đã hủy[\s\S]*?<\/ul>/.exec(home)?.[0] ?? '';
    expect(cancelledSection).toContain('Đã công khai rồi mới hủy');
    expect(existsSync(site(`c/${never}/index.html`))).toBe(false);
    expect(readFileSync(site(`c/${disclosed}/index.html`), 'utf8')).toContain('Đã công khai rồi mới hủy');

    // Both stay in the audit log, in words that say which was which.
    const log = await s.call('GET', `/api/consultations/${never}/audit`, { token: session.official });
    expect(log.json.map((e: { action: string }) => e.action)).toEqual(['created', 'cancelled']);
  });

  it('the monitors’ list: not yet taking ballots before opensAt, then the actual close time and the planned one', async () => {
    const later = await openOnline('Vòng mở sau hai giờ', 2 * HOUR);
    const early = await openOnline('Vòng đóng sớm', 0);
    expect((await s.call('POST', `/api/consultations/${early.id}/ballots`, { body: { code: early.codes['H-001'], answers: { q1: 'yes' } } })).status).toBe(201);
    clock.ms += HOUR;
    const closedAt = new Date(clock.ms).toISOString();
    const close = await s.call('POST', `/api/consultations/${early.id}/close`, { token: session.official, body: { reason: 'Đã đủ số hộ tham gia' } });
    expect(close.status, close.text).toBe(200);

    const list = await staff('/monitors/', 'monitor');
    expect(list.status).toBe(200);
    const row = (title: string) => new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*${title}[\\s\\S]*?</tr>`).exec(list.html)?.[0] ?? '';
    expect(row('Vòng mở sau hai giờ')).toContain('Chưa đến giờ nhận phiếu');
    expect(row('Vòng mở sau hai giờ')).toContain(vnTime(later.closesAt));
    const closedRow = row('Vòng đóng sớm');
    expect(closedRow).toContain(vnTime(closedAt));
    expect(closedRow).toContain(`Kết thúc sớm; dự kiến ${vnTime(early.closesAt)}`);
    expect(closedRow).not.toContain('Chưa đến giờ nhận phiếu');

    // The round's own page says it does not take ballots yet, too.
    const one = await staff(`/monitors/c/${later.id}`, 'monitor');
    expect(one.status).toBe(200);
    expect(one.html).toContain('Chưa đến giờ nhận phiếu');
    clock.ms += 2 * HOUR;
    expect((await staff(`/monitors/c/${later.id}`, 'monitor')).html).not.toContain('Chưa đến giờ nhận phiếu');
    expect((await staff('/monitors/', 'monitor')).html).not.toContain('Chưa đến giờ nhận phiếu');
  });

  it('every published page and every staff page has the inline icon, allowed by its policy, and no raw UTC time', async () => {
    // A published round with a petition answered, so the result page has times of its own.
    const round = await openOnline('Vòng có kiến nghị', 0);
    expect((await s.call('POST', `/api/consultations/${round.id}/ballots`, { body: { code: round.codes['H-002'], answers: { q1: 'no' } } })).status).toBe(201);
    clock.ms += 30 * HOUR;
    expect((await s.call('POST', `/api/consultations/${round.id}/close`, { token: session.official })).status).toBe(200);
    clock.ms += HOUR;
    const filed = await s.call('POST', `/api/consultations/${round.id}/complaints`, { body: { code: round.codes['H-003'], text: 'Hộ tôi đề nghị xem lại.' } });
    expect(filed.status, filed.text).toBe(201);
    const answered = await s.call('POST', `/api/consultations/${round.id}/complaints/${filed.json.id}/answer`, {
      token: session.official,
      body: { text: 'Đã xem lại, kết quả đúng.' },
    });
    expect(answered.status, answered.text).toBe(201);

    const link = `<link rel="icon" href="${FAVICON}"/>`;
    expect(FAVICON).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(FAVICON.slice('data:image/svg+xml,'.length))).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg'[\s\S]*<\/svg>$/);

    const published = htmlFiles(join(s.dataDir, 'site'));
    expect(published.map((f) => f.slice(join(s.dataDir, 'site').length))).toEqual(
      expect.arrayContaining(['/index.html', `/c/${round.id}/index.html`, `/c/${round.id}/verify.html`]),
    );
    for (const file of published) {
      const html = readFileSync(file, 'utf8');
      expect(headOf(html), file).toContain(link);
      expect(rawTimes(html), file).toEqual([]);
    }

    const pages: Array<[string, keyof typeof session]> = [
      ['/officials/', 'official'],
      [`/officials/c/${round.id}`, 'official'],
      [`/officials/c/${round.id}/complaints`, 'official'],
      [`/officials/c/${round.id}?lang=en`, 'official'],
      [`/officials/c/${round.id}/complaints?lang=en`, 'official'],
      ['/monitors/', 'monitor'],
      [`/monitors/c/${round.id}`, 'monitor'],
      ['/monitors/?lang=en', 'monitor'],
      ['/commune/', 'commune'],
      ['/commune/?lang=en', 'commune'],
    ];
    for (const [path, who] of pages) {
      const page = await staff(path, who);
      expect(page.status, path).toBe(200);
      expect(headOf(page.html), path).toContain(link);
      expect(page.csp, path).toMatch(/img-src [^;]*data:/);
      expect(rawTimes(page.html), path).toEqual([]);
    }

    // The residents' pages: the ballot page and the petition page.
    for (const path of [`/vote/${round.id}/complain`, `/vote/${round.id}/receipt`]) {
      const res = await s.app.request(path);
      const html = await res.text();
      expect(res.status, path).toBe(200);
      expect(headOf(html), path).toContain(link);
      expect(rawTimes(html), path).toEqual([]);
    }
  });
});
