/** The committed test vectors (test/vectors/), read as a monitor's verifier reads a published folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, VECTORS_DIR } from '../../scripts/make-vectors.ts';
import type { Expected } from '../../scripts/make-vectors/build.ts';

export { VECTORS_DIR };

export const expected: Expected = JSON.parse(readFileSync(join(VECTORS_DIR, 'expected.json'), 'utf8'));

/** The commune's throwaway public key, as a monitor pins it. */
export const pinnedPem = readFileSync(join(VECTORS_DIR, expected.key.pem), 'utf8');

/** The folder of a copy relative to test/vectors/: `good` or `tampered/<name>`. */
export function folderOf(copy: string): string {
  return copy === 'good' ? 'good' : `tampered/${copy}`;
}

/**
 * A copy's files by bundle name (`result.jws`, `attestations/<kid>.jws`). `attestations/index.json` is left out:
 * it only lists the kids for a reader over HTTP and is neither signed nor an attestation.
 */
export async function readCopy(copy: string): Promise<Record<string, Uint8Array>> {
  const dir = join(VECTORS_DIR, folderOf(copy));
  const files: Record<string, Uint8Array> = {};
  for (const name of await listFiles(dir)) {
    if (name !== 'attestations/index.json') files[name] = new Uint8Array(readFileSync(join(dir, name)));
  }
  return files;
}
