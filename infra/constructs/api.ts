import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
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
];

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
}

/**
 * The public API: an API Gateway HTTP API (payload v2) in front of the Hono app (functions/lambda/api.ts,
 * `hono/aws-lambda`), reached through CloudFront under `/api/*`.
 *
 * Direct calls to the execute-api URL are not wanted (they would choose their own X-Forwarded-For, which the API
 * trusts for its wrong-code limit). HTTP APIs take no WAF, so CloudFront adds a secret header and the API refuses
 * requests without it (ORIGIN_VERIFY_SECRET). Secrets Manager generates the value, so it is never in the template;
 * CloudFormation resolves it into CloudFront's origin header and the function's environment, where anyone allowed to
 * read those configurations can see it. It keeps strangers away from the API, not operators.
 */
export class Api extends Construct {
  readonly fn: NodeFunction;
  /** The officials' pages (`/officials/*`): a function of its own, so the voters' API bundle stays small. */
  readonly officialsFn: NodeFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly originVerify: Secret;
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
      // Only CloudFront reaches the API (see ORIGIN_VERIFY_SECRET), so its X-Forwarded-For can be trusted.
      TRUST_CLOUDFRONT_FORWARDED_FOR: '1',
      ORIGIN_VERIFY_SECRET: this.originVerify.secretValue.unsafeUnwrap(),
      PRINTER_ARN: printing.fn.functionArn,
    };

    this.fn = new NodeFunction(this, 'Handler', {
      entry: 'api',
      description: 'The Dân bàn HTTP API (Hono)',
      // Memory is CPU on Lambda. A cold start (loading the bundle and the SDK) and zod parsing are CPU-bound, and a
      // voter waits on them; 1024 MB costs cents a month at a commune's volume. Past that a ballot is a few
      // DynamoDB round trips, which more memory does not shorten.
      memorySize: 1024,
      // API Gateway stops waiting at 30 s. The slowest requests are a 5 MB roll upload and a manual close, which
      // waits for the closer; everything else takes milliseconds.
      timeout: Duration.seconds(29),
      environment,
      logRetention: props.logRetention,
    });

    this.officialsFn = new NodeFunction(this, 'Officials', {
      entry: 'officials',
      description: "The Dân bàn officials' pages (Hono, server-rendered)",
      // A few officials at a time: less memory than the voters' API; the same 29 s as API Gateway's limit.
      memorySize: 512,
      timeout: Duration.seconds(29),
      // Where its sign-in pages send people: the user pool's own pages (functions/http/sign-in.tsx).
      environment: { ...environment, AUTH_DOMAIN_URL: auth.domain.baseUrl() },
      logRetention: props.logRetention,
    });

    // Officials act through the same use cases on both paths, so both functions get the same rights.
    for (const fn of [this.fn, this.officialsFn]) this.grantRights(fn, props);

    this.httpApi = this.routes(auth);
    byDesign(
      this.originVerify,
      'AwsSolutions-SMG4',
      "Not rotated automatically: a rotation must change CloudFront's origin header and the functions' environment together, which a deploy does; the secret keeps direct calls to the API's own address away, it guards no data",
    );

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

    site.routeApi(this.httpApi, this.originVerify.secretValue.unsafeUnwrap());
  }

  private grantRights(fn: NodeFunction, props: ApiProps): void {
    const { data, signing, site, closing, printing } = props;
    data.grantApiAccess(fn);
    signing.grantPublicKey(fn);
    site.grantApiAccess(fn);
    closing.grantScheduling(fn);
    closing.grantRequestClose(fn);
    printing.grantRequestPrint(fn);
    // Encrypt and Decrypt of one small secret (KmsSealer); not grantEncryptDecrypt's GenerateDataKey* and ReEncrypt*.
    fn.addToRolePolicy(new PolicyStatement({ sid: 'SealSlipKeys', actions: ['kms:Encrypt', 'kms:Decrypt'], resources: [this.sealingKey.keyArn] }));
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
    // One permission for the whole API rather than one per route.
    const integration = new HttpLambdaIntegration('Handler', this.fn, { scopePermissionToRoute: false });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', auth.userPool, {
      userPoolClients: [auth.client],
      identitySource: ['$request.header.Authorization'],
    });
    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Dân bàn API (served by CloudFront under /api/*)',
      createDefaultStage: false,
      // Anything else reaches the app without an authorizer and gets its JSON 404, in the caller's language.
      defaultIntegration: integration,
    });
    for (const route of API_ROUTES) {
      const added = httpApi.addRoutes({ path: route.path, methods: [route.method], integration, ...(route.auth ? { authorizer } : {}) });
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
    const officials = new HttpLambdaIntegration('Officials', this.officialsFn, { scopePermissionToRoute: false });
    for (const path of ['/officials', '/officials/{proxy+}', '/monitors', '/monitors/{proxy+}', '/commune', '/commune/{proxy+}']) {
      for (const r of httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: officials })) {
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
