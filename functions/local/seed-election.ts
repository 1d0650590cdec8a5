/**
 * The demo's village-head election as the law's process (Decree 59/2023 Art. 6–8), from the commune chair's decision
 * to UBND xã's recognition: every step recorded on the day it was done, within its limit counted back from the
 * meeting, the Front's candidate list, the election team led by the Front's representative, a self-nomination from
 * the floor, the count (more than 50 % of H) and the recognition. Its timeline is published at `p/<id>/index.html`.
 */
import { addDays } from '../../shared/process/calendar.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import { createElection, recogniseElection, recordCandidates, recordCount, recordNominations, recordStep, recordTeam } from '../core/processes.ts';

/** Thôn Đông's households (the demo roll): H of the count. */
export const DEMO_ELECTION_HOUSEHOLDS = 142;

/**
 * Seeds the election of Thôn Đông's village head for the new term, held four days ago and recognised today; its public
 * notice and invitation reach the hamlet's households with a contact (the local outbox). Returns its id.
 */
export async function seedElectionProcess(core: CoreDeps, official: Principal, committee: Principal): Promise<string> {
  const today = vietnamDate(core.clock.now());
  const meeting = addDays(today, -4);
  const before = (days: number) => addDays(meeting, -days);
  const p = await createElection(core, official, { hamlet: 'Thôn Đông', meeting });
  await recordStep(core, official, p.id, { step: 'election_decided', on: before(26), reference: 'Quyết định số 112/QĐ-UBND và Kế hoạch số 38/KH-UBND' });
  await recordCandidates(core, official, p.id, { on: before(18), reference: 'Biên bản số 02/BB-BCTMT (mẫu 05)', names: ['Trần Văn Hùng'] });
  await recordTeam(core, official, p.id, {
    on: before(12),
    reference: 'Quyết định số 118/QĐ-UBND',
    leader: 'Lê Thị Hạnh',
    members: ['Phạm Quang Sơn', 'Đỗ Thị Mai'],
  });
  await recordStep(core, official, p.id, { step: 'notice_posted', on: before(9), reference: 'Thông báo số 07/TB-TB' });
  await recordStep(core, official, p.id, { step: 'meeting_invited', on: before(3), reference: 'Giấy mời số 08/GM-TB (mẫu 01)' });
  await recordNominations(core, official, p.id, { nominated: [], selfNominated: ['Vũ Minh Tuấn'] });
  await recordCount(core, official, p.id, { on: meeting, households: DEMO_ELECTION_HOUSEHOLDS, present: 95, votes: { c1: 88, c2: 4 } });
  await recordStep(core, official, p.id, { step: 'decision_sent', on: addDays(meeting, 1), reference: 'Tờ trình số 09/TTr-TB' });
  await recogniseElection(core, committee, p.id, { outcome: 'recognised', on: today, decision: 'Quyết định số 131/QĐ-UBND công nhận Trưởng thôn Đông' });
  return p.id;
}
