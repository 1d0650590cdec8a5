/**
 * Notices through the commune's Zalo Official Account: the OA message API v3.0, one HTTP POST per household,
 * `POST https://openapi.zalo.me/v3.0/oa/message/cs` with the OA access token in an `access_token` header and the body
 * `{"recipient":{"user_id":"<id>"},"message":{"text":"<text>"}}`; Zalo answers HTTP 200 with `{"error":0,…}` on
 * success and a non-zero `error` with a `message` otherwise. As Zalo documents it, a consultation ("tư vấn", `cs`)
 * message reaches only a user who followed the account and interacted with it recently (a 7-day window); outside that
 * window Zalo requires a pre-approved template (ZNS, a different endpoint and payload), which is not done here.
 * The endpoint is an option for that reason and for tests. A failure counts for its recipient; HTTP 429, a 5xx and a
 * lost connection are retried with exponential backoff. The token lives 25 hours: it is asked for once per batch.
 */
import * as z from 'zod';
import { messageBody, type NoticeBatch, type NoticeRecipient, type Notifier, type SendCounts } from '../core/notifier.ts';

export const ZALO_OA_MESSAGE_URL = 'https://openapi.zalo.me/v3.0/oa/message/cs';

/** Zalo's longest text message. */
const ZALO_TEXT_MAX = 2000;

const Reply = z.object({ error: z.number(), message: z.string().optional() });

export interface ZaloOptions {
  /** The Official Account's access token (refreshed elsewhere: a secret, a parameter). */
  accessToken: () => Promise<string>;
  /** The platform's `fetch` unless one is injected (tests). */
  fetch?: typeof fetch;
  endpoint?: string;
  /** Attempts per recipient on a transient failure (the first included). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = 'sent' | 'failed' | 'retry';

/**
 * @example
 * const zalo = new ZaloNotifier({ accessToken: () => secrets.get('zalo-oa-token') });
 */
export class ZaloNotifier implements Notifier {
  readonly channels = ['zalo'] as const;
  private readonly fetch: typeof fetch;
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ZaloOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.endpoint = options.endpoint ?? ZALO_OA_MESSAGE_URL;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 8_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  async send(batch: NoticeBatch): Promise<SendCounts> {
    const text = messageBody(batch.text);
    const counts: SendCounts = { sent: 0, failed: 0, optedOut: 0 };
    const mine = batch.recipients.filter((r) => r.channel === 'zalo');
    counts.failed += batch.recipients.length - mine.length;
    if (mine.length === 0) return counts;
    if (text.length > ZALO_TEXT_MAX) {
      counts.failed += mine.length;
      return counts;
    }
    const token = await this.options.accessToken();
    // One after another: the OA API is rate-limited per account, and a hamlet is a few hundred households.
    for (const recipient of mine) counts[await this.#deliver(recipient, text, token)]++;
    return counts;
  }

  async #deliver(recipient: NoticeRecipient, text: string, token: string): Promise<'sent' | 'failed'> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#post(recipient.address, text, token);
      if (outcome !== 'retry') return outcome;
      if (attempt >= this.maxAttempts) return 'failed';
      await this.sleep(Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  async #post(userId: string, text: string, token: string): Promise<Outcome> {
    let response: Response;
    try {
      response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
      });
    } catch {
      return 'retry';
    }
    if (response.status === 429 || response.status >= 500) return 'retry';
    if (!response.ok) return 'failed';
    let reply: z.infer<typeof Reply>;
    try {
      reply = Reply.parse(await response.json());
    } catch {
      return 'failed';
    }
    return reply.error === 0 ? 'sent' : 'failed';
  }
}
