/**
 * The acts that move a consultation before voting: disclosing it (công khai) and cancelling it. Each is audit-logged
 * in the same transaction as the state change, then the public pages it changes are published again.
 */
import { DomainError } from '../../shared/errors.ts';
import type { State } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { republish } from './republish.ts';
import type { ConsultationRecord } from './store.ts';

/** A state change by an official, audit-logged under `action`; the disclosure page and the site index follow. */
async function changeState(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  move: { from: readonly State[]; to: State; action: string; check?: (rec: ConsultationRecord) => void },
): Promise<ConsultationRecord> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (!move.from.includes(rec.state)) throw new DomainError('wrong_state', `cannot go from ${rec.state} to ${move.to}`);
  move.check?.(rec);
  const now = instant(deps.clock.now());
  await deps.store.transition(id, move.from, move.to, now, { at: now, actor: actorOf(official), action: move.action, data: { from: rec.state, to: move.to } });
  await republish(deps, id, ['disclosure', 'index']);
  return load(deps, id, true);
}

/** Why a draft cannot be disclosed yet, in both languages; undefined when it can. */
export function discloseObstacle(rec: Pick<ConsultationRecord, 'state' | 'rollCount'>): { vi: string; en: string } | undefined {
  if (rec.state !== 'draft') return { vi: 'Chỉ công khai được dự thảo.', en: 'Only a draft can be disclosed.' };
  if (rec.rollCount === 0)
    return {
      vi: 'Chưa có danh sách hộ: hãy tải danh sách hộ lên trước khi công khai.',
      en: 'The roll is empty: upload the household roll before disclosing.',
    };
  return undefined;
}

/**
 * Publishes a draft's disclosure (state `disclosure`), audited `disclosed`. Refused while the roll is empty: the
 * notice names who is asked, and the content can no longer be edited once disclosed.
 */
export function discloseConsultation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationRecord> {
  return changeState(deps, who, id, {
    from: ['draft'],
    to: 'disclosure',
    action: 'disclosed',
    check: (rec) => {
      if (rec.rollCount === 0) {
        const why = discloseObstacle(rec)!;
        throw new DomainError('wrong_state', 'the roll is empty: upload the household roll before disclosing', [{ path: 'roll', message: 'empty' }], why.vi);
      }
    },
  });
}

/** Cancels a draft or a disclosed consultation for good, audited `cancelled`. */
export function cancelConsultation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationRecord> {
  return changeState(deps, who, id, { from: ['draft', 'disclosure'], to: 'cancelled', action: 'cancelled' });
}
