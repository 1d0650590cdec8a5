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
import { SNSClient } from '@aws-sdk/client-sns';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import { DynamoStore } from '../adapters/dynamo-store.ts';
import { EventBridgeCloseScheduler } from '../adapters/eventbridge-scheduler.ts';
import { KmsSealer } from '../adapters/kms-sealer.ts';
import { KmsSigner } from '../adapters/kms-signer.ts';
import { LambdaPrintRequester } from '../adapters/lambda-print-requester.ts';
import { S3Publisher } from '../adapters/s3-publisher.ts';
import { SnsSmsNotifier } from '../adapters/sns-sms-notifier.ts';
import { systemClock, systemIds } from '../adapters/system.ts';
import type { CoreDeps } from '../core/deps.ts';

/** The retention of a result's signed files when the stack does not set one (infra/config.ts, resultRetentionYears). */
export const DEFAULT_RESULT_RETENTION_YEARS = 10;

/** What the closer reads: it signs and publishes, and only cancels schedules (it is their target). */
export const CloserConfig = z.object({
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(3),
  SIGNING_KEY_ID: z.string().min(1),
  SITE_BUCKET: z.string().min(3),
  SITE_URL: z.url(),
  SCHEDULER_GROUP: z.string().min(1),
  /**
   * The API's receipt key (ECC_NIST_P256): the residents' API signs ballot receipts with it (kms:Sign there only);
   * the closer reads its public key to publish keys/receipt-jwks.json. Optional: without it receipts go unsigned.
   */
  RECEIPT_KEY_ID: z.string().min(1).optional(),
});
export type CloserConfig = z.infer<typeof CloserConfig>;

/** The closer's own settings besides: it alone writes the signed files of a result. */
export const CloserOnlyConfig = CloserConfig.extend({
  /**
   * How long the signed files of a result are kept under an S3 Object Lock retention (governance mode), in whole
   * years from their publication (DEFAULT_RESULT_RETENTION_YEARS when unset).
   */
  RESULT_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(DEFAULT_RESULT_RETENTION_YEARS),
  /**
   * Set to 1 when the closer sends the notices its sweep finds due (the reminder before an online round closes, the
   * result once published) by SMS, under the sender id `SMS_SENDER_ID` (the account's default when unset).
   */
  SWEEP_NOTICES: z.enum(['0', '1']).default('0'),
  SMS_SENDER_ID: z
    .string()
    .regex(/^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,11}$/)
    .optional(),
});
export type CloserOnlyConfig = z.infer<typeof CloserOnlyConfig>;

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
  /**
   * The Secrets Manager secret (ARN) whose value CloudFront adds as `x-origin-verify`; requests without it did not come
   * through the site. Without it the function refuses every request (functions/lambda/api.ts, `notViaSite`).
   */
  ORIGIN_VERIFY_SECRET_ARN: z.string().startsWith('arn:').optional(),
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
export const PagesConfig = ApiConfig.extend({
  AUTH_DOMAIN_URL: z.url().startsWith('https://'),
  /**
   * The registered SMS sender id (brandname) the notices go out under; the account's default when unset. Only the
   * staff function sends notices (SNS Publish to a phone number, its grant alone).
   */
  SMS_SENDER_ID: z
    .string()
    .regex(/^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,11}$/)
    .optional(),
});
export type PagesConfig = z.infer<typeof PagesConfig>;
export const readPagesConfig = (env: Record<string, string | undefined>): PagesConfig => parse(PagesConfig, env);
export const readCloserConfig = (env: Record<string, string | undefined>): CloserOnlyConfig => parse(CloserOnlyConfig, env);

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
export function awsCoreDeps(config: CloserConfig | CloserOnlyConfig | ApiConfig | PagesConfig, clients: AwsClients, log?: (line: string) => void): CoreDeps {
  const store = new DynamoStore(clients.dynamodb, config.TABLE_NAME);
  const api = 'CLOSER_ARN' in config ? config : undefined;
  const staff = 'AUTH_DOMAIN_URL' in config ? (config as PagesConfig) : undefined;
  // The staff function sends the notices officials send; the closer, where configured, those its sweep finds due.
  const notices = staff ?? ('SWEEP_NOTICES' in config && config.SWEEP_NOTICES === '1' ? config : undefined);
  return {
    store,
    limiter: store,
    signer: new KmsSigner(clients.kms, config.SIGNING_KEY_ID),
    ...(config.RECEIPT_KEY_ID ? { receiptSigner: new KmsSigner(clients.kms, config.RECEIPT_KEY_ID) } : {}),
    ...(api ? { sealer: new KmsSealer(clients.kms, api.SEALING_KEY_ID) } : {}),
    // Only the closer writes a result's signed files, and it alone puts them under a retention.
    publisher: new S3Publisher(
      clients.s3,
      config.SITE_BUCKET,
      '',
      config.SITE_URL,
      'RESULT_RETENTION_YEARS' in config ? { lock: { years: config.RESULT_RETENTION_YEARS } } : {},
    ),
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
    // Notices to the households (SMS by SNS; Zalo is not wired until a token secret is configured), from the contact
    // book kept in the same table: the staff function's, and the closer's sweep's when SWEEP_NOTICES is set.
    ...(notices
      ? {
          notifier: new SnsSmsNotifier(new SNSClient({ region: notices.AWS_REGION }), notices.SMS_SENDER_ID ? { senderId: notices.SMS_SENDER_ID } : {}),
          contacts: store,
        }
      : {}),
  };
}
