/**
 * How far the monitors' risk-limiting audit of a published round's paper slips went, read from the live log, as the
 * result page says it: concluded (with its conclusion), under way (slips read), not started, or impossible (a show of
 * hands leaves no paper). Pure; functions/core/rla.ts writes the events it reads.
 */
import type { AuditEvent, Manifest } from '../schemas.ts';

/** The risk limit of an audit unless the commune sets its own: 5 %. */
export const DEFAULT_RISK_LIMIT: readonly [number, number] = [1, 20];

export type PaperAuditSummary =
  | { stage: 'concluded'; conclusion: 'confirmed' | 'escalated' | 'full_count'; draws: number; riskPercent: number }
  | { stage: 'under_way'; readings: number }
  | { stage: 'not_started' }
  | { stage: 'no_paper' };

const CONCLUSIONS = ['confirmed', 'escalated', 'full_count'] as const;

/** Undefined for a round with no slips to audit by nature (online, or a meeting that used no paper ballots). */
export function paperAuditOf(
  manifest: Pick<Manifest, 'method' | 'voting'>,
  log: readonly AuditEvent[],
  riskLimit: readonly [number, number] = DEFAULT_RISK_LIMIT,
): PaperAuditSummary | undefined {
  if (manifest.method === 'meeting' && manifest.voting === 'show_of_hands') return { stage: 'no_paper' };
  const paper = manifest.method === 'household_ballot' || (manifest.method === 'meeting' && manifest.voting === 'secret_ballot');
  if (!paper) return undefined;
  const published = log.find((e) => e.action === 'rla_published');
  const conclusion = CONCLUSIONS.find((c) => c === published?.data.conclusion);
  if (published && conclusion) return { stage: 'concluded', conclusion, draws: Number(published.data.draws), riskPercent: (100 * riskLimit[0]) / riskLimit[1] };
  const readings = log.filter((e) => e.action === 'rla_reading').length;
  if (readings > 0 || log.some((e) => e.action === 'rla_seed')) return { stage: 'under_way', readings };
  return { stage: 'not_started' };
}
