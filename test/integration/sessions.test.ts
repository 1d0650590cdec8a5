/**
 * Staff sessions kept on the server, on DynamoDB Local: the cookie holds a random id and the table only its SHA-256;
 * signing out deletes the session, so the old cookie (or a copy of it) is refused afterwards; a session past its
 * end is signed out; and the id token it was started with is what the officials' pages hand the closer.
 */
import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { CloseRequester } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { roadConsultation, rollCsv, testSystem } from '../support/system.ts';

const ORIGIN = 'http://localhost';
const form = (body: string, cookie?: string) => ({
  method: 'POST',
  headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `danban_session=${cookie}` } : {}) },
  body,
});
const cookieOf = (res: Response) => /danban_session=([^;]*)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
const withCookie = (value: string) => ({ headers: { cookie: `danban_session=${value}` } });

describe('staff sessions kept on the server', () => {
  let s: Awaited<ReturnType<typeof testSystem>>;
  /** How far the system's clock is ahead of real time. */
  let ahead = 0;

  beforeAll(async () => {
    s = await testSystem('sessions', { clock: { now: () => new Date(Date.now() + ahead) } });
  });
  afterAll(() => s?.cleanup());

  const signIn = async (app: { request: Hono['request'] } = s.app) => {
    const res = await app.request('/officials/login', form('username=official&password=pw-official'));
    expect(res.status).toBe(303);
    return { res, cookie: cookieOf(res)! };
  };
  const items = async () => (await DynamoDBDocumentClient.from(s.client).send(new ScanCommand({ TableName: s.tableName }))).Items ?? [];

  it('gives the browser only a random id, and refuses the old cookie after signing out, even a copy of it', async () => {
    const { res, cookie } = await signIn();
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const line = res.headers.getSetCookie().find((l) => l.startsWith('danban_session='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\/officials/);
    expect(Number(/Max-Age=(\d+)/.exec(line)![1])).toBeLessThanOrEqual(8 * 3600);

    const copy = cookie;
    expect((await s.app.request('/officials/', withCookie(cookie))).status).toBe(200);
    const out = await s.app.request('/officials/logout', form('', cookie));
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().some((l) => /^danban_session=;/.test(l) && /Max-Age=0/.test(l))).toBe(true);

    const again = await s.app.request('/officials/', withCookie(copy));
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/officials/login');
    const post = await s.app.request('/officials/c/01ARZ3NDEKTSV4RRFFQ69G5FAV/close', form('reason=', copy));
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/officials/login');
  });

  it('never stores the cookie value, nor the id token, in the table: only the SHA-256 of the id', async () => {
    const { cookie } = await signIn();
    const hash = createHash('sha256').update(cookie).digest('hex');
    const all = await items();
    const raw = JSON.stringify(all);
    expect(raw).not.toContain(cookie);
    expect(raw).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    const item = all.find((i) => i.pk === `SESSION#${hash}`)!;
    expect(item).toMatchObject({ sk: 'SESSION', sub: 'official-a', role: 'official' });
    // The table's TTL removes it at the session's end: 8 hours at most from now.
    expect(item.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 8 * 3600 + 5);
    expect(item.expiresAt).toBe(Math.ceil(Date.parse(item.endsAt) / 1000));
    await s.app.request('/officials/logout', form('', cookie));
    expect((await items()).some((i) => i.pk === `SESSION#${hash}`)).toBe(false);
  });

  it('treats a session past its end as signed out', async () => {
    const { cookie } = await signIn();
    expect((await s.app.request('/officials/', withCookie(cookie))).status).toBe(200);
    ahead = 8 * 3600_000 + 60_000;
    try {
      const res = await s.app.request('/officials/', withCookie(cookie));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/officials/login');
    } finally {
      ahead = 0;
    }
  });

  it('without token cookies (as on AWS) a cookie holding an id token itself opens nothing', async () => {
    const verifyToken = tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER });
    const strict = new Hono().route('/', officialPages({ core: s.core, verifyToken, tokenCookies: false }));
    const res = await strict.request('/officials/', withCookie(await s.token('official')));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/officials/login');
  });

  it("hands the closer the official's own id token, kept sealed with the session", async () => {
    const official = await s.token('official');
    const id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id as string;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(2), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);

    const verifyToken = tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER });
    const handed: string[] = [];
    const closeRequester: CloseRequester = {
      close: async (_who, idToken) => {
        handed.push(idToken);
        return { state: 'published', result: 'https://example.invalid/c/x/' };
      },
    };
    const pages = new Hono().route(
      '/',
      officialPages({ core: s.core, verifyToken, tokenCookies: false, closeRequester, login: (u, p) => s.issuer.login(u, p) }),
    );
    const { cookie } = await signIn(pages);
    const res = await pages.request(`/officials/c/${id}/close`, form(`reason=${encodeURIComponent('Mọi hộ đã bỏ phiếu xong.')}`, cookie));
    expect(res.status).toBe(200);
    expect(handed).toHaveLength(1);
    expect(await verifyToken(handed[0]!)).toEqual({ sub: 'official-a', role: 'official', commune: 'xa-thu-nghiem' });
  });
});
