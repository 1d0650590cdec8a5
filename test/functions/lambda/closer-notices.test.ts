/** The closer sends the notices its sweep finds due only where the stack says so (`SWEEP_NOTICES=1`), by SMS. */
import { describe, expect, it } from 'vitest';
import { SnsSmsNotifier } from '../../../functions/adapters/sns-sms-notifier.ts';
import { awsClients, awsCoreDeps, readCloserConfig } from '../../../functions/lambda/aws-deps.ts';

const env = {
  AWS_REGION: 'ap-southeast-1',
  TABLE_NAME: 'danban-test',
  SIGNING_KEY_ID: 'arn:aws:kms:ap-southeast-1:111122223333:key/1',
  SITE_BUCKET: 'site-bucket',
  SITE_URL: 'https://danban.example.org/',
  SCHEDULER_GROUP: 'danban-test',
};

describe('the closer’s notices', () => {
  it('has an SMS notifier and the contact book with SWEEP_NOTICES=1, and none without', () => {
    const on = readCloserConfig({ ...env, SWEEP_NOTICES: '1', SMS_SENDER_ID: 'UBNDXA' });
    const deps = awsCoreDeps(on, awsClients(on));
    expect(deps.notifier).toBeInstanceOf(SnsSmsNotifier);
    expect(deps.contacts).toBe(deps.store);
    const off = readCloserConfig(env);
    expect(off.SWEEP_NOTICES).toBe('0');
    const none = awsCoreDeps(off, awsClients(off));
    expect(none.notifier).toBeUndefined();
    expect(none.contacts).toBeUndefined();
  });

  it('refuses a sender id that is not 1 to 11 letters and digits', () => {
    expect(() => readCloserConfig({ ...env, SWEEP_NOTICES: '1', SMS_SENDER_ID: 'UBND XÃ' })).toThrow(/SMS_SENDER_ID/);
  });
});
