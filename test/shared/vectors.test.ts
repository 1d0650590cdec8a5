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
    // rla/ is computed outside the project's code on purpose (so that its test is not circular) and checked by
    // test/shared/rla/vectors.test.ts; make-vectors does not write it.
    const onDisk = (await listFiles(VECTORS_DIR)).filter((f) => f !== 'README.md' && f !== COMMUNE_KEY_FILE && f !== MONITOR_KEY_FILE && !f.startsWith('rla/'));
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

/** A result/2 copy's files by bundle name, read as a monitor's verifier reads a published folder. */
async function readSetCopy(dir: string, copy: string): Promise<Record<string, Uint8Array>> {
  const root = join(VECTORS_DIR, dir, copy === 'good' ? 'good' : `tampered/${copy}`);
  const files: Record<string, Uint8Array> = {};
  for (const name of await listFiles(root)) if (name !== 'attestations/index.json') files[name] = new Uint8Array(readFileSync(join(root, name)));
  return files;
}

describe('the result/2 sets of the test vectors (bundle.md "Format `result/2`")', () => {
  const sets = Object.entries(expected.sets);

  it('there is a household ballot by serial, a show of hands and a meeting with too few present, each a result/2 bundle', async () => {
    expect(sets.map(([dir]) => dir)).toEqual(['result-2/household-ballot', 'result-2/show-of-hands', 'result-2/not-enough-present']);
    for (const [dir] of sets) {
      const manifest = JSON.parse(fromUtf8(decodeJws(fromUtf8((await readSetCopy(dir, 'good'))['result.jws']!)).payloadBytes));
      expect(manifest.format, dir).toBe('result/2');
    }
    const meeting = JSON.parse(fromUtf8((await readSetCopy('result-2/not-enough-present', 'good'))['result.json']!));
    expect(meeting.tally.map((q: { outcome: { status: string } }) => q.outcome.status)).toEqual(['not_enough_present', 'not_enough_present']);
    const slips = JSON.parse(fromUtf8((await readSetCopy('result-2/household-ballot', 'good'))['ballots.json']!));
    expect(slips.ballots.every((b: { serial?: string }) => typeof b.serial === 'string')).toBe(true);
  });

  it.each(sets.flatMap(([dir, set]) => Object.entries(set.copies).map(([name, copy]) => [`${dir}/${name}`, dir, name, copy] as const)))(
    '%s gives every check the result expected.json lists',
    async (_label, dir, name, copy) => {
      const set = expected.sets[dir]!;
      const lookups = set.receipt ? [{}, { receipt: set.receipt.receipt }] : [{}];
      for (const options of lookups) {
        const report = await verifyBundle(await readSetCopy(dir, name), { pinned: pinnedPem }, options);
        expect(stepResults(report), JSON.stringify(report.checks.filter((c) => !c.ok))).toEqual(copy.checks);
        expect(report.ok).toBe(copy.ok);
      }
    },
  );

  it("the household ballot's good bundle holds the slip's receipt with the inclusion proof expected.json gives", async () => {
    const set = expected.sets['result-2/household-ballot']!;
    const report = await verifyBundle(await readSetCopy('result-2/household-ballot', 'good'), { pinned: pinnedPem }, { receipt: set.receipt!.receipt });
    expect(report.inclusion).toEqual(set.receipt);
  });

  it('every tampered copy of a set is complete, fails exactly the check it is named after, and changes only the files it lists', async () => {
    for (const [dir, set] of sets) {
      const goodNames = await listFiles(join(VECTORS_DIR, dir, 'good'));
      for (const [name, copy] of Object.entries(set.copies).filter(([n]) => n !== 'good')) {
        const folder = join(VECTORS_DIR, dir, 'tampered', name);
        expect(await listFiles(folder), `${dir}/${name}`).toEqual(goodNames);
        expect(
          STEPS.filter((s) => !copy.checks[s]),
          `${dir}/${name}`,
        ).toEqual([Number(name.split('-')[0])]);
        const changed = goodNames.filter((f) => !readFileSync(join(VECTORS_DIR, dir, 'good', f)).equals(readFileSync(join(folder, f))));
        expect(changed, `${dir}/${name}`).toEqual(copy.changed);
      }
    }
  });

  it('README.md lists every copy of every set with the checks it fails', () => {
    const readme = readFileSync(join(VECTORS_DIR, 'README.md'), 'utf8');
    for (const [dir, set] of sets) {
      for (const [name, copy] of Object.entries(set.copies)) {
        const fails = STEPS.filter((s) => !copy.checks[s]);
        const row = readme.split('\n').find((line) => line.startsWith(`| \`${dir}/${name}\``));
        expect(row?.split('|').at(-2)?.trim(), `${dir}/${name}`).toBe(fails.length ? fails.join(', ') : 'none');
      }
    }
  });
});
