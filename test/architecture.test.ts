import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports, importsOf } from './support/import-rules.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_FOLDERS = ['shared', 'functions', 'web', 'cli', 'infra'];

async function sources(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const top of SOURCE_FOLDERS) {
    for (const entry of await readdir(join(ROOT, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      out.set(relative(ROOT, path).split(sep).join('/'), await readFile(path, 'utf8'));
    }
  }
  return out;
}

describe('the import direction of ARCHITECTURE.md', () => {
  it('holds for every source file of the tree', async () => {
    const files = await sources();
    expect(files.size).toBeGreaterThan(100);
    expect(checkImports(files)).toEqual([]);
  });

  it.each([
    ['shared/x.ts', "import { Store } from '../functions/core/store.ts';", 'shared may import only shared'],
    ['shared/x.ts', "import { createHash } from 'node:crypto';", 'shared may import only the packages zod'],
    ['shared/x.ts', "const m = await import('../web/layout.tsx');", 'shared may import only shared'],
    ['functions/core/x.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", 'functions/core may not import @aws-sdk/client-dynamodb'],
    ['functions/core/x.ts', "import { Hono } from 'hono';", 'functions/core may not import hono'],
    ['functions/core/x.ts', "export { DynamoStore } from '../adapters/dynamo-store.ts';", 'functions/core may import only shared, web, functions/core'],
    ['functions/http/api/x.ts', "import type { DynamoStore } from '../../adapters/dynamo-store.ts';", 'functions/http may import only'],
    ['functions/adapters/x.ts', "import { MESSAGES } from '../http/messages.ts';", 'functions/adapters may import only'],
    ['web/x.tsx', "import { view } from '#functions/http/app.ts';", 'web may import only shared, web'],
    ['infra/x.ts', "import { createApp } from '../functions/http/app.ts';", 'infra may import only infra'],
  ])('a forbidden import is caught: %s importing %s', (file, source, rule) => {
    const violations = checkImports(new Map([[file, source]]));
    expect(violations).toHaveLength(1);
    expect(violations[0]!.rule).toContain(rule);
  });

  it('allowed imports pass: the domain from a use case, a page from a use case, an SDK from an adapter', () => {
    const fixture = new Map([
      ['functions/core/x.ts', "import { tally } from '../../shared/tally.ts';\nimport { resultPage } from '../../web/result-page.tsx';"],
      ['functions/adapters/x.ts', "import { KMSClient } from '@aws-sdk/client-kms';\nimport type { Signer } from '../core/ports.ts';"],
      ['shared/x.ts', "import * as z from 'zod';\nimport { jcs } from './jcs.ts';"],
    ]);
    expect(checkImports(fixture)).toEqual([]);
  });

  it('an exception holds only for its own file and import', () => {
    const source = "import { build } from '../../scripts/build-sign.ts';";
    expect(checkImports(new Map([['functions/http/sign-assets.ts', source]]))).toEqual([]);
    expect(checkImports(new Map([['functions/http/app.ts', source]]))).toHaveLength(1);
  });

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const source = "import a from 'a';\nimport type { B } from 'b';\nexport * from 'c';\nconst d = import('d');";
    expect(importsOf(source).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

/** `import { z } from 'zod'` takes zod's whole namespace as one value (every locale with it): some 350 KB more in a Lambda. */
const ZOD_AS_VALUE = /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*'zod'/;

describe('zod is imported as a namespace, so the bundles keep only what they use', () => {
  it('no source file imports `{ z }` from zod', async () => {
    const offenders = [...(await sources())].filter(([, text]) => ZOD_AS_VALUE.test(text)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it('the check catches the form that grew the bundle, and lets the namespace forms through', () => {
    expect(ZOD_AS_VALUE.test("import { z } from 'zod';")).toBe(true);
    expect(ZOD_AS_VALUE.test("import { type ZodType, z } from 'zod';")).toBe(true);
    expect(ZOD_AS_VALUE.test("import * as z from 'zod';")).toBe(false);
    expect(ZOD_AS_VALUE.test("import type * as z from 'zod';")).toBe(false);
  });
});
