/**
 * Serves the published site folder locally, as CloudFront serves the bucket on AWS: `/dir/` -> `dir/index.html`,
 * content types by extension, the same security headers, nothing outside the folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { SITE_HEADERS } from '../../web/security-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.jws': 'application/jose; charset=utf-8',
  '.pem': 'application/x-pem-file',
  '.csv': 'text/csv; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  // Documents attached to a disclosure (c/<id>/docs/).
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

export { SITE_HEADERS };

export function staticSite(rootDir: string) {
  const root = resolve(rootDir);
  return async (c: Context) => {
    const rawPath = new URL(c.req.url).pathname;
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return c.notFound();
    }
    if (path.includes('\0')) return c.notFound();
    let file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return c.notFound();
    try {
      const s = await stat(file);
      if (s.isDirectory()) {
        // Redirect with the path as it came (still encoded), relative to this origin only: never `//host/...`.
        if (!path.endsWith('/')) return c.redirect(`/${rawPath.replace(/^\/+/, '')}/`, 301);
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      const headers = { ...SITE_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
      return new Response(body, { status: 200, headers });
    } catch {
      return c.notFound();
    }
  };
}
