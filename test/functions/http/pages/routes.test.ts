import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import { createApp } from '../../../../functions/http/app.ts';
import { residentPages } from '../../../../functions/http/pages/index.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
// Routes that must answer before reaching the store; any use of it fails the test.
const untouchable = new Proxy({} as CoreDeps, {
  get: (_t, p) => {
    throw new Error(`core.${String(p)} used`);
  },
});
const pages = residentPages(untouchable, () => '127.0.0.1');
const form = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
  pages.request(path, { method: 'POST', headers: { 'content-type': type }, body });

describe('the resident routes before the store', () => {
  it('serve the page script as JavaScript, cacheable', async () => {
    const res = await pages.request('/vote/assets/vote.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answer an id that cannot exist with an HTML 404 in the page’s language', async () => {
    const vi = await pages.request('/vote/not-an-id');
    expect(vi.status).toBe(404);
    expect(await vi.text()).toContain('<h1>Không tìm thấy trang</h1>');
    const en = await pages.request('/vote/not-an-id/receipt?lang=en');
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('<h1>Page not found</h1>');
  });

  it('send a reload of a form step back to the ballot page, keeping the language', async () => {
    for (const step of ['review', 'cast', 'edit']) {
      const res = await pages.request(`/vote/${ID}/${step}?lang=en`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/vote/${ID}?lang=en`);
    }
  });

  it('refuse what is not a form with 415, and a body over 16 KiB with 413, saying nothing was recorded', async () => {
    const json = await form(`/vote/${ID}/cast`, '{"code":"x"}', 'application/json');
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('Phiếu CHƯA được ghi nhận');
    const big = await form(`/vote/${ID}/review`, `code=${'x'.repeat(17 * 1024)}`);
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('an unexpected failure', () => {
  it('is a plain 500 page that names nothing internal, and is logged', async () => {
    const logged: string[] = [];
    const failing = {
      store: {
        getConsultation: async () => {
          throw new Error('ConditionalCheckFailed in table danban-prod');
        },
      },
      log: (line: string) => logged.push(line),
    } as unknown as CoreDeps;
    const res = await residentPages(failing, () => '127.0.0.1').request(`/vote/${ID}`);
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('Lỗi hệ thống');
    expect(page).not.toMatch(/danban-prod|ConditionalCheck|at .*\.ts:\d+/);
    expect(logged).toHaveLength(1);
  });
});

describe('the resident pages mounted in the API app', () => {
  it('answer under /vote with pages while the API keeps its JSON errors', async () => {
    const app = createApp({ core: untouchable, verifyToken: async () => undefined, clientIp: () => '127.0.0.1' });
    app.route(
      '/',
      residentPages(untouchable, () => '127.0.0.1'),
    );
    const page = await app.request('/vote/not-an-id');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const api = await app.request('/api/nowhere');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
