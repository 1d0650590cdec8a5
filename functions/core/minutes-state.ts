/**
 * The drafted minutes of a consultation as the staff pages show them (./minutes.ts drafts and signs them): the
 * published `minutes.json`, the hash every signature must name, and who has signed and who has not, each
 * signature checked again (shared/minutes.ts `signatureStatus`). Read-only: the caller has checked who may see it.
 */
import { fromUtf8 } from '../../shared/bytes.ts';
import { Minutes, minutesHash, signatureStatus, type SignatureStatus } from '../../shared/minutes.ts';
import type { CoreDeps } from './deps.ts';
import { publishedSignatures } from './minutes.ts';

export interface MinutesState {
  minutes: Minutes;
  /** H(JCS(minutes)), hex: what each officer's signature names. */
  hash: string;
  status: SignatureStatus;
  /** A signature was accepted, so the minutes can no longer be drafted again. */
  locked: boolean;
}

/** The minutes of consultation `id` and their signatures; undefined before they are drafted. */
export async function minutesState(deps: Pick<CoreDeps, 'publisher' | 'store'>, id: string): Promise<MinutesState | undefined> {
  const bytes = await deps.publisher.get(`c/${id}/minutes.json`);
  if (!bytes) return undefined;
  const minutes = Minutes.parse(JSON.parse(fromUtf8(bytes)));
  const [signatures, log] = await Promise.all([publishedSignatures(deps, id), deps.store.getAudit(id)]);
  return { minutes, hash: minutesHash(minutes), status: await signatureStatus(minutes, signatures), locked: log.some((e) => e.action === 'minutes_signed') };
}
