/**
 * The monitors' risk-limiting audit through the core on the in-memory store: the seed is fixed by two different
 * monitors, officials read but do not act, two conclusions at once publish one signature, and a show of hands is
 * refused with its reason in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { createConsultation, uploadRoll } from '../../../functions/core/consultations.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { recordAttendance, recordHandCount, recordVotingMethod } from '../../../functions/core/meeting.ts';
import { enterSlip, tickReturn } from '../../../functions/core/paper.ts';
import type { Principal, Publisher } from '../../../functions/core/ports.ts';
import { closeAndPublish } from '../../../functions/core/publishing.ts';
import { concludeRla, enterReading, enterSeedDigits, rlaState } from '../../../functions/core/rla.ts';
import { openVoting } from '../../../functions/core/voting.ts';
import type { ConsultationInput } from '../../../shared/schemas.ts';
import { roll } from '../../bench/fixtures.ts';
import { recordBallotConditionsIn } from '../../support/ballot-conditions.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const COMMUNE = 'xa-do-tai';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: COMMUNE };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: COMMUNE };
const SECOND: Principal = { sub: 'm2', role: 'monitor', commune: COMMUNE };

function deps() {
  const files = new Map<string, Uint8Array>();
  let signed = 0;
  const publisher: Publisher = {
    put: async (key, body) => void files.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body),
    get: async (key) => files.get(key),
    url: (key) => `http://site.test/${key}`,
  };
  let n = 0;
  const core: CoreDeps = {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: {
      publicKeySpki: async () => SPKI,
      sign: async (message) => {
        signed++;
        return new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(message)));
      },
    },
    publisher,
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => NOW },
    ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => new Uint8Array(k).fill(n % 256) },
    profile: OPEN_AT_ONCE,
  };
  return { core, files, signatures: () => signed };
}

const input = (method: 'household_ballot' | 'meeting'): ConsultationInput => ({
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'opinion',
  method,
  title: 'Giờ mở cửa nhà văn hóa',
  description: 'Mở cửa đến 21 giờ.',
  opensAt: '2026-12-01T01:00:00Z',
  closesAt: '2026-12-02T01:00:00Z',
  questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
});

/** A published household ballot of 8 slips: 7 yes, 1 no. */
async function paperRound(core: CoreDeps): Promise<string> {
  const { id } = (await createConsultation(core, OFFICIAL, input('household_ballot'))).consultation;
  const households = roll(8);
  await uploadRoll(core, OFFICIAL, id, households);
  await recordBallotConditionsIn(core, OFFICIAL, id);
  const opened = (await openVoting(core, OFFICIAL, id)) as { serials: string[] };
  for (const [i, h] of households.entries()) {
    await tickReturn(core, OFFICIAL, id, h.id);
    await enterSlip(core, OFFICIAL, id, { serial: opened.serials[i]!, answers: { q1: i === 0 ? 'no' : 'yes' } });
  }
  await closeAndPublish(core, OFFICIAL, id, 'manual');
  return id;
}

describe('the risk-limiting audit use cases', () => {
  it('fixes the seed only when a second monitor enters digits, and lets an official read but not act', async () => {
    const { core } = deps();
    const id = await paperRound(core);
    await expect(enterSeedDigits(core, OFFICIAL, id, '12')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(enterSeedDigits(core, MONITOR, id, '12a')).rejects.toMatchObject({ code: 'invalid_request' });
    const one = await enterSeedDigits(core, MONITOR, id, '12');
    expect(one).toMatchObject({ auditable: true, seedEntries: [{ digits: '12', actor: { id: 'm1' } }] });
    expect(one).not.toHaveProperty('seed');
    expect(await enterSeedDigits(core, MONITOR, id, '34')).not.toHaveProperty('seed');
    await expect(enterReading(core, MONITOR, id, 1, { q1: 'yes' })).rejects.toMatchObject({ code: 'wrong_state' });
    const fixed = await enterSeedDigits(core, SECOND, id, '56');
    expect(fixed).toMatchObject({ auditable: true, seed: '123456' });
    await expect(enterSeedDigits(core, MONITOR, id, '7')).rejects.toMatchObject({ code: 'already_recorded' });
    const read = await rlaState(core, OFFICIAL, id);
    expect(read).toMatchObject({ auditable: true, seed: '123456' });
    await expect(enterReading(core, OFFICIAL, id, 1, { q1: 'yes' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(concludeRla(core, MONITOR, id)).rejects.toMatchObject({ code: 'wrong_state' });
  });

  it('publishes one signature, recorded once, when two monitors conclude at the same moment', async () => {
    const { core, files, signatures } = deps();
    const id = await paperRound(core);
    await enterSeedDigits(core, MONITOR, id, '2718281828');
    const seeded = await enterSeedDigits(core, SECOND, id, '3141592653');
    if (!seeded.auditable) throw new Error('not auditable');
    const first = seeded.draws[0]!;
    const entries = JSON.parse(new TextDecoder().decode(files.get(`c/${id}/ballots.json`))).ballots as Array<{ serial: string; answers: { q1: string } }>;
    await enterReading(core, MONITOR, id, 1, entries.find((b) => b.serial === first.serial)!.answers);
    const before = signatures();
    const both = await Promise.allSettled([concludeRla(core, MONITOR, id), concludeRla(core, SECOND, id)]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const log = await core.store.getAudit(id);
    expect(log.filter((e) => e.action === 'rla_published')).toHaveLength(1);
    const recorded = log.find((e) => e.action === 'rla_published')!.data.jws as string;
    expect(new TextDecoder().decode(files.get(`c/${id}/audit/rla.jws`))).toBe(recorded);
    expect(signatures() - before).toBeLessThanOrEqual(2);
    await expect(enterReading(core, MONITOR, id, 2, { q1: 'yes' })).rejects.toMatchObject({ code: 'already_recorded' });
  });

  it('refuses a show of hands: there is no paper to audit', async () => {
    const { core } = deps();
    const { id } = (await createConsultation(core, OFFICIAL, input('meeting'))).consultation;
    const households = roll(4);
    await uploadRoll(core, OFFICIAL, id, households);
    await openVoting(core, OFFICIAL, id);
    for (const h of households) await recordAttendance(core, OFFICIAL, id, h.id);
    await recordVotingMethod(core, OFFICIAL, id, 'show_of_hands');
    await recordHandCount(core, OFFICIAL, id, { q1: { yes: 3, no: 1, abstain: 0 } });
    await closeAndPublish(core, OFFICIAL, id, 'manual');
    expect(await rlaState(core, MONITOR, id)).toMatchObject({ auditable: false, reason: { vi: expect.stringContaining('không có phiếu giấy') } });
    await expect(enterSeedDigits(core, MONITOR, id, '1')).rejects.toMatchObject({ code: 'wrong_state', vi: 'không có phiếu giấy để kiểm tra' });
  });
});
