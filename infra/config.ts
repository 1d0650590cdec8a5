/**
 * The stack's settings, read from CDK context (`-c key=value` or cdk.json `context`):
 *
 * | key | meaning |
 * | --- | --- |
 * | `stage` | a short name for this installation (`prod`, `staging`, `xa-an-binh`); names the stack `danban-<stage>` |
 * | `domainName` | optional: the site's own host name (a CNAME to the distribution's domain) |
 * | `certificateArn` | with `domainName`: an ACM certificate for it, in us-east-1 |
 * | `apiDomainName` | required: the API's own host name (`api.danban.xa-example.gov.vn`), CloudFront's origin; a CNAME to the stack's `ApiDomainTarget` output |
 * | `apiCertificateArn` | required: an ACM certificate for `apiDomainName`, in the stack's own region (API Gateway takes no other) |
 * | `alarmEmail` | optional: where alarms are mailed |
 * | `authDomainPrefix` | optional: the prefix of the user pool's sign-in domain (default `danban-<stage>-<account id>`) |
 * | `resultRetentionYears` | optional: how many years the signed files of a result are kept under an S3 Object Lock retention, governance mode (default 10, 1 to 100) |
 * | `objectLockOutsideTemplate` | optional, `true` only for a stack first deployed before the site bucket had Object Lock: Object Lock is enabled on that bucket by hand (README), and the template leaves it out, because CloudFormation replaces a bucket whose `ObjectLockEnabled` changes |
 */
export interface StackConfig {
  stage: string;
  domainName?: string;
  certificateArn?: string;
  /** The HTTP API's custom domain: with its execute-api address disabled, the only way CloudFront (and anyone) reaches it. */
  apiDomainName: string;
  /** An ACM certificate for `apiDomainName` in the application stack's region. */
  apiCertificateArn: string;
  alarmEmail?: string;
  authDomainPrefix?: string;
  /** Years a result's signed files stay under their Object Lock retention (DEFAULT_RESULT_RETENTION_YEARS when unset). */
  resultRetentionYears?: number;
  /**
   * The site bucket's Object Lock was enabled outside CloudFormation (`aws s3api put-object-lock-configuration`), so
   * the template must not name it: CloudFormation replaces an existing bucket whose `ObjectLockEnabled` changes, and a
   * retained, replaced bucket would leave every published result behind in the old one.
   */
  objectLockOutsideTemplate?: boolean;
}

/**
 * How long a published result's signed files cannot be deleted or overwritten: ten years, longer than any appeal of a
 * commune's decision takes (the same default as the closer's, functions/lambda/aws-deps.ts; the infra test compares).
 */
export const DEFAULT_RESULT_RETENTION_YEARS = 10;

/** Thrown for a context value that would give a broken or surprising stack; the message says which and why. */
export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
/** An ACM certificate in any region; `certificateRegion` reads which. */
const REGIONAL_CERTIFICATE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Cognito's rule for a domain prefix, and the words it refuses in one. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PREFIX_RESERVED = /aws|amazon|cognito/;

/** The region of an ACM certificate ARN (undefined if it is not one). */
export function certificateRegion(arn: string): string | undefined {
  return REGIONAL_CERTIFICATE.exec(arn)?.[1];
}

/**
 * Checks that the API's certificate is in `region`, where the API runs: API Gateway's regional custom domains take a
 * certificate of their own region only.
 */
export function checkApiCertificateRegion(config: Pick<StackConfig, 'apiCertificateArn'>, region: string): void {
  const found = certificateRegion(config.apiCertificateArn);
  if (found !== region) {
    throw new StackConfigError(
      `apiCertificateArn must be an ACM certificate in ${region}, the API's region (API Gateway takes no other): ${config.apiCertificateArn}`,
    );
  }
}

/** Validates the context; `get` is `app.node.tryGetContext`. */
export function stackConfig(get: (key: string) => unknown): StackConfig {
  const text = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new StackConfigError(`context ${key} must be a string`);
    return v.trim();
  };
  const stage = text('stage') ?? 'prod';
  if (!STAGE.test(stage)) throw new StackConfigError(`stage ${JSON.stringify(stage)}: lower-case letters, digits and dashes, 1-20, starting with a letter`);
  const domainName = text('domainName')?.toLowerCase();
  const certificateArn = text('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined))
    throw new StackConfigError('domainName and certificateArn go together: give both or neither');
  if (domainName !== undefined && !HOST.test(domainName)) throw new StackConfigError(`domainName ${JSON.stringify(domainName)} is not a host name`);
  if (certificateArn !== undefined && !CERTIFICATE.test(certificateArn)) {
    throw new StackConfigError(`certificateArn must be an ACM certificate in us-east-1 (CloudFront takes no other region): ${certificateArn}`);
  }
  const apiDomainName = text('apiDomainName')?.toLowerCase();
  const apiCertificateArn = text('apiCertificateArn');
  if (apiDomainName === undefined || apiCertificateArn === undefined) {
    throw new StackConfigError(
      "apiDomainName and apiCertificateArn are required: the API answers only on its own host name, which CloudFront calls (its execute-api address is disabled). Give both, e.g. -c apiDomainName=api.danban.xa-example.gov.vn -c apiCertificateArn=arn:aws:acm:<the stack's region>:<account>:certificate/<id>",
    );
  }
  if (!HOST.test(apiDomainName)) throw new StackConfigError(`apiDomainName ${JSON.stringify(apiDomainName)} is not a host name`);
  if (apiDomainName === domainName) throw new StackConfigError('apiDomainName must differ from domainName: the site and the API are two origins of CloudFront');
  if (!REGIONAL_CERTIFICATE.test(apiCertificateArn)) throw new StackConfigError(`apiCertificateArn is not an ACM certificate ARN: ${apiCertificateArn}`);
  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) throw new StackConfigError(`alarmEmail ${JSON.stringify(alarmEmail)} is not an e-mail address`);
  const authDomainPrefix = text('authDomainPrefix');
  if (authDomainPrefix !== undefined && (!PREFIX.test(authDomainPrefix) || PREFIX_RESERVED.test(authDomainPrefix))) {
    throw new StackConfigError(
      `authDomainPrefix ${JSON.stringify(authDomainPrefix)}: lower-case letters, digits and dashes, at most 63, without aws, amazon or cognito`,
    );
  }
  const retention = get('resultRetentionYears');
  let resultRetentionYears: number | undefined;
  if (retention !== undefined && retention !== null && retention !== '') {
    const n =
      typeof retention === 'number' ? retention : typeof retention === 'string' && /^\d+$/.test(retention.trim()) ? Number(retention.trim()) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw new StackConfigError(`resultRetentionYears ${JSON.stringify(retention)}: a whole number of years from 1 to 100`);
    resultRetentionYears = n;
  }
  const outside = get('objectLockOutsideTemplate');
  if (outside !== undefined && outside !== null && outside !== true && outside !== false && outside !== 'true' && outside !== 'false') {
    throw new StackConfigError(`objectLockOutsideTemplate ${JSON.stringify(outside)}: true or false`);
  }
  const objectLockOutsideTemplate = outside === true || outside === 'true';
  return {
    stage,
    ...(objectLockOutsideTemplate ? { objectLockOutsideTemplate } : {}),
    ...(resultRetentionYears !== undefined ? { resultRetentionYears } : {}),
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    apiDomainName,
    apiCertificateArn,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
  };
}
