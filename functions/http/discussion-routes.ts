/**
 * The discussion routes of the API: reading the comments (public; the commune's officials also see hidden text),
 * a household's comment with its code, an official's answer (giải trình), and hiding with a reason. createApp
 * registers them with its own `route`, so they are in the OpenAPI document like every other route.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { answerComment, hideComment, issueDiscussionCodes, listComments, postComment } from '../core/discussion.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import * as S from './api-schemas.ts';
import type { RouteSpec } from './openapi.ts';

/** What createApp lends these routes: its route table, the request's principal, and its edge parsers. */
export interface RouteKit<C extends Context> {
  core: CoreDeps;
  route: (spec: RouteSpec, handler: (c: C) => Promise<Response>) => void;
  who: (c: C) => Principal | undefined;
  jsonBody: <T>(c: C, schema: z.ZodType<T>) => Promise<T>;
  param: <T>(c: C, name: string, schema: z.ZodType<T>) => T;
  idParam: z.ZodType<string>;
  clientIp: (c: C) => string;
}

export function discussionRoutes<C extends Context>(kit: RouteKit<C>): void {
  const { core, route, who, jsonBody, param, idParam } = kit;

  route(
    {
      method: 'get',
      path: '/api/consultations/{id}/comments',
      summary: 'The discussion: threads newest first, hidden comments as placeholders with their reason',
      responses: { 200: S.DiscussionResponse },
    },
    async (c) => c.json(await listComments(core, who(c), param(c, 'id', idParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/comments',
      summary: "A household's comment or reply, with its code (shown by roll id; a name only if given)",
      body: S.CommentBody,
      responses: { 201: S.CommentResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, S.CommentBody);
      return c.json(await postComment(core, id, body, kit.clientIp(c)), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/comments/{commentId}/answer',
      summary: "An official's answer to a question (giải trình), audit-logged",
      auth: 'official',
      body: S.AnswerBody,
      responses: { 201: S.CommentResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const commentId = param(c, 'commentId', S.CommentParam);
      const body = await jsonBody(c, S.AnswerBody);
      return c.json(await answerComment(core, who(c), id, commentId, body), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/comments/{commentId}/hide',
      summary: 'Hide a comment with a reason (never deleted), audit-logged',
      auth: 'official',
      body: S.HideBody,
      responses: { 200: S.HideResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const commentId = param(c, 'commentId', S.CommentParam);
      const body = await jsonBody(c, S.HideBody);
      return c.json(await hideComment(core, who(c), id, commentId, body.reason), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/discussion-codes',
      summary: 'Issue one discussion code per household of the roll, during disclosure, once (shown this one time; they sign comments only, never a ballot)',
      auth: 'official',
      responses: { 200: DiscussionCodesResponse },
    },
    async (c) => c.json(await issueDiscussionCodes(core, who(c), param(c, 'id', idParam)), 200),
  );
}

const DiscussionCodesResponse = z.object({ credentials: z.array(z.object({ household: z.string(), hamlet: z.string(), code: z.string() })) });
