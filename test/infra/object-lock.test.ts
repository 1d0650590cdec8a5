/**
 * Object Lock on the site bucket. CloudFormation replaces an existing bucket whose `ObjectLockEnabled` changes (the
 * property cannot be updated in place), and the bucket is retained on delete, so a stack deployed before the lock
 * existed would move to a new, empty bucket and leave every published result in the old one. Such a stack enables
 * the lock by hand and sets `objectLockOutsideTemplate`; the template then leaves the property out.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StackConfigError, stackConfig } from '../../infra/config.ts';
import { Site } from '../../infra/constructs/site.ts';

const API = {
  apiDomainName: 'api.danban.example.org',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abcdef01-2345-6789-abcd-ef0123456789',
};

function siteBucket(objectLockOutsideTemplate: boolean): Record<string, unknown> {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'ap-southeast-1' } });
  const site = new Site(stack, 'Site', objectLockOutsideTemplate ? { objectLockOutsideTemplate } : {});
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const id = stack.getLogicalId(site.bucket.node.defaultChild as never);
  return resources[id]!.Properties;
}

describe('the site bucket’s Object Lock', () => {
  let fresh: Record<string, unknown>;
  let lockedByHand: Record<string, unknown>;
  beforeAll(() => {
    fresh = siteBucket(false);
    lockedByHand = siteBucket(true);
  }, 60_000);

  it('is in the template of a new stack, with versioning', () => {
    const bucket = fresh;
    expect(bucket.ObjectLockEnabled).toBe(true);
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('is left out of the template of a stack whose bucket was locked by hand, which keeps versioning', () => {
    const bucket = lockedByHand;
    expect(bucket).not.toHaveProperty('ObjectLockEnabled');
    expect(bucket).not.toHaveProperty('ObjectLockConfiguration');
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('is read from the context as true or false, and nothing else', () => {
    const config = (v: unknown) => stackConfig((k) => ({ ...API, objectLockOutsideTemplate: v })[k]);
    expect(config('true').objectLockOutsideTemplate).toBe(true);
    expect(config(true).objectLockOutsideTemplate).toBe(true);
    expect(config('false')).not.toHaveProperty('objectLockOutsideTemplate');
    expect(config(undefined)).not.toHaveProperty('objectLockOutsideTemplate');
    expect(() => config('yes')).toThrow(StackConfigError);
  });
});
