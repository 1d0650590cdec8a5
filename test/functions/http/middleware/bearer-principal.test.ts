import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import type { Principal } from '../../../../functions/core/ports.ts';
import { bearerPrincipal } from '../../../../functions/http/middleware/bearer-principal.ts';

const OFFICIAL: Principal = { sub: 'u1', role: 'official', commune: 'xa-a' };

function app() {
  const a = new Hono<{ Variables: { principal: Principal | undefined } }>();
  a.use(
    '*',
    bearerPrincipal(async (token) => (token === 'good' ? OFFICIAL : undefined)),
  );
  a.get('/who', (c) => c.json({ who: c.get('principal') ?? null }));
  a.onError((err, c) => c.json({ code: err instanceof DomainError ? err.code : 'other' }, 401));
  return a;
}

describe('the bearer principal middleware', () => {
  it('sets the principal of a valid bearer token', async () => {
    const res = await app().request('/who', { headers: { authorization: 'Bearer good' } });
    expect(await res.json()).toEqual({ who: OFFICIAL });
  });

  it('lets a request without a token through with no principal', async () => {
    expect(await (await app().request('/who')).json()).toEqual({ who: null });
  });

  it.each(['Bearer bad', 'Basic good', 'Bearer'])('refuses a token that is sent but not valid: %s', async (header) => {
    const res = await app().request('/who', { headers: { authorization: header } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthorized' });
  });
});
