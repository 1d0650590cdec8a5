/**
 * The communes' display names as the pages read them (commune-profile.ts sets them): a read of its own, so that the
 * publisher and the staff pages can name a commune without the use case that republishes.
 */
import type { CoreDeps } from './deps.ts';

/** The commune's display name, if UBND xã has set one (the pages fall back to the id, labelled as an id). */
export async function communeName(deps: CoreDeps, commune: string): Promise<string | undefined> {
  return (await deps.store.getCommuneProfile(commune))?.name;
}

/** The display names of `communes` that have one, each read once. */
export async function communeNames(deps: CoreDeps, communes: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(communes)];
  const names = await Promise.all(unique.map(async (c) => [c, await communeName(deps, c)] as const));
  return new Map(names.filter((n): n is readonly [string, string] => n[1] !== undefined));
}
