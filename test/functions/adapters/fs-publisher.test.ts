import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsPublisher } from '../../../functions/adapters/fs-publisher.ts';

const options = { contentType: 'application/json', cacheControl: 'public, max-age=31536000, immutable' };

describe('FsPublisher', () => {
  let root: string;
  let site: FsPublisher;
  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'site-')), 'site');
    site = new FsPublisher(root, 'http://127.0.0.1:3000/');
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('writes a file under nested folders it creates, and reads it back', async () => {
    await site.put('c/01J/tally.json', new Uint8Array([123, 125]), options);
    expect(readFileSync(join(root, 'c', '01J', 'tally.json'), 'utf8')).toBe('{}');
    expect(await site.get('c/01J/tally.json')).toEqual(new Uint8Array([123, 125]));
  });

  it('writes strings as UTF-8', async () => {
    await site.put('c/01J/index.html', 'Dân bàn', { contentType: 'text/html', cacheControl: 'no-cache' });
    expect(await site.get('c/01J/index.html')).toEqual(new TextEncoder().encode('Dân bàn'));
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await site.put('c/01J/manifest.json', 'old', options);
    await site.put('c/01J/manifest.json', 'new', options);
    expect(readFileSync(join(root, 'c', '01J', 'manifest.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(root, 'c', '01J'))).toEqual(['manifest.json']);
  });

  it('removes the temporary file when the rename fails', async () => {
    mkdirSync(join(root, 'c', 'taken.json'), { recursive: true });
    writeFileSync(join(root, 'c', 'taken.json', 'inside'), 'x');
    await expect(site.put('c/taken.json', 'x', options)).rejects.toThrow();
    expect(readdirSync(join(root, 'c'))).toEqual(['taken.json']);
  });

  it('answers undefined for a file that does not exist, or a folder', async () => {
    expect(await site.get('c/missing.json')).toBeUndefined();
    await site.put('c/01J/tally.json', 'x', options);
    expect(await site.get('c/01J')).toBeUndefined();
    expect(await site.get('c/01J/tally.json/deeper')).toBeUndefined();
  });

  it.each(['../escape.json', 'c/../../escape.json', '/etc/passwd', 'C:/x', 'c\\..\\escape.json', 'c//x', './x', '', 'c/'])(
    'refuses the key %j',
    async (key) => {
      await expect(site.put(key, 'x', options)).rejects.toThrow(/Invalid site key/);
      await expect(site.get(key)).rejects.toThrow(/Invalid site key/);
      expect(existsSync(join(root, '..', 'escape.json'))).toBe(false);
    },
  );

  it('builds URLs under the base URL, for files and folders', () => {
    expect(site.url('c/01J/')).toBe('http://127.0.0.1:3000/c/01J/');
    expect(site.url('c/01J/tally.json')).toBe('http://127.0.0.1:3000/c/01J/tally.json');
    expect(new FsPublisher(root, 'http://127.0.0.1:3000').url('')).toBe('http://127.0.0.1:3000/');
    expect(() => site.url('../x')).toThrow(/Invalid site key/);
  });
});
