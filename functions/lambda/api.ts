/**
 * The residents' API Lambda: API Gateway HTTP API (payload v2) -> the Hono app's routes without `auth` and the /vote/
 * pages (`createResidentsApp`); officials', monitors' and the commune's routes are the staff function's
 * (officials.ts). Dependencies are built once per cold start.
 * Logs are structured JSON with the request id; never a body, a voting code or a token.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { cognitoJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import type { TokenVerifier } from '../core/ports.ts';
import type { CoreDeps } from '../core/deps.ts';
import { createResidentsApp } from '../http/app.ts';
import { awsClients, awsCoreDeps, lambdaClient, readConfig, type AwsConfig } from './aws-deps.ts';
import { LambdaCloseRequester } from '../adapters/lambda-close-requester.ts';
import type { CloseRequester } from '../core/ports.ts';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type OriginCheck, secretsManagerOriginCheck } from './origin-secret.ts';

const logger = new Logger({ serviceName: 'danban-api' });

/**
 * The viewer's address: API Gateway's source IP, or, behind CloudFront (when trusted), the last X-Forwarded-For entry
 * that is not the CloudFront edge API Gateway itself saw (CloudFront appends the viewer; API Gateway may append the edge).
 */
export function viewerAddress(c: Context, trustCloudFront: boolean): string {
  const env = c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined;
  const sourceIp = env?.requestContext?.http?.sourceIp;
  if (trustCloudFront) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length > 1 && entries.at(-1) === sourceIp) entries.pop();
    const last = entries.at(-1);
    if (last) return last;
  }
  return sourceIp ?? 'unknown';
}

/**
 * Builds the Lambda handler; tests pass their own deps, token verifier, close requester and origin check. Without an
 * origin check every request is refused.
 */
export function createApiHandler(config: AwsConfig, core: CoreDeps, verifyToken: TokenVerifier, closeRequester?: CloseRequester, origin?: OriginCheck) {
  const app = createResidentsApp({
    core,
    verifyToken,
    ...(closeRequester ? { closeRequester } : {}),
    clientIp: (c) => viewerAddress(c, config.TRUST_CLOUDFRONT_FORWARDED_FOR === '1'),
    onError: (err, requestId) =>
      logger.error('request failed', { requestId, error: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }),
  });
  const handler = handle(app);
  return async (event: LambdaEvent, context: Parameters<typeof handler>[1]) => {
    return (await notViaSite(origin, event)) ?? handler(event, context);
  };
}

/**
 * Only requests that came through the site's CloudFront carry the secret `x-origin-verify` header: anything else
 * (a caller who found the API's own host) gets this 403 answer; undefined when the request may go on. Used by every
 * function behind the HTTP API. There is no way to skip it: without an origin check (no secret configured), or
 * when the secret cannot be read, every request is refused.
 */
export async function notViaSite(origin: OriginCheck | undefined, event: LambdaEvent) {
  const given = event.headers?.['x-origin-verify'] as string | undefined;
  let passed = false;
  try {
    passed = origin !== undefined && (await origin(given));
  } catch (err) {
    logger.error('origin secret unreadable', { error: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' });
  }
  if (passed) return undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  return {
    statusCode: 403,
    headers,
    body: JSON.stringify({ error: { code: 'forbidden', message: 'Hãy dùng địa chỉ của trang web. Use the site address.' } }),
    isBase64Encoded: false,
  };
}

/** The origin check of a deployed function: the secret named by ORIGIN_VERIFY_SECRET_ARN, or none (every request refused). */
export function originCheckOf(config: Pick<AwsConfig, 'AWS_REGION' | 'ORIGIN_VERIFY_SECRET_ARN'>): OriginCheck | undefined {
  if (!config.ORIGIN_VERIFY_SECRET_ARN) return undefined;
  return secretsManagerOriginCheck(new SecretsManagerClient({ region: config.AWS_REGION }), config.ORIGIN_VERIFY_SECRET_ARN);
}

let cached: ReturnType<typeof createApiHandler> | undefined;

export const handler = async (event: LambdaEvent, context: Parameters<ReturnType<typeof createApiHandler>>[1]) => {
  if (!cached) {
    const config = readConfig(process.env);
    const { issuer, jwks } = cognitoJwks(config.AWS_REGION, config.USER_POOL_ID);
    cached = createApiHandler(
      config,
      awsCoreDeps(config, awsClients(config), (line) => logger.error(line)),
      tokenVerifier({ jwks, issuer, audience: config.USER_POOL_CLIENT_ID }),
      new LambdaCloseRequester(lambdaClient(config), config.CLOSER_ARN),
      originCheckOf(config),
    );
  }
  logger.addContext(context as never);
  return cached(event, context);
};
