/**
 * The front door, as synthesised: the API answers only on its custom domain (execute-api disabled), CloudFront's
 * origin is that domain with the origin secret, the secret rotates through a function that may touch only it and the
 * distribution, public reads are cached for seconds, and tampering with the signing key or the functions' code
 * raises an alarm.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_READ_SECONDS } from '../../functions/http/api/route.ts';
import { StackConfigError, stackConfig } from '../../infra/config.ts';
import { API_ROUTES } from '../../infra/constructs/api.ts';
import { ORIGIN_SECRET_ROTATION_DAYS } from '../../infra/constructs/origin-secret-rotation.ts';
import { PUBLIC_READ_MAX_TTL_SECONDS, PUBLIC_READ_PATHS } from '../../infra/constructs/site.ts';
import { buildStacks } from '../../infra/danban-app.ts';
import type { DanbanStack } from '../../infra/danban-stack.ts';

const API_DOMAIN = {
  apiDomainName: 'api.danban.example.org',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abcdef01-2345-6789-abcd-ef0123456789',
} as const;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const outdir = mkdtempSync(join(tmpdir(), 'danban-edge-origin-'));
let main: DanbanStack;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir });
  ({ main } = buildStacks(app, { stage: 'test', ...API_DOMAIN }));
  resources = Template.fromStack(main).toJSON().Resources;
}, 180_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const idOf = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);
const r = (value: string) => main.resolve(value);
const ofType = (type: string) => Object.entries(resources).filter(([, x]) => x.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const statementsOfRole = (roleId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
const distribution = () => only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
const behaviour = (path: string) => distribution().CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === path);

describe('the API is reached only through CloudFront', () => {
  it('the execute-api endpoint is disabled', () => {
    expect(only('AWS::ApiGatewayV2::Api').Properties.DisableExecuteApiEndpoint).toBe(true);
  });

  it('the API answers on its custom domain, with the regional certificate and TLS 1.2, mapped to its $default stage', () => {
    const domain = only('AWS::ApiGatewayV2::DomainName').Properties;
    expect(domain.DomainName).toBe(API_DOMAIN.apiDomainName);
    expect(domain.DomainNameConfigurations).toHaveLength(1);
    expect(domain.DomainNameConfigurations[0]).toMatchObject({
      CertificateArn: API_DOMAIN.apiCertificateArn,
      EndpointType: 'REGIONAL',
      SecurityPolicy: 'TLS_1_2',
    });
    const mapping = only('AWS::ApiGatewayV2::ApiMapping') as { Properties: Record<string, unknown>; DependsOn?: string[] };
    expect(mapping.Properties).toEqual({ ApiId: { Ref: idOf(main.api.httpApi) }, DomainName: { Ref: idOf(main.api.domain) }, Stage: '$default' });
    expect(mapping.DependsOn).toContain(idOf(main.api.stage));
  });

  it("CloudFront's API origin is that domain, over HTTPS, with the origin secret's current value", () => {
    const api = behaviour('/api/*');
    const origin = (distribution().Origins as Array<Record<string, any>>).find((o) => o.Id === api.TargetOriginId)!;
    expect(origin.DomainName).toBe(API_DOMAIN.apiDomainName);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: 'x-origin-verify', HeaderValue: r(main.api.originVerify.secretValue.unsafeUnwrap()) }]);
    expect(JSON.stringify(origin.OriginCustomHeaders)).toContain('{{resolve:secretsmanager:');
  });

  it('the functions behind the API get the secret by its ARN, never its value, and may read that secret only', () => {
    for (const fn of [main.api.fn, main.api.officialsFn]) {
      const env = resources[idOf(fn)]!.Properties.Environment.Variables as Record<string, unknown>;
      expect(env.ORIGIN_VERIFY_SECRET_ARN).toEqual({ Ref: idOf(main.api.originVerify) });
      expect(env).not.toHaveProperty('ORIGIN_VERIFY_SECRET');
      expect(JSON.stringify(env)).not.toContain('resolve:secretsmanager');
      const reads = statementsOfRole(idOf(fn.role!)).filter((s) => ([] as string[]).concat(s.Action).includes('secretsmanager:GetSecretValue'));
      expect(reads).toHaveLength(1);
      expect(reads[0]!.Resource).toEqual({ Ref: idOf(main.api.originVerify) });
    }
  });

  it('a deploy without the API domain fails with a message that says which settings', () => {
    expect(() => stackConfig(() => undefined)).toThrow(StackConfigError);
    expect(() => stackConfig(() => undefined)).toThrow(/apiDomainName and apiCertificateArn are required/);
    const onlyKey = (key: string) => (k: string) => (k === key ? (API_DOMAIN as Record<string, string>)[key] : undefined);
    expect(() => stackConfig(onlyKey('apiDomainName'))).toThrow(/apiDomainName and apiCertificateArn are required/);
    expect(() => stackConfig(onlyKey('apiCertificateArn'))).toThrow(/apiDomainName and apiCertificateArn are required/);
    const get = (values: Record<string, string>) => (k: string) => ({ ...API_DOMAIN, ...values })[k];
    expect(() => stackConfig(get({ apiDomainName: 'https://api/' }))).toThrow(/not a host name/);
    expect(() =>
      stackConfig(get({ domainName: API_DOMAIN.apiDomainName, certificateArn: API_DOMAIN.apiCertificateArn.replace('ap-southeast-1', 'us-east-1') })),
    ).toThrow(/must differ/);
  });

  it("a certificate outside the API's region is refused before anything is built", () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(outdir, 'wrong-region') });
    expect(() => buildStacks(app, { stage: 'test', ...API_DOMAIN }, { region: 'eu-west-1' })).toThrow(/eu-west-1/);
  });
});

describe('the origin secret rotates', () => {
  it(`every ${ORIGIN_SECRET_ROTATION_DAYS} days, through its own function, not at every deploy`, () => {
    const schedule = only('AWS::SecretsManager::RotationSchedule').Properties;
    expect(schedule.SecretId).toEqual({ Ref: idOf(main.api.originVerify) });
    expect(schedule.RotationLambdaARN).toEqual({ 'Fn::GetAtt': [idOf(main.api.originVerifyRotation.fn), 'Arn'] });
    expect(schedule.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' });
    expect(schedule.RotateImmediatelyOnUpdate).toBe(false);
    const env = resources[idOf(main.api.originVerifyRotation.fn)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({ DISTRIBUTION_ID: { Ref: idOf(main.site.distribution) }, ORIGIN_HEADER: 'x-origin-verify' });
  });

  it('only Secrets Manager, for this secret, may invoke the rotation', () => {
    const permissions = ofType('AWS::Lambda::Permission')
      .map(([, p]) => p.Properties)
      .filter((p) => p.Principal === 'secretsmanager.amazonaws.com');
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toMatchObject({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [idOf(main.api.originVerifyRotation.fn), 'Arn'] },
      SourceArn: { Ref: idOf(main.api.originVerify) },
    });
  });

  it('the rotation may stage versions of that secret and update that distribution, and nothing else', () => {
    const statements = statementsOfRole(idOf(main.api.originVerifyRotation.fn.role!));
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual(['StageTheOriginSecret', 'UpdateTheOriginHeader']);
    expect(new Set(([] as string[]).concat(bySid.StageTheOriginSecret!.Action))).toEqual(
      new Set(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage']),
    );
    expect(bySid.StageTheOriginSecret!.Resource).toEqual({ Ref: idOf(main.api.originVerify) });
    expect(new Set(([] as string[]).concat(bySid.UpdateTheOriginHeader!.Action))).toEqual(
      new Set(['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution']),
    );
    expect(JSON.stringify(bySid.UpdateTheOriginHeader!.Resource)).toContain(`":distribution/",{"Ref":"${idOf(main.site.distribution)}"}`);
    for (const s of statements) expect(([] as unknown[]).concat(s.Resource)).not.toContain('*');
  });

  it('the secret is no longer acknowledged as unrotated', () => {
    expect(JSON.stringify(main.api.originVerify.node.metadata)).not.toContain('AwsSolutions-SMG4');
  });
});

describe('public reads are cached at the edge for seconds', () => {
  it('each public read path has its own behaviour ahead of /api/*, on the API origin', () => {
    const paths = (distribution().CacheBehaviors as { PathPattern: string }[]).map((b) => b.PathPattern);
    for (const path of PUBLIC_READ_PATHS) {
      expect(paths, path).toContain(path);
      expect(paths.indexOf(path), path).toBeLessThan(paths.indexOf('/api/*'));
      expect(behaviour(path).TargetOriginId).toBe(behaviour('/api/*').TargetOriginId);
      expect(behaviour(path)).toMatchObject({ ViewerProtocolPolicy: 'https-only', CachedMethods: ['GET', 'HEAD'] });
    }
  });

  it('the paths are the public GET routes of the API and match no receipt, ballot or credential route', () => {
    const glob = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
    const sample = (path: string) => path.replace(/\{[^}]+\}/g, '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const cached = API_ROUTES.filter((route) => PUBLIC_READ_PATHS.some((p) => glob(p).test(sample(route.path))));
    const publicGets = cached.filter((route) => route.method === 'GET');
    expect(publicGets.map((route) => route.path).sort()).toEqual(
      [
        '/api/consultations/{id}',
        '/api/consultations/{id}/contributions',
        '/api/consultations/{id}/comments',
        '/api/consultations/{id}/complaints',
        '/api/consultations/{id}/after-publication',
        '/api/groups/{groupId}',
      ].sort(),
    );
    for (const route of publicGets) expect(route.auth, route.path).toBeUndefined();
    for (const path of [
      '/api/consultations/{id}/receipts/{receipt}',
      '/api/consultations/{id}/ballots',
      '/api/consultations/{id}/credentials',
      '/api/consultations',
    ]) {
      expect(
        PUBLIC_READ_PATHS.some((p) => glob(p).test(sample(path))),
        path,
      ).toBe(false);
    }
  });

  it("keeps only what the answer allows (no default), for at most 30 s, with the caller's token in the key and no query (a random one must not miss the cache)", () => {
    const policyId = behaviour(PUBLIC_READ_PATHS[0]).CachePolicyId as { Ref: string };
    for (const path of PUBLIC_READ_PATHS) expect(behaviour(path).CachePolicyId).toEqual(policyId);
    const config = resources[policyId.Ref]!.Properties.CachePolicyConfig;
    expect(config).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: PUBLIC_READ_MAX_TTL_SECONDS });
    expect(PUBLIC_READ_MAX_TTL_SECONDS).toBeLessThanOrEqual(30);
    expect(PUBLIC_READ_SECONDS).toBeGreaterThanOrEqual(10);
    expect(PUBLIC_READ_SECONDS).toBeLessThanOrEqual(PUBLIC_READ_MAX_TTL_SECONDS);
    const key = config.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    // Everything else of the API stays uncached.
    expect(behaviour('/api/*').CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });
});

describe('tampering raises an alarm', () => {
  const rules = () =>
    Object.fromEntries(
      ofType('AWS::Events::Rule')
        .filter(([, rule]) => rule.Properties.EventPattern?.['detail-type']?.includes('AWS API Call via CloudTrail'))
        .map(([id, rule]) => [id, rule.Properties]),
    );
  const ruleOf = (construct: IConstruct) => rules()[idOf(construct)]!;
  const toAlarmTopic = (rule: Record<string, any>) => expect(rule.Targets).toEqual([{ Arn: { Ref: idOf(main.operations.topic) }, Id: 'Target0' }]);
  const keyArn = () => r(main.signing.key.keyArn);

  it('the stack has a trail of read and write management events, validated, into a bucket of its own', () => {
    const trail = only('AWS::CloudTrail::Trail').Properties;
    expect(trail).toMatchObject({ IsLogging: true, EnableLogFileValidation: true, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true });
    expect(trail.S3BucketName).toEqual({ Ref: expect.stringContaining('TrailLogs') });
    expect(trail.EventSelectors ?? [{ ReadWriteType: 'All' }]).toEqual([expect.objectContaining({ ReadWriteType: 'All' })]);
  });

  it("a change of the signing key's policy", () => {
    const rule = ruleOf(main.operations.rules.keyPolicy);
    expect(rule.EventPattern).toEqual({
      source: ['aws.kms'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['PutKeyPolicy'], resources: { ARN: [keyArn()] } },
    });
    toAlarmTopic(rule);
  });

  it("a change of any of the stack's functions' code", () => {
    const rule = ruleOf(main.operations.rules.functionCode);
    expect(rule.EventPattern).toMatchObject({
      source: ['aws.lambda'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['lambda.amazonaws.com'], eventName: [{ prefix: 'UpdateFunctionCode' }] },
    });
    const names = JSON.stringify(rule.EventPattern.detail.requestParameters.functionName);
    for (const fn of [main.api.fn, main.api.officialsFn, main.closing.closer, main.printing.fn, main.api.originVerifyRotation.fn]) {
      expect(names).toContain(JSON.stringify({ Ref: idOf(fn) }));
      expect(names).toContain(JSON.stringify({ 'Fn::GetAtt': [idOf(fn), 'Arn'] }));
    }
    toAlarmTopic(rule);
  });

  it('a signature with the signing key by any principal but the closer', () => {
    const rule = ruleOf(main.operations.rules.foreignSign);
    expect(rule.EventPattern).toEqual({
      source: ['aws.kms'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['kms.amazonaws.com'],
        eventName: ['Sign'],
        resources: { ARN: [keyArn()] },
        $or: [
          { userIdentity: { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': r(main.closing.closer.role!.roleArn) }] } } } },
          { userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } },
        ],
      },
    });
    toAlarmTopic(rule);
  });
});
