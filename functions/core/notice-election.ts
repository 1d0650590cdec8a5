/**
 * The election notices of a village-head election (Decree 59/2023 Art. 3(3), 6): when an official records the public
 * notice (`notice_posted`) or the invitation to the meeting (`meeting_invited`), the hamlet's households that have a
 * contact are sent the notice, with the meeting's date and the link to the election's public timeline, and the send
 * is recorded in the process's own chain as `notice_sent` (counts only, never a number or a name), once per step.
 * The hamlet's households are read from the newest roll of the commune's rounds that has them.
 */
import { DomainError } from '../../shared/errors.ts';
import { instant } from '../../shared/time.ts';
import { afterCommit, actorOf } from './access.ts';
import { noticeEventData } from './contacts.ts';
import type { CoreDeps } from './deps.ts';
import { type NoticeLog, type NoticeText, notifyHouseholds } from './notifier.ts';
import type { Principal } from './ports.ts';
import type { ProcessRecord } from './store.ts';

/** The steps of an election whose recording sends a notice to the hamlet's households. */
export const NOTICE_STEPS = ['notice_posted', 'meeting_invited'] as const;
export type NoticeStep = (typeof NOTICE_STEPS)[number];
export const isNoticeStep = (step: string): step is NoticeStep => (NOTICE_STEPS as readonly string[]).includes(step);

/** The newest rolls looked at for a hamlet's households. */
const ROLLS_READ = 5;

const same = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi');

/** "2027-03-01" -> "1/3/2027". */
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
};

/** The notice's words: the hamlet, the meeting's day and the link to the public timeline (no code, no name of a household). */
export function electionNoticeText(step: NoticeStep, r: Pick<ProcessRecord, 'hamlet' | 'meeting'>, url: string): NoticeText {
  const hamlet = r.hamlet.slice(0, 120);
  return {
    vi:
      step === 'notice_posted'
        ? `UBND xã thông báo: bầu trưởng thôn ${hamlet} tại cuộc họp cộng đồng dân cư ngày ${day(r.meeting)}. Thông báo và danh sách người ứng cử được niêm yết tại nhà văn hóa thôn; xem tại ${url}`
        : `Kính mời đại diện hộ gia đình thôn ${hamlet} dự cuộc họp bầu trưởng thôn ngày ${day(r.meeting)}. Xem tại ${url}`,
  };
}

/**
 * The roll ids of the hamlet's households: from the newest rounds of the commune (not drafts, not cancelled), the
 * whole roll of a round held in that hamlet, or the households of that hamlet on a wider round's roll. Empty when no
 * roll has them.
 */
export async function hamletHouseholds(deps: CoreDeps, commune: string, hamlet: string): Promise<string[]> {
  const rounds = (await deps.store.listConsultations())
    .filter((r) => r.consultation.commune === commune && r.state !== 'draft' && r.state !== 'cancelled' && r.rollCount > 0)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const here = (r: (typeof rounds)[number]) => r.consultation.scope.kind === 'hamlet' && same(r.consultation.scope.name, hamlet);
  for (const rec of [...rounds.filter(here), ...rounds.filter((r) => !here(r))].slice(0, ROLLS_READ)) {
    const roll = await deps.store.getRoll(rec.consultation.id);
    const ids = here(rec) ? roll.map((h) => h.id) : roll.filter((h) => same(h.hamlet, hamlet)).map((h) => h.id);
    if (ids.length > 0) return ids;
  }
  return [];
}

/**
 * Sends the step's notice to the hamlet's households and records it in the process's chain; undefined when it was
 * sent already for this step, or the process is not a village-head election. Throws 400 when this runtime sends no notices or no roll has the hamlet's households.
 */
export async function sendElectionNotice(deps: CoreDeps, who: Principal, processId: string, step: NoticeStep): Promise<NoticeLog | undefined> {
  if (!deps.notifier || !deps.contacts) {
    throw new DomainError('invalid_request', 'this runtime sends no notices', undefined, 'Hệ thống này chưa có kênh gửi thông báo.');
  }
  const stored = await deps.store.getProcess(processId);
  if (!stored || stored.record.commune !== who.commune) throw new DomainError('not_found', 'no such process');
  const r = stored.record;
  // The words are the village-head election's; the other processes' notices are theirs to word.
  if (r.kind !== 'village_head_election') return undefined;
  if (!r.steps.some((s) => s.step === step)) throw new DomainError('wrong_state', `the step ${step} is not recorded`);
  const chain = await deps.store.getProcessAudit(processId);
  if (chain.some((e) => e.action === 'notice_sent' && e.data.step === step)) return undefined;
  const rollIds = await hamletHouseholds(deps, r.commune, r.hamlet);
  if (rollIds.length === 0) {
    throw new DomainError('invalid_request', 'no roll has this hamlet’s households', undefined, `Chưa có danh sách hộ của thôn ${r.hamlet} để gửi thông báo.`);
  }
  const log = await notifyHouseholds(
    { notifier: deps.notifier, contacts: deps.contacts, clock: deps.clock, ...(deps.log ? { log: deps.log } : {}) },
    { consultationId: processId, commune: r.commune, kind: 'election_notice', text: electionNoticeText(step, r, deps.publisher.url(`p/${r.id}/`)), rollIds },
  );
  await deps.store.putProcess(
    r,
    { at: instant(new Date(log.at)), actor: actorOf(who), action: 'notice_sent', data: { process: r.id, step, ...noticeEventData(log) } },
    stored.auditSeq,
  );
  return log;
}

/** Best effort after the step was recorded: a runtime without a notifier sends nothing; a failure is logged. */
export async function electionNoticeAfterStep(deps: CoreDeps, who: Principal, processId: string, step: string): Promise<void> {
  if (!isNoticeStep(step) || !deps.notifier || !deps.contacts) return;
  await afterCommit(deps, `the ${step} notice of process ${processId}`, () => sendElectionNotice(deps, who, processId, step));
}
