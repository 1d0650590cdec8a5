/**
 * The complaint routes of the API, after publication: the public list of complaints and answers with the window's
 * end and the recognition, a household's complaint with its code, an official's answer, hiding with a reason (the
 * discussion's body and answer), and the commune's recognition of the result. createApp registers them with its own `route`, so they are in the OpenAPI document.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { RecognitionBody } from '../../shared/complaints.ts';
import { Comment, CommentText, HideReason } from '../../shared/discussion.ts';
import { Ulid } from '../../shared/schemas.ts';
import { answerComplaint, complaintsView, fileComplaint, hideComplaint, recognizeResult } from '../core/complaints.ts';
import * as S from './api-schemas.ts';
import type { RouteKit } from './discussion-routes.ts';

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
  windowEnd: z.string().describe('the end of the complaint window (RFC 3339 UTC), fixed at publication'),
  filed: z.int().describe('every complaint, hidden ones included'),
  answered: z.int(),
  hidden: z.int(),
  hiddenByReason: z.partialRecord(HideReason, z.int()),
  awaitingAnswer: z.int().describe('complaints still to answer before the recognition (every one but those hidden as spam)'),
  complaints: z.array(PublicComplaint),
  recognition: z.object({ at: z.string(), note: z.string().optional() }).optional(),
});
const RecognitionResponse = z.object({ decision: z.literal('recognized'), at: z.string(), note: z.string().optional() });

export function complaintsRoutes<C extends Context>(kit: RouteKit<C>): void {
  const { core, route, who, jsonBody, param, idParam } = kit;

  route(
    {
      method: 'get',
      path: '/api/consultations/{id}/complaints',
      summary:
        "Complaints about a published result and their answers (by roll id; hidden ones as placeholders with their reason), the window's end and the recognition",
      responses: { 200: ComplaintsResponse },
    },
    async (c) => c.json(await complaintsView(core, param(c, 'id', idParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/complaints',
      summary: "A household's complaint about the published result, with its code, during the complaint window (shown by roll id, never a name)",
      body: ComplaintBody,
      responses: { 201: Comment },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, ComplaintBody);
      return c.json(await fileComplaint(core, id, body, kit.clientIp(c)), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/complaints/{complaintId}/answer',
      summary: "An official's answer to a complaint, audit-logged",
      auth: 'official',
      body: AnswerBody,
      responses: { 201: Comment },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const complaintId = param(c, 'complaintId', Ulid);
      const body = await jsonBody(c, AnswerBody);
      return c.json(await answerComplaint(core, who(c), id, complaintId, body), 201);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/complaints/{complaintId}/hide',
      summary: 'Hide a complaint with a reason (never deleted; its place, reason and answers stay public), audit-logged',
      auth: 'official',
      body: S.HideBody,
      responses: { 200: S.HideResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const complaintId = param(c, 'complaintId', Ulid);
      const body = await jsonBody(c, S.HideBody);
      return c.json(await hideComplaint(core, who(c), id, complaintId, body.reason), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/recognition',
      summary: "The commune's recognition of the result, after the complaint window with every complaint answered but those hidden as spam, audit-logged",
      auth: 'official',
      body: RecognitionBody,
      responses: { 201: RecognitionResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, RecognitionBody);
      return c.json(await recognizeResult(core, who(c), id, body), 201);
    },
  );
}
