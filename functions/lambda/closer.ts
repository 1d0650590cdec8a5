/**
 * The closer Lambda: the target of the one-time EventBridge Scheduler schedule `close-<id>`. Scheduler delivers
 * at least once and retries, and closeAndPublish is idempotent, so a repeat is harmless. A failure is thrown so
 * Scheduler retries and, in the end, sends the event to the dead-letter queue.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import type { CoreDeps } from '../core/deps.ts';
import { closeAndPublish } from '../core/publishing.ts';
import { awsClients, awsCoreDeps, readConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-closer' });

export const CloseEvent = z.object({ consultationId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) });

/** The middy-wrapped handler over the given deps (built lazily, once per cold start). */
export function createCloser(deps: () => CoreDeps) {
  let core: CoreDeps | undefined;
  return middy()
    .use(injectLambdaContext(logger))
    .handler(async (event: unknown) => {
      const parsed = CloseEvent.safeParse(event);
      if (!parsed.success) {
        // A malformed event will never succeed: log and drop it rather than retrying it into the DLQ forever.
        logger.error('malformed close event', { issues: parsed.error.issues.map((i) => i.message) });
        return { status: 'ignored' as const };
      }
      core ??= deps();
      const r = await closeAndPublish(core, undefined, parsed.data.consultationId, 'scheduled');
      logger.info('closed and published', { consultationId: parsed.data.consultationId });
      return { status: r.state, result: r.result };
    });
}

export const handler = createCloser(() => {
  const config = readConfig(process.env);
  return awsCoreDeps(config, awsClients(config), (line) => logger.error(line));
});
