import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { PublishOptions, Publisher } from '../core/ports.ts';
import { assertSiteKey, siteUrl } from './fs-publisher.ts';

/**
 * Publishes the static site into an S3 bucket (served by CloudFront). Objects live under `prefix`; public URLs
 * are `baseUrl` + key (CloudFront's origin path maps the prefix away).
 * The function's role needs s3:PutObject and s3:GetObject on the prefix, and s3:ListBucket on the bucket:
 * without ListBucket S3 answers a missing key with 403 AccessDenied instead of 404 NoSuchKey. A body over
 * MULTIPART_ABOVE bytes (ballots.json of a large commune) goes up in parts, each a view of the body and none a copy;
 * a failed upload is aborted, which takes s3:AbortMultipartUpload (else its parts stay until a lifecycle rule).
 *
 * With `lock` (the closer's publisher), the signed files of a result (LOCKED_BUNDLE_FILES under `c/<id>/`) are put
 * under an Object Lock retention in governance mode until `lock.years` after the put: that version cannot be deleted
 * or overwritten by any role without s3:BypassGovernanceRetention, which none has. A second put (the closer is
 * idempotent) adds a version with a retention of its own. Every other key is put as before.
 * @example
 * const site = new S3Publisher(new S3Client({}), 'danban-site', '', 'https://d111.cloudfront.net/');
 * const closers = new S3Publisher(new S3Client({}), 'danban-site', '', 'https://d111.cloudfront.net/', { lock: { years: 10 } });
 */
export class S3Publisher implements Publisher {
  private readonly prefix: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    prefix: string,
    private readonly baseUrl: string,
    private readonly options: S3PublisherOptions = {},
  ) {
    if (options.lock && !(Number.isInteger(options.lock.years) && options.lock.years >= 1 && options.lock.years <= 100))
      throw new Error(`the retention of a result is a whole number of years from 1 to 100, not ${options.lock.years}`);
    const trimmed = prefix.replace(/^\/+|\/+$/g, '');
    if (trimmed !== '') assertSiteKey(trimmed);
    this.prefix = trimmed === '' ? '' : `${trimmed}/`;
  }

  async put(key: string, body: Uint8Array | string, options: PublishOptions): Promise<void> {
    const Key = this.#objectKey(key);
    const lock = this.#lockOf(key);
    if (typeof body !== 'string' && body.length > MULTIPART_ABOVE) return this.#putInParts(Key, body, options, lock);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          // S3 takes a retention only with an integrity checksum of the body (the SDK computes it).
          ...(lock ? { ...lock, ChecksumAlgorithm: 'CRC32' as const } : {}),
        }),
      );
    } catch (err) {
      throw s3Error('PutObject', this.bucket, Key, err);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const Key = this.#objectKey(key);
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!out.Body) throw new Error('no body');
      return await out.Body.transformToByteArray();
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw s3Error('GetObject', this.bucket, Key, err);
    }
  }

  url(key: string): string {
    return siteUrl(this.baseUrl, key);
  }

  /** CreateMultipartUpload, the parts PARTS_IN_FLIGHT at a time, CompleteMultipartUpload; AbortMultipartUpload on failure. */
  async #putInParts(Key: string, body: Uint8Array, options: PublishOptions, lock: ObjectLock | undefined): Promise<void> {
    const Bucket = this.bucket;
    let UploadId: string | undefined;
    let operation = 'CreateMultipartUpload';
    try {
      ({ UploadId } = await this.s3.send(
        new CreateMultipartUploadCommand({ Bucket, Key, ContentType: options.contentType, CacheControl: options.cacheControl, ...(lock ?? {}) }),
      ));
      if (!UploadId) throw new Error('no UploadId');
      const id = UploadId;
      const count = Math.ceil(body.length / PART_SIZE);
      const parts: CompletedPart[] = new Array(count);
      let next = 0;
      let failed = false;
      operation = 'UploadPart';
      const worker = async () => {
        // After a failure no new part starts; the parts in flight end before the upload is aborted.
        while (!failed && next < count) {
          const i = next++;
          const Body = body.subarray(i * PART_SIZE, Math.min(body.length, (i + 1) * PART_SIZE));
          try {
            const out = await this.s3.send(new UploadPartCommand({ Bucket, Key, UploadId: id, PartNumber: i + 1, Body, ContentLength: Body.length }));
            if (!out.ETag) throw new Error(`no ETag for part ${i + 1}`);
            parts[i] = { PartNumber: i + 1, ETag: out.ETag };
          } catch (err) {
            failed = true;
            throw err;
          }
        }
      };
      const settled = await Promise.allSettled(Array.from({ length: Math.min(PARTS_IN_FLIGHT, count) }, worker));
      const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (rejected) throw rejected.reason;
      operation = 'CompleteMultipartUpload';
      await this.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: id, MultipartUpload: { Parts: parts } }));
    } catch (err) {
      if (UploadId !== undefined) {
        // Best effort: the upload's parts are dropped; a failure here leaves them to the bucket's lifecycle rule.
        await this.s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      }
      throw s3Error(operation, Bucket, Key, err);
    }
  }

  /** The retention of `key` (a site key, before the prefix), if it is a signed file of a result and this publisher locks. */
  #lockOf(key: string): ObjectLock | undefined {
    const lock = this.options.lock;
    if (!lock || !isLockedBundleFile(key)) return undefined;
    const until = new Date((lock.now ?? (() => new Date()))());
    until.setUTCFullYear(until.getUTCFullYear() + lock.years);
    return { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: until };
  }

  #objectKey(key: string): string {
    assertSiteKey(key);
    return this.prefix + key;
  }
}

export interface S3PublisherOptions {
  /** Keep the signed files of a result under a governance-mode retention for `years` from each put (`now`: tests). */
  lock?: { years: number; now?: () => Date };
}

interface ObjectLock {
  ObjectLockMode: 'GOVERNANCE';
  ObjectLockRetainUntilDate: Date;
}

/**
 * The signed bundle of a result (the bundle spec, bundle.md, "Where it lives"): the files the manifest hashes, the
 * manifest and its signature. Pages, CSV extracts, attestations and records beside them are not locked.
 */
export const LOCKED_BUNDLE_FILES = [
  'consultation.json',
  'roll.json',
  'participants.json',
  'ballots.json',
  'audit.jsonl',
  'opinions.json',
  'result.json',
  'result.jws',
] as const;

const LOCKED = new Set<string>(LOCKED_BUNDLE_FILES);

/** Is `key` (`c/<id>/<file>`) one of a result's signed files? */
export function isLockedBundleFile(key: string): boolean {
  const parts = key.split('/');
  return parts.length === 3 && parts[0] === 'c' && parts[1] !== '' && LOCKED.has(parts[2]!);
}

/** Bodies larger than this go up in parts (S3 takes up to 5 GB in one PutObject, but a retry then resends it all). */
export const MULTIPART_ABOVE = 16 * 2 ** 20;
/** The size of each part but the last (S3: at least 5 MiB, at most 10,000 parts: 80 GB here). */
export const PART_SIZE = 8 * 2 ** 20;
const PARTS_IN_FLIGHT = 4;

function isNotFound(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'NoSuchKey' || err.name === 'NotFound') return true;
  return err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404;
}

function s3Error(operation: string, bucket: string, key: string, err: unknown): Error {
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`S3 ${operation} s3://${bucket}/${key} failed: ${name}: ${message}`, { cause: err });
}
