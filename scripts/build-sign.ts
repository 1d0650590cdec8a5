/**
 * Builds the staff pages' signing scripts (web/sign/) with esbuild, in memory, with the verify page's settings
 * (./build-web.ts `WEB_BUNDLING`): each a classic script (an IIFE) for the browser, shared/ bundled in, and an import
 * of a `node:` module fails the build. functions/http/sign-assets.ts serves them: it builds them with this module under
 * tsx, and a Lambda bundle carries them as the module this script writes (infra/lambda-bundling.ts).
 *
 * Usage: `node --import tsx scripts/build-sign.ts <file.mjs>` writes `export const DANBAN_SIGN_SCRIPTS = {...}`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { WEB_BUNDLING } from './build-web.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each script by the staff it is served to, and its entry: the officials sign the minutes; monitors countersign too. */
export const SIGN_ENTRIES = {
  officials: 'web/sign/officials.ts',
  monitors: 'web/sign/monitors.ts',
} as const;

export type SignScriptName = keyof typeof SIGN_ENTRIES;
export type SignScripts = Readonly<Record<SignScriptName, string>>;

/** The name the written module exports, and that esbuild injects where sign-assets.ts reads it. */
export const SIGN_SCRIPTS_EXPORT = 'DANBAN_SIGN_SCRIPTS';

async function buildOne(entry: string): Promise<string> {
  const result = await build({ ...WEB_BUNDLING, absWorkingDir: ROOT, entryPoints: [join(ROOT, entry)], format: 'iife', write: false, outfile: 'sign.js' });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error(`esbuild gave ${result.outputFiles.length} files for ${entry}`);
  return output.text;
}

/**
 * The scripts' text by name, built in memory (nothing is written).
 * @example const { officials } = await buildSignScripts()
 */
export async function buildSignScripts(): Promise<SignScripts> {
  const [officials, monitors] = await Promise.all([buildOne(SIGN_ENTRIES.officials), buildOne(SIGN_ENTRIES.monitors)]);
  return { officials, monitors };
}

/** The ES module that carries the scripts into a bundle: one exported constant, the scripts as JSON. */
export function signScriptsModule(scripts: SignScripts): string {
  return `export const ${SIGN_SCRIPTS_EXPORT} = ${JSON.stringify(scripts)};\n`;
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node --import tsx scripts/build-sign.ts <file.mjs>\n');
    process.exitCode = 2;
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, signScriptsModule(await buildSignScripts()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
