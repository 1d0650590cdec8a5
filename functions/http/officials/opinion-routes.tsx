/**
 * The other opinions (Ý kiến khác) of a round on the officials' pages: the list (./../../core/opinions.ts
 * `reviewOpinions`) and the hide form, which calls the API's use case (`hideOpinion`) and goes back to the list (303).
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { OpinionHideReason } from '../../../shared/opinions.ts';
import { OpinionsPage } from '../../../web/officials/opinions-page.tsx';
import { hideOpinion, reviewOpinions } from '../../core/opinions.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

/** An opinion's random id from the path: 32 lowercase hex digits, or 404. */
export function opinionIdOf(c: Context): string {
  const id = c.req.param('opinionId') ?? '';
  if (!/^[0-9a-f]{32}$/.test(id)) throw new DomainError('not_found', 'no such opinion');
  return id;
}

export function opinionRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  app.get('/officials/c/:id/opinions', async (c) => {
    const { rec, opinions } = await reviewOpinions(core, who(c), consultationId(c));
    return page(
      c,
      200,
      <OpinionsPage official={officialOf(who(c))!} consultation={rec.consultation} state={rec.state} opinions={opinions} done={c.req.query('done')} />,
    );
  });

  app.post('/officials/c/:id/opinions/:opinionId/hide', formLimit, async (c) => {
    const id = consultationId(c);
    const reason = OpinionHideReason.safeParse((await formFields(c)).get('reason'));
    if (!reason.success) throw new DomainError('invalid_request', 'choose a reason', [{ path: 'reason', message: 'one of personal_data, insult, off_topic' }]);
    await hideOpinion(core, who(c), id, opinionIdOf(c), reason.data);
    return c.redirect(`/officials/c/${encodeURIComponent(id)}/opinions?done=hidden`, 303);
  });
}
