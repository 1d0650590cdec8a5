/**
 * The use cases of a citizens' initiative on the in-memory store, with a clock that moves: a consent counts for 3
 * months as the Civil Code counts them (shared/process/initiatives.ts) and may be given again after; 10 % of H is
 * the least whole number of households reaching it; who may do what; the paper list's days.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { presetRule } from '../../../shared/matters.ts';
import type { Household } from '../../../shared/schemas.ts';
import { createConsultation, uploadRoll } from '../../../functions/core/consultations.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { issueDiscussionCodes } from '../../../functions/core/discussion.ts';
import { consentOnline, decideByFront, filePaperList, initiativeView, proposeInitiative, putOnAgenda } from '../../../functions/core/initiatives.ts';
import { discloseConsultation } from '../../../functions/core/lifecycle.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'official-a', role: 'official', commune: 'xa-an-binh' };
const MONITOR: Principal = { sub: 'monitor-a', role: 'monitor', commune: 'xa-an-binh' };
const ELSEWHERE: Principal = { sub: 'official-b', role: 'official', commune: 'xa-khac' };
const H = 21;

/** Vietnam noon of a calendar day. */
const noon = (day: string) => new Date(`${day}T05:00:00Z`);

const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('citizens’ initiatives', () => {
  let deps: CoreDeps;
  let now: Date;
  let round = '';
  let codes = new Map<string, string>();

  beforeEach(async () => {
    now = noon('2027-01-31');
    let n = 0;
    deps = { ...memoryCoreDeps(now, ''), clock: { now: () => now } };
    deps = { ...deps, ids: { ...deps.ids, ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}` } };
    const roll: Household[] = Array.from({ length: H }, (_, i) => ({
      id: `H-${String(i + 1).padStart(3, '0')}`,
      hamlet: 'Thôn Đông',
      head: `Chủ hộ ${i + 1}`,
      members: 3,
      category: 'standard',
    }));
    const rec = await createConsultation(deps, OFFICIAL, {
      scope: { kind: 'hamlet', name: 'Thôn Đông' },
      matter: 'other_self_managed',
      method: 'meeting',
      title: 'Họp thôn',
      description: 'Họp thôn Đông.',
      opensAt: '2027-02-10T01:00:00Z',
      closesAt: '2027-02-10T04:00:00Z',
      questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý?', options: [], rule: presetRule('other_self_managed') }],
    });
    round = rec.consultation.id;
    await uploadRoll(deps, OFFICIAL, round, roll);
    await discloseConsultation(deps, OFFICIAL, round);
    const issued = await issueDiscussionCodes(deps, OFFICIAL, round);
    codes = new Map(issued.credentials.map((c) => [c.household, c.code]));
  });

  const propose = (matter = 'other_self_managed') =>
    proposeInitiative(deps, { rollFrom: round, code: codes.get('H-001')!, matter, title: 'Lắp đèn', text: 'Lắp 12 bóng đèn.' }, 'ip');
  const consent = (id: string, h: string) => consentOnline(deps, id, codes.get(h)!, 'ip');

  it('needs 3 of 21 households (10 % rounded up): 2 do not put it on the agenda, 3 do', async () => {
    const { id } = await propose();
    await consent(id, 'H-002');
    await consent(id, 'H-003');
    expect((await initiativeView(deps, id)).standing).toMatchObject({ counted: 2, needed: 3, reached: false, path: 'front_may_approve' });
    expect(await failure(putOnAgenda(deps, OFFICIAL, id))).toBe('wrong_state');
    await consent(id, 'H-004');
    expect((await initiativeView(deps, id)).standing).toMatchObject({ counted: 3, reached: true, path: 'agenda' });
    expect(await failure(decideByFront(deps, MONITOR, id, { approved: true }))).toBe('wrong_state');
    const put = await putOnAgenda(deps, OFFICIAL, id);
    expect((await deps.store.getConsultation(put.consultationId))?.state).toBe('draft');
  });

  it('a consent given on 31 January counts to 30 April, not on 1 May; the household may then consent again', async () => {
    const { id } = await propose();
    await consent(id, 'H-002');
    expect(await failure(consent(id, 'H-002'))).toBe('already_recorded');
    now = noon('2027-04-30');
    expect(await failure(consent(id, 'H-002'))).toBe('already_recorded');
    expect((await initiativeView(deps, id)).standing).toMatchObject({ counted: 1, expired: 0, dropsAfter: '2027-04-30' });
    now = noon('2027-05-01');
    expect((await initiativeView(deps, id)).standing).toMatchObject({ counted: 0, expired: 1 });
    await consent(id, 'H-002');
    expect((await initiativeView(deps, id)).standing).toMatchObject({ counted: 1, expired: 0, dropsAfter: '2027-08-01' });
  });

  it('a matter not decided online takes no online consent, only the paper list, whose days cannot follow its filing', async () => {
    const { id } = await propose('contribution');
    expect(await failure(consent(id, 'H-002'))).toBe('channel_not_allowed');
    const list = { list: 'DS-01', filedBy: 'Hộ H-001', filedOn: '2027-01-30', entries: [{ rollId: 'H-002', on: '2027-01-31' }] };
    expect(await failure(filePaperList(deps, OFFICIAL, id, list))).toBe('invalid_request');
    const filed = await filePaperList(deps, OFFICIAL, id, { ...list, entries: [{ rollId: 'H-002', on: '2027-01-29' }] });
    expect(filed.added).toBe(1);
    expect(await deps.store.listConsents(id)).toEqual([{ rollId: 'H-002', on: '2027-01-29', channel: 'paper', list: 'DS-01', filedBy: 'Hộ H-001' }]);
  });

  it('only officials record and put on the agenda, only monitors decide for the Front, each in their own commune', async () => {
    const { id } = await propose();
    const list = { list: 'DS-01', filedBy: 'Hộ H-001', filedOn: '2027-01-31', entries: [{ rollId: 'H-002', on: '2027-01-31' }] };
    expect(await failure(filePaperList(deps, MONITOR, id, list))).toBe('forbidden');
    expect(await failure(putOnAgenda(deps, MONITOR, id))).toBe('forbidden');
    expect(await failure(decideByFront(deps, OFFICIAL, id, { approved: true }))).toBe('forbidden');
    expect(await failure(filePaperList(deps, ELSEWHERE, id, list))).toBe('not_found');
    expect(await failure(putOnAgenda(deps, undefined, id))).toBe('unauthorized');
    await decideByFront(deps, MONITOR, id, { approved: false, reason: 'Chưa cần thiết' });
    expect(await failure(consent(id, 'H-003'))).toBe('wrong_state');
    expect(await failure(putOnAgenda(deps, OFFICIAL, id))).toBe('wrong_state');
    expect((await deps.store.getInitiativeAudit(id)).map((e) => e.action)).toEqual(['initiative_proposed', 'initiative_front_decided']);
  });

  it('a wrong code proposes and consents nothing', async () => {
    const wrong = 'AAAA-BBBB-CCCC-DDDD';
    expect(await failure(proposeInitiative(deps, { rollFrom: round, code: wrong, matter: 'other_self_managed', title: 'X', text: 'Y' }, 'ip'))).toBe(
      'invalid_code',
    );
    const { id } = await propose();
    expect(await failure(consentOnline(deps, id, wrong, 'ip'))).toBe('invalid_code');
    expect(await deps.store.listConsents(id)).toEqual([]);
  });
});
