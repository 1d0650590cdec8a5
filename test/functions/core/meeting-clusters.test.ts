/**
 * A meeting by residential cluster on the in-memory store (Law 10/2022 Art. 18(3)): only for a roll of 200
 * households or more; each cluster's show of hands is kept on its own, at most its households present, replaceable
 * per cluster, and the hamlet's hand count is their sum; a meeting without clusters works as before.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { meetingStatus, recordAttendance, recordHandCount, recordVotingMethod } from '../../../functions/core/meeting.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { openVoting } from '../../../functions/core/voting.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Consultation } from '../../../shared/schemas.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' };
const ID = '01JDANBAN00000000000000002';

const deps = (): CoreDeps => memoryCoreDeps(NOW, ID);

const ROUND: Consultation = {
  id: ID,
  commune: 'xa-do-tai',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'opinion',
  method: 'meeting',
  title: 'Làm đường liên thôn',
  description: 'Bê tông hoá 1,2 km đường.',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-08T00:00:00Z',
  questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý làm đường?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
};

async function opened(households: number) {
  const core = deps();
  const at = NOW.toISOString().replace(/\.\d+Z$/, 'Z');
  await core.store.createConsultation(ROUND, at, { at, actor: { role: 'official', id: 'o1' }, action: 'created', data: {} });
  const roll = Array.from({ length: households }, (_, i) => ({
    id: `H-${i + 1}`,
    hamlet: 'Thôn Đông',
    head: `Chủ hộ ${i + 1}`,
    members: 2,
    category: 'standard' as const,
  }));
  await core.store.replaceRoll(ID, roll, at, { at, actor: { role: 'official', id: 'o1' }, action: 'roll_uploaded', data: {} });
  await openVoting(core, OFFICIAL, ID);
  return core;
}

/** Households H-from … H-to arrive in the cluster. */
async function arrive(core: CoreDeps, from: number, to: number, cluster?: string) {
  for (let i = from; i <= to; i++) await recordAttendance(core, OFFICIAL, ID, `H-${i}`, cluster);
}

async function refusal(act: Promise<unknown>): Promise<DomainError | 'none'> {
  try {
    await act;
    return 'none';
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

describe('a meeting by residential cluster', () => {
  it('is refused under 200 households on the roll, with the rule in Vietnamese and English', async () => {
    const core = await opened(199);
    const err = await refusal(recordAttendance(core, OFFICIAL, ID, 'H-1', 'Cụm 1'));
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('invalid_request');
    expect((err as DomainError).message).toContain('Chỉ thôn, tổ dân phố có từ 200 hộ gia đình trở lên mới họp theo cụm dân cư');
    expect((err as DomainError).message).toContain('Only a hamlet of 200 households or more may meet in residential clusters');
    // Nothing was recorded; the same household arrives without a cluster as before.
    expect((await meetingStatus(core, MONITOR, ID)).present).toBe(0);
    const status = await recordAttendance(core, OFFICIAL, ID, 'H-1');
    expect(status).toMatchObject({ present: 1, recorded: true });
    expect(status.clusters).toBeUndefined();
  });

  it("sums two clusters' shows of hands into the hamlet's, and the audit events carry the cluster", async () => {
    const core = await opened(200);
    await arrive(core, 1, 70, 'Cụm 1');
    await arrive(core, 71, 130, 'Cụm 2');
    // A household recorded again in another cluster stays in the first.
    expect(await recordAttendance(core, OFFICIAL, ID, 'H-1', 'Cụm 2')).toMatchObject({ recorded: false, present: 130 });
    await recordVotingMethod(core, OFFICIAL, ID, 'show_of_hands');
    await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 50, no: 15, abstain: 5 } }, 'Cụm 1');
    const status = await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 40, no: 20 } }, 'Cụm 2');
    expect(status).toMatchObject({
      present: 130,
      handCount: { q1: { yes: 90, no: 35, abstain: 5 } },
      clusters: [
        { cluster: 'Cụm 1', present: 70, handCount: { q1: { yes: 50, no: 15, abstain: 5 } } },
        { cluster: 'Cụm 2', present: 60, handCount: { q1: { yes: 40, no: 20 } } },
      ],
    });
    expect(await core.store.readForTally(ID)).toMatchObject({ present: 130, voting: 'show_of_hands', handCount: { q1: { yes: 90, no: 35, abstain: 5 } } });
    const audit = await core.store.getAudit(ID);
    expect(audit.find((e) => e.action === 'attendance_recorded' && e.data.household === 'H-71')?.data).toEqual({ household: 'H-71', cluster: 'Cụm 2' });
    expect(audit.filter((e) => e.action === 'hand_count_recorded').map((e) => e.data.cluster)).toEqual(['Cụm 1', 'Cụm 2']);
    // A hamlet-wide count is not taken at a meeting in clusters, nor an arrival without its cluster.
    expect(await refusal(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 90 } }))).toMatchObject({ code: 'invalid_request' });
    expect(await refusal(recordAttendance(core, OFFICIAL, ID, 'H-131'))).toMatchObject({ code: 'invalid_request' });
  });

  it("refuses a cluster's count over the households present in that cluster, though the hamlet has more", async () => {
    const core = await opened(240);
    await arrive(core, 1, 10, 'Cụm 1');
    await arrive(core, 11, 40, 'Cụm 2');
    await recordVotingMethod(core, OFFICIAL, ID, 'show_of_hands');
    const err = await refusal(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 9, no: 2 } }, 'Cụm 1'));
    expect(err).toMatchObject({ code: 'invalid_request' });
    expect((err as DomainError).details).toEqual([{ path: 'counts.q1', message: '11 hands but 10 households present' }]);
    expect(await refusal(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 1 } }, 'Cụm 3'))).toMatchObject({ code: 'invalid_request' });
    const status = await meetingStatus(core, MONITOR, ID);
    expect(status.handCount).toBeUndefined();
    expect(status.clusters).toEqual([
      { cluster: 'Cụm 1', present: 10 },
      { cluster: 'Cụm 2', present: 30 },
    ]);
  });

  it("replaces a cluster's count and keeps the other cluster's", async () => {
    const core = await opened(200);
    await arrive(core, 1, 5, 'Cụm 1');
    await arrive(core, 6, 12, 'Cụm 2');
    await recordVotingMethod(core, OFFICIAL, ID, 'show_of_hands');
    await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 4, no: 1 } }, 'Cụm 1');
    await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 7 } }, 'Cụm 2');
    // The name is normalised (NFC, trimmed): a decomposed "Cụm 1" is the same cluster.
    const status = await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 2, no: 3 } }, ' Cu\u0323m 1 ');
    expect(status.clusters).toEqual([
      { cluster: 'Cụm 1', present: 5, handCount: { q1: { yes: 2, no: 3 } } },
      { cluster: 'Cụm 2', present: 7, handCount: { q1: { yes: 7 } } },
    ]);
    expect(status.handCount).toEqual({ q1: { yes: 9, no: 3 } });
    expect(await core.store.readForTally(ID)).toMatchObject({ present: 12, handCount: { q1: { yes: 9, no: 3 } } });
  });

  it('without clusters, a hamlet of 200 households counts hands as before, and a cluster is refused', async () => {
    const core = await opened(200);
    await arrive(core, 1, 3);
    expect(await refusal(recordAttendance(core, OFFICIAL, ID, 'H-4', 'Cụm 1'))).toMatchObject({ code: 'invalid_request' });
    await recordVotingMethod(core, OFFICIAL, ID, 'show_of_hands');
    expect(await refusal(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 3 } }, 'Cụm 1'))).toMatchObject({ code: 'invalid_request' });
    const status = await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 3 } });
    expect(status).toMatchObject({ present: 3, handCount: { q1: { yes: 3 } } });
    expect(status.clusters).toBeUndefined();
  });
});
