import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', async ({ attemptWindowMs }) => ({ store: new MemoryStore(), limiter: new MemoryAttemptLimiter(attemptWindowMs) }));
