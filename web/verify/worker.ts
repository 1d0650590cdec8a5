/**
 * The verify page's Web Worker (built to `assets/verify-worker.js`): the page stays responsive while a hundred
 * thousand ballots are hashed. It answers each request of the page with runVerification's messages.
 */
import type { VerifyRequest, WorkerMessage } from './protocol.ts';
import { runVerification } from './run.ts';

// Safari before 15.4 lacks Object.hasOwn, which the verifier uses; this worker's global is its own to patch.
if (typeof Object.hasOwn !== 'function') {
  Object.defineProperty(Object, 'hasOwn', { value: (o: object, key: PropertyKey) => Object.hasOwn(o, key), configurable: true, writable: true });
}

/** The worker's global scope, as much of it as is used (the project's lib is DOM, not WebWorker). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

scope.onmessage = (event) => {
  void runVerification(event.data, (message) => scope.postMessage(message));
};
