/**
 * The two apps of the AWS split (infra/constructs/api.ts routes them): the residents' app serves no route with `auth`,
 * the staff app no route without, and both answer 404 for the other's, before anything reads the store.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { createApp, createResidentsApp } from '../../../functions/http/app.ts';

// Any use of the store fails the test: a refused route must not reach it.
const untouchable = new Proxy({} as CoreDeps, {
  get: (_t, p) => {
    throw new Error(`core.${String(p)} used`);
  },
});
const official: Principal = { sub: 'o-1', role: 'official', commune: 'xa-a' } as Principal;
const deps = { core: untouchable, verifyToken: async () => official, clientIp: () => '127.0.0.1' };
const id = '01J0000000000000000000000A';
const bearer = { authorization: 'Bearer t', 'content-type': 'application/json' };

interface Doc {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

/** Every route of the whole app's OpenAPI document, with whether it has `auth`. */
async function allRoutes(): Promise<Array<{ method: string; path: string; auth: boolean }>> {
  const doc = (await (await createApp(deps).request('/api/openapi.json')).json()) as Doc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, auth: !!op.security })),
  );
}
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' || name === 'groupId' ? id : 'x'));

describe('the residents’ and the staff apps', () => {
  it('the residents’ app answers 404 for every route with auth, without reading anything', async () => {
    const app = createResidentsApp(deps);
    const staff = (await allRoutes()).filter((r) => r.auth);
    expect(staff.length).toBeGreaterThan(30);
    for (const r of staff) {
      const res = await app.request(concrete(r.path), { method: r.method, headers: bearer, ...(r.method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status, `${r.method} ${r.path}`).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('the staff app answers 404 for every route without auth and the residents’ pages, and serves the whole OpenAPI document', async () => {
    const app = createApp(deps, 'staff');
    const residents = (await allRoutes()).filter((r) => !r.auth && r.path !== '/api/openapi.json' && r.path !== '/api/health');
    expect(residents.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/consultations/{id}/ballots');
    for (const r of residents) {
      const res = await app.request(concrete(r.path), { method: r.method, headers: bearer, ...(r.method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status, `${r.method} ${r.path}`).toBe(404);
    }
    expect((await app.request(`/vote/${id}`)).status).toBe(404);
    const doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    expect(Object.keys(doc.paths).length).toBe(Object.keys(((await (await createApp(deps).request('/api/openapi.json')).json()) as Doc).paths).length);
  });

  it('the residents’ app does not serve the OpenAPI document (the staff function does)', async () => {
    expect((await createResidentsApp(deps).request('/api/openapi.json')).status).toBe(404);
    expect((await createResidentsApp(deps).request('/api/health')).status).toBe(200);
  });

  it('the staff app still refuses a staff route without a principal (401) and reaches the use case with one', async () => {
    const anonymous = createApp({ ...deps, verifyToken: async () => undefined }, 'staff');
    expect((await anonymous.request('/api/consultations', { method: 'POST', headers: bearer, body: '{}' })).status).toBe(401);
    // With a principal the route runs and its body is checked (400) before the store would be read.
    expect((await createApp(deps, 'staff').request('/api/consultations', { method: 'POST', headers: bearer, body: '{}' })).status).toBe(400);
  });
});
