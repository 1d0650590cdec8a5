/**
 * The core's dependencies on the in-memory store for use-case tests that sign and publish nothing: a fixed clock,
 * one ULID, and random bytes that are deterministic but never repeat (SHA-256 of a counter).
 */
import type { CoreDeps } from '../../functions/core/deps.ts';
import { sha256 } from '../../shared/sha256.ts';
import { MemoryAttemptLimiter, MemoryStore } from './memory-store.ts';
import { OPEN_AT_ONCE } from './profile.ts';

export function memoryCoreDeps(now: Date, id: string): CoreDeps {
  let counter = 0;
  return {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: { publicKeySpki: async () => new Uint8Array(), sign: async () => new Uint8Array() },
    publisher: { put: async () => {}, get: async () => undefined, url: (key) => `http://site.test/${key}` },
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => now },
    ids: { ulid: () => id, random: (k) => sha256(new TextEncoder().encode(`r${++counter}`)).slice(0, k) },
    profile: OPEN_AT_ONCE,
  };
}
