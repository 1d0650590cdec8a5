/**
 * The residents' discussion page: `GET /vote/{id}/discuss` lists the threads (and with `?reply=<id>` the form
 * replies to that comment); `POST` sends a comment with the household's code through postComment, then goes back
 * to the page (303) or shows it again with the reason and the API's status.
 */
import { hasHiddenReceipt } from '../../../shared/mask-receipts.ts';
import type { Context, Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { Ulid } from '../../../shared/schemas.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { listComments, postComment } from '../../core/discussion.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { DiscussPage, type DiscussPageInput } from '../../../web/vote/discuss-page.tsx';
import { withLang } from '../../../web/vote/model.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { consultationId, formFields, formLimit, langOf, otherLanguageHref, page, residentConsultation } from './respond.ts';

export function discussRoutes(app: Hono, core: CoreDeps, clientIp: (c: Context) => string): void {
  const render = async (c: Context, status: number, rec: ConsultationRecord, more: Partial<DiscussPageInput> = {}) => {
    const id = rec.consultation.id;
    const view = await listComments(core, undefined, id);
    const open = rec.state === 'disclosure' || rec.state === 'voting';
    return page(
      c,
      status,
      <DiscussPage
        lang={langOf(c)}
        consultation={rec.consultation}
        view={view}
        open={open}
        // A household signs with its discussion code during disclosure (if the commune issued them), its voting code once voting opens.
        canComment={open}
        disclosureUrl={core.publisher.url(`c/${id}/`)}
        switchHref={otherLanguageHref(c)}
        {...more}
      />,
    );
  };

  const load = (id: string) => residentConsultation(core, id);

  app.get('/vote/:id/discuss', async (c) => {
    const rec = await load(consultationId(c));
    const reply = Ulid.safeParse(c.req.query('reply'));
    return render(c, 200, rec, {
      sent: c.req.query('sent') === '1',
      receiptHidden: c.req.query('receipt') === 'hidden',
      form: reply.success ? { parent: reply.data } : undefined,
    });
  });

  app.post('/vote/:id/discuss', formLimit, async (c) => {
    const fields = await formFields(c);
    const rec = await load(consultationId(c));
    const id = rec.consultation.id;
    const parent = fields.get('parent') || undefined;
    const form = { code: fields.get('code') ?? '', author: fields.get('author') ?? '', text: fields.get('text') ?? '', ...(parent ? { parent } : {}) };
    let receiptHidden = false;
    try {
      const posted = await postComment(core, id, { code: form.code, text: form.text, author: form.author, parent }, clientIp(c));
      receiptHidden = hasHiddenReceipt(posted.text) && !hasHiddenReceipt(form.text);
    } catch (err) {
      if (!(err instanceof DomainError) || STATUS[err.code] >= 500 || err.code === 'not_found') throw err;
      // A wrong code is not shown again.
      const keep = err.code === 'invalid_code' || err.code === 'too_many_attempts' ? { ...form, code: '' } : form;
      return render(c, STATUS[err.code], await load(id), { problem: MESSAGES[err.code], form: keep });
    }
    return c.redirect(`${withLang(`/vote/${id}/discuss`, langOf(c))}${langOf(c) === 'en' ? '&' : '?'}sent=1${receiptHidden ? '&receipt=hidden' : ''}`, 303);
  });
}
