/**
 * The AWS wiring, built once per cold start: DynamoDB, the KMS signer, the S3 site bucket, EventBridge Scheduler
 * and the Cognito token verifier. Configuration comes from the environment the CDK stack sets, validated here so
 * a misconfigured function fails at init with a clear message, not on a voter's request.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import { DynamoStore } from '../adapters/dynamo-store.ts';
import { EventBridgeCloseScheduler } from '../adapters/eventbridge-scheduler.ts';
import { KmsSigner } from '../adapters/kms-signer.ts';
import { S3Publisher } from '../adapters/s3-publisher.ts';
import { systemClock, systemIds } from '../adapters/system.ts';
import type { CoreDeps } from '../core/deps.ts';

export const AwsConfig = z.object({
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(3),
  SIGNING_KEY_ID: z.string().min(1),
  SITE_BUCKET: z.string().min(3),
  SITE_URL: z.url(),
  SCHEDULER_GROUP: z.string().min(1),
  CLOSER_ARN: z.string().startsWith('arn:'),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  CLOSER_DLQ_ARN: z.string().startsWith('arn:').optional(),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** Set to 1 when the API is reached only through CloudFront: the viewer address is then the last X-Forwarded-For entry. */
  TRUST_CLOUDFRONT_FORWARDED_FOR: z.enum(['0', '1']).default('0'),
});
export type AwsConfig = z.infer<typeof AwsConfig>;

export function readConfig(env: Record<string, string | undefined>): AwsConfig {
  const parsed = AwsConfig.safeParse(env);
  if (!parsed.success) throw new Error(`bad function configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface AwsClients {
  dynamodb: DynamoDBClient;
  kms: KMSClient;
  s3: S3Client;
  scheduler: SchedulerClient;
}

export function awsClients(config: AwsConfig): AwsClients {
  const region = config.AWS_REGION;
  return { dynamodb: new DynamoDBClient({ region }), kms: new KMSClient({ region }), s3: new S3Client({ region }), scheduler: new SchedulerClient({ region }) };
}

export function awsCoreDeps(config: AwsConfig, clients: AwsClients, log?: (line: string) => void): CoreDeps {
  const store = new DynamoStore(clients.dynamodb, config.TABLE_NAME);
  return {
    store,
    limiter: store,
    signer: new KmsSigner(clients.kms, config.SIGNING_KEY_ID),
    publisher: new S3Publisher(clients.s3, config.SITE_BUCKET, '', config.SITE_URL),
    scheduler: new EventBridgeCloseScheduler(clients.scheduler, {
      groupName: config.SCHEDULER_GROUP,
      targetArn: config.CLOSER_ARN,
      roleArn: config.SCHEDULER_ROLE_ARN,
      ...(config.CLOSER_DLQ_ARN ? { deadLetterArn: config.CLOSER_DLQ_ARN } : {}),
    }),
    clock: systemClock,
    ids: systemIds(),
    profile: DEFAULT_PROFILE,
    ...(log ? { log } : {}),
  };
}
