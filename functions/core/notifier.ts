/**
 * Notices that reach every household (Decree 59/2023 Art. 3(3): the meeting invitation, form 01, at least 2 days
 * before, "điện thoại, các ứng dụng mạng xã hội"; Art. 3(4): the documents 2 days before; Art. 4(4): the household
 * ballot notice; Law 10/2022 Art. 13(4): "thông qua tin nhắn đến đại diện hộ gia đình"). The `Notifier` port sends
 * one text to many households (a local outbox, SMS on AWS, a Zalo Official Account); `notifyHouseholds` picks each
 * household's channel from its private contact record, skips those that opted out, refuses a text that carries a
 * voting code, and returns what may be logged: kind, time and counts, never a number or a text per person.
 */
import * as z from 'zod';
import { utf8 } from '../../shared/bytes.ts';
import { type HouseholdContact, NoticeChannel } from '../../shared/contacts.ts';
import { DomainError } from '../../shared/errors.ts';
import { vnMobileE164 } from '../../shared/phone.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import type { Clock } from './ports.ts';

export const NOTICE_KINDS = [
  'meeting_invitation',
  'documents_link',
  'household_ballot_notice',
  'voting_opened',
  'reminder_not_voted',
  'result',
  'election_notice',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The longest message sent, both languages together: an SMS Publish takes at most 1,600 bytes, and Vietnamese with
 * its diacritics goes as UCS-2 (2 bytes a character); a Zalo text takes 2,000 characters.
 */
export const NOTICE_MAX_CHARS = 700;

/**
 * A notice's words: Vietnamese first, and the commune's own translation when it supplies one (the system never
 * machine-translates; Decree 61/2023 Art. 6(5) leaves translations to the community).
 */
export const NoticeText = z.strictObject({
  vi: z.string().trim().min(1).max(NOTICE_MAX_CHARS),
  second: z
    .strictObject({
      /** BCP 47 language tag of the translation (`km`, `hmn`, `en`). */
      language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
      text: z.string().trim().min(1).max(NOTICE_MAX_CHARS),
    })
    .optional(),
});
export type NoticeText = z.infer<typeof NoticeText>;

export interface NoticeRecipient {
  rollId: string;
  channel: NoticeChannel;
  /** An E.164 mobile number for `sms`, a Zalo user id for `zalo`. */
  address: string;
}

/** One text to many households. */
export interface NoticeBatch {
  consultationId: string;
  commune: string;
  kind: NoticeKind;
  text: NoticeText;
  recipients: NoticeRecipient[];
}

/** Per recipient, one of three: accepted by the channel, failed, or refused by the channel as opted out. */
export interface SendCounts {
  sent: number;
  failed: number;
  optedOut: number;
}

/** Sends a notice batch (a local outbox, SMS, Zalo). Failures per recipient are counted, not thrown. */
export interface Notifier {
  /** The channels this notifier delivers; a recipient on another channel counts as failed. */
  readonly channels: readonly NoticeChannel[];
  send(batch: NoticeBatch): Promise<SendCounts>;
}

/** The commune's contact records of its households, kept apart from the roll (never published). */
export interface ContactBook {
  list(commune: string): Promise<HouseholdContact[]>;
}

/** The message as every channel sends it: the Vietnamese text, then the translation after a blank line; NFC. */
export function messageBody(text: NoticeText): string {
  const vi = text.vi.trim();
  return (text.second ? `${vi}\n\n${text.second.text.trim()}` : vi).normalize('NFC');
}

/**
 * The notice with the commune's own translation after the Vietnamese (never a machine's), when it supplied one for
 * this notice and both fit one message; else the notice as it was, so the Vietnamese always goes out.
 */
export function withCommuneTranslation(text: NoticeText, second: NoticeText['second']): NoticeText {
  if (!second || text.second) return text;
  const joined: NoticeText = { ...text, second };
  return messageBody(joined).length <= NOTICE_MAX_CHARS ? joined : text;
}

/** A receipt, a hash or a key: 64 hexadecimal digits in a row. */
const HEX64 = /[0-9a-f]{64}/i;
/** A voting code as printed (`XXXX-XXXX-XXXX-XXXX`), or with other separators (spaces only in upper case). */
const GROUPED_DASH = /(?<![0-9a-z])[0-9a-z]{4}(?:[-_‐‑–—][0-9a-z]{4}){3}(?![0-9a-z])/gi;
const GROUPED_SPACE = /(?<![0-9A-Za-z])[0-9A-Z]{4}(?:[ .][0-9A-Z]{4}){3}(?![0-9A-Za-z])/g;
/** 16 letters and digits standing alone: a code typed without its dashes. */
const RUN16 = /(?<![0-9A-Za-z])[0-9A-Za-z]{16}(?![0-9A-Za-z])/g;

/**
 * Whether a match could be a code: it has a letter (16 digits are an account or a card number; a code without a
 * letter has odds of 1 in 10^8), and, standing alone, a digit or no lower case (a long English word is let through).
 */
const codeLike = (m: string, alone: boolean) => /[A-Za-z]/.test(m) && (!alone || /[0-9]/.test(m) || m === m.toUpperCase());

/**
 * Why a text must not be sent because it looks like it carries a voting code or a receipt, or undefined. A code is
 * given to its household on a slip, by hand; a message can be forwarded, read over a shoulder or kept by a gateway.
 */
export function codeLikeProblem(text: string): { vi: string; en: string } | undefined {
  const s = text.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  if (HEX64.test(s)) return { vi: 'Nội dung có một chuỗi 64 ký tự hex (mã phiếu hoặc mã băm).', en: 'The text holds a 64-hex string (a receipt or a hash).' };
  const grouped = [...s.matchAll(GROUPED_DASH), ...s.matchAll(GROUPED_SPACE)].some(([m]) => codeLike(m, false));
  const run = [...s.matchAll(RUN16)].some(([m]) => codeLike(m, true));
  if (grouped || run) {
    return {
      vi: 'Nội dung có một chuỗi giống mã biểu quyết; không bao giờ gửi mã qua tin nhắn.',
      en: 'The text holds what looks like a voting code; codes are never sent in a message.',
    };
  }
  return undefined;
}

/** Refuses (400 `invalid_request`, with the reason) a notice that could not or must not be sent. */
export function assertSendable(text: NoticeText): void {
  const parsed = NoticeText.safeParse(text);
  if (!parsed.success) {
    const vi = `Cần nội dung tiếng Việt; mỗi ngôn ngữ tối đa ${NOTICE_MAX_CHARS} ký tự.`;
    const en = `Vietnamese is required; at most ${NOTICE_MAX_CHARS} characters in each language.`;
    throw new DomainError('invalid_request', 'the notice text is empty or too long', [{ path: 'text', message: en, vi }], vi);
  }
  const body = messageBody(text);
  if (body.length > NOTICE_MAX_CHARS) {
    throw new DomainError(
      'invalid_request',
      `the notice is longer than ${NOTICE_MAX_CHARS} characters`,
      undefined,
      `Tin nhắn dài quá ${NOTICE_MAX_CHARS} ký tự.`,
    );
  }
  const problem = codeLikeProblem(body);
  if (problem) throw new DomainError('invalid_request', problem.en, [{ path: 'text', message: problem.en, vi: problem.vi }], problem.vi);
}

/**
 * One notifier per channel behind one port: each recipient goes to its channel's notifier; a recipient whose channel
 * has none counts as failed.
 */
export function byChannel(routes: Partial<Record<NoticeChannel, Notifier>>): Notifier {
  const channels = NoticeChannel.options.filter((c) => routes[c] !== undefined);
  return {
    channels,
    async send(batch) {
      const total: SendCounts = { sent: 0, failed: 0, optedOut: 0 };
      const groups = new Map<NoticeChannel, NoticeRecipient[]>();
      for (const r of batch.recipients) groups.set(r.channel, [...(groups.get(r.channel) ?? []), r]);
      const results = await Promise.all(
        [...groups].map(([channel, recipients]) => {
          const route = routes[channel];
          return route ? route.send({ ...batch, recipients }) : Promise.resolve({ sent: 0, failed: recipients.length, optedOut: 0 });
        }),
      );
      for (const r of results) {
        total.sent += r.sent;
        total.failed += r.failed;
        total.optedOut += r.optedOut;
      }
      return total;
    },
  };
}

/** What a send leaves in the log and, later, on the decision record as evidence of notice: no number, no name. */
export interface NoticeLog {
  consultationId: string;
  commune: string;
  kind: NoticeKind;
  /** When it was sent (RFC 3339, UTC). */
  at: string;
  /** Households the notice was for. */
  households: number;
  /** Accepted by a channel. */
  sent: number;
  failed: number;
  /** Skipped because the household opted out, or refused by the channel as opted out. */
  optedOut: number;
  /** No usable phone number or Zalo id on a channel this runtime has. */
  noContact: number;
  /** Households handed to each channel (the evidence says through which channel the notice went). */
  channels: Record<NoticeChannel, number>;
  /** SHA-256 of the message (the same for every household), so the record can show which text went out. */
  textSha256: string;
}

export interface NotifyDeps {
  notifier: Notifier;
  contacts: ContactBook;
  clock: Clock;
  /** Operational log line: the counts of `NoticeLog`, nothing per person. */
  log?: (line: string) => void;
}

export interface NotifyInput {
  consultationId: string;
  commune: string;
  kind: NoticeKind;
  text: NoticeText;
  /** The households this notice is for: the roll, or for a reminder those that have not voted. */
  rollIds: readonly string[];
}

/** The household's address on the channel it prefers, else on another channel this runtime has; undefined if none. */
function recipientOf(contact: HouseholdContact, channels: readonly NoticeChannel[]): NoticeRecipient | undefined {
  const phone = contact.phone === undefined ? undefined : vnMobileE164(contact.phone);
  const options: NoticeRecipient[] = [];
  if (phone?.ok && channels.includes('sms')) options.push({ rollId: contact.rollId, channel: 'sms', address: phone.e164 });
  if (contact.zaloId && channels.includes('zalo')) options.push({ rollId: contact.rollId, channel: 'zalo', address: contact.zaloId });
  // SMS first by default: it reaches any mobile, where a Zalo message reaches only a follower of the account.
  return options.find((o) => o.channel === contact.prefers) ?? options[0];
}

/**
 * Sends one notice to the households named, each on one channel, and returns what to log. Throws 400 before sending
 * anything if the text is empty, too long or looks like it carries a voting code; a notifier's failure is thrown as is.
 * @example
 * const log = await notifyHouseholds(deps, { consultationId, commune, kind: 'meeting_invitation', text: { vi: 'Kính mời…' }, rollIds });
 */
export async function notifyHouseholds(deps: NotifyDeps, input: NotifyInput): Promise<NoticeLog> {
  assertSendable(input.text);
  const wanted = [...new Set(input.rollIds)];
  const book = new Map((await deps.contacts.list(input.commune)).map((c) => [c.rollId, c]));
  const recipients: NoticeRecipient[] = [];
  let optedOut = 0;
  let noContact = 0;
  for (const rollId of wanted) {
    const contact = book.get(rollId);
    if (contact?.optedOut) {
      optedOut++;
      continue;
    }
    const recipient = contact && recipientOf(contact, deps.notifier.channels);
    if (recipient) recipients.push(recipient);
    else noContact++;
  }
  const at = deps.clock.now().toISOString();
  const { consultationId, commune, kind, text } = input;
  const counts = recipients.length > 0 ? await deps.notifier.send({ consultationId, commune, kind, text, recipients }) : { sent: 0, failed: 0, optedOut: 0 };
  const log: NoticeLog = {
    consultationId,
    commune,
    kind,
    at,
    households: wanted.length,
    sent: counts.sent,
    failed: counts.failed,
    optedOut: optedOut + counts.optedOut,
    noContact,
    channels: { sms: recipients.filter((r) => r.channel === 'sms').length, zalo: recipients.filter((r) => r.channel === 'zalo').length },
    textSha256: sha256Hex(utf8(messageBody(text))),
  };
  deps.log?.(noticeLogLine(log));
  return log;
}

/** The log line of a send: kind, time and counts. */
export function noticeLogLine(log: NoticeLog): string {
  return `notice ${log.kind} consultation=${log.consultationId} at=${log.at} households=${log.households} sent=${log.sent} failed=${log.failed} opted_out=${log.optedOut} no_contact=${log.noContact}`;
}
