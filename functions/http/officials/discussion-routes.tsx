/**
 * Moderating a consultation's discussion on the officials' pages: the list with every text, an answer (giải trình)
 * and a hide with a reason, each through the API's use case, then back to the list (303).
 */
import type { Context } from 'hono';
import { HideReason } from '../../../shared/discussion.ts';
import { DomainError } from '../../../shared/errors.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { DiscussionCodesPage } from '../../../web/officials/discussion-codes-page.tsx';
import { DiscussionPage } from '../../../web/officials/discussion-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { answerComment, hideComment, issueDiscussionCodes, moderationView } from '../../core/discussion.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

/** The reason a moderation form sent (the discussion's and the complaints' hide buttons), or 400. */
export function hideReasonOf(fields: URLSearchParams): HideReason {
  const reason = HideReason.safeParse(fields.get('reason'));
  if (!reason.success)
    throw new DomainError('invalid_request', 'choose a reason', [{ path: 'reason', message: 'one of spam, insult, personal_data, off_topic' }]);
  return reason.data;
}

export function discussionRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const commentId = (c: Context<OfficialEnv>) => {
    const r = Ulid.safeParse(c.req.param('commentId'));
    if (!r.success) throw new DomainError('not_found', 'no such comment');
    return r.data;
  };

  app.post('/officials/c/:id/discussion/codes', formLimit, async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    const { credentials } = await issueDiscussionCodes(core, who(c), id);
    return page(
      c,
      200,
      <DiscussionCodesPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        discussUrl={core.publisher.url(`vote/${id}/discuss`)}
        credentials={credentials}
      />,
    );
  });

  app.get('/officials/c/:id/discussion', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const view = await moderationView(core, who(c), rec.consultation.id);
    return page(
      c,
      200,
      <DiscussionPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        threads={view.threads}
        counts={{ total: view.total, hidden: view.hidden, answered: view.answered }}
        done={c.req.query('done')}
      />,
    );
  });

  app.post('/officials/c/:id/discussion/:commentId/answer', formLimit, async (c) => {
    const id = consultationId(c);
    const fields = await formFields(c);
    await answerComment(core, who(c), id, commentId(c), { text: fields.get('text') ?? '' });
    return c.redirect(`/officials/c/${id}/discussion?done=answered`, 303);
  });

  app.post('/officials/c/:id/discussion/:commentId/hide', formLimit, async (c) => {
    const id = consultationId(c);
    await hideComment(core, who(c), id, commentId(c), hideReasonOf(await formFields(c)));
    return c.redirect(`/officials/c/${id}/discussion?done=hidden`, 303);
  });
}
