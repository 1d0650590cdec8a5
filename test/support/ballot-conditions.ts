/**
 * The two Decree 59/2023 Art. 4 conditions of a household-ballot round as an official records them: the plan, sent to
 * both chairs the day after it was issued, and the ballot team of three led by the Front working committee's
 * representative. For tests that open a household ballot through the core rather than the API.
 */
import type { CoreDeps } from '../../functions/core/deps.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { recordOnlineCondition } from '../../functions/core/voting.ts';
import type { OnlineCondition } from '../../shared/online-conditions.ts';

export const BALLOT_PLAN = { condition: 'ballot_plan', issued: '2026-12-01', sent: '2026-12-02', reference: 'Kế hoạch số 01/KH-TĐ' } as const;

export const BALLOT_TEAM = {
  condition: 'ballot_team',
  members: [
    { name: 'Tổ viên Một', role: 'Ban công tác Mặt trận' },
    { name: 'Tổ viên Hai', role: 'Đại diện thôn' },
    { name: 'Tổ viên Ba', role: 'Chi hội Nông dân' },
  ],
  leader: 'Tổ viên Một',
  date: '2026-12-01',
  reference: 'Quyết định số 02/QĐ-TĐ',
} as const;

export const BALLOT_RECORDED: readonly OnlineCondition[] = [BALLOT_PLAN, { ...BALLOT_TEAM, members: [...BALLOT_TEAM.members] }];

/** Records both through the core, as `who`. */
export async function recordBallotConditionsIn(core: CoreDeps, who: Principal, id: string): Promise<void> {
  for (const condition of BALLOT_RECORDED) await recordOnlineCondition(core, who, id, condition);
}
