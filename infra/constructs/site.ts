import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ICachePolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { byDesign, objectKeyFinding } from './by-design.ts';
import { DIRECTORY_INDEX_SOURCE } from './directory-index.ts';
import { RESIDENT_READS, STAFF_READS, STAFF_WRITES } from './site-grants.ts';

/**
 * The security headers of every published page: the same values as SITE_HEADERS in web/security-headers.ts,
 * which the local server and the app send too (the infra test compares them).
 */
export const SITE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'self'; connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * The signed files of a result (the bundle spec, bundle.md, "Where it lives") that the closer writes under a
 * governance-mode Object Lock retention: the same list as LOCKED_BUNDLE_FILES in functions/adapters/s3-publisher.ts
 * (the infra test compares them).
 */
export const RESULT_LOCKED_FILES = [
  'consultation.json',
  'roll.json',
  'participants.json',
  'ballots.json',
  'audit.jsonl',
  'opinions.json',
  'result.json',
  'result.jws',
] as const;

/** The header CloudFront adds to every request it sends to the API; the API refuses requests without it. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** A ULID path segment (consultation and commune round ids): CloudFront's `?` is exactly one character. */
const ULID_SEGMENT = '?'.repeat(26);

/**
 * The public reads of the API that CloudFront may keep for a few seconds, as the app says with
 * `Cache-Control: public, s-maxage=N` (functions/http/api/route.ts, PUBLIC_READ_CACHE_CONTROL) on their anonymous
 * answers only. The same paths take other methods (an official's PUT, a household's POST): those are never cached.
 */
export const PUBLIC_READ_PATHS = [
  `/api/consultations/${ULID_SEGMENT}`,
  '/api/consultations/*/contributions',
  '/api/consultations/*/comments',
  '/api/consultations/*/complaints',
  '/api/consultations/*/after-publication',
  `/api/groups/${ULID_SEGMENT}`,
] as const;
/** The most CloudFront keeps a public read, whatever the answer says. */
export const PUBLIC_READ_MAX_TTL_SECONDS = 30;

export interface SiteProps {
  /** The commune's own host name (`danban.xa-example.gov.vn`), served with `certificateArn`. */
  domainName?: string;
  /** An ACM certificate for `domainName`, in us-east-1 (CloudFront only takes certificates from there). */
  certificateArn?: string;
  /** The web ACL (scope CLOUDFRONT, from DanbanEdgeStack in us-east-1) in front of the distribution. */
  webAclArn?: string;
  /**
   * Object Lock was enabled on an existing bucket by hand; the template leaves `ObjectLockEnabled` out so that
   * CloudFormation does not replace the bucket (it treats a change of that property as a replacement).
   */
  objectLockOutsideTemplate?: boolean;
}

/**
 * The public site: a private, versioned S3 bucket behind CloudFront (origin access control, HTTPS only), with the
 * API under `/api/*` on the same host so pages call it without CORS.
 *
 * Caching follows what the publisher writes (functions/core/publishing.ts): result files are
 * `immutable, max-age=31536000` and page files `max-age=60`. Under `/c/*` CloudFront keeps whatever the object
 * says, up to a year; everywhere else (home page, `keys/`) at most 5 minutes whatever the object says, so a new
 * page or key is never hidden for long.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  /** The S3 server access logs of the site bucket. */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  /** `https://<host>/`, with the trailing slash (SITE_URL of both functions). */
  readonly url: string;
  /** The cache policy of the API's public reads (set by `routeApi`). */
  publicReads?: CachePolicy;
  readonly #headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    if ((props.domainName === undefined) !== (props.certificateArn === undefined)) {
      throw new Error('domainName and certificateArn go together: give both or neither');
    }

    this.accessLogs = this.#accessLogBucket();

    this.bucket = new Bucket(this, 'Bucket', {
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'site/',
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // SSE-S3: the content is public by design; SSE-KMS would only add a key policy for CloudFront to read it.
      encryption: BucketEncryption.S3_MANAGED,
      // A result overwritten by mistake (or by an attacker) can be recovered and shown to have changed.
      versioned: true,
      // The closer writes the signed files of a result with a governance-mode retention (S3Publisher, RESULT_LOCKED_FILES):
      // no role of this stack can delete or overwrite those versions before it ends, none holds
      // s3:BypassGovernanceRetention. No default retention: pages and other files stay replaceable.
      // A stack whose bucket predates this enables the lock by hand instead (`objectLockOutsideTemplate`, README).
      ...(props.objectLockOutsideTemplate ? {} : { objectLockEnabled: true }),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      // Published results must outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.#headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of the published site (as the local server sends them)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true }] },
    });

    // `/c/<id>/` -> `/c/<id>/index.html`, and `/c/<id>` -> 301 `/c/<id>/` (as the local server does).
    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Serves index.html for directory URLs',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(DIRECTORY_INDEX_SOURCE),
    });

    const { shortLived, results } = this.#cachePolicies();

    // READ and LIST: with ListBucket a missing page is a 404, not S3's 403. Everything in the bucket is public anyway.
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessLevels: [AccessLevel.READ, AccessLevel.LIST] });
    const page = (cachePolicy: CachePolicy): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: this.#headers,
      functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Dân bàn site and API (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      defaultBehavior: page(shortLived),
      additionalBehaviors: { '/c/*': page(results) },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 includes Viet Nam's edge locations; "All" adds only South America and Oceania, at a higher price.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      // With the commune's own domain. The default *.cloudfront.net certificate has a fixed policy.
      ...(props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.#distributionByDesign(props);
    // The warning asks for a default root object, which is set: `/` is index.html, so no URL lists the bucket.
    Annotations.of(this.distribution).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk', 'defaultRootObject is index.html');
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}/`;
  }

  /** Pages and keys for at most 5 minutes; consultation folders as their objects say, up to a year. */
  #cachePolicies(): { shortLived: CachePolicy; results: CachePolicy } {
    const shortLived = new CachePolicy(this, 'PageCache', {
      comment: 'Pages and keys: the object max-age, at most 5 minutes',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.minutes(5),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const results = new CachePolicy(this, 'ResultCache', {
      comment: 'Consultation folders: immutable result files for a year, their index.html for its own 60 s',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    return { shortLived, results };
  }

  /** The S3 server access logs of the site bucket. */
  #accessLogBucket(): Bucket {
    // The access-log bucket is owner-enforced (no ACLs): S3's log delivery is let in by a bucket policy instead.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    // Who wrote and read which object of the site (the functions, CloudFront's origin access): no viewer address is in
    // them, since every viewer request reaches the bucket as CloudFront. Kept a year, like the bucket's old versions.
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    byDesign(logs, 'AwsSolutions-S1', "This is the site bucket's access-log bucket; logging its own writes would log forever");
    return logs;
  }

  /** The AWS Solutions findings on the distribution that are the design, with their reasons. */
  #distributionByDesign(props: SiteProps): void {
    byDesign(
      this.distribution,
      'AwsSolutions-CFR1',
      "No country is refused: households' members who work abroad vote for their household too; floods are met by the web ACL's per-address limits",
    );
    byDesign(
      this.distribution,
      'AwsSolutions-CFR3',
      "No viewer access log: a receipt's lookup path beside a viewer's address would tie a household to its ballot (the API's access log leaves paths out for the same reason); the web ACL's metrics count requests",
    );
    if (!props.domainName) {
      byDesign(
        this.distribution,
        'AwsSolutions-CFR4',
        "Only on the default *.cloudfront.net host, whose TLS policy CloudFront fixes; with the commune's own domain the minimum is TLS 1.2 (TLSv1.2_2021)",
      );
    }
  }

  /**
   * Serves the HTTP API under `/api/*` (and the residents' pages under `/vote/*`): never cached, every method, every viewer header but Host (API Gateway
   * routes on its own host name; Authorization is passed on), HTTPS only with no redirect (a redirected POST
   * would have been sent in clear first), and the origin-verify header the API checks. `host` is the API's custom
   * domain (its execute-api address is disabled). The public reads of PUBLIC_READ_PATHS come first, kept for as
   * long as the answer's `s-maxage` says and at most 30 s (`no-store` answers are not kept); their cache key holds
   * the query string and the Authorization header, so an official's answer is never given to anyone else.
   */
  routeApi(host: string, originVerifySecret: string): void {
    const origin = new HttpOrigin(host, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerifySecret },
    });
    const api = (cachePolicy: ICachePolicy, compress: boolean): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // The API sets its own headers (hono secureHeaders, Cache-Control); no policy overrides them.
      compress,
    });
    this.publicReads = new CachePolicy(this, 'ApiPublicReads', {
      comment: "Public API reads: for the answer's s-maxage, at most 30 s; answers without one are not kept",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(PUBLIC_READ_MAX_TTL_SECONDS),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      // These routes take no query: a query in the key would let anyone miss the cache at will with `?x=<random>`.
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    for (const path of PUBLIC_READ_PATHS) this.distribution.addBehavior(path, origin, api(this.publicReads, true));
    // `/vote/*`, `/officials/*`, `/monitors/*` and `/commune/*` are server-rendered pages of the app (they send their own headers).
    for (const path of ['/api/*', '/vote/*', '/officials/*', '/monitors/*', '/commune/*']) {
      this.distribution.addBehavior(path, origin, api(CachePolicy.CACHING_DISABLED, false));
    }
  }

  /**
   * The residents' function: it republishes a consultation's page `c/<id>/index.html` (the disclosure page after a
   * comment, the result page after a complaint) and nothing else; it never writes a signed file, the home page, `g/`
   * or `keys/`. It reads what its routes read: the signed result (`result.jws`, `result.json`) for the result page, a
   * round's view and a contribution's summary, the published ballots for a receipt's inclusion proof, the monitors'
   * countersignatures shown on the result page, and a commune round's aggregate. ListBucket so a missing file is
   * NoSuchKey (404), not AccessDenied; the bucket's content is public anyway.
   */
  grantResidentsAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'RepublishConsultationPages', actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('c/*/index.html')] }),
    );
    const reads = RESIDENT_READS;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReadPublishedResults', actions: ['s3:GetObject'], resources: reads.map((k) => this.bucket.arnForObjects(k)) }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'ListSite', actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    this.#keysByDesign(grantee, ['c/*/index.html', ...reads]);
  }

  /**
   * The staff function writes pages and what officials and monitors add after a result, never a signed file of a
   * result and never the home page (it asks the closer for that, functions/lambda/home-page.ts): a consultation's
   * `index.html` (disclosure, then the result page with attestations), monitors' attestations, documents, the records,
   * the contributions and a commune round's page. It reads the signed result and the bundle files the decision record is
   * drafted from. ListBucket as above.
   */
  grantStaffAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PublishPagesAttestationsAndDocuments',
        actions: ['s3:PutObject'],
        // Documents are named by their SHA-256 (c/<id>/docs/<sha256>.<ext>), which the signed consultation.json lists: a
        // file overwritten with other bytes no longer matches its name, and anyone can see that (the bucket keeps versions).
        resources: STAFF_WRITES.map((k) => this.bucket.arnForObjects(k)),
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      // The signed result, the bundle files the decision record is drafted from, and the record as drafted and signed
      // (all of it public on the site).
      new PolicyStatement({ sid: 'ReadSignedResults', actions: ['s3:GetObject'], resources: STAFF_READS.map((k) => this.bucket.arnForObjects(k)) }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'ListSite', actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    this.#keysByDesign(grantee, [...STAFF_WRITES, ...STAFF_READS.filter((k) => !STAFF_WRITES.includes(k))]);
  }

  /**
   * The closer writes what is signed or names the key: every file of a result under `c/`, a commune round's aggregate
   * under `g/`, the home page, and `keys/` (the public key, at deploy). It reads only signed results, for aggregates.
   * It alone may set a retention, and only on the signed files of a result; nobody may bypass one.
   */
  grantCloserAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PublishResultsAndKeys',
        // A large ballots.json goes up in parts (S3Publisher); a failed upload is aborted, and the bucket's lifecycle
        // rule removes any part left after 7 days.
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        // `g/`: a commune round's aggregate, signed when its last hamlet's result is published.
        resources: [
          this.bucket.arnForObjects('c/*'),
          this.bucket.arnForObjects('g/*'),
          this.bucket.arnForObjects('index.html'),
          this.bucket.arnForObjects('keys/*'),
        ],
      }),
    );
    const locked = RESULT_LOCKED_FILES.map((f) => `c/*/${f}`);
    grantee.grantPrincipal.addToPrincipalPolicy(
      // A PUT with ObjectLockMode and ObjectLockRetainUntilDate needs this besides s3:PutObject.
      new PolicyStatement({ sid: 'LockSignedResults', actions: ['s3:PutObjectRetention'], resources: locked.map((k) => this.bucket.arnForObjects(k)) }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      // The aggregate of a commune round is built from each hamlet's signed manifest, and signed once (its JWS is read back).
      new PolicyStatement({
        sid: 'ReadResultsForAggregates',
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('c/*/result.jws'), this.bucket.arnForObjects('g/*')],
      }),
    );
    this.#keysByDesign(grantee, ['c/*', 'g/*', 'keys/*', 'c/*/result.jws', ...locked.filter((k) => k !== 'c/*/result.jws')]);
  }

  /** Object keys name a consultation (`c/<id>/`) or a commune round (`g/<id>/`), made at run time: the one wildcard. */
  #keysByDesign(grantee: IGrantable, keys: readonly string[]): void {
    byDesign(
      grantee.grantPrincipal as unknown as IConstruct,
      'AwsSolutions-IAM5',
      "Each statement names exact actions and file names within every consultation's or commune round's folder, whose ids are made at run time",
      keys.map((key) => objectKeyFinding(this.bucket, key)),
    );
  }
}
