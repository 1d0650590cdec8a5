/**
 * The residents' routes of a citizens' initiative: `GET /vote/initiatives/{id}` (the public page, cached a minute),
 * `POST /vote/initiatives/{id}/consent` (consentOnline with the household code, then back to the page, 303), and
 * `GET`/`POST /vote/{id}/initiative` (proposeInitiative with a code of round `{id}`). A refusal the resident can
 * mend is the page again with the reason and the API's status; a wrong code is never shown again.
 */
import type { Context, Hono } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { consentOnline, initiativeView, proposeInitiative } from '../../core/initiatives.ts';
import { withLang } from '../../../web/vote/model.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { InitiativePage, type InitiativePageInput, ProposePage } from './initiative-page.tsx';
import { consultationId, formFields, formLimit, langOf, page, residentConsultation } from './respond.ts';

type Message = { vi: string; en: string };

/** The reason a resident is told, or the error rethrown for the notice page (not found, or not theirs to cause). */
function mendable(err: unknown): { status: number; problem: Message } {
  if (!(err instanceof DomainError) || STATUS[err.code] >= 500 || err.code === 'not_found') throw err;
  const base = MESSAGES[err.code];
  return { status: STATUS[err.code], problem: err.vi ? { vi: `${base.vi} ${err.vi}`, en: `${base.en} ${err.message}` } : base };
}

const SENT: Message = { vi: 'Đã ghi nhận ý kiến đồng thuận của hộ. Cảm ơn hộ đã tham gia.', en: "The household's consent is recorded. Thank you." };
const PROPOSED: Message = {
  vi: 'Đã ghi nhận đề xuất. Hãy chia sẻ địa chỉ trang này để các hộ trong thôn đồng thuận.',
  en: 'The proposal is recorded. Share this page so that the hamlet’s households can consent.',
};

export function initiativeRoutes(app: Hono, core: CoreDeps, clientIp: (c: Context) => string): void {
  const render = async (c: Context, status: number, id: string, more: Partial<InitiativePageInput> = {}) => {
    const v = await initiativeView(core, id);
    return page(c, status, <InitiativePage lang={langOf(c)} {...v} {...more} />);
  };
  const pageOf = (id: string, c: Context, flag: string) => `${withLang(`/vote/initiatives/${id}`, langOf(c))}${langOf(c) === 'en' ? '&' : '?'}${flag}=1`;

  app.get('/vote/initiatives/:iid', async (c) => {
    const sent = c.req.query('sent') === '1' ? SENT : c.req.query('proposed') === '1' ? PROPOSED : undefined;
    const res = await render(c, 200, c.req.param('iid'), { sent });
    // The count changes with each consent: a minute's caching, never for the page that answers a post.
    if (sent === undefined) res.headers.set('Cache-Control', 'public, max-age=60');
    return res;
  });

  app.post('/vote/initiatives/:iid/consent', formLimit, async (c) => {
    const id = c.req.param('iid');
    const fields = await formFields(c);
    try {
      await consentOnline(core, id, fields.get('code') ?? '', clientIp(c));
    } catch (err) {
      const { status, problem } = mendable(err);
      return render(c, status, id, { problem });
    }
    return c.redirect(pageOf(id, c, 'sent'), 303);
  });

  app.get('/vote/:id/initiative', async (c) => {
    const rec = await residentConsultation(core, consultationId(c));
    return page(c, 200, <ProposePage lang={langOf(c)} roundId={rec.consultation.id} hamlet={rec.consultation.scope.name} />);
  });

  app.post('/vote/:id/initiative', formLimit, async (c) => {
    const rec = await residentConsultation(core, consultationId(c));
    const f = await formFields(c);
    const form = { matter: f.get('matter') ?? '', title: f.get('title') ?? '', text: f.get('text') ?? '' };
    try {
      const record = await proposeInitiative(core, { rollFrom: rec.consultation.id, code: f.get('code') ?? '', ...form }, clientIp(c));
      return c.redirect(pageOf(record.id, c, 'proposed'), 303);
    } catch (err) {
      const { status, problem } = mendable(err);
      return page(c, status, <ProposePage lang={langOf(c)} roundId={rec.consultation.id} hamlet={rec.consultation.scope.name} problem={problem} form={form} />);
    }
  });
}
