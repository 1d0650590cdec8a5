/** Checking a ballot receipt: by link (`/vote/{id}/receipt/{receipt}`) or by the form (`/vote/{id}/receipt?r=`). */
import type { Context, Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { receiptStatus } from '../../core/voting.ts';
import { ReceiptPage } from '../../../web/vote/receipt-page.tsx';
import { inclusionProof } from '../../core/inclusion.ts';
import { consultationId, langOf, otherLanguageHref, page, residentConsultation } from './respond.ts';

/** A receipt as people copy it: any case, spaces or dashes between groups. */
function readReceipt(typed: string): string | undefined {
  const r = typed.normalize('NFKC').replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(r) ? r : undefined;
}

export function receiptRoutes(app: Hono, core: CoreDeps): void {
  const answer = async (c: Context, rec: ConsultationRecord, typed: string) => {
    const lang = langOf(c);
    const base = { lang, consultation: rec.consultation, switchHref: otherLanguageHref(c) };
    const receipt = readReceipt(typed);
    if (!receipt) return page(c, 400, <ReceiptPage {...base} typed={typed.slice(0, 100)} formatError />);
    const id = rec.consultation.id;
    let status: 'counted' | 'replaced' | 'unknown';
    try {
      status = (await receiptStatus(core, id, receipt)).status;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
      status = 'unknown';
    }
    const published =
      rec.state === 'published'
        ? { bundleUrl: core.publisher.url(`c/${id}/`), proof: status === 'counted' ? await inclusionProof(core, id, receipt) : undefined }
        : undefined;
    return page(c, status === 'unknown' ? 404 : 200, <ReceiptPage {...base} receipt={receipt} status={status} published={published} />);
  };

  app.get('/vote/:id/receipt', async (c) => {
    const rec = await residentConsultation(core, consultationId(c));
    const typed = c.req.query('r') ?? '';
    if (typed.trim() === '') return page(c, 200, <ReceiptPage lang={langOf(c)} consultation={rec.consultation} switchHref={otherLanguageHref(c)} />);
    return answer(c, rec, typed);
  });

  app.get('/vote/:id/receipt/:receipt', async (c) => answer(c, await residentConsultation(core, consultationId(c)), c.req.param('receipt')));
}
