/**
 * Builds the verify page's two scripts with esbuild, in memory: `assets/verify.js` (the page, an ES module) and
 * `assets/verify-worker.js` (the worker, a classic script, which every browser with workers can start). Both are
 * for the browser: the verifier from shared/ comes along, and an import of a `node:` module fails the build.
 *
 * Usage: `node --import tsx scripts/build-web.ts <folder>` writes them under `<folder>/assets/`.
 * `node --import tsx scripts/build-web.ts <folder> --open-data` writes `open-data.html` and `schemas/` there instead.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each published asset, its entry and its format. The page loads the first; it starts the second as a Worker. */
export const WEB_ASSETS = {
  'assets/verify.js': { entry: 'web/verify/main.ts', format: 'esm' },
  'assets/verify-worker.js': { entry: 'web/verify/worker.ts', format: 'iife' },
} as const satisfies Record<string, { entry: string; format: BuildOptions['format'] }>;

export type WebAsset = keyof typeof WEB_ASSETS;

/** The build settings shared by both scripts. */
export const WEB_BUNDLING = {
  bundle: true,
  minify: true,
  platform: 'browser',
  /** Syntax of the browsers of 2020 on (Chrome 80, Safari 14); esbuild lowers anything newer. APIs are not polyfilled. */
  target: 'es2020',
  /** Module and worker scripts are always decoded as UTF-8, so Vietnamese text needs no \u escapes. */
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * The assets by site path, built in memory (nothing is written).
 * @example for (const [path, bytes] of Object.entries(await buildWebAssets())) await publisher.put(path, bytes, { contentType: 'text/javascript; charset=utf-8', cacheControl })
 */
export async function buildWebAssets(): Promise<Record<WebAsset, Uint8Array>> {
  const entries = Object.entries(WEB_ASSETS) as [WebAsset, (typeof WEB_ASSETS)[WebAsset]][];
  const built = await Promise.all(
    entries.map(async ([path, { entry, format }]) => {
      const result = await build({ ...WEB_BUNDLING, absWorkingDir: ROOT, entryPoints: [join(ROOT, entry)], format, write: false, outfile: path });
      const [output] = result.outputFiles;
      if (!output || result.outputFiles.length !== 1) throw new Error(`esbuild gave ${result.outputFiles.length} files for ${entry}`);
      return [path, output.contents] as const;
    }),
  );
  return Object.fromEntries(built) as Record<WebAsset, Uint8Array>;
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node --import tsx scripts/build-web.ts <folder>\n');
    process.exitCode = 2;
    return;
  }
  // `--open-data`: the open-data page and the JSON Schemas instead (infra/constructs/site-assets.ts deploys them).
  if (process.argv[3] === '--open-data') {
    const { openDataSiteFiles } = await import('../web/open-data-page.tsx');
    for (const f of openDataSiteFiles()) {
      await mkdir(dirname(join(out, f.path)), { recursive: true });
      await writeFile(join(out, f.path), f.body);
    }
    return;
  }
  for (const [path, bytes] of Object.entries(await buildWebAssets())) {
    const file = join(out, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    process.stdout.write(`${file} ${bytes.length} bytes\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
