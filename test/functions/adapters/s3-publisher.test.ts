import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { MULTIPART_ABOVE, PART_SIZE, S3Publisher } from '../../../functions/adapters/s3-publisher.ts';

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

  describe('a body over MULTIPART_ABOVE bytes goes up in parts', () => {
    /** A body of two full parts and a bit, every byte telling its position, so that a part in the wrong place shows. */
    const large = () => {
      const bytes = new Uint8Array(2 * PART_SIZE + 12_345);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >>> 13)) & 0xff;
      return bytes;
    };

    it('creates the upload with the content type and cache control, sends each part as a view of the body, completes in order', async () => {
      expect(2 * PART_SIZE + 12_345).toBeGreaterThan(MULTIPART_ABOVE);
      s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-1' });
      s3.on(UploadPartCommand).callsFake((input: { PartNumber: number }) => ({ ETag: `"etag-${input.PartNumber}"` }));
      s3.on(CompleteMultipartUploadCommand).resolves({});
      const bytes = large();
      await publisher().put('c/01J/ballots.json', bytes, immutable);

      expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
      expect(s3).toHaveReceivedCommandExactlyOnceWith(CreateMultipartUploadCommand, {
        Bucket: 'danban-site',
        Key: 'site/c/01J/ballots.json',
        ContentType: 'application/json',
        CacheControl: 'public, max-age=31536000, immutable',
      });
      const parts = s3
        .commandCalls(UploadPartCommand)
        .map((c) => c.args[0].input)
        .sort((a, b) => a.PartNumber! - b.PartNumber!);
      expect(parts.map((p) => [p.PartNumber, p.UploadId, p.Key, (p.Body as Uint8Array).length])).toEqual([
        [1, 'up-1', 'site/c/01J/ballots.json', PART_SIZE],
        [2, 'up-1', 'site/c/01J/ballots.json', PART_SIZE],
        [3, 'up-1', 'site/c/01J/ballots.json', 12_345],
      ]);
      // The parts put together are the body, and none is a copy of it.
      const joined = Buffer.concat(parts.map((p) => p.Body as Uint8Array));
      expect(Buffer.compare(joined, Buffer.from(bytes))).toBe(0);
      for (const p of parts) expect((p.Body as Uint8Array).buffer).toBe(bytes.buffer);
      expect(s3).toHaveReceivedCommandExactlyOnceWith(CompleteMultipartUploadCommand, {
        Bucket: 'danban-site',
        Key: 'site/c/01J/ballots.json',
        UploadId: 'up-1',
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: '"etag-1"' },
            { PartNumber: 2, ETag: '"etag-2"' },
            { PartNumber: 3, ETag: '"etag-3"' },
          ],
        },
      });
      expect(s3).not.toHaveReceivedCommand(AbortMultipartUploadCommand);
    });

    it('aborts the upload when a part fails, and reports the failure with the bucket and key', async () => {
      const slow = new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        message: 'Please reduce your request rate.',
        $metadata: { httpStatusCode: 503 },
      });
      s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-2' });
      s3.on(UploadPartCommand).resolves({ ETag: '"e"' }).on(UploadPartCommand, { PartNumber: 2 }).rejects(slow);
      s3.on(AbortMultipartUploadCommand).resolves({});
      await expect(publisher().put('c/01J/ballots.json', large(), immutable)).rejects.toThrow(
        'S3 UploadPart s3://danban-site/site/c/01J/ballots.json failed: SlowDown: Please reduce your request rate.',
      );
      expect(s3).not.toHaveReceivedCommand(CompleteMultipartUploadCommand);
      expect(s3).toHaveReceivedCommandExactlyOnceWith(AbortMultipartUploadCommand, { Bucket: 'danban-site', Key: 'site/c/01J/ballots.json', UploadId: 'up-2' });
    });

    it('aborts when completing fails, and a body at the threshold still goes in one PutObject', async () => {
      s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-3' });
      s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
      s3.on(CompleteMultipartUploadCommand).rejects(new Error('InternalError'));
      s3.on(AbortMultipartUploadCommand).resolves({});
      await expect(publisher().put('c/01J/ballots.json', large(), immutable)).rejects.toThrow(/S3 CompleteMultipartUpload .* failed/);
      expect(s3).toHaveReceivedCommandExactlyOnceWith(AbortMultipartUploadCommand, { Bucket: 'danban-site', Key: 'site/c/01J/ballots.json', UploadId: 'up-3' });

      s3.reset();
      s3.on(PutObjectCommand).resolves({});
      await publisher().put('c/01J/roll.json', new Uint8Array(MULTIPART_ABOVE), immutable);
      expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
      expect(s3).not.toHaveReceivedCommand(CreateMultipartUploadCommand);
    });
  });
});
