/**
 * One way to define an API route: its spec (the OpenAPI entry) parses the path params, the query, the principal and
 * the JSON body before the handler runs, and hands the handler typed values. Because the same spec registers the
 * route and documents it, the OpenAPI document is true by construction.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod';
import { DomainError, type ErrorDetail } from '../../../shared/errors.ts';
import { detailsOf } from '../../../shared/issue-words.ts';
import { Ulid } from '../../../shared/schemas.ts';
import type { Principal } from '../../core/ports.ts';
import type { RouteSpec } from '../openapi.ts';

/** What the API's middleware sets on a request (middleware/bearer-principal.ts, hono's requestId). */
export type ApiEnv = { Variables: { principal: Principal | undefined; requestId: string } };
export type ApiContext = Context<ApiEnv>;

/** A consultation id: a ULID. Anything else cannot exist, so it is simply not found. */
export const idParam = Ulid;

export const JSON_LIMIT = 64 * 1024;

/** How long CloudFront may keep a public read (infra/constructs/site.ts, PUBLIC_READ_PATHS); browsers keep nothing. */
export const PUBLIC_READ_SECONDS = 15;
export const PUBLIC_READ_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_READ_SECONDS}`;

/**
 * Lets CloudFront keep this answer for a few seconds: only a public read's successful answer to an anonymous caller.
 * Everything else the API answers stays `no-store` (middleware/no-store.ts): receipts, ballots, anything signed in.
 */
export function cachePublicRead(c: Context, who: Principal | undefined): void {
  if (who === undefined) c.header('Cache-Control', PUBLIC_READ_CACHE_CONTROL);
}

/** A route spec with typed path params. */
export interface ApiRouteSpec extends RouteSpec {
  params?: Record<string, z.ZodType>;
  /** The JSON body may be absent (api.md's POST /open); it is parsed only when the client sends one. */
  bodyOptional?: boolean;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
type ParamsOf<S> = S extends { params: infer P extends Record<string, z.ZodType> } ? { [K in keyof P]: z.infer<P[K]> } : Record<string, never>;
/** Bodies other than JSON (a roll as CSV, a JWS, a file) are read by the handler itself. */
type RawBody = { csv: true } | { jws: true } | { binary: readonly string[] };
type BodyOf<S> = S extends RawBody ? undefined : S extends { body: infer B } ? (S extends { bodyOptional: true } ? Infer<B> | undefined : Infer<B>) : undefined;
type QueryOf<S> = S extends { query: infer Q } ? Infer<Q> : undefined;

/** What a handler receives: every part of the request its spec names, parsed. */
export interface RouteArgs<S extends ApiRouteSpec> {
  params: ParamsOf<S>;
  query: QueryOf<S>;
  body: BodyOf<S>;
  /** The principal; a route with `auth` never runs without one (401). */
  who: S extends { auth: string } ? Principal : Principal | undefined;
}

export interface ApiRoute {
  spec: ApiRouteSpec;
  register(app: Hono<ApiEnv>): void;
}

/** No request of the API nests deeper than a few levels; a body nested past this is refused, not recursed into. */
const MAX_DEPTH = 64;

/** Deeply NFC-normalizes every string of a parsed JSON value (api.md: text normalized to NFC on input). */
function nfc(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (value && typeof value === 'object' && depth >= MAX_DEPTH)
    throw new DomainError('invalid_request', `the body is nested more than ${MAX_DEPTH} levels deep`);
  if (Array.isArray(value)) return value.map((v) => nfc(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v, depth + 1)]));
  return value;
}

/** zod's issues as the `details` of an `invalid_request` (api.md). */
export function issuesToDetails(error: z.ZodError, prefix?: string): ErrorDetail[] {
  return detailsOf(error, prefix ? { prefix } : {});
}

/** Reads a JSON body (415 if not JSON, 400 if malformed or not matching `schema`). */
export async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new DomainError('unsupported_media_type', 'send application/json');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new DomainError('invalid_json');
  }
  const parsed = schema.safeParse(nfc(raw));
  if (!parsed.success) throw new DomainError('invalid_request', 'the body does not match the schema', issuesToDetails(parsed.error));
  return parsed.data;
}

function parseParams(c: Context, params: Record<string, z.ZodType> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(params ?? {})) {
    const parsed = schema.safeParse(c.req.param(name));
    // A param that cannot exist is simply not found.
    if (!parsed.success) throw new DomainError('not_found', `no such ${name}`);
    out[name] = parsed.data;
  }
  return out;
}

function parseQuery(c: Context, query: z.ZodObject | undefined): unknown {
  if (!query) return undefined;
  const raw = Object.fromEntries(Object.keys(query.shape).map((k) => [k, c.req.query(k)?.normalize('NFC')]));
  const parsed = query.safeParse(raw);
  if (!parsed.success) throw new DomainError('invalid_request', 'the query is not valid', issuesToDetails(parsed.error, 'query'));
  return parsed.data;
}

function isRaw(spec: ApiRouteSpec): boolean {
  return spec.csv === true || spec.jws === true || spec.binary !== undefined;
}

async function parseBody(c: Context, spec: ApiRouteSpec): Promise<unknown> {
  if (!spec.body || isRaw(spec)) return undefined;
  const sent = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined;
  if (spec.bodyOptional && !sent) return undefined;
  return jsonBody(c, spec.body);
}

const tooLarge = () => {
  throw new DomainError('payload_too_large');
};

/**
 * A route: params (404), then the principal (401 for an `auth` route without one), then the query and the body (400,
 * 415), then the handler.
 * @example defineRoute({ method: 'get', path: '/api/consultations/{id}', params: { id: idParam }, summary, responses }, async ({ params }, c) => c.json(...))
 */
export function defineRoute<const S extends ApiRouteSpec>(spec: S, handler: (args: RouteArgs<S>, c: ApiContext) => Promise<Response>): ApiRoute {
  return {
    spec,
    register(app) {
      const path = spec.path.replace(/\{(\w+)\}/g, ':$1');
      const limit = bodyLimit({ maxSize: spec.bodyLimit ?? JSON_LIMIT, onError: tooLarge });
      app.on(spec.method.toUpperCase(), path, limit, async (c) => {
        const params = parseParams(c, spec.params);
        const who = c.get('principal');
        if (spec.auth && !who) throw new DomainError('unauthorized');
        const query = parseQuery(c, spec.query);
        const body = await parseBody(c, spec);
        return handler({ params, query, body, who } as RouteArgs<S>, c);
      });
    },
  };
}

/** A resource's routes as a Hono sub-app, with their specs for the OpenAPI document. */
export interface ApiResource {
  app: Hono<ApiEnv>;
  specs: RouteSpec[];
}

/** Builds a resource's sub-app from its routes, in order. */
export function resource(routes: readonly ApiRoute[]): ApiResource {
  const app = new Hono<ApiEnv>();
  for (const r of routes) r.register(app);
  return { app, specs: routes.map((r) => r.spec) };
}
