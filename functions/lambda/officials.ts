/**
 * The staff Lambda: the pages `/officials/*`, `/monitors/*` and `/commune/*` (server-rendered HTML, cookie session)
 * and the staff API, every `/api` route with `auth` (bearer id token, checked first by API Gateway's JWT authorizer)
 * and the OpenAPI document, behind the same HTTP API and CloudFront. A function of its own so that the residents'
 * API holds no official's act and no right to one, and its bundle stays small. Every act that signs (a close, a
 * commune round's aggregate) it asks of the closer, which alone may sign with the commune's key, handing on the
 * caller's id token for the closer to verify; and it asks the closer to write the home page (home-page.ts), which
 * its role may not.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { LambdaCloserActs } from '../adapters/lambda-close-requester.ts';
import { cognitoJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import type { TokenVerifier } from '../core/ports.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { AggregateRequester, CloseRequester, RlaRequester } from '../core/ports.ts';
import { officialPages } from '../http/officials/index.ts';
import { monitorPages } from '../http/monitors/index.ts';
import { communePages } from '../http/commune/index.ts';
import type { HostedSignIn } from '../http/sign-in.tsx';
import { createApp } from '../http/app.ts';
import { notViaSite, originCheckOf, viewerAddress } from './api.ts';
import { HomePageByCloser } from './home-page.ts';
import type { OriginCheck } from './origin-secret.ts';
import { awsClients, awsCoreDeps, lambdaClient, readPagesConfig, type ApiConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-officials' });

/**
 * `closer`: who does the signed acts (on AWS the closer Lambda, `LambdaCloserActs`); without it, or without its
 * `aggregate`, this process does them with `core`'s signer.
 */
export function createOfficialsHandler(
  config: ApiConfig,
  core: CoreDeps,
  verifyToken: TokenVerifier,
  closer?: CloseRequester & Partial<AggregateRequester> & Partial<RlaRequester>,
  hosted?: HostedSignIn,
  origin?: OriginCheck,
) {
  const closeRequester: CloseRequester | undefined = closer;
  const aggregateRequester = closer?.aggregate ? (closer as AggregateRequester) : undefined;
  const rlaRequester = closer?.rla ? (closer as RlaRequester) : undefined;
  const app = new Hono();
  const staffApi = createApp(
    {
      core,
      verifyToken,
      ...(closeRequester ? { closeRequester } : {}),
      ...(aggregateRequester ? { aggregateRequester } : {}),
      ...(rlaRequester ? { rlaRequester } : {}),
      clientIp: (c) => viewerAddress(c, config.TRUST_CLOUDFRONT_FORWARDED_FOR === '1'),
      onError: (err, requestId) =>
        logger.error('request failed', { requestId, error: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }),
    },
    'staff',
  );
  app.route('/', staffApi);
  const signIn = { core, verifyToken, ...(hosted ? { hosted } : {}) };
  app.route('/', officialPages({ ...signIn, ...(closeRequester ? { closeRequester } : {}) }));
  app.route('/', monitorPages({ ...signIn, ...(rlaRequester ? { rlaRequester } : {}) }));
  app.route('/', communePages(signIn));
  const handler = handle(app);
  return async (event: LambdaEvent, context: Parameters<typeof handler>[1]) => {
    return (await notViaSite(origin, event)) ?? handler(event, context);
  };
}

let cached: ReturnType<typeof createOfficialsHandler> | undefined;

export const handler = async (event: LambdaEvent, context: Parameters<ReturnType<typeof createOfficialsHandler>>[1]) => {
  if (!cached) {
    const config = readPagesConfig(process.env);
    const { issuer, jwks } = cognitoJwks(config.AWS_REGION, config.USER_POOL_ID);
    const core = awsCoreDeps(config, awsClients(config), (line) => logger.error(line));
    core.publisher = new HomePageByCloser(core.publisher, lambdaClient(config), config.CLOSER_ARN);
    cached = createOfficialsHandler(
      config,
      core,
      tokenVerifier({ jwks, issuer, audience: config.USER_POOL_CLIENT_ID }),
      new LambdaCloserActs(lambdaClient(config), config.CLOSER_ARN),
      { domain: config.AUTH_DOMAIN_URL, clientId: config.USER_POOL_CLIENT_ID },
      originCheckOf(config),
    );
  }
  logger.addContext(context as never);
  return cached(event, context);
};
