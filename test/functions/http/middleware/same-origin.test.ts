import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sameOriginPosts } from '../../../../functions/http/middleware/same-origin.ts';

function app(site?: string) {
  const a = new Hono();
  a.use(
    '*',
    sameOriginPosts(
      () => site,
      (c) => c.text('refused', 403),
    ),
  );
  a.all('/act', (c) => c.text('done'));
  return a;
}

describe('the same-origin guard of the staff pages', () => {
  it('lets reads through from anywhere', async () => {
    expect((await app().request('http://127.0.0.1:3000/act', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('accepts a post from its own origin or the site’s', async () => {
    const own = await app().request('http://127.0.0.1:3000/act', { method: 'POST', headers: { origin: 'http://127.0.0.1:3000' } });
    const site = await app('https://danban.example').request('https://api.example/act', { method: 'POST', headers: { origin: 'https://danban.example' } });
    expect([own.status, site.status]).toEqual([200, 200]);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['no Origin and no Referer', {}],
    ['a Referer of another origin', { referer: 'https://evil.example/page' }],
  ])('refuses a post with %s', async (_name, headers) => {
    const res = await app().request('http://127.0.0.1:3000/act', { method: 'POST', headers });
    expect(res.status).toBe(403);
  });
});
