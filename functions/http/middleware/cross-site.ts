/**
 * The residents' posts (the forms under `/vote/`, and the API's ballots, comments and complaints) refused when
 * another site starts them: a page a voter opens must not post codes, ballots or comments in the voter's name.
 *
 * The rule, in order:
 * - `Sec-Fetch-Site` (every current browser sends it): `cross-site` is refused; `same-origin`, `same-site` and
 *   `none` (typed or bookmarked) are allowed. It is the only signal the residents' forms can give: their pages
 *   send `Referrer-Policy: no-referrer`, under which a browser posts a form with `Origin: null` and no `Referer`.
 * - No `Sec-Fetch-Site` (an older browser, curl, a script): `Origin` decides. This site's origin (the request's,
 *   or the published site's: on AWS the function sees API Gateway's host) is allowed, another is refused.
 *   `Origin: null` is allowed, because an older browser posting these pages' own forms under `no-referrer` sends
 *   exactly that and nothing else tells it apart; no `Origin` at all (a client that is not a browser, an old
 *   phone) is allowed too. What such a post could still do is little: a right code is never refused for wrong
 *   ones (core/voting.ts refuseWrongCode), so wrong codes only slow the guessing of their own address.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { fromOwnOrigin } from '../session.ts';

/**
 * Whether a request was started by another site, by the rule above.
 * @example fromAnotherSite('https://x.vn/vote/1/cast', { secFetchSite: 'cross-site' }, undefined) // true
 */
export function fromAnotherSite(
  requestUrl: string,
  headers: { secFetchSite?: string | undefined; origin?: string | undefined },
  siteOrigin: string | undefined,
): boolean {
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (site) return site === 'cross-site';
  const origin = headers.origin?.trim();
  if (origin === undefined || origin === '' || origin === 'null') return false;
  return !fromOwnOrigin(requestUrl, origin, undefined, siteOrigin);
}

/** The same rule on a Hono request. */
export function crossSite(c: Context, siteOrigin: string | undefined): boolean {
  return fromAnotherSite(c.req.url, { secFetchSite: c.req.header('sec-fetch-site'), origin: c.req.header('origin') }, siteOrigin);
}

/** The origin of the published site (`publisher.url('')`), if it has one. */
export function originOf(url: () => string): string | undefined {
  try {
    return new URL(url()).origin;
  } catch {
    return undefined;
  }
}

/** @example app.use('/vote/*', crossSitePosts(() => originOf(() => core.publisher.url('')), (c) => refusalPage(c))) */
export function crossSitePosts(siteOrigin: () => string | undefined, refuse: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!safe && crossSite(c, siteOrigin())) return refuse(c);
    await next();
  };
}

/**
 * The API's resident posts: throws `forbidden` (403, api.md's error shape) for a request another site started.
 * @example notFromAnotherSite(c, () => core.publisher.url(''))
 */
export function notFromAnotherSite(c: Context, siteUrl: () => string): void {
  if (crossSite(c, originOf(siteUrl))) throw new DomainError('forbidden', 'this request was started by another site');
}
