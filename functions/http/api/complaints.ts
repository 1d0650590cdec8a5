/**
 * The complaint routes of the API, after publication: the public list of complaints and answers with the window's
 * end and the recognition, a household's complaint with its code, an official's answer, hiding with a reason (the
 * discussion's body and answer), and the commune's recognition of the result. A sub-app of the API: each route's spec parses its request and documents it.
 */
import type { Context } from 'hono';
import type { CoreDeps } from '../../core/deps.ts';
import { defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { RecognitionBody } from '../../../shared/complaints.ts';
import { Comment, CommentText, HideReason } from '../../../shared/discussion.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { answerComplaint, complaintsView, fileComplaint, hideComplaint, recognizeResult } from '../../core/complaints.ts';
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

export function complaintsApi(core: CoreDeps, clientIp: (c: Context) => string) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/complaints',
        summary:
          "Complaints about a published result and their answers (by roll id; hidden ones as placeholders with their reason), the window's end and the recognition",
        params: { id: idParam },
        responses: { 200: ComplaintsResponse },
      },
      async ({ params }, c) => c.json(await complaintsView(core, params.id), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/complaints',
        summary: "A household's complaint about the published result, with its code, during the complaint window (shown by roll id, never a name)",
        body: ComplaintBody,
        params: { id: idParam },
        responses: { 201: Comment },
      },
      async ({ params, body }, c) => {
        return c.json(await fileComplaint(core, params.id, body, clientIp(c)), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/complaints/{complaintId}/answer',
        summary: "An official's answer to a complaint, audit-logged",
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
        summary: 'Hide a complaint with a reason (never deleted; its place, reason and answers stay public), audit-logged',
        auth: 'official',
        body: S.HideBody,
        params: { id: idParam, complaintId: Ulid },
        responses: { 200: S.HideResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await hideComplaint(core, who, params.id, params.complaintId, body.reason), 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/recognition',
        summary: "The commune's recognition of the result, after the complaint window with every complaint answered but those hidden as spam, audit-logged",
        auth: 'official',
        body: RecognitionBody,
        params: { id: idParam },
        responses: { 201: RecognitionResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await recognizeResult(core, who, params.id, body), 201);
      },
    ),
  ]);
}
