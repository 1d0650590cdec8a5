/** The answer to a failed officials' or monitors' page: the API's status for the error, in both languages, never a trace. */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { detailWords } from '../../../shared/issue-words.ts';
import { NoticePage } from '../../../web/officials/notice-page.tsx';
import type { Official } from '../../../web/officials/model.ts';
import { STAFF, type StaffRole } from '../../../web/officials/frame.tsx';
import type { CoreDeps } from '../../core/deps.ts';
import type { Principal } from '../../core/ports.ts';
import type { NamedPrincipal } from '../middleware/commune-name.ts';
import type { OfficialEnv } from './env.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { page } from '../pages/respond.ts';

const TITLES = {
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  forbidden: { vi: 'Không có quyền', en: 'Not allowed' },
  other: { vi: 'Không thực hiện được', en: 'This could not be done' },
};

/** The specific reason of a refusal in Vietnamese: the error's own, or each of its details in words. */
export function reasonVi(err: DomainError): string | undefined {
  if (err.vi) return err.vi;
  return err.details && err.details.length > 0 ? `${err.details.map(detailWords).join('; ')}.` : undefined;
}

/** The signed-in person as the header shows them: their commune, by its display name once the request has read it. */
export const officialOf = (who: NamedPrincipal | undefined): Official | undefined =>
  who ? { sub: who.sub, commune: who.commune, ...(who.communeName !== undefined ? { communeName: who.communeName } : {}) } : undefined;

/** The notice for a failed page of either role: the API's status and message for the error, never a trace. */
export function staffNotice(role: StaffRole, core: CoreDeps, err: unknown, c: Context, who: Principal | undefined, back?: string): Response {
  const home = STAFF[role].home;
  if (err instanceof DomainError && err.code === 'unauthorized') return c.redirect(`${home}/login`, 303);
  const known = err instanceof DomainError && STATUS[err.code] < 500 ? err : undefined;
  if (!known) core.log?.(`${role} page failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
  const code = known?.code ?? 'internal_error';
  const title = code === 'not_found' ? TITLES.not_found : code === 'forbidden' ? TITLES.forbidden : TITLES.other;
  return page(
    c,
    STATUS[code],
    <NoticePage
      role={role}
      official={officialOf(who)}
      title={title}
      message={known?.vi ? { vi: `${MESSAGES[code].vi} ${known.vi}`, en: MESSAGES[code].en } : MESSAGES[code]}
      reason={known && known.message !== known.code ? known.message : undefined}
      details={known?.details?.map((d) => ({ vi: detailWords(d), en: d.line !== undefined ? `line ${d.line}: ${d.message}` : `${d.path}: ${d.message}` }))}
      back={code !== 'not_found' && code !== 'forbidden' ? back : undefined}
    />,
  );
}

export function officialNotice(core: CoreDeps, err: unknown, c: Context<OfficialEnv>): Response {
  const id = c.req.param('id');
  // Unset when the failure came before the session was read.
  const who = c.get('official') as Principal | undefined;
  return staffNotice('official', core, err, c, who, id ? `/officials/c/${encodeURIComponent(id)}` : undefined);
}

/** A page for a request these pages refuse outright (a post from elsewhere, the other role's session). */
export function refusal(c: Context, who: Principal | undefined, message: { vi: string; en: string }, role: StaffRole = 'official'): Response {
  return page(c, 403, <NoticePage role={role} official={officialOf(who)} title={TITLES.forbidden} message={message} />);
}

/** The path of a published file on this origin (the site may live under a base path), for a page's script to fetch. */
export function sitePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The origin of the public site (posts from its pages are this origin's too), if the publisher's URL has one. */
export function siteOriginOf(url: () => string): string | undefined {
  try {
    return new URL(url()).origin;
  } catch {
    return undefined;
  }
}
