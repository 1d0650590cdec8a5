/** The answer to a failed or refused monitors' page: the API's status for the error, in both languages. */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { MonitorNoticePage } from '../../../web/monitors/pages.tsx';
import type { CoreDeps, Principal } from '../../core/deps.ts';
import { MESSAGES, STATUS } from '../messages.ts';
import { officialOf } from '../officials/respond.tsx';
import { page } from '../pages/respond.ts';
import type { MonitorEnv } from './env.ts';

const FORBIDDEN = { vi: 'Không có quyền', en: 'Not allowed' };
const OTHER = { vi: 'Không thực hiện được', en: 'This could not be done' };
const NOT_FOUND = { vi: 'Không tìm thấy', en: 'Not found' };

export function siteOriginOf(url: () => string): string | undefined {
  try {
    return new URL(url()).origin;
  } catch {
    return undefined;
  }
}

export function refusal(c: Context, who: Principal | undefined, message: { vi: string; en: string }): Response {
  return page(c, 403, <MonitorNoticePage monitor={officialOf(who)} title={FORBIDDEN} message={message} />);
}

export function monitorNotice(core: CoreDeps, err: unknown, c: Context<MonitorEnv>): Response {
  if (err instanceof DomainError && err.code === 'unauthorized') return c.redirect('/monitors/login', 303);
  const known = err instanceof DomainError && STATUS[err.code] < 500 ? err : undefined;
  if (!known) core.log?.(`monitor page failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
  const code = known?.code ?? 'internal_error';
  const title = code === 'not_found' ? NOT_FOUND : code === 'forbidden' ? FORBIDDEN : OTHER;
  const who = c.get('monitor') as Principal | undefined;
  return page(
    c,
    STATUS[code],
    <MonitorNoticePage monitor={officialOf(who)} title={title} message={MESSAGES[code]} reason={known && known.message !== known.code ? known.message : undefined} />,
  );
}
