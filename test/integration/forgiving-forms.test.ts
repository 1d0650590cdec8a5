/**
 * Forms that forgive, on DynamoDB Local: a refused form keeps what was typed. The residents' review step checks the
 * household's code before showing the review (counted by the same limit on wrong codes as the cast), and a refused
 * code stays in its field with the answers and what to do next. The committee's paper entry takes roll ids in any case,
 * answer keys in Vietnamese (Đ/K/Y) or digits (1/2/0), repeats what it recorded, and keeps every typed value when it
 * refuses, saying opening times in Vietnam time.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { residentPages } from '../../functions/http/pages/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import type { ConsultationInput, Rule } from '../../shared/schemas.ts';
import { vnAt } from '../../web/format.ts';
import { recordBallotConditions, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; html: string };

const HOUR = 3600_000;
const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** Street lights from the hamlet's fund (an Art. 15(6) matter, voted online), with a yes/no and a choice. */
function lights(opensAt: Date, method: 'online' | 'household_ballot' = 'online'): ConsultationInput {
  // Law 10/2022 Art. 15(6): more than half of all households.
  const rule: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: method === 'online' ? 'other_self_managed' : 'opinion',
    method,
    title: 'Lắp đèn chiếu sáng đường thôn',
    description: 'Lắp 20 bóng đèn năng lượng mặt trời dọc đường thôn.',
    opensAt: iso(opensAt),
    closesAt: iso(new Date(opensAt.getTime() + 24 * HOUR)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn chiếu sáng đường thôn?', options: [], rule },
      {
        id: 'q2',
        type: 'single',
        text: 'Chọn loại đèn',
        options: [
          { id: 'led', label: 'Đèn LED' },
          { id: 'solar', label: 'Đèn năng lượng mặt trời' },
        ],
        rule,
      },
    ],
  };
}

/** The hidden fields of a page's form, as a browser would post them. */
function hiddenFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields.append(m[1]!, m[2]!.replace(/&amp;/g, '&'));
  return fields;
}

describe('forms that forgive', () => {
  let s: Sys;
  let official = '';
  let residents: Hono;
  let staff: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  let clientIp = '10.1.0.1';

  const postTo = async (app: Hono<any>, path: string, body: string | URLSearchParams, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: String(body),
    });
    return { status: res.status, html: await res.text() };
  };
  const vote = (path: string, body: string | URLSearchParams) => postTo(residents, path, body);
  const enter = (path: string, body: string) => postTo(staff, path, body, { cookie: `danban_session=${official}`, origin: 'http://localhost' });
  const counts = async (id: string) => (await s.call('GET', `/api/consultations/${id}`, { token: official })).json.counts;

  /** An online round opened (at `opensAt`, possibly later), with its codes. */
  const openRound = async (opensAt: Date, method: 'online' | 'household_ballot' = 'online') => {
    const created = await s.call('POST', '/api/consultations', { token: official, body: lights(opensAt, method) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(8), type: 'text/csv' })).status).toBe(200);
    if (method === 'online') await recordOnlineConditions(s.call, official, id, 8);
    else await recordBallotConditions(s.call, official, id);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    const codes = new Map<string, string>((opened.json.credentials ?? []).map((c: { household: string; code: string }) => [c.household, c.code]));
    return { id, codes, serials: (opened.json.serials ?? []) as string[], opensAt: created.json.opensAt as string };
  };

  beforeAll(async () => {
    s = await testSystem('forgiving-forms');
    official = await s.token('official');
    residents = new Hono().route(
      '/',
      residentPages(s.core, () => clientIp),
    );
    staff = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
  });
  afterAll(() => s.cleanup());

  describe('the residents’ review step', () => {
    let id = '';
    let codes = new Map<string, string>();
    const CHOICES = 'a.q1=no&a.q2=solar';

    beforeAll(async () => {
      ({ id, codes } = await openRound(new Date(Date.now() - 60_000)));
    });

    it('refuses a wrong code before the review, keeping the code in its field, the answers, and saying what to do next', async () => {
      clientIp = '10.1.0.2';
      const r = await vote(`/vote/${id}/review`, `code=zzzz-zzzz-zzzz-zzzz&${CHOICES}`);
      expect(r.status).toBe(401);
      expect(r.html).not.toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
      expect(r.html).toContain('Phiếu CHƯA được ghi nhận');
      expect(r.html).toContain('Mã biểu quyết không đúng hoặc đã được thay bằng mã mới');
      expect(r.html).toContain('Tổ lấy ý kiến biểu quyết trực tuyến');
      expect(r.html).toContain('nộp phiếu giấy cho Ban kiểm phiếu');
      // The code stays (in its canonical form), marked as the field to fix, and the choices stay chosen.
      expect(r.html).toMatch(/id="code" name="code" type="text" value="ZZZZ-ZZZZ-ZZZZ-ZZZZ"/);
      expect(r.html).toContain('aria-describedby="code-hint code-error" aria-invalid="true"');
      expect(r.html).toContain('Mã này không mở được phiếu của hộ.');
      expect(r.html).toMatch(/value="no" checked=""/);
      expect(r.html).toMatch(/value="solar" checked=""/);
      expect(r.html).not.toMatch(/value="yes" checked=""/);
      expect((await counts(id)).participants).toBe(0);
    });

    it('takes a code in lower case, with spaces for dashes, to the review and to a recorded ballot', async () => {
      clientIp = '10.1.0.3';
      const code = codes.get('H-001')!;
      const typed = code.toLowerCase().replace(/-/g, ' ');
      const review = await vote(`/vote/${id}/review`, `code=${encodeURIComponent(typed)}&${CHOICES}`);
      expect(review.status).toBe(200);
      expect(review.html).toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
      expect(hiddenFields(review.html).get('code')).toBe(code);
      const cast = await vote(`/vote/${id}/cast`, hiddenFields(review.html));
      expect(cast.status).toBe(200);
      expect(cast.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
      expect((await counts(id)).byChannel.online).toBe(1);
    });

    it('keeps the code and the answers when «Gửi phiếu» is refused too', async () => {
      clientIp = '10.1.0.4';
      const r = await vote(`/vote/${id}/cast`, `code=ABCD-EFGH-JKMN-PQRS&${CHOICES}`);
      expect(r.status).toBe(401);
      expect(r.html).toContain('Phiếu CHƯA được ghi nhận');
      expect(r.html).toMatch(/id="code" name="code" type="text" value="ABCD-EFGH-JKMN-PQRS"/);
      expect(r.html).toMatch(/value="solar" checked=""/);
      expect(r.html).not.toContain('ĐÃ GHI NHẬN');
    });

    it('counts wrong codes at the review in the same limit as the cast: past it a wrong code is refused, the right one still taken', async () => {
      clientIp = '10.1.0.5';
      const statuses: number[] = [];
      // The test system answers 429 from the 7th wrong code (refuseAt 6).
      for (let i = 0; i < 7; i++) statuses.push((await vote(`/vote/${id}/review`, `code=ZZZZ-ZZZZ-ZZZZ-ZZZ${i}&${CHOICES}`)).status);
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses[6]).toBe(429);
      const wrong = await vote(`/vote/${id}/cast`, `code=ZZZZ-ZZZZ-ZZZZ-ZZZ9&${CHOICES}`);
      expect(wrong.status).toBe(429);
      expect(wrong.html).toContain('Đã nhập sai mã quá nhiều lần');
      expect(wrong.html).toContain('value="ZZZZ-ZZZZ-ZZZZ-ZZZ9"');
      // Nobody's wrong codes lock a household out: its right code is taken from the same address.
      const right = `code=${encodeURIComponent(codes.get('H-002')!)}&${CHOICES}`;
      const review = await vote(`/vote/${id}/review`, right);
      expect(review.status).toBe(200);
      expect(review.html).toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
      const cast = await vote(`/vote/${id}/cast`, hiddenFields(review.html));
      expect(cast.status).toBe(200);
      expect(cast.html).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
      expect((await counts(id)).participants).toBe(2);
    });
  });

  describe('the committee’s paper entry', () => {
    let id = '';

    beforeAll(async () => {
      ({ id } = await openRound(new Date(Date.now() - 60_000)));
    });

    it('shows the keys with their words: 1/Đ, 2/K, 0/Y, and says case does not matter for roll ids', async () => {
      const res = await staff.request(`/officials/c/${id}/paper`, { headers: { cookie: `danban_session=${official}` } });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('1/Đ = Đồng ý · 2/K = Không đồng ý · 0/Y = Ý kiến khác');
      expect(html).toContain('1 = Đèn LED · 2 = Đèn năng lượng mặt trời · 0/Y = Ý kiến khác');
      expect(html).toContain('chữ hoa hay chữ thường đều được');
    });

    it.each<[string, string, string, string, { q1: string; q2: string }, string[]]>([
      ['h-002', 'Đ', 'y', 'H-002', { q1: 'yes', q2: 'abstain' }, ['Đồng ý', 'Ý kiến khác']],
      ['  h-003 ', 'k', '2', 'H-003', { q1: 'no', q2: 'solar' }, ['Không đồng ý', 'Đèn năng lượng mặt trời']],
      ['H-004', '1', '0', 'H-004', { q1: 'yes', q2: 'abstain' }, ['Đồng ý', 'Ý kiến khác']],
      ['h-005', '2', '1', 'H-005', { q1: 'no', q2: 'led' }, ['Không đồng ý', 'Đèn LED']],
      ['H-006', 'đ', 'Y', 'H-006', { q1: 'yes', q2: 'abstain' }, ['Đồng ý', 'Ý kiến khác']],
      ['h-007', '0', '1', 'H-007', { q1: 'abstain', q2: 'led' }, ['Ý kiến khác', 'Đèn LED']],
    ])('records %j with keys %s, %s under the roll’s own id, and repeats the answers in words', async (typed, k1, k2, rollId, answers, words) => {
      const r = await enter(
        `/officials/c/${id}/paper`,
        `entered=0&household=${encodeURIComponent(typed)}&a.q1=${encodeURIComponent(k1)}&a.q2=${encodeURIComponent(k2)}`,
      );
      expect(r.status).toBe(200);
      expect(r.html).toContain(`Đã ghi phiếu của hộ ${rollId}.`);
      expect(r.html).toContain('Hình thức: phiếu giấy.');
      const recorded = /<dl class="answers" id="recorded-answers">([\s\S]*?)<\/dl>/.exec(r.html)?.[1] ?? '';
      expect(recorded).toContain(`<dt>Câu 1. Đồng ý lắp đèn chiếu sáng đường thôn?</dt><dd>${words[0]}</dd>`);
      expect(recorded).toContain(`<dt>Câu 2. Chọn loại đèn</dt><dd>${words[1]}</dd>`);
      // The store holds the answers the page repeated, under the roll's spelling, on paper.
      const tracking = /<strong class="mono big">([0-9a-f]{5}) ([0-9a-f]{5})<\/strong>/.exec(r.html)!;
      const tally = await s.core.store.readForTally(id);
      const ballot = tally.ballots.find((b) => b.receipt.startsWith(tracking[1]! + tracking[2]!));
      expect(ballot?.answers).toEqual(answers);
      expect(tally.participants).toContainEqual({ id: rollId, channel: 'paper' });
      if (typed.trim() !== rollId) expect(tally.participants.map((p) => p.id)).not.toContain(typed.trim());
    });

    it('asks before replacing a household’s ballot typed in another case, and records it on the confirmation', async () => {
      const warned = await enter(`/officials/c/${id}/paper`, 'entered=0&household=h-002&a.q1=K&a.q2=1');
      expect(warned.status).toBe(200);
      expect(warned.html).toContain('Hộ H-002 đã biểu quyết (phiếu giấy).');
      expect(warned.html).toMatch(/name="household"[^>]* value="h-002"/);
      const fields = new URLSearchParams({
        entered: '0',
        household: 'h-002',
        'a.q1': 'K',
        'a.q2': '1',
        confirm: '1',
        confirmFor: hiddenFields(warned.html).get('confirmFor')!,
      });
      const confirmed = await enter(`/officials/c/${id}/paper`, fields.toString());
      expect(confirmed.status).toBe(200);
      expect(confirmed.html).toContain('Đã ghi phiếu của hộ H-002.');
      expect(confirmed.html).toContain('id="replaced"');
    });

    it('keeps every typed value when a household is not on the roll or a key is not an answer', async () => {
      const stranger = await enter(`/officials/c/${id}/paper`, `entered=3&household=h-999&a.q1=${encodeURIComponent('Đ')}&a.q2=2`);
      expect(stranger.status).toBe(404);
      expect(stranger.html).toContain('Không có hộ này trong danh sách đã chốt.');
      expect(stranger.html).toMatch(/name="household"[^>]* value="h-999"/);
      expect(stranger.html).toMatch(/name="a\.q1"[^>]* value="Đ"/);
      expect(stranger.html).toMatch(/name="a\.q2"[^>]* value="2"/);
      expect(stranger.html).toContain('name="entered" value="3"');
      const typo = await enter(`/officials/c/${id}/paper`, 'entered=3&household=h-008&a.q1=x&a.q2=2');
      expect(typo.status).toBe(400);
      expect(typo.html).toContain('«x» không phải lựa chọn của câu này (1/Đ, 2/K, 0/Y).');
      expect(typo.html).toMatch(/name="household"[^>]* value="h-008"/);
      expect(typo.html).toMatch(/name="a\.q2"[^>]* value="2"/);
      expect((await counts(id)).participants).toBe(6);
    });

    it('before the opening time, keeps the typed ballot and says in Vietnamese, in Vietnam time, when to enter it', async () => {
      const later = await openRound(new Date(Date.now() + 3 * HOUR));
      const r = await enter(`/officials/c/${later.id}/paper`, `entered=0&household=h-001&a.q1=${encodeURIComponent('Đ')}&a.q2=2`);
      expect(r.status).toBe(409);
      expect(r.html).toContain('role="alert"');
      expect(r.html).toContain(`Chưa đến giờ nhận phiếu: phiếu được nhập từ ${vnAt(later.opensAt)} (giờ Việt Nam).`);
      expect(r.html).toContain('Phiếu chưa được ghi; những gì đã gõ vẫn còn trên mẫu.');
      expect(r.html).not.toContain(later.opensAt);
      expect(r.html).not.toContain('accepted from');
      expect(r.html).toMatch(/name="household"[^>]* value="h-001"/);
      expect(r.html).toMatch(/name="a\.q1"[^>]* value="Đ"/);
      expect(r.html).toMatch(/name="a\.q2"[^>]* value="2"/);
      expect((await counts(later.id)).participants).toBe(0);
    });
  });

  describe('slips by serial', () => {
    it('ticks off a roll id typed in lower case, keeps a refused one, and repeats a slip’s answers in words', async () => {
      const { id, serials } = await openRound(new Date(Date.now() - 60_000), 'household_ballot');
      const ticked = await enter(`/officials/c/${id}/paper/return`, 'household=h-001');
      expect(ticked.status).toBe(200);
      expect(ticked.html).toContain('Đã đánh dấu hộ H-001 nộp phiếu.');
      const unknown = await enter(`/officials/c/${id}/paper/return`, 'household=h-404');
      expect(unknown.status).toBe(404);
      expect(unknown.html).toMatch(/name="household"[^>]* value="h-404"/);
      const slip = await enter(`/officials/c/${id}/paper/slip`, `serial=${serials[0]!.toLowerCase()}&a.q1=K&a.q2=2`);
      expect(slip.status).toBe(200);
      expect(slip.html).toContain(`Đã ghi phiếu số ${serials[0]} (phiếu giấy).`);
      expect(slip.html).toContain('<dd>Không đồng ý</dd>');
      expect(slip.html).toContain('<dd>Đèn năng lượng mặt trời</dd>');
      const again = await enter(`/officials/c/${id}/paper/slip`, `serial=${serials[0]!}&a.q1=1&a.q2=1`);
      expect(again.status).toBe(409);
      expect(again.html).toContain('Phiếu có số này đã được nhập.');
      expect(again.html).toMatch(new RegExp(`name="serial"[^>]* value="${serials[0]}"`));
      expect(again.html).toMatch(/name="a\.q1"[^>]* value="1"/);
    });
  });
});
