/**
 * The Lambda entry points over DynamoDB Local, with stand-ins for what cannot run here (KMS, S3, Scheduler) made with
 * aws-sdk-client-mock: the API handler, the closer, an official's Cognito-shaped token, and the objects written to the
 * site bucket. HTTP API v2 events are built as API Gateway sends them. With `signsThroughCloser`, the staff function
 * is wired as on AWS: its role may not sign (its signer refuses, as KMS answers AccessDenied), and it asks the closer
 * for every signed act through the Lambda adapter, whose invocations run the closer handler here.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { DecryptCommand, EncryptCommand, GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import type { LambdaEvent } from 'hono/aws-lambda';
import { createLocalJWKSet, exportJWK, SignJWT } from 'jose';
import { ensureTable } from '../../functions/adapters/ensure-table.ts';
import { LambdaCloserActs } from '../../functions/adapters/lambda-close-requester.ts';
import type { CoreDeps } from '../../functions/core/deps.ts';
import { DomainError } from '../../shared/errors.ts';
import { tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import { awsCoreDeps, readConfig } from '../../functions/lambda/aws-deps.ts';
import { createApiHandler } from '../../functions/lambda/api.ts';
import { createOfficialsHandler } from '../../functions/lambda/officials.ts';
import { API_ROUTES, servedByStaff } from '../../infra/constructs/api.ts';
import { fixedOriginCheck } from '../../functions/lambda/origin-secret.ts';
import { createCloser } from '../../functions/lambda/closer.ts';
import { testDdbClient, uniqueTableName } from './ddb.ts';

export type V2 = Extract<LambdaEvent, { rawPath: string; routeKey: string }>;

/** The origin secret the test functions accept, which every event carries unless a test says otherwise (as CloudFront adds it). */
export const TEST_ORIGIN_SECRET = 'o'.repeat(48);

/** Would API Gateway send `method path` to the staff function? */
function staffRoute(method: string, path: string): boolean {
  return API_ROUTES.some((r) => servedByStaff(r) && r.method === method && new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

export function httpEvent(method: string, path: string, opts: { body?: string; headers?: Record<string, string> } = {}): V2 {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'test', 'x-origin-verify': TEST_ORIGIN_SECRET, ...opts.headers },
    body: opts.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '111122223333',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:08:00:00 +0000',
      timeEpoch: Date.now(),
    },
  };
}

export function lambdaContext(functionName: string, memoryMb: number, timeoutMs: number) {
  const started = Date.now();
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111122223333:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: `aws-req-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    callbackWaitsForEmptyEventLoop: false,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function lambdaWorld(commune: string, options: { signsThroughCloser?: boolean } = {}) {
  const kms = mockClient(KMSClient);
  const s3 = mockClient(S3Client);
  const scheduler = mockClient(SchedulerClient);
  const objects = new Map<string, Uint8Array>();
  const signed = new Map<string, Uint8Array>();
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = signingKey.publicKey.export({ type: 'spki', format: 'der' });
  const userPool = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST';
  const table = uniqueTableName('lambda');
  const dynamodb = testDdbClient();
  await ensureTable(dynamodb, table);
  const config = readConfig({
    AWS_REGION: 'eu-west-1',
    TABLE_NAME: table,
    SIGNING_KEY_ID: 'alias/danban-signing',
    SEALING_KEY_ID: 'alias/danban-sealing',
    SITE_BUCKET: 'danban-site',
    SITE_URL: 'https://d111.cloudfront.net/',
    SCHEDULER_GROUP: 'danban-closing',
    CLOSER_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:danban-closer',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/danban-scheduler',
    USER_POOL_ID: 'eu-west-1_TEST',
    USER_POOL_CLIENT_ID: 'client-1',
  });
  kms.on(GetPublicKeyCommand).resolves({ PublicKey: new Uint8Array(spki), KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  kms.on(SignCommand).callsFake((input: { Message: Uint8Array; MessageType: string }) => {
    // KMS signs the digest it is given; Node cannot sign a bare digest, so the stand-in signs the message it was for.
    const message = signed.get(Buffer.from(input.Message).toString('hex'));
    if (input.MessageType !== 'DIGEST' || !message) throw new Error('KMS was sent a digest of no message the signer saw');
    return { Signature: new Uint8Array(sign('sha256', message, signingKey.privateKey)), SigningAlgorithm: 'ECDSA_SHA_256' };
  });
  const sealed = new Map<string, { plaintext: Uint8Array; context: string }>();
  kms.on(EncryptCommand).callsFake((input: { Plaintext: Uint8Array; EncryptionContext: Record<string, string> }) => {
    const blob = randomBytes(48);
    sealed.set(blob.toString('hex'), { plaintext: new Uint8Array(input.Plaintext), context: JSON.stringify(input.EncryptionContext) });
    return { CiphertextBlob: new Uint8Array(blob) };
  });
  kms.on(DecryptCommand).callsFake((input: { CiphertextBlob: Uint8Array; EncryptionContext: Record<string, string> }) => {
    const entry = sealed.get(Buffer.from(input.CiphertextBlob).toString('hex'));
    if (!entry || entry.context !== JSON.stringify(input.EncryptionContext))
      throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
    return { Plaintext: entry.plaintext };
  });
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Uint8Array | string }) => {
    objects.set(input.Key, typeof input.Body === 'string' ? new TextEncoder().encode(input.Body) : new Uint8Array(input.Body));
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const body = objects.get(input.Key);
    if (!body) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToByteArray: async () => body } };
  });
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-west-1:111122223333:schedule/danban-closing/x' });
  scheduler.on(DeleteScheduleCommand).resolves({});
  scheduler.on(GetScheduleCommand).resolves({});

  const deps = awsCoreDeps(config, {
    dynamodb,
    kms: new KMSClient({ region: 'eu-west-1' }),
    s3: new S3Client({ region: 'eu-west-1' }),
    scheduler: new SchedulerClient({ region: 'eu-west-1' }),
  });
  const kmsSigner = deps.signer;
  deps.signer = {
    publicKeySpki: () => kmsSigner.publicKeySpki(),
    sign: (message) => {
      signed.set(createHash('sha256').update(message).digest('hex'), message);
      return kmsSigner.sign(message);
    },
  };
  const jwk = { ...(await exportJWK(userPool.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' };
  const residents = createApiHandler(
    config,
    deps,
    tokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }), issuer, audience: 'client-1' }),
    undefined,
    fixedOriginCheck(TEST_ORIGIN_SECRET),
  );
  // The closer verifies an official's id token itself, against the same user pool as the API.
  const closer = createCloser(
    () => deps,
    () => tokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }), issuer, audience: 'client-1' }),
  );
  /** What the staff function tried to sign itself (with `signsThroughCloser`, each one refused). */
  const staffSignAttempts: Uint8Array[] = [];
  const lambda = options.signsThroughCloser ? mockClient(LambdaClient) : undefined;
  let staffDeps: CoreDeps = deps;
  if (lambda) {
    staffDeps = {
      ...deps,
      signer: {
        publicKeySpki: () => deps.signer.publicKeySpki(),
        sign: async (message) => {
          staffSignAttempts.push(message);
          throw new DomainError('internal_error', 'AccessDeniedException: the staff role may not use kms:Sign');
        },
      },
    };
    // Lambda's synchronous invoke of the closer: the event in, the handler's answer (or an unhandled error) out.
    lambda.on(InvokeCommand).callsFake(async (input: { FunctionName: string; Payload: Uint8Array }) => {
      if (input.FunctionName !== config.CLOSER_ARN) throw new Error(`no function ${input.FunctionName}`);
      try {
        const out = await closer(JSON.parse(new TextDecoder().decode(input.Payload)), lambdaContext('danban-closer', 1024, 60_000) as never);
        return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(out)) };
      } catch (err) {
        return { StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode(JSON.stringify({ errorMessage: String(err) })) };
      }
    });
  }
  const staff = createOfficialsHandler(
    config,
    staffDeps,
    tokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }), issuer, audience: 'client-1' }),
    lambda ? new LambdaCloserActs(new LambdaClient({ region: 'eu-west-1' }), config.CLOSER_ARN) : undefined,
    undefined,
    fixedOriginCheck(TEST_ORIGIN_SECRET),
  );
  // As API Gateway routes (infra/constructs/api.ts): every route with `auth`, and the OpenAPI document, to the staff
  // function; the rest to the residents' API.
  const api = (event: V2, context: Parameters<typeof residents>[1]) =>
    staffRoute(event.requestContext.http.method, event.rawPath) ? staff(event, context) : residents(event, context);
  const token = await new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': commune, token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
    .setSubject('cognito-sub-1')
    .setIssuer(issuer)
    .setAudience('client-1')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(userPool.privateKey);
  return {
    config,
    kms,
    s3,
    scheduler,
    objects,
    deps,
    staffDeps,
    staffSignAttempts,
    lambda,
    issuer,
    userPoolKey: userPool.privateKey,
    api,
    closer,
    token,
    publicKeyPem: signingKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    restore: () => {
      kms.restore();
      s3.restore();
      scheduler.restore();
      lambda?.restore();
      dynamodb.destroy();
    },
  };
}
