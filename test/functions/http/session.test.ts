import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { sessionSecondsLeft } from '../../../functions/core/sessions.ts';
import { fromOwnOrigin, isLoopbackHttp, MAX_SESSION_SECONDS, tokenExpiry } from '../../../functions/http/session.ts';

const now = new Date('2026-11-01T00:00:00Z');
const token = (exp?: number) => {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' });
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(new Uint8Array(32));
};
const seconds = async (exp?: number) => sessionSecondsLeft(tokenExpiry(await token(exp)), now);

describe('how long a session lasts', () => {
  it('ends with the token', async () => {
    expect(await seconds(now.getTime() / 1000 + 3600)).toBe(3600);
  });
  it('lasts 8 hours at most', async () => {
    expect(await seconds(now.getTime() / 1000 + 24 * 3600)).toBe(MAX_SESSION_SECONDS);
    expect(MAX_SESSION_SECONDS).toBe(8 * 3600);
  });
  it('is over for an expired token, or one without an expiry', async () => {
    expect(await seconds(now.getTime() / 1000 - 10)).toBe(0);
    expect(await seconds()).toBe(0);
    expect(tokenExpiry('not a token')).toBeUndefined();
  });
});

describe('where a cookie may go without Secure', () => {
  it.each([
    ['http://127.0.0.1:3000/officials/login', true],
    ['http://localhost/officials/login', true],
    ['http://[::1]:3000/officials/login', true],
    ['https://127.0.0.1/officials/login', false],
    ['http://192.168.1.10:3000/officials/login', false],
    ['http://danban.example/officials/login', false],
    ['https://d111.cloudfront.net/officials/login', false],
  ])('%s: %s', (url, loopback) => {
    expect(isLoopbackHttp(url)).toBe(loopback);
  });
});

describe('whether a post comes from these pages', () => {
  const url = 'http://127.0.0.1:3000/officials/c/new';
  const site = 'https://danban.example';
  it.each<[string, string | undefined, string | undefined, boolean]>([
    ['its own Origin', 'http://127.0.0.1:3000', undefined, true],
    ['the site’s Origin (on AWS the function sees another host)', site, undefined, true],
    ['no Origin, a Referer of this origin', undefined, 'http://127.0.0.1:3000/officials/c/new', true],
    ['another Origin', 'https://evil.example', undefined, false],
    ['another port', 'http://127.0.0.1:3001', undefined, false],
    ['Origin null', 'null', 'http://127.0.0.1:3000/officials/', false],
    ['an Origin from elsewhere with a Referer from here', 'https://evil.example', 'http://127.0.0.1:3000/officials/', false],
    ['no Origin, a Referer from elsewhere', undefined, 'https://evil.example/x', false],
    ['neither', undefined, undefined, false],
    ['a malformed Referer', undefined, 'not a url', false],
  ])('%s', (_, origin, referer, ok) => {
    expect(fromOwnOrigin(url, origin, referer, site)).toBe(ok);
  });
});
