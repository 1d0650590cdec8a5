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
import { BALLOT_RECORDED } from './ballot-conditions.ts';
import { OPEN_AT_ONCE } from './profile.ts';
import type { LegalProfile } from '../../shared/matters.ts';

export const COMMUNE = 'xa-thu-nghiem';
export const OTHER_COMMUNE = 'xa-ben-canh';

const accounts: LocalAccount[] = [
  { username: 'official', role: 'official', commune: COMMUNE, sub: 'official-a', passwordHash: hashPassword('pw-official') },
  { username: 'other', role: 'official', commune: OTHER_COMMUNE, sub: 'official-b', passwordHash: hashPassword('pw-other') },
  { username: 'monitor', role: 'monitor', commune: COMMUNE, sub: 'monitor-a', passwordHash: hashPassword('pw-monitor') },
  { username: 'commune', role: 'commune', commune: COMMUNE, sub: 'commune-a', passwordHash: hashPassword('pw-commune') },
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
  const token = async (who: 'official' | 'other' | 'monitor' | 'commune') => {
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

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * The road of the README: going ahead with a concrete road and its contribution (Art. 15(1)), decided the law's
 * way, at a community meeting first (`holdMeeting`); household ballots only follow a meeting that had too few
 * households present (`followUpBallot`).
 */
export function roadConsultation(now = new Date(), hoursOpen = 24): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'contribution',
    method: 'meeting',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường dài 500 m.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý mức đóng góp 300.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
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

/**
 * A round the law lets the community decide online (Art. 15(6), Decree 59/2023 Art. 5): street lights paid from the
 * hamlet's own fund. Voting codes, receipts and paper entries for a household belong to rounds like this one.
 */
export function onlineConsultation(now = new Date(), hoursOpen = 24): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'other_self_managed',
    method: 'online',
    title: 'Lắp đèn chiếu sáng đường thôn',
    description: 'Lắp 20 bóng đèn năng lượng mặt trời dọc đường thôn.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn chiếu sáng đường thôn?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } },
    ],
  };
}

type Call = (method: string, path: string, opts?: { body?: unknown; token?: string }) => Promise<{ status: number; json: any; text: string }>;

/** Records the five Decree 59/2023 Art. 5 conditions of an online round, with every household agreeing in the poll. */
export async function recordOnlineConditions(call: Call, token: string, id: string, households: number): Promise<void> {
  const dated = { date: '2026-12-01', reference: 'Biên bản số 01/BB' };
  const conditions = [
    { condition: 'leaders_agreed', ...dated },
    { condition: 'reported', ...dated },
    {
      condition: 'team',
      members: [
        { name: 'Tổ viên Một', role: 'Ban công tác Mặt trận' },
        { name: 'Tổ viên Hai', role: 'Chi hội Phụ nữ' },
        { name: 'Tổ viên Ba', role: 'Chi đoàn Thanh niên' },
      ],
      leader: 'Tổ viên Một',
    },
    { condition: 'poll', agreed: households, ...dated },
    { condition: 'devices', ...dated },
  ];
  for (const body of conditions) {
    const r = await call('POST', `/api/consultations/${id}/online-conditions`, { token, body });
    if (r.status !== 201) throw new Error(`condition ${body.condition}: ${r.status} ${r.text}`);
  }
}

/**
 * Records the two Decree 59/2023 Art. 4 conditions of a household-ballot round: the plan, sent to both chairs the day
 * after it was issued, and the ballot team of three led by the Front working committee's representative.
 */
export async function recordBallotConditions(call: Call, token: string, id: string): Promise<void> {
  for (const body of BALLOT_RECORDED) {
    const r = await call('POST', `/api/consultations/${id}/online-conditions`, { token, body });
    if (r.status !== 201) throw new Error(`condition ${body.condition}: ${r.status} ${r.text}`);
  }
}

/**
 * Holds the meeting of a `meeting` round already open (state voting): the households present, a show of hands with
 * `hands` (question id -> answer -> count), then close. Returns the close response.
 */
export async function holdMeeting(call: Call, token: string, id: string, present: readonly string[], hands: Record<string, Record<string, number>>) {
  for (const household of present) {
    const r = await call('POST', `/api/consultations/${id}/attendance`, { token, body: { household } });
    if (r.status !== 200 && r.status !== 201) throw new Error(`attendance ${household}: ${r.status} ${r.text}`);
  }
  const method = await call('POST', `/api/consultations/${id}/voting-method`, { token, body: { voting: 'show_of_hands' } });
  if (method.status >= 300) throw new Error(`voting method: ${method.status} ${method.text}`);
  const counts = await call('POST', `/api/consultations/${id}/hand-count`, { token, body: { counts: hands } });
  if (counts.status >= 300) throw new Error(`hand count: ${counts.status} ${counts.text}`);
  return call('POST', `/api/consultations/${id}/close`, { token });
}

export function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (let i = 1; i <= n; i++) lines.push(`H-${String(i).padStart(3, '0')},Thôn Thử Nghiệm,Chủ hộ ${i},${1 + (i % 5)},${i % 10 === 0 ? 'poor' : 'standard'}`);
  return `${lines.join('\n')}\n`;
}

/** Who may knock on a round's door: nobody signed in, and each staff role of the round's commune and of another. */
export type PrincipalName = 'anonymous' | 'official' | 'otherOfficial' | 'monitor' | 'otherMonitor' | 'commune' | 'otherCommune';
export const STAFF_PRINCIPALS: Record<Exclude<PrincipalName, 'anonymous'>, { sub: string; role: LocalAccount['role']; commune: string }> = {
  official: { sub: 'official-a', role: 'official', commune: COMMUNE },
  otherOfficial: { sub: 'official-b', role: 'official', commune: OTHER_COMMUNE },
  monitor: { sub: 'monitor-a', role: 'monitor', commune: COMMUNE },
  otherMonitor: { sub: 'monitor-b', role: 'monitor', commune: OTHER_COMMUNE },
  commune: { sub: 'commune-a', role: 'commune', commune: COMMUNE },
  otherCommune: { sub: 'commune-b', role: 'commune', commune: OTHER_COMMUNE },
};

/** A token for every staff principal of both communes, issued by the system's own local issuer ('' for anonymous). */
export async function principalTokens(sys: { issuer: { issue: (a: { sub: string; role: LocalAccount['role']; commune: string }) => Promise<string> } }) {
  const tokens = { anonymous: '' } as Record<PrincipalName, string>;
  for (const [name, who] of Object.entries(STAFF_PRINCIPALS)) tokens[name as PrincipalName] = await sys.issuer.issue(who);
  return tokens;
}
