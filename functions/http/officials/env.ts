/** What the officials' routes share: their dependencies, and the signed-in official on the request. */
import type { Hono } from 'hono';
import type { Principal } from '../../core/ports.ts';
import type { CloseRequester } from '../../core/ports.ts';
import type { SignInDeps } from '../sign-in.tsx';

/** `verifyToken` is the API's verifier: a page accepts exactly the tokens the API accepts (../sign-in.tsx). */
export interface OfficialPagesDeps extends SignInDeps {
  /** Who closes and publishes (on AWS the closer Lambda, the only one that may sign); by default this process. */
  closeRequester?: CloseRequester | undefined;
}

export type OfficialEnv = { Variables: { official: Principal } };
export type OfficialApp = Hono<OfficialEnv>;
