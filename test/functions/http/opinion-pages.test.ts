/**
 * The other opinions on the staff pages, on the in-memory store: the officials' list with a hide form per visible
 * opinion (303 back, the hidden one then shown with its reason), the monitors' read-only list, and a monitor's
 * session refused on the officials' hide route.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../../functions/core/codes.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { castOnline } from '../../../functions/core/voting.ts';
import { monitorPages } from '../../../functions/http/monitors/index.ts';
import { officialPages } from '../../../functions/http/officials/index.ts';
import type { Consultation } from '../../../shared/schemas.ts';
import { sha256 } from '../../../shared/sha256.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';

const AT = '2026-12-01T20:00:00Z';
const ID = '01JDANBAN00000000000000001';
const CODES = ['AAAA-BBBB-CCCC-DDD1', 'AAAA-BBBB-CCCC-DDD2'];
const ORIGIN = 'http://localhost';
const PEOPLE: Record<string, Principal> = {
  official: { sub: 'o1', role: 'official', commune: 'xa-do-tai' },
  monitor: { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' },
};

const round: Consultation = {
  id: ID,
  commune: 'xa-do-tai',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'opinion',
  method: 'online',
  title: 'Lắp đèn đường',
  description: 'Lắp 20 bóng đèn.',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-08T00:00:00Z',
  questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'plurality' } }],
};

async function system() {
  let counter = 0;
  const core: CoreDeps = {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: { publicKeySpki: async () => new Uint8Array(91), sign: async () => new Uint8Array(64) },
    publisher: { put: async () => {}, get: async () => undefined, url: (key) => `${ORIGIN}/${key}` },
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => new Date(AT) },
    ids: { ulid: () => ID, random: (k) => sha256(new TextEncoder().encode(`r${++counter}`)).slice(0, k) },
    profile: OPEN_AT_ONCE,
    log: () => {},
  };
  const actor = { role: 'official' as const, id: 'o1' };
  await core.store.createConsultation(round, AT, { at: AT, actor, action: 'created', data: {} });
  const roll = [1, 2].map((n) => ({ id: `H-${n}`, hamlet: 'Thôn Đông', head: `Chủ hộ ${n}`, members: 2, category: 'standard' as const }));
  await core.store.replaceRoll(ID, roll, AT, { at: AT, actor, action: 'roll_uploaded', data: {} });
  await core.store.openVoting(
    ID,
    (r) => r.map((h, i) => ({ household: h.id, hash: codeHash(ID, normalizeCode(CODES[i]!)!) })),
    AT,
    () => ({ at: AT, actor, action: 'voting_opened', data: {} }),
  );
  for (const [i, text] of ['Nên lắp thêm ở cầu', 'Số điện thoại 0912 345 678'].entries())
    await castOnline(core, ID, { code: CODES[i]!, answers: { q1: 'abstain' }, opinions: { q1: text } }, '127.0.0.1');
  const deps = { core, verifyToken: async (token: string) => PEOPLE[token] };
  const app = new Hono().route('/', officialPages(deps)).route('/', monitorPages(deps));
  const request = async (path: string, who: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${who}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await app.request(`${ORIGIN}${path}`, {
      method: form ? 'POST' : 'GET',
      headers,
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const stored = await core.store.listOpinions(ID);
  const idOf = (start: string) => stored.find((o) => o.text.startsWith(start))!.id;
  return { core, request, phone: idOf('Số điện thoại'), bridge: idOf('Nên lắp') };
}

const forms = (html: string) => html.match(/<form method="post" action="[^"]*\/hide"/g) ?? [];

describe('the other opinions on the staff pages', () => {
  it('lists them for an official with a hide form each; hiding goes back (303) and shows the reason', async () => {
    const { core, request, phone, bridge } = await system();
    expect((await request(`/officials/c/${ID}`, 'official')).text).toContain(`href="/officials/c/${ID}/opinions"`);
    const before = await request(`/officials/c/${ID}/opinions`, 'official');
    expect(before.status).toBe(200);
    expect(before.text).toContain('Ý kiến khác của các hộ');
    expect(before.text).toContain('Nên lắp thêm ở cầu');
    expect(before.text).toContain('Ngày gửi 02/12/2026');
    expect(forms(before.text).sort()).toEqual([phone, bridge].map((o) => `<form method="post" action="/officials/c/${ID}/opinions/${o}/hide"`).sort());
    expect(before.text).toContain('<option value="personal_data">');
    expect(before.text).not.toContain('<option value="spam">');

    const hid = await request(`/officials/c/${ID}/opinions/${phone}/hide`, 'official', { reason: 'personal_data' });
    expect(hid.status).toBe(303);
    expect(hid.location).toBe(`/officials/c/${ID}/opinions?done=hidden`);
    expect((await core.store.listOpinions(ID)).find((o) => o.id === phone)?.hidden?.reason).toBe('personal_data');
    const after = await request(`/officials/c/${ID}/opinions?done=hidden`, 'official');
    expect(after.text).toContain('Đã ẩn ý kiến');
    expect(after.text).toContain('Đã ẩn (lộ thông tin cá nhân)');
    expect(after.text).toContain('0912 345 678');
    expect(forms(after.text)).toEqual([`<form method="post" action="/officials/c/${ID}/opinions/${bridge}/hide"`]);

    expect((await request(`/officials/c/${ID}/opinions/${bridge}/hide`, 'official', { reason: 'spam' })).status).toBe(400);
    expect((await request(`/officials/c/${ID}/opinions/not-an-id/hide`, 'official', { reason: 'insult' })).status).toBe(404);
  });

  it('lists them read-only for a monitor, hidden ones with their reason; a monitor cannot hide one (403)', async () => {
    const { core, request, phone, bridge } = await system();
    await request(`/officials/c/${ID}/opinions/${phone}/hide`, 'official', { reason: 'personal_data' });
    expect((await request(`/monitors/c/${ID}`, 'monitor')).text).toContain(`href="/monitors/c/${ID}/opinions"`);
    const page = await request(`/monitors/c/${ID}/opinions`, 'monitor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nên lắp thêm ở cầu');
    expect(page.text).toContain('Đã ẩn (lộ thông tin cá nhân)');
    expect(page.text).not.toContain('<form method="post" action="/officials');
    expect(page.text).not.toContain('name="reason"');

    const refused = await request(`/officials/c/${ID}/opinions/${bridge}/hide`, 'monitor', { reason: 'off_topic' });
    expect(refused.status).toBe(403);
    expect((await request(`/monitors/c/${ID}/opinions/${bridge}/hide`, 'monitor', { reason: 'off_topic' })).status).toBe(404);
    expect((await core.store.listOpinions(ID)).find((o) => o.id === bridge)?.hidden).toBeUndefined();
  });
});
