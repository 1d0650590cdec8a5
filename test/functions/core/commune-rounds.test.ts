/**
 * Commune rounds on the in-memory store: a group makes one round per hamlet as the commune chose; the aggregate is
 * published when the last round is, once (same bytes, one signature); UBND xã alone sets the effective date, only
 * once the aggregate is adopted; the group page shows it.
 */
import { describe, expect, it } from 'vitest';
import { createGroup, groupStatus, publishAggregate, setEffectiveDate } from '../../../functions/core/commune-rounds.ts';
import { uploadRoll } from '../../../functions/core/consultations.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { recordAttendance, recordHandCount, recordVotingMethod } from '../../../functions/core/meeting.ts';
import type { Principal, Publisher } from '../../../functions/core/ports.ts';
import { closeAndPublish } from '../../../functions/core/publishing.ts';
import { openVoting } from '../../../functions/core/voting.ts';
import { fromUtf8 } from '../../../shared/bytes.ts';
import { decodeJws } from '../../../shared/jws.ts';
import type { ConsultationInput } from '../../../shared/schemas.ts';
import { verifyAggregate } from '../../../shared/verify-aggregate.ts';
import { roadConsultation, roll } from '../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const COMMUNE = 'xa-do-tai';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: COMMUNE };
const UBND: Principal = { sub: 'c1', role: 'commune', commune: COMMUNE };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: COMMUNE };
const HAMLETS = ['Thôn Đông', 'Thôn Tây', 'Thôn Nam'];

function deps(): { core: CoreDeps; files: Map<string, Uint8Array>; signatures: () => number } {
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
    ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => new Uint8Array(k).fill(7) },
    profile: OPEN_AT_ONCE,
  };
  return { core, files, signatures: () => signed };
}

const communeInput = (method: ConsultationInput['method'] = 'meeting'): ConsultationInput => ({
  ...roadConsultation(NOW),
  scope: { kind: 'commune', name: 'Xã Đo Tải' },
  method,
});

/** Holds a hamlet's meeting of 6 households, all present, with `yes` in favour by show of hands, and publishes it. */
async function hold(core: CoreDeps, id: string, yes: number) {
  await uploadRoll(core, OFFICIAL, id, roll(6));
  await openVoting(core, OFFICIAL, id);
  for (const h of roll(6)) await recordAttendance(core, OFFICIAL, id, h.id);
  await recordVotingMethod(core, OFFICIAL, id, 'show_of_hands');
  await recordHandCount(core, OFFICIAL, id, { q1: { yes, no: 6 - yes } });
  await closeAndPublish(core, OFFICIAL, id, 'manual');
}

describe('commune rounds', () => {
  it('makes one round per hamlet, naming the hamlet and the group, by the method the commune chose', async () => {
    const { core } = deps();
    for (const method of ['meeting', 'household_ballot'] as const) {
      const group = await createGroup(core, OFFICIAL, { consultation: communeInput(method), hamlets: HAMLETS });
      expect(group.rounds.map((r) => [r.hamlet, r.state, r.method])).toEqual(HAMLETS.map((h) => [h, 'draft', method]));
      expect(group).toMatchObject({ hamlets: 3, threshold: 2, commune: COMMUNE });
      for (const r of group.rounds) {
        const rec = (await core.store.getConsultation(r.consultationId))!;
        expect(rec.consultation).toMatchObject({ group: group.groupId, scope: { kind: 'hamlet', name: r.hamlet }, questions: communeInput().questions });
      }
    }
  });

  it('refuses online, another matter, a hamlet input and anyone but an official', async () => {
    const { core } = deps();
    const make = (consultation: ConsultationInput, hamlets = HAMLETS, who: Principal = OFFICIAL) => createGroup(core, who, { consultation, hamlets });
    await expect(make(communeInput('online'))).rejects.toMatchObject({ code: 'method_not_allowed' });
    await expect(make({ ...communeInput(), matter: 'other_self_managed', contribution: undefined })).rejects.toMatchObject({ code: 'method_not_allowed' });
    await expect(make({ ...communeInput(), scope: { kind: 'hamlet', name: 'Thôn Đông' } })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(make(communeInput(), HAMLETS, MONITOR)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createGroup(core, undefined, { consultation: communeInput(), hamlets: HAMLETS })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await core.store.listConsultations()).toEqual([]);
  });

  it('publishes the aggregate when the last round is, once: the same bytes and one signature however often it runs', async () => {
    const { core, files, signatures } = deps();
    const { groupId, rounds } = await createGroup(core, OFFICIAL, { consultation: communeInput(), hamlets: HAMLETS });
    // Hidden from the public while every round is a draft.
    await expect(groupStatus(core, undefined, groupId)).rejects.toMatchObject({ code: 'not_found' });
    await hold(core, rounds[0]!.consultationId, 6);
    await hold(core, rounds[1]!.consultationId, 3);
    expect(files.has(`g/${groupId}/aggregate.jws`)).toBe(false);
    await expect(publishAggregate(core, groupId, OFFICIAL)).rejects.toMatchObject({ code: 'wrong_state' });
    await expect(setEffectiveDate(core, UBND, groupId, { date: '2027-01-01', reference: '12/QĐ-UBND' })).rejects.toMatchObject({ code: 'wrong_state' });
    await hold(core, rounds[2]!.consultationId, 4);

    const jws = files.get(`g/${groupId}/aggregate.jws`)!;
    const aggregate = JSON.parse(fromUtf8(files.get(`g/${groupId}/aggregate.json`)!));
    expect(decodeJws(fromUtf8(jws)).header.typ).toBe('aggregate+jws');
    expect(aggregate).toMatchObject({
      format: 'aggregate/1',
      groupId,
      commune: COMMUNE,
      hamlets: 3,
      threshold: 2,
      outcome: { q1: { adoptedIn: 2, status: 'adopted' } },
    });
    const before = signatures();
    const status = await publishAggregate(core, groupId, OFFICIAL);
    await publishAggregate(core, groupId);
    expect(signatures()).toBe(before);
    expect(files.get(`g/${groupId}/aggregate.jws`)).toEqual(jws);
    expect(status.aggregate).toMatchObject({ adopted: true, url: `http://site.test/g/${groupId}/` });
    expect(status.rounds.map((r) => r.outcomes?.q1)).toEqual(['adopted', 'rejected', 'adopted']);

    const bundles = Object.fromEntries(
      rounds.map((r) => {
        const prefix = `c/${r.consultationId}/`;
        return [r.consultationId, Object.fromEntries([...files].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]))];
      }),
    );
    const report = await verifyAggregate({ group: { 'aggregate.jws': jws }, rounds: bundles }, { pinned: KEY.publicKey });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('UBND xã alone sets the effective date, once, in every round’s log, and the group page shows it', async () => {
    const { core, files } = deps();
    const { groupId, rounds } = await createGroup(core, OFFICIAL, { consultation: communeInput(), hamlets: HAMLETS });
    for (const [i, r] of rounds.entries()) await hold(core, r.consultationId, i === 0 ? 2 : 5);
    const body = { date: '2027-01-01', reference: '12/QĐ-UBND' };
    await expect(setEffectiveDate(core, OFFICIAL, groupId, body)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setEffectiveDate(core, { ...UBND, commune: 'xa-khac' }, groupId, body)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setEffectiveDate(core, UBND, groupId, body)).toMatchObject({ groupId, ...body });
    await expect(setEffectiveDate(core, UBND, groupId, body)).rejects.toMatchObject({ code: 'already_recorded' });
    for (const r of rounds) {
      const log = await core.store.getAudit(r.consultationId);
      expect(log.filter((e) => e.action === 'effective_date_set').map((e) => [e.actor, e.data.date])).toEqual([[{ role: 'commune', id: 'c1' }, '2027-01-01']]);
    }
    expect((await groupStatus(core, undefined, groupId)).effectiveDate).toMatchObject(body);
    const page = fromUtf8(files.get(`g/${groupId}/index.html`)!);
    expect(page).toContain('2/3 thôn thông qua; cần từ 2 thôn trở lên');
    expect(page).toContain('có hiệu lực từ ngày 01/01/2027');
    expect(page).not.toContain('Chủ hộ');
  });

  it('a group adopted in too few hamlets is rejected, and no effective date can be set', async () => {
    const { core } = deps();
    const { groupId, rounds } = await createGroup(core, OFFICIAL, { consultation: communeInput(), hamlets: HAMLETS });
    for (const [i, r] of rounds.entries()) await hold(core, r.consultationId, i === 0 ? 6 : 1);
    const status = await groupStatus(core, undefined, groupId);
    expect(status.aggregate).toMatchObject({ adopted: false, outcome: { q1: { adoptedIn: 1, status: 'rejected' } } });
    await expect(setEffectiveDate(core, UBND, groupId, { date: '2027-01-01', reference: 'x' })).rejects.toMatchObject({ code: 'wrong_state' });
  });
});
