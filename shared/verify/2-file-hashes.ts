/** Step 2 of bundle.md: every file named in `files` hashes to the value given (and each names this consultation). */
import { bytesEqual, toHex } from '../bytes.ts';
import { BUNDLE_FILES, type Manifest, OPINIONS_FILE } from '../schemas.ts';
import { sha256Hex } from '../sha256.ts';
import { fail, reasonOf, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** The files the manifest names: the five of result/1, and opinions.json when a result/2 lists it. */
function namedFiles(manifest: Manifest): string[] {
  return manifest.files[OPINIONS_FILE] !== undefined ? [...BUNDLE_FILES, OPINIONS_FILE] : [...BUNDLE_FILES];
}

/** Pushes to `problems` what is wrong with opinions.json beyond its hash: its shape, consultation, order and questions. */
async function opinionsProblems(bundle: Bundle, id: string, problems: string[]): Promise<void> {
  let opinions: Awaited<ReturnType<Bundle['opinions']>>;
  try {
    opinions = await bundle.opinions();
  } catch (e) {
    problems.push(reasonOf(e));
    return;
  }
  if (opinions.consultationId !== id) problems.push(`${OPINIONS_FILE} names consultation ${opinions.consultationId}, not ${id}`);
  const list = opinions.opinions;
  const unsorted = list.findIndex(
    (o, i) => i > 0 && (list[i - 1]!.questionId > o.questionId || (list[i - 1]!.questionId === o.questionId && list[i - 1]!.text > o.text)),
  );
  if (unsorted > 0)
    problems.push(`ý kiến khác không theo thứ tự (questionId, text) / ${OPINIONS_FILE} is not sorted by (questionId, text) at opinion ${unsorted + 1}`);
  const questions = await bundle
    .consultation()
    .then((c) => new Set(c.questions.map((q) => q.id)))
    .catch(() => undefined);
  const unknown = questions ? [...new Set(list.map((o) => o.questionId).filter((q) => !questions.has(q)))] : [];
  if (unknown.length)
    problems.push(`ý kiến khác của câu hỏi không có / ${OPINIONS_FILE} names questions the consultation does not have: ${unknown.join(', ')}`);
}

/** H(file) in hex, or undefined when the bundle does not have it; a ballots.json read in pieces is read once more. */
async function fileHash(bundle: Bundle, name: string): Promise<string | undefined> {
  if (name === 'ballots.json' && bundle.ballotsFile) return toHex(await bundle.ballotsFile.sha256());
  const bytes = Object.hasOwn(bundle.files, name) ? bundle.files[name] : undefined;
  return bytes ? sha256Hex(bytes, bundle.hash) : undefined;
}

/** Step 2: the manifest's file hashes, the consultation each file names, and result.json beside the payload. */
export async function checkFileHashes(bundle: Bundle, warnings: string[]): Promise<string> {
  const { files } = bundle;
  const manifest = await bundle.manifest();
  const names = namedFiles(manifest);
  const problems: string[] = [];
  for (const [i, name] of names.entries()) {
    const actual = await fileHash(bundle, name);
    const expected = manifest.files[name as keyof Manifest['files']];
    if (actual === undefined) problems.push(`${name} is missing`);
    else if (actual !== expected) problems.push(`${name} does not hash to ${expected}`);
    await bundle.progress(i / names.length / 2);
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
  // No other step reads opinions.json: its shape and order are checked here.
  if (names.includes(OPINIONS_FILE) && Object.hasOwn(files, OPINIONS_FILE)) await opinionsProblems(bundle, id, problems);
  else if (Object.hasOwn(files, OPINIONS_FILE))
    warnings.push(`${OPINIONS_FILE} is published but the manifest does not list it: the signature does not cover it`);
  const readable = Object.hasOwn(files, 'result.json') ? files['result.json'] : undefined;
  if (readable && !bytesEqual(readable, (await bundle.manifestData()).jws.payloadBytes)) {
    warnings.push('result.json differs from the result.jws payload (the payload is authoritative)');
  }
  if (problems.length) fail(summarize(problems));
  return `${names.length} files match the manifest`;
}
