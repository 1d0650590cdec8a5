import { InvalidParameterException, OptedOutException, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsSmsNotifier } from '../../../functions/adapters/sns-sms-notifier.ts';
import type { NoticeBatch } from '../../../functions/core/notifier.ts';

const sns = mockClient(SNSClient);
const client = () => new SNSClient({ region: 'ap-southeast-1' });
const meta = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };
const throttled = () => new ThrottledException({ message: 'Rate exceeded', $metadata: meta });

const batch = (recipients: NoticeBatch['recipients']): NoticeBatch => ({
  consultationId: '01JF0000000000000000000000',
  commune: 'xa-a',
  kind: 'reminder_not_voted',
  text: { vi: 'Còn 24 giờ để biểu quyết trực tuyến; hộ chưa biểu quyết xin dùng mã trên phiếu đã nhận.' },
  recipients,
});
const sms = (rollId: string, address: string) => ({ rollId, channel: 'sms' as const, address });

describe('notices by SMS through SNS', () => {
  afterEach(() => sns.reset());

  it('publishes one Transactional SMS per household to its E.164 number, under the sender id', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsSmsNotifier(client(), { senderId: 'UBNDXAA' });
    const counts = await notifier.send(batch([sms('DG-001', '0912 345 678'), sms('DG-002', '+84987654321')]));
    expect(counts).toEqual({ sent: 2, failed: 0, optedOut: 0 });
    const inputs = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.PhoneNumber).sort()).toEqual(['+84912345678', '+84987654321']);
    expect(inputs[0]).toEqual({
      PhoneNumber: expect.any(String),
      Message: batch([]).text.vi,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'UBNDXAA' },
      },
    });
  });

  it('leaves the sender id to the account when none is set', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await new SnsSmsNotifier(client()).send(batch([sms('DG-001', '0912345678')]));
    expect(Object.keys(sns.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes!)).toEqual(['AWS.SNS.SMS.SMSType']);
  });

  it('counts a failure for its household and goes on with the others', async () => {
    sns
      .on(PublishCommand)
      .resolves({ MessageId: 'ok' })
      .on(PublishCommand, { PhoneNumber: '+84912345678' })
      .rejects(new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata: meta }))
      .on(PublishCommand, { PhoneNumber: '+84977000111' })
      .rejects(new OptedOutException({ message: 'opted out', $metadata: meta }));
    const notifier = new SnsSmsNotifier(client(), { sleep: async () => {} });
    const counts = await notifier.send(batch([sms('A', '0912345678'), sms('B', '0987654321'), sms('C', '0977000111'), sms('D', '0351234567')]));
    expect(counts).toEqual({ sent: 2, failed: 1, optedOut: 1 });
    // A client mistake is not retried.
    expect(sns.commandCalls(PublishCommand, { PhoneNumber: '+84912345678' })).toHaveLength(1);
  });

  it('never publishes to a number that is not a Vietnamese mobile, nor to a Zalo recipient', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'ok' });
    const counts = await new SnsSmsNotifier(client()).send(
      batch([sms('A', '024 3825 1234'), sms('B', '01661234567'), { rollId: 'C', channel: 'zalo', address: '123' }, sms('D', '0912345678')]),
    );
    expect(counts).toEqual({ sent: 1, failed: 3, optedOut: 0 });
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber)).toEqual(['+84912345678']);
  });

  it('retries a throttled publish with doubling backoff, then counts it sent', async () => {
    sns.on(PublishCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'ok' });
    const waits: number[] = [];
    const notifier = new SnsSmsNotifier(client(), { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(await notifier.send(batch([sms('A', '0912345678')]))).toEqual({ sent: 1, failed: 0, optedOut: 0 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the last attempt and counts the household failed', async () => {
    sns.on(PublishCommand).rejects(throttled());
    const waits: number[] = [];
    const notifier = new SnsSmsNotifier(client(), { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms) => void waits.push(ms) });
    expect(await notifier.send(batch([sms('A', '0912345678')]))).toEqual({ sent: 0, failed: 1, optedOut: 0 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(4);
    expect(waits).toEqual([100, 200, 250]);
  });

  it('sends a batch larger than its concurrency to every household once', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'ok' });
    const numbers = Array.from({ length: 23 }, (_, i) => `09123456${String(i).padStart(2, '0')}`);
    const counts = await new SnsSmsNotifier(client(), { concurrency: 4 }).send(batch(numbers.map((n, i) => sms(`H${i}`, n))));
    expect(counts.sent).toBe(23);
    expect(new Set(sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber)).size).toBe(23);
  });

  it('refuses a sender id the networks would not take', () => {
    expect(() => new SnsSmsNotifier(client(), { senderId: 'UBND XA A' })).toThrow(RangeError);
    expect(() => new SnsSmsNotifier(client(), { senderId: 'TOOLONGSENDER' })).toThrow(RangeError);
    expect(() => new SnsSmsNotifier(client(), { senderId: '12345' })).toThrow(RangeError);
  });
});
