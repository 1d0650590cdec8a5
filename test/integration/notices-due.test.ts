/**
 * The notices due by the clock, on the real store (DynamoDB Local) and SMS through a mocked SNS: 24 hours before an
 * online round closes, the sweep reminds the households on the roll that have not voted (never the one that voted,
 * never a code), once however often it sweeps; at the close it publishes and sends the result with the link to the
 * result page, once; each send is `notice_sent` in the round's log, and the decision record lists them as evidence.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnsSmsNotifier } from '../../functions/adapters/sns-sms-notifier.ts';
import { uploadContacts } from '../../functions/core/contacts.ts';
import { draftRecord } from '../../functions/core/minutes.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { sweep } from '../../functions/core/sweeper.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
const HOUR = 3600_000;
const START = new Date('2026-12-01T01:00:00Z');
const official: Principal = { sub: 'official-a', role: 'official', commune: COMMUNE };
const CONTACTS = ['Mã hộ,Số điện thoại', 'H-001,0912 345 678', 'H-002,0987 654 321', 'H-003,0356 111 222'].join('\r\n');

describe('the reminder and the result notice, sent by the sweep', () => {
  const sns = mockClient(SNSClient);
  let s: Sys;
  let now = START;
  let id = '';
  let codes: Record<string, string> = {};
  let token = '';

  const notices = async () => (await s.core.store.getAudit(id)).filter((e) => e.action === 'notice_sent');
  const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

  beforeAll(async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    s = await testSystem('notices-due', { clock: { now: () => now } });
    // SMS as on AWS, through the mocked client.
    s.core.notifier = new SnsSmsNotifier(new SNSClient({ region: 'ap-southeast-1' }));
    token = await s.token('official');
    const created = await s.call('POST', '/api/consultations', { token, body: onlineConsultation(START, 48) });
    expect(created.status, created.text).toBe(201);
    id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(4), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, token, id, 4);
    await uploadContacts(s.core, official, id, CONTACTS);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token });
    expect(opened.status, opened.text).toBe(200);
    codes = Object.fromEntries((opened.json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    const voted = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes['H-001'], answers: { q1: 'yes' } } });
    expect(voted.status, voted.text).toBe(201);
    sns.resetHistory();
  });
  afterAll(() => {
    s.cleanup();
    sns.restore();
  });

  it('sends no reminder more than 24 hours before the close', async () => {
    now = new Date(START.getTime() + 23 * HOUR);
    const report = await sweep(s.core);
    expect(report.notices.sent).toEqual([]);
    expect((await notices()).map((e) => e.data.kind)).toEqual(['voting_opened']);
    expect(published()).toEqual([]);
  });

  it('24 hours before the close, reminds only the households that have not voted, without a code, once', async () => {
    now = new Date(START.getTime() + 25 * HOUR);
    const report = await sweep(s.core);
    expect(report.notices.sent).toEqual([{ id, kind: 'reminder_not_voted', households: 3, sent: 2 }]);
    const sms = published();
    // H-001 voted; H-004 has no contact.
    expect(sms.map((i) => i.PhoneNumber).sort()).toEqual(['+84356111222', '+84987654321']);
    for (const i of sms) {
      expect(i.Message).toContain('chưa biểu quyết');
      for (const code of Object.values(codes)) {
        expect(i.Message).not.toContain(code);
        expect(i.Message).not.toContain(code.replace(/-/g, ''));
      }
    }
    const reminder = (await notices()).find((e) => e.data.kind === 'reminder_not_voted')!;
    expect(reminder.actor).toEqual({ role: 'system', id: 'notices' });
    expect(reminder.data).toMatchObject({ households: 3, sent: 2, failed: 0, optedOut: 0, noContact: 1, channels: { sms: 2, zalo: 0 } });
    expect(JSON.stringify(reminder.data)).not.toMatch(/987654321|356111222/);

    sns.resetHistory();
    now = new Date(START.getTime() + 30 * HOUR);
    expect((await sweep(s.core)).notices.sent).toEqual([]);
    expect(published()).toEqual([]);
    expect((await notices()).filter((e) => e.data.kind === 'reminder_not_voted')).toHaveLength(1);
  });

  it('at the close, publishes and sends the result with the link to its page to every household, once', async () => {
    // A household reminded votes (the record's two signers must have taken part).
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes['H-002'], answers: { q1: 'yes' } } })).status).toBe(201);
    now = new Date(START.getTime() + 48 * HOUR + 60_000);
    const report = await sweep(s.core);
    expect(report.closed).toEqual([id]);
    expect(report.notices.sent).toEqual([{ id, kind: 'result', households: 4, sent: 3 }]);
    const sms = published();
    expect(sms.map((i) => i.PhoneNumber).sort()).toEqual(['+84356111222', '+84912345678', '+84987654321']);
    expect(sms[0]!.Message).toContain(`c/${id}/`);
    sns.resetHistory();
    now = new Date(now.getTime() + 10 * 60_000);
    expect((await sweep(s.core)).notices.sent).toEqual([]);
    expect(published()).toEqual([]);
    expect((await notices()).map((e) => e.data.kind)).toEqual(['voting_opened', 'reminder_not_voted', 'result']);
  });

  it('lists the notices on the decision record: kind, Vietnam time, households, reached, channel', async () => {
    const drafted = await draftRecord(s.core, official, id, {
      form: 'bien_ban',
      letterhead: { authority: 'UBND xã Thử Nghiệm', unit: 'Thôn Thử Nghiệm' },
      place: 'Nhà văn hóa thôn',
      summary: 'Bàn về đèn chiếu sáng.',
      signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: ['H-001', 'H-002'] },
    });
    const html = new TextDecoder().decode(await s.core.publisher.get(`c/${id}/record/decision.html`));
    expect(drafted.url).toContain('record/decision.html');
    const table = /<table class="notices">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect([...table.matchAll(/data-kind="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['voting_opened', 'reminder_not_voted', 'result']);
    expect(table).toContain('Nhắc hộ chưa biểu quyết');
    expect(table).toContain('SMS 2');
    expect(table).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).not.toMatch(/987654321|356111222|912345678/);
  });
});
