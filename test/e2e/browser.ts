/**
 * What the end-to-end tests share: Debian's Chromium driven by playwright-core, the whole local system served over
 * real HTTP on 127.0.0.1, a phone-sized page, axe-core run inside a page, and screenshots for docs/screenshots/.
 *
 * Chromium is not downloaded by any package: CI installs Debian's `chromium` (.ci/run). Without it these tests fail,
 * they never skip.
 */
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { hashPassword, type LocalAccount } from '../../functions/local/issuer.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { uniqueTableName } from '../support/ddb.ts';
import { OPEN_AT_ONCE } from '../support/profile.ts';
import { AFTER_FILES } from '../../shared/verify-after/index.ts';
import type { LegalProfile } from '../../shared/matters.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's package puts the browser here; CHROMIUM_PATH may point elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Where the screenshots go: docs/screenshots/ (committed, so readers of the README see the product) when
 * UPDATE_SCREENSHOTS=1, else a scratch folder, so an ordinary test run leaves the work tree clean.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'danban-screenshots');

/** A cheap Android phone: 360 × 740 CSS pixels at one device pixel per CSS pixel (so a screenshot is 360 px wide). */
export const PHONE = { width: 360, height: 740 } as const;

/**
 * Starts headless Chromium (`headless: true` is `--headless`). The flags keep it off the network it would otherwise
 * call at start (updates, sync, field trials) and let it run as root in a container; playwright-core gives it a new
 * empty user data dir of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (as .ci/run does), or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const OFFICIAL: LocalAccount = {
  username: 'official',
  role: 'official',
  commune: 'xa-thu-nghiem',
  sub: 'official-e2e',
  passwordHash: hashPassword('pw-official'),
};
/** A member of the commune's monitoring board (Ban giám sát), who signs in at /monitors/. */
export const MONITOR: LocalAccount = {
  username: 'monitor',
  role: 'monitor',
  commune: 'xa-thu-nghiem',
  sub: 'monitor-e2e',
  passwordHash: hashPassword('pw-monitor'),
};

/**
 * The whole local system (DynamoDB Local, local signer, site folder, resident pages and API) served by
 * @hono/node-server on 127.0.0.1 at a free port. The server starts first so that the system's public base URL is its
 * real address: every link a page prints (disclosure, result, verify) leads back to this server.
 * The commune's legal profile is OPEN_AT_ONCE unless `options.profile` says otherwise.
 */
export async function serveSystem(name: string, options: { profile?: LegalProfile } = {}) {
  let handler: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (request, env) => (handler ? handler(request, env) : new Response('starting', { status: 503 })),
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-e2e-'));
  const sys = await buildLocalSystem({
    profile: options.profile ?? OPEN_AT_ONCE,
    dataDir,
    baseUrl: `${origin}/`,
    dynamoEndpoint: inject('ddbEndpoint'),
    tableName: uniqueTableName(`e2e-${name}`),
    accounts: [OFFICIAL, MONITOR],
    log: () => undefined,
  });
  const app = sys.app;
  handler = (request, env) => app.fetch(request, env);

  /** A JSON API call over HTTP, as a client outside the browser makes it. */
  const api = async (method: string, path: string, body?: unknown, opts: { token?: string; type?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (body !== undefined) headers['content-type'] = opts.type ?? 'application/json';
    const res = await fetch(origin + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };

  return {
    ...sys,
    origin,
    dataDir,
    /** The published site folder (`c/<id>/…`, `keys/`, `assets/`), served at the origin. */
    siteDir: join(dataDir, 'site'),
    officialToken: () => sys.issuer.issue(OFFICIAL),
    api,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sys.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServedSystem = Awaited<ReturnType<typeof serveSystem>>;

/** A page in a new context the size of a cheap Android phone, with JavaScript on or off, and what it logged as an error. */
export async function phonePage(browser: Browser, options: { javaScript?: boolean } = {}) {
  const contextOptions: BrowserContextOptions = {
    viewport: PHONE,
    screen: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    javaScriptEnabled: options.javaScript ?? true,
  };
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  // tsx compiles functions with esbuild's keepNames, which wraps them in `__name(...)`: give the page one, in case a
  // test passes a function to page.evaluate (the helpers here pass strings).
  await page.addInitScript('globalThis.__name = (f) => f');
  // Console errors include every CSP violation (an inline script, a blocked image) and every failed load: a page
  // must log none. The exceptions: the browser's own request for /favicon.ico, which the site does not have, and the
  // verify page's 404s for the files published after a result (AFTER_FILES), which mean "not published yet".
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (where && new URL(where).pathname === '/favicon.ico') return;
    if (where && m.text().includes('status of 404') && AFTER_PATH.test(new URL(where).pathname)) return;
    errors.push(where ? `${m.text()} (${where})` : m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return { page, context, errors, close: () => context.close() };
}

/** `/c/<id>/<file>` for each file the verify page looks for beside a result, published or not. */
const AFTER_PATH = new RegExp(`^/c/[^/]+/(?:${AFTER_FILES.map((f) => f.replaceAll('.', '\\.')).join('|')})$`);

/** An office computer's screen, where officials work: 1280 CSS pixels wide. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** A page in a new context the size of an office computer's screen, and what it logged as an error (as phonePage). */
export async function desktopPage(browser: Browser) {
  const context = await browser.newContext({ viewport: DESKTOP, screen: DESKTOP, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.addInitScript('globalThis.__name = (f) => f');
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (where && new URL(where).pathname === '/favicon.ico') return;
    errors.push(where ? `${m.text()} (${where})` : m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return { page, context, errors, close: () => context.close() };
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  targets: string[];
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its violations, the serious and critical ones apart.
 *
 * The site's CSP (`script-src 'self'`) forbids inline scripts, so page.addScriptTag({ content }) is refused. Instead
 * the source is evaluated through the DevTools protocol (page.evaluate with a string becomes Runtime.evaluate), which
 * the CSP does not govern. The page keeps its real CSP in every test, so a violation by the page itself still shows
 * up as a console error; bypassCSP would hide those for the whole context.
 */
export async function runAxe(page: Page): Promise<{ serious: AxeFinding[]; other: AxeFinding[]; incomplete: AxeFinding[]; passed: number }> {
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    `axe.run(document).then((r) => {
      const finding = (v) => ({ id: v.id, impact: v.impact || 'unknown', help: v.help, nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
      return { violations: r.violations.map(finding), incomplete: r.incomplete.map(finding), passed: r.passes.length };
    })`,
  )) as { violations: AxeFinding[]; incomplete: AxeFinding[]; passed: number };
  const isSerious = (f: AxeFinding) => f.impact === 'serious' || f.impact === 'critical';
  return {
    serious: result.violations.filter(isSerious),
    other: result.violations.filter((f) => !isSerious(f)),
    incomplete: result.incomplete,
    passed: result.passed,
  };
}

/** Prints the moderate and minor findings (not failures) so that the page's owner hears of them. */
export function reportMinor(pageName: string, other: AxeFinding[]): void {
  for (const f of other) console.log(`axe ${f.impact} on ${pageName}: ${f.id} (${f.help}), ${f.nodes} node(s): ${f.targets.join(', ')}`);
}

/**
 * How far the page is wider than the screen, in CSS pixels (0 when nothing scrolls sideways), and the innermost
 * elements that reach past the screen's right edge, leaving out those matching `excused` (a CSS selector).
 */
export async function sidewaysOverflow(page: Page, excused?: string): Promise<{ overflow: number; culprits: string[] }> {
  return (await page.evaluate(`(() => {
    const limit = ${PHONE.width};
    const excused = ${JSON.stringify(excused ?? null)};
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
      .filter((e) => !(excused && e.closest(excused)));
    const innermost = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o)));
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '')
      + ' (to ' + Math.round(e.getBoundingClientRect().right) + ' px)';
    return { overflow: Math.max(0, document.documentElement.scrollWidth - limit), culprits: innermost.slice(0, 5).map(name) };
  })()`)) as { overflow: number; culprits: string[] };
}

/**
 * A PNG of the whole length of the page, as wide as the phone, into docs/screenshots/<name>.png; returns the file.
 * A page wider than the phone is cut at the phone's width, as the phone shows it before one scrolls sideways.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  return screenshotAt(page, name, PHONE.width);
}

/** As screenshot, cut at `width` CSS pixels (the viewport's width for a desktop page). */
export async function screenshotAt(page: Page, name: string, width: number): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  // The bottom of the content: a page wider than the phone makes Chromium zoom out, which lengthens the document
  // with blank space below the footer.
  const height = (await page.evaluate('Math.ceil(document.body.getBoundingClientRect().bottom + window.scrollY)')) as number;
  const png = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height }, type: 'png', animations: 'disabled', caret: 'hide' });
  writeFileSync(file, png);
  return file;
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
