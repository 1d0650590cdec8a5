/**
 * The CDK stack, synthesised once without bundling (the functions' code is not under test here; scripts/synth.sh
 * bundles for real in CI). Properties and IAM are asserted resource by resource; where the infrastructure mirrors
 * the code (key schema, routes, headers, environment) the code itself is the expectation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamo-table.ts';
import type { CoreDeps } from '../../functions/core/deps.ts';
import { createApp } from '../../functions/http/app.ts';
import { AwsConfig, PagesConfig } from '../../functions/lambda/aws-deps.ts';
import { SIGN_IN_BASES } from '../../infra/constructs/auth.ts';
import { SITE_HEADERS } from '../../web/security-headers.ts';
import { stackConfig, StackConfigError } from '../../infra/config.ts';
import { accountCommands, COMMUNE_ATTRIBUTE, GROUPS, UsageError } from '../../scripts/add-official.ts';
import { ROUTE_THROTTLES, THROTTLE } from '../../infra/constructs/api.ts';
import { Site } from '../../infra/constructs/site.ts';
import { DanbanStack } from '../../infra/danban-stack.ts';

interface Resource {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The API's own domain, which every installation gives (infra/config.ts). */
const API_DOMAIN = {
  apiDomainName: 'api.danban.example.org',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abcdef01-2345-6789-abcd-ef0123456789',
} as const;

const outdir = mkdtempSync(join(tmpdir(), 'danban-cdk-test-'));
let stack: DanbanStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(outdir, 'main') });
  stack = new DanbanStack(app, 'DanbanStack', { stage: 'test', alarmEmail: 'ops@example.org', ...API_DOMAIN });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
}, 60_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The site bucket's policy (the access-log bucket has one of its own, for S3's log delivery). */
const sitePolicy = (): Statement[] => {
  const policies = ofType('AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: idOf(stack.site.bucket) }));
  expect(policies).toHaveLength(1);
  return policies[0]![1].Properties.PolicyDocument.Statement as Statement[];
};
const idOf = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string): Resource => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const actionsOf = (s: Statement) => ([] as string[]).concat(s.Action);
const resourcesOf = (s: Statement) => ([] as unknown[]).concat(s.Resource);
const roleOf = (fn: { role?: IRole | undefined }): IRole => {
  expect(fn.role).toBeDefined();
  return fn.role!;
};

/** Every statement of the identity policies attached to `role` (its inline policies and the AWS::IAM::Policy resources). */
function statementsOf(role: IRole): Statement[] {
  const id = idOf(role);
  const inline = (resources[id]?.Properties.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement);
  const attached = ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: id })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached];
}
const allowed = (role: IRole, action: string) => statementsOf(role).filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action));
/** Would this statement's actions include `action` (exact, `service:*` or `*`)? */
const covers = (s: Statement, action: string) => actionsOf(s).some((a) => a === action || a === '*' || a === `${action.split(':')[0]}:*`);

const r = (token: string) => stack.resolve(token);

describe('Data', () => {
  it('the table has the keys and index of tableDefinition, on demand, with a TTL on expiresAt and no stream', () => {
    const expected = tableDefinition('any');
    const table = only('AWS::DynamoDB::GlobalTable').Properties;
    expect(table.KeySchema).toEqual(expected.KeySchema);
    expect(new Set(table.AttributeDefinitions)).toEqual(new Set(expected.AttributeDefinitions));
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.StreamSpecification).toBeUndefined();
  });

  it('the table has point-in-time recovery and deletion protection, is encrypted with the AWS-owned key, and survives the stack', () => {
    const table = only('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
    ]);
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: false });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('the staff function reaches the table only through the item actions its store calls, never Scan or table management', () => {
    const table = r(stack.data.table.tableArn);
    const dynamo = statementsOf(roleOf(stack.api.officialsFn)).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const onTable = dynamo.filter((s) => JSON.stringify(resourcesOf(s)) === JSON.stringify([table]));
    expect(new Set(onTable.flatMap(actionsOf))).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:BatchWriteItem',
      ]),
    );
    const onIndex = dynamo.filter((s) => !onTable.includes(s));
    expect(onIndex.flatMap(actionsOf)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(onIndex[0]!.Resource)).toContain('/index/gsi1');
    expect(dynamo.some((s) => covers(s, 'dynamodb:Scan') || covers(s, 'dynamodb:DeleteTable'))).toBe(false);
  });

  it('the closer reads the table but writes only consultation, audit and gate items', () => {
    const dynamo = statementsOf(roleOf(stack.closing.closer)).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const writes = dynamo.filter((s) => actionsOf(s).some((a) => /Put|Update|Delete|Write|ConditionCheck/.test(a)));
    expect(writes).toHaveLength(1);
    expect(new Set(actionsOf(writes[0]!))).toEqual(new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    expect(writes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['C#*', 'A#*', 'G#*'] } });
    const reads = dynamo.filter((s) => !writes.includes(s)).flatMap(actionsOf);
    expect(new Set(reads)).toEqual(new Set(['dynamodb:GetItem', 'dynamodb:Query']));
  });
});

/** The signing key among the stack's two KMS keys (the other seals the code slips' keys). */
const signingKeyResource = (): Resource => resources[idOf(stack.signing.key)]!;

describe('Signing', () => {
  it('has three KMS keys: the signing key, the receipt key, and the slips’ sealing key, symmetric and rotated, which only the staff function uses', () => {
    expect(ofType('AWS::KMS::Key')).toHaveLength(3);
    const sealing = resources[idOf(stack.api.sealingKey)]!;
    expect(sealing.Properties).toMatchObject({ EnableKeyRotation: true });
    expect(sealing.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    const users = ofType('AWS::IAM::Policy')
      .filter(([, p]) =>
        (p.Properties.PolicyDocument.Statement as Statement[]).some(
          (s) => s.Effect === 'Allow' && covers(s, 'kms:Decrypt') && JSON.stringify(s.Resource) === JSON.stringify(r(stack.api.sealingKey.keyArn)),
        ),
      )
      .flatMap(([, p]) => p.Properties.Roles as unknown[]);
    expect(users).toEqual([{ Ref: idOf(roleOf(stack.api.officialsFn)) }]);
    expect(allowed(roleOf(stack.closing.closer), 'kms:Decrypt')).toEqual([]);
  });

  it('the signing key is an ECC_NIST_P256 SIGN_VERIFY key with an alias, kept when the stack is deleted', () => {
    const key = signingKeyResource();
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(key.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/danban-test/result-signing', TargetKeyId: r(stack.signing.key.keyArn) });
  });

  it('the key policy denies disabling the signing key or scheduling its deletion to everyone', () => {
    const statements = signingKeyResource().Properties.KeyPolicy.Statement as Statement[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*' }),
    );
  });

  it('the key policy denies kms:Sign to every principal but the closer role', () => {
    const statements = signingKeyResource().Properties.KeyPolicy.Statement as Statement[];
    const denies = statements.filter((s) => s.Effect === 'Deny' && covers(s, 'kms:Sign'));
    expect(denies).toEqual([
      expect.objectContaining({
        Principal: { AWS: '*' },
        Action: 'kms:Sign',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': r(roleOf(stack.closing.closer).roleArn) } },
      }),
    ]);
    // The only Allow is the account's administration of the key (which the Deny still limits for Sign).
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(JSON.stringify(allows[0]!.Principal)).toContain(':root');
  });

  it('the closer may sign only ECDSA_SHA_256 digests with this key, and read its public key', () => {
    const closer = roleOf(stack.closing.closer);
    const sign = allowed(closer, 'kms:Sign');
    expect(sign).toHaveLength(1);
    expect(sign[0]!.Resource).toEqual(r(stack.signing.key.keyArn));
    expect(sign[0]!.Condition).toEqual({ StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } });
    // And the receipt key's public half, to publish keys/receipt-jwks.json.
    expect(allowed(closer, 'kms:GetPublicKey').map((s) => s.Resource)).toEqual([r(stack.signing.key.keyArn), r(stack.signing.receiptKey.keyArn)]);
  });

  it('the API can read the public key but not sign a result; it signs ballot receipts with the receipt key alone', () => {
    const sign = allowed(roleOf(stack.api.fn), 'kms:Sign');
    expect(sign.map((s) => s.Resource)).toEqual([r(stack.signing.receiptKey.keyArn)]);
    expect(allowed(roleOf(stack.api.fn), 'kms:GetPublicKey').map((s) => s.Resource)).toEqual([r(stack.signing.key.keyArn), r(stack.signing.receiptKey.keyArn)]);
  });

  it('no identity policy in the stack but the closer role (results) and the API role (receipts) allows kms:Sign', () => {
    const closerRole = idOf(roleOf(stack.closing.closer));
    const apiRole = idOf(roleOf(stack.api.fn));
    const signers = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => s.Effect === 'Allow' && covers(s, 'kms:Sign')))
      .flatMap(([, p]) => p.Properties.Roles as unknown[]);
    expect(signers).toEqual(expect.arrayContaining([{ Ref: closerRole }, { Ref: apiRole }]));
    expect(signers).toHaveLength(2);
    const inlineSigners = ofType('AWS::IAM::Role').filter(([, role]) =>
      (role.Properties.Policies ?? []).some((p: { PolicyDocument: { Statement: Statement[] } }) =>
        p.PolicyDocument.Statement.some((s) => covers(s, 'kms:Sign')),
      ),
    );
    expect(inlineSigners).toEqual([]);
  });
});

describe('Site', () => {
  it('the verify page scripts are deployed to the bucket without pruning anything else', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      DestinationBucketName: Match.anyValue(),
      SystemMetadata: Match.objectLike({ 'content-type': 'text/javascript; charset=utf-8' }),
    });
  });

  it('the site bucket blocks all public access, is versioned and encrypted, and survives the stack', () => {
    const bucket = resources[idOf(stack.site.bucket)]!;
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: r(stack.site.accessLogs.bucketName), LogFilePrefix: 'site/' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('the site bucket denies every request not made over TLS', () => {
    const statements = sitePolicy();
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('only this distribution reads the bucket, through origin access control', () => {
    expect(only('AWS::CloudFront::OriginAccessControl').Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const statements = sitePolicy();
    const grants = statements.filter((s) => s.Effect === 'Allow');
    expect(grants).toHaveLength(1);
    expect(grants[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(new Set(actionsOf(grants[0]!))).toEqual(new Set(['s3:GetObject', 's3:ListBucket']));
    expect(JSON.stringify(grants[0]!.Condition)).toContain(idOf(stack.site.distribution));
    const origins = only('AWS::CloudFront::Distribution').Properties.DistributionConfig.Origins as Array<Record<string, any>>;
    const s3 = origins.filter((o) => o.S3OriginConfig);
    expect(s3).toHaveLength(1);
    expect(s3[0]!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
  });

  it('pages redirect to HTTPS, / is index.html and folders get their index.html from the directory-index function', () => {
    const config = only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    const fn = { 'Fn::GetAtt': [idOf(stack.site.node.findChild('DirectoryIndex')), 'FunctionARN'] };
    for (const behavior of [config.DefaultCacheBehavior, config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/c/*')]) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: fn }],
      });
    }
  });

  it('the directory-index function serves index.html for folders and redirects bare folders on this host only', () => {
    const fn = only('AWS::CloudFront::Function').Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fn.FunctionCode as string}\nreturn handler;`)() as (e: { request: { uri: string } }) => any;
    expect(handler({ request: { uri: '/c/01J0000000000000000000000Z/' } }).uri).toBe('/c/01J0000000000000000000000Z/index.html');
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/c/01J0000000000000000000000Z/result.jws' } }).uri).toBe('/c/01J0000000000000000000000Z/result.jws');
    expect(handler({ request: { uri: '/c/01J0000000000000000000000Z' } })).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/c/01J0000000000000000000000Z/' } },
    });
    expect(handler({ request: { uri: '//evil' } }).headers.location.value).toBe('/evil/');
  });

  it('CloudFront adds the security headers the local server sends', () => {
    const policy = only('AWS::CloudFront::ResponseHeadersPolicy').Properties.ResponseHeadersPolicyConfig;
    const security = policy.SecurityHeadersConfig;
    expect(security.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: SITE_HEADERS['Content-Security-Policy'], Override: true });
    expect(SITE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: SITE_HEADERS['X-Frame-Options'], Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: SITE_HEADERS['Referrer-Policy'], Override: true });
    const hsts = /^max-age=(\d+); includeSubDomains$/.exec(SITE_HEADERS['Strict-Transport-Security']!);
    expect(security.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: Number(hsts![1]), IncludeSubdomains: true, Override: true });
    expect(policy.CustomHeadersConfig.Items).toEqual([
      { Header: 'Cross-Origin-Opener-Policy', Value: SITE_HEADERS['Cross-Origin-Opener-Policy'], Override: true },
    ]);
    const config = only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const pages = [
      config.DefaultCacheBehavior,
      ...config.CacheBehaviors.filter(
        (b: { PathPattern: string }) => !b.PathPattern.startsWith('/api/') && !['/vote/*', '/officials/*', '/monitors/*', '/commune/*'].includes(b.PathPattern),
      ),
    ];
    for (const b of pages) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]![0] });
  });

  it('result folders may stay cached for a year, pages and keys for at most five minutes', () => {
    const config = only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const policyOf = (behavior: { CachePolicyId: { Ref: string } }) => resources[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
    const results = policyOf(config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/c/*'));
    const pages = policyOf(config.DefaultCacheBehavior);
    expect(results).toMatchObject({ MinTTL: 0, DefaultTTL: 60, MaxTTL: 365 * 24 * 3600 });
    expect(pages).toMatchObject({ MinTTL: 0, DefaultTTL: 60, MaxTTL: 300 });
    for (const p of [results, pages]) {
      expect(p.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      });
    }
  });

  it('/api/* goes to the HTTP API uncached, with every method and every viewer header but Host, over HTTPS only, with the origin-verify header', () => {
    const config = only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // managed CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // managed AllViewerExceptHostHeader
    });
    expect(api.FunctionAssociations).toBeUndefined();
    const origin = (config.Origins as Array<Record<string, any>>).find((o) => o.Id === api.TargetOriginId)!;
    // The API's custom domain: its execute-api address is disabled (test/infra/edge-origin.test.ts).
    expect(origin.DomainName).toBe(API_DOMAIN.apiDomainName);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: 'x-origin-verify', HeaderValue: r(stack.api.originVerify.secretValue.unsafeUnwrap()) }]);
    // The residents' and officials' pages are served by the same app, the same way.
    for (const path of ['/vote/*', '/officials/*', '/monitors/*', '/commune/*']) {
      const pages = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === path);
      expect(pages).toMatchObject({
        TargetOriginId: api.TargetOriginId,
        CachePolicyId: api.CachePolicyId,
        AllowedMethods: api.AllowedMethods,
        ViewerProtocolPolicy: 'https-only',
      });
    }
  });

  it('with a domain name the distribution answers for it with the us-east-1 certificate and TLS 1.2 at least', () => {
    const app = new App({ outdir: join(outdir, 'domain') });
    const site = new Stack(app, 'SiteOnly');
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    new Site(site, 'Site', { domainName: 'danban.example.gov.vn', certificateArn });
    Template.fromStack(site).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['danban.example.gov.vn'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
  });

  it('the staff function publishes pages, attestations and documents and reads results, but can write no signed file, no key and not the home page', () => {
    const api = roleOf(stack.api.officialsFn);
    const bucket = r(stack.site.bucket.bucketArn);
    const object = (key: string) => ({ 'Fn::Join': ['', [bucket, `/${key}`]] });
    expect(allowed(api, 's3:PutObject').flatMap(resourcesOf)).toEqual([
      object('c/*/index.html'),
      object('c/*/attestations/*'),
      object('c/*/docs/*'),
      object('c/*/record/*'),
      object('c/*/contributions/*'),
      object('c/*/translations/*'),
      object('g/*/index.html'),
      object('p/*/index.html'),
      object('p/*/copy/*'),
      object('h/*/rules.html'),
    ]);
    expect(allowed(api, 's3:GetObject').flatMap(resourcesOf)).toEqual([
      object('c/*/result.jws'),
      object('c/*/result.json'),
      object('c/*/consultation.json'),
      object('c/*/roll.json'),
      object('c/*/participants.json'),
      object('c/*/ballots.json'),
      object('c/*/audit.jsonl'),
      object('c/*/opinions.json'),
      object('c/*/attestations/*'),
      object('c/*/record/*'),
      object('g/*/aggregate.jws'),
      object('g/*/aggregate.json'),
    ]);
    expect(allowed(api, 's3:ListBucket').flatMap(resourcesOf)).toEqual([bucket]);
    expect(statementsOf(api).some((s) => covers(s, 's3:DeleteObject'))).toBe(false);
  });

  it('the closer publishes result folders, aggregates, the home page and keys/, and reads only signed results and aggregates', () => {
    const closer = roleOf(stack.closing.closer);
    const bucket = r(stack.site.bucket.bucketArn);
    const object = (key: string) => ({ 'Fn::Join': ['', [bucket, `/${key}`]] });
    expect(allowed(closer, 's3:PutObject').flatMap(resourcesOf)).toEqual([object('c/*'), object('g/*'), object('index.html'), object('keys/*')]);
    expect(allowed(closer, 's3:GetObject').flatMap(resourcesOf)).toEqual([object('c/*/result.jws'), object('g/*')]);
    // A large file goes up in parts: the closer may abort its own failed upload, on the same keys as it writes.
    expect(allowed(closer, 's3:AbortMultipartUpload').flatMap(resourcesOf)).toEqual([object('c/*'), object('g/*'), object('index.html'), object('keys/*')]);
    // A retention only on the signed files of a result (S3 Object Lock, governance mode); never a bypass.
    expect(allowed(closer, 's3:PutObjectRetention').flatMap(resourcesOf)).toEqual(
      ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'opinions.json', 'result.json', 'result.jws'].map((f) =>
        object(`c/*/${f}`),
      ),
    );
    const other = (a: string) => a.startsWith('s3:') && !['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:PutObjectRetention'].includes(a);
    expect(statementsOf(closer).filter((s) => actionsOf(s).some(other))).toEqual([]);
  });
});

describe('Api', () => {
  it("every route of the app is on the HTTP API, with the JWT authorizer exactly on officials' and monitors' routes", async () => {
    const untouchable = new Proxy({} as CoreDeps, {
      get: (_t, p) => {
        throw new Error(`core.${String(p)} used`);
      },
    });
    const app = createApp({ core: untouchable, verifyToken: async () => undefined, clientIp: () => '127.0.0.1' });
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const expected = new Map<string, 'JWT' | 'NONE'>([
      ['GET /api/openapi.json', 'NONE'],
      ['GET /api/health', 'NONE'],
      ['$default', 'NONE'],
      // The officials' pages: their own function, signed in by session cookie (checked in the app), no JWT authorizer.
      ['ANY /officials', 'NONE'],
      ['ANY /officials/{proxy+}', 'NONE'],
      ['ANY /monitors', 'NONE'],
      ['ANY /monitors/{proxy+}', 'NONE'],
      ['ANY /commune', 'NONE'],
      ['ANY /commune/{proxy+}', 'NONE'],
    ]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) expected.set(`${method.toUpperCase()} ${path}`, op.security ? 'JWT' : 'NONE');
    }
    const actual = new Map(
      ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, (route.Properties.AuthorizationType ?? 'NONE') as string]),
    );
    expect(actual).toEqual(expected);
    const authorizer = only('AWS::ApiGatewayV2::Authorizer');
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route').filter(([, x]) => x.Properties.AuthorizationType === 'JWT')) {
      expect(route.Properties.AuthorizerId).toEqual({ Ref: ofType('AWS::ApiGatewayV2::Authorizer')[0]![0] });
    }
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
  });

  it("the JWT authorizer takes id tokens of the user pool's web client from the Authorization header", () => {
    const authorizer = only('AWS::ApiGatewayV2::Authorizer').Properties;
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.JwtConfiguration.Audience).toEqual([r(stack.auth.client.userPoolClientId)]);
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toContain(idOf(stack.auth.userPool));
  });

  it('the $default stage throttles and logs one JSON line per request without the path, query string or body', () => {
    const stage = only('AWS::ApiGatewayV2::Stage').Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [idOf(stack.api.accessLogs), 'Arn'] });
    const format = JSON.parse(stage.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', route: '$context.routeKey', status: '$context.status' });
    for (const value of Object.values(format)) expect(value).not.toMatch(/\$context\.(path|requestOverride|responseOverride)|querystring|body/i);
  });

  it('ballots, comments, receipt lookups and staff pages each have a budget of their own, on routes that exist', () => {
    const stage = only('AWS::ApiGatewayV2::Stage').Properties;
    const settings = stage.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(Object.keys(ROUTE_THROTTLES).sort());
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    for (const key of Object.keys(settings)) expect(routeKeys).toContain(key);
    // Ballots keep the largest share; comments and complaints the smallest; none above the stage's own limit.
    expect(settings['POST /api/consultations/{id}/ballots']!.ThrottlingRateLimit).toBeGreaterThan(
      settings['POST /api/consultations/{id}/comments']!.ThrottlingRateLimit,
    );
    for (const t of Object.values(settings)) {
      expect(t.ThrottlingRateLimit).toBeLessThanOrEqual(THROTTLE.rateLimit);
      expect(t.ThrottlingBurstLimit).toBeLessThanOrEqual(THROTTLE.burstLimit);
    }
  });

  it("the API and the officials' pages are each invoked by API Gateway through one permission, scoped to this API", () => {
    // Besides these, one for the sweep rule to invoke the closer (asserted with the rule), and one for Secrets Manager
    // to invoke the origin secret's rotation (test/infra/edge-origin.test.ts).
    const permissions = ofType('AWS::Lambda::Permission')
      .map(([, p]) => p.Properties)
      .filter((p) => p.Principal !== 'events.amazonaws.com' && p.Principal !== 'secretsmanager.amazonaws.com');
    expect(permissions).toHaveLength(2);
    expect(permissions.map((p) => p.FunctionName)).toEqual(expect.arrayContaining([r(stack.api.fn.functionArn), r(stack.api.officialsFn.functionArn)]));
    for (const permission of permissions) {
      expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
      expect(JSON.stringify(permission.SourceArn)).toContain(idOf(stack.api.httpApi));
    }
  });

  it("the staff function has the API's environment and its own rights, and no kms:Sign", () => {
    const env = resources[idOf(stack.api.officialsFn)]!.Properties.Environment.Variables as Record<string, unknown>;
    // RECEIPT_KEY_ID is the residents' function's alone (only it signs ballot receipts); SMS_SENDER_ID is set only for a
    // commune with a registered sender name (SMS go without one otherwise).
    const optional = new Set(['AWS_REGION', 'RECEIPT_KEY_ID', 'SMS_SENDER_ID']);
    for (const key of Object.keys(PagesConfig.shape).filter((k) => !optional.has(k))) expect(env, key).toHaveProperty(key);
    expect(env).not.toHaveProperty('RECEIPT_KEY_ID');
    const roleOf = (fn: { role?: { roleName: string } }) => JSON.stringify(fn.role ? r((fn.role as never as { roleName: string }).roleName) : '');
    const policies = ofType('AWS::IAM::Policy').map(([, p]) => p.Properties);
    const officialsPolicies = policies.filter((p) => JSON.stringify(p.Roles).includes(roleOf(stack.api.officialsFn as never).slice(1, -1)));
    expect(officialsPolicies.length).toBeGreaterThan(0);
    expect(JSON.stringify(officialsPolicies)).not.toContain('kms:Sign"');
    expect(JSON.stringify(officialsPolicies)).toContain('lambda:InvokeFunction');
  });

  it("the API function gets every variable aws-deps.ts reads (AWS_REGION is Lambda's) and trusts CloudFront's forwarded address", () => {
    const env = resources[idOf(stack.api.fn)]!.Properties.Environment.Variables as Record<string, unknown>;
    const read = Object.keys(AwsConfig.shape).filter((k) => k !== 'AWS_REGION');
    for (const key of read) expect(env, key).toHaveProperty(key);
    expect(env).toMatchObject({
      TRUST_CLOUDFRONT_FORWARDED_FOR: '1',
      SITE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.site.distribution), 'DomainName'] }, '/']] },
      CLOSER_ARN: r(stack.closing.closer.functionArn),
      SCHEDULER_ROLE_ARN: r(stack.closing.schedulerRole.roleArn),
      ORIGIN_VERIFY_SECRET_ARN: r(stack.api.originVerify.secretArn),
    });
    // The functions read the secret at run time: its value is in no environment.
    expect(JSON.stringify(env)).not.toContain('{{resolve:secretsmanager:');
  });

  it('the residents’ API invokes no function; the staff function may invoke the closer and the printer and no other function', () => {
    expect(allowed(roleOf(stack.api.fn), 'lambda:InvokeFunction')).toEqual([]);
    const invoke = allowed(roleOf(stack.api.officialsFn), 'lambda:InvokeFunction').flatMap(resourcesOf);
    const closer = r(stack.closing.closer.functionArn);
    const printer = r(stack.printing.fn.functionArn);
    // The unqualified functions only: no `<arn>:*` (every version and alias).
    expect(invoke).toEqual([closer, printer]);
    expect(resources[idOf(stack.api.fn)]!.Properties.Environment.Variables.PRINTER_ARN).toEqual(printer);
  });
});

describe('Printing', () => {
  it('the printer runs on x86_64 (the npm build of Chromium is x64 only), with memory, time and /tmp for Chromium', () => {
    const p = resources[idOf(stack.printing.fn)]!.Properties;
    expect(p).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['x86_64'],
      Handler: 'index.handler',
      MemorySize: 2048,
      Timeout: 60,
      EphemeralStorage: { Size: 1024 },
    });
    expect(Object.keys(p.Environment.Variables).sort()).toEqual(['NODE_OPTIONS', 'SITE_BUCKET', 'SITE_URL']);
  });

  it('the printer reads only the record pages and writes only their PDFs, and touches no table, key or function', () => {
    const printer = roleOf(stack.printing.fn);
    const bucket = r(stack.site.bucket.bucketArn);
    const object = (key: string) => ({ 'Fn::Join': ['', [bucket, `/${key}`]] });
    expect(allowed(printer, 's3:GetObject').flatMap(resourcesOf)).toEqual([object('c/*/record/decision.html'), object('c/*/record/counting.html')]);
    expect(allowed(printer, 's3:PutObject').flatMap(resourcesOf)).toEqual([object('c/*/record/decision.pdf'), object('c/*/record/counting.pdf')]);
    const services = new Set(
      statementsOf(printer)
        .flatMap(actionsOf)
        .map((a) => a.split(':')[0]),
    );
    expect([...services].filter((svc) => svc !== 's3' && svc !== 'logs')).toEqual([]);
  });

  it('the printer alarms on its errors like every function', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf(stack.printing.fn) } }],
    });
  });
});

describe('Functions', () => {
  it('both functions run nodejs24.x on arm64 with source maps, JSON logs and their own log group', () => {
    for (const fn of [stack.api.fn, stack.closing.closer]) {
      const p = resources[idOf(fn)]!.Properties;
      expect(p).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(p.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: expect.any(String) } });
    }
    expect(resources[idOf(stack.api.fn)]!.Properties).toMatchObject({ MemorySize: 1024, Timeout: 29 });
    expect(resources[idOf(stack.closing.closer)]!.Properties).toMatchObject({ MemorySize: 1769, Timeout: 120 });
  });

  it("every log group has a retention, and every function of the stack, the trigger's included, logs into one of them", () => {
    const groups = ofType('AWS::Logs::LogGroup');
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const configured = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      const named = groups.find(([, g]) => JSON.stringify(g.Properties.LogGroupName) === JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: id }]] }));
      expect(configured ? resources[configured]?.Type : named?.[1].Type, id).toBe('AWS::Logs::LogGroup');
    }
  });

  it('the closer gets what it reads from its environment, and no user pool or scheduler role', () => {
    const env = resources[idOf(stack.closing.closer)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(env).sort()).toEqual([
      'NODE_OPTIONS',
      'RECEIPT_KEY_ID',
      'RESULT_RETENTION_YEARS',
      'SCHEDULER_GROUP',
      'SIGNING_KEY_ID',
      'SITE_BUCKET',
      'SITE_URL',
      'SWEEP_NOTICES',
      'TABLE_NAME',
      'USER_POOL_CLIENT_ID',
      'USER_POOL_ID',
    ]);
    expect(env.RESULT_RETENTION_YEARS).toBe('10');
    // The sweep sends the notices due by the clock (functions/core/notice-due.ts), as the function reads it.
    expect(env.SWEEP_NOTICES).toBe('1');
    expect(env.SIGNING_KEY_ID).toEqual(r(stack.signing.key.keyArn));
  });

  it('no role of the stack is allowed an action on every resource', () => {
    const documents = [
      ...ofType('AWS::IAM::Policy').map(([id, p]) => [id, p.Properties.PolicyDocument] as const),
      ...ofType('AWS::IAM::Role').flatMap(([id, role]) =>
        (role.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => [id, p.PolicyDocument] as const),
      ),
    ] as Array<readonly [string, { Statement: Statement[] }]>;
    expect(documents.length).toBeGreaterThan(3);
    // The one exception: an SMS to a phone number has no ARN, so `sns:Publish` is allowed on `*` only beside a Deny of
    // every topic (the staff function's notices).
    const smsOnly = (s: Statement, document: { Statement: Statement[] }) =>
      actionsOf(s).join() === 'sns:Publish' &&
      document.Statement.some((d) => d.Effect === 'Deny' && actionsOf(d).join() === 'sns:Publish' && resourcesOf(d).includes('arn:aws:sns:*:*:*'));
    for (const [id, document] of documents) {
      for (const s of document.Statement)
        if (s.Effect === 'Allow' && !smsOnly(s, document)) expect(resourcesOf(s), `${id} ${actionsOf(s).join()}`).not.toContain('*');
    }
  });
});

describe('Closing', () => {
  it('the staff function manages close-* schedules of its group only, and passes the scheduler role to EventBridge Scheduler only', () => {
    const api = roleOf(stack.api.officialsFn);
    const schedules = statementsOf(api).filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(schedules).toHaveLength(1);
    expect(new Set(actionsOf(schedules[0]!))).toEqual(new Set(['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule']));
    expect(JSON.stringify(schedules[0]!.Resource)).toMatch(/:schedule\/danban-test-closings\/close-\*"/);
    const pass = allowed(api, 'iam:PassRole');
    expect(pass).toHaveLength(1);
    expect(pass[0]!.Resource).toEqual(r(stack.closing.schedulerRole.roleArn));
    expect(pass[0]!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it('the closer may only delete and read close-* schedules and cannot pass any role', () => {
    const closer = roleOf(stack.closing.closer);
    const schedules = statementsOf(closer).filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(schedules.flatMap(actionsOf).sort()).toEqual(['scheduler:DeleteSchedule', 'scheduler:GetSchedule']);
    for (const s of schedules) expect(JSON.stringify(s.Resource)).toMatch(/close-\*"/);
    expect(statementsOf(closer).some((s) => covers(s, 'iam:PassRole'))).toBe(false);
  });

  it('a rule sweeps every 5 minutes by invoking the closer with {sweep: true}, and a missing schedule is alarmed', () => {
    const [, rule] = ofType('AWS::Events::Rule').find(([id]) => id === idOf(stack.closing.sweep))!;
    expect(rule.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: r(stack.closing.closer.functionArn), Input: JSON.stringify({ sweep: true }) })]);
    const invoke = ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com');
    expect(invoke.map(([, p]) => p.Properties.FunctionName)).toEqual([r(stack.closing.closer.functionArn)]);
    const filter = only('AWS::Logs::MetricFilter');
    expect(filter.Properties.FilterPattern).toBe('{ $.message = "schedule_missing" }');
    expect(filter.Properties.MetricTransformations).toEqual([
      expect.objectContaining({ MetricName: 'ScheduleMissing', MetricNamespace: 'Danban', MetricValue: '1' }),
    ]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ScheduleMissing', Namespace: 'Danban', Threshold: 1 });
  });

  it('only EventBridge Scheduler of this account and group assumes the scheduler role, which may only invoke the closer and report to the dead-letter queue', () => {
    const role = resources[idOf(stack.closing.schedulerRole)]!.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnEquals: { 'aws:SourceArn': r(stack.closing.group.scheduleGroupArn) },
        },
      },
    ]);
    const statements = statementsOf(stack.closing.schedulerRole);
    const closer = r(stack.closing.closer.functionArn);
    expect(statements.filter((s) => covers(s, 'lambda:InvokeFunction')).flatMap(resourcesOf)).toEqual([closer]);
    const others = statements.filter((s) => !covers(s, 'lambda:InvokeFunction'));
    expect(others.every((s) => actionsOf(s).every((a) => a.startsWith('sqs:')))).toBe(true);
    expect(others.flatMap(resourcesOf)).toEqual([r(stack.closing.deadLetterQueue.queueArn)]);
  });

  it('the dead-letter queue is encrypted and refuses requests not made over TLS', () => {
    expect(only('AWS::SQS::Queue').Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const statements = only('AWS::SQS::QueuePolicy').Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('a close that fails its asynchronous retries lands in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: idOf(stack.closing.closer) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: r(stack.closing.deadLetterQueue.queueArn) } },
    });
  });

  it('each deploy that changes the closer invokes it to publish the public key, and waits for it', () => {
    const trigger = only('Custom::Trigger');
    expect(trigger.Properties).toMatchObject({ InvocationType: 'RequestResponse', ExecuteOnHandlerChange: true });
    expect(trigger.Properties.HandlerArn).toEqual(r(stack.closing.closer.currentVersion.functionArn));
    expect(JSON.stringify(trigger.Properties.HandlerArn)).toContain('ClosingCloserCurrentVersion');
  });

  it('the schedule group is named for the stage and goes with the stack', () => {
    const group = only('AWS::Scheduler::ScheduleGroup');
    expect(group.Properties.Name).toBe('danban-test-closings');
    expect(group.DeletionPolicy).toBe('Delete');
  });
});

describe('Auth', () => {
  it('the user pool admits no self sign-up and asks for long passwords of every character class, with TOTP required', () => {
    const pool = only('AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'], DeletionProtection: 'ACTIVE' });
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('the commune attribute is immutable and the app client can read it but not write it', () => {
    const schema = only('AWS::Cognito::UserPool').Properties.Schema as Array<Record<string, unknown>>;
    expect(schema).toContainEqual(expect.objectContaining({ Name: 'commune', AttributeDataType: 'String', Mutable: false }));
    const client = only('AWS::Cognito::UserPoolClient').Properties;
    expect(client.ReadAttributes).toContain('custom:commune');
    expect(client.WriteAttributes).not.toContain('custom:commune');
  });

  it('the groups official, monitor and commune exist in the pool', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual(['commune', 'monitor', 'official']);
    for (const g of groups) expect(g.UserPoolId).toEqual({ Ref: idOf(stack.auth.userPool) });
  });

  it('the web client has no secret, SRP for scripts, and only the authorization code grant back to the site’s two sign-in callbacks', () => {
    const client = only('AWS::Cognito::UserPoolClient').Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(new Set(client.ExplicitAuthFlows)).toEqual(new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(new Set(client.AllowedOAuthScopes)).toEqual(new Set(['openid', 'email', 'profile']));
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    const site = JSON.stringify(r(stack.site.distribution.distributionDomainName));
    const urls = (list: unknown[]) => list.map((u) => JSON.stringify(u));
    expect(urls(client.CallbackURLs)).toHaveLength(SIGN_IN_BASES.length);
    for (const [i, base] of SIGN_IN_BASES.entries()) {
      expect(urls(client.CallbackURLs)[i]).toContain(site.slice(1, -1));
      expect(urls(client.CallbackURLs)[i]).toContain(`${base}/login/callback`);
      expect(urls(client.LogoutURLs)[i]).toContain(`${base}/login`);
    }
    expect(client).toMatchObject({ PreventUserExistenceErrors: 'ENABLED', EnableTokenRevocation: true });
  });

  it('the user pool has its own sign-in domain, named for the stage and the account, and the pages function knows it', () => {
    const domain = only('AWS::Cognito::UserPoolDomain').Properties;
    expect(JSON.stringify(domain.Domain)).toContain('danban-test-');
    expect(JSON.stringify(domain.Domain)).toContain('AWS::AccountId');
    const env = resources[idOf(stack.api.officialsFn)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(JSON.stringify(env.AUTH_DOMAIN_URL)).toContain('.auth.');
    expect(JSON.stringify(env.AUTH_DOMAIN_URL)).toContain(idOf(stack.auth.domain));
    // The voters' API has no use for it.
    expect(resources[idOf(stack.api.fn)]!.Properties.Environment.Variables).not.toHaveProperty('AUTH_DOMAIN_URL');
  });
});

describe('scripts/add-official.ts', () => {
  it('creates the account with its commune and adds it to a group, both as the pool defines them', () => {
    const schema = only('AWS::Cognito::UserPool').Properties.Schema as Array<{ Name: string }>;
    expect(schema.map((a) => `custom:${a.Name}`)).toContain(COMMUNE_ATTRIBUTE);
    expect([...GROUPS].sort()).toEqual(
      ofType('AWS::Cognito::UserPoolGroup')
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    );
    const account = {
      userPoolId: 'ap-southeast-1_AbCdEf123',
      username: 'nguyen.van.an',
      email: 'an@example.org',
      commune: 'Xã An Bình',
      group: 'monitor',
    } as const;
    const [create, add] = accountCommands(account);
    expect(create!.slice(0, 2)).toEqual(['cognito-idp', 'admin-create-user']);
    expect(JSON.parse(create![create!.indexOf('--user-attributes') + 1]!)).toEqual([
      { Name: 'email', Value: 'an@example.org' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'custom:commune', Value: 'Xã An Bình' },
    ]);
    expect(add).toEqual([
      'cognito-idp',
      'admin-add-user-to-group',
      '--user-pool-id',
      'ap-southeast-1_AbCdEf123',
      '--username',
      'nguyen.van.an',
      '--group-name',
      'monitor',
    ]);
  });

  it('refuses an account with no commune or an unknown group before calling AWS', () => {
    const account = { userPoolId: 'ap-southeast-1_AbCdEf123', username: 'a', email: 'a@example.org', commune: 'x', group: 'official' } as const;
    expect(() => accountCommands({ ...account, commune: ' ' })).toThrow(UsageError);
    expect(() => accountCommands({ ...account, group: 'admin' as never })).toThrow(UsageError);
    expect(() => accountCommands({ ...account, userPoolId: 'danban-prod' })).toThrow(UsageError);
  });
});

describe('Operations', () => {
  it('each function alarms on its errors and its throttles', () => {
    for (const fn of [stack.api.fn, stack.closing.closer]) {
      for (const metric of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf(fn) } }],
          Threshold: 1,
          AlarmActions: [{ Ref: idOf(stack.operations.topic) }],
        });
      }
    }
  });

  it("the API's 5xx, DynamoDB throttling and the dead-letter queue alarm to the same topic", () => {
    const topic = [{ Ref: idOf(stack.operations.topic) }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: idOf(stack.api.httpApi) } }],
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'ThrottledRequests',
              Dimensions: Match.arrayWith([{ Name: 'TableName', Value: { Ref: idOf(stack.data.table) } }]),
            }),
          }),
        }),
      ]),
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(stack.closing.deadLetterQueue), 'QueueName'] } }],
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: idOf(stack.operations.topic) },
    });
  });
});

describe('stackConfig', () => {
  const context = (values: Record<string, unknown>) => (key: string) => ({ ...API_DOMAIN, ...values })[key];
  const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

  it('the stage is prod unless given, and a domain comes with its certificate', () => {
    expect(stackConfig(context({}))).toEqual({ stage: 'prod', ...API_DOMAIN });
    expect(stackConfig(context({ authDomainPrefix: 'xa-an-binh-danban' }))).toEqual({ stage: 'prod', ...API_DOMAIN, authDomainPrefix: 'xa-an-binh-danban' });
    expect(stackConfig(context({ stage: 'xa-an-binh', domainName: 'Danban.Example.gov.vn', certificateArn: cert }))).toEqual({
      stage: 'xa-an-binh',
      domainName: 'danban.example.gov.vn',
      certificateArn: cert,
      ...API_DOMAIN,
    });
  });

  it.each([
    ['a certificate outside us-east-1', { domainName: 'danban.example.gov.vn', certificateArn: cert.replace('us-east-1', 'ap-southeast-1') }, /us-east-1/],
    ['a domain without a certificate', { domainName: 'danban.example.gov.vn' }, /together/],
    ['a certificate without a domain', { certificateArn: cert }, /together/],
    ['a stage with capitals or spaces', { stage: 'Xa An Binh' }, /stage/],
    ['a domain that is not a host name', { domainName: 'https://danban.example.gov.vn/', certificateArn: cert }, /host name/],
    ['an alarm address that is not an e-mail address', { alarmEmail: 'ops' }, /e-mail/],
    ['a sign-in domain prefix with a reserved word', { authDomainPrefix: 'danban-cognito' }, /authDomainPrefix/],
    ['a sign-in domain prefix with capitals', { authDomainPrefix: 'Danban' }, /authDomainPrefix/],
  ])('%s is refused', (_name, values, message) => {
    expect(() => stackConfig(context(values))).toThrow(StackConfigError);
    expect(() => stackConfig(context(values))).toThrow(message);
  });
});
