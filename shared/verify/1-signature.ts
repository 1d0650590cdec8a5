/** Step 1 of bundle.md: `result.jws` verifies under the pinned key (or the JWKS key whose kid matches, with a warning). */
import { fromUtf8 } from '../bytes.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../jws.ts';
import type { Hash } from '../sha256.ts';
import { fail, reasonOf, summarize } from './failure.ts';
import { type Bundle, fileOf } from './load.ts';
import type { VerifyKey } from './report.ts';

function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof k === 'object' && k !== null && 'algorithm' in k && 'usages' in k && 'type' in k && !('kty' in k);
}

/** The key to verify with: the pinned one, else the JWKS key named by `kid` (with warnings); fails when there is none. */
async function communeKey(key: VerifyKey, kid: unknown, hash: Hash, warnings: string[]): Promise<CryptoKey> {
  if (key.pinned !== undefined) {
    const pinned = key.pinned;
    const cryptoKey = isCryptoKey(pinned)
      ? pinned
      : await importP256PublicKey(pinned).catch((e: unknown) => fail(`the pinned key is not usable: ${reasonOf(e)}`));
    // The kid only names the key; the pinned key decides. A mismatch is worth telling, not failing.
    const pinnedJwk = await globalThis.crypto.subtle.exportKey('jwk', cryptoKey).catch(() => undefined);
    const thumbprint = pinnedJwk ? jwkThumbprint(pinnedJwk, hash) : undefined;
    if (thumbprint !== undefined && thumbprint !== kid) warnings.push(`the header kid ${String(kid)} is not the pinned key's thumbprint ${thumbprint}`);
    return cryptoKey;
  }
  if (key.jwks) {
    const found = key.jwks.keys.find((k) => (k as { kid?: unknown }).kid === kid);
    if (!found) return fail(`no key in the JWKS has kid ${String(kid)}`);
    const cryptoKey = await importP256PublicKey(found).catch((e: unknown) => fail(`the JWKS key ${String(kid)} is not usable: ${reasonOf(e)}`));
    warnings.push(`the key was taken from the site's JWKS by its kid, not pinned: compare ${String(kid)} with the key the commune announced`);
    if (jwkThumbprint(found, hash) !== kid) warnings.push(`the JWKS key's thumbprint is not its kid ${String(kid)}`);
    return cryptoKey;
  }
  return fail("no key given: pin the commune's public key, or give the site's JWKS");
}

/** Step 1: the signature of result.jws, its header, and a payload that is a canonical manifest. */
export async function checkSignature(bundle: Bundle, key: VerifyKey, warnings: string[]): Promise<string> {
  const jws = decodeJws(fromUtf8(fileOf(bundle.files, 'result.jws')).trim());
  const { alg, kid, typ } = jws.header;
  const problems: string[] = [];
  if (alg !== 'ES256') problems.push(`alg is ${String(alg)}, not ES256`);
  if (typ !== 'result+jws') problems.push(`typ is ${String(typ)}, not result+jws`);
  if (typeof kid !== 'string') problems.push('the header has no kid');
  const cryptoKey = await communeKey(key, kid, bundle.hash, warnings);
  if (!(await verifyEs256(jws, cryptoKey))) problems.push('the signature does not verify');
  try {
    await bundle.manifestData();
  } catch (e) {
    problems.push(reasonOf(e));
  }
  if (problems.length) fail(summarize(problems));
  return `signed by ${String(kid)}`;
}
