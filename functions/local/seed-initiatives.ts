/**
 * The demo's citizens' initiative (Law 10/2022 Art. 16(3)): household TD-001 of Thôn Đông proposes, with the online
 * round's code, to light the hamlet's road at night; four households consent online with their codes, and the
 * proposer files a paper list of six more, recorded by an official. 10 of 142 households: still collecting (15 needed).
 */
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from '../core/deps.ts';
import { consentOnline, filePaperList, proposeInitiative } from '../core/initiatives.ts';
import type { Principal } from '../core/ports.ts';

/** The codes of the online round, one per household, as openVoting returned them. */
type Credentials = readonly { household: string; code: string }[];

export const DEMO_INITIATIVE = {
  title: 'Lắp đèn chiếu sáng đường trục thôn Đông',
  text: 'Đề nghị lắp 12 bóng đèn năng lượng mặt trời dọc đường trục thôn từ nhà văn hóa đến cầu Đông, bật từ 18 giờ đến 22 giờ, để người dân đi lại an toàn buổi tối.',
  online: ['TD-002', 'TD-003', 'TD-004', 'TD-005'],
  paper: ['TD-010', 'TD-011', 'TD-012', 'TD-020', 'TD-021', 'TD-022'],
} as const;

/** Seeds the initiative on the online round's roll and codes; returns its id. */
export async function seedInitiatives(core: CoreDeps, official: Principal, online: { id: string; credentials: Credentials }): Promise<string> {
  const codeOf = (household: string) => {
    const c = online.credentials.find((k) => k.household === household);
    if (!c) throw new RangeError(`no code for ${household}`);
    return c.code;
  };
  const proposed = await proposeInitiative(
    core,
    { rollFrom: online.id, code: codeOf('TD-001'), matter: 'other_self_managed', title: DEMO_INITIATIVE.title, text: DEMO_INITIATIVE.text },
    'seed',
  );
  for (const household of DEMO_INITIATIVE.online) await consentOnline(core, proposed.id, codeOf(household), 'seed');
  const today = vietnamDate(core.clock.now());
  await filePaperList(core, official, proposed.id, {
    list: 'DS-01',
    filedBy: 'Hộ TD-001',
    filedOn: today,
    entries: DEMO_INITIATIVE.paper.map((rollId) => ({ rollId, on: today })),
  });
  return proposed.id;
}
