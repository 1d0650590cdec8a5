/**
 * Notices by SMS on AWS: one SNS `Publish` per household to its E.164 number (Vietnamese mobiles normalised from
 * `0xxxxxxxxx` to `+84xxxxxxxxx`), as a Transactional message (higher delivery priority than Promotional) under the
 * commune's registered sender id (Vietnam's networks take SMS from a registered brandname). A failure counts for its
 * recipient and the batch goes on; throttling and server faults are retried with exponential backoff.
 */
import { OptedOutException, PublishCommand, type SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { vnMobileE164 } from '../../shared/phone.ts';
import { messageBody, type NoticeBatch, type NoticeRecipient, type Notifier, type SendCounts } from '../core/notifier.ts';

export interface SnsSmsOptions {
  /** The registered sender id (brandname: 1 to 11 letters and digits, at least one a letter); the account's default when absent. */
  senderId?: string;
  /** Attempts per recipient when throttled (the first included). */
  maxAttempts?: number;
  /** The first backoff; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Publishes in flight at once (the account's SMS rate is per second). */
  concurrency?: number;
  /** Waits between attempts; injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = 'sent' | 'failed' | 'optedOut';

const THROTTLING = new Set(['ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException']);

/** Whether a Publish failure is worth another attempt: throttling, or a fault on the service's side. */
function transient(err: unknown): boolean {
  if (err instanceof ThrottledException) return true;
  if (!(err instanceof Error)) return false;
  const fault = '$fault' in err ? err.$fault : undefined;
  const status =
    '$metadata' in err && typeof err.$metadata === 'object' && err.$metadata !== null && 'httpStatusCode' in err.$metadata
      ? err.$metadata.httpStatusCode
      : undefined;
  return THROTTLING.has(err.name) || fault === 'server' || status === 429;
}

/**
 * @example
 * const sms = new SnsSmsNotifier(new SNSClient({ region: 'ap-southeast-1' }), { senderId: 'UBNDXA' });
 */
export class SnsSmsNotifier implements Notifier {
  readonly channels = ['sms'] as const;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly concurrency: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly sns: SNSClient,
    private readonly options: SnsSmsOptions = {},
  ) {
    if (options.senderId !== undefined && !/^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(options.senderId)) {
      throw new RangeError('an SMS sender id is 1 to 11 letters and digits, at least one a letter');
    }
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  async send(batch: NoticeBatch): Promise<SendCounts> {
    const message = messageBody(batch.text);
    const counts: SendCounts = { sent: 0, failed: 0, optedOut: 0 };
    let next = 0;
    const worker = async () => {
      while (next < batch.recipients.length) {
        const recipient = batch.recipients[next++]!;
        counts[await this.#publish(recipient, message)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batch.recipients.length) }, worker));
    return counts;
  }

  async #publish(recipient: NoticeRecipient, message: string): Promise<Outcome> {
    if (recipient.channel !== 'sms') return 'failed';
    const phone = vnMobileE164(recipient.address);
    if (!phone.ok) return 'failed';
    const command = new PublishCommand({
      PhoneNumber: phone.e164,
      Message: message,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        ...(this.options.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.options.senderId } } : {}),
      },
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sns.send(command);
        return 'sent';
      } catch (err) {
        if (err instanceof OptedOutException) return 'optedOut';
        if (!transient(err) || attempt >= this.maxAttempts) return 'failed';
        await this.sleep(Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}
