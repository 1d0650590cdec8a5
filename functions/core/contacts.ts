/**
 * The commune's contact book of its households (shared/contacts.ts): uploaded by an official as CSV (roll id, phone,
 * Zalo id, opt-out), each line checked, and a household's opt-out; and the notices sent from it after an act
 * (`notifyHouseholds`), recorded as `notice_sent` with counts only. A number never reaches an audit event, a log line
 * or a published file: the events say how many, never who or at which number.
 */
import { parseCsvRows } from '../../shared/roll-csv.ts';
import { HouseholdContact, NoticeChannel } from '../../shared/contacts.ts';
import { DomainError, type ErrorDetail } from '../../shared/errors.ts';
import { problemWords } from '../../shared/issue-words.ts';
import { instant } from '../../shared/time.ts';
import type { Actor, Consultation } from '../../shared/schemas.ts';
import { vnAt } from '../../web/format.ts';
import { actorOf, afterCommit, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { noticeWithTranslation } from './translations.ts';
import { type ContactBook, type NoticeKind, type NoticeLog, type NoticeText, notifyHouseholds } from './notifier.ts';
import type { Principal } from './ports.ts';

/** The contact book as the stores keep it: one private record per commune and roll id. */
export interface ContactStore extends ContactBook {
  /** Adds or replaces the records given (by roll id); the others are kept. */
  putContacts(commune: string, contacts: readonly HouseholdContact[]): Promise<void>;
  /** Marks a household as opted out (or back in); false when it has no record. */
  setOptedOut(commune: string, rollId: string, optedOut: boolean): Promise<boolean>;
}

/** The most lines an upload takes (a commune has a few thousand households). */
export const CONTACTS_MAX_LINES = 20_000;

const HEADERS: Record<string, keyof Omit<HouseholdContact, 'optedOut'> | 'optedOut'> = {
  'mã hộ': 'rollId',
  'ma ho': 'rollId',
  roll_id: 'rollId',
  'số điện thoại': 'phone',
  'so dien thoai': 'phone',
  'điện thoại': 'phone',
  phone: 'phone',
  zalo: 'zaloId',
  'zalo id': 'zaloId',
  zalo_id: 'zaloId',
  'từ chối nhận tin': 'optedOut',
  'tu choi nhan tin': 'optedOut',
  'không nhận tin': 'optedOut',
  opt_out: 'optedOut',
  'opt-out': 'optedOut',
  'ưu tiên': 'prefers',
  prefers: 'prefers',
};

const YES = new Set(['có', 'co', 'x', '1', 'yes', 'true', 'c']);
const NO = new Set(['', 'không', 'khong', '0', 'no', 'false', 'k']);

/** The template an official fills in: Vietnamese headers, two made-up households. */
export const CONTACTS_TEMPLATE = `\ufeff${['Mã hộ,Số điện thoại,Zalo,Từ chối nhận tin', 'TD-001,0912 345 678,,', 'TD-002,,,Có'].join('\r\n')}\r\n`;

/** One refused line: "Dòng N: …" in Vietnamese, and in English. */
export interface ContactProblem {
  line: number;
  vi: string;
  en: string;
}

/**
 * Reads the contacts CSV (`,` or `;`, a header line): each line checked with `HouseholdContact`, every bad line
 * reported with its number; nothing is taken when one is bad.
 * @example readContactsCsv('Mã hộ,Số điện thoại\nTD-001,0912345678\n') // { contacts: [{ rollId: 'TD-001', phone: '0912345678', optedOut: false }], problems: [] }
 */
export function readContactsCsv(text: string): { contacts: HouseholdContact[]; problems: ContactProblem[] } {
  const rows = parseCsvRows(text.replace(/^\ufeff/, '').normalize('NFC')).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const problems: ContactProblem[] = [];
  const contacts: HouseholdContact[] = [];
  const [head, ...lines] = rows;
  if (!head) return { contacts, problems: [{ line: 1, vi: 'Tệp trống.', en: 'The file is empty.' }] };
  const columns = head.fields.map((f) => HEADERS[f.trim().toLowerCase()]);
  if (!columns.includes('rollId')) {
    return { contacts, problems: [{ line: head.line, vi: 'Thiếu cột “Mã hộ”.', en: 'The “Mã hộ” (roll id) column is missing.' }] };
  }
  if (lines.length > CONTACTS_MAX_LINES) {
    return { contacts, problems: [{ line: head.line, vi: `Quá ${CONTACTS_MAX_LINES} dòng.`, en: `More than ${CONTACTS_MAX_LINES} lines.` }] };
  }
  const seen = new Set<string>();
  for (const { line, fields } of lines) {
    const raw: Record<string, unknown> = { optedOut: false };
    let bad: { vi: string; en: string } | undefined;
    columns.forEach((column, i) => {
      const value = (fields[i] ?? '').trim();
      if (!column) return;
      if (column === 'optedOut') {
        const v = value.toLowerCase();
        if (YES.has(v)) raw.optedOut = true;
        else if (!NO.has(v))
          bad = {
            vi: `cột “Từ chối nhận tin” phải là “Có” hoặc để trống, không phải “${value}”.`,
            en: `the opt-out column must be “Có” or empty, not “${value}”.`,
          };
      } else if (column === 'prefers') {
        const v = value.toLowerCase();
        if (v === 'sms' || v === 'zalo') raw.prefers = v;
        else if (v !== '') bad = { vi: `cột “Ưu tiên” phải là “sms” hoặc “zalo”.`, en: 'the preferred channel must be “sms” or “zalo”.' };
      } else if (value !== '') raw[column] = value;
    });
    if (!bad) {
      const parsed = HouseholdContact.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const params = 'params' in issue ? (issue.params as { vi?: string } | undefined) : undefined;
        const field = String(issue.path[0] ?? '');
        const name = { rollId: 'Mã hộ', phone: 'Số điện thoại', zaloId: 'Zalo' }[field] ?? field;
        bad = { vi: `${name}: ${params?.vi ?? problemWords(issue)}`, en: `${field}: ${issue.message}` };
      } else if (seen.has(parsed.data.rollId)) {
        bad = { vi: `mã hộ ${parsed.data.rollId} đã có ở dòng trên.`, en: `roll id ${parsed.data.rollId} appears twice.` };
      } else {
        seen.add(parsed.data.rollId);
        contacts.push(parsed.data);
      }
    }
    if (bad) problems.push({ line, vi: `Dòng ${line}: ${bad.vi}`, en: `Line ${line}: ${bad.en}` });
  }
  return { contacts, problems };
}

function contactsOf(deps: CoreDeps): ContactStore {
  if (!deps.contacts) throw new DomainError('invalid_request', 'this runtime keeps no contact book', undefined, 'Hệ thống này không lưu danh bạ hộ.');
  return deps.contacts;
}

/** What an upload says: counts only. */
export interface ContactsUploaded {
  count: number;
  withPhone: number;
  withZalo: number;
  optedOut: number;
}

/**
 * Stores the contacts of a CSV upload for the round's commune, or refuses with every bad line (400, details with
 * `Dòng N`); the act is recorded in the round's log as `contacts_uploaded` with counts only.
 */
export async function uploadContacts(deps: CoreDeps, who: Principal | undefined, id: string, csv: string): Promise<ContactsUploaded> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const book = contactsOf(deps);
  const { contacts, problems } = readContactsCsv(csv);
  if (problems.length > 0 || contacts.length === 0) {
    const list: ErrorDetail[] =
      problems.length > 0
        ? problems.map((p) => ({ path: `line ${p.line}`, message: p.en, vi: p.vi }))
        : [{ path: 'csv', message: 'no household', vi: 'Không có hộ nào.' }];
    throw new DomainError('invalid_request', 'the contacts file has bad lines', list, list.map((d) => d.vi).join(' '));
  }
  await book.putContacts(rec.consultation.commune, contacts);
  const counts: ContactsUploaded = {
    count: contacts.length,
    withPhone: contacts.filter((c) => c.phone !== undefined).length,
    withZalo: contacts.filter((c) => c.zaloId !== undefined).length,
    optedOut: contacts.filter((c) => c.optedOut).length,
  };
  await deps.store.appendAudit(id, { at: instant(deps.clock.now()), actor: actorOf(official), action: 'contacts_uploaded', data: { ...counts } });
  return counts;
}

/** A household asks for no more messages (or back in): recorded as `contact_opted_out` with the roll id only. */
export async function setContactOptOut(deps: CoreDeps, who: Principal | undefined, id: string, rollId: string, optedOut: boolean): Promise<void> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const found = await contactsOf(deps).setOptedOut(rec.consultation.commune, rollId, optedOut);
  if (!found) throw new DomainError('not_found', 'no contact record for this household', undefined, 'Hộ này chưa có trong danh bạ.');
  await deps.store.appendAudit(id, {
    at: instant(deps.clock.now()),
    actor: actorOf(official),
    action: 'contact_opted_out',
    data: { household: rollId, optedOut },
  });
}

/** The contacts of the round's commune, for the officials' page (the commune's officials only). */
export async function listContacts(deps: CoreDeps, who: Principal | undefined, id: string): Promise<HouseholdContact[]> {
  const { rec } = await loadForOfficial(deps, who, id);
  if (!deps.contacts) return [];
  return (await deps.contacts.list(rec.consultation.commune)).sort((a, b) => (a.rollId < b.rollId ? -1 : a.rollId > b.rollId ? 1 : 0));
}

/** The `notice_sent` event's data: kind and counts and the text's hash, never a number or a name. */
export const noticeEventData = (log: NoticeLog) => ({
  kind: log.kind,
  households: log.households,
  sent: log.sent,
  failed: log.failed,
  optedOut: log.optedOut,
  noContact: log.noContact,
  channels: { ...log.channels },
  textSha256: log.textSha256,
});

/**
 * Sends a notice to every household on the round's roll and records `notice_sent`. Throws (400) on a text that
 * must not go out, or when this runtime has no notifier.
 */
export async function sendRoundNotice(deps: CoreDeps, id: string, commune: string, kind: NoticeKind, text: NoticeText, actor: Actor): Promise<NoticeLog> {
  if (!deps.notifier || !deps.contacts) {
    throw new DomainError('invalid_request', 'this runtime sends no notices', undefined, 'Hệ thống này chưa có kênh gửi thông báo.');
  }
  const roll = await deps.store.getRoll(id);
  const log = await notifyHouseholds(
    { notifier: deps.notifier, contacts: deps.contacts, clock: deps.clock, ...(deps.log ? { log: deps.log } : {}) },
    { consultationId: id, commune, kind, text: await noticeWithTranslation(deps, id, kind, text), rollIds: roll.map((h) => h.id) },
  );
  await deps.store.appendAudit(id, { at: instant(new Date(log.at)), actor, action: 'notice_sent', data: noticeEventData(log) });
  return log;
}

/** An official's notice from a round's page (the meeting invitation, the household-ballot notice). */
export async function sendNoticeByOfficial(deps: CoreDeps, who: Principal | undefined, id: string, kind: NoticeKind, text: NoticeText): Promise<NoticeLog> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  return sendRoundNotice(deps, id, rec.consultation.commune, kind, text, actorOf(official));
}

/** Best effort after an act committed: a runtime without a notifier sends nothing; a failure is logged. */
export async function noticeAfterCommit(deps: CoreDeps, id: string, commune: string, kind: NoticeKind, text: NoticeText, actor: Actor): Promise<void> {
  if (!deps.notifier || !deps.contacts) return;
  await afterCommit(deps, `the ${kind} notice of ${id}`, () => sendRoundNotice(deps, id, commune, kind, text, actor));
}

/** The channels a notice can go out on, for the pages. */
export const CHANNELS = NoticeChannel.options;

/** The words of the voting-opened notice: the round, until when, and that the code comes on a slip, never by message. */
export function votingOpenedText(c: Pick<Consultation, 'title' | 'closesAt'>): NoticeText {
  return {
    vi: `UBND xã thông báo: đã mở biểu quyết trực tuyến “${c.title.slice(0, 200)}” đến ${vnAt(c.closesAt)}. Mã biểu quyết của hộ được phát trên phiếu giấy, không gửi qua tin nhắn.`,
  };
}

/** The words an official starts from for the meeting invitation or the household-ballot notice (the page lets them edit). */
export function noticeDraft(kind: 'meeting_invitation' | 'household_ballot_notice', c: Pick<Consultation, 'title' | 'opensAt' | 'closesAt'>): string {
  return kind === 'meeting_invitation'
    ? `UBND xã kính mời đại diện hộ gia đình dự cuộc họp về “${c.title.slice(0, 200)}” lúc ${vnAt(c.opensAt)}. Tài liệu được niêm yết tại nhà văn hóa thôn.`
    : `UBND xã thông báo: lấy ý kiến bằng phiếu hộ gia đình về “${c.title.slice(0, 200)}” đến ${vnAt(c.closesAt)}. Tổ phát phiếu sẽ đến từng hộ.`;
}
