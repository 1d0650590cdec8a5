/**
 * The published files that had no zod schema of their own, written to match what the site publishes: the key set
 * `keys/jwks.json` (functions/core/publishing.ts `publishKeys`), the list of accepted countersignatures
 * `c/<id>/attestations/index.json` (functions/core/attestations.ts) and the audit's list of slips to pull
 * `c/<id>/audit/draws.json` (functions/core/rla.ts). Nothing parses with these at run time; the
 * open-data schemas are generated from them and the integration test checks the published files against them.
 */
import * as z from 'zod';
import { SEED_PATTERN } from '../rla/sampler.ts';
import { Serial, Ulid } from '../schemas.ts';
import { TRANSLATED_NOTICES, TRANSLATION_FORMAT } from '../translations.ts';

/** An RFC 7638 thumbprint: base64url of a SHA-256 digest, 43 characters (the `kid` of every key). */
export const Kid = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'kid: an RFC 7638 thumbprint, 43 base64url characters');

/** A 32-byte P-256 coordinate in base64url, 43 characters. */
const Coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 coordinate: 43 base64url characters');

/** A result-signing public key as `keys/jwks.json` lists it. */
export const PublishedJwk = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: Coordinate,
  y: Coordinate,
  kid: Kid,
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});

/** `keys/jwks.json`: the result-signing public keys (RFC 7517 key set). */
export const PublishedJwks = z.strictObject({ keys: z.array(PublishedJwk).min(1) });
export type PublishedJwks = z.infer<typeof PublishedJwks>;

/** `c/<id>/attestations/index.json`: the kids of the countersignatures accepted, each published as `<kid>.jws`. */
export const AttestationsIndex = z.array(Kid);
export type AttestationsIndex = z.infer<typeof AttestationsIndex>;

/** `c/<id>/audit/draws.json`: the seed of the risk-limiting audit and the slips to pull, as listed now (functions/core/rla.ts). */
export const RlaDrawsFile = z.strictObject({
  consultationId: z.string(),
  seed: z.string().regex(SEED_PATTERN, 'seed: ASCII digits'),
  draws: z.array(z.strictObject({ k: z.int().min(1), serial: Serial })),
});
export type RlaDrawsFile = z.infer<typeof RlaDrawsFile>;

/**
 * `c/<id>/translations/<tag>.json`: a commune's own translation as published, once checked (shared/translations.ts
 * `Translation`, whose input transforms, NFC and the tag's case, are already applied here).
 */
export const TranslationFile = z.strictObject({
  format: z.literal(TRANSLATION_FORMAT),
  consultationId: Ulid,
  language: z.strictObject({ tag: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), name: z.string().min(1).max(100) }),
  title: z.string().min(1).max(300),
  description: z.string().max(20_000),
  questions: z
    .array(
      z.strictObject({
        id: z.string(),
        text: z.string().min(1).max(2000),
        options: z.array(z.strictObject({ id: z.string(), label: z.string().min(1).max(500) })).max(50),
      }),
    )
    .min(1)
    .max(20),
  notices: z.partialRecord(z.enum(TRANSLATED_NOTICES), z.string().max(340)).optional(),
});
export type TranslationFile = z.infer<typeof TranslationFile>;

/**
 * `c/<id>/translations/<sha256>.json`: the commune's translation file as it uploaded it (a JSON upload; a CSV one is
 * published as `.csv`), before NFC and the tag's case were applied: the same fields, looser, since the checked copy beside
 * it (`<tag>.json`) is the one the pages read.
 */
export const TranslationUpload = z.strictObject({
  format: z.literal(TRANSLATION_FORMAT),
  consultationId: z.string(),
  language: z.strictObject({ tag: z.string().regex(/^\s*[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\s*$/), name: z.string() }),
  title: z.string(),
  description: z.string(),
  questions: z.array(z.strictObject({ id: z.string(), text: z.string(), options: z.array(z.strictObject({ id: z.string(), label: z.string() })).optional() })),
  notices: z.record(z.string(), z.string()).optional(),
});
