import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { crossSitePosts, fromAnotherSite } from '../../../../functions/http/middleware/cross-site.ts';

function app(site?: string) {
  const a = new Hono();
  a.use(
    '*',
    crossSitePosts(
      () => site,
      (c) => c.text('refused', 403),
    ),
  );
  a.all('/act', (c) => c.text('done'));
  return a;
}

const URL_ = 'http://127.0.0.1:3000/act';

describe('the cross-site guard of the residents’ posts', () => {
  it('lets reads through from anywhere', async () => {
    expect((await app().request(URL_, { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } })).status).toBe(200);
  });

  it.each([
    ['Sec-Fetch-Site: same-origin with Origin: null (a form under no-referrer)', { 'sec-fetch-site': 'same-origin', origin: 'null' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: none (typed or bookmarked)', { 'sec-fetch-site': 'none' }],
    ['no Sec-Fetch-Site and its own Origin', { origin: 'http://127.0.0.1:3000' }],
    ['no Sec-Fetch-Site and Origin: null (an older browser under no-referrer)', { origin: 'null' }],
    ['neither header (curl, an old phone)', {}],
  ])('takes a post with %s', async (_name, headers) => {
    expect((await app().request(URL_, { method: 'POST', headers })).status).toBe(200);
  });

  it('takes a post from the published site’s origin when the function sees another host', async () => {
    const res = await app('https://danban.example').request('https://api.example/act', { method: 'POST', headers: { origin: 'https://danban.example' } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: cross-site even with its own Origin', { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000' }],
    ['no Sec-Fetch-Site and another Origin', { origin: 'https://evil.example' }],
  ])('refuses a post with %s', async (_name, headers) => {
    expect((await app().request(URL_, { method: 'POST', headers })).status).toBe(403);
  });

  it('decides by Sec-Fetch-Site first, then Origin', () => {
    expect(fromAnotherSite(URL_, { secFetchSite: 'same-origin', origin: 'https://evil.example' }, undefined)).toBe(false);
    expect(fromAnotherSite(URL_, { secFetchSite: 'Cross-Site' }, undefined)).toBe(true);
    expect(fromAnotherSite(URL_, { origin: 'https://evil.example' }, 'https://danban.example')).toBe(true);
  });
});
