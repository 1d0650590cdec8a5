/**
 * A village head's dismissal and a board election on the in-memory store: who may act (an official records, UBND xã
 * decides a dismissal, a monitor standing for UBMTTQ xã recognises a board), the petition's 50 % of H, the vote's
 * more than 50 % of H, the meeting that did not dismiss (UBND xã decides only with the Front), the new election's 60
 * days flagged when missed, a board's seats with a tie, and the kinds kept apart.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { createBoardElection, recogniseBoard, recordBoardCandidates, recordBoardCount } from '../../../functions/core/office-boards.ts';
import {
  appointActingHead,
  createDismissal,
  decideNewElection,
  officeOf,
  recogniseDismissal,
  recordDismissalVote,
  recordOfficeStep,
} from '../../../functions/core/office-processes.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { checkChain } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-an-binh' };
const OTHER: Principal = { sub: 'o2', role: 'official', commune: 'xa-ben-canh' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-an-binh' };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: 'xa-an-binh' };

function world(start: string) {
  let now = new Date(start);
  const files = new Map<string, string>();
  const core: CoreDeps = {
    ...memoryCoreDeps(now, '01JDANBAN0000000000000PR01'),
    clock: { now: () => now },
    publisher: {
      put: async (key, body) => void files.set(key, typeof body === 'string' ? body : new TextDecoder().decode(body)),
      get: async () => undefined,
      url: (k) => k,
    },
  };
  return { core, files, at: (iso: string) => void (now = new Date(iso)) };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const status = async (core: CoreDeps, id: string) => Object.fromEntries((await officeOf(core, MONITOR, id)).rows.map((r) => [r.step, r.status]));

describe('a dismissal of the village head', () => {
  it('refuses a petition under 50 % of H, one with the head’s own request, and every role but an official', async () => {
    const w = world('2027-02-01T02:00:00Z');
    const base = { hamlet: 'Thôn Đông', meeting: '2027-03-01', headLeadsFront: false };
    const few = await refusal(
      createDismissal(w.core, OFFICIAL, { ...base, ground: 'front_proposal', petition: { households: 10, rollIds: ['a', 'b', 'c', 'd', 'd'] } }),
    );
    expect(few.details?.[0]?.path).toBe('petition.rollIds');
    expect((await refusal(createDismissal(w.core, OFFICIAL, { ...base, ground: 'own_request', petition: { households: 2, rollIds: ['a'] } }))).code).toBe(
      'invalid_request',
    );
    expect((await refusal(createDismissal(w.core, MONITOR, { ...base, ground: 'own_request' }))).code).toBe('forbidden');
    expect((await refusal(createDismissal(w.core, undefined, { ...base, ground: 'own_request' }))).code).toBe('unauthorized');
    const r = await createDismissal(w.core, OFFICIAL, { ...base, ground: 'front_proposal', petition: { households: 10, rollIds: ['a', 'b', 'c', 'd', 'e'] } });
    expect(r.dismissal?.petition).toEqual({ households: 10, signed: 5 });
    expect((await refusal(officeOf(w.core, OTHER, r.id))).code).toBe('not_found');
    // A board's act on a dismissal finds no such board election.
    expect((await refusal(recordBoardCandidates(w.core, OFFICIAL, r.id, { on: '2027-02-01', names: ['A'] }))).code).toBe('not_found');
  });

  it('lets UBND xã decide a dismissal the meeting did not vote only with the Front, and flags the 60 days when missed', async () => {
    const w = world('2027-02-01T02:00:00Z');
    const { id } = await createDismissal(w.core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-01', ground: 'own_request', headLeadsFront: true });
    await recordOfficeStep(w.core, OFFICIAL, id, { step: 'dismissal_requested', on: '2027-02-01' });
    w.at('2027-03-01T09:00:00Z');
    // Exactly half of H is not more than 50 %.
    await recordDismissalVote(w.core, OFFICIAL, id, { on: '2027-03-01', households: 10, present: 9, yes: 5 });
    expect((await officeOf(w.core, MONITOR, id)).vote).toEqual({ dismissed: false, threshold: 6, enoughPresent: true });
    await recordOfficeStep(w.core, OFFICIAL, id, { step: 'decision_sent', on: '2027-03-01' });
    expect((await refusal(recogniseDismissal(w.core, OFFICIAL, id, { outcome: 'recognised', on: '2027-03-01' }))).code).toBe('forbidden');
    expect((await refusal(recogniseDismissal(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-01' }))).details?.[0]?.path).toBe('withFront');
    expect((await refusal(appointActingHead(w.core, UBND, id, { name: 'Phạm Văn Tạm', on: '2027-03-01' }))).code).toBe('wrong_state');
    await recogniseDismissal(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-01', withFront: true });
    await appointActingHead(w.core, UBND, id, { name: 'Phạm Văn Tạm', on: '2027-03-01' });
    // 60 days from 1 March 2027 end on Friday 30 April, a holiday here: the limit moves to the next working day.
    w.core.profile = { ...w.core.profile, holidays: ['2027-04-30', '2027-05-01'] };
    const v = await officeOf(w.core, MONITOR, id);
    expect(v.rows.find((r) => r.step === 'new_election_decided')?.due).toBe('2027-05-03');
    w.at('2027-05-04T02:00:00Z');
    expect((await status(w.core, id)).new_election_decided).toBe('overdue');
    await decideNewElection(w.core, UBND, id, { on: '2027-05-04', decision: '40/QĐ-UBND' });
    expect((await status(w.core, id)).new_election_decided).toBe('done_late');
    const log = (await officeOf(w.core, MONITOR, id)).log;
    expect(log.find((e) => e.action === 'dismissal_recognised')?.data).toMatchObject({ withFront: true });
    expect(checkChain(log)).toEqual([]);
    const html = w.files.get(`p/${id}/index.html`) ?? '';
    expect(html).toContain('Chủ tịch Ủy ban nhân dân cấp xã triệu tập và chủ trì cuộc họp');
    expect(html).toContain('Cuộc họp không đủ trên 50% tổng số hộ gia đình tán thành cho thôi: 5/10 hộ');
    // The invitation never recorded, and the new election decided a day late.
    expect(html).toContain('2 bước trễ hạn');
  });
});

describe('a board election', () => {
  it('fills the seats with more than 50 % of H, leaves a tied seat empty, and only a monitor recognises it', async () => {
    const w = world('2027-02-01T02:00:00Z');
    const { id } = await createBoardElection(w.core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-01', board: 'investment_supervision', seats: 2 });
    expect((await refusal(createBoardElection(w.core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-01', board: 'inspection', seats: 0 }))).code).toBe(
      'invalid_request',
    );
    await recordBoardCandidates(w.core, OFFICIAL, id, { on: '2027-02-01', names: ['An', 'Bình', 'Cúc'] });
    w.at('2027-03-01T09:00:00Z');
    await recordBoardCount(w.core, OFFICIAL, id, { on: '2027-03-01', households: 10, present: 10, votes: { c1: 8, c2: 6, c3: 6 } });
    const v = await officeOf(w.core, MONITOR, id);
    expect(v.outcome).toMatchObject({ status: 'partly_elected', elected: ['c1'], tied: ['c2', 'c3'], reason: 'tie' });
    expect((await refusal(recogniseBoard(w.core, MONITOR, id, { outcome: 'recognised', on: '2027-03-01' }))).code).toBe('not_sent');
    await recordOfficeStep(w.core, OFFICIAL, id, { step: 'decision_sent', on: '2027-03-01' });
    expect((await refusal(recogniseBoard(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-01' }))).code).toBe('forbidden');
    expect((await refusal(recogniseDismissal(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-01' }))).code).toBe('not_found');
    await recogniseBoard(w.core, MONITOR, id, { outcome: 'recognised', on: '2027-03-01', decision: '02/QĐ-MTTQ' });
    expect((await status(w.core, id)).board_recognised).toBe('done');
    const html = w.files.get(`p/${id}/index.html`) ?? '';
    expect(html).toContain('Bầu thành viên Ban Giám sát đầu tư của cộng đồng');
    expect(html).toContain('Còn 1 vị trí chưa bầu được');
    expect(html).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã công nhận kết quả (Quyết định số 02/QĐ-MTTQ)');
  });
});
