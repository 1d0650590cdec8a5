/** Step 9 of bundle.md: every attestation verifies and names this manifest's hash. */
import { fromUtf8 } from '../bytes.ts';
import { parseJsonBytes } from '../jcs.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../jws.ts';
import { AttestationPayload } from '../schemas.ts';
import { type Hash, sha256, sha256Hex } from '../sha256.ts';
import { fail, reasonOf, summarize } from './failure.ts';
import { type Bundle, isRecord, requireCanonical } from './load.ts';

/**
 * Why an attestation does not hold, or undefined when it does (bundle.md "Attestations"). The server runs this same
 * check before publishing one, so it never publishes an attestation that makes verification fail.
 */
export async function attestationProblem(
  name: string,
  bytes: Uint8Array,
  manifestHash: string,
  consultationId: string,
  hash: Hash = sha256,
): Promise<string | undefined> {
  try {
    if (!name.endsWith('.jws')) return 'not a .jws file';
    const jws = decodeJws(fromUtf8(bytes).trim());
    const { alg, typ, kid, jwk } = jws.header;
    if (alg !== 'ES256') return 'alg is not ES256';
    if (typ !== 'attestation+jws') return 'typ is not attestation+jws';
    if (!isRecord(jwk)) return 'the header carries no jwk';
    const monitorKey = jwk as JsonWebKey;
    const thumbprint = jwkThumbprint(monitorKey, hash);
    if (kid !== thumbprint) return 'kid is not the thumbprint of the header jwk';
    if (name !== `attestations/${thumbprint}.jws`) return 'the file name is not the kid';
    if (!(await verifyEs256(jws, await importP256PublicKey(monitorKey)))) return 'the signature does not verify under the header jwk';
    const raw = parseJsonBytes(jws.payloadBytes);
    const payload = AttestationPayload.safeParse(raw);
    if (!payload.success) return 'the payload is not {consultationId, manifest, monitor, statement, at}';
    requireCanonical(raw, fromUtf8(jws.payloadBytes), 'the payload');
    if (payload.data.consultationId !== consultationId) return `it names consultation ${payload.data.consultationId}`;
    if (payload.data.manifest !== manifestHash) return 'it names another manifest';
    return undefined;
  } catch (e) {
    return reasonOf(e);
  }
}

/** Step 9: each `attestations/<kid>.jws` of the bundle holds (attestationProblem). */
export async function checkAttestations(bundle: Bundle): Promise<string> {
  const { files, hash } = bundle;
  const names = Object.keys(files)
    .filter((n) => n.startsWith('attestations/') && n.endsWith('.jws'))
    .sort();
  if (names.length === 0) return 'no attestations';
  const { jws: result, manifest } = await bundle.usableManifest();
  const manifestHash = sha256Hex(result.payloadBytes, hash);
  const problems: string[] = [];
  const accepted: string[] = [];
  for (const name of names) {
    const reason = await attestationProblem(name, files[name]!, manifestHash, manifest.consultationId, hash);
    if (reason) problems.push(`${name}: ${reason}`);
    else accepted.push(name.slice('attestations/'.length, -'.jws'.length));
  }
  if (problems.length) fail(summarize(problems));
  return `${accepted.length} attestation(s): ${accepted.join(', ')}`;
}
