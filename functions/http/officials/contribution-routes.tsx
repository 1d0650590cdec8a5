/**
 * The officials' page of a contribution after publication (`/officials/c/<id>/contributions`): the schedule's totals,
 * the latest entries, and forms for a collection (money, workdays or property), a spending, a report of the village
 * head (multipart, with an optional file) and a correction. Each post is the API's use case (`recordEntry`,
 * `recordReport`); after one the browser is sent back to the page (303), and a refused entry shows the page again
 * with the reason and what was typed.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LedgerEntry, ledgerTotals } from '../../../shared/contributions.ts';
import { DomainError, type ErrorCode } from '../../../shared/errors.ts';
import { detailsOf } from '../../../shared/issue-words.ts';
import { DOCUMENT_MAX_BYTES } from '../../../shared/schemas.ts';
import { ContributionsPage, type ContributionsPageInput } from '../../../web/officials/contributions-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { contributionsDir, contributionsState, recordEntry, recordReport } from '../../core/contributions.ts';
import { sniffMediaType } from '../../core/documents.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { parseWhole } from './form-values.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf, reasonVi } from './respond.tsx';

/** Refusals the official can fix on the same page; anything else is the notice page. */
const FIXABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_request', 'duplicate_receipt', 'payload_too_large', 'unsupported_media_type']);
const KINDS = ['collection', 'spending', 'correction'] as const;
type Kind = (typeof KINDS)[number];
const FIELDS: Record<Kind, readonly string[]> = {
  collection: ['rollId', 'form', 'amount', 'description', 'date', 'receiptNo'],
  spending: ['amount', 'date', 'purpose', 'document'],
  correction: ['ref', 'reason'],
};

/** A whole number as typed (`300.000`), or the text itself so the schema names what is wrong with it. */
function whole(typed: string): number | string {
  const n = parseWhole(typed);
  return typeof n === 'number' ? n : typed;
}

/** A day as a date field sends it (`2027-01-05`) or as people write it (`05/01/2027`), as `YYYY-MM-DD`. */
export function dayOf(typed: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : typed.trim();
}

/** The entry a form describes, before the schema checks it. */
function entryOf(kind: Kind, v: Record<string, string>): unknown {
  if (kind === 'collection') {
    // Money is a collection without `form`, as every collection was before forms existed.
    const form = v.form === 'money' || v.form === '' ? {} : { form: v.form };
    const description = v.description!.trim() ? { description: v.description } : {};
    return { type: kind, rollId: v.rollId!.trim(), ...form, amount: whole(v.amount!), ...description, date: dayOf(v.date!), receiptNo: v.receiptNo };
  }
  if (kind === 'spending')
    return { type: kind, amount: whole(v.amount!), date: dayOf(v.date!), purpose: v.purpose, ...(v.document!.trim() ? { document: v.document } : {}) };
  return { type: kind, ref: whole(v.ref!), reason: v.reason };
}

/** This route only: one file of at most 4 MiB, with room for the multipart framing and the report's text. */
const reportLimit = bodyLimit({
  maxSize: DOCUMENT_MAX_BYTES + 128 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/** A refusal the official can fix, as the page shows it; undefined for anything else. */
function fixable(err: unknown): { vi: string; en: string; detail: string | undefined; reason: string | undefined } | undefined {
  if (!(err instanceof DomainError) || !FIXABLE.has(err.code)) return undefined;
  return { ...MESSAGES[err.code], detail: reasonVi(err), reason: err.message !== err.code ? err.message : undefined };
}

export function contributionRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const show = async (c: Context<OfficialEnv>, status: number, id: string, more: Pick<ContributionsPageInput, 'done' | 'problem' | 'form'> = {}) => {
    const { rec } = await loadForOfficial(core, who(c), id);
    const state = await contributionsState(core, rec.consultation, rec.state);
    if (!state) throw new DomainError('wrong_state', 'there is no contribution schedule: the result is not published, or no level was adopted');
    return page(
      c,
      status,
      <ContributionsPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        schedule={state.schedule}
        ledger={state.ledger}
        totals={ledgerTotals(state.schedule, state.ledger)}
        publicUrl={core.publisher.url(contributionsDir(id))}
        {...more}
      />,
    );
  };

  app.get('/officials/c/:id/contributions', (c) => show(c, 200, consultationId(c), { done: c.req.query('done') }));

  for (const kind of KINDS) {
    app.post(`/officials/c/:id/contributions/${kind}`, formLimit, async (c) => {
      const id = consultationId(c);
      // 403/404 before reading the form, as the API decides them before the body.
      await loadForOfficial(core, who(c), id);
      const fields = await formFields(c);
      const values = Object.fromEntries(FIELDS[kind].map((name) => [name, (fields.get(name) ?? '').normalize('NFC')]));
      try {
        const parsed = LedgerEntry.safeParse(entryOf(kind, values));
        if (!parsed.success) throw new DomainError('invalid_request', parsed.error.issues.map((i) => i.message).join('; '), detailsOf(parsed.error));
        await recordEntry(core, who(c), id, parsed.data);
      } catch (err) {
        const problem = fixable(err);
        if (problem) return show(c, STATUS[(err as DomainError).code], id, { problem, form: { kind, values } });
        throw err;
      }
      return c.redirect(`/officials/c/${id}/contributions?done=${kind}`, 303);
    });
  }

  app.post('/officials/c/:id/contributions/report', reportLimit, async (c) => {
    const id = consultationId(c);
    await loadForOfficial(core, who(c), id);
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).normalize('NFC') : '');
    const values = { date: text('date'), text: text('text'), title: text('title') };
    const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
    try {
      const bytes = file ? new Uint8Array(await file.arrayBuffer()) : undefined;
      // A browser names the type from the file's extension, or sends none: then the content says what it is.
      const attachment = bytes ? { title: values.title, mediaType: file?.type || sniffMediaType(bytes) || '', bytes } : undefined;
      await recordReport(core, who(c), id, { date: dayOf(values.date), text: values.text, attachment });
    } catch (err) {
      const problem = fixable(err);
      if (problem) return show(c, STATUS[(err as DomainError).code], id, { problem, form: { kind: 'report', values } });
      throw err;
    }
    return c.redirect(`/officials/c/${id}/contributions?done=report`, 303);
  });
}
