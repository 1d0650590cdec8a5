/**
 * `PdfRenderer` with a headless Chromium process: the page is written to a private temporary folder and printed with
 * Chromium's own `--print-to-pdf`, which follows the page's `@page` rule (A4 for the minutes). No driver library:
 * one process a page, started and ended here, with a time limit. The same code runs with Debian's `chromium`
 * locally and with the serverless build of Chromium in the printer function (functions/lambda/printer.ts).
 *
 * The page is loaded from a file with the network off (no name resolves, and every request goes to a proxy that is
 * not there) and under a content security policy that loads no other file, so a printed page shows only what it
 * carries; the minutes carry their styles inline and no script.
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from '../core/ports.ts';

export interface ChromiumOptions {
  executablePath: string;
  /** Extra switches of the platform (the serverless build needs its own). */
  args?: readonly string[];
  /** Default 30 s. */
  timeoutMs?: number;
}

const SWITCHES = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
  '--no-pdf-header-footer',
  // No network: every name resolves nowhere, and every request, to an address or this machine too, goes to a proxy
  // on a closed port.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

export class ChromiumRenderer implements PdfRenderer {
  constructor(private readonly options: ChromiumOptions) {}

  async render(html: Uint8Array): Promise<Uint8Array> {
    const dir = await mkdtemp(join(tmpdir(), 'danban-print-'));
    try {
      const page = join(dir, 'page.html');
      const out = join(dir, 'page.pdf');
      await writeFile(page, withPrintPolicy(html));
      const platform = this.options.args ?? [];
      // The platform's switches first; ours (a later duplicate wins) and the profile folder after them.
      const args = [
        ...platform.filter((a) => !a.startsWith('--headless')),
        ...SWITCHES,
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${out}`,
        pathToFileURL(page).href,
      ];
      await run(this.options.executablePath, args, this.options.timeoutMs ?? 30_000);
      return new Uint8Array(await readFile(out));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The page loads from a file, and a file's page may load other files (an iframe of /proc/self/environ would print
 * the function's credentials into a public PDF). Whatever the page says, it is printed under a policy that loads
 * nothing but its own inline styles and data: images.
 */
export const PRINT_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;

export function withPrintPolicy(html: Uint8Array): Uint8Array {
  const text = Buffer.from(html).toString('utf8');
  const head = /<head(?:\s[^>]*)?>/i.exec(text);
  // The policy must come first in <head>; a page without one gets one (after the doctype, so no quirks mode).
  const out = head
    ? text.slice(0, head.index + head[0].length) + PRINT_POLICY + text.slice(head.index + head[0].length)
    : text.replace(/^(\s*<!doctype[^>]*>)?/i, (doctype) => `${doctype}<head>${PRINT_POLICY}</head>`);
  return new Uint8Array(Buffer.from(out, 'utf8'));
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Chromium could not be started (${command}): ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`Chromium failed (${signal ?? `exit ${code}`}): ${lastLine(stderr)}`));
    });
  });
}

const lastLine = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((l) => !/dbus|Fontconfig/i.test(l))
    .at(-1) ?? '';

/** The first of the candidates that exists (CHROMIUM_PATH, then Debian's and other usual places), or undefined. */
export async function findChromium(
  candidates: readonly (string | undefined)[] = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
): Promise<string | undefined> {
  for (const path of candidates) {
    if (!path) continue;
    try {
      await access(path);
      return path;
    } catch {
      /* next */
    }
  }
  return undefined;
}
