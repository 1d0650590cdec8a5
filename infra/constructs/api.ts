import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { ApiMapping, type CfnStage, DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Auth } from './auth.ts';
import type { Closing } from './closing.ts';
import type { Data } from './data.ts';
import type { Printing } from './printing.ts';
import { byDesign } from './by-design.ts';
import { NodeFunction } from './node-function.ts';
import { OriginSecretRotation } from './origin-secret-rotation.ts';

import type { Signing } from './signing.ts';
import { ORIGIN_VERIFY_HEADER, type Site } from './site.ts';

export interface ApiRoute {
  method: HttpMethod;
  path: string;
  /** Who the route is for; API Gateway then demands a valid id token of the pool before invoking the function. */
  auth?: 'official' | 'monitor' | 'commune';
}

/**
 * The routes of functions/http/app.ts (the infra test checks this table against the app's OpenAPI document).
 * The app checks role and commune on every request; the authorizer only keeps anonymous calls to officials' and
 * monitors' routes from reaching the function at all.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: HttpMethod.GET, path: '/api/health' },
  { method: HttpMethod.GET, path: '/api/openapi.json' },
  { method: HttpMethod.GET, path: '/api/consultations' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/ballots' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/receipts/{receipt}' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/receipts/by-code/{code}' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/comments' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/comments' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/complaints' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/complaints' },
  { method: HttpMethod.POST, path: '/api/consultations', auth: 'official' },
  { method: HttpMethod.PUT, path: '/api/consultations/{id}', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/disclose', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/cancel', auth: 'official' },
  { method: HttpMethod.PUT, path: '/api/consultations/{id}/roll', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/documents', auth: 'official' },
  { method: HttpMethod.DELETE, path: '/api/consultations/{id}/documents/{sha256}', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/open', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/online-conditions', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/meeting', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/attendance', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/procedural-votes', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/voting-method', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/hand-count', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/returns', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/slips', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/record/decision', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/record/counting', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/discussion-codes', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/record/signatures', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/record/scans', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/credentials/{household}/reissue', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/credentials', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/credentials/seal', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/paper-ballots', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/paper-ballots/{receipt}/withdraw', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/close', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/contributions' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/contributions/entries', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/contributions/reports', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/comments/{commentId}/answer', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/comments/{commentId}/hide', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/complaints/{complaintId}/answer', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/complaints/{complaintId}/hide', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/after-publication' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/record/sent', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/recognition', auth: 'commune' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/annulment', auth: 'commune' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/amendment-request', auth: 'commune' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/opinions', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/opinions/{opinionId}/hide', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/audit', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/attestations', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/groups', auth: 'official' },
  { method: HttpMethod.GET, path: '/api/groups/{groupId}' },
  { method: HttpMethod.POST, path: '/api/groups/{groupId}/aggregate', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/groups/{groupId}/effective-date', auth: 'commune' },
  { method: HttpMethod.GET, path: '/api/consultations/{id}/rla', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/rla/seed', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/rla/readings', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/rla/conclude', auth: 'monitor' },
  // Community rules (D61).
  // Citizens' initiatives (Law Art. 16(3)).
  // Dismissal (D59 Art. 9) and board elections.
  { method: HttpMethod.POST, path: '/api/processes/dismissals', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/boards', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/steps', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/dismissal-vote', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/board-candidates', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/board-nominations', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/board-count', auth: 'official' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/dismissal-recognition', auth: 'commune' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/acting-head', auth: 'commune' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/new-election', auth: 'commune' },
  { method: HttpMethod.POST, path: '/api/processes/{id}/board-recognition', auth: 'monitor' },
  // Notices.
  // Correction rounds after a full hand count.
  { method: HttpMethod.GET, path: '/api/consultations/{id}/full-count', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/full-count/start', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/full-count/readings', auth: 'monitor' },
  { method: HttpMethod.POST, path: '/api/consultations/{id}/full-count/conclude', auth: 'monitor' },
  // A commune's second language.
];

/**
 * Which function serves a route: every route with `auth` and the OpenAPI document are the staff function's
 * (functions/lambda/officials.ts, `createApp(deps, 'staff')`); the rest, and every unrouted path, the residents'
 * (functions/lambda/api.ts, `createResidentsApp`). Each app answers 404 for the other's routes.
 */
export const servedByStaff = (route: ApiRoute): boolean => route.auth !== undefined || route.path === '/api/openapi.json';

/**
 * Stage throttling. A commune has a few thousand households; even if all of them voted in the last hour that is
 * a few requests a second. 100/s steady with bursts of 200 leaves room for that and for page loads, and caps what
 * a flood can cost (Lambda invocations, DynamoDB writes) instead of letting it scale.
 */
export const THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * Routes with a budget of their own, inside the stage's: a flood of comments or receipt lookups cannot spend what
 * ballots need, and the ballot routes keep a share that page loads cannot take. (Per address, the web ACL limits.)
 */
export const ROUTE_THROTTLES: Readonly<Record<string, { rateLimit: number; burstLimit: number }>> = {
  'POST /api/consultations/{id}/ballots': { rateLimit: 50, burstLimit: 100 },
  'POST /api/consultations/{id}/comments': { rateLimit: 5, burstLimit: 10 },
  'POST /api/consultations/{id}/complaints': { rateLimit: 5, burstLimit: 10 },
  'GET /api/consultations/{id}/receipts/{receipt}': { rateLimit: 20, burstLimit: 40 },
  'GET /api/consultations/{id}/receipts/by-code/{code}': { rateLimit: 20, burstLimit: 40 },
  'GET /api/consultations/{id}/contributions': { rateLimit: 10, burstLimit: 20 },
  'ANY /officials/{proxy+}': { rateLimit: 20, burstLimit: 40 },
  'ANY /monitors/{proxy+}': { rateLimit: 10, burstLimit: 20 },
  'ANY /commune/{proxy+}': { rateLimit: 5, burstLimit: 10 },
};

/**
 * One JSON line per request. No query string, no body, no path: the path of a receipt lookup holds the receipt,
 * which the published bundle ties to a ballot's answers, so logging it beside an address would undo ballot
 * secrecy. The route key (`GET /api/consultations/{id}/receipts/{receipt}`) says which route without the values.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: AccessLogField.contextRequestId(),
  time: AccessLogField.contextRequestTime(),
  ip: AccessLogField.contextIdentitySourceIp(),
  method: AccessLogField.contextHttpMethod(),
  route: '$context.routeKey',
  status: AccessLogField.contextStatus(),
  protocol: AccessLogField.contextProtocol(),
  responseLength: AccessLogField.contextResponseLength(),
  latencyMs: AccessLogField.contextResponseLatency(),
  integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export interface ApiProps {
  data: Data;
  signing: Signing;
  site: Site;
  auth: Auth;
  closing: Closing;
  printing: Printing;
  logRetention: RetentionDays;
  accessLogRetention: RetentionDays;
  /**
   * The API's own host name (a CNAME to `domain.regionalDomainName`) and its ACM certificate, in the stack's region:
   * CloudFront's origin. The execute-api address is turned off, so this is the only way in, and only CloudFront knows
   * the origin secret.
   */
  apiDomain: { name: string; certificateArn: string };
}

/**
 * The public API: an API Gateway HTTP API (payload v2) in front of the Hono app (functions/lambda/api.ts,
 * `hono/aws-lambda`), reached through CloudFront under `/api/*`.
 *
 * Direct calls to the execute-api URL are not wanted (they would choose their own X-Forwarded-For, which the API
 * trusts for its wrong-code limit). So the execute-api endpoint is disabled: the API answers only on its custom domain.
 * HTTP APIs take no WAF, so CloudFront adds a secret header and the functions refuse requests without it. Secrets
 * Manager generates the value, so it is never in the template, and rotates it every 30 days
 * (OriginSecretRotation); CloudFormation resolves it into CloudFront's origin header, and the functions read it
 * from Secrets Manager at run time (ORIGIN_VERIFY_SECRET_ARN). It keeps strangers away from the API, not operators.
 */
export class Api extends Construct {
  readonly fn: NodeFunction;
  /**
   * The staff function: the staff pages (`/officials/*`, `/monitors/*`, `/commune/*`) and the staff API (every route
   * with `auth`): a function of its own, so that the residents' API holds no official's act, no right to one, and a
   * small bundle.
   */
  readonly officialsFn: NodeFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly originVerify: Secret;
  readonly originVerifyRotation: OriginSecretRotation;
  /** The API's custom domain, CloudFront's origin (the execute-api endpoint is disabled). */
  readonly domain: DomainName;
  readonly sealingKey: Key;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { data, signing, site, auth, closing, printing } = props;

    this.originVerify = new Secret(this, 'OriginVerify', {
      description: `Sent by CloudFront as ${ORIGIN_VERIFY_HEADER}; the API refuses requests without it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Seals an online round's slip key until the slips are printed or voting closes (functions/core/code-slips.ts):
    // symmetric, rotated yearly; what it sealed lives days, so it may go with the stack.
    this.sealingKey = new Key(this, 'SlipSealing', {
      description: "Seals the key an online round's voting-code slips are drawn from, until they are printed",
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const environment = {
      TABLE_NAME: data.table.tableName,
      SEALING_KEY_ID: this.sealingKey.keyArn,
      SIGNING_KEY_ID: signing.key.keyArn,
      SITE_BUCKET: site.bucket.bucketName,
      SITE_URL: site.url,
      SCHEDULER_GROUP: closing.group.scheduleGroupName,
      CLOSER_ARN: closing.closer.functionArn,
      SCHEDULER_ROLE_ARN: closing.schedulerRole.roleArn,
      CLOSER_DLQ_ARN: closing.deadLetterQueue.queueArn,
      USER_POOL_ID: auth.userPool.userPoolId,
      USER_POOL_CLIENT_ID: auth.client.userPoolClientId,
      // Only CloudFront reaches the API (see ORIGIN_VERIFY_SECRET_ARN), so its X-Forwarded-For can be trusted.
      TRUST_CLOUDFRONT_FORWARDED_FOR: '1',
      // The functions read the secret's value (current, previous and pending) at run time, never from here.
      ORIGIN_VERIFY_SECRET_ARN: this.originVerify.secretArn,
      PRINTER_ARN: printing.fn.functionArn,
    };

    this.fn = new NodeFunction(this, 'Handler', {
      entry: 'api',
      description: 'The Dân bàn HTTP API (Hono)',
      // Memory is CPU on Lambda. A cold start (loading the bundle and the SDK) and zod parsing are CPU-bound, and a
      // voter waits on them; 1024 MB costs cents a month at a commune's volume. Past that a ballot is a few
      // DynamoDB round trips, which more memory does not shorten.
      memorySize: 1024,
      // API Gateway stops waiting at 30 s. A cast, a comment or a lookup takes milliseconds.
      timeout: Duration.seconds(29),
      environment: { ...environment, RECEIPT_KEY_ID: signing.receiptKey.keyArn },
      logRetention: props.logRetention,
    });

    this.officialsFn = new NodeFunction(this, 'Officials', {
      entry: 'officials',
      description: 'The Dân bàn staff pages and staff API (Hono)',
      // A few officials at a time, but the heavy requests are theirs (a 5 MB roll, opening a large round, a manual close
      // that waits for the closer): the same memory and 29 s as the residents' API.
      memorySize: 1024,
      timeout: Duration.seconds(29),
      // Where its sign-in pages send people: the user pool's own pages (functions/http/sign-in.tsx).
      environment: { ...environment, AUTH_DOMAIN_URL: auth.domain.baseUrl() },
      logRetention: props.logRetention,
    });

    // Each function gets what its own routes call: the residents' a cast, a comment, a complaint and lookups; the
    // staff function the officials', monitors' and commune's acts.
    this.grantResidentRights(this.fn, props);
    this.grantStaffRights(this.officialsFn, props);
    // Both check every request's origin header against the secret.
    for (const fn of [this.fn, this.officialsFn]) this.originVerify.grantRead(fn);

    this.httpApi = this.routes(auth);

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention });
    // `$default`: a named stage would put its name in front of every path the app sees.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.throttleRoutes();

    ({ domain: this.domain, rotation: this.originVerifyRotation } = this.frontDoor(props));
  }

  /**
   * The API's custom domain (mapped to the stage), CloudFront's origin pointed at it with the origin secret, and the
   * secret's rotation. CloudFormation resolves the secret's current value into the origin header at deploy; between
   * deploys the rotation function sets it.
   */
  private frontDoor(props: ApiProps): { domain: DomainName; rotation: OriginSecretRotation } {
    const domain = new DomainName(this, 'Domain', {
      domainName: props.apiDomain.name,
      certificate: Certificate.fromCertificateArn(this, 'DomainCertificate', props.apiDomain.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'DomainMapping', { api: this.httpApi, domainName: domain, stage: this.stage });
    props.site.routeApi(props.apiDomain.name, this.originVerify.secretValue.unsafeUnwrap());
    const rotation = new OriginSecretRotation(this, 'OriginVerifyRotation', {
      secret: this.originVerify,
      distribution: props.site.distribution,
      headerName: ORIGIN_VERIFY_HEADER,
      logRetention: props.logRetention,
    });
    return { domain, rotation };
  }

  /**
   * The internet's front door: it reads, writes only the partitions of a cast, a comment, a complaint and a lookup
   * (Data.grantResidentsAccess) and only consultation pages on the site (Site.grantResidentsAccess), reads the public
   * key for the result page it republishes after a complaint. No schedules, no closer, no printer, no sealing key.
   */
  private grantResidentRights(fn: NodeFunction, props: ApiProps): void {
    props.data.grantResidentsAccess(fn);
    props.signing.grantPublicKey(fn);
    // A ballot's receipt is signed with the receipt key (RECEIPT_KEY_ID, this function's alone), never the result key.
    props.signing.grantReceiptSign(fn.role!);
    props.site.grantResidentsAccess(fn);
  }

  /** The officials', monitors' and commune's acts: the table, pages and records, schedules, a close or a print (and the home page) by the closer or the printer, the slips' sealing key. */
  private grantStaffRights(fn: NodeFunction, props: ApiProps): void {
    const { data, signing, site, closing, printing } = props;
    data.grantStaffAccess(fn);
    signing.grantPublicKey(fn);
    site.grantStaffAccess(fn);
    closing.grantScheduling(fn);
    closing.grantRequestClose(fn);
    printing.grantRequestPrint(fn);
    // Encrypt and Decrypt of one small secret (KmsSealer); not grantEncryptDecrypt's GenerateDataKey* and ReEncrypt*.
    fn.addToRolePolicy(new PolicyStatement({ sid: 'SealSlipKeys', actions: ['kms:Encrypt', 'kms:Decrypt'], resources: [this.sealingKey.keyArn] }));
    // Notices to the households by SMS: Publish to a phone number has no topic ARN to scope to, hence `*`; the
    // function never creates or subscribes to a topic.
    fn.addToRolePolicy(new PolicyStatement({ sid: 'SendSmsNotices', actions: ['sns:Publish'], resources: ['*'] }));
    // …and so that `*` means phone numbers only: publishing to any topic is denied.
    fn.addToRolePolicy(new PolicyStatement({ sid: 'NoTopics', effect: Effect.DENY, actions: ['sns:Publish'], resources: ['arn:aws:sns:*:*:*'] }));
    byDesign(
      fn.role ?? fn,
      'AwsSolutions-IAM5',
      'An SMS to a phone number has no ARN to scope sns:Publish to; every topic is denied beside it, so it reaches phone numbers only',
      ['Resource::*'],
    );
  }

  /**
   * Per-route budgets (CloudFormation's RouteSettings, a map passed through as written, hence the capitals; the L2
   * stage sets only the default). The routes must exist first.
   */
  private throttleRoutes(): void {
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      Object.entries(ROUTE_THROTTLES).map(([routeKey, t]) => [routeKey, { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit }]),
    );
    for (const route of this.httpApi.node.children) if (route.node.defaultChild) cfnStage.node.addDependency(route);
  }

  /** The HTTP API's routes: the API's own (JWT authorizer where a route needs a role), and the staff pages. */
  private routes(auth: ApiProps['auth']): HttpApi {
    // One permission for the whole API rather than one per route, for each function.
    const integration = new HttpLambdaIntegration('Handler', this.fn, { scopePermissionToRoute: false });
    // The staff function: the staff pages, every route with `auth`, and the OpenAPI document (it alone holds every spec).
    const staff = new HttpLambdaIntegration('Officials', this.officialsFn, { scopePermissionToRoute: false });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', auth.userPool, {
      userPoolClients: [auth.client],
      identitySource: ['$request.header.Authorization'],
    });
    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Dân bàn API (served by CloudFront under /api/*)',
      createDefaultStage: false,
      // Only through its custom domain, which only CloudFront is given the origin secret for.
      disableExecuteApiEndpoint: true,
      // Anything else reaches the app without an authorizer and gets its JSON 404, in the caller's language.
      defaultIntegration: integration,
    });
    for (const route of API_ROUTES) {
      const added = httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: servedByStaff(route) ? staff : integration,
        ...(route.auth ? { authorizer } : {}),
      });
      if (!route.auth) {
        for (const r of added) {
          byDesign(
            r,
            'AwsSolutions-APIG4',
            "A resident's route: public by design (a household votes with its code, reads, comments, checks a receipt); the app checks the code",
          );
        }
      }
    }
    byDesign(
      httpApi.node.findChild('DefaultRoute'),
      'AwsSolutions-APIG4',
      "The residents' pages and every unrouted path: public by design; the app answers 404 for what it does not serve",
    );
    // The officials' pages sign in with their own session cookie (checked by the same token verifier), not a bearer
    // token, so API Gateway's JWT authorizer does not apply to them.
    for (const path of ['/officials', '/officials/{proxy+}', '/monitors', '/monitors/{proxy+}', '/commune', '/commune/{proxy+}']) {
      for (const r of httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: staff })) {
        byDesign(
          r,
          'AwsSolutions-APIG4',
          'Staff pages: their sign-in pages are public, every other page checks the session cookie (a pool id token) in the app',
        );
      }
    }

    return httpApi;
  }
}
