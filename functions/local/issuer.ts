/**
 * The local token issuer (local mode only; on AWS the Cognito user pool issues tokens). Demo accounts sign in with
 * a password checked against a scrypt hash; tokens are ES256 JWTs shaped like Cognito id tokens.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, scryptSync, timingSafeEqual, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, calculateJwkThumbprint, type JSONWebKeySet } from 'jose';

export interface LocalAccount {
  username: string;
  role: 'official' | 'monitor' | 'commune';
  commune: string;
  sub: string;
  /** `scrypt$<salt hex>$<hash hex>` */
  passwordHash: string;
}

export function hashPassword(password: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`;
}

function checkPassword(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const got = scryptSync(password, Buffer.from(salt, 'hex'), 32);
  return timingSafeEqual(got, Buffer.from(hash, 'hex'));
}

export const LOCAL_ISSUER = 'danban-local';

export class LocalIssuer {
  private constructor(
    private readonly privateKey: ReturnType<typeof createPrivateKey>,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
    private readonly accounts: LocalAccount[],
  ) {}

  /** Loads the issuer key from `<dir>/issuer-key.pem`, creating it on first start. */
  static async load(dir: string, accounts: LocalAccount[]): Promise<LocalIssuer> {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'issuer-key.pem');
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    const privateKey = createPrivateKey(readFileSync(file));
    const jwk = await exportJWK(createPublicKey(privateKey));
    const kid = await calculateJwkThumbprint(jwk);
    return new LocalIssuer(privateKey, { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }, kid, accounts);
  }

  /** A token for the account, or undefined if the username or password is wrong. */
  async login(username: string, password: string): Promise<{ token: string; role: string; commune: string } | undefined> {
    const account = this.accounts.find((a) => a.username === username);
    // Check a dummy hash for unknown users so timing does not tell which usernames exist.
    const ok = checkPassword(password, account?.passwordHash ?? DUMMY);
    if (!account || !ok) return undefined;
    return { token: await this.issue(account), role: account.role, commune: account.commune };
  }

  async issue(account: Pick<LocalAccount, 'sub' | 'role' | 'commune'>, ttlSeconds = 8 * 3600): Promise<string> {
    return new SignJWT({ 'cognito:groups': [account.role], 'custom:commune': account.commune, token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setSubject(account.sub)
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }
}

const DUMMY = hashPassword('not-a-password', Buffer.alloc(16));
