/** Monitors' countersignatures (bundle.md "Attestations"): checked, published beside the result, audit-logged. */
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { decodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { attestationProblem } from '../../shared/verify/index.ts';
import { AttestationPayload, Manifest } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForMonitor } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { publishResultPage } from './publishing.ts';
import type { Countersignature } from '../../web/result-page.tsx';
import type { AuditEvent } from '../../shared/schemas.ts';

const bad = (message: string) => new DomainError('invalid_attestation', message);

/** The kids of the accepted attestations, in order, from the audit log (only those checked and published are there). */
export function acceptedKids(log: readonly AuditEvent[]): string[] {
  return [...new Set(log.filter((e) => e.action === 'attestation_accepted').map((e) => String(e.data.kid)))].sort();
}

/**
 * The accepted countersignatures as the pages show them: each key's fingerprint with the monitor's name and
 * organisation and the time, as its published payload gives them (the payload is what the monitor signed; the site
 * checked it before publishing). An attestation that cannot be read back is listed by its fingerprint alone.
 */
export async function countersignaturesOf(deps: Pick<CoreDeps, 'publisher'>, id: string, kids: readonly string[]): Promise<Array<string | Countersignature>> {
  return Promise.all(
    kids.map(async (kid): Promise<string | Countersignature> => {
      try {
        const bytes = await deps.publisher.get(`c/${id}/attestations/${kid}.jws`);
        if (!bytes) return kid;
        const payload = AttestationPayload.parse(JSON.parse(fromUtf8(decodeJws(fromUtf8(bytes).trim()).payloadBytes)));
        return { kid, monitor: { name: payload.monitor.name, organisation: payload.monitor.organisation }, at: payload.at };
      } catch {
        return kid;
      }
    }),
  );
}

/** A published result as the monitors' page shows it: the signed manifest, the hash an attestation must name, the countersignatures. */
export interface PublishedForMonitor {
  manifest: Manifest;
  /** H(result.jws payload bytes), hex: the `manifest` of an attestation of this result. */
  manifestHash: string;
  countersignatures: Array<string | Countersignature>;
}

/**
 * The published result of a consultation of the monitor's commune, read from `result.jws` as the site publishes
 * it; undefined before it is published.
 */
export async function publishedForMonitor(deps: CoreDeps, who: Principal | undefined, id: string): Promise<PublishedForMonitor | undefined> {
  const { rec } = await loadForMonitor(deps, who, id, true);
  if (rec.state !== 'published') return undefined;
  const [resultBytes, log] = await Promise.all([deps.publisher.get(`c/${id}/result.jws`), deps.store.getAudit(id)]);
  if (!resultBytes) throw new DomainError('integrity_error', 'the published result is missing');
  const result = decodeJws(fromUtf8(resultBytes).trim());
  return {
    manifest: Manifest.parse(JSON.parse(fromUtf8(result.payloadBytes))),
    manifestHash: sha256Hex(result.payloadBytes),
    countersignatures: await countersignaturesOf(deps, id, acceptedKids(log)),
  };
}

/**
 * Checks an attestation against the published result and publishes it under `c/<id>/attestations/<kid>.jws`; each
 * monitor account countersigns a round once (a second one: 409 `already_signed`).
 */
export async function acceptAttestation(deps: CoreDeps, who: Principal | undefined, id: string, compact: string) {
  const { rec, who: monitor } = await loadForMonitor(deps, who, id, true);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `only a published result can be countersigned; this consultation is ${rec.state}`);
  const resultBytes = await deps.publisher.get(`c/${id}/result.jws`);
  if (!resultBytes) throw new DomainError('integrity_error', 'the published result is missing');
  const result = decodeJws(fromUtf8(resultBytes).trim());

  // The verifier's own check of step 9, so that nothing is published that would make verification fail.
  let kid: string;
  let payload: AttestationPayload;
  try {
    const decoded = decodeJws(compact.trim());
    const header = decoded.header as { kid?: unknown; jwk?: JsonWebKey };
    if (!header.jwk || typeof header.jwk !== 'object') throw new Error("the header must carry the monitor's public key as jwk");
    kid = jwkThumbprint(header.jwk);
    payload = AttestationPayload.parse(JSON.parse(fromUtf8(decoded.payloadBytes)));
  } catch (err) {
    throw bad(
      err instanceof Error && !(err instanceof SyntaxError) && !('issues' in err)
        ? err.message
        : 'not a compact JWS with a {consultationId, manifest, monitor, statement, at} payload',
    );
  }
  const problem = await attestationProblem(`attestations/${kid}.jws`, utf8(compact.trim()), sha256Hex(result.payloadBytes), id);
  if (problem) throw bad(problem);

  // One countersignature a monitor account and round: the event and the account's mark are written together
  // before anything is published, so a second one (409 `already_signed`) publishes and logs nothing.
  // A countersignature already recorded is not recorded twice (by any account). If its publishing failed after it
  // was recorded (the event is in the log, the file is not on the site), sending it again finishes the act.
  if (acceptedKids(await deps.store.getAudit(id)).includes(kid)) {
    if ((await deps.publisher.get(`c/${id}/attestations/${kid}.jws`)) !== undefined)
      throw new DomainError('already_signed', 'this countersignature is published already');
  } else {
    await deps.store.appendAttestation(id, monitor.sub, {
      at: instant(deps.clock.now()),
      actor: actorOf(monitor),
      action: 'attestation_accepted',
      data: { kid, organisation: payload.monitor.organisation },
    });
  }
  await deps.publisher.put(`c/${id}/attestations/${kid}.jws`, utf8(compact.trim()), {
    contentType: 'application/jose; charset=utf-8',
    cacheControl: 'public, max-age=31536000, immutable',
  });

  // Show it on the result page.
  const log = await deps.store.getAudit(id);
  const kids = acceptedKids(log);
  await deps.publisher.put(`c/${id}/attestations/index.json`, JSON.stringify(kids), {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'public, max-age=60',
  });
  await publishResultPage(deps, id, { manifest: Manifest.parse(JSON.parse(fromUtf8(result.payloadBytes))) });
  return { kid, url: deps.publisher.url(`c/${id}/attestations/${kid}.jws`) };
}
