/**
 * Checking a ballot receipt: by link (`/vote/{id}/receipt/{receipt}`) or by the form (`/vote/{id}/receipt?r=`), which
 * takes the full receipt or the tracking code printed on the recorded page (core/receipts.ts).
 */
import type { Context, Hono } from 'hono';
import type { CoreDeps } from '../../core/deps.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { receiptByTrackingCode } from '../../core/receipts.ts';
import { ReceiptPage, type ReceiptProblem } from '../../../web/vote/receipt-page.tsx';
import { inclusionProof } from '../../core/inclusion.ts';
import { checkReceiptSignature, MAX_SIGNATURE_CHARS } from '../../core/receipt-check.ts';
import { consultationId, langOf, otherLanguageHref, page, residentConsultation } from './respond.ts';

export function receiptRoutes(app: Hono, core: CoreDeps): void {
  const answer = async (c: Context, rec: ConsultationRecord, typed: string) => {
    const lang = langOf(c);
    const base = { lang, consultation: rec.consultation, switchHref: otherLanguageHref(c) };
    const id = rec.consultation.id;
    // The form again, with the reason and what was typed, when the typed code names no single ballot.
    const refuse = (status: 400 | 404, problem: ReceiptProblem) => page(c, status, <ReceiptPage {...base} typed={typed.slice(0, 100)} problem={problem} />);
    const found = await receiptByTrackingCode(core, id, typed);
    if (found.kind === 'malformed') return refuse(400, 'format');
    if (found.kind === 'too_short') return refuse(400, 'too_short');
    if (found.kind === 'ambiguous') return refuse(400, 'ambiguous');
    if (found.kind !== 'checked') return refuse(404, 'not_found');
    const { receipt, status } = found;
    const published =
      rec.state === 'published'
        ? { bundleUrl: core.publisher.url(`c/${id}/`), proof: status === 'counted' ? await inclusionProof(core, id, receipt) : undefined }
        : undefined;
    return page(c, status === 'unknown' ? 404 : 200, <ReceiptPage {...base} receipt={receipt} status={status} published={published} />);
  };

  app.get('/vote/:id/receipt', async (c) => {
    const rec = await residentConsultation(core, consultationId(c));
    const pasted = c.req.query('s');
    if (pasted !== undefined && pasted.trim() !== '') {
      // A pasted receipt signature, checked here (no script): against the receipt key and the published ballots.
      const view = await checkReceiptSignature(core, rec, pasted);
      const status = view.kind === 'invalid' ? 400 : 200;
      const signature = { view, typed: pasted.slice(0, MAX_SIGNATURE_CHARS) };
      return page(c, status, <ReceiptPage lang={langOf(c)} consultation={rec.consultation} switchHref={otherLanguageHref(c)} signature={signature} />);
    }
    const typed = c.req.query('r') ?? '';
    if (typed.trim() === '') return page(c, 200, <ReceiptPage lang={langOf(c)} consultation={rec.consultation} switchHref={otherLanguageHref(c)} />);
    return answer(c, rec, typed);
  });

  app.get('/vote/:id/receipt/:receipt', async (c) => answer(c, await residentConsultation(core, consultationId(c)), c.req.param('receipt')));
}
