import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { noStore } from '../../../../functions/http/middleware/no-store.ts';

describe('the no-store middleware', () => {
  it('forbids caching of every response, whatever the handler said', async () => {
    const app = new Hono();
    app.use('*', noStore());
    app.get('/a', (c) => c.body('x', 200, { 'Cache-Control': 'public, max-age=60' }));
    expect((await app.request('/a')).headers.get('cache-control')).toBe('no-store');
  });

  it('with ifUnset keeps a Cache-Control the handler chose', async () => {
    const app = new Hono();
    app.use('*', noStore({ ifUnset: true }));
    app.get('/a', (c) => c.body('x', 200, { 'Cache-Control': 'public, max-age=60' }));
    app.get('/b', (c) => c.body('x'));
    expect((await app.request('/a')).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await app.request('/b')).headers.get('cache-control')).toBe('no-store');
  });
});
