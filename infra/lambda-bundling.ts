/**
 * How every Lambda of the stack is bundled by esbuild, as plain values: the CDK `LambdaFunction` construct turns
 * them into NodejsFunction bundling options, and `test/bench/lambda-bundle.ts` builds with the very same values to
 * measure what is deployed. No aws-cdk-lib import here, so the bench stays light.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The entry file of each function (the only runtime code infra/ knows of: a path). */
export const LAMBDA_ENTRIES = {
  api: 'functions/lambda/api.ts',
  closer: 'functions/lambda/closer.ts',
  officials: 'functions/lambda/officials.ts',
  printer: 'functions/lambda/printer.ts',
  'rotate-origin-secret': 'functions/lambda/rotate-origin-secret.ts',
} as const;

export type LambdaName = keyof typeof LAMBDA_ENTRIES;

/**
 * Files a function needs beside its bundle, copied after esbuild: the printer's Chromium (the packed binary, its
 * fonts and libraries, about 70 MB), which a bundler cannot inline. From the project's node_modules, so the version is
 * package-lock.json's.
 */
export const LAMBDA_FILES: Partial<Record<LambdaName, readonly { from: string; to: string }[]>> = {
  printer: [{ from: 'node_modules/@sparticuz/chromium/bin', to: 'chromium' }],
};

export const LAMBDA_BUNDLING = {
  format: 'esm',
  platform: 'node',
  /** Syntax level of the nodejs24.x runtime the functions run on. */
  target: 'node24',
  minify: true,
  /** Shipped beside index.mjs (not inside it) and read with NODE_OPTIONS=--enable-source-maps: stack traces in the logs name our .ts files. */
  sourcemap: true,
  /** The map names lines, it does not carry our sources: half the size, nothing extra shipped. */
  sourcesContent: false,
  /** Prefer the ESM builds of dependencies (hono, zod, jose, powertools), which tree-shake. */
  mainFields: ['module', 'main'],
  /** CommonJS dependencies inside an ESM bundle still call require(); give them one. */
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  /**
   * The AWS SDK v3 is provided by the nodejs24.x runtime, so it is not bundled: with it the API bundle is about
   * 800 KB, far over its 450 KB budget; without it about 430 KB. The price: the SDK version is AWS's choice, not
   * package-lock.json's, and a cold start loads it from the runtime's node_modules (slower than a bundled copy).
   * test/bench/lambda-bundle.ts measures both builds.
   */
  external: ['@aws-sdk/*'],
} as const;

/**
 * The staff pages' signing scripts (web/sign/), which functions/http/sign-assets.ts serves. A Lambda cannot run
 * esbuild, so they are built for the browser before the functions are bundled (`signScriptsModule`) and handed to
 * esbuild as a module it injects (`DANBAN_SIGN_SCRIPTS`); this flag tells sign-assets.ts that they are there, and
 * drops from the bundle its other branch, which builds them on first use under tsx. Every function gets both: one
 * that does not serve the scripts never reads the injected module, and esbuild leaves it out.
 */
export const SIGN_SCRIPTS_DEFINE: Readonly<Record<string, string>> = { 'globalThis.DANBAN_SIGN_SCRIPTS_BUNDLED': 'true' };

let signScriptsFile: string | undefined;

/**
 * Builds the signing scripts with scripts/build-sign.ts into a module under node_modules/.cache, once per process,
 * and returns its path for esbuild's `inject`. Synchronous, as constructs are.
 */
export function signScriptsModule(): string {
  if (!signScriptsFile) {
    const file = join(ROOT, 'node_modules', '.cache', 'danban', 'sign-scripts.mjs');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-sign.ts', file], { cwd: ROOT, stdio: 'inherit' });
    signScriptsFile = file;
  }
  return signScriptsFile;
}
