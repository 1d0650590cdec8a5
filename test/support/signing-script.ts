/** The staff pages' signing script run as a browser would run it, but without a document: only its pure parts. */
import { webcrypto } from 'node:crypto';
import { runInNewContext } from 'node:vm';

/** Evaluates a served script text and returns its globals (`DanbanSigning`, `DanbanCountersign`, `DanbanMinutesSign`). */
export function runScript(text: string): Record<string, any> {
  const context: Record<string, unknown> = { crypto: webcrypto, TextEncoder, TextDecoder, btoa, atob, Uint8Array, Promise, JSON, String, Object, Array, Error };
  runInNewContext(text, context);
  return context;
}

/** A P-256 key pair as the scripts make it: the private key not extractable. */
export async function browserKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
}
