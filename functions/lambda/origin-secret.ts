/**
 * The secret CloudFront sends as `x-origin-verify`, read from Secrets Manager at run time (never from the
 * environment, which anyone who may read the function's configuration can see). Its values are kept a few minutes.
 *
 * Rotation (functions/lambda/rotate-origin-secret.ts) puts a new value as AWSPENDING, gives it to CloudFront, then
 * promotes it to AWSCURRENT (the old one becomes AWSPREVIOUS). While CloudFront's change spreads to its edges, some
 * send the old value and some the new one: so the check accepts AWSCURRENT, AWSPREVIOUS and AWSPENDING, and a header
 * matching none of the values it holds makes it read them again (at most once every `retryMs`, so a flood of wrong
 * headers cannot become a flood of Secrets Manager calls).
 */
import { timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Whether a request's `x-origin-verify` header is one of the secret's accepted values; throws when they cannot be read. */
export type OriginCheck = (given: string | undefined) => Promise<boolean>;

/** The version stages whose value CloudFront may be sending. AWSCURRENT must exist; the others may not. */
export const ACCEPTED_STAGES = ['AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING'] as const;

/** Constant-time comparison of the origin-verify header with one value of the secret. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined || secret === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const matches = (given: string | undefined, values: readonly string[]) => values.reduce((hit, v) => sameSecret(given, v) || hit, false);

/** A check against fixed values (tests, and a function given its values some other way). */
export function fixedOriginCheck(...values: string[]): OriginCheck {
  return async (given) => matches(given, values);
}

export interface SecretsManagerOriginOptions {
  /** How long values read are trusted (default 5 minutes). */
  ttlMs?: number;
  /** The least time between two reads caused by a header that matched nothing (default 30 s). */
  retryMs?: number;
  now?: () => number;
}

/** The check against the secret `secretId` (its ARN), read with `client`. */
export function secretsManagerOriginCheck(client: SecretsManagerClient, secretId: string, options: SecretsManagerOriginOptions = {}): OriginCheck {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  const now = options.now ?? Date.now;
  let cached: { values: string[]; at: number } | undefined;
  let loading: Promise<string[]> | undefined;

  const readStage = async (stage: (typeof ACCEPTED_STAGES)[number]): Promise<string | undefined> => {
    try {
      const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
      return out.SecretString;
    } catch (err) {
      // Only AWSCURRENT always exists: no rotation yet means no AWSPREVIOUS, none under way no AWSPENDING.
      if (stage !== 'AWSCURRENT' && (err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw err;
    }
  };
  const load = (): Promise<string[]> => {
    loading ??= Promise.all(ACCEPTED_STAGES.map(readStage))
      .then((read) => {
        const values = read.filter((v): v is string => typeof v === 'string' && v.length > 0);
        if (values.length === 0) throw new Error('the origin secret has no current value');
        cached = { values, at: now() };
        return values;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return async (given) => {
    if (!given) return false;
    const fresh = cached && now() - cached.at < ttlMs ? cached.values : await load();
    if (matches(given, fresh)) return true;
    // A value CloudFront may have been given since the last read: read again, but not more often than retryMs.
    if (cached && now() - cached.at < retryMs) return false;
    return matches(given, await load());
  };
}
