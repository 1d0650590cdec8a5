/** Step 2 of bundle.md: every file named in `files` hashes to the value given (and each names this consultation). */
import { bytesEqual } from '../bytes.ts';
import { BUNDLE_FILES } from '../schemas.ts';
import { sha256Hex } from '../sha256.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** Step 2: the manifest's file hashes, the consultation each file names, and result.json beside the payload. */
export async function checkFileHashes(bundle: Bundle, warnings: string[]): Promise<string> {
  const { files, hash } = bundle;
  const manifest = await bundle.manifest();
  const problems: string[] = [];
  for (const name of BUNDLE_FILES) {
    const bytes = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!bytes) problems.push(`${name} is missing`);
    else if (sha256Hex(bytes, hash) !== manifest.files[name]) problems.push(`${name} does not hash to ${manifest.files[name]}`);
    await bundle.progress(BUNDLE_FILES.indexOf(name) / BUNDLE_FILES.length / 2);
  }
  const id = manifest.consultationId;
  const named: [string, () => Promise<string>][] = [
    ['consultation.json', async () => (await bundle.consultation()).id],
    ['roll.json', async () => (await bundle.roll()).consultationId],
    ['participants.json', async () => (await bundle.participants()).consultationId],
    ['ballots.json', async () => (await bundle.ballots()).consultationId],
  ];
  for (const [name, idOf] of named) {
    // A file that cannot be read is reported by the steps that need it; here only its consultation counts.
    const other = await idOf().catch(() => undefined);
    if (other !== undefined && other !== id) problems.push(`${name} names consultation ${other}, not ${id}`);
  }
  const readable = Object.hasOwn(files, 'result.json') ? files['result.json'] : undefined;
  if (readable && !bytesEqual(readable, (await bundle.manifestData()).jws.payloadBytes)) {
    warnings.push('result.json differs from the result.jws payload (the payload is authoritative)');
  }
  if (problems.length) fail(summarize(problems));
  return `${BUNDLE_FILES.length} files match the manifest`;
}
