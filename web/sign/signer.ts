/**
 * Signing with a WebCrypto P-256 key pair in the browser, through shared/jws.ts: the public key as the JWK a header
 * carries, its RFC 7638 thumbprint (the fingerprint the pages show, and the `kid`), and a compact ES256 JWS whose
 * protected header carries the key itself, over the JCS of a payload (bundle.md "Attestations").
 */
import { jcsBytes } from '../../shared/jcs.ts';
import { encodeJws, jwkThumbprint, spkiToJwk, type P256Jwk, type SignP1363 } from '../../shared/jws.ts';

/** The public key of a key pair as a JWS header carries it: {crv, kty, x, y} only. */
export async function publicJwk(keyPair: CryptoKeyPair): Promise<P256Jwk> {
  return spkiToJwk(new Uint8Array(await crypto.subtle.exportKey('spki', keyPair.publicKey)));
}

/** The thumbprint of a key pair's public key: what the page shows, and the kid of its signatures. */
export async function keyThumbprint(keyPair: CryptoKeyPair): Promise<string> {
  return jwkThumbprint(await publicJwk(keyPair));
}

/** Signs a JWS signing input with the private key: WebCrypto's P1363 signature r||s is JWS's format. */
export function signerOf(keyPair: CryptoKeyPair): SignP1363 {
  return async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, input));
}

/**
 * The compact JWS of payload (JCS) under {alg: ES256, jwk, kid, typ}, signed with keyPair.privateKey.
 * @example await signJws(keyPair, 'attestation+jws', { at, consultationId, manifest, monitor, statement: 'verified' })
 */
export async function signJws(keyPair: CryptoKeyPair, typ: string, payload: unknown): Promise<string> {
  const jwk = await publicJwk(keyPair);
  return encodeJws({ alg: 'ES256', jwk, kid: jwkThumbprint(jwk), typ }, jcsBytes(payload), signerOf(keyPair));
}
