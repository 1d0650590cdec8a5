/**
 * The monitors' risk-limiting audit of a published paper round (functions/core/rla.ts): its state, the seed digits
 * entered at the public session, the readings of the drawn slips, and the conclusion that publishes rla.json and
 * rla.jws. Paths under `/rla` (the live audit log already holds `/audit`).
 */
import type { RlaRequester } from '../../core/ports.ts';
import { bearerToken } from '../middleware/bearer-principal.ts';
import * as z from 'zod';
import { Answers } from '../../../shared/schemas.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { concludeRla, enterReading, enterSeedDigits, MAX_SEED_DIGITS, rlaState } from '../../core/rla.ts';
import { enterFullCountReading, fullCountState, requireFullCountReady, startFullCount } from '../../core/full-count.ts';
import { type ApiRoute, defineRoute, idParam, resource } from './route.ts';

export const RlaSeedBody = z.strictObject({
  digits: z
    .string()
    .trim()
    .regex(/^[0-9]+$/, 'ASCII digits only')
    .max(MAX_SEED_DIGITS),
});
export const RlaReadingBody = z.strictObject({ k: z.int().min(1), answers: Answers });
export const RlaConcludeBody = z.strictObject({ fullCount: z.boolean().optional() });
/** The audit's state (functions/core/rla.ts `RlaState`): seed entries, draws, readings, risk per question, conclusion. */
export const RlaStateResponse = z.record(z.string(), z.unknown());

/**
 * The audit's routes. The conclusion signs with the commune's key: on AWS the closer does it (`rlaRequester`, with the
 * monitor's own id token, which it checks itself); by default this process.
 */
export function rlaApi(core: CoreDeps, rlaRequester?: RlaRequester) {
  const concluder: RlaRequester = rlaRequester ?? { rla: async (monitor, _idToken, id, options) => ({ ...(await concludeRla(core, monitor, id, options)) }) };
  return resource([
    ...fullCountApi(core, concluder),
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/rla',
        summary: 'The risk-limiting audit of a published paper round',
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: RlaStateResponse },
      },
      async ({ params, who }, c) => c.json(await rlaState(core, who, params.id), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/rla/seed',
        summary: "A monitor's seed digits, entered at the public session",
        auth: 'monitor',
        params: { id: idParam },
        body: RlaSeedBody,
        responses: { 201: RlaStateResponse },
      },
      async ({ params, who, body }, c) => c.json(await enterSeedDigits(core, who, params.id, body.digits), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/rla/readings',
        summary: 'What the slip of draw k says, per question',
        auth: 'monitor',
        params: { id: idParam },
        body: RlaReadingBody,
        responses: { 201: RlaStateResponse },
      },
      async ({ params, who, body }, c) => c.json(await enterReading(core, who, params.id, body.k, body.answers), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/rla/conclude',
        summary: 'Conclude the audit: publish rla.json and rla.jws',
        auth: 'monitor',
        params: { id: idParam },
        body: RlaConcludeBody,
        bodyOptional: true,
        responses: { 200: RlaStateResponse },
      },
      async ({ params, who, body }, c) => c.json(await concluder.rla(who, bearerToken(c), params.id, body?.fullCount ? { fullCount: true } : {}), 200),
    ),
  ]);
}

export const FullCountStartBody = z.strictObject({ reason: z.string().min(5).max(500) });
export const FullCountReadingBody = z.strictObject({
  serial: z.string().trim().min(1).max(32),
  answers: Answers,
  /** The slip is not in the box: counted as no opinion on every question. */
  notFound: z.boolean().optional(),
});
/** The full count's state (functions/core/full-count.ts `FullCountState`): slips by serial, readings, recount, conclusion. */
export const FullCountStateResponse = z.record(z.string(), z.unknown());

/**
 * The full hand count after an audit (or a decision of the monitors), and the correction round it makes when the count
 * differs. The conclusion signs the correction's result, so it goes the way the audit's conclusion goes (`concluder`).
 */
function fullCountApi(core: CoreDeps, concluder: RlaRequester): ApiRoute[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/full-count',
        summary: 'The full hand count of a published paper round',
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: FullCountStateResponse },
      },
      async ({ params, who }, c) => c.json(await fullCountState(core, who, params.id), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/full-count/start',
        summary: 'The monitors decide a full hand count, with their reason',
        auth: 'monitor',
        params: { id: idParam },
        body: FullCountStartBody,
        responses: { 201: FullCountStateResponse },
      },
      async ({ params, who, body }, c) => c.json(await startFullCount(core, who, params.id, body.reason), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/full-count/readings',
        summary: 'What one slip says, by its serial, in the full hand count',
        auth: 'monitor',
        params: { id: idParam },
        body: FullCountReadingBody,
        responses: { 201: FullCountStateResponse },
      },
      async ({ params, who, body }, c) =>
        c.json(await enterFullCountReading(core, who, params.id, body.serial, body.answers, body.notFound ? { notFound: true } : {}), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/full-count/conclude',
        summary: 'Conclude the full count: confirm the result, or publish the correction round',
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: FullCountStateResponse },
      },
      async ({ params, who }, c) => {
        await requireFullCountReady(core, who, params.id);
        await concluder.rla(who, bearerToken(c), params.id, {});
        return c.json(await fullCountState(core, who, params.id), 200);
      },
    ),
  ];
}
