/**
 * The Lambda entry points with events of the real shapes: HTTP API v2 events through `handle`, and a Scheduler
 * event through the middy closer. DynamoDB is the real DynamoDB Local; KMS, S3 and Scheduler, which cannot run
 * here, are aws-sdk-client-mock stand-ins.
 */
import { createHash } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { awsCoreDeps } from '../../functions/lambda/aws-deps.ts';
import { createApiHandler, viewerAddress } from '../../functions/lambda/api.ts';
import { createOfficialsHandler } from '../../functions/lambda/officials.ts';
import { fixedOriginCheck } from '../../functions/lambda/origin-secret.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { testDdbClient } from '../support/ddb.ts';
import { lambdaContext as apiContext, httpEvent, lambdaWorld } from '../support/lambda-world.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, roadConsultation } from '../support/system.ts';

/** The API function's context as the tests invoke it: 512 MB, and always 30 s left. */
const lambdaContext = { ...apiContext('danban-api', 512, 30_000), getRemainingTimeInMillis: () => 30_000 };

describe('the Lambda entry points', () => {
  let world: Awaited<ReturnType<typeof lambdaWorld>>;
  let config: Awaited<ReturnType<typeof lambdaWorld>>['config'];
  let api: Awaited<ReturnType<typeof lambdaWorld>>['api'];
  let closer: Awaited<ReturnType<typeof lambdaWorld>>['closer'];
  let token: string;
  let kms: Awaited<ReturnType<typeof lambdaWorld>>['kms'];
  let s3: Awaited<ReturnType<typeof lambdaWorld>>['s3'];
  let scheduler: Awaited<ReturnType<typeof lambdaWorld>>['scheduler'];
  let objects: Map<string, Uint8Array>;
  let publicKeyPem: string;

  beforeAll(async () => {
    world = await lambdaWorld('xa-lambda');
    ({ config, api, closer, token, kms, s3, scheduler, objects, publicKeyPem } = world);
  });
  afterAll(() => world?.restore());

  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = type;
    const res = await api(
      httpEvent(method, path, { headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }),
      lambdaContext,
    );
    return { status: res.statusCode, json: JSON.parse(res.body) as any, headers: res.headers };
  };

  it('runs a round from HTTP API events to a Scheduler close, publishing a bundle signed through KMS', async () => {
    // An online round, so that a household casts its ballot through an HTTP API event too.
    const created = await call('POST', '/api/consultations', onlineConsultation());
    expect(created.status).toBe(201);
    expect(created.headers?.['x-content-type-options']).toBe('nosniff');
    const id = created.json.id as string;
    expect((await call('PUT', `/api/consultations/${id}/roll`, rollCsv(4), 'text/csv')).status).toBe(200);
    // Every event carries the official's token: the helper's token is not needed.
    const asOfficial = async (method: string, path: string, opts?: { body?: unknown }) => {
      const r = await call(method, path, opts?.body);
      return { ...r, text: JSON.stringify(r.json) };
    };
    await recordOnlineConditions(asOfficial, '', id, 4);
    // On AWS the commune's profile is the default: 30 days of disclosure, or a reason to open earlier.
    const refused = await call('POST', `/api/consultations/${id}/open`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('disclosure_too_short');
    const opened = await call('POST', `/api/consultations/${id}/open`, { override: { reason: 'Hội nghị thôn đã thống nhất biểu quyết ngay.' } });
    expect(opened.status).toBe(200);
    const schedule = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(schedule.Name).toBe(`close-${id}`);
    expect(schedule.GroupName).toBe('danban-closing');
    expect(schedule.ActionAfterCompletion).toBe('DELETE');
    expect(JSON.parse(schedule.Target!.Input!)).toEqual({ consultationId: id });

    const cast = await call('POST', `/api/consultations/${id}/ballots`, { code: opened.json.credentials[0].code, answers: { q1: 'yes' } });
    expect(cast.status).toBe(201);

    // A schedule's event carries no one's word: before closesAt the closer leaves the round voting.
    expect(await closer({ consultationId: id }, lambdaContext as never)).toEqual({ status: 'not_due' });
    expect(s3.commandCalls(PutObjectCommand).some((c) => c.args[0].input.Key === `c/${id}/result.jws`)).toBe(false);

    // EventBridge Scheduler invokes the closer at closesAt, with the schedule's input as the event.
    const closesAt = Date.parse(created.json.closesAt as string);
    const realClock = world.deps.clock;
    world.deps.clock = { now: () => new Date(Math.max(Date.now(), closesAt + 1000)) };
    onTestFinished(() => {
      world.deps.clock = realClock;
    });
    const out = await closer({ consultationId: id }, lambdaContext as never);
    expect(out).toEqual({ status: 'published', result: `https://d111.cloudfront.net/c/${id}/` });
    const keys = s3
      .commandCalls(PutObjectCommand)
      .map((c) => c.args[0].input.Key!)
      .filter((k) => k.startsWith(`c/${id}/`));
    expect(keys.at(-1)).toBe(`c/${id}/result.jws`);
    const files: Record<string, Uint8Array> = {};
    for (const name of ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'result.jws'])
      files[name] = objects.get(`c/${id}/${name}`)!;
    const report = await verifyBundle(files, { pinned: publicKeyPem });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]!.args[0].input.Name).toBe(`close-${id}`);

    // Scheduler delivers at least once: a second delivery changes nothing.
    const signs = kms.commandCalls(SignCommand).length;
    expect(await closer({ consultationId: id }, lambdaContext as never)).toEqual(out);
    expect(kms.commandCalls(SignCommand)).toHaveLength(signs);
  });

  it('takes an attached document that API Gateway delivers base64-encoded, byte for byte, and publishes it to S3', async () => {
    const id = (await call('POST', '/api/consultations', roadConsultation())).json.id as string;
    // A PNG signature and bytes that are not UTF-8: only a base64 body carries them intact.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]);
    const event = {
      ...httpEvent('POST', `/api/consultations/${id}/documents`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
        body: Buffer.from(png).toString('base64'),
      }),
      rawQueryString: `title=${encodeURIComponent('Bản vẽ mặt cắt')}`,
      isBase64Encoded: true,
    };
    const res = await api(event, lambdaContext);
    expect(res.statusCode).toBe(201);
    const hash = createHash('sha256').update(png).digest('hex');
    expect(JSON.parse(res.body)).toEqual({ title: 'Bản vẽ mặt cắt', file: `docs/${hash}.png`, sha256: hash, bytes: png.length, mediaType: 'image/png' });
    const put = s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === `c/${id}/docs/${hash}.png`)!.args[0].input;
    expect(put).toMatchObject({ ContentType: 'image/png', CacheControl: 'public, max-age=31536000, immutable' });
    expect(objects.get(`c/${id}/docs/${hash}.png`)).toEqual(png);
  });

  it('answers a bad token with 401 in the error shape, and drops a malformed Scheduler event', async () => {
    const res = await api(
      httpEvent('POST', '/api/consultations', { headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body: '{}' }),
      lambdaContext,
    );
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    expect(await closer({ consultation: 'x' }, lambdaContext as never)).toEqual({ status: 'ignored' });
  });

  it('reads the viewer address from CloudFront only when told to trust it, skipping the edge API Gateway saw', () => {
    const ctx = (xff: string) =>
      ({
        env: { requestContext: { http: { sourceIp: '130.176.1.1' } } },
        req: { header: (name: string) => (name === 'x-forwarded-for' ? xff : undefined) },
      }) as never;
    expect(viewerAddress(ctx('198.51.100.9, 203.0.113.50'), false)).toBe('130.176.1.1');
    expect(viewerAddress(ctx('198.51.100.9, 203.0.113.50'), true)).toBe('203.0.113.50');
    expect(viewerAddress(ctx('198.51.100.9, 203.0.113.50, 130.176.1.1'), true)).toBe('203.0.113.50');
  });

  it('refuses requests that did not come through CloudFront when an origin secret is set', async () => {
    const secret = 's'.repeat(40);
    const guarded = createApiHandler(
      config,
      awsCoreDeps(config, {
        dynamodb: testDdbClient(),
        kms: new KMSClient({ region: 'eu-west-1' }),
        s3: new S3Client({ region: 'eu-west-1' }),
        scheduler: new SchedulerClient({ region: 'eu-west-1' }),
      }),
      async () => undefined,
      undefined,
      fixedOriginCheck(secret),
    );
    const direct = await guarded(httpEvent('GET', '/api/health'), lambdaContext);
    expect(direct.statusCode).toBe(403);
    const wrong = await guarded(httpEvent('GET', '/api/health', { headers: { 'x-origin-verify': 'x'.repeat(40) } }), lambdaContext);
    expect(wrong.statusCode).toBe(403);
    const viaSite = await guarded(httpEvent('GET', '/api/health', { headers: { 'x-origin-verify': secret } }), lambdaContext);
    expect(viaSite.statusCode).toBe(200);
  });

  it("refuses the officials' pages too when a request did not come through CloudFront", async () => {
    const secret = 't'.repeat(40);
    const deps = awsCoreDeps(config, {
      dynamodb: testDdbClient(),
      kms: new KMSClient({ region: 'eu-west-1' }),
      s3: new S3Client({ region: 'eu-west-1' }),
      scheduler: new SchedulerClient({ region: 'eu-west-1' }),
    });
    const officials = createOfficialsHandler(config, deps, async () => undefined, undefined, undefined, fixedOriginCheck(secret));
    expect((await officials(httpEvent('GET', '/officials/login'), lambdaContext)).statusCode).toBe(403);
    const viaSite = await officials(httpEvent('GET', '/officials/login', { headers: { 'x-origin-verify': secret } }), lambdaContext);
    expect(viaSite.statusCode).toBe(200);
  });

  it('publishes the signing key when the deploy trigger invokes the closer with {}', async () => {
    const out = (await closer({}, lambdaContext as never)) as { status: string; kid: string };
    expect(out.status).toBe('keys_published');
    const jwks = JSON.parse(new TextDecoder().decode(objects.get('keys/jwks.json')!));
    expect(jwks.keys[0].kid).toBe(out.kid);
    expect(objects.get(`keys/${out.kid}.pem`)).toBeDefined();
  });

  it("answers an official's close request from the API with {error} for a client mistake, not a failure", async () => {
    const out = await closer({ consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', idToken: token }, lambdaContext as never);
    expect(out).toMatchObject({ error: { code: 'not_found' } });
  });

  it('closes nothing for a claimed principal without a token: that event shape is dropped', async () => {
    const out = await closer(
      { consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', requestedBy: { sub: 'x', role: 'official', commune: 'xa-lambda' } },
      lambdaContext as never,
    );
    expect(out).toEqual({ status: 'ignored' });
  });
});
