import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PublishOptions, Publisher } from '../core/ports.ts';

/**
 * Throws unless `key` is a plain relative site path: segments of safe characters joined by `/`, no `.` or
 * `..` segment, no leading slash, no backslash, no empty segment. `directory` allows '' and a trailing `/`
 * (for URLs such as `c/<id>/`). Shared by every Publisher, so a key means the same file everywhere.
 */
export function assertSiteKey(key: string, { directory = false } = {}): void {
  const path = directory && key.endsWith('/') ? key.slice(0, -1) : key;
  if (directory && path === '') return;
  const bad = (why: string): never => {
    throw new Error(`Invalid site key ${JSON.stringify(key)}: ${why}`);
  };
  if (path === '') bad('empty');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) bad('absolute path');
  if (path.includes('\\')) bad('backslash');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a key with a control character is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) bad('control character');
  for (const segment of path.split('/')) {
    if (segment === '') bad('empty segment');
    if (segment === '.' || segment === '..') bad(`"${segment}" segment`);
  }
}

/** Public URL of a site key under `baseUrl` (each segment percent-encoded). */
export function siteUrl(baseUrl: string, key: string): string {
  assertSiteKey(key, { directory: true });
  return `${baseUrl.replace(/\/+$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Publishes the static site into a local folder (served by the local server). Writes are atomic: a reader sees
 * the old file or the new one, never half of it. The content type is not stored; the server derives it from
 * the file name.
 * @example
 * const site = new FsPublisher('.local/site', 'http://127.0.0.1:3000/');
 * await site.put('c/01J…/tally.json', bytes, { contentType: 'application/json', cacheControl: 'public, max-age=31536000, immutable' });
 */
export class FsPublisher implements Publisher {
  private readonly root: string;

  constructor(
    rootDir: string,
    private readonly baseUrl: string,
  ) {
    this.root = resolve(rootDir);
  }

  async put(key: string, body: Uint8Array | string, _options: PublishOptions): Promise<void> {
    const file = this.#path(key);
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    // Same directory as the target, so the rename is atomic (one file system).
    const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.#path(key)));
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? err.code : undefined;
      // ENOTDIR: a parent segment is a file; EISDIR: the key names a folder. Neither is a published file.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw err;
    }
  }

  url(key: string): string {
    return siteUrl(this.baseUrl, key);
  }

  #path(key: string): string {
    assertSiteKey(key);
    return join(this.root, ...key.split('/'));
  }
}
