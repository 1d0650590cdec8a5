/**
 * The stack's settings, read from CDK context (`-c key=value` or cdk.json `context`):
 *
 * | key | meaning |
 * | --- | --- |
 * | `stage` | a short name for this installation (`prod`, `staging`, `xa-an-binh`); names the stack `danban-<stage>` |
 * | `domainName` | optional: the site's own host name (a CNAME to the distribution's domain) |
 * | `certificateArn` | with `domainName`: an ACM certificate for it, in us-east-1 |
 * | `alarmEmail` | optional: where alarms are mailed |
 * | `authDomainPrefix` | optional: the prefix of the user pool's sign-in domain (default `danban-<stage>-<account id>`) |
 */
export interface StackConfig {
  stage: string;
  domainName?: string;
  certificateArn?: string;
  alarmEmail?: string;
  authDomainPrefix?: string;
}

/** Thrown for a context value that would give a broken or surprising stack; the message says which and why. */
export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Cognito's rule for a domain prefix, and the words it refuses in one. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PREFIX_RESERVED = /aws|amazon|cognito/;

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
  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) throw new StackConfigError(`alarmEmail ${JSON.stringify(alarmEmail)} is not an e-mail address`);
  const authDomainPrefix = text('authDomainPrefix');
  if (authDomainPrefix !== undefined && (!PREFIX.test(authDomainPrefix) || PREFIX_RESERVED.test(authDomainPrefix))) {
    throw new StackConfigError(
      `authDomainPrefix ${JSON.stringify(authDomainPrefix)}: lower-case letters, digits and dashes, at most 63, without aws, amazon or cognito`,
    );
  }
  return {
    stage,
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
  };
}
