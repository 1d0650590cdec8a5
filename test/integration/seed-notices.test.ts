/**
 * The demo's contact book and notices (functions/local/seed-notices.ts): valid contacts put once, a round opened
 * afterwards sends its voting-opened notice to the outbox, and the due notices are sent once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../functions/adapters/outbox-notifier.ts';
import { seedContacts, seedDueNotices, demoContacts } from '../../functions/local/seed-notices.ts';
import { HouseholdContact } from '../../shared/contacts.ts';
import { COMMUNE, onlineConsultation, recordOnlineConditions, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** A roll of the demo's households (TD-001 …), as the seed's. */
const roll = (n: number) =>
  `${['id,hamlet,head,members,category', ...Array.from({ length: n }, (_, i) => `TD-${String(i + 1).padStart(3, '0')},Thôn Đông,Chủ hộ ${i + 1},3,standard`)].join('\n')}\n`;

describe('the demo contacts and notices', () => {
  let s: Sys;
  beforeAll(async () => {
    s = await testSystem('seed-notices');
  });
  afterAll(() => s.cleanup());

  it('makes valid contacts: some opted out, some without, some on Zalo', () => {
    const contacts = demoContacts();
    for (const c of contacts) expect(HouseholdContact.safeParse(c).success, c.rollId).toBe(true);
    expect(contacts.length).toBe(142 - 12);
    expect(contacts.filter((c) => c.optedOut).length).toBeGreaterThan(0);
    expect(contacts.filter((c) => c.prefers === 'zalo').length).toBeGreaterThan(0);
  });

  it('puts them once; an online round opened after sends its notice to the outbox; nothing else is due', async () => {
    expect(await seedContacts(s.core, COMMUNE)).toBe(130);
    expect(await seedContacts(s.core, COMMUNE)).toBe(0);
    const token = await s.token('official');
    const created = await s.call('POST', '/api/consultations', { token, body: onlineConsultation(new Date(), 72) });
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: roll(22), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, token, id, 22);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token })).status).toBe(200);
    const batches = await listOutbox(join(s.dataDir, 'outbox'), id);
    expect(batches.map((b) => b.kind)).toEqual(['voting_opened']);
    // TD-011 and TD-022 have no contact, TD-013 opted out.
    expect(batches[0]!.households.map((h) => h.rollId)).not.toContain('TD-013');
    expect(batches[0]!.households).toHaveLength(19);
    // 72 hours before the close, no reminder is due; nothing is published.
    expect(await seedDueNotices(s.core)).toEqual({ sent: [], failed: [] });
  });
});
