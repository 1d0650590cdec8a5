/**
 * The links between a published round and the correction round a full hand count made of it (full-count.ts), read
 * from the logs: the original's live log says how the full count ended (`full_count_concluded`, with `correctedBy`
 * when the count differed), the correction's first event (`created`) names the round it `corrects`. Read by the
 * result pages and the home page; nothing here writes.
 */
import type { AuditEvent } from '../../shared/schemas.ts';
import type { FullCountNote } from '../../web/result-page.tsx';
import type { CoreDeps } from './deps.ts';
import type { ConsultationRecord } from './store.ts';

/** The events of a full hand count, in the audited round's live log. */
export const FULL_COUNT = {
  /** The monitors decided a full count without an audit that ended in one (data: `reason`). */
  started: 'full_count_started',
  /** One slip as read by hand (data: `serial`, `answers`, `notFound` when the slip was not in the box). */
  reading: 'full_count_reading',
  /** Every slip read: `agrees`, and when it does not, `correctedBy` (the correction round) and `nonceSeed`. */
  concluded: 'full_count_concluded',
} as const;

/** The full count's concluding event, if any. */
export const concludedOf = (log: readonly AuditEvent[]) => log.find((e) => e.action === FULL_COUNT.concluded);

/** Whether a full count is open: the audit concluded `full_count`, or the monitors decided one. */
export function fullCountOpen(log: readonly AuditEvent[]): boolean {
  return log.some((e) => e.action === FULL_COUNT.started || (e.action === 'rla_published' && e.data.conclusion === 'full_count'));
}

/** The full count as a result page says it: under way (slips read), agreeing, or corrected by another round. */
export function fullCountNote(log: readonly AuditEvent[]): FullCountNote | undefined {
  const done = concludedOf(log);
  if (done) {
    if (done.data.agrees === true) return { stage: 'agrees', slips: Number(done.data.slips) };
    return { stage: 'corrected', by: String(done.data.correctedBy) };
  }
  if (!fullCountOpen(log)) return undefined;
  const serials = new Set(log.filter((e) => e.action === FULL_COUNT.reading).map((e) => String(e.data.serial)));
  return { stage: 'under_way', read: serials.size };
}

/** The round a correction round corrects, from its `created` event. */
export function correctsOf(log: readonly AuditEvent[]): string | undefined {
  const created = log.find((e) => e.action === 'created');
  return typeof created?.data.corrects === 'string' ? created.data.corrects : undefined;
}

/**
 * Original round id -> the correction round that corrects it, among `records`: only rounds that follow another are
 * read (their first event names what they correct), so the home page reads one log per follow-up round, not per round.
 */
export async function correctionsOf(deps: CoreDeps, records: readonly ConsultationRecord[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const followers = records.filter((r) => r.consultation.follows !== undefined && (r.state === 'published' || r.state === 'closed'));
  await Promise.all(
    followers.map(async (r) => {
      const corrects = correctsOf(await deps.store.getAudit(r.consultation.id));
      if (corrects && r.state === 'published') map.set(corrects, r.consultation.id);
    }),
  );
  return map;
}
