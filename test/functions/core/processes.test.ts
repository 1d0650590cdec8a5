/**
 * A village-head election on the in-memory store: created by an official, each step recorded with its date and
 * checked (the team led by the Front's representative and holding no candidate, at least one candidate on the Front's
 * list), the count and its outcome, UBND xã's recognition, each act an event of the process's own chain, and the
 * public timeline published after each act without any household's name.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import {
  createElection,
  listProcesses,
  processOf,
  recogniseElection,
  recordCandidates,
  recordCount,
  recordNominations,
  recordStep,
  recordTeam,
} from '../../../functions/core/processes.ts';
import { checkChain } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-an-binh' };
const OTHER: Principal = { sub: 'o2', role: 'official', commune: 'xa-ben-canh' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-an-binh' };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: 'xa-an-binh' };
const ID = '01JDANBAN0000000000000PR01';

function world(start: string) {
  let now = new Date(start);
  const files = new Map<string, string>();
  const core: CoreDeps = {
    ...memoryCoreDeps(now, ID),
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

describe('a village-head election from plan to recognition', () => {
  it('records every step with its date, flags a late one, counts, recognises, and publishes the timeline', async () => {
    const w = world('2027-02-01T02:00:00Z');
    const created = await createElection(w.core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-01' });
    expect(created.id).toBe(ID);
    expect(w.files.get(`p/${ID}/index.html`)).toContain('Thôn Đông');

    await recordStep(w.core, OFFICIAL, ID, { step: 'election_decided', on: '2027-02-01', reference: '15/QĐ-UBND' });
    await recordCandidates(w.core, OFFICIAL, ID, { on: '2027-02-01', names: ['Trần Thị Bình'] });
    // The team is formed 9 days before the meeting: one day late.
    w.at('2027-02-20T02:00:00Z');
    const onTeam = await refusal(recordTeam(w.core, OFFICIAL, ID, { on: '2027-02-20', leader: 'Ngô Văn Mặt', members: ['Trần Thị Bình'] }));
    expect(onTeam.code).toBe('invalid_request');
    expect(onTeam.vi).toContain('Thành viên Tổ bầu cử không phải là người ứng cử');
    await recordTeam(w.core, OFFICIAL, ID, { on: '2027-02-20', leader: 'Ngô Văn Mặt', members: ['Lý Thị Hoa'] });
    await recordStep(w.core, OFFICIAL, ID, { step: 'notice_posted', on: '2027-02-20' });
    await recordStep(w.core, OFFICIAL, ID, { step: 'meeting_invited', on: '2027-02-20' });
    expect((await refusal(recordStep(w.core, OFFICIAL, ID, { step: 'meeting_invited', on: '2027-02-20' }))).code).toBe('already_recorded');
    expect((await refusal(recordStep(w.core, OFFICIAL, ID, { step: 'decision_sent', on: '2027-02-20' }))).code).toBe('wrong_state');

    w.at('2027-03-01T09:00:00Z');
    const floorOnTeam = await refusal(recordNominations(w.core, OFFICIAL, ID, { nominated: ['Lý Thị Hoa'], selfNominated: [] }));
    expect(floorOnTeam.vi).toContain('Lý Thị Hoa');
    await recordNominations(w.core, OFFICIAL, ID, { nominated: [], selfNominated: ['Lê Văn Cường'] });
    expect((await refusal(recordCount(w.core, OFFICIAL, ID, { on: '2027-03-01', households: 120, present: 90, votes: { c1: 91 } }))).code).toBe(
      'invalid_request',
    );
    await recordCount(w.core, OFFICIAL, ID, { on: '2027-03-01', households: 120, present: 90, votes: { c1: 70, c2: 15 } });
    expect((await refusal(recogniseElection(w.core, UBND, ID, { outcome: 'recognised', on: '2027-03-01' }))).code).toBe('not_sent');
    await recordStep(w.core, OFFICIAL, ID, { step: 'decision_sent', on: '2027-03-01' });
    expect((await refusal(recogniseElection(w.core, OFFICIAL, ID, { outcome: 'recognised', on: '2027-03-02' }))).code).toBe('forbidden');
    w.at('2027-03-03T02:00:00Z');
    await recogniseElection(w.core, UBND, ID, { outcome: 'recognised', on: '2027-03-03', decision: '20/QĐ-UBND' });

    const v = await processOf(w.core, MONITOR, ID);
    const status = Object.fromEntries(v.rows.map((r) => [r.step, r.status]));
    expect(status).toEqual({
      election_decided: 'done',
      candidates_listed: 'done',
      team_formed: 'done_late',
      notice_posted: 'done',
      meeting_invited: 'done',
      election_held: 'done',
      decision_sent: 'done',
      election_recognised: 'done',
    });
    expect(v.outcome?.elected).toEqual(['c1']);
    expect(v.record.count).toMatchObject({ households: 120, householdsFrom: 'entered', present: 90 });
    expect(v.log.map((e) => e.action)).toEqual([
      'process_created',
      'process_step_recorded',
      'candidates_listed',
      'election_team_formed',
      'process_step_recorded',
      'process_step_recorded',
      'candidates_nominated',
      'election_counted',
      'process_step_recorded',
      'election_recognised',
    ]);
    expect(checkChain(v.log)).toEqual([]);
    expect(v.log.at(-1)?.actor).toEqual({ role: 'commune', id: 'u1' });

    const html = w.files.get(`p/${ID}/index.html`)!;
    expect(html).toContain('Trần Thị Bình trúng cử với 70/120 phiếu tán thành');
    expect(html).toContain('20/QĐ-UBND');
    expect(html).toContain('1 bước trễ hạn');
    // The election team is not a public list here, and no household is ever named.
    expect(html).not.toContain('Lý Thị Hoa');
    expect(html).toBe(html.normalize('NFC'));
  });

  it('refuses the wrong role, another commune, a team not led by one person, an empty list and a future date', async () => {
    const w = world('2027-02-01T02:00:00Z');
    expect((await refusal(createElection(w.core, MONITOR, { hamlet: 'Thôn Đông', meeting: '2027-03-01' }))).code).toBe('forbidden');
    expect((await refusal(createElection(w.core, undefined, { hamlet: 'Thôn Đông', meeting: '2027-03-01' }))).code).toBe('unauthorized');
    const bad = await refusal(createElection(w.core, OFFICIAL, { hamlet: '', meeting: '1/3/2027' }));
    expect(bad.details?.map((d) => d.path).sort()).toEqual(['hamlet', 'meeting']);
    await createElection(w.core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-01' });
    expect((await refusal(processOf(w.core, OTHER, ID))).code).toBe('not_found');
    expect(await listProcesses(w.core, OTHER)).toEqual([]);
    expect((await listProcesses(w.core, MONITOR)).map((p) => p.hamlet)).toEqual(['Thôn Đông']);
    expect((await refusal(recordCandidates(w.core, OFFICIAL, ID, { on: '2027-02-01', names: [] }))).code).toBe('invalid_request');
    expect((await refusal(recordStep(w.core, OFFICIAL, ID, { step: 'election_decided', on: '2027-02-02' }))).details?.[0]?.path).toBe('on');
    expect((await refusal(recordNominations(w.core, OFFICIAL, ID, { nominated: ['A'], selfNominated: [] }))).code).toBe('wrong_state');
    expect((await refusal(recordCount(w.core, OFFICIAL, ID, { on: '2027-02-01', households: 10, present: 8, votes: {} }))).code).toBe('invalid_request');
  });

  it('nobody elected: UBND xã cannot recognise anyone, and decides a new election', async () => {
    const w = world('2027-02-01T02:00:00Z');
    await createElection(w.core, OFFICIAL, { hamlet: 'Thôn Tây', meeting: '2027-02-01' });
    await recordCandidates(w.core, OFFICIAL, ID, { on: '2027-02-01', names: ['A Lực', 'B Minh'] });
    await recordCount(w.core, OFFICIAL, ID, { on: '2027-02-01', households: 100, present: 80, votes: { c1: 50, c2: 30 } });
    await recordStep(w.core, OFFICIAL, ID, { step: 'decision_sent', on: '2027-02-01' });
    const none = await refusal(recogniseElection(w.core, UBND, ID, { outcome: 'recognised', on: '2027-02-01' }));
    expect(none.vi).toBe('Không có người trúng cử để công nhận.');
    await recogniseElection(w.core, UBND, ID, { outcome: 'new_election', on: '2027-02-01', decision: '21/QĐ-UBND' });
    expect((await refusal(recogniseElection(w.core, UBND, ID, { outcome: 'new_election', on: '2027-02-01' }))).code).toBe('already_recorded');
    const v = await processOf(w.core, OFFICIAL, ID);
    expect(v.outcome?.reason).toBe('no_majority');
    expect(w.files.get(`p/${ID}/index.html`)).toContain('quyết định bầu lại');
  });
});
