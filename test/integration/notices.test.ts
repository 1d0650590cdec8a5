/**
 * Notices that reach every household, end to end on the real store: the contacts uploaded on the officials' page
 * (a bad line refused with its number, nothing taken), a household opting out, an online round opened → one outbox
 * batch with the voting-opened notice and no code in it, `notice_sent` in the round's log with counts only, and no
 * phone number anywhere in the log or the published site; the "Gửi thông báo" form and the outbox page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../functions/adapters/outbox-notifier.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const ORIGIN = 'http://localhost';

/** Every file under `dir`, as text. */
function allText(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? allText(path) : readFileSync(path, 'latin1');
    })
    .join('\n');
}

const CONTACTS = ['Mã hộ;Số điện thoại;Zalo;Từ chối nhận tin', 'H-001;0912 345 678;;', 'H-002;0987.654.321;;', 'H-003;0356 111 222;;Có', 'H-004;;;'].join(
  '\r\n',
);
const DIGITS = ['912345678', '0912 345 678', '987654321', '356111222'];

describe('notices to the households, on the real store', () => {
  let s: Sys;
  let session = '';
  let token = '';
  let id = '';

  const page = async (path: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) {
      headers.origin = ORIGIN;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const audit = async () =>
    (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    s = await testSystem('notices');
    const login = await s.app.request('/officials/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=official&password=pw-official',
    });
    expect(login.status).toBe(303);
    session = /danban_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    token = await s.token('official');
    const created = await s.call('POST', '/api/consultations', { token, body: onlineConsultation(new Date(), 48) });
    expect(created.status).toBe(201);
    id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, token, id, 4);
  });
  afterAll(() => s.cleanup());

  it('refuses a contacts file with a bad line, naming the line in Vietnamese, and takes nothing', async () => {
    const bad = await page(`/officials/c/${id}/contacts`, { csv: `${CONTACTS}\r\nH-005;024 3825 1234;;` });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Dòng 6:');
    expect(bad.html).toContain('máy bàn');
    // The page is Vietnamese alone.
    expect(bad.html).not.toContain('Not uploaded');
    expect(bad.html).toContain('Chưa có hộ nào.');
    expect((await audit()).map((e) => e.action)).not.toContain('contacts_uploaded');
  });

  it('takes the contacts, logs the upload with counts only, and a household opts out', async () => {
    const ok = await page(`/officials/c/${id}/contacts`, { csv: CONTACTS });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('Đã tải lên 4 hộ');
    // The list hides the middle of a number.
    expect(ok.html).toContain('09…678');
    expect(ok.html).not.toContain('0912 345 678');
    const uploaded = (await audit()).find((e) => e.action === 'contacts_uploaded')!;
    expect(uploaded.data).toEqual({ count: 4, withPhone: 3, withZalo: 0, optedOut: 1 });

    const out = await page(`/officials/c/${id}/contacts/H-002/opt-out`, { optedOut: 'true' });
    expect(out.status).toBe(303);
    const opted = (await audit()).find((e) => e.action === 'contact_opted_out')!;
    expect(opted.data).toEqual({ household: 'H-002', optedOut: true });
  });

  it('opening the round sends the voting-opened notice: one outbox batch, no code, counts in the log, no number anywhere', async () => {
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token });
    expect(opened.status).toBe(200);
    const codes = (opened.json.credentials as Array<{ code: string }>).map((c) => c.code);
    expect(codes).toHaveLength(4);

    const batches = await listOutbox(join(s.dataDir, 'outbox'), id);
    expect(batches.map((b) => b.kind)).toEqual(['voting_opened']);
    const batch = batches[0]!;
    // H-002 and H-003 opted out, H-004 has no contact: only H-001 gets the message.
    expect(batch.households).toEqual([{ rollId: 'H-001', channel: 'sms' }]);
    expect(batch.body).toContain('Lắp đèn chiếu sáng đường thôn');
    for (const code of codes) {
      expect(batch.body).not.toContain(code);
      expect(batch.body).not.toContain(code.replace(/-/g, ''));
    }
    const outboxFiles = allText(join(s.dataDir, 'outbox'));
    for (const d of DIGITS) expect(outboxFiles).not.toContain(d);

    const log = await audit();
    const sent = log.find((e) => e.action === 'notice_sent')!;
    expect(sent.data).toMatchObject({ kind: 'voting_opened', households: 4, sent: 1, failed: 0, optedOut: 2, noContact: 1 });
    expect(sent.data.textSha256).toMatch(/^[0-9a-f]{64}$/);
    const logText = JSON.stringify(log);
    for (const d of DIGITS) expect(logText).not.toContain(d);
    const site = allText(join(s.dataDir, 'site'));
    for (const d of DIGITS) expect(site).not.toContain(d);
  });

  it('sends a notice from the officials’ form, refuses one that carries a code, and lists the outbox in Vietnamese times', async () => {
    const round = await page(`/officials/c/${id}`);
    expect(round.html).toContain(`href="/officials/c/${id}/notices"`);
    const form = await page(`/officials/c/${id}/notices`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Gửi thông báo');
    expect(form.html).toContain('UBND xã kính mời');
    expect(form.html).not.toContain('Send the notice');

    const refused = await page(`/officials/c/${id}/notices`, { kind: 'meeting_invitation', text: 'Mã của hộ: ABCD-EFGH-JKMN-PQRS' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('không bao giờ gửi mã');
    expect((await listOutbox(join(s.dataDir, 'outbox'), id)).length).toBe(1);

    const sent = await page(`/officials/c/${id}/notices`, { kind: 'meeting_invitation', text: 'Kính mời đại diện hộ dự họp lúc 19:00 ngày 10/12/2026.' });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('gửi được 1');
    expect(sent.html).toMatch(/\d{2}:\d{2} ngày \d{1,2}\/\d{1,2}\/\d{4}/);
    expect(sent.html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const kinds = (await audit()).filter((e) => e.action === 'notice_sent').map((e) => e.data.kind);
    expect(kinds).toEqual(['voting_opened', 'meeting_invitation']);

    const english = await page(`/officials/c/${id}/notices?lang=en`);
    expect(english.html).toContain('Send the notice');
  });
});
