/**
 * The contributions routes of the API: the public summary of a published schedule and its ledger, and the officials'
 * entries (collections, spending, corrections). Registered by createApp with its own `route`, so they are in the
 * OpenAPI document like every other route.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { Level, LedgerEntry, Schedule } from '../../shared/contributions.ts';
import { DomainError } from '../../shared/errors.ts';
import { Basis, Hex64 } from '../../shared/schemas.ts';
import { contributionSummary, recordEntry } from '../core/contributions.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import type { RouteSpec } from './openapi.ts';

/** What createApp lends: its route table, the signed-in principal, and its edge parsing of bodies and path params. */
export interface ApiRouteKit<C extends Context> {
  core: CoreDeps;
  route: (spec: RouteSpec, handler: (c: C) => Promise<Response>) => void;
  who: (c: C) => Principal | undefined;
  jsonBody: <T>(c: C, schema: z.ZodType<T>) => Promise<T>;
  param: <T>(c: C, name: string, schema: z.ZodType<T>) => T;
}

const idParam = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const Count = z.int().min(0);

const LedgerSummary = z.strictObject({
  entries: Count,
  due: Count,
  collected: Count,
  outstanding: Count,
  spent: Count,
  balance: z.int(),
  households: z.strictObject({ not_yet: Count, partly: Count, paid: Count, overpaid: Count, nothing_due: Count }),
});

export const ContributionsResponse = z.strictObject({
  consultationId: z.string(),
  level: Level,
  basis: Basis,
  schedule: Schedule.shape.totals,
  residentsShare: Schedule.shape.residentsShare,
  ledger: LedgerSummary,
  /** The site folder with schedule.json, schedule.csv, ledger.jsonl and the page. */
  url: z.string(),
});

export const EntryResponse = z.strictObject({ seq: z.int().min(1), hash: Hex64, entry: LedgerEntry, totals: LedgerSummary });

export function contributionRoutes<C extends Context>({ core, route, who, jsonBody, param }: ApiRouteKit<C>): void {
  route(
    {
      method: 'get',
      path: '/api/consultations/{id}/contributions',
      summary: 'The contribution schedule of a published result (dues by the adopted level) and what was collected and spent',
      responses: { 200: ContributionsResponse },
    },
    async (c) => c.json(await contributionSummary(core, param(c, 'id', idParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/contributions/entries',
      summary: 'Record a collection, a spending or a correction in the ledger (after publication; audit-logged)',
      auth: 'official',
      body: LedgerEntry,
      responses: { 201: EntryResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      if (!who(c)) throw new DomainError('unauthorized');
      const entry = await jsonBody(c, LedgerEntry);
      return c.json(await recordEntry(core, who(c), id, entry), 201);
    },
  );
}
