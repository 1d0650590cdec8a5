/**
 * Signing in and out of the officials' and the monitors' pages: one set of routes for both roles, under their base
 * path (`/officials`, `/monitors`).
 *
 * - Local mode (`login`): a username and password form, checked by the local issuer.
 * - On AWS (`hosted`): the OAuth 2.0 authorization code flow with PKCE (RFC 7636) against the Cognito user pool's
 *   own sign-in page. `GET <base>/login/start` sends the browser there with a fresh `state` and code challenge, kept
 *   in a short-lived cookie; `GET <base>/login/callback` checks the state, exchanges the code (with the verifier) at
 *   the token endpoint from the server, and keeps the id token as the session. The password, the first-time
 *   password change and the TOTP code stay on the user pool's page; the code and the tokens never reach a log.
 *
 * Either way the token is verified here by the API's own verifier, and only a token of the page's role is accepted;
 * then a session is started on the server (functions/core/sessions.ts) and the cookie gets only its random id.
 * Signing out deletes that session, so the cookie, or any copy of it, opens nothing afterwards.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { SignedInPage, SignedOutPage, SignInPage, type SignInFailure, type SignInRole } from '../../web/sign-in-page.tsx';
import type { TokenVerifier } from '../core/ports.ts';
import type { CoreDeps } from '../core/deps.ts';
import { endStaffSession, startStaffSession } from '../core/sessions.ts';
import { formFields, formLimit, page } from './pages/respond.ts';
import { endSession, isLoopbackHttp, sessionCookie, startSession, tokenExpiry } from './session.ts';

/** The user pool's sign-in pages (Cognito managed login) and the app client the pages use. */
export interface HostedSignIn {
  /** The user pool domain, `https://<prefix>.auth.<region>.amazoncognito.com` (no trailing slash needed). */
  domain: string;
  clientId: string;
  /** For tests: how the token endpoint is called. */
  fetch?: typeof fetch;
}

export interface SignInDeps {
  core: CoreDeps;
  verifyToken: TokenVerifier;
  /** Local mode only: sign-in with the local issuer's accounts. */
  login?: ((username: string, password: string) => Promise<{ token: string; role: string; commune: string } | undefined>) | undefined;
  /** On AWS: sign-in through the user pool's own pages. */
  hosted?: HostedSignIn | undefined;
  /**
   * Local mode only: whether a session cookie may also hold a local id token itself (verified on every request).
   * Never with `hosted`; `false` turns it off in local mode too.
   */
  tokenCookies?: boolean | undefined;
}

/** The cookie that carries `state` and the PKCE verifier from the start of a sign-in to its callback. */
export const FLOW_COOKIE = 'danban_signin';
/** Long enough to type a password and a TOTP code, short enough that a stale attempt is refused. */
export const FLOW_SECONDS = 600;
const TOKEN_TIMEOUT_MS = 10_000;

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const Callback = z.object({
  code: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[\w.~-]+$/),
  state: z.string().regex(/^[\w-]{22,64}$/),
});
const TokenResponse = z.object({ id_token: z.string().min(1).max(16_384) });

/** The paths of signing in and out under `base`, which the session guard lets through. */
export const signInPaths = (base: string): string[] => [`${base}/login`, `${base}/login/start`, `${base}/login/callback`, `${base}/logout`];

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Equal strings in time independent of where they differ (the state is a secret of this browser's attempt). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Where the user pool sends the browser back: on the site's origin (CloudFront), else this request's. */
function callbackUrl(c: Context, siteOrigin: string | undefined, base: string): string {
  return `${siteOrigin ?? new URL(c.req.url).origin}${base}/login/callback`;
}

/** The user pool's token endpoint: the id token for an authorization code and its PKCE verifier. */
async function exchangeCode(
  hosted: HostedSignIn,
  grant: { code: string; verifier: string; redirectUri: string },
  log: ((line: string) => void) | undefined,
): Promise<string | 'expired' | 'unavailable'> {
  try {
    const answer = await (hosted.fetch ?? fetch)(new URL('/oauth2/token', hosted.domain), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: hosted.clientId,
        code: grant.code,
        redirect_uri: grant.redirectUri,
        code_verifier: grant.verifier,
      }).toString(),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    // 400 invalid_grant: a code used twice, expired, or not issued for this verifier. The user starts again.
    if (answer.status === 400) return 'expired';
    if (!answer.ok) throw new Error(`token endpoint answered ${answer.status}`);
    return TokenResponse.parse(await answer.json()).id_token;
  } catch (err) {
    log?.(`sign-in: token exchange failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    return 'unavailable';
  }
}

export function signInRoutes<E extends object>(app: Hono<E>, role: SignInRole, base: string, deps: SignInDeps, siteOrigin: string | undefined): void {
  const mode = deps.hosted ? 'hosted' : deps.login ? 'password' : 'none';
  // Lax, not Strict: it must come back with the user pool's redirect to the callback, a navigation from another site.
  const flowOptions = (c: Context) => ({ path: `${base}/login`, httpOnly: true, sameSite: 'Lax' as const, secure: !isLoopbackHttp(c.req.url) });
  const show = (c: Context, status: number, failure?: SignInFailure, username?: string) =>
    page(c, status, <SignInPage role={role} mode={mode} failure={failure} username={username} />);

  /** The verified token becomes the session if it is of this role; otherwise the page that says why not. */
  async function refused(c: Context, token: string, username?: string): Promise<Response | undefined> {
    const who = await deps.verifyToken(token);
    if (!who) return show(c, 401, 'wrong', username);
    if (who.role !== role) return show(c, 403, 'wrong_role', username);
    const session = await startStaffSession(deps.core, who, token, tokenExpiry(token));
    if (!session) return show(c, 401, 'wrong', username);
    startSession(c, session.id, session.seconds, base);
    return undefined;
  }

  app.get(`${base}/login`, (c) => show(c, 200));

  app.post(`${base}/login`, formLimit, async (c) => {
    const fields = await formFields(c);
    const username = (fields.get('username') ?? '').normalize('NFC').trim().slice(0, 100);
    if (!deps.login) return show(c, 404);
    const parsed = Login.safeParse({ username, password: fields.get('password') ?? '' });
    const signed = parsed.success ? await deps.login(parsed.data.username, parsed.data.password) : undefined;
    if (!signed) return show(c, 401, 'wrong', username);
    return (await refused(c, signed.token, username)) ?? c.redirect(`${base}/`, 303);
  });

  // Reached by a link, not a form: the CSP's form-action 'self' would stop a form's redirect to the user pool.
  app.get(`${base}/login/start`, async (c) => {
    const hosted = deps.hosted;
    if (!hosted) return show(c, 404);
    const state = base64url(deps.core.ids.random(24));
    const verifier = base64url(deps.core.ids.random(32));
    setCookie(c, FLOW_COOKIE, `${state}.${verifier}`, { ...flowOptions(c), maxAge: FLOW_SECONDS });
    const to = new URL('/oauth2/authorize', hosted.domain);
    to.search = new URLSearchParams({
      response_type: 'code',
      client_id: hosted.clientId,
      redirect_uri: callbackUrl(c, siteOrigin, base),
      scope: 'openid email profile',
      state,
      code_challenge: await codeChallenge(verifier),
      code_challenge_method: 'S256',
      lang: 'vi',
    }).toString();
    return c.redirect(to.toString(), 303);
  });

  app.get(`${base}/login/callback`, async (c) => {
    const hosted = deps.hosted;
    if (!hosted) return show(c, 404);
    const flow = getCookie(c, FLOW_COOKIE) ?? '';
    deleteCookie(c, FLOW_COOKIE, flowOptions(c));
    if (c.req.query('error') !== undefined) return show(c, 401, 'cancelled');
    const parsed = Callback.safeParse({ code: c.req.query('code'), state: c.req.query('state') });
    const [state, verifier] = flow.split('.');
    if (!parsed.success || !state || !verifier || !sameText(state, parsed.data.state)) return show(c, 400, 'expired');

    const token = await exchangeCode(hosted, { code: parsed.data.code, verifier, redirectUri: callbackUrl(c, siteOrigin, base) }, deps.core.log);
    if (token === 'expired') return show(c, 400, 'expired');
    if (token === 'unavailable') return show(c, 502, 'unavailable');
    return (await refused(c, token)) ?? page(c, 200, <SignedInPage role={role} />);
  });

  app.post(`${base}/logout`, async (c) => {
    const id = sessionCookie(c);
    if (id) await endStaffSession(deps.core, id);
    endSession(c, base);
    if (!deps.hosted) return c.redirect(`${base}/login`, 303);
    // Also end the user pool's own session, or its page would sign the next person at this computer straight in.
    const to = new URL('/logout', deps.hosted.domain);
    to.search = new URLSearchParams({ client_id: deps.hosted.clientId, logout_uri: `${siteOrigin ?? new URL(c.req.url).origin}${base}/login` }).toString();
    return page(c, 200, <SignedOutPage role={role} next={to.toString()} />);
  });
}
