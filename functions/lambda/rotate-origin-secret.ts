/**
 * The rotation Lambda of the origin secret (the `x-origin-verify` header CloudFront adds to every request it sends the
 * API). Secrets Manager calls it four times per rotation, one step each:
 *
 *   createSecret   a new random value, put as AWSPENDING (once: a retried step finds it there)
 *   setSecret      CloudFront's origins that carry the header get the pending value (GetDistributionConfig, then
 *                  UpdateDistribution with its ETag, so a concurrent change is refused rather than overwritten)
 *   testSecret     the distribution's configuration now holds the pending value on every such origin
 *   finishSecret   the pending version becomes AWSCURRENT; the old one AWSPREVIOUS
 *
 * The functions accept AWSCURRENT, AWSPREVIOUS and AWSPENDING (functions/lambda/origin-secret.ts), so while the new
 * header spreads to CloudFront's edges no request is refused. Clients are made in the handler, never at module scope.
 */
import { randomBytes } from 'node:crypto';
import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';

/** What Secrets Manager sends a rotation function. */
export const RotationEvent = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});
export type RotationEvent = z.infer<typeof RotationEvent>;

export const RotationConfig = z.object({
  AWS_REGION: z.string().min(1),
  /** The site's CloudFront distribution, whose API origin sends the header. */
  DISTRIBUTION_ID: z.string().min(1),
  /** The header's name (`x-origin-verify`). */
  ORIGIN_HEADER: z.string().min(1),
});
export type RotationConfig = z.infer<typeof RotationConfig>;

export interface RotationDeps {
  secrets: SecretsManagerClient;
  cloudfront: CloudFrontClient;
  distributionId: string;
  headerName: string;
  log?: (line: string) => void;
}

/**
 * A new value: 36 random bytes (288 bits, hopeless to guess) as 48 base64url characters, a valid header value as it
 * is. Drawn here rather than with GetRandomPassword, which IAM only grants on every resource.
 */
export const newSecretValue = (): string => randomBytes(36).toString('base64url');

const notFound = (err: unknown) => (err as { name?: string }).name === 'ResourceNotFoundException';

export function createRotator(deps: RotationDeps) {
  const { secrets, cloudfront, distributionId, headerName } = deps;
  const header = headerName.toLowerCase();

  const pendingValue = async (event: RotationEvent): Promise<string> => {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: event.SecretId, VersionId: event.ClientRequestToken, VersionStage: 'AWSPENDING' }));
    if (!out.SecretString) throw new Error('the pending version has no value');
    return out.SecretString;
  };

  /** The distribution's configuration, its ETag, and its origins that send the header. */
  const distribution = async () => {
    const out = await cloudfront.send(new GetDistributionConfigCommand({ Id: distributionId }));
    const config = out.DistributionConfig;
    if (!config || !out.ETag) throw new Error(`distribution ${distributionId}: no configuration`);
    const headers = (config.Origins?.Items ?? []).flatMap((o) => (o.CustomHeaders?.Items ?? []).filter((h) => h.HeaderName?.toLowerCase() === header));
    if (headers.length === 0) throw new Error(`distribution ${distributionId}: no origin sends ${headerName}`);
    return { config, etag: out.ETag, headers };
  };

  const steps = {
    async createSecret(event: RotationEvent) {
      // The current value must exist (the stack creates it); a pending one made by an earlier try is kept.
      await secrets.send(new GetSecretValueCommand({ SecretId: event.SecretId, VersionStage: 'AWSCURRENT' }));
      try {
        await pendingValue(event);
        return;
      } catch (err) {
        if (!notFound(err)) throw err;
      }
      await secrets.send(
        new PutSecretValueCommand({
          SecretId: event.SecretId,
          ClientRequestToken: event.ClientRequestToken,
          SecretString: newSecretValue(),
          VersionStages: ['AWSPENDING'],
        }),
      );
    },
    async setSecret(event: RotationEvent) {
      const value = await pendingValue(event);
      const { config, etag, headers } = await distribution();
      if (headers.every((h) => h.HeaderValue === value)) return;
      for (const h of headers) h.HeaderValue = value;
      await cloudfront.send(new UpdateDistributionCommand({ Id: distributionId, IfMatch: etag, DistributionConfig: config }));
    },
    async testSecret(event: RotationEvent) {
      const value = await pendingValue(event);
      const { headers } = await distribution();
      if (!headers.every((h) => h.HeaderValue === value)) throw new Error(`distribution ${distributionId} does not send the pending value`);
    },
    async finishSecret(event: RotationEvent) {
      const described = await secrets.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
      const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
      if (current === event.ClientRequestToken) return;
      await secrets.send(
        new UpdateSecretVersionStageCommand({
          SecretId: event.SecretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: event.ClientRequestToken,
          ...(current ? { RemoveFromVersionId: current } : {}),
        }),
      );
    },
  };

  return async (input: unknown): Promise<void> => {
    const event = RotationEvent.parse(input);
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
    if (described.RotationEnabled === false) throw new Error(`secret ${event.SecretId} is not set to rotate`);
    const stages = described.VersionIdsToStages?.[event.ClientRequestToken];
    if (!stages) throw new Error(`secret ${event.SecretId} has no version ${event.ClientRequestToken}`);
    if (stages.includes('AWSCURRENT')) {
      deps.log?.(`${event.Step}: the version is already current`);
      return;
    }
    if (!stages.includes('AWSPENDING')) throw new Error(`version ${event.ClientRequestToken} of ${event.SecretId} is not pending`);
    await steps[event.Step](event);
    deps.log?.(`${event.Step}: done`);
  };
}

let cached: ReturnType<typeof createRotator> | undefined;

export const handler = async (event: unknown): Promise<void> => {
  if (!cached) {
    const config = RotationConfig.parse(process.env);
    cached = createRotator({
      secrets: new SecretsManagerClient({ region: config.AWS_REGION }),
      // CloudFront's API is global; its endpoint is in us-east-1.
      cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
      distributionId: config.DISTRIBUTION_ID,
      headerName: config.ORIGIN_HEADER,
      log: (line) => console.log(line),
    });
  }
  await cached(event);
};
