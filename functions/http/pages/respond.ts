/** What every resident route needs: the language, the id, the posted form, and the page as the response. */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../../../shared/errors.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import type { Failure, Lang } from '../../../web/vote/model.ts';
import { RETRY_AFTER_S, STATUS } from '../messages.ts';
import { Ulid } from '../../../shared/schemas.ts';
import { type Child, jsx } from 'hono/jsx';
import { OtherLanguage, ShownLanguages } from '../../../web/lang.tsx';

/** English with `?lang=en` (on the page, or on the form's action); Vietnamese otherwise. */
export function langOf(c: Context): Lang {
  return c.req.query('lang') === 'en' ? 'en' : 'vi';
}

/** The same page in the other language. */
export function otherLanguageHref(c: Context): string {
  const url = new URL(c.req.url);
  if (langOf(c) === 'en') url.searchParams.delete('lang');
  else url.searchParams.set('lang', 'en');
  return url.pathname + url.search;
}

/**
 * A consultation as residents see it: never a draft (not found, as for anyone outside its commune), and without the
 * live turnout, which no resident page shows (counting it reads every slot shard).
 */
export async function residentConsultation(core: CoreDeps, id: string): Promise<ConsultationRecord> {
  const rec = await core.store.getConsultation(id, { counts: false });
  if (!rec || rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
  return rec;
}

/** The consultation id of the path; one that cannot exist is simply not found. */
export function consultationId(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!Ulid.safeParse(id).success) throw new DomainError('not_found', 'no such consultation');
  return id;
}

/**
 * The page as the response, in the request's languages: Vietnamese alone, or with English beside it under `?lang=en`;
 * a page got by GET can link to itself in the other language (an answer to a post cannot be asked for again).
 */
export function page(c: Context, status: number, node: unknown): Response {
  const other = c.req.method === 'GET' ? otherLanguageHref(c) : undefined;
  // Nodes, rendered together: a provider called outside a render would not reach the render's own context store.
  const withSwitch = jsx(OtherLanguage.Provider, { value: other }, node as Child);
  const shown = jsx(ShownLanguages.Provider, { value: langOf(c) }, withSwitch as Child);
  const html = shown.toString();
  // No page component awaits anything: a page is rendered at once.
  if (typeof html !== 'string') throw new Error('a page component is async');
  return c.html(html, status as ContentfulStatusCode);
}

/** A resident form is a few hundred bytes; 16 KiB leaves room for many questions. */
export const formLimit = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/** The posted form's fields (what a browser sends without script: application/x-www-form-urlencoded). */
export async function formFields(c: Context): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
  return new URLSearchParams(await c.req.text());
}

const RESIDENT_FAILURES: ReadonlySet<string> = new Set<Failure>([
  'invalid_code',
  'too_many_attempts',
  'not_open',
  'wrong_state',
  'invalid_request',
  'busy',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
]);

/** The failure a resident is told about; anything not theirs to cause is an internal error. */
export function failureOf(err: unknown): Failure {
  if (!(err instanceof DomainError)) return 'internal';
  if (err.code === 'invalid_json') return 'invalid_request';
  return RESIDENT_FAILURES.has(err.code) ? (err.code as Failure) : 'internal';
}

/**
 * The status of a page answering `err`: the API's for its failure, but an overloaded database is told as the API
 * tells it (503 with `Retry-After`); the page itself says nothing was done and to try again.
 */
export function statusFor(c: Context, err: unknown, failure: Failure): number {
  const retryAfter = err instanceof DomainError ? RETRY_AFTER_S[err.code] : undefined;
  if (!(err instanceof DomainError) || retryAfter === undefined) return statusOf(failure);
  c.header('Retry-After', String(retryAfter));
  return STATUS[err.code];
}

/** The status of a failure: the API's for the same error code (messages.ts). */
export function statusOf(failure: Failure): number {
  return failure === 'internal' ? 500 : STATUS[failure satisfies ErrorCode];
}
