/**
 * The commune's display name ("Xã An Bình"): what people read where the commune's id (`xa-an-binh`) was shown. The id
 * stays the key everywhere and in every published file (bundle.md: `consultation.json`'s `commune`); only the pages
 * change. UBND xã (role `commune`) sets it, an official act recorded as `commune_named` in the commune's own log;
 * officials and monitors only read it. The public pages of the commune's rounds are published again with the name.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf } from './access.ts';
export { communeName, communeNames } from './commune-names.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { type PublicPage, republish } from './republish.ts';
import type { CommuneProfile } from './store.ts';

export const COMMUNE_NAMED = 'commune_named';

/** A name is one line: no control character at all (C0, DEL, C1), no line or paragraph separator. */
const hasControl = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
};

/** A place's name as people write it: NFC, trimmed, 2 to 120 characters, one line. */
const PlaceName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(2, 'at least 2 characters')
      .max(120, 'at most 120 characters')
      .refine((s) => !hasControl(s), 'control characters are not allowed'),
  );

/** What UBND xã sets: the display name, and the district and province if it wants them shown. */
export const CommuneProfileBody = z.strictObject({
  name: PlaceName,
  district: PlaceName.optional(),
  province: PlaceName.optional(),
});
export type CommuneProfileBody = z.infer<typeof CommuneProfileBody>;

/** The states whose public page names the commune: the disclosure page, then the result page. */
const PAGE_OF_STATE: Partial<Record<string, PublicPage>> = { disclosure: 'disclosure', voting: 'disclosure', published: 'result' };

/**
 * UBND xã sets its commune's display name (and where it is): signed in (401), role `commune` (403), a valid profile
 * (400). Recorded in the commune's own log with the name; then the commune's public pages are published again.
 * @example await nameCommune(deps, ubndXa, { name: 'Xã An Bình' })
 */
export async function nameCommune(deps: CoreDeps, who: Principal | undefined, body: CommuneProfileBody): Promise<AuditEvent> {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'commune') throw new DomainError('forbidden', 'the commune’s name is set by the commune People’s Committee');
  const parsed = CommuneProfileBody.safeParse(body);
  if (!parsed.success) throw new DomainError('invalid_request', 'the commune’s name is not valid', detailsOf(parsed.error));
  const profile: CommuneProfile = parsed.data;
  const now = instant(deps.clock.now());
  const event = await deps.store.putCommuneProfile(who.commune, profile, {
    at: now,
    actor: actorOf(who),
    action: COMMUNE_NAMED,
    data: { commune: who.commune, ...profile },
  });
  const rounds = (await deps.store.listConsultations()).filter((r) => r.consultation.commune === who.commune);
  for (const r of rounds) {
    const page = PAGE_OF_STATE[r.state];
    if (page) await republish(deps, r.consultation.id, [page]);
  }
  await republish(deps, '', ['index']);
  return event;
}

/** UBND xã's page of its commune's name: the profile as set and the commune's own log, to UBND xã only. */
export async function communeProfileOf(deps: CoreDeps, who: Principal | undefined): Promise<{ profile?: CommuneProfile; log: AuditEvent[] }> {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'commune') throw new DomainError('forbidden', 'this page is for the commune People’s Committee');
  const [profile, log] = await Promise.all([deps.store.getCommuneProfile(who.commune), deps.store.getCommuneAudit(who.commune)]);
  return { ...(profile ? { profile } : {}), log };
}
