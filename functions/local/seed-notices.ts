/**
 * The demo's contact book and the notices it is sent (`npm start`): made-up mobile numbers and Zalo ids for most of
 * the demo roll's households (a few opted out, a few without any), put before the rounds are seeded so that each act
 * that sends a notice (the online round's opening) reaches them in the local outbox; then, after the rounds, the
 * notices due by the clock (the published rounds' results) sent at once rather than at the first sweep.
 */
import type { HouseholdContact } from '../../shared/contacts.ts';
import type { CoreDeps } from '../core/deps.ts';
import { type DueNoticeReport, sendDueNotices } from '../core/notice-due.ts';

/** The demo roll's size (seed.ts `demoRoll`: TD-001 … TD-142). */
const HOUSEHOLDS = 142;

/** The demo's contacts: every 11th household has none, every 13th opted out, every 5th prefers Zalo. */
export function demoContacts(): HouseholdContact[] {
  const contacts: HouseholdContact[] = [];
  for (let n = 1; n <= HOUSEHOLDS; n++) {
    if (n % 11 === 0) continue;
    const rollId = `TD-${String(n).padStart(3, '0')}`;
    // 091 and 098 are Vietnamese mobile prefixes; the numbers are made up.
    const phone = `${n % 2 === 0 ? '098' : '091'}${String(4_000_000 + n * 7919).padStart(7, '0')}`;
    const zalo = n % 5 === 0 ? { zaloId: String(7_000_000_000 + n * 104_729), prefers: 'zalo' as const } : {};
    contacts.push({ rollId, phone, ...zalo, optedOut: n % 13 === 0 });
  }
  return contacts;
}

/**
 * Puts the demo's contacts in the commune's book, once (a book that has any contact is left alone); returns how many
 * were put. Call it before the rounds are seeded.
 */
export async function seedContacts(core: CoreDeps, commune: string): Promise<number> {
  if (!core.contacts || (await core.contacts.list(commune)).length > 0) return 0;
  const contacts = demoContacts();
  await core.contacts.putContacts(commune, contacts);
  return contacts.length;
}

/** Sends the notices due now among the seeded rounds (their results), as the first sweep would. */
export async function seedDueNotices(core: CoreDeps): Promise<DueNoticeReport> {
  return sendDueNotices(core, await core.store.listConsultations());
}
