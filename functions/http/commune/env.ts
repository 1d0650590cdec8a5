/** What the commune's routes share: their dependencies (the monitors'), and the signed-in UBND xã account. */
import type { Hono } from 'hono';
import type { Principal } from '../../core/ports.ts';
import type { MonitorPagesDeps } from '../monitors/env.ts';

export type CommunePagesDeps = MonitorPagesDeps;

export type CommuneEnv = { Variables: { commune: Principal } };
export type CommuneApp = Hono<CommuneEnv>;
