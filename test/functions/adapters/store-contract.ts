/**
 * The Store contract: what every implementation of the persistence port (functions/core/store.ts) does, stated
 * as facts and run on each of them, the DynamoDB store on DynamoDB Local (test/integration/dynamo-store-contract.test.ts)
 * and the in-memory store of the unit tests (memory-store.test.ts). Each test gets an empty store of its own.
 * @example describeStoreContract('memory', async ({ attemptWindowMs }) => ({ store, limiter: new MemoryAttemptLimiter(attemptWindowMs) }))
 */
import { describe } from 'vitest';
import { attestationFacts } from './store-contract/attestations.ts';
import { auditFacts, unknownConsultationFacts } from './store-contract/audit-chain.ts';
import { castingFacts, castRefusalFacts } from './store-contract/casting.ts';
import { closingFacts, publishingFacts } from './store-contract/closing.ts';
import { communeFacts } from './store-contract/communes.ts';
import { contactFacts } from './store-contract/contacts.ts';
import { consultationFacts, documentFacts, transitionFacts } from './store-contract/consultations.ts';
import { copyFacts } from './store-contract/copies.ts';
import { commentQuotaFacts } from './store-contract/comment-quota.ts';
import { discussionCodeFacts, discussionFacts } from './store-contract/discussion.ts';
import { freshStore, type MakeStore } from './store-contract/fixtures.ts';
import { limiterFacts } from './store-contract/limiter.ts';
import { opinionFacts } from './store-contract/opinions.ts';
import { publicationFacts } from './store-contract/publication.ts';
import { openingFacts, rollFacts } from './store-contract/roll.ts';
import { receiptLookupFacts } from './store-contract/receipts.ts';
import { sessionFacts } from './store-contract/sessions.ts';
import { shardFacts } from './store-contract/shards.ts';
import { pageFacts } from './store-contract/pages.ts';
import { processFacts } from './store-contract/processes.ts';
import { initiativeFacts } from './store-contract/initiatives.ts';
import { slipFacts } from './store-contract/slips.ts';
import { withdrawalFacts, withdrawalRefusalFacts } from './store-contract/withdrawal.ts';

export type { MakeStore, StoreUnderTest } from './store-contract/fixtures.ts';

/** Declares the contract's tests for the store `makeStore` makes (once per test, cleaned up after it). */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`the ${name} store keeps the Store contract`, () => {
    const ctx = freshStore(makeStore);
    consultationFacts(ctx);
    pageFacts(ctx);
    transitionFacts(ctx);
    documentFacts(ctx);
    rollFacts(ctx);
    openingFacts(ctx);
    castingFacts(ctx);
    castRefusalFacts(ctx);
    withdrawalFacts(ctx);
    withdrawalRefusalFacts(ctx);
    closingFacts(ctx);
    publishingFacts(ctx);
    auditFacts(ctx);
    unknownConsultationFacts(ctx);
    discussionFacts(ctx);
    discussionCodeFacts(ctx);
    commentQuotaFacts(ctx);
    limiterFacts(ctx);
    copyFacts(ctx);
    slipFacts(ctx);
    opinionFacts(ctx);
    shardFacts(ctx);
    receiptLookupFacts(ctx);
    publicationFacts(ctx);
    communeFacts(ctx);
    contactFacts(ctx);
    processFacts(ctx);
    initiativeFacts(ctx);
    attestationFacts(ctx);
    sessionFacts(ctx);
  });
}
