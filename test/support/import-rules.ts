/**
 * The import direction of ARCHITECTURE.md as data, and a checker that reads each file's imports with TypeScript's
 * own pre-processor (static imports, re-exports, dynamic `import()` with a literal), so a test can hold the tree to it.
 */
import { posix } from 'node:path';
import ts from 'typescript';

/** A layer: the folder it covers, and what its files may not import (folders of the repo, or package names). */
export interface Layer {
  folder: string;
  /** Only these repo folders (relative imports) may be imported; undefined means any but `forbiddenFolders`. */
  allowedFolders?: readonly string[];
  forbiddenFolders?: readonly string[];
  /** Package specifiers (exact, or a prefix ending in `/` or `:`) that may not be imported. */
  forbiddenPackages?: readonly string[];
  /** Only these packages may be imported, if set. */
  allowedPackages?: readonly string[];
}

const SDKS = ['@aws-sdk/', '@middy/', '@aws-lambda-powertools/', 'aws-cdk-lib', 'constructs'];

/** The rules, innermost first. */
export const LAYERS: readonly Layer[] = [
  // Pure domain: runs in Lambda, the browser and the CLI alike.
  { folder: 'shared', allowedFolders: ['shared'], allowedPackages: ['zod'] },
  // Use cases: shared, web (pages are rendered from domain values) and their own ports; never an SDK or HTTP.
  {
    folder: 'functions/core',
    allowedFolders: ['shared', 'web', 'functions/core'],
    forbiddenPackages: [...SDKS, 'hono', 'hono/', '@hono/', 'jose', 'node:'],
  },
  // Adapters implement the ports; they know nothing of HTTP or of the runtimes that wire them.
  {
    folder: 'functions/adapters',
    allowedFolders: ['shared', 'functions/core', 'functions/adapters'],
    forbiddenPackages: ['hono', 'hono/', '@hono/'],
  },
  // HTTP: parse, call a use case, shape the answer; never the store or an adapter.
  {
    folder: 'functions/http',
    allowedFolders: ['shared', 'web', 'functions/core', 'functions/http'],
    forbiddenPackages: [...SDKS],
  },
  // Pages: domain values in, markup out; no I/O.
  { folder: 'web', allowedFolders: ['shared', 'web'], forbiddenPackages: [...SDKS] },
  // The monitors' CLI shares only the domain.
  { folder: 'cli', allowedFolders: ['shared', 'cli'], forbiddenPackages: [...SDKS] },
  // The CDK app names entry files and imports no runtime code.
  { folder: 'infra', allowedFolders: ['infra'] },
];

/**
 * Imports allowed against the rules, each with its reason. The staff pages' signing scripts are built by esbuild on
 * first use under tsx (npm start, the tests); in a Lambda bundle that branch and its import are dropped at build time
 * (functions/http/sign-assets.ts, infra/lambda-bundling.ts).
 */
export const EXCEPTIONS: ReadonlyArray<{ file: string; specifier: string; reason: string }> = [
  { file: 'functions/http/sign-assets.ts', specifier: '../../scripts/build-sign.ts', reason: 'dev-time build of the signing scripts' },
];

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  return layers.find((l) => file === l.folder || file.startsWith(`${l.folder}/`));
}

function inFolder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

function matchesPackage(specifier: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('/') || p.endsWith(':') ? specifier.startsWith(p) : specifier === p || specifier.startsWith(`${p}/`)));
}

/** Resolves `#shared/x` and relative specifiers to a repo path; undefined for a package. */
function repoPath(file: string, specifier: string): string | undefined {
  const alias = /^#(shared|functions|web)\/(.*)$/.exec(specifier);
  if (alias) return posix.normalize(`${alias[1]}/${alias[2]}`);
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), specifier));
  return undefined;
}

/** The specifiers a source file imports, static or dynamic. */
export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Every import of `files` (repo path -> source) that breaks a rule of `layers`. */
export function checkImports(files: ReadonlyMap<string, string>, layers: readonly Layer[] = LAYERS, exceptions: typeof EXCEPTIONS = EXCEPTIONS): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const layer = layerOf(file, layers);
    if (!layer) continue;
    for (const specifier of importsOf(source)) {
      if (exceptions.some((e) => e.file === file && e.specifier === specifier)) continue;
      const rule = breaks(layer, file, specifier);
      if (rule) out.push({ file, specifier, rule });
    }
  }
  return out;
}

function breaks(layer: Layer, file: string, specifier: string): string | undefined {
  const target = repoPath(file, specifier);
  if (target !== undefined) {
    if (layer.allowedFolders && !layer.allowedFolders.some((f) => inFolder(target, f))) {
      return `${layer.folder} may import only ${layer.allowedFolders.join(', ')}`;
    }
    const banned = layer.forbiddenFolders?.find((f) => inFolder(target, f));
    return banned ? `${layer.folder} may not import ${banned}` : undefined;
  }
  if (layer.allowedPackages && !layer.allowedPackages.includes(specifier))
    return `${layer.folder} may import only the packages ${layer.allowedPackages.join(', ')}`;
  if (layer.forbiddenPackages && matchesPackage(specifier, layer.forbiddenPackages)) return `${layer.folder} may not import ${specifier}`;
  return undefined;
}
