/**
 * The front door, on DynamoDB Local: wrong codes are slowed and refused but never lock a household out (a right code
 * is taken whatever the count, on the API and on the form), and a resident post another site starts is refused
 * before anything is read or cast: `Sec-Fetch-Site: cross-site`, or, from a browser without it, an `Origin` of
 * another site. A post from this site's own page, and one with neither header (curl, an old phone), are taken.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentPages } from '../../functions/http/pages/index.ts';
import { recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const CHOICES = 'a.q1=yes';
/** The test system answers 429 from the 7th wrong code in the window (refuseAt 6). */
const PAST_THE_LIMIT = 11;
const SITE = 'http://127.0.0.1:9';
const EVIL = 'https://evil.example';

describe('the front door', () => {
  let s: Sys;
  let official = '';
  let pages: Hono;
  let clientIp = '10.9.0.1';

  const form = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await pages.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const ballot = (id: string, code: string, headers: Record<string, string> = {}) =>
    s.call('POST', `/api/consultations/${id}/ballots`, { body: { code, answers: { q1: 'yes' } }, headers });
  const counts = async (id: string) => (await s.call('GET', `/api/consultations/${id}`, { token: official })).json.counts;
  const wrong = (i: number) => `WRNG-${String(i).padStart(4, '0')}-AAAA-AAAA`;

  /** An online round of `n` households, open now: its id and each household's code. */
  const openRound = async (n = 4) => {
    const now = Date.now();
    const iso = (t: number) => `${new Date(t).toISOString().slice(0, 19)}Z`;
    const created = await s.call('POST', '/api/consultations', {
      token: official,
      body: {
        scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
        matter: 'opinion',
        method: 'online',
        title: 'Giờ mở nhà văn hóa',
        description: 'Lấy ý kiến về giờ mở nhà văn hóa.',
        opensAt: iso(now),
        closesAt: iso(now + 24 * 3600_000),
        questions: [{ id: 'q1', type: 'yes_no', text: 'Mở thêm buổi tối?', options: [], rule: { base: 'plurality' } }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(n), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, n);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    const codes = Object.fromEntries((opened.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    return { id, codes: codes as Record<string, string> };
  };

  beforeAll(async () => {
    s = await testSystem('front-door');
    official = await s.token('official');
    pages = new Hono().route(
      '/',
      residentPages(s.core, () => clientIp),
    );
  });
  afterAll(() => s.cleanup());

  describe('wrong codes slow guessing but lock nobody out', () => {
    it('takes the right code on the API after many wrong ones from the same client, and still answers 429 to a wrong one', async () => {
      const { id, codes } = await openRound();
      const statuses: number[] = [];
      for (let i = 0; i < PAST_THE_LIMIT; i++) statuses.push((await ballot(id, wrong(i))).status);
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses.slice(6)).toEqual([429, 429, 429, 429, 429]);
      const right = await ballot(id, codes['H-001']!);
      expect(right.status).toBe(201);
      expect(right.json.receipt).toMatch(/^[0-9a-f]{64}$/);
      const after = await ballot(id, wrong(99));
      expect(after.status).toBe(429);
      expect(after.json.error.code).toBe('too_many_attempts');
      expect((await counts(id)).participants).toBe(1);
    });

    it('takes the right code on the form after many wrong ones from the same address', async () => {
      const { id, codes } = await openRound();
      clientIp = '10.9.0.2';
      const statuses: number[] = [];
      for (let i = 0; i < PAST_THE_LIMIT; i++) statuses.push((await form(`/vote/${id}/review`, `code=${wrong(i)}&${CHOICES}`)).status);
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
      const refused = await form(`/vote/${id}/cast`, `code=${wrong(50)}&${CHOICES}`);
      expect(refused.status).toBe(429);
      expect(refused.html).toContain('Đã nhập sai mã quá nhiều lần');
      const review = await form(`/vote/${id}/review`, `code=${encodeURIComponent(codes['H-002']!)}&${CHOICES}`);
      expect(review.status).toBe(200);
      const cast = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-002']!)}&${CHOICES}`);
      expect(cast.status).toBe(200);
      expect(cast.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
      expect((await counts(id)).participants).toBe(1);
    });

    it('takes a right code for a comment after many wrong ones', async () => {
      const { id, codes } = await openRound();
      const comment = (code: string) => s.call('POST', `/api/consultations/${id}/comments`, { body: { code, text: 'Nên mở thêm buổi tối.' } });
      const statuses: number[] = [];
      for (let i = 0; i < PAST_THE_LIMIT; i++) statuses.push((await comment(wrong(i))).status);
      expect(statuses.at(-1)).toBe(429);
      expect((await comment(codes['H-003']!)).status).toBe(201);
      expect((await comment(wrong(99))).status).toBe(429);
    });
  });

  describe('posts another site starts', () => {
    let id = '';
    let codes: Record<string, string> = {};

    beforeAll(async () => {
      ({ id, codes } = await openRound());
      clientIp = '10.9.0.3';
    });

    it('refuses a cross-site form post with a Vietnamese page and casts nothing', async () => {
      const r = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-001']!)}&${CHOICES}`, { 'sec-fetch-site': 'cross-site', origin: 'null' });
      expect(r.status).toBe(403);
      expect(r.html).toContain('<html lang="vi">');
      expect(r.html).toContain('Phiếu CHƯA được ghi nhận');
      expect(r.html).toContain('được gửi từ một trang web khác');
      expect(r.html).toContain(`href="/vote/${id}"`);
      for (const step of ['review', 'discuss', 'complain']) {
        expect((await form(`/vote/${id}/${step}`, `code=${encodeURIComponent(codes['H-001']!)}&text=x`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      }
      expect((await counts(id)).participants).toBe(0);
      expect((await s.call('GET', `/api/consultations/${id}/comments`)).json.total).toBe(0);
    });

    it('refuses a form post whose Origin is another site when the browser sends no Sec-Fetch-Site', async () => {
      const r = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-001']!)}&${CHOICES}`, { origin: EVIL });
      expect(r.status).toBe(403);
      expect((await counts(id)).participants).toBe(0);
    });

    it('refuses the same on the API with its error shape, casting and posting nothing', async () => {
      const cross = await ballot(id, codes['H-001']!, { 'sec-fetch-site': 'cross-site' });
      expect(cross.status).toBe(403);
      expect(cross.json.error.code).toBe('forbidden');
      expect(typeof cross.json.error.message).toBe('string');
      const foreign = await ballot(id, codes['H-001']!, { origin: EVIL });
      expect(foreign.status).toBe(403);
      const comment = await s.call('POST', `/api/consultations/${id}/comments`, {
        body: { code: codes['H-001']!, text: 'x' },
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(comment.status).toBe(403);
      expect(comment.json.error.code).toBe('forbidden');
      const complaint = await s.call('POST', `/api/consultations/${id}/complaints`, { body: { code: codes['H-001']!, text: 'x' }, headers: { origin: EVIL } });
      expect(complaint.status).toBe(403);
      expect((await counts(id)).participants).toBe(0);
    });

    it('takes a same-origin form post (as a current browser sends it under no-referrer) and one with neither header', async () => {
      const same = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-001']!)}&${CHOICES}`, {
        'sec-fetch-site': 'same-origin',
        origin: 'null',
      });
      expect(same.status).toBe(200);
      expect(same.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
      const bare = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-002']!)}&${CHOICES}`);
      expect(bare.status).toBe(200);
      // An older browser without Sec-Fetch-Site: its own page's Origin, or `null` under no-referrer.
      const own = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-003']!)}&${CHOICES}`, { origin: SITE });
      expect(own.status).toBe(200);
      const old = await form(`/vote/${id}/cast`, `code=${encodeURIComponent(codes['H-004']!)}&${CHOICES}`, { origin: 'null' });
      expect(old.status).toBe(200);
      expect((await counts(id)).participants).toBe(4);
    });

    it('takes an API post from this site and one with neither header', async () => {
      const { id: other, codes: more } = await openRound();
      expect((await ballot(other, more['H-001']!, { 'sec-fetch-site': 'same-origin', origin: SITE })).status).toBe(201);
      expect((await ballot(other, more['H-002']!)).status).toBe(201);
      expect((await ballot(other, more['H-003']!, { 'sec-fetch-site': 'none' })).status).toBe(201);
      expect((await counts(other)).participants).toBe(3);
    });
  });
});
