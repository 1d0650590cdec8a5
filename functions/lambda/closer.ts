/**
 * The closer Lambda, the only function whose role may sign with the commune's key. It takes three events:
 * - `{consultationId}` from the one-time EventBridge Scheduler schedule `close-<id>` (at least once, with retries);
 * - `{consultationId, requestedBy}` from the API, when an official closes by hand (synchronous; a client mistake is
 *   answered as `{error}`, not thrown, so it is neither a retry nor an alarm);
 * - `{}` from the deploy-time trigger: publish `keys/` and the home page, so monitors can pin the key before any vote.
 * closeAndPublish is idempotent, so a repeat is harmless; a real failure is thrown so Scheduler retries and, in the
 * end, sends the event to the dead-letter queue.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { Ulid } from '../../shared/schemas.ts';
import type { CoreDeps } from '../core/deps.ts';
import { closeAndPublish, publishIndex, publishKeys } from '../core/publishing.ts';
import { sweep } from '../core/sweeper.ts';

/** The log message of a sweep that found a round voting without its close schedule. */
export const SCHEDULE_MISSING = 'schedule_missing';
import { awsClients, awsCoreDeps, readCloserConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-closer' });

export const CloseEvent = z.strictObject({ consultationId: Ulid });
export const ManualCloseEvent = z.strictObject({
  consultationId: Ulid,
  requestedBy: z.strictObject({ sub: z.string().min(1), role: z.enum(['official', 'monitor']), commune: z.string().min(1) }),
  /** Closing before the planned time: the official's reason (checked by closeAndPublish), and whether it is required. */
  earlyReason: z.string().max(4000).optional(),
  requireEarlyReason: z.literal(true).optional(),
});
export const PublishKeysEvent = z.strictObject({});
/** From the sweep rule, every few minutes (core/sweeper.ts). */
export const SweepEvent = z.strictObject({ sweep: z.literal(true) });

/** Failures the next sweep cannot fix by itself: they fail the invocation, so the function's error alarm fires. */
const ALARMING = new Set(['internal_error', 'integrity_error', 'unavailable']);

/** The middy-wrapped handler over the given deps (built lazily, once per cold start). */
export function createCloser(deps: () => CoreDeps) {
  let core: CoreDeps | undefined;
  const get = () => (core ??= deps());
  return middy()
    .use(injectLambdaContext(logger))
    .handler(async (event: unknown) => {
      const manual = ManualCloseEvent.safeParse(event);
      if (manual.success) {
        try {
          const { earlyReason, requireEarlyReason } = manual.data;
          const r = await closeAndPublish(get(), manual.data.requestedBy, manual.data.consultationId, 'manual', { earlyReason, requireEarlyReason });
          logger.info('closed and published by hand', { consultationId: manual.data.consultationId });
          return r;
        } catch (err) {
          if (err instanceof DomainError && err.code !== 'integrity_error' && err.code !== 'internal_error') {
            return { error: { code: err.code, message: err.message } };
          }
          throw err;
        }
      }
      const scheduled = CloseEvent.safeParse(event);
      if (scheduled.success) {
        try {
          const r = await closeAndPublish(get(), undefined, scheduled.data.consultationId, 'scheduled');
          logger.info('closed and published', { consultationId: scheduled.data.consultationId });
          return { status: r.state, result: r.result };
        } catch (err) {
          // Another closer holds the round (a hand close, a repeated delivery): it publishes; should it have died,
          // its lease runs out and the sweeper closes the round.
          if (err instanceof DomainError && err.code === 'busy') {
            logger.info('another closer is publishing', { consultationId: scheduled.data.consultationId });
            return { status: 'busy' as const };
          }
          throw err;
        }
      }
      if (SweepEvent.safeParse(event).success) {
        const report = await sweep(get());
        if (report.missingSchedules.length > 0)
          // The metric filter SCHEDULE_MISSING alarms on this line (infra/constructs/closing.ts).
          logger.error(SCHEDULE_MISSING, { consultationIds: report.missingSchedules });
        if (report.failed.length > 0) logger.error('sweep: closes failed', { failed: report.failed });
        logger.info('swept', { closed: report.closed, busy: report.busy });
        if (report.failed.some((f) => ALARMING.has(f.code))) throw new Error(`sweep: ${report.failed.length} close(s) failed`);
        return { status: 'swept' as const, ...report };
      }
      if (PublishKeysEvent.safeParse(event).success) {
        const kid = await publishKeys(get());
        await publishIndex(get());
        logger.info('published the signing key', { kid });
        return { status: 'keys_published' as const, kid };
      }
      // A malformed event will never succeed: log and drop it rather than retrying it into the DLQ forever.
      logger.error('malformed close event');
      return { status: 'ignored' as const };
    });
}

export const handler = createCloser(() => {
  const config = readCloserConfig(process.env);
  return awsCoreDeps(config, awsClients(config), (line) => logger.error(line));
});
