/** What the monitors' routes share: their dependencies (the officials' minus closing), and the signed-in monitor. */
import type { Hono } from 'hono';
import type { Principal, RlaRequester } from '../../core/ports.ts';
import type { OfficialPagesDeps } from '../officials/env.ts';

export type MonitorPagesDeps = Pick<OfficialPagesDeps, 'core' | 'verifyToken' | 'login' | 'hosted'> & {
  /** Who signs and publishes the audit's conclusion (on AWS the closer Lambda, with the session's token); by default this process. */
  rlaRequester?: RlaRequester;
};

export type MonitorEnv = { Variables: { monitor: Principal } };
export type MonitorApp = Hono<MonitorEnv>;
