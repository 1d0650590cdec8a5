/**
 * What the staff pages show, read for them: no handler reads the store. Each read checks who asks first, in the
 * order of access.ts, so a page leaks nothing a use case would not.
 */
import { DomainError } from '../../shared/errors.ts';
import type { OpeningCheck } from '../../shared/matters.ts';
import type { AuditEvent, Household } from '../../shared/schemas.ts';
import { load, loadForMonitor, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';
import { openingStatus } from './voting.ts';

/** Households by category, as the roll page counts them. */
export interface RollSummary {
  count: number;
  byCategory: Record<Household['category'], number>;
}

/** Counts a roll by category. */
export function countByCategory(households: readonly Pick<Household, 'category'>[]): RollSummary {
  const byCategory: RollSummary['byCategory'] = { standard: 0, poor: 0, near_poor: 0, policy: 0 };
  for (const h of households) byCategory[h.category]++;
  return { count: households.length, byCategory };
}

/** Every consultation of the official's or monitor's commune, drafts included, newest first. */
export async function communeDashboard(deps: CoreDeps, who: Principal | undefined): Promise<ConsultationRecord[]> {
  if (!who) throw new DomainError('unauthorized');
  const all = await deps.store.listConsultations();
  return all.filter((r) => r.consultation.commune === who.commune && (who.role === 'official' || r.state !== 'draft'));
}

/** The official's page of one consultation: the record with its live turnout, and whether minutes were drafted. */
export async function consultationOverview(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec } = await loadForOfficial(deps, who, id, true);
  const minutesDrafted = rec.state === 'published' && (await deps.publisher.get(`c/${id}/record/decision.json`)) !== undefined;
  return { rec, minutesDrafted };
}

/** The roll in force of a consultation, counted by category, for its officials. */
export async function rollSummary(deps: CoreDeps, who: Principal | undefined, id: string): Promise<RollSummary> {
  await loadForOfficial(deps, who, id);
  return countByCategory(await deps.store.getRoll(id));
}

/** The roll as stored, heads' names included: only for the private preview of the commune's own officials. */
export async function rollHouseholds(deps: CoreDeps, who: Principal | undefined, id: string): Promise<{ rec: ConsultationRecord; households: Household[] }> {
  const { rec } = await loadForOfficial(deps, who, id);
  return { rec, households: await deps.store.getRoll(id) };
}

/** The hamlet of each of `households` (all of the roll when omitted), for printing code slips. */
export async function slipHamlets(deps: CoreDeps, who: Principal | undefined, id: string, households?: readonly string[]): Promise<Map<string, string>> {
  await loadForOfficial(deps, who, id);
  const wanted = households ? new Set(households) : undefined;
  const roll = await deps.store.getRoll(id);
  return new Map(roll.filter((h) => !wanted || wanted.has(h.id)).map((h) => [h.id, h.hamlet]));
}

/** The live audit log: to the commune's monitors, and unless `monitorOnly` to its officials. */
export async function liveAudit(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  options: { monitorOnly?: boolean } = {},
): Promise<{ rec: ConsultationRecord; log: AuditEvent[] }> {
  await loadForMonitor(deps, who, id, options.monitorOnly ?? false);
  const [rec, log] = await Promise.all([load(deps, id, true), deps.store.getAudit(id)]);
  return { rec, log };
}

/** Why voting cannot open now, in the order an official would fix them. */
export type OpeningObstacle = 'not_before_voting' | 'closing_passed' | 'conditions_missing' | 'roll_empty';

/** Whether an official may open voting now, and if not why; with the disclosure check the confirmation page explains. */
export async function openingReadiness(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
): Promise<{ rec: ConsultationRecord; allowed: boolean; reasons: OpeningObstacle[]; check?: OpeningCheck }> {
  const { rec } = await loadForOfficial(deps, who, id);
  const before = rec.state === 'draft' || rec.state === 'disclosure';
  const check = before ? await openingStatus(deps, id, rec.consultation.method, rec.consultation.matter) : undefined;
  const reasons: OpeningObstacle[] = [];
  if (!before) reasons.push('not_before_voting');
  if (Date.parse(rec.consultation.closesAt) <= deps.clock.now().getTime()) reasons.push('closing_passed');
  if ((check?.missingConditions.length ?? 0) > 0) reasons.push('conditions_missing');
  if (rec.rollCount === 0) reasons.push('roll_empty');
  return { rec, allowed: reasons.length === 0, reasons, ...(check ? { check } : {}) };
}
