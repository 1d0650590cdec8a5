/**
 * The Lambda bundles as deployed: built by esbuild with the stack's own settings (infra/lambda-bundling.ts), then
 * measured: minified size of index.mjs, and the time a fresh Node process takes to `import()` it (the module part
 * of a cold start: median of several runs, with --enable-source-maps as on Lambda). For comparison, the API is
 * also built with the AWS SDK bundled in, the choice the stack does not make.
 *
 * The bundles are written under node_modules/.cache so that an external `@aws-sdk/*` import resolves to the
 * installed SDK, as it resolves to the runtime's copy on Lambda; they are removed afterwards. Not a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LAMBDA_BUNDLING, LAMBDA_ENTRIES, SIGN_SCRIPTS_DEFINE, signScriptsModule, type LambdaName } from '../../infra/lambda-bundling.ts';

export interface Metric {
  name: string;
  value: number;
  unit: string;
}

/** The API bundle may not grow past this (scripts/synth.sh checks the deployed asset too). */
export const API_BUNDLE_BUDGET_KB = 400;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const IMPORT_RUNS = 7;

async function bundle(name: LambdaName, outdir: string, bundleSdk: boolean): Promise<string> {
  const outfile = join(outdir, name, 'index.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, LAMBDA_ENTRIES[name])],
    outfile,
    bundle: true,
    platform: LAMBDA_BUNDLING.platform,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourcemap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    external: bundleSdk ? [] : [...LAMBDA_BUNDLING.external],
    define: { ...SIGN_SCRIPTS_DEFINE },
    inject: [signScriptsModule()],
    logLevel: 'error',
  });
  return outfile;
}

/** Median milliseconds of `await import(file)` in a fresh Node process. */
function importMs(file: string): number {
  const url = pathToFileURL(file).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const r = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`importing ${file} failed: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const kb = (file: string) => Number((statSync(file).size / 1024).toFixed(1));
const ms = (v: number) => Number(v.toFixed(1));

export async function measureLambdaBundles(): Promise<Metric[]> {
  const outdir = join(ROOT, 'node_modules', '.cache', `danban-lambda-bench-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  try {
    const metrics: Metric[] = [];
    for (const name of Object.keys(LAMBDA_ENTRIES) as LambdaName[]) {
      const file = await bundle(name, join(outdir, 'deployed'), false);
      metrics.push({ name: `lambda_${name}_bundle_kb`, value: kb(file), unit: 'KB' });
      metrics.push({ name: `lambda_${name}_import_ms`, value: ms(importMs(file)), unit: 'ms' });
    }
    const withSdk = await bundle('api', join(outdir, 'sdk-bundled'), true);
    metrics.push({ name: 'lambda_api_bundle_kb_sdk_bundled', value: kb(withSdk), unit: 'KB' });
    metrics.push({ name: 'lambda_api_import_ms_sdk_bundled', value: ms(importMs(withSdk)), unit: 'ms' });
    return metrics;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const m of await measureLambdaBundles()) console.log(`${m.name.padEnd(36)} ${String(m.value).padStart(8)} ${m.unit}`);
}
