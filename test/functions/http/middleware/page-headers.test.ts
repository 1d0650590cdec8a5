import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { PAGE_HEADERS, pageHeaders } from '../../../../functions/http/middleware/page-headers.ts';
import { SITE_HEADERS } from '../../../../web/security-headers.ts';

describe('the headers of the resident pages', () => {
  it('are sent on every page: the site’s CSP, no framing, no sniffing', async () => {
    const app = new Hono();
    app.use('*', pageHeaders());
    app.get('/page', (c) => c.html('<p>x</p>'));
    const res = await app.request('/page');
    for (const [name, value] of Object.entries(SITE_HEADERS)) expect(res.headers.get(name)).toBe(value);
    expect(PAGE_HEADERS['Content-Security-Policy']).toContain("script-src 'self'");
  });

  it('forbid caching unless the response sets its own Cache-Control', async () => {
    const app = new Hono();
    app.use('*', pageHeaders());
    app.get('/page', (c) => c.html('<p>x</p>'));
    app.get('/asset', (c) => c.body('x', 200, { 'Cache-Control': 'public, max-age=60' }));
    const page = await app.request('/page');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(PAGE_HEADERS['Content-Security-Policy']);
    expect((await app.request('/asset')).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('with the staff option send same-origin referrers, so that form posts carry their Origin', async () => {
    const app = new Hono();
    app.use('*', pageHeaders({ referrer: 'same-origin' }));
    app.get('/page', (c) => c.html('<p>x</p>'));
    const res = await app.request('/page');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(SITE_HEADERS['Referrer-Policy']).not.toBe('same-origin');
  });
});
