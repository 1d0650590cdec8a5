import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { PAGE_HEADERS, pageHeaders } from '../../../../functions/http/pages/headers.ts';
import { SITE_HEADERS } from '../../../../functions/local/static-site.ts';

describe('the headers of the resident pages', () => {
  it('are exactly the published site’s security headers', () => {
    expect(PAGE_HEADERS).toEqual(SITE_HEADERS);
  });

  it('forbid caching unless the response sets its own Cache-Control', async () => {
    const app = new Hono();
    app.use('*', pageHeaders);
    app.get('/page', (c) => c.html('<p>x</p>'));
    app.get('/asset', (c) => c.body('x', 200, { 'Cache-Control': 'public, max-age=60' }));
    const page = await app.request('/page');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(PAGE_HEADERS['Content-Security-Policy']);
    expect((await app.request('/asset')).headers.get('cache-control')).toBe('public, max-age=60');
  });
});
