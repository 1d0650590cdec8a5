import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3Publisher } from '../../../functions/adapters/s3-publisher.ts';

const s3 = mockClient(S3Client);
const immutable = { contentType: 'application/json', cacheControl: 'public, max-age=31536000, immutable' };

function publisher(prefix = 'site'): S3Publisher {
  return new S3Publisher(new S3Client({}), 'danban-site', prefix, 'https://d111.cloudfront.net/');
}

/** The part of the SDK's streaming body the publisher uses. */
function body(bytes: Uint8Array): GetObjectCommandOutput['Body'] {
  const stream = { transformToByteArray: async () => new Uint8Array(bytes) };
  return stream as unknown as GetObjectCommandOutput['Body'];
}

describe('S3Publisher', () => {
  beforeEach(() => s3.reset());

  it('puts an object under the prefix with its content type and cache control', async () => {
    s3.on(PutObjectCommand).resolves({});
    const bytes = new Uint8Array([1, 2, 3]);
    await publisher('/site/').put('c/01J/tally.json', bytes, immutable);
    expect(s3).toHaveReceivedCommandExactlyOnceWith(PutObjectCommand, {
      Bucket: 'danban-site',
      Key: 'site/c/01J/tally.json',
      Body: bytes,
      ContentType: 'application/json',
      CacheControl: 'public, max-age=31536000, immutable',
    });
  });

  it('sends a string body as UTF-8 bytes and uses the key as is without a prefix', async () => {
    s3.on(PutObjectCommand).resolves({});
    await publisher('').put('c/01J/index.html', 'Dân bàn', { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input.Key).toBe('c/01J/index.html');
    expect(input.Body).toEqual(new TextEncoder().encode('Dân bàn'));
  });

  it('reads an object back as bytes', async () => {
    s3.on(GetObjectCommand, { Bucket: 'danban-site', Key: 'site/c/01J/tally.json' }).resolves({ Body: body(new Uint8Array([9, 8])) });
    expect(await publisher().get('c/01J/tally.json')).toEqual(new Uint8Array([9, 8]));
  });

  it('answers undefined for a missing object (NoSuchKey, or a bare 404)', async () => {
    s3.on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(new S3ServiceException({ name: 'NotFound', $fault: 'client', message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    expect(await publisher().get('c/01J/tally.json')).toBeUndefined();
    expect(await publisher().get('c/01J/tally.json')).toBeUndefined();
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 2);
  });

  it('reports other failures with the bucket, key and error, keeping the SDK error as the cause', async () => {
    const denied = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403 } });
    s3.on(GetObjectCommand).rejects(denied);
    s3.on(PutObjectCommand).rejects(denied);
    const failure = await publisher()
      .get('c/01J/tally.json')
      .catch((e: unknown) => e);
    expect((failure as Error).message).toBe('S3 GetObject s3://danban-site/site/c/01J/tally.json failed: AccessDenied: Access Denied');
    expect((failure as Error).cause).toBe(denied);
    await expect(publisher().put('a.json', '{}', immutable)).rejects.toThrow('S3 PutObject s3://danban-site/site/a.json failed: AccessDenied: Access Denied');
  });

  it.each(['../secret', 'c/../../x', '/etc/passwd', 'c\\01J\\x', 'c//x', 'c/./x', '', 'c/01J/'])('refuses the key %j without calling S3', async (key) => {
    await expect(publisher().put(key, 'x', immutable)).rejects.toThrow(/Invalid site key/);
    await expect(publisher().get(key)).rejects.toThrow(/Invalid site key/);
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('builds public URLs from the base URL, not the bucket prefix', () => {
    expect(publisher().url('c/01J/')).toBe('https://d111.cloudfront.net/c/01J/');
    expect(publisher().url('c/01J/tally.json')).toBe('https://d111.cloudfront.net/c/01J/tally.json');
    expect(() => publisher().url('../x')).toThrow(/Invalid site key/);
  });
});
