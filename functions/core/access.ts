import { DomainError } from '../../shared/errors.ts';
import type { ConsultationRecord } from './store.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';

/** The consultation, or `not_found`; the live turnout only when `withCounts` (it costs a batch read). */
export async function load(deps: CoreDeps, id: string, withCounts = false): Promise<ConsultationRecord> {
  const rec = await deps.store.getConsultation(id, { counts: withCounts });
  if (!rec) throw new DomainError('not_found', 'no such consultation');
  return rec;
}

/**
 * Loads a consultation for an official's act, checking in the order that leaks nothing: signed in (401), an
 * official (403), the consultation exists (404), it is of their commune (403; a draft of another commune is 404).
 */
export async function loadForOfficial(deps: CoreDeps, who: Principal | undefined, id: string, withCounts = false) {
  const official = requireOfficial(who);
  const rec = await load(deps, id, withCounts);
  if (rec.consultation.commune !== official.commune) {
    if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
    throw new DomainError('forbidden', 'the consultation belongs to another commune');
  }
  return { rec, official };
}

/** The same for a monitor's (or, unless `monitorOnly`, an official's) act. */
export async function loadForMonitor(deps: CoreDeps, who: Principal | undefined, id: string, monitorOnly = false) {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'monitor' && (monitorOnly || who.role !== 'official')) throw new DomainError('forbidden', 'this act is for monitors');
  const rec = await load(deps, id);
  if (rec.consultation.commune !== who.commune) {
    if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
    throw new DomainError('forbidden', 'the consultation belongs to another commune');
  }
  return { rec, who };
}

/**
 * The same for an act of the given roles (the commune People's Committee's, or a recognising body's): signed in
 * (401), one of `roles` (403), the consultation exists (404), it is of their commune (403; a draft of another is 404).
 */
export async function loadForRoles(deps: CoreDeps, who: Principal | undefined, id: string, roles: readonly Principal['role'][]) {
  if (!who) throw new DomainError('unauthorized');
  if (!roles.includes(who.role)) throw new DomainError('forbidden', `this act is for ${roles.join(' or ')}`);
  const rec = await load(deps, id);
  if (rec.consultation.commune !== who.commune) {
    if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
    throw new DomainError('forbidden', 'the consultation belongs to another commune');
  }
  return { rec, who };
}

/** An act of the commune People's Committee (UBND xã, role `commune`), only inside its own commune. */
export const loadForCommune = (deps: CoreDeps, who: Principal | undefined, id: string) => loadForRoles(deps, who, id, ['commune']);

/** Best effort after an act has committed: a failure is logged, never turned into an error for the act. */
export async function afterCommit(deps: CoreDeps, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    deps.log?.(`${what} failed after the act committed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
  }
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
