/**
 * The decision record on the officials' pages (../../core/minutes.ts): the forms of the decision record and the
 * counting record, drafting, the upload of a scan of the paper copy signed by hand, and the state of the key
 * signatures; the village head signs on the page of ./minutes-sign-routes.tsx. A mistake in a form shows the page
 * again with the reason.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { DOCUMENT_MAX_BYTES } from '../../../shared/schemas.ts';
import { type CountingFormValues, MinutesFormPage, type MinutesFormValues } from '../../../web/officials/minutes-form-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { sniffMediaType } from '../../core/documents.ts';
import { draftCountingRecord, draftRecord } from '../../core/minutes.ts';
import { minutesState } from '../../core/minutes-state.ts';
import { addRecordScan, ScannedDocument } from '../../core/record-scans.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { minutesSignRoutes } from './minutes-sign-routes.tsx';
import { countingFromForm, countingValuesOf, decisionFromForm, decisionValuesOf, emptyCounting, emptyDecision } from './record-values.ts';
import { officialOf, reasonVi } from './respond.tsx';
import { MESSAGES } from '../messages.ts';

/** This route only: one file of at most 4 MiB, with room for the multipart framing. */
const uploadLimit = bodyLimit({
  maxSize: DOCUMENT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/** Refusals the official can fix on the same page; anything else is the notice page. */
const FIXABLE = new Set(['invalid_request', 'payload_too_large', 'unsupported_media_type', 'already_attached', 'too_many_documents']);

const reasonOf = (err: DomainError) => ({
  vi: reasonVi(err) ?? MESSAGES[err.code].vi,
  en: err.details?.map((d) => `${d.path}: ${d.message}`).join('; ') ?? err.message,
});

interface Shown {
  decision?: MinutesFormValues;
  counting?: CountingFormValues;
  problem?: { vi: string; en?: string | undefined };
}

export function minutesRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const show = async (c: Context<OfficialEnv>, status: number, shown: Shown = {}) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'published') throw new DomainError('wrong_state', `the record follows the published result; this consultation is ${rec.state}`);
    const state = await minutesState(core, id);
    const url = (file: string) => core.publisher.url(`c/${id}/${file}`);
    return page(
      c,
      status,
      <MinutesFormPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        values={shown.decision ?? (state ? decisionValuesOf(state.minutes) : emptyDecision(rec.consultation))}
        counting={shown.counting ?? (state?.counting ? countingValuesOf(state.counting) : emptyCounting(rec.consultation))}
        minutesUrl={state ? url('record/decision.html') : undefined}
        countingUrl={state?.counting ? url('record/counting.html') : undefined}
        signed={state?.status.signed.map((s) => s.role) ?? []}
        missing={state?.status.missing ?? []}
        scans={state?.scans.map((s) => ({ url: url(s.file), sha256: s.sha256, document: s.document }))}
        locked={state?.locked ?? false}
        problem={shown.problem}
      />,
    );
  };

  /** Runs an act; a refusal the official can fix shows the page again with the reason. */
  const act = async (c: Context<OfficialEnv>, shown: Shown, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      if (err instanceof DomainError && FIXABLE.has(err.code)) return show(c, err.code === 'invalid_request' ? 400 : 409, { ...shown, problem: reasonOf(err) });
      throw err;
    }
    return c.redirect(`/officials/c/${consultationId(c)}/minutes`, 303);
  };

  app.get('/officials/c/:id/minutes', (c) => show(c, 200));

  app.post('/officials/c/:id/minutes', formLimit, async (c) => {
    const form = decisionFromForm(await formFields(c));
    if (!form.body) return show(c, 400, { decision: form.values, problem: form.problem });
    return act(c, { decision: form.values }, () => draftRecord(core, who(c), consultationId(c), form.body));
  });

  app.post('/officials/c/:id/minutes/counting', formLimit, async (c) => {
    const form = countingFromForm(await formFields(c));
    if (!form.body) return show(c, 400, { counting: form.values, problem: form.problem });
    return act(c, { counting: form.values }, () => draftCountingRecord(core, who(c), consultationId(c), form.body));
  });

  app.post('/officials/c/:id/minutes/scans', uploadLimit, async (c) => {
    // 403/404 before reading the form, as the API decides them before the body.
    await loadForOfficial(core, who(c), consultationId(c));
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const file = form.file;
    const document = ScannedDocument.safeParse(form.document);
    if (!(file instanceof File) || file.size === 0 || !document.success) return show(c, 400, { problem: { vi: 'Chưa chọn tệp.', en: 'No file chosen.' } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A browser names the type from the file's extension, or sends none: then the content says what it is.
    const declared = file.type && file.type !== 'application/octet-stream' ? file.type : (sniffMediaType(bytes) ?? file.type);
    return act(c, {}, () => addRecordScan(core, who(c), consultationId(c), { document: document.data, mediaType: declared, bytes }));
  });

  minutesSignRoutes(app, deps);
}
