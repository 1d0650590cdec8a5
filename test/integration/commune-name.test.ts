/**
 * The commune's display name on the real store: UBND xã names its commune from its own page (an act in the commune's
 * own log), nobody else can, and the officials' and monitors' headers and the public pages then read "Xã Thử Nghiệm"
 * where they showed the id; the id stays in every published file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { COMMUNE_NAMED, nameCommune } from '../../functions/core/commune-profile.ts';
import {
  COMMUNE,
  holdMeeting,
  OTHER_COMMUNE,
  type PrincipalName,
  principalTokens,
  roadConsultation,
  rollCsv,
  STAFF_PRINCIPALS,
  testSystem,
} from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';
const NAME = 'Xã Thử Nghiệm';

describe('the commune’s display name', () => {
  let s: Sys;
  let tokens: Record<PrincipalName, string>;
  let published = '';
  let consultationJson = '';

  /** A page of the local server with a session cookie; with a form, a post from this origin. */
  const request = async (path: string, who: PrincipalName, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${tokens[who]}` };
    if (form) Object.assign(headers, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const site = async (key: string) => {
    const bytes = await s.core.publisher.get(key);
    return bytes ? fromUtf8(bytes) : '';
  };

  beforeAll(async () => {
    s = await testSystem('commune-name');
    tokens = await principalTokens(s);
    const created = await s.call('POST', '/api/consultations', { token: tokens.official, body: roadConsultation() });
    expect(created.status, created.text).toBe(201);
    published = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${published}/roll`, { token: tokens.official, body: rollCsv(6), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${published}/open`, { token: tokens.official })).status).toBe(200);
    const closed = await holdMeeting(s.call, tokens.official, published, ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'], { q1: { yes: 5, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    consultationJson = await site(`c/${published}/consultation.json`);
    expect(consultationJson).toContain(`"commune":"${COMMUNE}"`);
  });
  afterAll(() => s.cleanup());

  it('before it is set, the headers show the commune id labelled as an id', async () => {
    const page = await request('/officials/', 'official');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Mã xã <span class="mono">${COMMUNE}</span>`);
    expect(page.text).not.toContain(NAME);
    expect(await site(`c/${published}/index.html`)).not.toContain(NAME);
    expect((await request('/commune/', 'commune')).text).toContain('chưa đặt: các trang đang hiện mã xã.');
  });

  it('neither an official, of this commune or another, nor a monitor may set it', async () => {
    for (const who of ['official', 'otherOfficial', 'monitor'] as const) {
      const page = await request('/commune/name', who, { name: 'Xã Giả Mạo' });
      expect(page.status, who).toBe(403);
      expect(page.text).not.toContain('Xã Giả Mạo');
      await expect(nameCommune(s.core, STAFF_PRINCIPALS[who], { name: 'Xã Giả Mạo' })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await s.core.store.getCommuneAudit(COMMUNE)).toEqual([]);
    expect(await s.core.store.getCommuneProfile(COMMUNE)).toBeUndefined();
    expect(await s.core.store.getCommuneProfile(OTHER_COMMUNE)).toBeUndefined();
  });

  it('a name that cannot be kept is sent back with its problem, and nothing is recorded', async () => {
    for (const name of ['X', 'Xã\u0000Thử', 'x'.repeat(121)]) {
      const page = await request('/commune/name', 'commune', { name });
      expect(page.status, JSON.stringify(name)).toBe(400);
      expect(page.text).toContain('Cần từ 2 đến 120 ký tự');
      expect(page.text).toContain('aria-invalid="true"');
    }
    expect(await s.core.store.getCommuneAudit(COMMUNE)).toEqual([]);
  });

  it('UBND xã sets it from its page, as NFC, and the act is in the commune’s own log with the name', async () => {
    const form = await request('/commune/name', 'commune');
    expect(form.status).toBe(200);
    expect(form.text).toContain('action="/commune/name"');
    // Typed with combining marks (NFD): kept as NFC.
    const sent = await request('/commune/name', 'commune', { name: ` ${NAME.normalize('NFD')} `, district: '', province: 'Tỉnh Thử Nghiệm' });
    expect(sent.status, sent.text).toBe(303);
    expect(sent.location).toBe('/commune/name?done=1');
    expect(await s.core.store.getCommuneProfile(COMMUNE)).toEqual({ name: NAME, province: 'Tỉnh Thử Nghiệm' });
    const log = await s.core.store.getCommuneAudit(COMMUNE);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      seq: 1,
      action: COMMUNE_NAMED,
      actor: { role: 'commune', id: STAFF_PRINCIPALS.commune.sub },
      data: { commune: COMMUNE, name: NAME, province: 'Tỉnh Thử Nghiệm' },
    });
    const after = await request('/commune/name?done=1', 'commune');
    expect(after.text).toContain('Đã lưu tên xã.');
    expect(after.text).toContain(`Đặt tên hiển thị của xã: “${NAME}”`);
    // Another commune's UBND xã names only its own commune.
    await nameCommune(s.core, STAFF_PRINCIPALS.otherCommune, { name: 'Xã Bên Cạnh' });
    expect((await s.core.store.getCommuneProfile(COMMUNE))?.name).toBe(NAME);
    expect(await s.core.store.getCommuneAudit(COMMUNE)).toHaveLength(1);
  });

  it('the officials’, monitors’ and UBND xã’s headers show the name; another commune’s its own', async () => {
    for (const [who, path] of [
      ['official', '/officials/'],
      ['official', `/officials/c/${published}`],
      ['monitor', '/monitors/'],
      ['monitor', `/monitors/c/${published}`],
      ['commune', '/commune/'],
    ] as const) {
      const page = await request(path, who);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(`<span class="commune-name">${NAME}</span>`);
      expect(page.text, path).not.toContain('Mã xã');
    }
    expect((await request('/officials/', 'otherOfficial')).text).toContain('<span class="commune-name">Xã Bên Cạnh</span>');
  });

  it('the public pages show the name, and the published files keep the id byte for byte', async () => {
    expect(await site(`c/${published}/index.html`)).toContain(`<p class="commune">${NAME}</p>`);
    expect(await site('index.html')).toContain(`Thôn Thử Nghiệm, ${NAME}`);
    expect(await site(`c/${published}/consultation.json`)).toBe(consultationJson);
    // A round disclosed after the naming has it on its page from the first.
    const created = await s.call('POST', '/api/consultations', { token: tokens.official, body: roadConsultation() });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: tokens.official, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: tokens.official })).status).toBe(200);
    expect(await site(`c/${id}/index.html`)).toContain(`<p class="commune">${NAME}</p>`);
  });
});
