/**
 * After an act has committed, the public pages it changes are published again: one helper, so that every act says
 * which pages it touches and none writes its own "publish after commit". Best effort: a failure is logged and the
 * next act (or the closer) publishes again; it never turns a committed act into an error.
 */
import { afterCommit } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { publishDisclosure, publishIndex, publishResultPage } from './publishing.ts';

/** A page of the static site that an act can change. */
export type PublicPage = 'disclosure' | 'index' | 'result';

const PUBLISH: Record<PublicPage, { what: string; run: (deps: CoreDeps, id: string) => Promise<unknown> }> = {
  disclosure: { what: 'publishing the disclosure page', run: publishDisclosure },
  index: { what: 'publishing the site index', run: (deps) => publishIndex(deps) },
  result: { what: 'publishing the result page', run: (deps, id) => publishResultPage(deps, id) },
};

/**
 * Publishes `pages` of consultation `id` again, in order, each on its own.
 * @example await republish(deps, id, ['disclosure', 'index'])
 */
export async function republish(deps: CoreDeps, id: string, pages: readonly PublicPage[]): Promise<void> {
  for (const page of pages) await afterCommit(deps, PUBLISH[page].what, () => PUBLISH[page].run(deps, id));
}
