/**
 * `npm start` as a user runs it: the real entry point in a child process, with its own DynamoDB Local, on a free
 * port and a fresh DATA_DIR. It prints `ready:`, serves the home page and the demo's published round (result,
 * minutes, contributions, with the minutes' PDF printed by the machine's Chromium), lets the demo official sign in
 * and the demo codes vote, and stops with DynamoDB Local on SIGTERM. A second start seeds nothing more.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../shared/contributions.ts';
import { Minutes } from '../../shared/minutes.ts';
import { demoRoll } from '../../functions/local/seed.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  base: string;
}

async function start(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "ready:" line within 150 s:\n${out}`)), 150_000);
    const check = () => {
      if (out.includes('ready: ')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out, base: `http://127.0.0.1:${port}/` };
}

function stop(r: Running): Promise<number | null> {
  return new Promise((ok) => {
    if (r.child.exitCode !== null) return ok(r.child.exitCode);
    r.child.once('exit', (code) => ok(code));
    r.child.kill('SIGTERM');
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts the whole system with the demo commune, serves it, and stops cleanly', async () => {
    const r = await start(dataDir);
    let code: number | null;
    try {
      const out = r.output();
      expect(out).toContain('demo accounts: official / official-demo');
      const published = /demo result: +\S+c\/([0-9A-Z]{26})\//.exec(out)?.[1];
      const open = /demo vote: +([0-9A-Z]{26});/.exec(out)?.[1];
      expect(published, out).toBeDefined();
      expect(open, out).toBeDefined();

      const home = await fetch(r.base);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toBeTruthy();
      const homeText = await home.text();
      expect(homeText).toContain(`c/${published}/`);
      expect(homeText).toContain(`c/${open}/`);

      // The published round: signed result, minutes (and their PDF), schedule and ledger.
      const get = (path: string) => fetch(new URL(`c/${published}/${path}`, r.base));
      expect((await get('result.jws')).status).toBe(200);
      const minutes = Minutes.parse(await (await get('minutes.json')).json());
      expect(minutes.questions[0]!.status).toBe('adopted');
      expect(minutes.participants.byChannel).toEqual({ online: 100, paper: 24, meeting: 0 });
      const pdf = await get('minutes.pdf');
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
      const ledger = verifyLedger(new Uint8Array(await (await get('contributions/ledger.jsonl')).arrayBuffer()));
      expect(ledger.problems).toEqual([]);
      expect(ledger.events.map((e) => e.entry.type)).toEqual(['collection', 'collection', 'collection', 'collection', 'spending']);
      const result = await (await get('')).text();
      expect(result).toContain('minutes.html');
      // No head of a household on any public page of the round (their names stay in the database).
      const pages = [
        result,
        await (await get('minutes.html')).text(),
        await (await get('contributions/')).text(),
        await (await get('roll.json')).text(),
        await (await fetch(new URL(`c/${open}/`, r.base))).text(),
      ];
      const heads = new Set(demoRoll().map((h) => h.head));
      expect(heads.size).toBeGreaterThan(20);
      for (const head of heads) for (const page of pages) expect(page.includes(head), head).toBe(false);

      // The demo official signs in; a demo code votes in the open round.
      const login = await fetch(new URL('api/auth/login', r.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'official', password: 'official-demo' }),
      });
      expect(login.status).toBe(200);
      const codes = readFileSync(join(dataDir, 'demo-codes.csv'), 'utf8').trim().split('\n').slice(1);
      expect(codes).toHaveLength(142);
      expect(statSync(join(dataDir, 'demo-codes.csv')).mode & 0o077).toBe(0);
      const [, codeOfFirst] = codes[0]!.split(',');
      const ballot = await fetch(new URL(`api/consultations/${open}/ballots`, r.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: codeOfFirst, answers: { q1: 'yes' } }),
      });
      expect(ballot.status).toBe(201);
      // No household code in what it printed (only where they were written).
      expect(r.output()).not.toContain(codeOfFirst!);
    } finally {
      code = await stop(r);
    }
    expect(code).toBe(0);
  }, 180_000);

  it('keeps what it had after a restart and seeds nothing more', async () => {
    const r = await start(dataDir);
    try {
      expect(r.output()).not.toContain('demo vote:');
      const list = (await (await fetch(new URL('api/consultations', r.base))).json()) as { consultations: Array<{ state: string }> };
      expect(list.consultations.map((c) => c.state).sort()).toEqual(['published', 'voting']);
    } finally {
      expect(await stop(r)).toBe(0);
    }
  }, 180_000);
});
