import { GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import type { PublishOptions, Publisher } from '../core/ports.ts';
import { assertSiteKey, siteUrl } from './fs-publisher.ts';

/**
 * Publishes the static site into an S3 bucket (served by CloudFront). Objects live under `prefix`; public URLs
 * are `baseUrl` + key (CloudFront's origin path maps the prefix away).
 * The function's role needs s3:PutObject and s3:GetObject on the prefix, and s3:ListBucket on the bucket:
 * without ListBucket S3 answers a missing key with 403 AccessDenied instead of 404 NoSuchKey.
 * @example
 * const site = new S3Publisher(new S3Client({}), 'danban-site', '', 'https://d111.cloudfront.net/');
 */
export class S3Publisher implements Publisher {
  private readonly prefix: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    prefix: string,
    private readonly baseUrl: string,
  ) {
    const trimmed = prefix.replace(/^\/+|\/+$/g, '');
    if (trimmed !== '') assertSiteKey(trimmed);
    this.prefix = trimmed === '' ? '' : `${trimmed}/`;
  }

  async put(key: string, body: Uint8Array | string, options: PublishOptions): Promise<void> {
    const Key = this.#objectKey(key);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
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

  #objectKey(key: string): string {
    assertSiteKey(key);
    return this.prefix + key;
  }
}

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
