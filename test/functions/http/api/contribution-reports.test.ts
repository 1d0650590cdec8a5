/**
 * A labour contribution through the API on the in-memory store, from creation to the village head's report: the
 * schedule in workdays published with the result, collections in workdays, and a report with its signed file
 * (Law 10/2022 Art. 23(2)) in the ledger, the public summary and the page.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../../../functions/adapters/token-verifier.ts';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import type { Publisher } from '../../../../functions/core/ports.ts';
import { createApp } from '../../../../functions/http/app.ts';
import { toBase64 } from '../../../../shared/bytes.ts';
import { Schedule, verifyLedger } from '../../../../shared/contributions.ts';
import { roadConsultation } from '../../../bench/fixtures.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../../support/profile.ts';
import { holdMeeting } from '../../../support/system.ts';

const COMMUNE = 'xa-do-tai';
const ISSUER = 'danban-test';
const { privateKey, publicKey } = await generateKeyPair('ES256');
const verifyToken = tokenVerifier({ jwks: localJwks({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }), issuer: ISSUER });
const token = (group: string) =>
  new SignJWT({ 'cognito:groups': [group], 'custom:commune': COMMUNE, token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject(`${group}-1`)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const files = new Map<string, Uint8Array>();
const publisher: Publisher = {
  put: async (key, body) => {
    files.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  },
  get: async (key) => files.get(key),
  url: (key) => `http://site.test/${key}`,
};
const clock = { at: new Date('2026-12-01T02:00:00Z') };
let n = 0;
const core: CoreDeps = {
  store: new MemoryStore(),
  limiter: new MemoryAttemptLimiter(),
  signer: {
    publicKeySpki: async () => SPKI,
    sign: async (message) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(message))),
  },
  publisher,
  scheduler: { schedule: async () => {}, cancel: async () => {} },
  clock: { now: () => clock.at },
  ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => crypto.getRandomValues(new Uint8Array(k)) },
  profile: OPEN_AT_ONCE,
  log: () => {},
};
const app = createApp({ core, verifyToken, clientIp: () => '127.0.0.1' });
const official = await token('official');

async function call(method: string, path: string, body?: unknown, type = 'application/json') {
  const headers: Record<string, string> = { authorization: `Bearer ${official}` };
  if (body !== undefined) headers['content-type'] = type;
  const res = await app.request(path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

/** Six households: H-1 poor (exempt), H-2 near-poor (half), the rest standard; 2 workdays a member. */
const ROLL = ['id,hamlet,head,members,category', 'H-1,Thôn Đo Tải,A,3,poor', 'H-2,Thôn Đo Tải,B,3,near_poor']
  .concat(['H-3', 'H-4', 'H-5', 'H-6'].map((id, i) => `${id},Thôn Đo Tải,C${i},${i + 1},standard`))
  .join('\n');
const PDF = new TextEncoder().encode('%PDF-1.4\nbáo cáo\n%%EOF\n');

describe('a labour contribution and the village head’s report, through the API', () => {
  let id = '';

  it('publishes the schedule in workdays with the result', async () => {
    const input = roadConsultation(clock.at);
    const created = await call('POST', '/api/consultations', {
      ...input,
      method: 'meeting',
      questions: [{ ...input.questions[0]!, text: 'Tán thành góp 2 ngày công mỗi nhân khẩu?' }],
      contribution: {
        ...input.contribution!,
        form: 'labour',
        basis: 'per_person',
        amountPerUnit: 2,
        workdays: 20,
        exemptions: [
          { category: 'poor', percent: 100 },
          { category: 'near_poor', percent: 50 },
        ],
      },
    });
    expect(created.status).toBe(201);
    id = created.json.id;
    expect((await call('PUT', `/api/consultations/${id}/roll`, ROLL, 'text/csv')).status).toBe(200);
    expect((await call('POST', `/api/consultations/${id}/open`)).status).toBe(200);
    const households = ['H-1', 'H-2', 'H-3', 'H-4', 'H-5', 'H-6'];
    const meetingCall = async (method: string, path: string, opts: { body?: unknown } = {}) => ({ ...(await call(method, path, opts.body)), text: '' });
    expect((await holdMeeting(meetingCall, official, id, households, { q1: { yes: 6 } })).status).toBe(200);
    const schedule = Schedule.parse(JSON.parse(new TextDecoder().decode(files.get(`c/${id}/contributions/schedule.json`))));
    expect(schedule.form).toBe('labour');
    // H-1 exempt; H-2 3 members × 2 × 50 % = 3; H-3..H-6 have 1..4 members: 2, 4, 6, 8.
    expect(schedule.households.map((h) => h.due)).toEqual([0, 3, 2, 4, 6, 8]);
    expect(schedule.residentsShare).toEqual({ amount: 20, shortfall: 0, surplus: 3 });
  });

  it('records workdays given and publishes a report with its file, in the ledger and the summary', async () => {
    clock.at = new Date('2027-01-10T02:00:00Z');
    const given = await call('POST', `/api/consultations/${id}/contributions/entries`, {
      type: 'collection',
      form: 'labour',
      rollId: 'H-3',
      amount: 2,
      date: '2027-01-09',
      receiptNo: 'NC-01',
    });
    expect(given.status).toBe(201);
    const report = await call('POST', `/api/consultations/${id}/contributions/reports`, {
      date: '2027-01-10',
      text: 'Đã đổ bê tông 200 m đường; còn 300 m.',
      attachment: { title: 'Báo cáo tháng 1', mediaType: 'application/pdf', base64: toBase64(PDF) },
    });
    expect(report.status).toBe(201);
    expect(report.json.entry).toMatchObject({ type: 'report', date: '2027-01-10', document: { title: 'Báo cáo tháng 1', mediaType: 'application/pdf' } });
    const file = report.json.entry.document.file as string;
    expect(files.get(`c/${id}/${file}`)).toEqual(PDF);

    const ledger = verifyLedger(files.get(`c/${id}/contributions/ledger.jsonl`)!);
    expect(ledger.problems).toEqual([]);
    expect(ledger.events.map((e) => e.entry.type)).toEqual(['collection', 'report']);
    const page = new TextDecoder().decode(files.get(`c/${id}/contributions/index.html`));
    expect(page).toContain('Đã đổ bê tông 200 m đường; còn 300 m.');
    expect(page).toContain(`href="../../../c/${id}/${file}"`);
    expect(page).toContain('Đã góp 2 ngày công trên tổng số phải góp 23 ngày công');

    const summary = await call('GET', `/api/consultations/${id}/contributions`);
    expect(summary.json).toMatchObject({ form: 'labour', ledger: { collected: 2, collectedByForm: { money: 0, labour: 2, property: 0 }, reports: 1 } });
  });

  it('refuses a report without text, or whose file is not what it says', async () => {
    const empty = await call('POST', `/api/consultations/${id}/contributions/reports`, { date: '2027-01-11', text: '  ' });
    expect(empty.status).toBe(400);
    const png = await call('POST', `/api/consultations/${id}/contributions/reports`, {
      date: '2027-01-11',
      text: 'Báo cáo',
      attachment: { mediaType: 'image/png', base64: toBase64(PDF) },
    });
    expect(png.status).toBe(415);
    expect(verifyLedger(files.get(`c/${id}/contributions/ledger.jsonl`)!).events).toHaveLength(2);
  });

  it('is for officials only', async () => {
    const res = await app.request(`/api/consultations/${id}/contributions/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2027-01-11', text: 'Báo cáo' }),
    });
    expect(res.status).toBe(401);
  });
});
