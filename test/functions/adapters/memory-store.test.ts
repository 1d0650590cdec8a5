import { describe, expect, it } from 'vitest';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';
import { audit, consultation, T } from './store-contract/fixtures.ts';

describeStoreContract('memory', async ({ attemptWindowMs }) => ({ store: new MemoryStore(), limiter: new MemoryAttemptLimiter(attemptWindowMs) }));

// The contract gives every test a fresh store: that only isolates the tests if two memory stores share nothing.
describe('memory stores', () => {
  it('share nothing: a round created in one is not in another', async () => {
    const one = new MemoryStore();
    const other = new MemoryStore();
    await one.createConsultation(consultation(1), T.created, audit('created'));
    expect((await one.listConsultations()).map((r) => r.consultation.id)).toEqual([consultation(1).id]);
    expect(await other.listConsultations()).toEqual([]);
  });
});
