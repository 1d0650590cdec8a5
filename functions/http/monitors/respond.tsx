/** The answer to a failed or refused monitors' page: the officials' notice (../officials/respond.tsx) in the monitors' frame. */
import type { Context } from 'hono';
import type { CoreDeps } from '../../core/deps.ts';
import type { Principal } from '../../core/ports.ts';
import { refusal as staffRefusal, staffNotice } from '../officials/respond.tsx';
import type { MonitorEnv } from './env.ts';

export { siteOriginOf } from '../officials/respond.tsx';

export function refusal(c: Context, who: Principal | undefined, message: { vi: string; en: string }): Response {
  return staffRefusal(c, who, message, 'monitor');
}

export function monitorNotice(core: CoreDeps, err: unknown, c: Context<MonitorEnv>): Response {
  return staffNotice('monitor', core, err, c, c.get('monitor') as Principal | undefined);
}
