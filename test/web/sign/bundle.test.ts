import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSignScripts, SIGN_ENTRIES, type SignScriptName, type SignScripts } from '../../../scripts/build-sign.ts';
import { MONITOR_DATABASE, MONITOR_KEY } from '../../../web/sign/countersign.ts';
import { MINUTES_DATABASE } from '../../../web/sign/minutes.ts';

/**
 * Gzipped bytes each script may weigh. Most of it is zod, which shared/minutes.ts brings along with the decision
 * record's schema that the script reads the published record with.
 */
const BUDGET: Record<SignScriptName, number> = { officials: 42 * 1024, monitors: 42 * 1024 };

let scripts: SignScripts;

beforeAll(async () => {
  scripts = await buildSignScripts();
}, 60_000);

const names = Object.keys(SIGN_ENTRIES) as SignScriptName[];

describe('the staff pages’ signing scripts, as built', () => {
  it('are one classic script each (an IIFE, no global of its own), within its gzipped budget', () => {
    expect(names).toEqual(['officials', 'monitors']);
    for (const name of names) {
      expect(scripts[name], name).toMatch(/^"use strict";\(\(\)=>\{/);
      expect(scripts[name].trimEnd().endsWith('})();'), name).toBe(true);
      const gzipped = gzipSync(scripts[name], { level: 9 }).length;
      expect(gzipped, `${name}: ${scripts[name].length} bytes, ${gzipped} gzipped`).toBeLessThanOrEqual(BUDGET[name]);
    }
  });

  it('import nothing at run time, from node: or elsewhere: shared/ is bundled in', () => {
    const loads = /(?<![.\w$])(?:require\s*\(|import\s*\(|import\s*[{*"']|import\s+[\w$]+\s+from\b|export\s*[{*])/;
    for (const name of names) {
      expect(/\bnode:[a-z_/]+/.exec(scripts[name])?.[0], name).toBeUndefined();
      expect(loads.exec(scripts[name])?.[0], name).toBeUndefined();
      expect(scripts[name], name).not.toContain('import.meta');
    }
  });

  it('the officials’ script signs the decision record and does not countersign; the monitors’ does both', () => {
    expect(scripts.officials).toContain(`"${MINUTES_DATABASE}"`);
    expect(scripts.officials).toContain('Đã ký số văn bản với vai trò');
    expect(scripts.officials).not.toContain(`"${MONITOR_DATABASE}"`);
    expect(scripts.officials).not.toContain('Đã ghi nhận chữ ký xác nhận');
    for (const text of [
      `"${MINUTES_DATABASE}"`,
      `"${MONITOR_DATABASE}"`,
      'Đã ký số văn bản với vai trò',
      'Đã ghi nhận chữ ký xác nhận',
      'Attestation accepted',
    ]) {
      expect(scripts.monitors).toContain(text);
    }
  });

  it('keep the keys where the earlier scripts kept them, so that a signer’s key is still found', () => {
    expect([MINUTES_DATABASE, MONITOR_DATABASE, MONITOR_KEY]).toEqual(['danban-minutes', 'danban-monitor', 'monitor']);
    expect(scripts.monitors).toContain(`"${MONITOR_KEY}"`);
  });
});
