/** Property: nothing a client sends makes the API answer 500 or leak a stack trace; every error has the api.md shape. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('the API under arbitrary client input', () => {
  let s: Sys;
  let id: string;
  let official: string;
  beforeAll(async () => {
    s = await testSystem('fuzz');
    official = await s.token('official');
    id = (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(5), type: 'text/csv' });
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
  });
  afterAll(() => s.cleanup());

  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        code: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        answers: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.string()),
      })
      .map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
  );
  const routes = (cid: string) => [
    ['POST', `/api/consultations/${cid}/ballots`],
    ['POST', `/api/consultations/${cid}/paper-ballots`],
    ['POST', '/api/consultations'],
    ['PUT', `/api/consultations/${cid}`],
    ['PUT', `/api/consultations/${cid}/roll`],
    ['POST', `/api/consultations/${cid}/attestations`],
    ['GET', `/api/consultations/${cid}/receipts/${encodeURIComponent(cid)}`],
  ];

  it('answers every random body, path id and media type with a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        json,
        fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/jose', 'application/json; charset=utf-8'),
        fc.oneof(fc.constant('real'), fc.string({ maxLength: 30 })),
        fc.boolean(),
        async (routeIndex, body, type, pathId, withToken) => {
          const cid = pathId === 'real' ? id : pathId;
          const [method, path] = routes(encodeURIComponent(cid))[routeIndex]!;
          const r = await s.call(method!, path!, { ...(method === 'GET' ? {} : { body, type }), ...(withToken ? { token: official } : {}) });
          expect(r.status).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400) {
            expect(typeof r.json?.error?.code).toBe('string');
            expect(typeof r.json?.error?.message).toBe('string');
            expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
