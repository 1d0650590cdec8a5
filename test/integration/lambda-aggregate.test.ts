/**
 * On AWS the staff function may not sign (only the closer may use kms:Sign), so an official's request to publish a
 * commune round's aggregate goes through the closer: the staff Lambda handler invokes it with the official's id
 * token, the closer verifies the token, signs through KMS and writes the files; the answer is relayed. Here the
 * staff function's signer refuses, as KMS would, and Lambda's invoke runs the closer handler over DynamoDB Local.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAggregate } from '../../shared/verify-aggregate.ts';
import { lambdaContext as apiContext, httpEvent, lambdaWorld } from '../support/lambda-world.ts';
import { isAggregateSigningInput, unsignedGroup } from '../support/unsigned-group.ts';

const lambdaContext = { ...apiContext('danban-officials', 1024, 30_000), getRemainingTimeInMillis: () => 30_000 } as never;
const COMMUNE = 'xa-tong-hop';

describe('the staff function publishes an aggregate through the closer', () => {
  let world: Awaited<ReturnType<typeof lambdaWorld>>;

  const call = async (method: string, path: string, opts: { body?: unknown; token?: string; type?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = opts.type ?? 'application/json';
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const res = await world.api(httpEvent(method, path, { headers, ...(body !== undefined ? { body } : {}) }), lambdaContext);
    let json: any;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, text: res.body };
  };
  const tokenOf = (claims: Record<string, unknown>, sub: string) =>
    new SignJWT({ 'cognito:groups': ['official'], 'custom:commune': COMMUNE, token_use: 'id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
      .setSubject(sub)
      .setIssuer(world.issuer)
      .setAudience('client-1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(world.userPoolKey);
  const invocations = () =>
    world
      .lambda!.commandCalls(InvokeCommand)
      .map((c) => JSON.parse(new TextDecoder().decode(c.args[0].input.Payload as Uint8Array)) as Record<string, unknown>);
  /** The site files directly in `prefix` (a folder of the bucket). */
  const folder = (prefix: string) => {
    const files: Record<string, Uint8Array> = {};
    for (const [key, body] of world.objects) {
      const name = key.slice(prefix.length);
      if (key.startsWith(prefix) && !name.includes('/') && /\.(json|jsonl|jws)$/.test(name)) files[name] = body;
    }
    return files;
  };

  beforeAll(async () => {
    world = await lambdaWorld(COMMUNE, { signsThroughCloser: true });
  });
  afterAll(() => world?.restore());

  it('closes each round and publishes the aggregate through the closer, never signing in the staff function', async () => {
    // The rounds' closes go through the closer too; the last one's aggregate is not signed then.
    // On AWS the commune's profile is the default: opening at once needs a reason.
    const group = await unsignedGroup(call, world.token, world.deps, { openBody: { override: { reason: 'Hội nghị thôn đã thống nhất biểu quyết ngay.' } } });
    const closes = invocations().filter((e) => e.act === undefined);
    expect(closes.map((e) => e.consultationId)).toEqual(group.rounds);
    expect(closes.every((e) => e.idToken === world.token)).toBe(true);
    expect((await call('GET', `/api/groups/${group.groupId}`)).json.aggregate).toBeUndefined();
    expect(world.objects.has(`g/${group.groupId}/aggregate.jws`)).toBe(false);

    // A monitor of the commune is refused by the closer, which signs nothing.
    const monitor = await call('POST', `/api/groups/${group.groupId}/aggregate`, { token: await tokenOf({ 'cognito:groups': ['monitor'] }, 'monitor-a') });
    expect(monitor.status, monitor.text).toBe(403);
    expect(world.objects.has(`g/${group.groupId}/aggregate.jws`)).toBe(false);

    const before = invocations().length;
    const published = await call('POST', `/api/groups/${group.groupId}/aggregate`, { token: world.token });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ groupId: group.groupId, hamlets: 3, threshold: 2, aggregate: { adopted: true } });
    expect(invocations().slice(before)).toEqual([{ act: 'aggregate', groupId: group.groupId, idToken: world.token }]);
    // The staff function never signed (its role may not); it never tried to sign an aggregate either.
    expect(world.staffSignAttempts.filter(isAggregateSigningInput)).toEqual([]);
    expect(world.staffSignAttempts).toEqual([]);

    const report = await verifyAggregate(
      { group: folder(`g/${group.groupId}/`), rounds: Object.fromEntries(group.rounds.map((id) => [id, folder(`c/${id}/`)])) },
      { pinned: world.publicKeyPem },
    );
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("relays the closer's refusal of a group it does not know as 404", async () => {
    const out = await call('POST', '/api/groups/01ARZ3NDEKTSV4RRFFQ69G5FAV/aggregate', { token: world.token });
    expect(out.status, out.text).toBe(404);
    expect(invocations().at(-1)).toEqual({ act: 'aggregate', groupId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', idToken: world.token });
  });
});
