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
  move: { from: readonly State[]; to: State; action: string },
): Promise<ConsultationRecord> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (!move.from.includes(rec.state)) throw new DomainError('wrong_state', `cannot go from ${rec.state} to ${move.to}`);
  const now = instant(deps.clock.now());
  await deps.store.transition(id, move.from, move.to, now, { at: now, actor: actorOf(official), action: move.action, data: { from: rec.state, to: move.to } });
  await republish(deps, id, ['disclosure', 'index']);
  return load(deps, id, true);
}

/** Publishes a draft's disclosure (state `disclosure`), audited `disclosed`. */
export function discloseConsultation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationRecord> {
  return changeState(deps, who, id, { from: ['draft'], to: 'disclosure', action: 'disclosed' });
}

/** Cancels a draft or a disclosed consultation for good, audited `cancelled`. */
export function cancelConsultation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationRecord> {
  return changeState(deps, who, id, { from: ['draft', 'disclosure'], to: 'cancelled', action: 'cancelled' });
}
