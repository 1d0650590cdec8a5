import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMUNE_KEY_FILE, committedSignatures, listFiles, MONITOR_KEY_FILE, readKey, reusingSigner } from '../../scripts/make-vectors.ts';
import { buildVectors, STEPS } from '../../scripts/make-vectors/build.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import { decodeJws } from '../../shared/jws.ts';
import { verifyBundle, type Verification } from '../../shared/verify/index.ts';
import { expected, folderOf, pinnedPem, readCopy, VECTORS_DIR } from '../support/vectors.ts';

const copies = Object.entries(expected.copies);
const stepResults = (report: Verification) => Object.fromEntries(report.checks.map((c) => [String(c.step), c.ok]));

describe('the published test vectors (bundle.md "Test vectors")', () => {
  it.each(copies)('%s gives every check the result expected.json lists, with and without the voter receipt', async (name, copy) => {
    const files = await readCopy(name);
    for (const options of [{}, { receipt: expected.receipt.receipt }]) {
      const report = await verifyBundle(files, { pinned: pinnedPem }, options);
      expect(stepResults(report), JSON.stringify(report.checks.filter((c) => !c.ok))).toEqual(copy.checks);
      expect(report.ok).toBe(copy.ok);
    }
  });

  it('the good bundle holds the voter receipt with the inclusion proof expected.json gives', async () => {
    const report = await verifyBundle(await readCopy('good'), { pinned: pinnedPem }, { receipt: expected.receipt.receipt });
    expect(report.inclusion).toEqual(expected.receipt);
    expect(expected.receipt.proof).toHaveLength(4);
  });

  it('the good bundle verifies under the site JWKS too, warning that the key was not pinned', async () => {
    const jwks = JSON.parse(readFileSync(join(VECTORS_DIR, expected.key.jwks), 'utf8'));
    const report = await verifyBundle(await readCopy('good'), { jwks });
    expect(report.ok).toBe(true);
    expect(report.checks[0]!.warnings?.join(' ')).toMatch(/not pinned/);
  });

  it('the good bundle carries no warning under the pinned key', async () => {
    const report = await verifyBundle(await readCopy('good'), { pinned: pinnedPem });
    expect(report.checks.flatMap((c) => c.warnings ?? [])).toEqual([]);
  });

  it('every tampered copy is complete, fails exactly the check it is named after, and changes only the files it lists', async () => {
    const goodNames = await listFiles(join(VECTORS_DIR, 'good'));
    for (const [name, copy] of copies.filter(([n]) => n !== 'good')) {
      expect(await listFiles(join(VECTORS_DIR, folderOf(name)))).toEqual(goodNames);
      expect(
        STEPS.filter((s) => !copy.checks[s]),
        name,
      ).toEqual([Number(name.split('-')[0])]);
      const changed = goodNames.filter((f) => !readFileSync(join(VECTORS_DIR, 'good', f)).equals(readFileSync(join(VECTORS_DIR, folderOf(name), f))));
      expect(changed, name).toEqual(copy.changed);
      // A copy that was not re-signed keeps the good signature: its result.jws is the good one or differs in the signature only.
      const [good, tampered] = ['good', folderOf(name)].map((d) => decodeJws(fromUtf8(readFileSync(join(VECTORS_DIR, d, 'result.jws')))));
      expect(fromUtf8(tampered!.signingInput) !== fromUtf8(good!.signingInput), name).toBe(copy.resigned);
    }
  });

  it('make-vectors rebuilds every committed file byte for byte, with the committed signatures', async () => {
    const commune = await readKey(join(VECTORS_DIR, COMMUNE_KEY_FILE));
    const monitor = await readKey(join(VECTORS_DIR, MONITOR_KEY_FILE));
    const committed = await committedSignatures(VECTORS_DIR, [commune.spki, monitor.spki]);
    // No fresh signing: a signing input that changed has no committed signature, and the build throws.
    const files = await buildVectors({ commune: reusingSigner(commune.spki, committed), monitor: reusingSigner(monitor.spki, committed) });
    const onDisk = (await listFiles(VECTORS_DIR)).filter((f) => f !== 'README.md' && f !== COMMUNE_KEY_FILE && f !== MONITOR_KEY_FILE);
    expect(onDisk).toEqual([...files.keys()].sort());
    for (const [path, bytes] of files) expect(fromUtf8(bytes), path).toBe(readFileSync(join(VECTORS_DIR, path), 'utf8'));
  });

  it('README.md lists every copy with the checks it fails', () => {
    const readme = readFileSync(join(VECTORS_DIR, 'README.md'), 'utf8');
    for (const [name, copy] of copies) {
      const fails = STEPS.filter((s) => !copy.checks[s]);
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row?.split('|').at(-2)?.trim(), name).toBe(fails.length ? fails.join(', ') : 'none');
    }
  });
});
