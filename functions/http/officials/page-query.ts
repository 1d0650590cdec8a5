/** `?page=&hamlet=` of the officials' paged slip lists, checked at the edge: a bad value is a 400, never a 500. */
import type { Context } from 'hono';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { detailsOf } from '../../../shared/issue-words.ts';

const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  hamlet: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(100))
    .optional(),
});

export function pageQuery(c: Context): { page: number; hamlet: string | undefined } {
  const parsed = PageQuery.safeParse({ page: c.req.query('page') || undefined, hamlet: c.req.query('hamlet') || undefined });
  if (!parsed.success)
    throw new DomainError(
      'invalid_request',
      'page is a whole number from 1, hamlet a name of at most 100 characters',
      detailsOf(parsed.error),
      'Số trang hoặc tên thôn không hợp lệ.',
    );
  return { page: parsed.data.page, hamlet: parsed.data.hamlet };
}
