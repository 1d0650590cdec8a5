/**
 * The origin check of the functions behind the API: the secret read from Secrets Manager (aws-sdk-client-mock),
 * its current, previous and pending values accepted, anything else refused, and no way around it when no secret is
 * configured or it cannot be read.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notViaSite, originCheckOf } from '../../../functions/lambda/api.ts';
import { fixedOriginCheck, sameSecret, secretsManagerOriginCheck } from '../../../functions/lambda/origin-secret.ts';

const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:OriginVerify-AbCdEf';
const CURRENT = 'c'.repeat(48);
const PREVIOUS = 'p'.repeat(48);
const PENDING = 'n'.repeat(48);
const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });

let sm: ReturnType<typeof mockClient>;
let stages: Record<string, string>;
let now: number;

beforeEach(() => {
  stages = { AWSCURRENT: CURRENT, AWSPREVIOUS: PREVIOUS };
  now = 1_000_000;
  sm = mockClient(SecretsManagerClient);
  sm.on(GetSecretValueCommand).callsFake((input: { SecretId: string; VersionStage: string }) => {
    if (input.SecretId !== ARN) throw notFound();
    const value = stages[input.VersionStage];
    if (value === undefined) throw notFound();
    return { SecretString: value };
  });
});
afterEach(() => sm.restore());

const check = () => secretsManagerOriginCheck(new SecretsManagerClient({ region: 'ap-southeast-1' }), ARN, { ttlMs: 300_000, retryMs: 30_000, now: () => now });
const event = (header?: string) => ({ headers: header === undefined ? {} : { 'x-origin-verify': header } }) as unknown as LambdaEvent;

describe('the origin check', () => {
  it('accepts the current and the previous value, and refuses any other, an empty or a missing header', async () => {
    const ok = check();
    expect(await ok(CURRENT)).toBe(true);
    expect(await ok(PREVIOUS)).toBe(true);
    expect(await ok(PENDING)).toBe(false);
    expect(await ok(`${CURRENT}x`)).toBe(false);
    expect(await ok(CURRENT.slice(1))).toBe(false);
    expect(await ok('')).toBe(false);
    expect(await ok(undefined)).toBe(false);
  });

  it('accepts the pending value during a rotation, which CloudFront may already send', async () => {
    stages.AWSPENDING = PENDING;
    expect(await check()(PENDING)).toBe(true);
  });

  it('works before any rotation (no previous version)', async () => {
    delete stages.AWSPREVIOUS;
    const ok = check();
    expect(await ok(CURRENT)).toBe(true);
    expect(await ok(PREVIOUS)).toBe(false);
  });

  it('keeps the values for its time, and reads again for an unknown header at most once per retry period', async () => {
    const ok = check();
    expect(await ok(CURRENT)).toBe(true);
    const reads = () => sm.commandCalls(GetSecretValueCommand).length;
    const first = reads();
    expect(first).toBe(3);
    expect(await ok(CURRENT)).toBe(true);
    expect(await ok('wrong'.repeat(10))).toBe(false);
    expect(reads()).toBe(first);
    // A rotation promoted a new value; CloudFront sends it: after the retry period it is read and accepted.
    stages = { AWSCURRENT: PENDING, AWSPREVIOUS: CURRENT };
    expect(await ok(PENDING)).toBe(false);
    now += 30_000;
    expect(await ok(PENDING)).toBe(true);
    expect(reads()).toBe(first * 2);
    // And after the cache time, a value no longer staged is refused.
    stages = { AWSCURRENT: 'z'.repeat(48), AWSPREVIOUS: PENDING };
    now += 300_000;
    expect(await ok(CURRENT)).toBe(false);
  });

  it('compares in constant time only values of the same length', () => {
    expect(sameSecret(CURRENT, CURRENT)).toBe(true);
    expect(sameSecret(CURRENT, PREVIOUS)).toBe(false);
    expect(sameSecret('', '')).toBe(false);
    expect(sameSecret(undefined, CURRENT)).toBe(false);
  });
});

describe('notViaSite', () => {
  it('lets through a request with an accepted header, and answers 403 no-store to any other', async () => {
    const origin = check();
    expect(await notViaSite(origin, event(CURRENT))).toBeUndefined();
    expect(await notViaSite(origin, event(PREVIOUS))).toBeUndefined();
    for (const header of [undefined, '', 'x'.repeat(48)]) {
      const refused = await notViaSite(origin, event(header));
      expect(refused).toMatchObject({ statusCode: 403, headers: { 'cache-control': 'no-store' } });
      expect(JSON.parse(refused!.body).error.code).toBe('forbidden');
    }
  });

  it('refuses every request when no origin secret is configured', async () => {
    expect(originCheckOf({ AWS_REGION: 'ap-southeast-1' })).toBeUndefined();
    for (const header of [undefined, CURRENT, '']) expect((await notViaSite(undefined, event(header)))?.statusCode).toBe(403);
  });

  it('refuses every request when the secret cannot be read', async () => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expect((await notViaSite(check(), event(CURRENT)))?.statusCode).toBe(403);
  });

  it('a configured secret ARN gives a check that reads Secrets Manager', async () => {
    const origin = originCheckOf({ AWS_REGION: 'ap-southeast-1', ORIGIN_VERIFY_SECRET_ARN: ARN });
    expect(origin).toBeDefined();
    expect(await notViaSite(origin, event(CURRENT))).toBeUndefined();
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual(
      expect.arrayContaining([
        { SecretId: ARN, VersionStage: 'AWSCURRENT' },
        { SecretId: ARN, VersionStage: 'AWSPREVIOUS' },
        { SecretId: ARN, VersionStage: 'AWSPENDING' },
      ]),
    );
  });

  it('a fixed check (tests, local wiring) accepts exactly its values', async () => {
    expect(await notViaSite(fixedOriginCheck(CURRENT), event(CURRENT))).toBeUndefined();
    expect((await notViaSite(fixedOriginCheck(CURRENT), event(PREVIOUS)))?.statusCode).toBe(403);
  });
});
