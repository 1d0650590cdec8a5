/**
 * The closer Lambda, the only function whose role may sign with the commune's key. It takes these events:
 * - `{consultationId}` from the one-time EventBridge Scheduler schedule `close-<id>` (at least once, with retries):
 *   it carries no one's word, so it closes only a round whose `closesAt` has passed (an early one is left alone);
 * - `{consultationId, idToken}` from the API or the officials' pages, when an official closes by hand (synchronous;
 *   a client mistake is answered as `{error}`, not thrown, so it is neither a retry nor an alarm). The closer
 *   verifies the official's id token itself, with the same verifier as the API (issuer, JWKS, audience), and takes
 *   who closes from its claims: a missing, expired or forged token is refused and closes nothing;
 * - `{act: 'aggregate', groupId, idToken}` from the staff function, when an official publishes (again) a commune
 *   round's aggregate, which is signed: the token is verified exactly as for a close by hand, and the answer is the
 *   group's status or `{error}`;
 * - `{act: 'rla', consultationId, idToken, fullCount?}`, the slot for a monitor's conclusion of a risk-limiting audit
 *   (which signs `rla.jws`): handled the same way, by `concludeRla` of core/rla.ts, loaded only when this act comes;
 * - `{sweep: true}` from the sweep rule (closes overdue rounds, and sends the notices due by the clock: the reminder
 *   of an online round 24 hours before its close, the result once published);
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
import { cognitoJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import { load } from '../core/access.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { TokenVerifier } from '../core/ports.ts';
import { publishAggregate } from '../core/commune-rounds.ts';
import type { Principal } from '../core/ports.ts';
import { closeAndPublish, publishIndex, publishKeys } from '../core/publishing.ts';
import { sweep } from '../core/sweeper.ts';

/** The log message of a sweep that found a round voting without its close schedule. */
export const SCHEDULE_MISSING = 'schedule_missing';
import { awsClients, awsCoreDeps, readCloserConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-closer' });

export const CloseEvent = z.strictObject({ consultationId: Ulid });
export const ManualCloseEvent = z.strictObject({
  consultationId: Ulid,
  /** The official's id token, verified here; who closes is read from it, never from the event. */
  idToken: z.string().min(1).max(16_384),
  /** Closing before the planned time: the official's reason (checked by closeAndPublish), and whether it is required. */
  earlyReason: z.string().max(4000).optional(),
  requireEarlyReason: z.literal(true).optional(),
});
/** An official publishes (again) a commune round's aggregate, which is signed; who asks is read from the token. */
export const AggregateEvent = z.strictObject({ act: z.literal('aggregate'), groupId: Ulid, idToken: z.string().min(1).max(16_384) });
/** A monitor concludes a risk-limiting audit, which signs `rla.jws`; who asks is read from the token. */
export const RlaEvent = z.strictObject({
  act: z.literal('rla'),
  consultationId: Ulid,
  idToken: z.string().min(1).max(16_384),
  fullCount: z.boolean().optional(),
});
/** The signed acts a person asks for, other than a close by hand; one more is one more member here and in `acts`. */
export const ActEvent = z.discriminatedUnion('act', [AggregateEvent, RlaEvent]);
export type ActEvent = z.infer<typeof ActEvent>;
export const PublishKeysEvent = z.strictObject({});
/** From the sweep rule, every few minutes (core/sweeper.ts). */
export const SweepEvent = z.strictObject({ sweep: z.literal(true) });

/** Failures the next sweep cannot fix by itself: they fail the invocation, so the function's error alarm fires. */
const ALARMING = new Set(['internal_error', 'integrity_error', 'unavailable']);

/** The user pool whose id tokens the closer accepts for a close by hand (the same as the API's). */
export const CloserAuthConfig = z.object({ AWS_REGION: z.string().min(1), USER_POOL_ID: z.string().min(1), USER_POOL_CLIENT_ID: z.string().min(1) });

/** The refusal of a close by hand whose token does not verify: an answer, never a close. */
const UNAUTHORIZED = { error: { code: 'unauthorized', message: 'the id token is missing, expired or not valid here' } } as const;

/** What a monitor's conclusion of an audit runs, if core/rla.ts has it (loaded on demand, only for that act). */
type ConcludeRla = (deps: CoreDeps, who: Principal, id: string, options: { fullCount?: boolean }) => Promise<unknown>;

async function concludeRlaIfAny(): Promise<ConcludeRla | undefined> {
  const mod = (await import('../core/rla.ts')) as { concludeRla?: unknown };
  return typeof mod.concludeRla === 'function' ? (mod.concludeRla as ConcludeRla) : undefined;
}

/** Each act of `ActEvent`, run for the principal its token named: the use case checks the rest (role, commune, state). */
const acts: { [K in ActEvent['act']]: (deps: CoreDeps, who: Principal, event: Extract<ActEvent, { act: K }>) => Promise<unknown> } = {
  aggregate: (deps, who, event) => publishAggregate(deps, event.groupId, who),
  rla: async (deps, who, event) => {
    const conclude = await concludeRlaIfAny();
    if (!conclude) throw new DomainError('not_found', 'this closer does not conclude audits');
    return conclude(deps, who, event.consultationId, event.fullCount ? { fullCount: true } : {});
  },
};

/** The subject of an act, for the logs (never the token). */
const subjectOf = (event: ActEvent): Record<string, string> =>
  event.act === 'aggregate' ? { groupId: event.groupId } : { consultationId: event.consultationId };

/**
 * The middy-wrapped handler over the given deps and token verifier (each built lazily, once per cold start).
 * Without a verifier every close by hand is refused.
 */
export function createCloser(deps: () => CoreDeps, verifier?: () => TokenVerifier) {
  let core: CoreDeps | undefined;
  let verify: TokenVerifier | undefined;
  const get = () => (core ??= deps());
  const verifyToken: TokenVerifier = async (token) => {
    if (!verifier) return undefined;
    verify ??= verifier();
    return verify(token);
  };
  /**
   * An act a person asked for: their id token verified here (a token that does not verify is refused and nothing is
   * done), then `run` for the principal it names. A client mistake is answered as `{error}`, not thrown, so it is
   * neither a retry nor an alarm; a broken integrity or an internal failure is thrown.
   */
  const byHand = async (idToken: string, what: string, subject: Record<string, string>, run: (who: Principal) => Promise<unknown>) => {
    const who = await verifyToken(idToken);
    if (!who) {
      logger.warn(`${what} refused: the id token does not verify`, subject);
      return UNAUTHORIZED;
    }
    try {
      const r = await run(who);
      logger.info(`${what} done`, subject);
      return r;
    } catch (err) {
      if (err instanceof DomainError && err.code !== 'integrity_error' && err.code !== 'internal_error') {
        return { error: { code: err.code, message: err.message } };
      }
      throw err;
    }
  };
  return middy()
    .use(injectLambdaContext(logger))
    .handler(async (event: unknown) => {
      const manual = ManualCloseEvent.safeParse(event);
      if (manual.success) {
        const { consultationId, earlyReason, requireEarlyReason } = manual.data;
        // closeAndPublish checks the rest: an official (403), of the consultation's commune (403/404).
        return byHand(manual.data.idToken, 'close by hand', { consultationId }, (who) =>
          closeAndPublish(get(), who, consultationId, 'manual', { earlyReason, requireEarlyReason }),
        );
      }
      const act = ActEvent.safeParse(event);
      if (act.success) {
        const run = acts[act.data.act] as (deps: CoreDeps, who: Principal, event: ActEvent) => Promise<unknown>;
        return byHand(act.data.idToken, act.data.act, subjectOf(act.data), (who) => run(get(), who, act.data));
      }
      const scheduled = CloseEvent.safeParse(event);
      if (scheduled.success) {
        // No one's word comes with a scheduled close: a round still voting closes only once its planned time has
        // passed (the schedule fires at or after it; a moved close has a new schedule). A closed round finishes.
        const rec = await load(get(), scheduled.data.consultationId);
        if (rec.state === 'voting' && get().clock.now().getTime() < Date.parse(rec.consultation.closesAt)) {
          logger.warn('scheduled close before its time: nothing done', { consultationId: scheduled.data.consultationId });
          return { status: 'not_due' as const };
        }
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
        if (report.notices.failed.length > 0) logger.error('sweep: notices failed', { failed: report.notices.failed });
        logger.info('swept', { closed: report.closed, busy: report.busy, notices: report.notices.sent });
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

export const handler = createCloser(
  () => {
    const config = readCloserConfig(process.env);
    return awsCoreDeps(config, awsClients(config), (line) => logger.error(line));
  },
  () => {
    const auth = CloserAuthConfig.parse(process.env);
    const { issuer, jwks } = cognitoJwks(auth.AWS_REGION, auth.USER_POOL_ID);
    return tokenVerifier({ jwks, issuer, audience: auth.USER_POOL_CLIENT_ID });
  },
);
