import { describe, expect, it } from 'vitest';
import { ZALO_OA_MESSAGE_URL, ZaloNotifier } from '../../../functions/adapters/zalo-notifier.ts';
import type { NoticeBatch } from '../../../functions/core/notifier.ts';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records each call and answers from a script, by Zalo user id. */
function fakeFetch(answer: (userId: string, attempt: number) => Response | Error) {
  const calls: Call[] = [];
  const attempts = new Map<string, number>();
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const userId = JSON.parse(String(init.body)).recipient.user_id as string;
    const n = (attempts.get(userId) ?? 0) + 1;
    attempts.set(userId, n);
    const a = answer(userId, n);
    if (a instanceof Error) throw a;
    return a;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ok = () => json({ error: 0, message: 'Success', data: { message_id: 'm' } });

const batch = (recipients: NoticeBatch['recipients']): NoticeBatch => ({
  consultationId: '01JF0000000000000000000000',
  commune: 'xa-a',
  kind: 'household_ballot_notice',
  text: { vi: 'Tổ phát phiếu sẽ đến từng hộ từ ngày 10/12.', second: { language: 'hmn', text: 'Pab faib daim ntawv yuav tuaj txog.' } },
  recipients,
});
const zalo = (rollId: string, address: string) => ({ rollId, channel: 'zalo' as const, address });
const noWait = async () => {};

describe('notices through the Zalo Official Account', () => {
  it("posts each household's message to the OA message endpoint with the access token", async () => {
    const { fetch, calls } = fakeFetch(() => ok());
    let tokens = 0;
    const notifier = new ZaloNotifier({ accessToken: async () => (tokens++, 'oa-token'), fetch });
    expect(await notifier.send(batch([zalo('DG-001', '2468458835296197922'), zalo('DG-002', '1111')]))).toEqual({ sent: 2, failed: 0, optedOut: 0 });
    expect(tokens).toBe(1);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe(ZALO_OA_MESSAGE_URL);
    expect(ZALO_OA_MESSAGE_URL).toBe('https://openapi.zalo.me/v3.0/oa/message/cs');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toEqual({ 'content-type': 'application/json', access_token: 'oa-token' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      recipient: { user_id: '2468458835296197922' },
      message: { text: 'Tổ phát phiếu sẽ đến từng hộ từ ngày 10/12.\n\nPab faib daim ntawv yuav tuaj txog.' },
    });
  });

  it("counts Zalo's refusal for its household and goes on", async () => {
    const { fetch, calls } = fakeFetch((id) => (id === '1' ? json({ error: -230, message: 'User has not interacted with the OA in the past 7 days' }) : ok()));
    const counts = await new ZaloNotifier({ accessToken: async () => 't', fetch, sleep: noWait }).send(batch([zalo('A', '1'), zalo('B', '2')]));
    expect(counts).toEqual({ sent: 1, failed: 1, optedOut: 0 });
    expect(calls).toHaveLength(2);
  });

  it('counts an answer it cannot read, or a 4xx, as failed without retrying', async () => {
    const { fetch, calls } = fakeFetch((id) => (id === '1' ? new Response('<html>', { status: 200 }) : json({ error: -216 }, 401)));
    const counts = await new ZaloNotifier({ accessToken: async () => 't', fetch, sleep: noWait }).send(batch([zalo('A', '1'), zalo('B', '2')]));
    expect(counts).toEqual({ sent: 0, failed: 2, optedOut: 0 });
    expect(calls).toHaveLength(2);
  });

  it('retries a 429, a 5xx and a lost connection with doubling backoff', async () => {
    const script = [json({}, 429), json({}, 503), new TypeError('fetch failed')];
    const { fetch, calls } = fakeFetch((_id, n) => script[n - 1] ?? ok());
    const waits: number[] = [];
    const notifier = new ZaloNotifier({ accessToken: async () => 't', fetch, baseDelayMs: 50, sleep: async (ms) => void waits.push(ms) });
    expect(await notifier.send(batch([zalo('A', '1')]))).toEqual({ sent: 1, failed: 0, optedOut: 0 });
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it('gives up after the last attempt', async () => {
    const { fetch, calls } = fakeFetch(() => json({}, 429));
    const notifier = new ZaloNotifier({ accessToken: async () => 't', fetch, maxAttempts: 3, sleep: noWait });
    expect(await notifier.send(batch([zalo('A', '1')]))).toEqual({ sent: 0, failed: 1, optedOut: 0 });
    expect(calls).toHaveLength(3);
  });

  it('sends nothing to an SMS recipient, and asks for no token when nobody is on Zalo', async () => {
    const { fetch, calls } = fakeFetch(() => ok());
    let tokens = 0;
    const notifier = new ZaloNotifier({ accessToken: async () => (tokens++, 't'), fetch });
    expect(await notifier.send(batch([{ rollId: 'A', channel: 'sms', address: '+84912345678' }]))).toEqual({ sent: 0, failed: 1, optedOut: 0 });
    expect(calls).toEqual([]);
    expect(tokens).toBe(0);
  });

  it('counts a text longer than Zalo takes as failed without posting it', async () => {
    const { fetch, calls } = fakeFetch(() => ok());
    const long = { ...batch([zalo('A', '1'), zalo('B', '2')]), text: { vi: 'x'.repeat(2001) } };
    expect(await new ZaloNotifier({ accessToken: async () => 't', fetch }).send(long)).toEqual({ sent: 0, failed: 2, optedOut: 0 });
    expect(calls).toEqual([]);
  });

  it('uses the endpoint it is given', async () => {
    const { fetch, calls } = fakeFetch(() => ok());
    await new ZaloNotifier({ accessToken: async () => 't', fetch, endpoint: 'https://zalo.test/v3.0/oa/message/transaction' }).send(batch([zalo('A', '1')]));
    expect(calls[0]!.url).toBe('https://zalo.test/v3.0/oa/message/transaction');
  });
});
