/**
 * Signing in and out. Locally `deps.login` checks the local issuer's accounts; the token it returns is verified
 * here like any other before it becomes the session, and only an official's is accepted.
 */
import * as z from 'zod';
import { LoginPage } from '../../../web/officials/login-page.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialPagesDeps } from './env.ts';
import { endSession, sessionSeconds, startSession } from './session.ts';

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export function authRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const available = deps.login !== undefined;

  app.get('/officials/login', (c) => page(c, 200, <LoginPage available={available} />));

  app.post('/officials/login', formLimit, async (c) => {
    const fields = await formFields(c);
    const username = (fields.get('username') ?? '').normalize('NFC').trim();
    const parsed = Login.safeParse({ username, password: fields.get('password') ?? '' });
    if (!deps.login) return page(c, 404, <LoginPage available={false} />);
    const signed = parsed.success ? await deps.login(parsed.data.username, parsed.data.password) : undefined;
    const who = signed ? await deps.verifyToken(signed.token) : undefined;
    if (!signed || !who) return page(c, 401, <LoginPage available username={username.slice(0, 100)} failure="wrong" />);
    if (who.role !== 'official') return page(c, 403, <LoginPage available username={username.slice(0, 100)} failure="not_official" />);
    startSession(c, signed.token, sessionSeconds(signed.token, deps.core.clock.now()));
    return c.redirect('/officials/', 303);
  });

  app.post('/officials/logout', (c) => {
    endSession(c);
    return c.redirect('/officials/login', 303);
  });
}
