/**
 * The contributions routes of the API: the public summary of a published schedule and its ledger, the officials'
 * entries (collections in money, workdays or property, spending, corrections) and the village head's reports on
 * carrying out the decision (Law 10/2022 Art. 23(2)). A sub-app of the API: each route's spec parses its request and
 * documents it.
 */
import { cachePublicRead, defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { Level, LedgerEntry, Schedule } from '../../../shared/contributions.ts';
import { fromBase64 } from '../../../shared/bytes.ts';
import { DomainError } from '../../../shared/errors.ts';
import { Basis, ContributionForm, DOCUMENT_MAX_BYTES, DocumentMediaType, Hex64, PropertyTerms } from '../../../shared/schemas.ts';
import { contributionSummary, recordEntry, recordReport } from '../../core/contributions.ts';
import type { CoreDeps } from '../../core/deps.ts';

const Count = z.int().min(0);

const LedgerSummary = z.strictObject({
  entries: Count,
  due: Count,
  /** In the schedule's form; collectedByForm has every form. */
  collected: Count,
  collectedByForm: z.strictObject({ money: Count, labour: Count, property: Count }),
  outstanding: Count,
  spent: Count,
  balance: z.int(),
  households: z.strictObject({ not_yet: Count, partly: Count, paid: Count, overpaid: Count, nothing_due: Count }),
  /** The village head's reports that stand. */
  reports: Count,
});

export const ContributionsResponse = z.strictObject({
  consultationId: z.string(),
  level: Level,
  basis: Basis,
  /** What the dues count in: dong (money, property's value) or workdays (labour). */
  form: ContributionForm,
  property: PropertyTerms.optional(),
  schedule: Schedule.shape.totals,
  residentsShare: Schedule.shape.residentsShare,
  ledger: LedgerSummary,
  /** The site folder with schedule.json, schedule.csv, ledger.jsonl and the page. */
  url: z.string(),
});

export const EntryResponse = z.strictObject({ seq: z.int().min(1), hash: Hex64, entry: LedgerEntry, totals: LedgerSummary });

/** The largest base64 text of a 4 MiB file. */
const BASE64_MAX = Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4;

/** A report of the village head; the signed report as a file, if any, in base64 (as JSON carries bytes). */
export const ReportBody = z.strictObject({
  date: z.string(),
  text: z.string(),
  attachment: z
    .strictObject({
      title: z.string().max(300).optional(),
      mediaType: DocumentMediaType,
      base64: z.base64().max(BASE64_MAX, 'attachment: at most 4 MiB'),
    })
    .optional(),
});

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
      async ({ params, who }, c) => {
        const summary = await contributionSummary(core, params.id);
        cachePublicRead(c, who);
        return c.json(summary, 200);
      },
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
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/contributions/reports',
        summary:
          "Publish the village head's report on carrying out the decision (Law 10/2022 Art. 23(2)), with the signed report as a PDF, PNG or JPEG file if any (a ledger entry; audit-logged)",
        auth: 'official',
        body: ReportBody,
        params: { id: idParam },
        // The file in base64 and the text, with room for the JSON around them.
        bodyLimit: BASE64_MAX + 128 * 1024,
        responses: { 201: EntryResponse },
      },
      async ({ params, body, who }, c) => {
        const { attachment } = body;
        const bytes = attachment ? fromBase64(attachment.base64) : undefined;
        if (bytes && bytes.length > DOCUMENT_MAX_BYTES) throw new DomainError('payload_too_large', 'a document may be at most 4 MiB');
        const report = { date: body.date, text: body.text, attachment: attachment && bytes ? { ...attachment, bytes } : undefined };
        return c.json(await recordReport(core, who, params.id, report), 201);
      },
    ),
  ]);
}
