/** HMAC-SHA-256 (RFC 2104), over the pure SHA-256 of shared/sha256.ts or an injected faster one. */
import { concat } from './bytes.ts';
import { type Hash, sha256 } from './sha256.ts';

const BLOCK = 64;

export function hmacSha256(key: Uint8Array, message: Uint8Array, hash: Hash = sha256): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? hash(key) : key);
  const inner = new Uint8Array(BLOCK);
  const outer = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  return hash(concat(outer, hash(concat(inner, message))));
}
