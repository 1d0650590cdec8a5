/**
 * The petition routes of the API (kiến nghị, phản ánh, Law 10/2022 Art. 24; `complaints` in paths and events), after
 * publication and at any time: the public list of petitions and answers, a household's petition with its code, an
 * official's answer, hiding with a reason (the discussion's body and answer). They never block the decision; what
 * follows publication is ./record.ts. A sub-app of the API: each route's spec parses its request and documents it.
 */
import type { Context } from 'hono';
import type { CoreDeps } from '../../core/deps.ts';
import { cachePublicRead, defineRoute, idParam, resource } from './route.ts';
import { notFromAnotherSite } from '../middleware/cross-site.ts';
import * as z from 'zod';
import { Comment, CommentText, HideReason } from '../../../shared/discussion.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { answerComplaint, complaintsView, fileComplaint, hideComplaint } from '../../core/complaints.ts';
import * as S from '../api-schemas.ts';

const ComplaintBody = z.strictObject({ code: z.string().min(1).max(64), text: CommentText });
const AnswerBody = z.strictObject({ text: CommentText });
const PublicComplaint = z.object({
  id: z.string(),
  rollId: z.string().optional().describe('absent on a hidden complaint'),
  text: z.string().optional().describe('absent on a hidden complaint'),
  at: z.string(),
  answers: z.array(z.object({ id: z.string(), text: z.string(), at: z.string() })),
  hidden: z.object({ reason: HideReason, at: z.string() }).optional(),
});
const ComplaintsResponse = z.object({
  filed: z.int().describe('every petition, hidden ones included'),
  answered: z.int(),
  hidden: z.int(),
  hiddenByReason: z.partialRecord(HideReason, z.int()),
  awaitingAnswer: z.int().describe('petitions still to answer (every one but those hidden as spam); they never block the decision'),
  complaints: z.array(PublicComplaint),
});

export function complaintsApi(core: CoreDeps, clientIp: (c: Context) => string) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/complaints',
        summary: 'Petitions and reports about a published result and their answers (by roll id; hidden ones as placeholders with their reason)',
        params: { id: idParam },
        responses: { 200: ComplaintsResponse },
      },
      async ({ params, who }, c) => {
        const complaints = await complaintsView(core, params.id);
        cachePublicRead(c, who);
        return c.json(complaints, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/complaints',
        summary: "A household's petition or report about the published result, with its code, at any time after publication (shown by roll id, never a name)",
        body: ComplaintBody,
        params: { id: idParam },
        responses: { 201: Comment },
      },
      async ({ params, body }, c) => {
        notFromAnotherSite(c, () => core.publisher.url(''));
        return c.json(await fileComplaint(core, params.id, body, clientIp(c)), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/complaints/{complaintId}/answer',
        summary: "An official's answer to a petition, audit-logged",
        auth: 'official',
        body: AnswerBody,
        params: { id: idParam, complaintId: Ulid },
        responses: { 201: Comment },
      },
      async ({ params, body, who }, c) => {
        return c.json(await answerComplaint(core, who, params.id, params.complaintId, body), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/complaints/{complaintId}/hide',
        summary: 'Hide a petition with a reason (never deleted; its place, reason and answers stay public), audit-logged',
        auth: 'official',
        body: S.HideBody,
        params: { id: idParam, complaintId: Ulid },
        responses: { 200: S.HideResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await hideComplaint(core, who, params.id, params.complaintId, body.reason), 200);
      },
    ),
  ]);
}
