/**
 * Other opinions in api.md: the round's officials and monitors read them while voting (hidden ones with their
 * reason), and an official hides one with a reason, never editing it (audit-logged as `opinion_hidden`).
 */
import * as z from 'zod';
import { OPINION_MAX, OpinionHideReason } from '../../../shared/opinions.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { hideOpinion, reviewOpinions } from '../../core/opinions.ts';
import { defineRoute, idParam, resource } from './route.ts';

/** A random id of 32 lowercase hex digits. */
const OpinionParam = z.string().regex(/^[0-9a-f]{32}$/, 'opinion id: 32 lowercase hex digits');
const HiddenView = z.object({ reason: OpinionHideReason, at: z.string() });
const OpinionView = z.object({
  id: OpinionParam,
  questionId: z.string(),
  text: z.string().max(OPINION_MAX),
  day: z.string().describe('the day it was sent (Vietnam time); nothing finer is kept'),
  hidden: HiddenView.optional(),
});
const OpinionsResponse = z.object({ opinions: z.array(OpinionView) });
const HideOpinionBody = z.strictObject({ reason: OpinionHideReason });
const HideOpinionResponse = z.object({ id: OpinionParam, hidden: HiddenView });

export function opinionsApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/opinions',
        summary: 'The other opinions (Ý kiến khác) of a round, apart from the ballots, for its officials and monitors; hidden ones with their reason',
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: OpinionsResponse },
      },
      async ({ params, who }, c) => c.json({ opinions: (await reviewOpinions(core, who, params.id)).opinions }, 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/opinions/{opinionId}/hide',
        summary: 'Hide an other opinion before the close with a reason (personal data, insult, off topic); never edited, audit-logged without its text',
        auth: 'official',
        params: { id: idParam, opinionId: OpinionParam },
        body: HideOpinionBody,
        responses: { 200: HideOpinionResponse },
      },
      async ({ params, who, body }, c) => c.json(await hideOpinion(core, who, params.id, params.opinionId, body.reason), 200),
    ),
  ]);
}
