import { Aws, CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DEFAULT_RESULT_RETENTION_YEARS, type StackConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Closing } from './constructs/closing.ts';
import { Data } from './constructs/data.ts';
import { Operations } from './constructs/operations.ts';
import { Printing } from './constructs/printing.ts';
import { Signing } from './constructs/signing.ts';
import { SiteAssets } from './constructs/site-assets.ts';
import { Site } from './constructs/site.ts';

export type DanbanStackProps = StackProps & StackConfig & { webAclArn?: string };

/** Function logs: long enough to look into a complaint after a vote closes. */
export const FUNCTION_LOG_RETENTION = RetentionDays.THREE_MONTHS;
/** API access logs carry addresses; keep them for less. */
export const ACCESS_LOG_RETENTION = RetentionDays.ONE_MONTH;

/**
 * One commune's (or one province's) Dân bàn: the parts list of ARCHITECTURE.md, one construct per concern.
 *
 *   Data     the DynamoDB table
 *   Signing  the KMS key that signs results (only the closer may use it)
 *   Auth     the Cognito pool of officials and monitors
 *   Site     the S3 bucket behind CloudFront, with /api/* routed to the API
 *   Closing  the closer Lambda, its EventBridge Scheduler group and role, the dead-letter queue
 *   Printing the printer Lambda (Chromium), which prints the decision and counting records to PDF
 *   Api      the HTTP API and its Lambda
 *   Operations  alarms
 */
export class DanbanStack extends Stack {
  readonly data: Data;
  readonly signing: Signing;
  readonly auth: Auth;
  readonly site: Site;
  readonly closing: Closing;
  readonly printing: Printing;
  readonly api: Api;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: DanbanStackProps) {
    super(scope, id, { description: `Dân bàn: public consultation and household ballots (${props.stage})`, ...props });
    Tags.of(this).add('app', 'danban');
    Tags.of(this).add('stage', props.stage);

    this.data = new Data(this, 'Data');
    this.signing = new Signing(this, 'Signing', { aliasName: `alias/danban-${props.stage}/result-signing` });
    this.site = new Site(this, 'Site', {
      ...(props.domainName ? { domainName: props.domainName } : {}),
      ...(props.certificateArn ? { certificateArn: props.certificateArn } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.objectLockOutsideTemplate ? { objectLockOutsideTemplate: true } : {}),
    });
    this.auth = new Auth(this, 'Auth', {
      userPoolName: `danban-${props.stage}`,
      siteUrl: this.site.url,
      // Unique in the region: the account id makes it so for every stage of every installation.
      domainPrefix: props.authDomainPrefix ?? `danban-${props.stage}-${Aws.ACCOUNT_ID}`,
    });
    new SiteAssets(this, 'SiteAssets', { bucket: this.site.bucket, logRetention: FUNCTION_LOG_RETENTION });
    this.closing = new Closing(this, 'Closing', {
      data: this.data,
      signing: this.signing,
      site: this.site,
      scheduleGroupName: `danban-${props.stage}-closings`,
      resultRetentionYears: props.resultRetentionYears ?? DEFAULT_RESULT_RETENTION_YEARS,
      logRetention: FUNCTION_LOG_RETENTION,
      auth: this.auth,
    });
    this.printing = new Printing(this, 'Printing', { site: this.site, logRetention: FUNCTION_LOG_RETENTION });
    this.api = new Api(this, 'Api', {
      data: this.data,
      signing: this.signing,
      site: this.site,
      auth: this.auth,
      closing: this.closing,
      printing: this.printing,
      logRetention: FUNCTION_LOG_RETENTION,
      accessLogRetention: ACCESS_LOG_RETENTION,
      apiDomain: { name: props.apiDomainName, certificateArn: props.apiCertificateArn },
    });
    this.operations = new Operations(this, 'Operations', {
      functions: { Api: this.api.fn, Closer: this.closing.closer, Printer: this.printing.fn },
      httpApi: this.api.httpApi,
      table: this.data.table,
      deadLetterQueue: this.closing.deadLetterQueue,
      scheduleMissing: this.closing.scheduleMissing,
      signingKey: this.signing.key,
      signer: this.closing.closer.role!,
      accessLogs: this.site.accessLogs,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('SiteUrl', this.site.url, 'The public site; the API is under /api/');
    output('PublicKeyUrl', `${this.site.url}keys/jwks.json`, 'The result-signing public key (JWKS), published at deploy');
    output('DistributionDomainName', this.site.distribution.distributionDomainName, 'Point the domainName CNAME here');
    output('UserPoolId', this.auth.userPool.userPoolId, 'For scripts/add-official.ts');
    output('UserPoolClientId', this.auth.client.userPoolClientId, 'The app client (sign-in pages, SRP for scripts)');
    output('SignInUrl', `${this.site.url}officials/login`, 'Officials sign in here (monitors at /monitors/login)');
    output('ApiDomainTarget', this.api.domain.regionalDomainName, 'Point the apiDomainName CNAME here (CloudFront calls the API there)');
    output('SiteBucketName', this.site.bucket.bucketName, 'The published site');
    output('SigningKeyAlias', this.signing.alias.aliasName, 'The KMS key that signs results');
    output('CloseFailuresQueueUrl', this.closing.deadLetterQueue.queueUrl, 'Closes that failed every retry');
    output('AlarmTopicArn', this.operations.topic.topicArn, 'Subscribe to receive alarms');
  }
}
