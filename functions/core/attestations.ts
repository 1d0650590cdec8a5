/** Monitors' countersignatures (bundle.md "Attestations"): checked, published beside the result, audit-logged. */
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../../shared/jws.ts';
import { AttestationPayload, Consultation, Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { resultPage } from '../../web/result-page.tsx';
import { actorOf, load, requireMonitorOrOfficial } from './access.ts';
import type { CoreDeps, Principal } from './deps.ts';
import { signingKey } from './publishing.ts';

const bad = (message: string) => new DomainError('invalid_attestation', message);

/** Checks an attestation against the published result and publishes it under `c/<id>/attestations/<kid>.jws`. */
export async function acceptAttestation(deps: CoreDeps, who: Principal | undefined, id: string, compact: string) {
  const rec = await load(deps, id);
  const monitor = requireMonitorOrOfficial(who, rec, true);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only a published result can be countersigned; this consultation is ${rec.state}`);
  const resultBytes = await deps.publisher.get(`c/${id}/result.jws`);
  if (!resultBytes) throw new DomainError('integrity_error', 'the published result is missing');
  const result = decodeJws(fromUtf8(resultBytes).trim());

  let decoded: ReturnType<typeof decodeJws>;
  try {
    decoded = decodeJws(compact.trim());
  } catch (err) {
    throw bad(`not a compact JWS: ${(err as Error).message}`);
  }
  const header = decoded.header as { alg?: unknown; typ?: unknown; kid?: unknown; jwk?: JsonWebKey };
  if (header.alg !== 'ES256' || header.typ !== 'attestation+jws') throw bad('the header must have alg ES256 and typ attestation+jws');
  if (!header.jwk || header.jwk.kty !== 'EC' || header.jwk.crv !== 'P-256') throw bad('the header must carry the monitor\'s P-256 public key as jwk');
  const kid = await jwkThumbprint(header.jwk);
  if (header.kid !== kid) throw bad('kid must be the RFC 7638 thumbprint of the jwk');
  let key: CryptoKey;
  try {
    key = await importP256PublicKey(header.jwk);
  } catch {
    throw bad('the jwk is not a valid P-256 public key');
  }
  if (!(await verifyEs256(decoded, key))) throw bad('the signature does not verify under the jwk');
  let payload: AttestationPayload;
  try {
    payload = AttestationPayload.parse(JSON.parse(fromUtf8(decoded.payloadBytes)));
  } catch {
    throw bad('the payload must be {consultationId, manifest, monitor: {name, organisation}, statement: "verified", at}');
  }
  if (payload.consultationId !== id) throw bad('the attestation names another consultation');
  if (payload.manifest !== sha256Hex(result.payloadBytes)) throw bad('the attestation names another manifest');

  await deps.publisher.put(`c/${id}/attestations/${kid}.jws`, utf8(compact.trim()), { contentType: 'application/jose; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
  const now = instant(deps.clock.now());
  await deps.store.appendAudit(id, { at: now, actor: actorOf(monitor), action: 'attestation_accepted', data: { kid, organisation: payload.monitor.organisation } });

  // Show it on the result page.
  const log = await deps.store.getAudit(id);
  const kids = [...new Set(log.filter((e) => e.action === 'attestation_accepted').map((e) => String(e.data.kid)))].sort();
  await deps.publisher.put(`c/${id}/attestations/index.json`, JSON.stringify(kids), { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=60' });
  const manifest = Manifest.parse(JSON.parse(fromUtf8(result.payloadBytes)));
  const consultation = Consultation.parse(rec.consultation);
  const { kid: signingKid } = await signingKey(deps);
  await deps.publisher.put(`c/${id}/index.html`, resultPage({ consultation, manifest, kid: signingKid, attestations: kids }), {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public, max-age=60',
  });
  return { kid, url: deps.publisher.url(`c/${id}/attestations/${kid}.jws`) };
}
