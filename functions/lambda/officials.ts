/**
 * The staff pages Lambda: `/officials/*`, `/monitors/*` and `/commune/*` (server-rendered HTML, cookie session) behind the same HTTP API and
 * CloudFront. A function of its own so the voters' API bundle stays small and its cold start fast; it has the same
 * rights as the API (officials act through the same use cases) and closes through the closer, which alone signs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { LambdaCloseRequester } from '../adapters/lambda-close-requester.ts';
import { cognitoJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import type { TokenVerifier } from '../core/ports.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { CloseRequester } from '../core/ports.ts';
import { officialPages } from '../http/officials/index.ts';
import { monitorPages } from '../http/monitors/index.ts';
import { communePages } from '../http/commune/index.ts';
import type { HostedSignIn } from '../http/sign-in.tsx';
import { notViaSite } from './api.ts';
import { awsClients, awsCoreDeps, lambdaClient, readPagesConfig, type ApiConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-officials' });

export function createOfficialsHandler(config: ApiConfig, core: CoreDeps, verifyToken: TokenVerifier, closeRequester?: CloseRequester, hosted?: HostedSignIn) {
  const app = new Hono();
  const signIn = { core, verifyToken, ...(hosted ? { hosted } : {}) };
  app.route('/', officialPages({ ...signIn, ...(closeRequester ? { closeRequester } : {}) }));
  app.route('/', monitorPages(signIn));
  app.route('/', communePages(signIn));
  const handler = handle(app);
  return async (event: LambdaEvent, context: Parameters<typeof handler>[1]) => {
    return notViaSite(config, event) ?? handler(event, context);
  };
}

let cached: ReturnType<typeof createOfficialsHandler> | undefined;

export const handler = async (event: LambdaEvent, context: Parameters<ReturnType<typeof createOfficialsHandler>>[1]) => {
  if (!cached) {
    const config = readPagesConfig(process.env);
    const { issuer, jwks } = cognitoJwks(config.AWS_REGION, config.USER_POOL_ID);
    cached = createOfficialsHandler(
      config,
      awsCoreDeps(config, awsClients(config), (line) => logger.error(line)),
      tokenVerifier({ jwks, issuer, audience: config.USER_POOL_CLIENT_ID }),
      new LambdaCloseRequester(lambdaClient(config), config.CLOSER_ARN),
      { domain: config.AUTH_DOMAIN_URL, clientId: config.USER_POOL_CLIENT_ID },
    );
  }
  logger.addContext(context as never);
  return cached(event, context);
};
