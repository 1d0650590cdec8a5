import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { byDesign } from './by-design.ts';

/** The groups the API reads from `cognito:groups` (functions/adapters/token-verifier.ts). */
export const GROUPS = { official: 'official', monitor: 'monitor', commune: 'commune' } as const;
/** The custom attribute the API reads as `custom:commune`. */
export const COMMUNE_ATTRIBUTE = 'commune';

/** The pages that sign in through the user pool (functions/http/sign-in.tsx), under the site's origin. */
export const SIGN_IN_BASES = ['/officials', '/monitors', '/commune'] as const;

export interface AuthProps {
  userPoolName: string;
  /** The public site, `https://<host>/`: the user pool sends browsers back to its sign-in callbacks only. */
  siteUrl: string;
  /** The user pool domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  domainPrefix: string;
}

/**
 * Officials and monitors: a Cognito user pool nobody can sign up to (accounts are made by an administrator with
 * scripts/add-official.ts), strong passwords, TOTP required, and the commune each account serves.
 *
 * `custom:commune` is immutable: every audit event names the acting `sub`, and a `sub` must mean one commune for
 * the life of the log. An official who moves gets a new account. Immutable also means no user can rewrite their
 * own commune with UpdateUserAttributes; the app client is not even given write access to it.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The user pool's own sign-in pages (managed login), where the officials' and monitors' pages send people. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { [COMMUNE_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Required: an official sees every voting code and enters paper ballots, a monitor countersigns. TOTP only: SMS
      // would need an SNS spending limit and invites SMS-pumping fraud. The hosted sign-in sets it up at the first sign-in.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: 'Dân bàn: tài khoản của bạn / your account',
        emailBody:
          'Tên đăng nhập / username: {username}<br>Mật khẩu tạm thời / temporary password: {####}<br>' +
          'Hãy đổi mật khẩu và bật xác thực hai lớp (TOTP) khi đăng nhập lần đầu. / Change it and turn on TOTP at first sign-in.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    byDesign(
      this.userPool,
      'AwsSolutions-COG8',
      'The Essentials plan: TOTP is required of every account, there is no self sign-up, and accounts are made by an administrator; threat protection (Plus) would add a charge per user for little more',
    );

    this.userPool.addGroup('Officials', {
      groupName: GROUPS.official,
      description: 'Cán bộ xã/phường: create, open and close consultations of their commune',
      precedence: 0,
    });
    this.userPool.addGroup('Monitors', {
      groupName: GROUPS.monitor,
      description: 'Giám sát viên: read the live audit log and countersign results of their commune',
      precedence: 1,
    });
    this.userPool.addGroup('Communes', {
      groupName: GROUPS.commune,
      description: 'UBND xã: recognise or refuse decisions, annul or ask to amend them (Law 10/2022 Art. 21, 22)',
      precedence: 2,
    });

    this.client = this.userPool.addClient('WebClient', {
      // A public client: the pages' server could keep a secret, but PKCE (RFC 7636) binds each code to the browser's
      // attempt without one, and scripts and the CLI use the same client with SRP, which keeps the password off the wire.
      generateSecret: false,
      authFlows: { userSrp: true },
      // The authorization code grant only (no implicit grant: tokens never travel in a URL), back to the two
      // sign-in callbacks of the site and nowhere else.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: SIGN_IN_BASES.map((base) => `${props.siteUrl.replace(/\/$/, '')}${base}/login/callback`),
        logoutUrls: SIGN_IN_BASES.map((base) => `${props.siteUrl.replace(/\/$/, '')}${base}/login`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The API accepts id tokens (they carry custom:commune and cognito:groups) for an hour; a working day on refresh.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes(COMMUNE_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });

    // The classic hosted UI: it asks for the temporary password's change and sets up TOTP at the first sign-in.
    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }
}
