/**
 * The resident pages, rendered on the server and working without script: vote with the household's code
 * (`/vote/{id}`: ballot, review, cast), check a receipt (`/vote/{id}/receipt`), discuss (`/vote/{id}/discuss`), and
 * propose or consent to a citizens' initiative (`/vote/{id}/initiative`, `/vote/initiatives/{id}`). createApp mounts them with
 * `app.route('/', residentPages(core, deps.clientIp))`. A post another site starts is refused (403,
 * middleware/cross-site.ts). Every answer is a page, never JSON, with the API's status
 * for the same error; an unexpected error is a plain page with no detail.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { VOTE_JS } from '../../../web/vote/script.ts';
import { foreignPostPage, noticePage } from './notice.tsx';
import { crossSitePosts, originOf } from '../middleware/cross-site.ts';
import { pageHeaders } from '../middleware/page-headers.ts';
import { receiptRoutes } from './receipt-routes.tsx';
import { voteRoutes } from './vote-routes.tsx';
import { discussRoutes } from './discuss-routes.tsx';
import { complainRoutes } from './complain-routes.tsx';
import { initiativeRoutes } from './initiative-routes.tsx';

export function residentPages(core: CoreDeps, clientIp: (c: Context) => string): Hono {
  const app = new Hono();
  app.use('/vote/*', pageHeaders());
  // Posts another site starts are refused before anything reads a code (middleware/cross-site.ts has the rule).
  const siteOrigin = originOf(() => core.publisher.url(''));
  app.use(
    '/vote/*',
    crossSitePosts(() => siteOrigin, foreignPostPage),
  );
  app.get('/vote/assets/vote.js', (c) => c.body(VOTE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  initiativeRoutes(app, core, clientIp);
  receiptRoutes(app, core);
  voteRoutes(app, core, clientIp);
  discussRoutes(app, core, clientIp);
  complainRoutes(app, core, clientIp);
  app.all('/vote/*', () => {
    throw new DomainError('not_found', 'no such page');
  });
  app.onError((err, c) => noticePage(core, err, c));
  return app;
}
