/** A whole local system on the shared DynamoDB Local, with its own table and site folder, for integration tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { hashPassword, type LocalAccount } from '../../functions/local/issuer.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import type { Clock } from '../../functions/core/ports.ts';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { uniqueTableName } from './ddb.ts';
import { OPEN_AT_ONCE } from './profile.ts';
import type { LegalProfile } from '../../shared/matters.ts';

export const COMMUNE = 'xa-thu-nghiem';
export const OTHER_COMMUNE = 'xa-ben-canh';

const accounts: LocalAccount[] = [
  { username: 'official', role: 'official', commune: COMMUNE, sub: 'official-a', passwordHash: hashPassword('pw-official') },
  { username: 'other', role: 'official', commune: OTHER_COMMUNE, sub: 'official-b', passwordHash: hashPassword('pw-other') },
  { username: 'monitor', role: 'monitor', commune: COMMUNE, sub: 'monitor-a', passwordHash: hashPassword('pw-monitor') },
];

export async function testSystem(name: string, options: { clock?: Clock; profile?: LegalProfile; chromium?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-test-'));
  const tableName = uniqueTableName(name);
  const sys = await buildLocalSystem({
    profile: options.profile ?? OPEN_AT_ONCE,
    dataDir,
    baseUrl: 'http://127.0.0.1:9/',
    dynamoEndpoint: inject('ddbEndpoint'),
    tableName,
    accounts,
    log: () => undefined,
    attempts: { slowAfter: 3, refuseAt: 6, baseDelayMs: 5, maxDelayMs: 20 },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.chromium ? { chromium: options.chromium } : {}),
  });
  const token = async (who: 'official' | 'other' | 'monitor') => {
    const account = accounts.find((a) => a.username === who)!;
    return sys.issuer.issue(account);
  };
  const call = async (method: string, path: string, opts: { body?: unknown; token?: string; type?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] = opts.type ?? 'application/json';
    }
    const res = await sys.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  return {
    ...sys,
    dataDir,
    tableName,
    token,
    call,
    cleanup: () => {
      sys.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function roadConsultation(now = new Date(), hoursOpen = 24): ConsultationInput {
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'contribution',
    method: 'household_ballot',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường dài 500 m.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Tán thành mức đóng góp 300.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
    ],
    contribution: {
      totalCost: 900_000_000,
      stateBudget: 870_000_000,
      residentsShare: 30_000_000,
      basis: 'per_household',
      amountPerUnit: 300_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
  };
}

export function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (let i = 1; i <= n; i++) lines.push(`H-${String(i).padStart(3, '0')},Thôn Thử Nghiệm,Chủ hộ ${i},${1 + (i % 5)},${i % 10 === 0 ? 'poor' : 'standard'}`);
  return `${lines.join('\n')}\n`;
}
