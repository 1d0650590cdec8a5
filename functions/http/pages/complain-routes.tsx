/**
 * The residents' complaint page of a published result: `GET /vote/{id}/complain` shows the window, the complaints
 * and answers and the form; `POST` files a complaint with the household's code through fileComplaint, then goes
 * back to the page (303) or shows it again with the reason and the API's status.
 */
import { hasHiddenReceipt } from '../../../shared/mask-receipts.ts';
import { load } from '../../core/access.ts';
import type { Context, Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { complaintsView, fileComplaint } from '../../core/complaints.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { ComplainPage, type ComplainPageInput } from '../../../web/vote/complain-page.tsx';
import { withLang } from '../../../web/vote/model.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { consultationId, formFields, formLimit, langOf, otherLanguageHref, page } from './respond.ts';

export function complainRoutes(app: Hono, core: CoreDeps, clientIp: (c: Context) => string): void {
  const render = async (c: Context, status: number, id: string, more: Partial<ComplainPageInput> = {}) => {
    // A consultation not yet published has no complaint page (complaintsView says 404 or 409).
    const summary = await complaintsView(core, id);
    const rec = await load(core, id);
    // Petitions are taken at any time after publication (Law 10/2022 Art. 24).
    const open = true;
    return page(
      c,
      status,
      <ComplainPage
        lang={langOf(c)}
        consultation={rec.consultation}
        summary={summary}
        open={open}
        resultUrl={core.publisher.url(`c/${id}/`)}
        switchHref={otherLanguageHref(c)}
        {...more}
      />,
    );
  };

  app.get('/vote/:id/complain', async (c) =>
    render(c, 200, consultationId(c), { sent: c.req.query('sent') === '1', receiptHidden: c.req.query('receipt') === 'hidden' }),
  );

  app.post('/vote/:id/complain', formLimit, async (c) => {
    const fields = await formFields(c);
    const id = consultationId(c);
    const form = { code: fields.get('code') ?? '', text: fields.get('text') ?? '' };
    let receiptHidden = false;
    try {
      const filed = await fileComplaint(core, id, form, clientIp(c));
      receiptHidden = hasHiddenReceipt(filed.text) && !hasHiddenReceipt(form.text);
    } catch (err) {
      if (!(err instanceof DomainError) || STATUS[err.code] >= 500 || err.code === 'not_found') throw err;
      // A wrong code is not shown again.
      const keep = err.code === 'invalid_code' || err.code === 'too_many_attempts' ? { ...form, code: '' } : form;
      return render(c, STATUS[err.code], id, { problem: MESSAGES[err.code], form: keep });
    }
    return c.redirect(`${withLang(`/vote/${id}/complain`, langOf(c))}${langOf(c) === 'en' ? '&' : '?'}sent=1${receiptHidden ? '&receipt=hidden' : ''}`, 303);
  });
}
