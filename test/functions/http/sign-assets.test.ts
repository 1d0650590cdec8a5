import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { signScript } from '../../../functions/http/sign-assets.ts';
import { LAMBDA_BUNDLING, SIGN_SCRIPTS_DEFINE, signScriptsModule } from '../../../infra/lambda-bundling.ts';
import { buildSignScripts, signScriptsModule as moduleText } from '../../../scripts/build-sign.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'danban-sign-assets-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the signing scripts served by the staff pages', () => {
  it('under tsx are built on first use, as scripts/build-sign.ts builds them from web/sign/', async () => {
    const [officials, monitors, again] = await Promise.all([signScript('officials'), signScript('monitors'), signScript('officials')]);
    const built = await buildSignScripts();
    expect(officials).toBe(built.officials);
    expect(monitors).toBe(built.monitors);
    expect(again).toBe(officials);
    expect(officials).not.toBe(monitors);
  }, 60_000);

  it('in a Lambda bundle are the injected ones, and nothing that builds them is bundled', async () => {
    const injected = join(scratch, 'scripts.mjs');
    writeFileSync(injected, moduleText({ officials: '/* officials */', monitors: '/* monitors */' }));
    const entry = join(scratch, 'entry.ts');
    writeFileSync(entry, `export { signScript } from ${JSON.stringify(join(ROOT, 'functions/http/sign-assets.ts'))};\n`);
    const outfile = join(scratch, 'bundle.mjs');
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: LAMBDA_BUNDLING.platform,
      format: LAMBDA_BUNDLING.format,
      target: LAMBDA_BUNDLING.target,
      minify: LAMBDA_BUNDLING.minify,
      define: { ...SIGN_SCRIPTS_DEFINE },
      inject: [injected],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /build-sign|build-web|esbuild/.test(i))).toEqual([]);
    const bundled = (await import(pathToFileURL(outfile).href)) as { signScript: typeof signScript };
    await expect(bundled.signScript('officials')).resolves.toBe('/* officials */');
    await expect(bundled.signScript('monitors')).resolves.toBe('/* monitors */');
  });

  it('the module the stack injects holds the scripts the tsx build gives', async () => {
    const file = signScriptsModule();
    const { DANBAN_SIGN_SCRIPTS } = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { DANBAN_SIGN_SCRIPTS: unknown };
    expect(DANBAN_SIGN_SCRIPTS).toEqual(await buildSignScripts());
  }, 60_000);
});
