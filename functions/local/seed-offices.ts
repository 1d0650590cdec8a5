/**
 * The demo's board election and dismissal for `npm start`: Thôn Đông elected three members of its People's Inspection
 * Board a fortnight ago, from the Front working committee's list and one nomination from the floor, and UBMTTQ xã
 * (the demo's monitor) recognised them; in Thôn Tây the village head asked to step down, the meeting agreed, the
 * decision went to UBND xã and waits for its recognition. Every act is a core use case, on days counted back from
 * today. Names are invented.
 */
import { addDays } from '../../shared/process/calendar.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from '../core/deps.ts';
import { createBoardElection, recogniseBoard, recordBoardCandidates, recordBoardCount, recordBoardNominations } from '../core/office-boards.ts';
import { createDismissal, recordDismissalVote, recordOfficeStep } from '../core/office-processes.ts';
import type { Principal } from '../core/ports.ts';

/** A board election recognised by UBMTTQ xã (`front`, a monitor of the commune). */
async function seedBoard(core: CoreDeps, official: Principal, front: Principal, today: string): Promise<string> {
  const meeting = addDays(today, -14);
  const { id } = await createBoardElection(core, official, { hamlet: 'Thôn Đông', meeting, board: 'inspection', seats: 3 });
  await recordBoardCandidates(core, official, id, {
    on: addDays(meeting, -12),
    reference: 'Biên bản số 07/BB-BCTMT',
    names: ['Đặng Thị Hồng', 'Bùi Văn Lực', 'Ngô Thị Mến'],
  });
  await recordOfficeStep(core, official, id, { step: 'meeting_invited', on: addDays(meeting, -4), reference: 'Thông báo số 08/TB-TĐ' });
  await recordBoardNominations(core, official, id, { nominated: ['Phan Văn Nghĩa'], selfNominated: [] });
  await recordBoardCount(core, official, id, { on: meeting, households: 142, present: 118, votes: { c1: 104, c2: 97, c3: 88, c4: 41 } });
  await recordOfficeStep(core, official, id, { step: 'decision_sent', on: addDays(meeting, 2), reference: 'Quyết định số 03/QĐ-TĐ' });
  await recogniseBoard(core, front, id, { outcome: 'recognised', on: addDays(meeting, 5), decision: '12/QĐ-MTTQ' });
  return id;
}

/** A dismissal at the head's own request, voted by the meeting and sent to UBND xã. */
async function seedDismissal(core: CoreDeps, official: Principal, today: string): Promise<string> {
  const meeting = addDays(today, -3);
  const { id } = await createDismissal(core, official, { hamlet: 'Thôn Tây', meeting, ground: 'own_request', headLeadsFront: false });
  await recordOfficeStep(core, official, id, { step: 'dismissal_requested', on: addDays(meeting, -12), reference: 'Đơn ngày 12' });
  await recordOfficeStep(core, official, id, { step: 'meeting_invited', on: addDays(meeting, -5), reference: 'Thông báo số 02/TB-BCTMT' });
  await recordDismissalVote(core, official, id, { on: meeting, households: 96, present: 71, yes: 63 });
  await recordOfficeStep(core, official, id, { step: 'decision_sent', on: addDays(meeting, 1), reference: 'Quyết định số 01/QĐ-TT' });
  return id;
}

/**
 * Seeds a recognised board election and a dismissal waiting for UBND xã; `front` is the commune's monitor standing
 * for UBMTTQ xã (by default the demo's `monitor` account of the official's commune).
 * @example await seedOffices(core, official)
 */
export async function seedOffices(
  core: CoreDeps,
  official: Principal,
  front: Principal = { sub: 'demo-monitor-01', role: 'monitor', commune: official.commune },
): Promise<{ board: string; dismissal: string }> {
  const today = vietnamDate(core.clock.now());
  return { board: await seedBoard(core, official, front, today), dismissal: await seedDismissal(core, official, today) };
}
