/**
 * The discussion routes of the API: reading the comments (public; the commune's officials also see hidden text),
 * a household's comment with its code, an official's answer (giải trình), and hiding with a reason. A
 * sub-app of the API: each route's spec parses its request and documents it.
 */
import type { Context } from 'hono';
import { cachePublicRead, defineRoute, idParam, resource } from './route.ts';
import { notFromAnotherSite } from '../middleware/cross-site.ts';
import * as z from 'zod';
import { answerComment, hideComment, issueDiscussionCodes, listComments, postComment } from '../../core/discussion.ts';
import type { CoreDeps } from '../../core/deps.ts';
import * as S from '../api-schemas.ts';

export function discussionApi(core: CoreDeps, clientIp: (c: Context) => string) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/comments',
        summary: 'The discussion: threads newest first, hidden comments as placeholders with their reason',
        params: { id: idParam },
        responses: { 200: S.DiscussionResponse },
      },
      async ({ params, who }, c) => {
        const comments = await listComments(core, who, params.id);
        cachePublicRead(c, who);
        return c.json(comments, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/comments',
        summary: "A household's comment or reply, with its code (shown by roll id; a name only if given)",
        body: S.CommentBody,
        params: { id: idParam },
        responses: { 201: S.CommentResponse },
      },
      async ({ params, body }, c) => {
        notFromAnotherSite(c, () => core.publisher.url(''));
        return c.json(await postComment(core, params.id, body, clientIp(c)), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/comments/{commentId}/answer',
        summary: "An official's answer to a question (giải trình), audit-logged",
        auth: 'official',
        body: S.AnswerBody,
        params: { id: idParam, commentId: S.CommentParam },
        responses: { 201: S.CommentResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await answerComment(core, who, params.id, params.commentId, body), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/comments/{commentId}/hide',
        summary: 'Hide a comment with a reason (never deleted), audit-logged',
        auth: 'official',
        body: S.HideBody,
        params: { id: idParam, commentId: S.CommentParam },
        responses: { 200: S.HideResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await hideComment(core, who, params.id, params.commentId, body.reason), 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/discussion-codes',
        summary: 'Issue one discussion code per household of the roll, during disclosure, once (shown this one time; they sign comments only, never a ballot)',
        auth: 'official',
        params: { id: idParam },
        responses: { 200: DiscussionCodesResponse },
      },
      async ({ params, who }, c) => c.json(await issueDiscussionCodes(core, who, params.id), 200),
    ),
  ]);
}

const DiscussionCodesResponse = z.object({ credentials: z.array(z.object({ household: z.string(), hamlet: z.string(), code: z.string() })) });
