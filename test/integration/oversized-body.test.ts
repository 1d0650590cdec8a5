/**
 * The local server (as `npm start` serves it) refuses a body over the limit with 413 and
 * leaves its keep-alive connection usable: the next request on the same agent succeeds, whether the server read the
 * rest of the body or closed the connection and said so.
 */
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocal } from '../../functions/local/server.ts';
import { testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

describe('a body refused for its size on the local server', () => {
  let s: Sys;
  let server: ReturnType<typeof serveLocal>;
  let port = 0;
  let official = '';

  beforeAll(async () => {
    s = await testSystem('oversized-body');
    official = await s.token('official');
    server = serveLocal(s.app, { hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    s.cleanup();
  });

  /** One request on `agent`, the body written in chunks as a client uploading a file does. */
  const send = (agent: Agent, method: string, path: string, body?: { bytes: Buffer; type: string; chunked?: boolean }) =>
    new Promise<Reply>((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${official}` };
      if (body) {
        headers['content-type'] = body.type;
        if (!body.chunked) headers['content-length'] = body.bytes.length;
      }
      const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      // The server may answer and close before the whole body is written: that is its right, not an error here.
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
      if (body) {
        const size = 64 * 1024;
        for (let i = 0; i < body.bytes.length; i += size) req.write(body.bytes.subarray(i, i + size));
      }
      req.end();
    });

  const cases = [
    { what: 'a JSON body over 64 KiB, with its length', path: '/api/consultations', type: 'application/json', size: 200 * 1024, chunked: false },
    { what: 'a JSON body over 64 KiB, chunked', path: '/api/consultations', type: 'application/json', size: 200 * 1024, chunked: true },
    {
      what: 'a roll over 5 MiB, with its length',
      path: '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV/roll',
      type: 'text/csv',
      size: 6 * 1024 * 1024,
      chunked: false,
    },
    { what: 'a roll over 5 MiB, chunked', path: '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV/roll', type: 'text/csv', size: 6 * 1024 * 1024, chunked: true },
  ];

  for (const c of cases)
    it(`answers ${c.what} with 413, then serves the next request on the same agent`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const method = c.type === 'text/csv' ? 'PUT' : 'POST';
        const bytes = Buffer.alloc(c.size, c.type === 'text/csv' ? 'x' : ' ');
        const refused = await send(agent, method, c.path, { bytes, type: c.type, chunked: c.chunked });
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.text).error.code).toBe('payload_too_large');
        for (let i = 0; i < 3; i++) {
          const next = await send(agent, 'GET', '/api/health');
          expect(next.status).toBe(200);
          expect(JSON.parse(next.text)).toEqual({ ok: true });
        }
      } finally {
        agent.destroy();
      }
    }, 20_000);
});
