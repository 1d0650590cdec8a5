/**
 * Makes the published test vectors (bundle.md "Test vectors") under test/vectors/: a good bundle of the round in
 * vectors/round.ts, signed with a throwaway key, one tampered copy per verifier check, and expected.json.
 *
 *   npm run vectors
 *
 * Everything but the ECDSA signatures is fixed. A signature is random, so a signature already committed is
 * reused whenever it still verifies over the same signing input: running the script again changes nothing, and
 * only what a change of the round really changes gets a new signature. The throwaway keys are
 * test/vectors/throwaway-*-key.pem, made on the first run.
 *
 * The bundles and their tampered copies are made in make-vectors/copies.ts, the whole folder and expected.json in
 * make-vectors/build.ts; this file reads and writes test/vectors/.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromUtf8 } from '../shared/bytes.ts';
import { decodeJws, importP256PublicKey, verifyEs256, type SignP1363 } from '../shared/jws.ts';
import { verifyBundle } from '../shared/verify/index.ts';
import { buildVectors, type Expected, STEPS } from './make-vectors/build.ts';
import type { VectorSigner } from './make-vectors/copies.ts';

/** test/vectors/ of this repository. */
export const VECTORS_DIR = fileURLToPath(new URL('../test/vectors/', import.meta.url));
export const COMMUNE_KEY_FILE = 'throwaway-signing-key.pem';
export const MONITOR_KEY_FILE = 'throwaway-monitor-key.pem';

/** A throwaway P-256 key from its PKCS#8 PEM file: the private key and the SPKI DER of its public key. */
export async function readKey(file: string) {
  const privateKey = createPrivateKey(await readFile(file, 'utf8'));
  return { privateKey, spki: new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })) };
}

async function readOrMakeKey(file: string): ReturnType<typeof readKey> {
  try {
    return await readKey(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // 'wx': a committed key is never overwritten.
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx' });
  return readKey(file);
}

/** Every file below `dir`, by path relative to it with `/` separators. */
export async function listFiles(dir: string, under = ''): Promise<string[]> {
  const entries = await readdir(join(dir, under), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    const path = under ? `${under}/${e.name}` : e.name;
    if (e.isDirectory()) found.push(...(await listFiles(dir, path)));
    else found.push(path);
  }
  return found.sort();
}

/** The signatures of every committed .jws under `dir` that verify under one of `keys`, by signing input. */
export async function committedSignatures(dir: string, keys: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
  const imported = await Promise.all(keys.map((k) => importP256PublicKey(k)));
  const found = new Map<string, Uint8Array>();
  for (const path of (await listFiles(dir)).filter((p) => p.endsWith('.jws'))) {
    try {
      const jws = decodeJws(fromUtf8(await readFile(join(dir, path))).trim());
      for (const key of imported) if (await verifyEs256(jws, key)) found.set(fromUtf8(jws.signingInput), jws.signature);
    } catch {
      /* a tampered or unreadable JWS: nothing to reuse */
    }
  }
  return found;
}

/**
 * A signer that gives the committed signature of a signing input when there is one, else signs afresh with
 * `fresh` (or, without it, throws: the committed vectors do not cover this input).
 */
export function reusingSigner(spki: Uint8Array, committed: ReadonlyMap<string, Uint8Array>, fresh?: SignP1363): VectorSigner {
  // Fresh signatures are kept too, so that a signing input met twice in one run (good/ and a copy) is signed once.
  const known = new Map(committed);
  return {
    spki,
    sign: async (input) => {
      const text = fromUtf8(input);
      const reused = known.get(text);
      if (reused) return reused;
      if (!fresh) throw new Error('no committed signature over this signing input: run npm run vectors');
      const signature = await fresh(input);
      known.set(text, signature);
      return signature;
    },
  };
}

async function main(): Promise<void> {
  await mkdir(VECTORS_DIR, { recursive: true });
  const commune = await readOrMakeKey(join(VECTORS_DIR, COMMUNE_KEY_FILE));
  const monitor = await readOrMakeKey(join(VECTORS_DIR, MONITOR_KEY_FILE));
  const committed = await committedSignatures(VECTORS_DIR, [commune.spki, monitor.spki]);
  const signer =
    (key: typeof commune.privateKey): SignP1363 =>
    async (input) =>
      new Uint8Array(sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' }));
  const files = await buildVectors({
    commune: reusingSigner(commune.spki, committed, signer(commune.privateKey)),
    monitor: reusingSigner(monitor.spki, committed, signer(monitor.privateKey)),
  });
  for (const dir of ['good', 'tampered', 'keys', 'result-2']) await rm(join(VECTORS_DIR, dir), { recursive: true, force: true });
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(VECTORS_DIR, path)), { recursive: true });
    await writeFile(join(VECTORS_DIR, path), bytes);
  }
  // expected.json says what each copy was made to break; the project's verifier is asked only to report.
  const expected = JSON.parse(fromUtf8(files.get('expected.json')!)) as Expected;
  const pinned = fromUtf8(files.get(expected.key.pem)!);
  const sets = [
    { base: '', copies: expected.copies, receipt: expected.receipt.receipt },
    ...Object.entries(expected.sets).map(([dir, set]) => ({ base: `${dir}/`, copies: set.copies, receipt: set.receipt?.receipt })),
  ];
  for (const { base, copies, receipt } of sets) {
    for (const [name, copy] of Object.entries(copies)) {
      const dir = name === 'good' ? `${base}good/` : `${base}tampered/${name}/`;
      const bundle = Object.fromEntries([...files].filter(([p]) => p.startsWith(dir) && !p.endsWith('/index.json')).map(([p, b]) => [p.slice(dir.length), b]));
      const report = await verifyBundle(bundle, { pinned }, receipt !== undefined ? { receipt } : {});
      const fails = STEPS.filter((s) => !copy.checks[s]);
      const found = report.checks.filter((c) => !c.ok).map((c) => c.step);
      const agree = found.join() === fails.join() ? '' : `  <- the verifier fails ${found.join(', ') || 'none'}`;
      console.log(`${(base + name).padEnd(44)} ${fails.length ? `fails ${fails.join(', ')}` : 'passes'}${agree}`);
    }
  }
  console.log(`${files.size} files written to test/vectors/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
