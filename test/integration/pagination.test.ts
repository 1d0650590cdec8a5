/**
 * The lists a page at a time on DynamoDB Local: the public API's pages and cursors, the officials' and monitors'
 * start pages with their "Trang sau" links, and consultations written before the commune entries existed.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.ts';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { AuditDraft } from '../../functions/core/store.ts';
import { monitorPages } from '../../functions/http/monitors/index.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { testDdbClient, uniqueTableName } from '../support/ddb.ts';
import { COMMUNE, OTHER_COMMUNE, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Summary = { id: string; state: string } & Record<string, unknown>;

const SETUP = (at: string): AuditDraft => ({ at, actor: { role: 'official', id: 'official-a' }, action: 'created', data: {} });
const newestFirst = (ids: readonly string[]) => [...ids].sort().reverse();
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('the lists, a page at a time, on the real store', () => {
  let s: Sys;
  let staff: Hono;
  let official = '';
  let monitor = '';
  /** The fixture commune's rounds by state, and the other commune's. */
  const ours = { disclosed: [] as string[], cancelled: '', draft: '', bulk: [] as string[] };
  const theirs = { disclosed: '', draft: '' };

  const ok = <R extends { status: number; text: string }>(r: R, status: number): R => {
    if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
    return r;
  };

  /** Every page of an API list, followed by its `next`; each page's ids. */
  const apiPages = async (query: string): Promise<string[][]> => {
    const pages: string[][] = [];
    let next: string | undefined;
    do {
      const r = ok(await s.call('GET', `/api/consultations?${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`), 200);
      pages.push(r.json.consultations.map((c: Summary) => c.id));
      next = r.json.next;
      if (pages.length > 20) throw new Error('the pages never end');
    } while (next);
    return pages;
  };

  const page = async (path: string, who: string) => {
    const res = await staff.request(path, { headers: { cookie: `danban_session=${who}` } });
    return { status: res.status, html: await res.text() };
  };
  const nextLink = (html: string) => /<a href="([^"]*)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  const listed = (html: string, base: string) => [...html.matchAll(new RegExp(`href="${base}/c/([0-9A-Z]{26})"`, 'g'))].map((m) => m[1]!);

  beforeAll(async () => {
    s = await testSystem('pagination');
    const verifyToken = tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER });
    const login = (u: string, p: string) => s.issuer.login(u, p);
    staff = new Hono().route('/', officialPages({ core: s.core, verifyToken, login })).route('/', monitorPages({ core: s.core, verifyToken, login }));
    official = await s.token('official');
    monitor = await s.token('monitor');
    const other = await s.token('other');
    const create = async (token: string, title: string) =>
      ok(await s.call('POST', '/api/consultations', { token, body: { ...roadConsultation(), title } }), 201).json.id as string;
    const disclose = async (token: string, id: string) => {
      ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(2), type: 'text/csv' }), 200);
      ok(await s.call('POST', `/api/consultations/${id}/disclose`, { token }), 200);
    };
    for (let i = 1; i <= 4; i++) {
      const id = await create(official, `Cuộc ${i}`);
      await disclose(official, id);
      ours.disclosed.push(id);
    }
    ours.cancelled = ours.disclosed.pop()!;
    ok(await s.call('POST', `/api/consultations/${ours.cancelled}/cancel`, { token: official }), 200);
    ours.draft = await create(official, 'Bản nháp');
    theirs.disclosed = await create(other, 'Cuộc xã bên');
    await disclose(other, theirs.disclosed);
    theirs.draft = await create(other, 'Bản nháp xã bên');
    // More than one page of the staff lists (50 a page): disclosed rounds written straight to the store.
    const at = new Date().toISOString();
    for (let i = 0; i < 50; i++) {
      const c: Consultation = { ...roadConsultation(), id: s.core.ids.ulid(), commune: COMMUNE, title: `Vòng ${i}` };
      await s.core.store.createConsultation(c, at, SETUP(at));
      await s.core.store.transition(c.id, ['draft'], 'disclosure', at, { ...SETUP(at), action: 'disclosed' });
      ours.bulk.push(c.id);
    }
  }, 120_000);
  afterAll(() => s.cleanup());

  it('pages through the consultations that are not drafts, newest first, each once, at most `limit` a page', async () => {
    const pages = await apiPages('limit=20');
    expect(pages.map((p) => p.length)).toEqual([20, 20, 15]);
    expect(pages.flat()).toEqual(newestFirst([...ours.disclosed, ours.cancelled, ...ours.bulk, theirs.disclosed]));
    // 50 unless asked.
    expect((await apiPages('')).map((p) => p.length)).toEqual([50, 5]);
  });

  it('answers summaries: no description, questions, roll or counts', async () => {
    const r = ok(await s.call('GET', `/api/consultations?commune=${OTHER_COMMUNE}`), 200);
    expect(r.json).toEqual({ consultations: [expect.objectContaining({ id: theirs.disclosed, commune: OTHER_COMMUNE, state: 'disclosure' })] });
    expect(Object.keys(r.json.consultations[0]).sort()).toEqual(['closesAt', 'commune', 'id', 'matter', 'method', 'opensAt', 'scope', 'state', 'title']);
    expect(r.json.consultations[0]).toMatchObject({ title: 'Cuộc xã bên', matter: roadConsultation().matter, scope: roadConsultation().scope });
  });

  it('keeps to one commune and one state when asked, across pages', async () => {
    expect((await apiPages(`commune=${COMMUNE}&limit=7`)).flat()).toEqual(newestFirst([...ours.disclosed, ours.cancelled, ...ours.bulk]));
    expect((await apiPages(`commune=${COMMUNE}&state=cancelled&limit=1`)).flat()).toEqual([ours.cancelled]);
    expect((await apiPages('state=disclosure&limit=9')).flat()).toEqual(newestFirst([...ours.disclosed, ...ours.bulk, theirs.disclosed]));
    expect((await apiPages('state=voting')).flat()).toEqual([]);
    expect((await apiPages('commune=xa-khong-co')).flat()).toEqual([]);
    // Drafts are not public, whoever asks.
    const asOfficial = ok(await s.call('GET', `/api/consultations?commune=${COMMUNE}&limit=200`, { token: official }), 200);
    expect(asOfficial.json.consultations.map((c: Summary) => c.id)).not.toContain(ours.draft);
    expect((await s.call('GET', '/api/consultations?state=draft')).status).toBe(400);
  });

  it('refuses a bad cursor or limit with 400 invalid_request in the error shape, never a 500', async () => {
    const ourCursor = ok(await s.call('GET', `/api/consultations?commune=${COMMUNE}&limit=1`), 200).json.next as string;
    const allCursor = ok(await s.call('GET', '/api/consultations?limit=1'), 200).json.next as string;
    expect(ourCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const bad = [
      'cursor=garbage',
      'cursor=!!!',
      `cursor=${'A'.repeat(3000)}`,
      `cursor=${b64url('{"pk":"C#x","sk":"C","gsi1pk":"CONS","gsi1sk":""}')}`,
      `cursor=${b64url('{"pk":"A#1","sk":"C","gsi1pk":"CONS","gsi1sk":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}')}`,
      `cursor=${b64url('[1,2]')}`,
      `commune=${OTHER_COMMUNE}&cursor=${ourCursor}`,
      `commune=${COMMUNE}&cursor=${allCursor}`,
      `cursor=${ourCursor}`,
      'limit=0',
      'limit=201',
      'limit=ten',
      'limit=-1',
    ];
    for (const query of bad) {
      const r = await s.call('GET', `/api/consultations?${query}`);
      expect({ query, status: r.status, code: r.json?.error?.code }).toEqual({ query, status: 400, code: 'invalid_request' });
      expect(typeof r.json.error.message).toBe('string');
      expect(r.text).not.toMatch(/gsi1|ExclusiveStartKey|ValidationException/);
    }
    expect((await s.call('GET', '/api/consultations?limit=200')).status).toBe(200);
    expect((await s.call('GET', `/api/consultations?commune=${COMMUNE}&cursor=${ourCursor}`)).status).toBe(200);
  });

  it('describes the page’s parameters and `next` in the OpenAPI document', async () => {
    const doc = ok(await s.call('GET', '/api/openapi.json'), 200).json;
    const op = doc.paths['/api/consultations'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['commune', 'cursor', 'limit', 'state']);
    expect(JSON.stringify(op.responses['200'])).toContain('"next"');
  });

  it('shows an official their commune’s list, drafts included, 50 a page, with a "Trang sau" link that works without script', async () => {
    const first = await page('/officials/', official);
    expect(first.status).toBe(200);
    const next = nextLink(first.html);
    expect(next).toMatch(/^\/officials\/\?cursor=/);
    expect(first.html).toContain('Trang sau');
    expect(first.html).not.toContain('Trang đầu');
    const second = await page(next!, official);
    expect(second.status).toBe(200);
    expect(nextLink(second.html)).toBeUndefined();
    expect(second.html).toContain('href="/officials/"');
    const ids = [...listed(first.html, '/officials'), ...listed(second.html, '/officials')];
    expect(listed(first.html, '/officials')).toHaveLength(50);
    expect(ids).toEqual(newestFirst([...ours.disclosed, ours.cancelled, ours.draft, ...ours.bulk]));
  });

  it('shows a monitor their commune’s list without drafts, a page at a time', async () => {
    const first = await page('/monitors/', monitor);
    expect(first.status).toBe(200);
    const next = nextLink(first.html);
    expect(next).toMatch(/^\/monitors\/\?cursor=/);
    const second = await page(next!, monitor);
    expect(nextLink(second.html)).toBeUndefined();
    const ids = [...listed(first.html, '/monitors'), ...listed(second.html, '/monitors')];
    expect(ids).toEqual(newestFirst([...ours.disclosed, ours.cancelled, ...ours.bulk]));
    expect(ids).not.toContain(theirs.disclosed);
  });

  it('answers a staff page with a bad cursor with a 400 page, not a 500', async () => {
    expect((await page('/officials/?cursor=garbage', official)).status).toBe(400);
    expect((await page('/monitors/?cursor=garbage', monitor)).status).toBe(400);
  });
});

describe('consultations written before the commune entries existed', () => {
  it('are still listed by commune: the first commune page writes their entries once', async () => {
    const client = testDdbClient();
    const table = uniqueTableName('pagination-backfill');
    await ensureTable(client, table);
    const doc = DynamoDBDocumentClient.from(client);
    try {
      const before = new DynamoStore(client, table);
      const at = '2026-03-01T08:00:00Z';
      const ids = ['01J00000000000000000000001', '01J00000000000000000000002', '01J00000000000000000000003'];
      for (const [n, id] of ids.entries()) {
        const c: Consultation = { ...roadConsultation(), id, commune: n === 1 ? OTHER_COMMUNE : COMMUNE, title: `Cũ ${n}` };
        await before.createConsultation(c, at, SETUP(at));
      }
      // As the table was before: no commune entry, no marker.
      for (const id of ids) await doc.send(new DeleteCommand({ TableName: table, Key: { pk: `C#${id}`, sk: 'COMMUNE' } }));
      await doc.send(new DeleteCommand({ TableName: table, Key: { pk: 'M#commune-index', sk: 'M' } }));
      expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: `C#${ids[0]}`, sk: 'COMMUNE' } }))).Item).toBeUndefined();

      const after = new DynamoStore(client, table);
      expect((await after.listConsultationPage({ commune: COMMUNE, limit: 10 })).items.map((i) => i.id)).toEqual([ids[2], ids[0]]);
      expect((await after.listConsultationPage({ commune: OTHER_COMMUNE, limit: 10 })).items.map((i) => i.id)).toEqual([ids[1]]);
      expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: `C#${ids[0]}`, sk: 'COMMUNE' } }))).Item).toMatchObject({
        gsi1pk: `CONS#${COMMUNE}`,
        gsi1sk: ids[0],
      });
      expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: 'M#commune-index', sk: 'M' } }))).Item).toBeDefined();
      // Once marked, a new store does not backfill again: an entry removed now stays removed.
      await doc.send(new DeleteCommand({ TableName: table, Key: { pk: `C#${ids[0]}`, sk: 'COMMUNE' } }));
      expect((await new DynamoStore(client, table).listConsultationPage({ commune: COMMUNE, limit: 10 })).items.map((i) => i.id)).toEqual([ids[2]]);
    } finally {
      await client.send(new DeleteTableCommand({ TableName: table }));
      client.destroy();
    }
  }, 60_000);
});
