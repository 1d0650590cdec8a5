import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOutbox, OutboxNotifier } from '../../../functions/adapters/outbox-notifier.ts';
import type { NoticeBatch } from '../../../functions/core/notifier.ts';

const batch = (over: Partial<NoticeBatch> = {}): NoticeBatch => ({
  consultationId: '01JF0000000000000000000000',
  commune: 'xa-a',
  kind: 'voting_opened',
  text: { vi: 'Biểu quyết trực tuyến đã mở đến 20 giờ ngày 12/12.', second: { language: 'en', text: 'Online voting is open.' } },
  recipients: [
    { rollId: 'DG-001', channel: 'sms', address: '+84912345678' },
    { rollId: 'DG-002', channel: 'zalo', address: '2468458835296197922' },
  ],
  ...over,
});

describe('the local outbox', () => {
  let root: string;
  let dir: string;
  let now: Date;
  let outbox: OutboxNotifier;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'outbox-'));
    dir = join(root, 'data', 'outbox');
    now = new Date('2026-12-05T02:00:00Z');
    outbox = new OutboxNotifier(dir, { now: () => now });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a batch as one JSON file in a folder it creates, and counts every household as sent', async () => {
    expect(await outbox.send(batch())).toEqual({ sent: 2, failed: 0, optedOut: 0 });
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^2026-12-05T02-00-00-000Z-voting_opened-[0-9a-f]{8}\.json$/);
    expect(JSON.parse(readFileSync(join(dir, names[0]!), 'utf8'))).toEqual({
      at: '2026-12-05T02:00:00.000Z',
      consultationId: '01JF0000000000000000000000',
      commune: 'xa-a',
      kind: 'voting_opened',
      text: batch().text,
      body: 'Biểu quyết trực tuyến đã mở đến 20 giờ ngày 12/12.\n\nOnline voting is open.',
      households: [
        { rollId: 'DG-001', channel: 'sms' },
        { rollId: 'DG-002', channel: 'zalo' },
      ],
    });
  });

  it('keeps no phone number and no Zalo id', async () => {
    await outbox.send(batch());
    const text = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8');
    expect(text).not.toContain('912345678');
    expect(text).not.toContain('2468458835296197922');
  });

  it('lists the notices oldest first, of every round or of one', async () => {
    await outbox.send(batch({ kind: 'meeting_invitation' }));
    now = new Date('2026-12-06T02:00:00Z');
    await outbox.send(batch({ consultationId: '01JF0000000000000000000001', kind: 'documents_link' }));
    now = new Date('2026-12-07T02:00:00Z');
    await outbox.send(batch({ kind: 'reminder_not_voted' }));
    expect((await listOutbox(dir)).map((e) => e.kind)).toEqual(['meeting_invitation', 'documents_link', 'reminder_not_voted']);
    expect((await listOutbox(dir, '01JF0000000000000000000000')).map((e) => e.kind)).toEqual(['meeting_invitation', 'reminder_not_voted']);
  });

  it('reads a missing folder as an empty outbox, and skips a file that is not a notice', async () => {
    expect(await listOutbox(join(root, 'nowhere'))).toEqual([]);
    await outbox.send(batch());
    writeFileSync(join(dir, 'zzz-broken.json'), '{"at": 1');
    writeFileSync(join(dir, 'zzz-other.json'), '{"hello": "world"}');
    expect(await listOutbox(dir)).toHaveLength(1);
  });

  it('leaves no temporary file behind', async () => {
    await outbox.send(batch());
    await outbox.send(batch());
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
