/**
 * The staff pages' signing scripts, built from web/sign/ for the browser by scripts/build-sign.ts and served as
 * `/officials/assets/sign.js` and `/monitors/assets/sign.js` (this origin's scripts: the pages' CSP allows no other).
 *
 * A Lambda cannot run esbuild, so its bundle carries them: at synth, infra/lambda-bundling.ts builds them before
 * esbuild bundles the function, has esbuild inject them as DANBAN_SIGN_SCRIPTS, and defines DANBAN_SIGN_SCRIPTS_BUNDLED
 * as true, which leaves the other branch, and the build it imports, out of the bundle. Under tsx (npm start, the
 * tests) they are built on first use, once per process.
 */
import type { SignScriptName, SignScripts } from '../../scripts/build-sign.ts';

declare global {
  /** True in a Lambda bundle (infra/lambda-bundling.ts `define`); absent under tsx. */
  var DANBAN_SIGN_SCRIPTS_BUNDLED: boolean | undefined;
}

/** The built scripts, injected into a Lambda bundle (infra/lambda-bundling.ts `inject`); never read under tsx. */
declare const DANBAN_SIGN_SCRIPTS: SignScripts;

let built: Promise<SignScripts> | undefined;

/**
 * The text of a staff signing script.
 * @example app.get('/monitors/assets/sign.js', async (c) => c.body(await signScript('monitors'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
 */
export async function signScript(name: SignScriptName): Promise<string> {
  // An if/else on the defined flag, not a function of its own: esbuild drops the branch that is dead once defined,
  // with its import, before it follows imports.
  if (globalThis.DANBAN_SIGN_SCRIPTS_BUNDLED) {
    return DANBAN_SIGN_SCRIPTS[name];
  } else {
    if (!built) {
      built = import('../../scripts/build-sign.ts').then((m) => m.buildSignScripts());
      // A failed build is not kept: the next request builds again.
      built.catch(() => {
        built = undefined;
      });
    }
    return (await built)[name];
  }
}
