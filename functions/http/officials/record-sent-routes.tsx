/**
 * Recording the sending of a published decision to UBND xã or UBMTTQ xã (Law 10/2022 Art. 20(3)) from the round's
 * page: the API's use case (../../core/after-publication.ts `recordSent`), then back to the page (303).
 */
import type * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { detailsOf } from '../../../shared/issue-words.ts';
import { SentBody } from '../../../shared/recognition.ts';
import { recordSent } from '../../core/after-publication.ts';
import { consultationId, formFields, formLimit } from '../pages/respond.ts';
import type { OfficialApp, OfficialPagesDeps } from './env.ts';

/** The form's fields as the use case's body, or 400 with each problem on its field. */
export function formBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DomainError('invalid_request', 'the form is not complete', detailsOf(parsed.error));
}

export function recordSentRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  app.post('/officials/c/:id/record/sent', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    const body = formBody(SentBody, { to: form.get('to') ?? '', date: form.get('date') ?? '', reference: form.get('reference') ?? '' });
    await recordSent(deps.core, c.get('official'), id, body);
    return c.redirect(`/officials/c/${encodeURIComponent(id)}?done=sent#record`, 303);
  });
}
