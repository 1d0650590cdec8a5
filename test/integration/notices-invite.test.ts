/**
 * The meeting invitation with the documents' link (D59 Art. 3(3), (4), form 01) sent from the officials' notices
 * page once the round is disclosed, flagged and recorded as late when fewer than 2 days are left; and the election
 * notices of a village-head election, sent to the hamlet's households when the public notice and the invitation are
 * recorded, each recorded once in the process's own chain. On the real store, with the local outbox.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../functions/adapters/outbox-notifier.ts';
import { uploadContacts } from '../../functions/core/contacts.ts';
import { sendElectionNotice } from '../../functions/core/notice-election.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { createElection, recordStep } from '../../functions/core/processes.ts';
import { checkChain } from '../../shared/audit.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { COMMUNE, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const ORIGIN = 'http://localhost';
const HOUR = 3600_000;
const official: Principal = { sub: 'official-a', role: 'official', commune: COMMUNE };
const CONTACTS = ['Mã hộ,Số điện thoại,Zalo', 'H-001,0912 345 678,', 'H-002,,123456789', 'H-003,0356 111 222,'].join('\r\n');

describe('the meeting invitation and the election notices', () => {
  let s: Sys;
  let session = '';
  let token = '';

  const page = async (path: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) {
      headers.origin = ORIGIN;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    return { status: res.status, html: await res.text() };
  };
  const meetingRound = async (hoursAhead: number) => {
    const created = await s.call('POST', '/api/consultations', { token, body: roadConsultation(new Date(Date.now() + hoursAhead * HOUR), 3) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    s = await testSystem('notices-invite');
    const login = await s.app.request('/officials/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=official&password=pw-official',
    });
    session = /danban_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    token = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('offers no invitation before the round is disclosed, and refuses one sent anyway', async () => {
    const id = await meetingRound(96);
    await uploadContacts(s.core, official, id, CONTACTS);
    const form = await page(`/officials/c/${id}/notices`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Công khai cuộc lấy ý kiến trước');
    expect(form.html).not.toContain('name="text"');
    const refused = await page(`/officials/c/${id}/notices`, { kind: 'meeting_invitation', text: 'Kính mời họp.' });
    expect(refused.status).toBe(400);
    expect(await listOutbox(join(s.dataDir, 'outbox'), id)).toEqual([]);
  });

  it('prefills the invitation with the date and the documents’ link, 4 days ahead: not late', async () => {
    const id = await meetingRound(96);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token })).status).toBe(200);
    const form = await page(`/officials/c/${id}/notices`);
    expect(form.html).toContain('UBND xã kính mời đại diện hộ gia đình dự cuộc họp');
    expect(form.html).toContain(`c/${id}/`);
    expect(form.html).toContain('Gửi ít nhất 2 ngày trước.');
    expect(form.html).not.toContain('id="short-notice"');
    expect(form.html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('flags an invitation sent fewer than 2 days before the meeting, sends it, and records it as late', async () => {
    const id = await meetingRound(20);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token })).status).toBe(200);
    const form = await page(`/officials/c/${id}/notices`);
    expect(form.html).toContain('id="short-notice"');
    expect(form.html).toContain('Còn ít hơn 2 ngày');
    const sent = await page(`/officials/c/${id}/notices`, { kind: 'meeting_invitation', text: `Kính mời họp. Tài liệu: http://127.0.0.1:9/c/${id}/` });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('gửi được 3');
    // The log's list on the page, by channel.
    expect(sent.html).toContain('SMS 2, Zalo 1');
    const batches = await listOutbox(join(s.dataDir, 'outbox'), id);
    expect(batches.map((b) => b.kind)).toEqual(['meeting_invitation']);
    const event = (await s.core.store.getAudit(id)).find((e) => e.action === 'notice_sent')!;
    expect(event.data).toMatchObject({
      kind: 'meeting_invitation',
      households: 4,
      sent: 3,
      noContact: 1,
      shortNotice: true,
      days: 2,
      channels: { sms: 2, zalo: 1 },
    });
  });

  it('sends the election notice to the hamlet’s households when the notice and the invitation are recorded, once each', async () => {
    const today = vietnamDate(new Date());
    const meeting = vietnamDate(new Date(Date.now() + 10 * 24 * HOUR));
    const election = await createElection(s.core, official, { hamlet: 'Thôn Thử Nghiệm', meeting });
    await recordStep(s.core, official, election.id, { step: 'notice_posted', on: today });
    await recordStep(s.core, official, election.id, { step: 'meeting_invited', on: today });
    const chain = await s.core.store.getProcessAudit(election.id);
    const sent = chain.filter((e) => e.action === 'notice_sent');
    expect(sent.map((e) => e.data.step)).toEqual(['notice_posted', 'meeting_invited']);
    // Asked again, a step's notice is not sent twice.
    expect(await sendElectionNotice(s.core, official, election.id, 'notice_posted')).toBeUndefined();
    expect((await s.core.store.getProcessAudit(election.id)).length).toBe(chain.length);
    for (const e of sent) expect(e.data).toMatchObject({ process: election.id, kind: 'election_notice', households: 4, sent: 3, noContact: 1 });
    expect(JSON.stringify(chain)).not.toMatch(/912345678|356111222|123456789/);
    const batches = await listOutbox(join(s.dataDir, 'outbox'), election.id);
    expect(batches.map((b) => b.kind)).toEqual(['election_notice', 'election_notice']);
    const [d, m, y] = [Number(meeting.slice(8)), Number(meeting.slice(5, 7)), meeting.slice(0, 4)];
    expect(batches[0]!.body).toContain(`bầu trưởng thôn Thôn Thử Nghiệm tại cuộc họp cộng đồng dân cư ngày ${d}/${m}/${y}`);
    expect(batches[1]!.body).toContain(`p/${election.id}/`);
    // The chain still checks after the notices.
    expect(checkChain(chain)).toEqual([]);
  });
});
