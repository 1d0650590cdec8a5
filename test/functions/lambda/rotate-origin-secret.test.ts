/**
 * The origin secret's rotation, step by step, against aws-sdk-client-mock stand-ins of Secrets Manager and CloudFront
 * that keep state: the versions and their stages, and the distribution's configuration with its ETag.
 */
import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotator } from '../../../functions/lambda/rotate-origin-secret.ts';

const SECRET = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:OriginVerify-AbCdEf';
const OLD = 'a'.repeat(48);
const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });

let sm: ReturnType<typeof mockClient>;
let cf: ReturnType<typeof mockClient>;
let versions: Map<string, { value: string; stages: string[] }>;
let config: DistributionConfig;
let etag: number;
let updates: number;
let rotationEnabled: boolean;

function distributionConfig(value: string): DistributionConfig {
  return {
    CallerReference: 'ref',
    Comment: 'site',
    Enabled: true,
    DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'redirect-to-https' },
    Origins: {
      Quantity: 2,
      Items: [
        { Id: 'site', DomainName: 'bucket.s3.amazonaws.com', CustomHeaders: { Quantity: 0, Items: [] } },
        {
          Id: 'api',
          DomainName: 'api.danban.example.org',
          CustomHeaders: {
            Quantity: 2,
            Items: [
              { HeaderName: 'X-Other', HeaderValue: 'kept' },
              { HeaderName: 'x-origin-verify', HeaderValue: value },
            ],
          },
        },
      ],
    },
  } as DistributionConfig;
}

const apiHeaders = () => config.Origins!.Items![1]!.CustomHeaders!.Items!;
const stagesOf = () => Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages].sort()]));

beforeEach(() => {
  versions = new Map([['v1', { value: OLD, stages: ['AWSCURRENT'] }]]);
  config = distributionConfig(OLD);
  etag = 1;
  updates = 0;
  rotationEnabled = true;
  sm = mockClient(SecretsManagerClient);
  cf = mockClient(CloudFrontClient);
  sm.on(DescribeSecretCommand).callsFake(() => ({
    RotationEnabled: rotationEnabled,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages]])),
  }));
  sm.on(GetSecretValueCommand).callsFake((input: { VersionId?: string; VersionStage?: string }) => {
    const found = [...versions].find(
      ([id, v]) => (!input.VersionId || id === input.VersionId) && (!input.VersionStage || v.stages.includes(input.VersionStage)),
    );
    if (!found) throw notFound();
    return { VersionId: found[0], SecretString: found[1].value };
  });
  sm.on(PutSecretValueCommand).callsFake((input: { ClientRequestToken: string; SecretString: string; VersionStages: string[] }) => {
    const existing = versions.get(input.ClientRequestToken);
    versions.set(input.ClientRequestToken, { value: input.SecretString, stages: [...new Set([...(existing?.stages ?? []), ...input.VersionStages])] });
    return {};
  });
  sm.on(UpdateSecretVersionStageCommand).callsFake((input: { VersionStage: string; MoveToVersionId: string; RemoveFromVersionId?: string }) => {
    for (const v of versions.values()) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    if (input.RemoveFromVersionId) {
      const old = versions.get(input.RemoveFromVersionId)!;
      old.stages = [...old.stages.filter((s) => s !== input.VersionStage), 'AWSPREVIOUS'];
    }
    const moved = versions.get(input.MoveToVersionId)!;
    moved.stages = [...moved.stages.filter((s) => s !== 'AWSPENDING'), input.VersionStage];
    return {};
  });
  cf.on(GetDistributionConfigCommand).callsFake(() => ({ DistributionConfig: structuredClone(config), ETag: `E${etag}` }));
  cf.on(UpdateDistributionCommand).callsFake((input: { Id: string; IfMatch: string; DistributionConfig: DistributionConfig }) => {
    if (input.Id !== 'EDFDVBD6EXAMPLE') throw new Error('wrong distribution');
    if (input.IfMatch !== `E${etag}`) throw Object.assign(new Error('precondition failed'), { name: 'PreconditionFailed' });
    config = structuredClone(input.DistributionConfig);
    etag++;
    updates++;
    return { ETag: `E${etag}` };
  });
});

afterEach(() => {
  sm.restore();
  cf.restore();
});

const rotator = () =>
  createRotator({
    secrets: new SecretsManagerClient({ region: 'ap-southeast-1' }),
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
    distributionId: 'EDFDVBD6EXAMPLE',
    headerName: 'x-origin-verify',
  });

/** What Secrets Manager does when a rotation starts: a new version id staged AWSPENDING, with no value yet. */
function startRotation(token: string) {
  versions.set(token, { value: '', stages: ['AWSPENDING'] });
  // The real service holds no value for it until createSecret puts one.
  const fake = versions.get(token)!;
  sm.on(GetSecretValueCommand).callsFake((input: { VersionId?: string; VersionStage?: string }) => {
    const found = [...versions].find(
      ([id, v]) =>
        (!input.VersionId || id === input.VersionId) && (!input.VersionStage || v.stages.includes(input.VersionStage)) && (v !== fake || fake.value !== ''),
    );
    if (!found) throw notFound();
    return { VersionId: found[0], SecretString: found[1].value };
  });
}

const step = (Step: string, token = 'v2') => rotator()({ SecretId: SECRET, ClientRequestToken: token, Step });

describe('rotating the origin secret', () => {
  it('runs the four steps: a new value, given to CloudFront, checked, then made current with the old one previous', async () => {
    startRotation('v2');
    await step('createSecret');
    const fresh = versions.get('v2')!.value;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(fresh).not.toBe(OLD);
    // CloudFront still sends the old value until setSecret.
    expect(apiHeaders()[1]!.HeaderValue).toBe(OLD);

    await step('setSecret');
    expect(updates).toBe(1);
    expect(cf.commandCalls(UpdateDistributionCommand)[0]!.args[0].input).toMatchObject({ Id: 'EDFDVBD6EXAMPLE', IfMatch: 'E1' });
    expect(apiHeaders()).toEqual([
      { HeaderName: 'X-Other', HeaderValue: 'kept' },
      { HeaderName: 'x-origin-verify', HeaderValue: fresh },
    ]);
    expect(config.Origins!.Items![0]!.CustomHeaders!.Items).toEqual([]);

    await step('testSecret');
    expect(stagesOf()).toEqual({ v1: ['AWSCURRENT'], v2: ['AWSPENDING'] });

    await step('finishSecret');
    expect(stagesOf()).toEqual({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)[0]!.args[0].input).toEqual({
      SecretId: SECRET,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: 'v2',
      RemoveFromVersionId: 'v1',
    });
  });

  it('is safe to retry: createSecret keeps the pending value, setSecret does not update twice, finishSecret of a current version does nothing', async () => {
    startRotation('v2');
    await step('createSecret');
    const fresh = versions.get('v2')!.value;
    await step('createSecret');
    expect(versions.get('v2')!.value).toBe(fresh);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    await step('setSecret');
    await step('setSecret');
    expect(updates).toBe(1);
    await step('finishSecret');
    await step('finishSecret');
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(1);
  });

  it('testSecret fails while the distribution does not send the pending value', async () => {
    startRotation('v2');
    await step('createSecret');
    await expect(step('testSecret')).rejects.toThrow(/does not send the pending value/);
  });

  it('setSecret refuses a distribution without the header, and a change made meanwhile (ETag) is not overwritten', async () => {
    startRotation('v2');
    await step('createSecret');
    // Read before another change of the distribution: its ETag is an old one.
    cf.on(GetDistributionConfigCommand).callsFake(() => ({ DistributionConfig: distributionConfig(OLD), ETag: 'E0' }));
    await expect(step('setSecret')).rejects.toThrow(/precondition failed/);
    expect(updates).toBe(0);
    cf.on(GetDistributionConfigCommand).callsFake(() => ({ DistributionConfig: structuredClone(config), ETag: `E${etag}` }));
    config.Origins!.Items![1]!.CustomHeaders = { Quantity: 0, Items: [] };
    await expect(step('setSecret')).rejects.toThrow(/no origin sends x-origin-verify/);
  });

  it('refuses a version that is not pending, a secret not set to rotate, and an unknown step', async () => {
    versions.set('v3', { value: 'x'.repeat(48), stages: [] });
    await expect(step('setSecret', 'v3')).rejects.toThrow(/not pending/);
    await expect(step('setSecret', 'nope')).rejects.toThrow(/no version/);
    startRotation('v2');
    rotationEnabled = false;
    await expect(step('createSecret')).rejects.toThrow(/not set to rotate/);
    rotationEnabled = true;
    await expect(step('dropSecret')).rejects.toThrow();
    expect(updates).toBe(0);
  });
});
