/**
 * The API Lambda: API Gateway HTTP API (payload v2) -> the Hono app. Dependencies are built once per cold start.
 * Logs are structured JSON with the request id; never a body, a voting code or a token.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { cognitoJwks, tokenVerifier, type TokenVerifier } from '../adapters/token-verifier.ts';
import type { CoreDeps } from '../core/deps.ts';
import { createApp } from '../http/app.ts';
import { awsClients, awsCoreDeps, readConfig, type AwsConfig } from './aws-deps.ts';

const logger = new Logger({ serviceName: 'danban-api' });

/** The viewer's address: API Gateway's source IP, or (behind CloudFront, when trusted) the last X-Forwarded-For entry. */
export function viewerAddress(c: Context, trustCloudFront: boolean): string {
  const env = c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined;
  if (trustCloudFront) {
    const xff = c.req.header('x-forwarded-for');
    const last = xff?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return env?.requestContext?.http?.sourceIp ?? 'unknown';
}

/** Builds the Lambda handler; tests pass their own deps and token verifier. */
export function createApiHandler(config: AwsConfig, core: CoreDeps, verifyToken: TokenVerifier) {
  const app = createApp({
    core,
    verifyToken,
    clientIp: (c) => viewerAddress(c, config.TRUST_CLOUDFRONT_FORWARDED_FOR === '1'),
    onError: (err, requestId) =>
      logger.error('request failed', { requestId, error: err instanceof Error ? { name: err.name, message: err.message } : 'unknown' }),
  });
  return handle(app);
}

let cached: ReturnType<typeof createApiHandler> | undefined;

export const handler = async (event: LambdaEvent, context: Parameters<ReturnType<typeof createApiHandler>>[1]) => {
  if (!cached) {
    const config = readConfig(process.env);
    const { issuer, jwks } = cognitoJwks(config.AWS_REGION, config.USER_POOL_ID);
    cached = createApiHandler(config, awsCoreDeps(config, awsClients(config), (line) => logger.error(line)), tokenVerifier({ jwks, issuer, audience: config.USER_POOL_CLIENT_ID }));
  }
  logger.addContext(context as never);
  return cached(event, context);
};
