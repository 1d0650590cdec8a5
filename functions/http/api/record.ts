/**
 * What follows a published result (api.md "The law's process", "After publication"): an official records each
 * sending of the decision, the recognising body (UBND xã, role `commune`; UBMTTQ xã, a `monitor`, for the boards'
 * members) records its recognition or refusal, UBND xã annuls or asks for an amendment, and anyone reads the state
 * with its deadlines in working days. A sub-app of the API: each route's spec parses its request and documents it.
 */
import * as z from 'zod';
import { Art22Body, Body, RecognitionBody, SentBody } from '../../../shared/recognition.ts';
import { afterPublication, annul, recognize, recordSent, requestAmendment } from '../../core/after-publication.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { cachePublicRead, defineRoute, idParam, resource } from './route.ts';

const Day = z.string().describe('a calendar date YYYY-MM-DD (Vietnam)');
const Act = z.object({ date: Day, reference: z.string(), at: z.string().describe('when it was recorded, RFC 3339 UTC'), reason: z.string().optional() });
const SentResponse = z.object({ to: Body, date: Day, reference: z.string(), at: z.string() });
const RecognitionResponse = z.object({
  decision: z.enum(['recognized', 'refused']),
  body: Body,
  date: Day,
  reference: z.string(),
  reason: z.string().optional(),
  at: z.string(),
});
const Art22Response = z.object({ date: Day, reference: z.string(), reason: z.string(), at: z.string() });
const AfterPublicationResponse = z.object({
  takesEffect: z.enum(['on_vote', 'ubnd_xa', 'ubmttq_xa', 'none']).describe('on the day of the vote, on recognition by that body, or never (an opinion)'),
  sending: z.object({
    deadline: Day.optional().describe('5 working days after the vote; none for an opinion'),
    sent: z.array(Act.extend({ to: Body, late: z.boolean() })),
    pending: z.array(Body),
    overdue: z.boolean(),
  }),
  recognition: z
    .object({
      by: Body,
      deadline: Day.optional().describe('5 working days after the decision was sent to that body'),
      overdue: z.boolean(),
      decision: Act.extend({ decision: z.enum(['recognized', 'refused']), late: z.boolean() }).optional(),
    })
    .optional(),
  annulment: Act.optional(),
  amendmentRequest: Act.optional(),
});

export function recordApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/after-publication',
        summary:
          'What followed publication: the sending deadline and each sending, the recognition or refusal, an annulment or request to amend, overdue steps',
        params: { id: idParam },
        responses: { 200: AfterPublicationResponse },
      },
      async ({ params, who }, c) => {
        const after = await afterPublication(core, params.id);
        cachePublicRead(c, who);
        return c.json(after, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/record/sent',
        summary: 'An official records that the decision was sent to UBND xã or UBMTTQ xã (Law 10/2022 Art. 20(3)), audit-logged `record_sent`',
        auth: 'official',
        body: SentBody,
        params: { id: idParam },
        responses: { 201: SentResponse },
      },
      async ({ params, body, who }, c) => c.json(await recordSent(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/recognition',
        summary:
          'The recognising body recognises the decision or refuses with reasons (Art. 21(2)): UBND xã (`commune`), or a `monitor` for board members; audit-logged `recognized` or `recognition_refused`',
        auth: 'commune',
        body: RecognitionBody,
        params: { id: idParam },
        responses: { 201: RecognitionResponse },
      },
      async ({ params, body, who }, c) => c.json(await recognize(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/annulment',
        summary: 'UBND xã annuls the decision, with its reasons (Art. 22(2)), audit-logged `annulled`',
        auth: 'commune',
        body: Art22Body,
        params: { id: idParam },
        responses: { 201: Art22Response },
      },
      async ({ params, body, who }, c) => c.json(await annul(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/amendment-request',
        summary: 'UBND xã asks the community to amend, supplement or replace the decision, with its reasons (Art. 22(2)), audit-logged `amendment_requested`',
        auth: 'commune',
        body: Art22Body,
        params: { id: idParam },
        responses: { 201: Art22Response },
      },
      async ({ params, body, who }, c) => c.json(await requestAmendment(core, who, params.id, body), 201),
    ),
  ]);
}
