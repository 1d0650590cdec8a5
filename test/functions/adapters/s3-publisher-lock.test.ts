import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { isLockedBundleFile, LOCKED_BUNDLE_FILES, MULTIPART_ABOVE, S3Publisher } from '../../../functions/adapters/s3-publisher.ts';

const s3 = mockClient(S3Client);
const immutable = { contentType: 'application/json', cacheControl: 'public, max-age=31536000, immutable' };
const NOW = new Date('2026-12-06T03:04:05.000Z');
const id = '01J0000000000000000000000A';

/** The closer's publisher: a retention of `years` from NOW on the signed files of a result. */
const locking = (years = 10, prefix = '') =>
  new S3Publisher(new S3Client({}), 'danban-site', prefix, 'https://d111.cloudfront.net/', { lock: { years, now: () => NOW } });

describe('S3Publisher with Object Lock (the closer)', () => {
  beforeEach(() => s3.reset());

  it.each(LOCKED_BUNDLE_FILES)('puts c/<id>/%s in governance mode until ten years after the put, with a checksum', async (file) => {
    s3.on(PutObjectCommand).resolves({});
    await locking().put(`c/${id}/${file}`, '{}', immutable);
    expect(s3).toHaveReceivedCommandExactlyOnceWith(PutObjectCommand, {
      Bucket: 'danban-site',
      Key: `c/${id}/${file}`,
      ObjectLockMode: 'GOVERNANCE',
      ObjectLockRetainUntilDate: new Date('2036-12-06T03:04:05.000Z'),
      ChecksumAlgorithm: 'CRC32',
      ContentType: 'application/json',
    });
  });

  it('takes the number of years from its configuration', async () => {
    s3.on(PutObjectCommand).resolves({});
    await locking(3).put(`c/${id}/result.jws`, 'x.y.z', immutable);
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.ObjectLockRetainUntilDate).toEqual(new Date('2029-12-06T03:04:05.000Z'));
  });

  it.each([
    'index.html',
    `c/${id}/index.html`,
    `c/${id}/verify.html`,
    `c/${id}/tally.csv`,
    `c/${id}/ballots.csv`,
    `c/${id}/attestations/index.json`,
    `c/${id}/attestations/result.jws`,
    `c/${id}/record/decision.json`,
    `c/${id}/contributions/schedule.json`,
    'g/01J0000000000000000000000B/aggregate.jws',
    'keys/jwks.json',
  ])('puts %s with no retention: pages, extracts, records and keys stay replaceable', async (key) => {
    s3.on(PutObjectCommand).resolves({});
    await locking().put(key, 'x', immutable);
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input.Key).toBe(key);
    expect(input.ObjectLockMode).toBeUndefined();
    expect(input.ObjectLockRetainUntilDate).toBeUndefined();
  });

  it('locks the key under the prefix by its site key', async () => {
    s3.on(PutObjectCommand).resolves({});
    await locking(10, 'site').put(`c/${id}/audit.jsonl`, 'x', immutable);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Key: `site/c/${id}/audit.jsonl`, ObjectLockMode: 'GOVERNANCE' });
  });

  it('without a lock (the API and staff functions) puts a signed file name with no retention', async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3Publisher(new S3Client({}), 'danban-site', '', 'https://d111.cloudfront.net/').put(`c/${id}/result.json`, '{}', immutable);
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input.ObjectLockMode).toBeUndefined();
    expect(input.ObjectLockRetainUntilDate).toBeUndefined();
  });

  it('a large ballots.json goes up in parts under the same retention', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u1' });
    s3.on(UploadPartCommand).callsFake((input: { PartNumber: number }) => ({ ETag: `"e${input.PartNumber}"` }));
    s3.on(CompleteMultipartUploadCommand).resolves({});
    await locking().put(`c/${id}/ballots.json`, new Uint8Array(MULTIPART_ABOVE + 1), immutable);
    expect(s3).toHaveReceivedCommandExactlyOnceWith(CreateMultipartUploadCommand, {
      Key: `c/${id}/ballots.json`,
      ObjectLockMode: 'GOVERNANCE',
      ObjectLockRetainUntilDate: new Date('2036-12-06T03:04:05.000Z'),
    });
    expect(s3).toHaveReceivedCommandTimes(CompleteMultipartUploadCommand, 1);
  });

  it('refuses a retention that is not a whole number of years from 1 to 100', () => {
    for (const years of [0, -1, 1.5, 101, Number.NaN]) expect(() => locking(years), String(years)).toThrow(/whole number of years/);
  });

  it('names exactly the signed files of a result folder', () => {
    expect(isLockedBundleFile(`c/${id}/result.jws`)).toBe(true);
    expect(isLockedBundleFile(`c/${id}/opinions.json`)).toBe(true);
    expect(isLockedBundleFile('c//result.jws')).toBe(false);
    expect(isLockedBundleFile('result.jws')).toBe(false);
    expect(isLockedBundleFile(`c/${id}/attestations/result.jws`)).toBe(false);
    expect(isLockedBundleFile(`g/${id}/result.jws`)).toBe(false);
  });
});
