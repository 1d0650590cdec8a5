/**
 * A database that keeps throttling (a fault DynamoDB Local cannot make, so the SDK is mocked) is answered 503
 * `unavailable` with Retry-After, in api.md's error shape and the caller's language, on the API and the resident pages.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { THROTTLE_POLICY } from '../../../functions/adapters/dynamo/retry.ts';
import { DynamoStore } from '../../../functions/adapters/dynamo/store.ts';
import { createApp } from '../../../functions/http/app.ts';
import { MESSAGES } from '../../../functions/http/messages.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const ddb = mockClient(DynamoDBDocumentClient);
const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const store = new DynamoStore(client, 'danban');
const app = createApp({
  core: { ...memoryCoreDeps(new Date('2026-12-01T03:00:00Z'), ID), store, limiter: store },
  verifyToken: async () => undefined,
  clientIp: () => '127.0.0.1',
});
const throttled = () => Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException', $metadata: {} });

const cast = (headers: Record<string, string> = {}) =>
  app.request(`/api/consultations/${ID}/ballots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'yes' } }),
  });

describe('a database that keeps throttling', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.onAnyCommand().rejects(throttled());
    // Only the consultation item is throttled; the other reads of a cast (the attempt limiter's, the credential's) answer.
    ddb.on(GetCommand).callsFake(async (input: { Key?: { pk?: string } }) => {
      if (input.Key?.pk === `C#${ID}`) throw throttled();
      return {};
    });
  });
  afterAll(() => client.destroy());

  it('refuses a ballot with 503 unavailable and Retry-After, in Vietnamese by default, after the retries', async () => {
    const res = await cast();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(THROTTLE_POLICY.retryAfterS));
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: MESSAGES.unavailable.vi } });
    const consultationReads = ddb.commandCalls(GetCommand).filter((c) => c.args[0].input.Key?.pk === `C#${ID}`);
    expect(consultationReads).toHaveLength(THROTTLE_POLICY.tries);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('speaks English to a client that prefers it', async () => {
    const res = await cast({ 'accept-language': 'en' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message.startsWith(MESSAGES.unavailable.en)).toBe(true);
  });

  it("answers a resident's ballot page with 503 and Retry-After", async () => {
    const res = await app.request(`/vote/${ID}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(THROTTLE_POLICY.retryAfterS));
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
