/**
 * The petitions and reports about a published result on the officials' pages (kiến nghị, phản ánh): the list with
 * every text, an answer form and a hide button with a reason under each (the discussion's moderation form), each
 * through the API's use case, then back to the list (303).
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { ComplaintsPage } from '../../../web/officials/complaints-page.tsx';
import { answerComplaint, complaintsModeration, hideComplaint } from '../../core/complaints.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { hideReasonOf } from './discussion-routes.tsx';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

export function complaintRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const complaintId = (c: Context<OfficialEnv>) => {
    const r = Ulid.safeParse(c.req.param('complaintId'));
    if (!r.success) throw new DomainError('not_found', 'no such complaint');
    return r.data;
  };

  app.get('/officials/c/:id/complaints', async (c) => {
    const { rec, summary, threads } = await complaintsModeration(core, who(c), consultationId(c));
    return page(
      c,
      200,
      <ComplaintsPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        summary={summary}
        threads={threads}
        done={c.req.query('done')}
      />,
    );
  });

  app.post('/officials/c/:id/complaints/:complaintId/answer', formLimit, async (c) => {
    const id = consultationId(c);
    const fields = await formFields(c);
    await answerComplaint(core, who(c), id, complaintId(c), { text: fields.get('text') ?? '' });
    return c.redirect(`/officials/c/${id}/complaints?done=answered`, 303);
  });

  app.post('/officials/c/:id/complaints/:complaintId/hide', formLimit, async (c) => {
    const id = consultationId(c);
    await hideComplaint(core, who(c), id, complaintId(c), hideReasonOf(await formFields(c)));
    return c.redirect(`/officials/c/${id}/complaints?done=hidden`, 303);
  });
}
