/**
 * The API Lambda: API Gateway HTTP API (payload v2) -> the Hono app. Dependencies are built once per cold start.
 * Logs are structured JSON with the request id; never a body, a voting code or a token.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { cognitoJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import type { TokenVerifier } from '../core/ports.ts';
import type { CoreDeps } from '../core/deps.ts';
import { createApp } from '../http/app.ts';
import { awsClients, awsCoreDeps, lambdaClient, readConfig, type AwsConfig } from './aws-deps.ts';
import { LambdaCloseRequester } from '../adapters/lambda-close-requester.ts';
import type { CloseRequester } from '../core/ports.ts';
import { timingSafeEqual } from 'node:crypto';

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

/** Constant-time comparison of the origin-verify header with the configured secret. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Builds the Lambda handler; tests pass their own deps, token verifier and close requester. */
export function createApiHandler(config: AwsConfig, core: CoreDeps, verifyToken: TokenVerifier, closeRequester?: CloseRequester) {
  const app = createApp({
    core,
    verifyToken,
    ...(closeRequester ? { closeRequester } : {}),
    clientIp: (c) => viewerAddress(c, config.TRUST_CLOUDFRONT_FORWARDED_FOR === '1'),
    onError: (err, requestId) =>
      logger.error('request failed', { requestId, error: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }),
  });
  const handler = handle(app);
  return async (event: LambdaEvent, context: Parameters<typeof handler>[1]) => {
    return notViaSite(config, event) ?? handler(event, context);
  };
}

/**
 * Only requests that came through the site's CloudFront carry the secret `x-origin-verify` header: anything else
 * (the execute-api address) gets this 403 answer; undefined when the request may go on. Used by every function
 * behind the HTTP API.
 */
export function notViaSite(config: Pick<AwsConfig, 'ORIGIN_VERIFY_SECRET'>, event: LambdaEvent) {
  if (!config.ORIGIN_VERIFY_SECRET || sameSecret(event.headers?.['x-origin-verify'] as string | undefined, config.ORIGIN_VERIFY_SECRET)) return undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  return {
    statusCode: 403,
    headers,
    body: JSON.stringify({ error: { code: 'forbidden', message: 'Hãy dùng địa chỉ của trang web. Use the site address.' } }),
    isBase64Encoded: false,
  };
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
    );
  }
  logger.addContext(context as never);
  return cached(event, context);
};
