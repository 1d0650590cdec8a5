/**
 * A small site for the staff pages' signing scripts in Chromium: the real officials' signing page and monitors'
 * consultation page (web/), the scripts as functions/http/sign-assets.ts serves them, the published decision record
 * (`record/decision.json`) and result.jws, and routes that take the posted signatures and check them with shared/, as the real use cases do. Every
 * answer carries the site's headers, its CSP included. No store, no DynamoDB: a test looks at what was posted.
 *
 * And what a test does in the page, from outside it (the CSP allows no eval; the DevTools protocol is not bound by
 * it): count or fail the page's key generation, read and seed the keys kept in IndexedDB.
 */
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { type Child, jsx } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { signScript } from '../../functions/http/sign-assets.ts';
import { buildWebAssets } from '../../scripts/build-web.ts';
import { utf8 } from '../../shared/bytes.ts';
import { decodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { verifyMinutesSignature } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { attestationProblem } from '../../shared/verify/index.ts';
import { MonitorConsultationPage } from '../../web/monitors/pages.tsx';
import { MinutesSignPage } from '../../web/officials/minutes-sign-page.tsx';
import { ShownLanguages } from '../../web/lang.tsx';
import { SITE_HEADERS } from '../../web/security-headers.ts';
import { consultation } from '../shared/bundle-fixture.ts';
import { MINUTES as RECORD, MINUTES_BYTES as RECORD_BYTES, MINUTES_HASH as RECORD_HASH } from '../support/minutes-fixture.ts';

export const ID = consultation.id;
/** The verify page's worker, built once for the site. */
const webAssets = buildWebAssets();
export const OFFICIALS_PAGE = `/officials/c/${ID}/minutes/sign`;
export const MONITORS_PAGE = `/monitors/c/${ID}`;
const STAFF = { sub: 'staff-e2e', commune: consultation.commune };
/**
 * The published bundle the monitors' page verifies before it offers to countersign: the project's good test vector
 * (test/vectors/good), served in the page's result folder, with its key's JWKS and the verify page's worker.
 */
const VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));
const RESULT_JWS = readFileSync(join(VECTORS, 'good', 'result.jws'), 'utf8').trim();
const MANIFEST_BYTES = decodeJws(RESULT_JWS).payloadBytes;

/** One post a script sent. */
export interface Posted {
  path: string;
  contentType: string;
  body: string;
}

/** A route's refusal, as functions/http/jose-post.ts words one. */
export interface Refusal {
  status: ContentfulStatusCode;
  error: { code: string; message: string; vi?: string };
}

function signing() {
  return { minutes: RECORD, hash: RECORD_HASH, status: { signed: [] }, jsonPath: `/c/${ID}/record/decision.json`, htmlUrl: `/c/${ID}/record/decision.html` };
}

async function recordCheck(jws: string): Promise<{ kid?: string; problem?: string }> {
  const check = await verifyMinutesSignature(jws, RECORD);
  return check.ok ? { kid: check.kid! } : { problem: check.problems.join('; ') };
}

async function attestationCheck(jws: string): Promise<{ kid?: string; problem?: string }> {
  const kid = String(decodeJws(jws).header.kid);
  const problem = await attestationProblem(`attestations/${kid}.jws`, utf8(jws), sha256Hex(MANIFEST_BYTES), ID);
  return problem ? { problem } : { kid };
}

/** A staff page in the request's languages, as the real site serves it: Vietnamese alone, or with English under `?lang=en`. */
function staffPage(c: Context, page: Child): Response {
  return c.html(String(jsx(ShownLanguages.Provider, { value: c.req.query('lang') === 'en' ? 'en' : 'vi' }, page)));
}

function siteApp(state: { decisionBytes: Uint8Array; refusal?: Refusal | undefined }, posted: Posted[], resultJws: string): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SITE_HEADERS)) c.res.headers.set(name, value);
  });
  const script = (name: 'officials' | 'monitors') => async (c: Context) =>
    c.body(await signScript(name), 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  app.get('/officials/assets/sign.js', script('officials'));
  app.get('/monitors/assets/sign.js', script('monitors'));
  app.get('/blank', (c) => c.html('<!doctype html><html lang="vi"><title>blank</title></html>'));
  app.get(OFFICIALS_PAGE, (c) => staffPage(c, jsx(MinutesSignPage, { official: STAFF, consultation, signing: signing() })));
  const turnout = { eligible: 3, participants: 2, byChannel: { online: 1, paper: 1, meeting: 0 } };
  const monitors = { monitor: STAFF, consultation, state: 'published' as const, turnout, audit: [], resultPath: `/c/${ID}/result.jws`, minutes: signing() };
  app.get(MONITORS_PAGE, (c) => staffPage(c, jsx(MonitorConsultationPage, monitors)));
  app.get(`/c/${ID}/record/decision.json`, (c) => c.body(new Uint8Array(state.decisionBytes), 200, { 'Content-Type': 'application/json' }));
  app.get(`/c/${ID}/result.jws`, (c) => c.text(`${resultJws}\n`));
  app.get(`/c/${ID}/*`, (c) => {
    const name = c.req.path.slice(`/c/${ID}/`.length);
    const file = join(VECTORS, 'good', ...name.split('/'));
    if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/.test(name) || !existsSync(file)) return c.notFound();
    return c.body(new Uint8Array(readFileSync(file)), 200, { 'Content-Type': 'application/octet-stream' });
  });
  app.get('/keys/jwks.json', (c) => c.body(new Uint8Array(readFileSync(join(VECTORS, 'keys', 'jwks.json'))), 200, { 'Content-Type': 'application/json' }));
  app.get('/assets/verify-worker.js', async (c) =>
    c.body(new Uint8Array((await webAssets)['assets/verify-worker.js']), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  const take = (check: (jws: string) => Promise<{ kid?: string; problem?: string }>) => async (c: Context) => {
    const body = await c.req.text();
    posted.push({ path: c.req.path, contentType: c.req.header('content-type') ?? '', body });
    if (state.refusal) return c.json({ error: state.refusal.error }, state.refusal.status);
    const { kid, problem } = await check(body);
    return problem ? c.json({ error: { code: 'invalid_signature', message: problem } }, 400) : c.json({ kid }, 201);
  };
  app.post(`/officials/c/${ID}/minutes/signatures`, take(recordCheck));
  app.post(`/monitors/c/${ID}/minutes/signatures`, take(recordCheck));
  app.post(`/monitors/c/${ID}/attest`, take(attestationCheck));
  return app;
}

/** The site on 127.0.0.1 at a free port; `state` changes what it publishes and how its routes answer. */
export async function serveSigningSite() {
  const state: { decisionBytes: Uint8Array; refusal?: Refusal | undefined } = { decisionBytes: RECORD_BYTES };
  const posted: Posted[] = [];
  const resultJws = RESULT_JWS;
  const app = siteApp(state, posted, resultJws);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, state, posted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type SigningSite = Awaited<ReturnType<typeof serveSigningSite>>;

/**
 * An init script: the page's generateKey calls are counted (`__keysMade()`), and the first `fail` of them are refused
 * with "no key this time".
 */
export function keyGeneration(fail = 0): string {
  return `(() => {
    const subtle = crypto.subtle;
    const real = subtle.generateKey.bind(subtle);
    let made = 0;
    globalThis.__keysMade = () => made;
    subtle.generateKey = (...args) => (++made <= ${fail} ? Promise.reject(new Error('no key this time')) : real(...args));
  })();`;
}

/**
 * An init script: every CSP violation the document reports (`__violations()`), including one a script caught, which
 * the console does not show (an eval refused inside a try).
 */
export const WATCH_CSP = `(() => {
  const seen = [];
  globalThis.__violations = () => seen;
  document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

/** The CSP violations the page's document has reported so far. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate('__violations()') as Promise<string[]>;
}

/**
 * An init script: the tab's first generateKey waits until another tab of the context has reached its own first one
 * (told over a BroadcastChannel), so that both tabs find no key and both make one.
 */
export const KEY_RACE = `(() => {
  const subtle = crypto.subtle;
  const real = subtle.generateKey.bind(subtle);
  const channel = new BroadcastChannel('test-key-race');
  let release;
  const other = new Promise((resolve) => { release = resolve; });
  let waiting = false;
  let first = true;
  channel.onmessage = (event) => {
    if (event.data === 'making' && waiting) channel.postMessage('seen');
    release();
  };
  subtle.generateKey = (...args) => {
    if (!first) return real(...args);
    first = false;
    waiting = true;
    channel.postMessage('making');
    return other.then(() => real(...args));
  };
})();`;

/** A record kept in a database's store `keys`: its name, its members, and its keys as far as they can be read. */
export interface KeptRecord {
  name: string;
  members: string[];
  privateExtractable: boolean | null;
  thumbprint: string | null;
}

/** What a database of this origin keeps, or undefined when there is no such database (nothing is created). */
export async function keptKeys(page: Page, database: string): Promise<{ version: number; stores: string[]; records: KeptRecord[] } | undefined> {
  const raw = (await page.evaluate(`(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === ${JSON.stringify(database)})) return undefined;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(${JSON.stringify(database)});
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const stores = [...db.objectStoreNames];
    const store = db.transaction('keys').objectStore('keys');
    const [names, values] = await Promise.all([all(store.getAllKeys()), all(store.getAll())]);
    const records = [];
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      records.push({
        name: names[i],
        members: Object.keys(v).sort(),
        privateExtractable: v.privateKey ? v.privateKey.extractable : null,
        jwk: v.publicKey ? await crypto.subtle.exportKey('jwk', v.publicKey) : null,
      });
    }
    const version = db.version;
    db.close();
    return { version, stores, records };
  })()`)) as { version: number; stores: string[]; records: (Omit<KeptRecord, 'thumbprint'> & { jwk: JsonWebKey | null })[] } | undefined;
  if (!raw) return undefined;
  const records = raw.records.map(({ jwk, ...r }) => ({ ...r, thumbprint: jwk ? jwkThumbprint(jwk) : null }));
  return { version: raw.version, stores: raw.stores, records };
}

/**
 * Keeps under name, in this origin's database (store `keys`, version 1, as the scripts make it), a key pair made here
 * with a non-extractable private key, or only its public key; returns the thumbprint of that public key.
 */
export async function seedKey(page: Page, database: string, name: string, kept: 'pair' | 'public key only'): Promise<string> {
  const jwk = (await page.evaluate(`(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(${JSON.stringify(database)}, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('keys');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const record = ${kept === 'pair' ? '{ privateKey: pair.privateKey, publicKey: pair.publicKey }' : '{ publicKey: pair.publicKey }'};
    await new Promise((resolve, reject) => {
      const tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').put(record, ${JSON.stringify(name)});
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
    return crypto.subtle.exportKey('jwk', pair.publicKey);
  })()`)) as JsonWebKey;
  return jwkThumbprint(jwk);
}
