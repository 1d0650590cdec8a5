/**
 * The local notifier: each notice batch becomes one JSON file in a folder (DATA_DIR/outbox/ under `npm start`), so
 * the notices that were due can be read on an officials' page without an account anywhere. A file keeps the text and
 * the households it went to (roll id and channel), never a phone number or a Zalo id: those stay in the contact book.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { NoticeChannel } from '../../shared/contacts.ts';
import { messageBody, NOTICE_KINDS, type NoticeBatch, NoticeText, type Notifier, type SendCounts } from '../core/notifier.ts';
import type { Clock } from '../core/ports.ts';

/** One file of the outbox. */
export const OutboxEntry = z.strictObject({
  /** When the batch was written (RFC 3339, UTC). */
  at: z.string(),
  consultationId: z.string(),
  commune: z.string(),
  kind: z.enum(NOTICE_KINDS),
  text: NoticeText,
  /** The message as each household would read it (both languages). */
  body: z.string(),
  households: z.array(z.strictObject({ rollId: z.string(), channel: NoticeChannel })),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** The file name's time part: sortable, and without `:` (not allowed in a Windows file name). */
const stamp = (at: string) => at.replace(/[:.]/g, '-');

/**
 * Writes each batch to `<dir>/<time>-<kind>-<random>.json`, atomically (a reader sees the whole file or none).
 * @example
 * const notifier = new OutboxNotifier(join(dataDir, 'outbox'), systemClock);
 */
export class OutboxNotifier implements Notifier {
  readonly channels = ['sms', 'zalo'] as const;
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly clock: Clock,
  ) {
    this.dir = resolve(dir);
  }

  async send(batch: NoticeBatch): Promise<SendCounts> {
    const at = this.clock.now().toISOString();
    const entry: OutboxEntry = {
      at,
      consultationId: batch.consultationId,
      commune: batch.commune,
      kind: batch.kind,
      text: batch.text,
      body: messageBody(batch.text),
      households: batch.recipients.map((r) => ({ rollId: r.rollId, channel: r.channel })),
    };
    await mkdir(this.dir, { recursive: true });
    const name = `${stamp(at)}-${batch.kind}-${randomBytes(4).toString('hex')}.json`;
    const temp = join(this.dir, `.${name}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(entry, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, join(this.dir, name));
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { sent: batch.recipients.length, failed: 0, optedOut: 0 };
  }
}

/**
 * The outbox's notices, oldest first, optionally of one consultation: for the officials' page. A missing folder is
 * an empty outbox; a file that does not read as an entry is skipped.
 */
export async function listOutbox(dir: string, consultationId?: string): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(resolve(dir));
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  const entries: OutboxEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(resolve(dir), name), 'utf8'));
    } catch {
      continue;
    }
    const parsed = OutboxEntry.safeParse(raw);
    if (parsed.success && (consultationId === undefined || parsed.data.consultationId === consultationId)) entries.push(parsed.data);
  }
  return entries;
}
