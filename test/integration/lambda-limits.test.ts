/**
 * A 50,000-household round through the Lambda handlers, with Lambda's limits enforced on every invocation: a
 * response of at most 6 MB, the API's 29 s (API Gateway's limit) and the closer's own timeout, and the function's
 * memory. The round uploads its roll, opens, prints every code slip page by page, takes ballots, closes and publishes
 * a bundle that verifies; no code exists only in a response. DynamoDB is DynamoDB Local; KMS, S3 and Scheduler are
 * stand-ins (test/support/lambda-world.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../functions/core/codes.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { onlineConditions, onlineConsultation, rollCsv } from '../bench/fixtures.ts';
import { httpEvent, lambdaContext, lambdaWorld } from '../support/lambda-world.ts';

const HOUSEHOLDS = 50_000;
const MB = 1024 * 1024;
/** Lambda's limit on a synchronous invocation's response. */
const RESPONSE_LIMIT = 6 * MB;
/** The functions as deployed (infra/constructs/api.ts, closing.ts). */
const API = { name: 'danban-api', memoryMb: 1024, timeoutMs: 29_000 };
const CLOSER = { name: 'danban-closer', memoryMb: 1769, timeoutMs: 120_000 };
/**
 * The whole opening, however many calls it takes: each call is held to the API's 29 s above, and goes on in the next
 * call when its time is up, so on a slower or busier machine it takes more calls, not longer ones.
 */
const OPENING_MS = 300_000;

interface Limits {
  name: string;
  memoryMb: number;
  timeoutMs: number;
}

/**
 * Runs one invocation as Lambda would allow it: refused (the test fails) past the function's timeout, if its answer
 * is over 6 MB, or if the heap grew past the function's memory while it ran (sampled every 50 ms).
 */
async function withinLimits<T>(limits: Limits, run: (context: ReturnType<typeof lambdaContext>) => Promise<T>): Promise<T> {
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }, 50);
  let timer: NodeJS.Timeout | undefined;
  try {
    const out = await Promise.race([
      run(lambdaContext(limits.name, limits.memoryMb, limits.timeoutMs)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${limits.name} ran past its ${limits.timeoutMs / 1000} s timeout`)), limits.timeoutMs);
      }),
    ]);
    const size = Buffer.byteLength(JSON.stringify(out));
    if (size > RESPONSE_LIMIT) throw new Error(`${limits.name} answered ${size} bytes, past Lambda's 6 MB`);
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    if (peak > limits.memoryMb * MB) throw new Error(`${limits.name} grew its heap by ${Math.round(peak / MB)} MB, past its ${limits.memoryMb} MB`);
    return out;
  } finally {
    clearInterval(sampler);
    clearTimeout(timer);
  }
}

describe(`a ${HOUSEHOLDS.toLocaleString('en')}-household round within Lambda's limits`, () => {
  let world: Awaited<ReturnType<typeof lambdaWorld>>;
  let id: string;
  const codes = new Map<string, string>();
  const timings: string[] = [];

  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const headers: Record<string, string> = { authorization: `Bearer ${world.token}` };
    if (body !== undefined) headers['content-type'] = type;
    const started = Date.now();
    const res = await withinLimits(API, (context) =>
      world.api(
        httpEvent(method, path, { headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }),
        context as never,
      ),
    );
    timings.push(`${method} ${path.replace(id ?? '-', ':id')}: ${Date.now() - started} ms`);
    return { status: res.statusCode, json: JSON.parse(res.body) as any };
  };

  beforeAll(async () => {
    world = await lambdaWorld('xa-do-tai');
  });
  afterAll(() => {
    console.log(timings.join('\n'));
    world?.restore();
  });

  it('uploads the roll of 50,000 households in one request', async () => {
    const created = await call('POST', '/api/consultations', onlineConsultation());
    expect(created.status).toBe(201);
    id = created.json.id;
    const csv = rollCsv(HOUSEHOLDS);
    expect(Buffer.byteLength(csv)).toBeLessThan(5 * MB);
    const uploaded = await call('PUT', `/api/consultations/${id}/roll`, csv, 'text/csv');
    expect(uploaded.status).toBe(200);
    expect(uploaded.json.count).toBe(HOUSEHOLDS);
    for (const condition of onlineConditions(HOUSEHOLDS))
      expect((await call('POST', `/api/consultations/${id}/online-conditions`, condition)).status).toBe(201);
  });

  it(
    'opens: the answer holds the first codes and the address of the next page, never all 50,000',
    async () => {
      // More than one call may be needed: each answers 202 with the progress before its time is up, and goes on.
      const body = { override: { reason: 'Hội nghị thôn đã thống nhất biểu quyết ngay.' } };
      let opened = await call('POST', `/api/consultations/${id}/open`, body);
      const progress: number[] = [];
      while (opened.status === 202) {
        expect(opened.json).toMatchObject({ state: 'opening', progress: { total: HOUSEHOLDS } });
        progress.push(opened.json.progress.written);
        // Nobody can vote before it is done.
        expect((await world.deps.store.getConsultation(id))?.state).not.toBe('voting');
        opened = await call('POST', `/api/consultations/${id}/open`, body);
      }
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(opened.status).toBe(200);
      const log = await world.deps.store.getAudit(id);
      expect(log.filter((e) => e.action === 'voting_opened')).toHaveLength(1);
      expect(opened.json.credentials.length).toBeLessThan(HOUSEHOLDS);
      for (const k of opened.json.credentials) codes.set(k.household, k.code);
      let next: string | undefined = opened.json.next;
      expect(next).toBe(`/api/consultations/${id}/credentials?page=2`);
      while (next) {
        const page = await call('GET', next);
        expect(page.status).toBe(200);
        for (const k of page.json.credentials) codes.set(k.household, k.code);
        next = page.json.next;
      }
      expect(codes.size).toBe(HOUSEHOLDS);
      // Every code is the household's working one (checked on a sample against the stored hashes).
      for (const household of ['H-0000001', 'H-0025000', 'H-0050000']) {
        const code = codes.get(household)!;
        expect(await world.deps.store.findCredential(id, codeHash(id, normalizeCode(code)!))).toBe(household);
      }
    },
    OPENING_MS,
  );

  it('takes ballots, then closes and publishes through the closer, and the bundle verifies', async () => {
    const households = ['H-0000001', 'H-0000002', 'H-0012345', 'H-0049999'];
    for (const [i, household] of households.entries()) {
      const cast = await call('POST', `/api/consultations/${id}/ballots`, { code: codes.get(household), answers: { q1: i % 2 === 0 ? 'yes' : 'no' } });
      expect(cast.status).toBe(201);
    }
    // The schedule fires at closesAt: a scheduled close carries no one's word, so the closer acts only once it has passed.
    const closesAt = Date.parse((await world.deps.store.getConsultation(id))!.consultation.closesAt);
    world.deps.clock = { now: () => new Date(Math.max(Date.now(), closesAt + 1000)) };
    const started = Date.now();
    const out = await withinLimits(CLOSER, (context) => world.closer({ consultationId: id }, context as never));
    timings.push(`closer: ${Date.now() - started} ms`);
    expect(out).toMatchObject({ status: 'published' });
    const files: Record<string, Uint8Array> = {};
    for (const name of ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'result.jws'])
      files[name] = world.objects.get(`c/${id}/${name}`)!;
    const report = await verifyBundle(files, { pinned: world.publicKeyPem });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const roll = JSON.parse(new TextDecoder().decode(files['roll.json']));
    expect(roll.households ?? roll).toHaveLength(HOUSEHOLDS);
  });
});
