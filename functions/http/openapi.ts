/** The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests. */
import * as z from 'zod';
import { ErrorBody } from './api-schemas.ts';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path: `/api/consultations/{id}`. */
  path: string;
  summary: string;
  auth?: 'official' | 'monitor' | 'commune';
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Also accepts text/csv (the roll). */
  csv?: boolean;
  /** Also accepts application/jose (an attestation). */
  jws?: boolean;
  /** The body is the raw bytes of a file of one of these media types (an attached document). */
  binary?: readonly string[];
  bodyLimit?: number;
  tag?: string;
  responses: Record<number, z.ZodType>;
}

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });

const ERRORS: Record<number, string> = {
  400: 'Malformed or invalid (details name each field)',
  401: 'No or bad token, or a wrong voting code',
  403: 'Wrong role or another commune',
  404: 'Unknown id',
  409: 'Wrong state or already done',
  413: 'Body over the limit',
  415: 'Wrong media type',
  429: 'Too many attempts',
};

export function openApiDocument(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query
      ? Object.entries(r.query.shape).map(([name, s]) => ({
          name,
          in: 'query',
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema: schema(s as z.ZodType),
        }))
      : [];
    const content: Record<string, unknown> = {};
    if (r.body) content['application/json'] = { schema: schema(r.body) };
    if (r.csv)
      content['text/csv'] = {
        schema: { type: 'string', description: 'header id,hamlet,head,members,category (optionally ,frontage_m: metres with one decimal)' },
      };
    if (r.jws) content['application/jose'] = { schema: { type: 'string', description: 'compact JWS' } };
    for (const type of r.binary ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
    const responses: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(r.responses)) responses[status] = { description: 'OK', content: { 'application/json': { schema: schema(s) } } };
    for (const [status, description] of Object.entries(ERRORS)) {
      if (!r.auth && (status === '401' || status === '403') && !r.path.endsWith('/ballots')) continue;
      responses[status] = { description, ...error };
    }
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(r.tag ? { tags: [r.tag] } : {}),
      ...(r.auth ? { security: [{ bearer: [] }], 'x-role': r.auth } : {}),
      ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
      ...(Object.keys(content).length > 0 ? { requestBody: { required: true, content } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dân bàn API', version: '1', description: 'Public consultation and household ballots for communes and wards.' },
    paths,
    components: {
      schemas: { Error: schema(ErrorBody) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
