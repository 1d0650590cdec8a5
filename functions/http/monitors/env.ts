/** What the monitors' routes share: their dependencies (the officials' minus closing), and the signed-in monitor. */
import type { Hono } from 'hono';
import type { Principal } from '../../core/ports.ts';
import type { OfficialPagesDeps } from '../officials/env.ts';

export type MonitorPagesDeps = Pick<OfficialPagesDeps, 'core' | 'verifyToken' | 'login' | 'hosted'>;

export type MonitorEnv = { Variables: { monitor: Principal } };
export type MonitorApp = Hono<MonitorEnv>;
