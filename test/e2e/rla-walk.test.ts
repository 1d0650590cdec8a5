/**
 * The monitors audit the demo's household-ballot round (the road of `npm start`) from the browser to its conclusion,
 * with JavaScript off: the demo commune is seeded as `npm start` seeds it, with a second monitor account; both
 * monitors sign in and enter the digits of the die at the public session, the page lists the serials to pull, the
 * first monitor enters what each drawn slip says (the published entry of that serial in ballots.json, as an honest
 * count typed it), the risk falls below 5 %, and the conclusion is signed and published. `danban verify` on the
 * published folder passes R1 with the site's pinned key, and fails R1 after one changed byte of audit/rla.json. The
 * monitors' pages name the result key and the receipt key with their thumbprints and link the published keys.
 */
import { serve } from '@hono/node-server';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../../functions/local/demo.ts';
import { DEMO_COMMUNE, DEMO_PLAN, demoAccounts } from '../../functions/local/seed.ts';
import { buildLocalSystem } from '../../functions/local/system.ts';
import { uniqueTableName } from '../support/ddb.ts';
import { launchChromium, phonePage, screenshot, sidewaysOverflow } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The die rolled at the public session: twenty digits, ten entered by each monitor. */
const DIGITS = ['3905718264', '1742093865'];
/** English words a staff page shows only with ?lang=en. */
const ENGLISH = /\b(?:Risk|Draw|Serial|Reading|Conclusion|Conclude|Enter the|Slips to draw|The seed|Before starting|Published)\b/;

async function serveDemo() {
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  const server = serve({ fetch: (r) => (handler ? handler(r) : new Response('starting', { status: 503 })), hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((ok, fail) => {
    if (server.listening) ok();
    server.once('listening', () => ok());
    server.once('error', fail);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-rla-walk-'));
  const sys = await buildLocalSystem({
    dataDir,
    baseUrl: `${origin}/`,
    dynamoEndpoint: inject('ddbEndpoint'),
    tableName: uniqueTableName('e2e-rla-walk'),
    accounts: demoAccounts(),
    log: () => undefined,
    sweepEveryMs: 0,
  });
  const seeded = await seedDemo(sys.core, dataDir, { sub: 'demo-official-01', role: 'official', commune: DEMO_COMMUNE });
  handler = (r) => sys.app.fetch(r);
  return {
    origin,
    dataDir,
    kid: sys.kid,
    road: seeded!.road,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      sys.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Demo = Awaited<ReturnType<typeof serveDemo>>;

async function signIn(page: Page, origin: string, username: string, password: string) {
  await page.goto(`${origin}/monitors/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
  await page.waitForURL((u) => u.pathname === '/monitors/');
}

/** Runs `danban verify <folder> --key <pem> --json` from the repository root, as a monitor would. */
function danbanVerify(folder: string, keyFile: string) {
  const run = spawnSync(process.execPath, ['bin/danban.mjs', 'verify', folder, '--key', keyFile, '--json'], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { ok: boolean; after: { checks: Array<{ step: string; ok: boolean; absent?: boolean; detail?: string }> } };
  return { code: run.status, report, r1: report.after.checks.find((c) => c.step === 'R1') };
}

describe('two monitors audit the demo household-ballot round in the browser, and danban verify checks the audit', () => {
  let demo: Demo;
  let a: Awaited<ReturnType<typeof phonePage>>;
  let b: Awaited<ReturnType<typeof phonePage>>;
  const rlaPath = () => `/monitors/c/${demo.road}/rla`;

  beforeAll(async () => {
    demo = await serveDemo();
    a = await phonePage(browser, { javaScript: false });
    b = await phonePage(browser, { javaScript: false });
  }, 300_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await browser.close();
    await demo?.close();
  });

  it('shows the expected slips before starting, then fixes the seed from two monitors', async () => {
    await signIn(a.page, demo.origin, 'monitor', 'monitor-demo');
    // The monitors' start page names both keys with their thumbprints; the links lead to the published keys.
    expect(await a.page.locator('#keys #result-kid').innerText()).toBe(demo.kid);
    const receiptKid = await a.page.locator('#keys #receipt-kid').innerText();
    expect(receiptKid).not.toBe(demo.kid);
    const link = async (id: string) => fetch(new URL((await a.page.locator(`#keys #${id}`).getAttribute('href'))!, demo.origin));
    expect(await (await link('result-key-pem')).text()).toContain('BEGIN PUBLIC KEY');
    expect(((await (await link('result-key-jwks')).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid)).toEqual([demo.kid]);
    expect(((await (await link('receipt-key-jwks')).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid)).toEqual([receiptKid]);
    expect((await sidewaysOverflow(a.page)).culprits).toEqual([]);
    await a.page.locator(`a[href="/monitors/c/${demo.road}"]`).first().click();
    expect(await a.page.locator('#keys #result-kid').innerText()).toBe(demo.kid);
    await a.page.locator(`a[href="${rlaPath()}"]`).first().click();
    await a.page.waitForURL((u) => u.pathname === rlaPath());
    const expected = await a.page.locator('#expected').innerText();
    expect(expected).toContain(`Có ${DEMO_PLAN.roadBallots.returned} phiếu giấy có số sê-ri`);
    expect(expected).toContain('⌈−2γ·ln(α) / μ⌉');
    // rla.jws is signed with the result key: the audit's page names it too.
    expect(await a.page.locator('#keys #result-kid').innerText()).toBe(demo.kid);
    expect(await a.page.locator('body').innerText()).not.toMatch(ENGLISH);

    await a.page.locator('#seed input[name="digits"]').fill(DIGITS[0]!);
    await a.page.locator('#seed button[type="submit"]').click();
    await a.page.waitForURL((u) => u.pathname === rlaPath());
    // One monitor alone does not fix the seed.
    expect(await a.page.locator('#seed-value').count()).toBe(0);
    expect(await a.page.locator('#seed').innerText()).toContain(DIGITS[0]!);

    await signIn(b.page, demo.origin, 'monitor2', 'monitor2-demo');
    await b.page.goto(`${demo.origin}${rlaPath()}`);
    await b.page.locator('#seed input[name="digits"]').fill(DIGITS[1]!);
    await b.page.locator('#seed button[type="submit"]').click();
    await b.page.waitForURL((u) => u.pathname === rlaPath());
    expect(await b.page.locator('#seed-value').innerText()).toBe(DIGITS.join(''));
    expect(await b.page.locator('#draws tbody tr').count()).toBeGreaterThan(0);
    expect((await sidewaysOverflow(b.page)).culprits).toEqual([]);
    await screenshot(b.page, 'rla-seed-fixed');

    // The first monitor's page still shows the form it loaded before: more digits now are refused, in Vietnamese,
    // with the way back to the audit.
    await a.page.locator('#seed input[name="digits"]').fill('7');
    await a.page.locator('#seed button[type="submit"]').click();
    expect(await a.page.locator('[role="alert"]').innerText()).toContain('số khởi tạo đã cố định');
    // The refusal is a 409 page, which the browser logs as such: that one line and nothing else.
    expect(a.errors.splice(0)).toEqual([expect.stringMatching(/status of 409 .*\/rla\/seed\)$/)]);
    expect(await a.page.locator('body').innerText()).not.toMatch(ENGLISH);
    await a.page.locator(`a[href^="${rlaPath()}#seed"]`).click();
    await a.page.waitForURL((u) => u.pathname === rlaPath());
    expect(await a.page.locator('#seed-value').innerText()).toBe(DIGITS.join(''));
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 180_000);

  it('reads each drawn slip as the published entry says until the risk is below 5 %, then concludes and publishes', async () => {
    const published = (await (await fetch(`${demo.origin}/c/${demo.road}/ballots.json`)).json()) as {
      ballots: Array<{ serial?: string; answers: Record<string, string> }>;
    };
    const paper = new Map(published.ballots.filter((x) => x.serial).map((x) => [x.serial!, x.answers]));
    expect(paper.size).toBe(DEMO_PLAN.roadBallots.returned);

    await a.page.goto(`${demo.origin}${rlaPath()}`);
    const listed = await a.page.locator('#draws tbody tr').count();
    const drawsJson = JSON.parse(readFileSync(join(demo.dataDir, 'site', 'c', demo.road, 'audit', 'draws.json'), 'utf8'));
    expect(drawsJson.seed).toBe(DIGITS.join(''));
    expect(drawsJson.draws).toHaveLength(listed);
    let read = 0;
    while ((await a.page.locator('#reading-form').count()) > 0) {
      const form = a.page.locator('#reading-form');
      const serial = (await form.getAttribute('data-serial'))!;
      expect(await form.locator('input[name="k"]').inputValue()).toBe(String(read + 1));
      const slip = paper.get(serial);
      expect(slip).toBeDefined();
      for (const [q, answer] of Object.entries(slip!)) await form.locator(`input[name="answer_${q}"][value="${answer}"]`).check();
      await form.locator('button[type="submit"]').click();
      await a.page.waitForURL((u) => u.pathname === rlaPath());
      read++;
      expect(read).toBeLessThanOrEqual(DEMO_PLAN.roadBallots.returned);
      if (read === 3) await screenshot(a.page, 'rla-reading');
    }
    // Every listed slip matched its entry: the audit stopped where the page said it would.
    expect(read).toBe(listed);
    expect(await a.page.locator('#conclusion-text').innerText()).toContain('Kết quả được xác nhận');
    const risk = await a.page.locator(`#draw-${read} td`).last().innerText();
    const percent = Number(/q1: ([\d,]+) %/.exec(risk)![1]!.replace(',', '.'));
    expect(percent).toBeLessThan(5);
    expect(await a.page.locator('body').innerText()).not.toMatch(ENGLISH);

    await a.page.locator('#conclusion button[type="submit"]').click();
    await a.page.waitForURL((u) => u.pathname === rlaPath());
    expect(await a.page.locator('#rla-published').innerText()).toContain('Kết quả được xác nhận');
    await screenshot(a.page, 'rla-published');
    const rla = JSON.parse(readFileSync(join(demo.dataDir, 'site', 'c', demo.road, 'audit', 'rla.json'), 'utf8'));
    expect(rla).toMatchObject({ format: 'rla/1', consultationId: demo.road, seed: DIGITS.join(''), conclusion: 'confirmed' });
    expect(rla.draws).toHaveLength(read);
    // The public result page says the round was audited.
    const resultPage = await (await fetch(`${demo.origin}/c/${demo.road}/index.html`)).text();
    expect(resultPage).toContain(`so ${read} phiếu giấy rút ngẫu nhiên`);
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 400_000);

  it('danban verify passes R1 on the published folder, and fails it after one changed byte of audit/rla.json', () => {
    const work = mkdtempSync(join(tmpdir(), 'danban-rla-walk-verify-'));
    try {
      const keyFile = join(work, 'key.pem');
      writeFileSync(keyFile, readFileSync(join(demo.dataDir, 'site', 'keys', `${demo.kid}.pem`)));
      const folder = join(work, 'c');
      cpSync(join(demo.dataDir, 'site', 'c', demo.road), folder, { recursive: true });
      const good = danbanVerify(folder, keyFile);
      expect(good.r1).toMatchObject({ ok: true });
      expect(good.r1!.absent).toBeUndefined();
      expect(good.code).toBe(0);

      const file = join(folder, 'audit', 'rla.json');
      const bytes = readFileSync(file);
      const at = bytes.indexOf('"seed":"') + '"seed":"'.length;
      bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
      writeFileSync(file, bytes);
      const bad = danbanVerify(folder, keyFile);
      expect(bad.r1).toMatchObject({ ok: false });
      expect(bad.code).toBe(1);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
