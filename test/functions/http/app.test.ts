import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/app.ts';
import { language } from '../../../functions/http/messages.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';

// Routes that never reach the store; any use of it fails the test.
const untouchable = new Proxy({} as CoreDeps, {
  get: (_t, p) => {
    throw new Error(`core.${String(p)} used`);
  },
});
const app = createApp({ core: untouchable, verifyToken: async () => undefined, clientIp: () => '127.0.0.1' });

describe('the HTTP app', () => {
  it('serves an OpenAPI 3.1 document with every route of api.md', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const r of [
      'POST /api/consultations',
      'GET /api/consultations',
      'PUT /api/consultations/{id}',
      'GET /api/consultations/{id}',
      'POST /api/consultations/{id}/disclose',
      'PUT /api/consultations/{id}/roll',
      'POST /api/consultations/{id}/open',
      'POST /api/consultations/{id}/credentials/{household}/reissue',
      'POST /api/consultations/{id}/paper-ballots',
      'POST /api/consultations/{id}/close',
      'POST /api/consultations/{id}/ballots',
      'GET /api/consultations/{id}/receipts/{receipt}',
      'GET /api/consultations/{id}/audit',
      'POST /api/consultations/{id}/attestations',
      'GET /api/consultations/{id}/opinions',
      'POST /api/consultations/{id}/opinions/{opinionId}/hide',
    ])
      expect(routes).toContain(r);
    // Generated from the validating schema: the ballot body names its fields.
    const ballot = doc.paths['/api/consultations/{id}/ballots']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(ballot.properties ?? {}).sort()).toEqual(['answers', 'code', 'opinions']);
    expect(doc.paths['/api/consultations/{id}/roll']!.put!.requestBody!.content['text/csv']).toBeDefined();
  });

  it("documents the attached documents' routes: the raw file in its media type, the title a required query parameter", async () => {
    type Op = {
      parameters?: Array<{ name: string; in: string; required: boolean }>;
      requestBody?: { content: Record<string, unknown> };
      responses: Record<string, unknown>;
    };
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const attach = doc.paths['/api/consultations/{id}/documents']!.post!;
    expect(Object.keys(attach.requestBody!.content).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(attach.parameters).toContainEqual(expect.objectContaining({ name: 'title', in: 'query', required: true }));
    expect(Object.keys(attach.responses)).toEqual(expect.arrayContaining(['201', '403', '409', '413', '415']));
    const remove = doc.paths['/api/consultations/{id}/documents/{sha256}']!.delete!;
    expect(Object.keys(remove.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    // An optional query parameter stays optional.
    expect(doc.paths['/api/consultations']!.get!.parameters).toContainEqual(expect.objectContaining({ name: 'state', required: false }));
  });

  it('refuses a document from someone not signed in, and one over 4 MiB, before any use case runs', async () => {
    const path = '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV/documents?title=T';
    const anonymous = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7' });
    expect(anonymous.status).toBe(401);
    const big = new Uint8Array(4 * 1024 * 1024 + 1);
    const tooLarge = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'content-length': String(big.length) },
      body: big,
    });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers an unknown route with 404 in the error shape, in Vietnamese by default', async () => {
    const res = await app.request('/api/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy.' } });
  });

  it('refuses a malformed bearer token before any route runs', async () => {
    const res = await app.request('/api/consultations', { method: 'POST', headers: { authorization: 'Bearer x.y.z', 'accept-language': 'en' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('sends security headers and no caching on API answers', async () => {
    const res = await app.request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('the language of messages', () => {
  it.each([
    [undefined, 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en;q=0.5,vi;q=0.9', 'vi'],
    ['fr', 'vi'],
  ])('Accept-Language %s gives %s', (header, lang) => {
    expect(language(header)).toBe(lang);
  });
});
