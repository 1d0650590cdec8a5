/**
 * The village head's key signature of the decision record from the officials' pages: the signing page, its script
 * (web/sign/minutes.ts) and the route the script posts the compact JWS to, which hands it to the same use case as
 * the API (../../core/minutes.ts `signRecord`).
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { MinutesSignPage } from '../../../web/officials/minutes-sign-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { signRecord } from '../../core/minutes.ts';
import { minutesState } from '../../core/minutes-state.ts';
import { acceptJose, joseLimit } from '../jose-post.ts';
import { consultationId, page } from '../pages/respond.ts';
import { signScript } from '../sign-assets.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf, sitePath } from './respond.tsx';

export function minutesSignRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  app.get('/officials/assets/sign.js', (c) => {
    c.header('Cache-Control', 'no-cache');
    return signScript('officials').then((js) => c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  });

  app.get('/officials/c/:id/minutes/sign', async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'published') throw new DomainError('wrong_state', `the record follows the published result; this consultation is ${rec.state}`);
    const state = await minutesState(core, id);
    if (!state) throw new DomainError('wrong_state', 'the record has not been drafted yet');
    return page(
      c,
      200,
      <MinutesSignPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        signing={{
          minutes: state.minutes,
          hash: state.hash,
          status: state.status,
          jsonPath: sitePath(core.publisher.url(`c/${id}/record/decision.json`)),
          htmlUrl: core.publisher.url(`c/${id}/record/decision.html`),
        }}
      />,
    );
  });

  // The script's post: the compact JWS as application/jose; the answer is JSON, like the API's.
  app.post('/officials/c/:id/minutes/signatures', joseLimit, (c) => acceptJose(c, (jws) => signRecord(core, who(c), consultationId(c), jws)));
}
