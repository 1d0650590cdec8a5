/** What the officials' routes share: their dependencies, and the signed-in official on the request. */
import type { Hono } from 'hono';
import type { TokenVerifier } from '../../adapters/token-verifier.ts';
import type { CoreDeps, Principal } from '../../core/deps.ts';
import type { CloseRequester } from '../../core/ports.ts';

export interface OfficialPagesDeps {
  core: CoreDeps;
  /** The API's verifier: a page accepts exactly the tokens the API accepts. */
  verifyToken: TokenVerifier;
  /** Local mode only: sign-in with the local issuer's accounts. */
  login?: ((username: string, password: string) => Promise<{ token: string; role: string; commune: string } | undefined>) | undefined;
  /** Who closes and publishes (on AWS the closer Lambda, the only one that may sign); by default this process. */
  closeRequester?: CloseRequester | undefined;
}

export type OfficialEnv = { Variables: { official: Principal } };
export type OfficialApp = Hono<OfficialEnv>;
