/**
 * Fetching a published result's bundle (bundle.md "Where it lives") in a browser, for the verifier's worker: the
 * verify page fetches it from its own folder, the monitors' consultation page from the result's folder. Only this
 * origin is asked; a file the site does not have is left out, and the verifier fails the steps that need it.
 */

/** The bundle's files, fetched beside `result.jws`. */
export const BUNDLE = ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'result.jws', 'result.json'];
/** A monitor's kid: an RFC 7638 thumbprint, 43 base64url characters; nothing else is put into a URL. */
const KID = /^[A-Za-z0-9_-]{43}$/;

/** A file's bytes, or undefined when the site has no such file. */
export async function fetchBytes(name: string, cache?: RequestCache): Promise<ArrayBuffer | undefined> {
  const response = await fetch(name, { credentials: 'same-origin', ...(cache ? { cache } : {}) });
  if (response.status === 404 || response.status === 403) return undefined;
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Whether the manifest in result.jws lists opinions.json (result/2): a result without it publishes no such file. */
export function listsOpinions(jws: ArrayBuffer | undefined): boolean {
  try {
    const payload = (new TextDecoder().decode(jws).trim().split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
    const manifest = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as { files?: Record<string, unknown> };
    return typeof manifest.files?.['opinions.json'] === 'string';
  } catch {
    return false;
  }
}

/**
 * The bundle in `folder` ('' for the page's own, or a path ending in `/`): its files, opinions.json when the
 * manifest lists it, and every attestation that `attestations/index.json` lists, by their names in the bundle.
 * `extra` names files fetched afresh beside them (the verify page's files published after the result).
 */
export async function fetchResultBundle(folder: string, extra: readonly string[] = []): Promise<Record<string, ArrayBuffer>> {
  const files: Record<string, ArrayBuffer> = {};
  // The files published after the result change (a signature, a ledger entry) and are each cached for a minute on
  // their own: not from this browser's cache, so that a newer csv does not come with an older ledger it kept.
  const fetched = await Promise.all([
    ...BUNDLE.map(async (name) => [name, await fetchBytes(folder + name)] as const),
    ...extra.map(async (name) => [name, await fetchBytes(folder + name, 'no-store')] as const),
  ]);
  for (const [name, bytes] of fetched) if (bytes) files[name] = bytes;
  const opinions = listsOpinions(files['result.jws']) ? await fetchBytes(`${folder}opinions.json`) : undefined;
  if (opinions) files['opinions.json'] = opinions;
  const index = await fetchBytes(`${folder}attestations/index.json`, 'no-store');
  const kids: unknown = index ? JSON.parse(new TextDecoder().decode(index)) : [];
  if (Array.isArray(kids)) {
    const names = kids.filter((kid): kid is string => typeof kid === 'string' && KID.test(kid)).map((kid) => `attestations/${kid}.jws`);
    for (const [name, bytes] of await Promise.all(names.map(async (name) => [name, await fetchBytes(folder + name)] as const))) if (bytes) files[name] = bytes;
  }
  return files;
}
