import { describe, expect, it } from 'vitest';
import {
  byChannel,
  codeLikeProblem,
  messageBody,
  type NoticeBatch,
  type Notifier,
  type NotifyInput,
  notifyHouseholds,
  type SendCounts,
} from '../../../functions/core/notifier.ts';
import { newCode } from '../../../functions/core/codes.ts';
import type { NoticeChannel, HouseholdContact } from '../../../shared/contacts.ts';
import { DomainError } from '../../../shared/errors.ts';
import { sha256Hex } from '../../../shared/sha256.ts';
import { utf8 } from '../../../shared/bytes.ts';

/** A notifier that keeps each batch and answers with the counts it is told to (all sent by default). */
class FakeNotifier implements Notifier {
  readonly batches: NoticeBatch[] = [];
  constructor(
    readonly channels: readonly NoticeChannel[] = ['sms', 'zalo'],
    private readonly answer?: (b: NoticeBatch) => SendCounts,
  ) {}
  async send(batch: NoticeBatch): Promise<SendCounts> {
    this.batches.push(batch);
    return this.answer ? this.answer(batch) : { sent: batch.recipients.length, failed: 0, optedOut: 0 };
  }
}

const CONTACTS: HouseholdContact[] = [
  { rollId: 'DG-001', phone: '0912 345 678', optedOut: false },
  { rollId: 'DG-002', zaloId: '2468458835296197922', optedOut: false },
  { rollId: 'DG-003', phone: '0987654321', zaloId: '1111', prefers: 'zalo', optedOut: false },
  { rollId: 'DG-004', phone: '0977000111', optedOut: true },
  { rollId: 'DG-005', optedOut: false },
  { rollId: 'DG-006', phone: '024 3825 1234', optedOut: false },
  { rollId: 'OTHER-1', phone: '0900000001', optedOut: false },
];
const clock = { now: () => new Date('2026-12-05T02:00:00Z') };
const input = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  consultationId: '01JF0000000000000000000000',
  commune: 'xa-a',
  kind: 'meeting_invitation',
  text: { vi: 'Kính mời đại diện hộ gia đình dự họp thôn lúc 19 giờ ngày 7/12 tại nhà văn hóa.' },
  rollIds: ['DG-001', 'DG-002', 'DG-003', 'DG-004', 'DG-005', 'DG-006', 'DG-007'],
  ...over,
});
function world(notifier: Notifier = new FakeNotifier(), contacts = CONTACTS) {
  const lines: string[] = [];
  const asked: string[] = [];
  const deps = {
    notifier,
    clock,
    log: (l: string) => lines.push(l),
    contacts: {
      list: async (commune: string) => {
        asked.push(commune);
        return contacts;
      },
    },
  };
  return { deps, lines, asked };
}

describe('notifying households', () => {
  it('sends one batch to each reachable household on its channel, skipping those that opted out', async () => {
    const notifier = new FakeNotifier();
    const { deps, asked } = world(notifier);
    const log = await notifyHouseholds(deps, input());
    expect(asked).toEqual(['xa-a']);
    expect(notifier.batches).toHaveLength(1);
    expect(notifier.batches[0]!.recipients).toEqual([
      { rollId: 'DG-001', channel: 'sms', address: '+84912345678' },
      { rollId: 'DG-002', channel: 'zalo', address: '2468458835296197922' },
      { rollId: 'DG-003', channel: 'zalo', address: '1111' },
    ]);
    expect(notifier.batches[0]).toMatchObject({ consultationId: '01JF0000000000000000000000', commune: 'xa-a', kind: 'meeting_invitation' });
    // DG-005 has no contact, DG-006 only a landline, DG-007 no record at all.
    expect(log).toEqual({
      consultationId: '01JF0000000000000000000000',
      commune: 'xa-a',
      kind: 'meeting_invitation',
      at: '2026-12-05T02:00:00.000Z',
      households: 7,
      sent: 3,
      failed: 0,
      optedOut: 1,
      noContact: 3,
      // The households handed to each channel, for the evidence of notice.
      channels: { sms: 1, zalo: 2 },
      textSha256: sha256Hex(utf8(input().text.vi)),
    });
  });

  it('never reaches a household that is not among those named', async () => {
    const notifier = new FakeNotifier();
    await notifyHouseholds(world(notifier).deps, input({ rollIds: ['DG-001'] }));
    expect(notifier.batches[0]!.recipients.map((r) => r.rollId)).toEqual(['DG-001']);
  });

  it('counts a household named twice once', async () => {
    const log = await notifyHouseholds(world().deps, input({ rollIds: ['DG-001', 'DG-001'] }));
    expect(log).toMatchObject({ households: 1, sent: 1 });
  });

  it('uses only the channels the notifier has: SMS first, Zalo when it is the only way', async () => {
    const smsOnly = new FakeNotifier(['sms']);
    const log = await notifyHouseholds(world(smsOnly).deps, input());
    expect(smsOnly.batches[0]!.recipients).toEqual([
      { rollId: 'DG-001', channel: 'sms', address: '+84912345678' },
      { rollId: 'DG-003', channel: 'sms', address: '+84987654321' },
    ]);
    expect(log.noContact).toBe(4);
  });

  it('sends nothing when no household can be reached, and still says so', async () => {
    const notifier = new FakeNotifier();
    const log = await notifyHouseholds(world(notifier).deps, input({ rollIds: ['DG-004', 'DG-005'] }));
    expect(notifier.batches).toEqual([]);
    expect(log).toMatchObject({ households: 2, sent: 0, failed: 0, optedOut: 1, noContact: 1 });
  });

  it("adds the channel's failures and opt-outs to the counts", async () => {
    const notifier = new FakeNotifier(['sms', 'zalo'], (b) => ({ sent: b.recipients.length - 2, failed: 1, optedOut: 1 }));
    const log = await notifyHouseholds(world(notifier).deps, input());
    expect(log).toMatchObject({ sent: 1, failed: 1, optedOut: 2 });
  });

  it('logs the kind, time and counts, never a number, an id or the text', async () => {
    const { deps, lines } = world();
    await notifyHouseholds(deps, input());
    expect(lines).toEqual([
      'notice meeting_invitation consultation=01JF0000000000000000000000 at=2026-12-05T02:00:00.000Z households=7 sent=3 failed=0 opted_out=1 no_contact=3',
    ]);
    const everything = JSON.stringify([lines, await notifyHouseholds(deps, input())]);
    for (const secret of ['912345678', '2468458835296197922', '1111', 'DG-001', 'Kính mời']) expect(everything).not.toContain(secret);
  });

  it('sends the Vietnamese text first and the commune-supplied translation after it', async () => {
    const notifier = new FakeNotifier();
    const text = { vi: 'Kính mời dự họp.', second: { language: 'km', text: 'សូមអញ្ជើញចូលរួមប្រជុំ។' } };
    const log = await notifyHouseholds(world(notifier).deps, input({ text }));
    expect(notifier.batches[0]!.text).toEqual(text);
    expect(messageBody(text)).toBe('Kính mời dự họp.\n\nសូមអញ្ជើញចូលរួមប្រជុំ។');
    expect(log.textSha256).toBe(sha256Hex(utf8(messageBody(text))));
  });

  it('lets a notifier failure through, so the caller knows nothing was recorded as sent', async () => {
    const broken: Notifier = {
      channels: ['sms'],
      send: async () => {
        throw new Error('disk full');
      },
    };
    const { deps, lines } = world(broken);
    await expect(notifyHouseholds(deps, input())).rejects.toThrow('disk full');
    expect(lines).toEqual([]);
  });
});

describe('a notice never carries a voting code', () => {
  const refused = async (vi: string, second?: string) => {
    const notifier = new FakeNotifier();
    const text = second === undefined ? { vi } : { vi, second: { language: 'en', text: second } };
    const p = notifyHouseholds(world(notifier).deps, input({ text }));
    await expect(p).rejects.toBeInstanceOf(DomainError);
    await expect(p).rejects.toMatchObject({ code: 'invalid_request' });
    expect(notifier.batches).toEqual([]);
    return (await p.catch((e: unknown) => e)) as DomainError;
  };

  it('refuses a text with a voting code as printed, and says why in Vietnamese', async () => {
    const code = newCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const err = await refused(`Mã biểu quyết của hộ: ${code}`);
    expect(err.vi).toContain('mã biểu quyết');
  });

  it.each([
    ['lower case, dashes', 'ma cua ho: 0a1b-2c3d-4e5f-6g7h'],
    ['spaces', 'Mã: 0A1B 2C3D 4E5F 6G7H.'],
    ['no separator', 'Mã 0A1B2C3D4E5F6G7H'],
    ['no separator, letters only, upper case', 'Mã ABCDEFGHJKMNPQRS'],
    ['full-width', 'Mã ０Ａ１Ｂ-２Ｃ３Ｄ-４Ｅ５Ｆ-６Ｇ７Ｈ'],
    ['zero-width joiners', 'Mã 0A1B\u200b2C3D\u200b4E5F\u200b6G7H'],
    ['a receipt', `Biên nhận ${'ab'.repeat(32)}`],
    ['in a link', 'Xem https://x.vn/v?code=0A1B-2C3D-4E5F-6G7H'],
  ])('refuses a code-like string: %s', async (_name, vi) => {
    await refused(vi);
  });

  it('checks the translation too', async () => {
    await refused('Kính mời dự họp.', 'Your code: 0A1B-2C3D-4E5F-6G7H');
  });

  it.each([
    ['a link to the documents with a round id', 'Tài liệu họp: https://danban.example.vn/c/01JF0000000000000000000000/'],
    ['dates, times and money', 'Họp lúc 19:30 ngày 07/12/2026, mức đóng góp 1.500.000 đồng/hộ.'],
    ['a long English word', 'Your responsibilities as a household representative.'],
    ['a phone number of the village office', 'Hỏi thêm: 0912 345 678.'],
    ['a 16-digit bank account', 'Nộp tiền vào tài khoản 1903456789012345 của thôn.'],
    ['English words of four letters', 'This will take your time: come with your card.'],
  ])('lets an ordinary notice through: %s', (_name, text) => {
    expect(codeLikeProblem(text)).toBeUndefined();
  });

  it('refuses an empty or an over-long text before sending', async () => {
    await refused('   ');
    await refused('a '.repeat(400));
    // Each language within its limit, the message as sent over it.
    expect(codeLikeProblem(`${'x '.repeat(200)}\n\n${'y '.repeat(200)}`)).toBeUndefined();
    await refused('x '.repeat(200), 'y '.repeat(200));
  });
});

describe('one notifier per channel', () => {
  const batch = (recipients: NoticeBatch['recipients']): NoticeBatch => ({
    consultationId: 'c',
    commune: 'xa-a',
    kind: 'result',
    text: { vi: 'Kết quả' },
    recipients,
  });

  it('gives each channel its own recipients and adds up the counts', async () => {
    const sms = new FakeNotifier(['sms'], (b) => ({ sent: b.recipients.length, failed: 0, optedOut: 0 }));
    const zalo = new FakeNotifier(['zalo'], (b) => ({ sent: 0, failed: b.recipients.length, optedOut: 0 }));
    const both = byChannel({ sms, zalo });
    expect(both.channels).toEqual(['sms', 'zalo']);
    const counts = await both.send(
      batch([
        { rollId: 'A', channel: 'sms', address: '+84912345678' },
        { rollId: 'B', channel: 'zalo', address: '1' },
        { rollId: 'C', channel: 'sms', address: '+84987654321' },
      ]),
    );
    expect(counts).toEqual({ sent: 2, failed: 1, optedOut: 0 });
    expect(sms.batches[0]!.recipients.map((r) => r.rollId)).toEqual(['A', 'C']);
    expect(zalo.batches[0]!.recipients.map((r) => r.rollId)).toEqual(['B']);
  });

  it('counts a recipient on a channel with no notifier as failed', async () => {
    const sms = new FakeNotifier(['sms']);
    const counts = await byChannel({ sms }).send(batch([{ rollId: 'B', channel: 'zalo', address: '1' }]));
    expect(counts).toEqual({ sent: 0, failed: 1, optedOut: 0 });
    expect(sms.batches).toEqual([]);
  });
});
