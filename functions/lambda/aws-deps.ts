/**
 * The AWS wiring, built once per cold start: DynamoDB, the KMS signer, the S3 site bucket, EventBridge Scheduler,
 * the closer Lambda and the Cognito token verifier. Configuration comes from the environment the CDK stack sets,
 * validated here so a misconfigured function fails at init with a clear message, not on a voter's request.
 */
import { nodeSha256 } from '../adapters/node-sha256.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import { DynamoStore } from '../adapters/dynamo-store.ts';
import { EventBridgeCloseScheduler } from '../adapters/eventbridge-scheduler.ts';
import { KmsSealer } from '../adapters/kms-sealer.ts';
import { KmsSigner } from '../adapters/kms-signer.ts';
import { LambdaPrintRequester } from '../adapters/lambda-print-requester.ts';
import { S3Publisher } from '../adapters/s3-publisher.ts';
import { systemClock, systemIds } from '../adapters/system.ts';
import type { CoreDeps } from '../core/deps.ts';

/** What the closer reads: it signs and publishes, and only cancels schedules (it is their target). */
export const CloserConfig = z.object({
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(3),
  SIGNING_KEY_ID: z.string().min(1),
  SITE_BUCKET: z.string().min(3),
  SITE_URL: z.url(),
  SCHEDULER_GROUP: z.string().min(1),
});
export type CloserConfig = z.infer<typeof CloserConfig>;

/** What the API reads besides: where to schedule closes, the closer to invoke, the user pool. */
export const ApiConfig = CloserConfig.extend({
  /** The symmetric key that seals an online round's slip key until the slips are printed (kms:Encrypt, kms:Decrypt). */
  SEALING_KEY_ID: z.string().min(1),
  CLOSER_ARN: z.string().startsWith('arn:'),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  CLOSER_DLQ_ARN: z.string().startsWith('arn:').optional(),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** Set to 1 when the API is reached only through CloudFront: the viewer address is then in X-Forwarded-For. */
  TRUST_CLOUDFRONT_FORWARDED_FOR: z.enum(['0', '1']).default('0'),
  /** The secret CloudFront adds as `x-origin-verify`; requests without it did not come through the site. */
  ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  /** The printer function (functions/lambda/printer.ts); without it the minutes are published as HTML only. */
  PRINTER_ARN: z.string().startsWith('arn:').optional(),
});
export type ApiConfig = z.infer<typeof ApiConfig>;
/** The API's configuration (the name the first version used). */
export const AwsConfig = ApiConfig;
export type AwsConfig = ApiConfig;

function parse<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`bad function configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const readConfig = (env: Record<string, string | undefined>): ApiConfig => parse(ApiConfig, env);

/** What the officials' and monitors' pages read besides: the user pool's sign-in domain. */
export const PagesConfig = ApiConfig.extend({ AUTH_DOMAIN_URL: z.url().startsWith('https://') });
export type PagesConfig = z.infer<typeof PagesConfig>;
export const readPagesConfig = (env: Record<string, string | undefined>): PagesConfig => parse(PagesConfig, env);
export const readCloserConfig = (env: Record<string, string | undefined>): CloserConfig => parse(CloserConfig, env);

export interface AwsClients {
  dynamodb: DynamoDBClient;
  kms: KMSClient;
  s3: S3Client;
  scheduler: SchedulerClient;
}

export function awsClients(config: CloserConfig): AwsClients {
  const region = config.AWS_REGION;
  return { dynamodb: new DynamoDBClient({ region }), kms: new KMSClient({ region }), s3: new S3Client({ region }), scheduler: new SchedulerClient({ region }) };
}

export const lambdaClient = (config: ApiConfig) => new LambdaClient({ region: config.AWS_REGION });

/** The use cases' dependencies; with an ApiConfig the scheduler can create schedules, with a CloserConfig only cancel them. */
export function awsCoreDeps(config: CloserConfig | ApiConfig, clients: AwsClients, log?: (line: string) => void): CoreDeps {
  const store = new DynamoStore(clients.dynamodb, config.TABLE_NAME);
  const api = 'CLOSER_ARN' in config ? config : undefined;
  return {
    store,
    limiter: store,
    signer: new KmsSigner(clients.kms, config.SIGNING_KEY_ID),
    ...(api ? { sealer: new KmsSealer(clients.kms, api.SEALING_KEY_ID) } : {}),
    publisher: new S3Publisher(clients.s3, config.SITE_BUCKET, '', config.SITE_URL),
    scheduler: new EventBridgeCloseScheduler(clients.scheduler, {
      groupName: config.SCHEDULER_GROUP,
      ...(api ? { targetArn: api.CLOSER_ARN, roleArn: api.SCHEDULER_ROLE_ARN } : {}),
      ...(api?.CLOSER_DLQ_ARN ? { deadLetterArn: api.CLOSER_DLQ_ARN } : {}),
    }),
    clock: systemClock,
    ids: systemIds(),
    profile: DEFAULT_PROFILE,
    sha256: nodeSha256,
    ...(api?.PRINTER_ARN ? { printer: new LambdaPrintRequester(lambdaClient(api), api.PRINTER_ARN) } : {}),
    ...(log ? { log } : {}),
  };
}
