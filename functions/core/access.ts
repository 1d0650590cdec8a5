import { DomainError } from '../../shared/errors.ts';
import type { ConsultationRecord } from './store.ts';
import type { CoreDeps, Principal } from './deps.ts';

/** The consultation, or `not_found`; the live turnout only when `withCounts` (it costs a batch read). */
export async function load(deps: CoreDeps, id: string, withCounts = false): Promise<ConsultationRecord> {
  const rec = await deps.store.getConsultation(id, { counts: withCounts });
  if (!rec) throw new DomainError('not_found', 'no such consultation');
  return rec;
}

/** Only an official may act, and only inside the commune they serve (api.md). */
export function requireOfficial(who: Principal | undefined, rec?: ConsultationRecord): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'official') throw new DomainError('forbidden', 'this act is for officials');
  if (rec && rec.consultation.commune !== who.commune) throw new DomainError('forbidden', 'the consultation belongs to another commune');
  return who;
}

/** Monitors read the live log and countersign; officials of the commune may read the log too. */
export function requireMonitorOrOfficial(who: Principal | undefined, rec: ConsultationRecord, monitorOnly = false): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'monitor' && (monitorOnly || who.role !== 'official')) throw new DomainError('forbidden', 'this act is for monitors');
  if (rec.consultation.commune !== who.commune) throw new DomainError('forbidden', 'the consultation belongs to another commune');
  return who;
}

export const actorOf = (who: Principal) => ({ role: who.role, id: who.sub });
export const SYSTEM = { role: 'system' as const, id: 'scheduler' };
