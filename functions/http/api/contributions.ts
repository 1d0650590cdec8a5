/**
 * The contributions routes of the API: the public summary of a published schedule and its ledger, and the officials'
 * entries (collections, spending, corrections). A sub-app of the API: each route's spec parses its request and documents it.
 */
import { defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { Level, LedgerEntry, Schedule } from '../../../shared/contributions.ts';
import { Basis, Hex64 } from '../../../shared/schemas.ts';
import { contributionSummary, recordEntry } from '../../core/contributions.ts';
import type { CoreDeps } from '../../core/deps.ts';

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

export function contributionsApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/contributions',
        summary: 'The contribution schedule of a published result (dues by the adopted level) and what was collected and spent',
        params: { id: idParam },
        responses: { 200: ContributionsResponse },
      },
      async ({ params }, c) => c.json(await contributionSummary(core, params.id), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/contributions/entries',
        summary: 'Record a collection, a spending or a correction in the ledger (after publication; audit-logged)',
        auth: 'official',
        body: LedgerEntry,
        params: { id: idParam },
        responses: { 201: EntryResponse },
      },
      async ({ params, body, who }, c) => {
        const entry = body;
        return c.json(await recordEntry(core, who, params.id, entry), 201);
      },
    ),
  ]);
}
