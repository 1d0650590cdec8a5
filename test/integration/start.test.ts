/**
 * `npm start` as a user runs it: the real entry point in a child process, with its own DynamoDB Local, on a free
 * port and a fresh DATA_DIR. It prints `ready:` and serves the home page and the demo commune, whose rounds were held
 * the law's way: the road's meeting short of households (`not_enough_present`), the household ballots that followed
 * it by slip serial, adopted, with the decision and counting records, both sendings and the contributions; the
 * village head elected at a meeting and recognised by UBND xã; an Art. 15(6) round online after its five conditions,
 * where a demo code votes. Every published bundle verifies against the site's key; the demo accounts sign in; it
 * stops with DynamoDB Local on SIGTERM. A second start seeds nothing more.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../shared/contributions.ts';
import { DecisionRecord, RECORD_FILES } from '../../shared/minutes.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { AFTER_FILES, verifyAfter } from '../../shared/verify-after/index.ts';
import { DEMO_PLAN, demoRoll } from '../../functions/local/seed.ts';

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
    // The demo is seeded through the real acts (some six hundred audit events) before `ready:`; a loaded machine is slow.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`no "ready:" line within 300 s:\n${out}`));
    }, 300_000);
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

/** The files of a published round on the site, by name: the bundle and what was published after it. */
function siteFiles(dataDir: string, id: string): Record<string, Uint8Array> {
  const dir = join(dataDir, 'site', 'c', id);
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  for (const name of AFTER_FILES) {
    try {
      files[name] = new Uint8Array(readFileSync(join(dir, name)));
    } catch {
      // not published for this round
    }
  }
  return files;
}

async function verified(dataDir: string, id: string) {
  const files = siteFiles(dataDir, id);
  const keys = readdirSync(join(dataDir, 'site', 'keys')).filter((n) => n.endsWith('.pem'));
  expect(keys).toHaveLength(1);
  const report = await verifyBundle(files, { pinned: readFileSync(join(dataDir, 'site', 'keys', keys[0]!), 'utf8') });
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  const after = await verifyAfter(files);
  expect(after.checks.filter((c) => !c.ok)).toEqual([]);
  return { files, result: JSON.parse(new TextDecoder().decode(files['result.json'])) };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danban-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts the whole system with the demo commune, serves it, and stops cleanly', async () => {
    const r = await start(dataDir);
    let code: number | null;
    try {
      const out = r.output();
      expect(out).toContain('demo accounts: official / official-demo, monitor / monitor-demo, monitor2 / monitor2-demo, commune / commune-demo');
      const at = (label: string) => new RegExp(`demo ${label}: +\\S+c\\/([0-9A-Z]{26})\\/`).exec(out)?.[1];
      const meeting = at('meeting');
      const road = at('result');
      const election = at('election');
      const online = /demo vote: +([0-9A-Z]{26});/.exec(out)?.[1];
      for (const id of [meeting, road, election, online]) expect(id, out).toBeDefined();

      const home = await fetch(r.base);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toBeTruthy();
      const homeText = await home.text();
      for (const id of [meeting, road, election, online]) expect(homeText).toContain(`c/${id}/`);

      const api = async (path: string, token?: string) => {
        const res = await fetch(new URL(`api/${path}`, r.base), token ? { headers: { authorization: `Bearer ${token}` } } : {});
        expect(res.status, path).toBe(200);
        return (await res.json()) as any;
      };
      const login = async (username: string, password: string) => {
        const res = await fetch(new URL('api/auth/login', r.base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        expect(res.status, username).toBe(200);
        return (await res.json()) as { token: string; role: string; commune: string };
      };

      // The road's meeting: 82 of 142 households cannot reach 2/3 of H (95), so the meeting decides nothing.
      const short = (await verified(dataDir, meeting!)).result;
      expect(short.method).toBe('meeting');
      expect(short.tally[0]).toMatchObject({ eligible: DEMO_PLAN.eligible, threshold: 95, present: DEMO_PLAN.roadMeeting.present });
      expect(short.tally[0].outcome.status).toBe('not_enough_present');

      // The household ballots that followed it: paper slips by serial only, adopted, the records and contributions beside.
      const { files, result } = await verified(dataDir, road!);
      const consultation = JSON.parse(new TextDecoder().decode(files['consultation.json']));
      expect(consultation).toMatchObject({ matter: 'contribution', method: 'household_ballot', follows: meeting });
      expect(result.method).toBe('household_ballot');
      expect(result.tally[0]).toMatchObject({
        eligible: DEMO_PLAN.eligible,
        threshold: 95,
        counts: { yes: DEMO_PLAN.roadBallots.slips.yes, no: DEMO_PLAN.roadBallots.slips.no },
        abstain: DEMO_PLAN.roadBallots.slips.abstain,
        outcome: { status: 'adopted' },
      });
      const slips = JSON.parse(new TextDecoder().decode(files['ballots.json'])).ballots as Array<Record<string, unknown>>;
      expect(slips).toHaveLength(DEMO_PLAN.roadBallots.returned);
      for (const slip of slips) {
        expect(slip.serial).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(slip).not.toHaveProperty('household');
      }
      const audit = new TextDecoder()
        .decode(files['audit.jsonl'])
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { action: string; data: Record<string, unknown> });
      const acts = (action: string) => audit.filter((e) => e.action === action);
      expect(acts('slip_returned')).toHaveLength(DEMO_PLAN.roadBallots.returned);
      expect(acts('slip_entered')).toHaveLength(DEMO_PLAN.roadBallots.returned);
      expect(acts('voting_opened')[0]!.data).toMatchObject({ credentialsIssued: 0, slipsIssued: DEMO_PLAN.eligible });
      expect(acts('voting_opened')[0]!.data.disclosure).toMatchObject({ days: 2 });
      const record = DecisionRecord.parse(JSON.parse(new TextDecoder().decode(files[RECORD_FILES.decision])));
      expect(record.form).toBe('bien_ban');
      expect(files[RECORD_FILES.counting]).toBeDefined();
      const ledger = verifyLedger(files['contributions/ledger.jsonl']!);
      expect(ledger.problems).toEqual([]);
      expect(ledger.events.map((e) => e.entry.type)).toEqual(['collection', 'collection', 'collection', 'collection', 'spending']);
      const roadAfter = await api(`consultations/${road}/after-publication`);
      expect(roadAfter.takesEffect).toBe('on_vote');
      expect(roadAfter.sending.sent.map((s: { to: string }) => s.to).sort()).toEqual(['ubmttq_xa', 'ubnd_xa']);
      expect(roadAfter.sending.pending).toEqual([]);
      expect(roadAfter.recognition).toBeUndefined();
      const get = (id: string, path: string) => fetch(new URL(`c/${id}/${path}`, r.base));
      expect((await get(road!, 'result.jws')).status).toBe(200);
      const roadPage = await (await get(road!, '')).text();
      expect(roadPage).toContain(RECORD_FILES.decisionHtml);

      // The village head: elected at a meeting by show of hands with more than half of H, recognised by UBND xã.
      const head = (await verified(dataDir, election!)).result;
      expect(head.method).toBe('meeting');
      expect(head.tally[0]).toMatchObject({
        eligible: DEMO_PLAN.eligible,
        threshold: 72,
        present: DEMO_PLAN.villageHead.present,
        counts: { yes: DEMO_PLAN.villageHead.hands.yes, no: DEMO_PLAN.villageHead.hands.no },
        outcome: { status: 'adopted' },
      });
      const headAfter = await api(`consultations/${election}/after-publication`);
      expect(headAfter.takesEffect).toBe('ubnd_xa');
      expect(headAfter.sending.pending).toEqual([]);
      expect(headAfter.recognition).toMatchObject({ by: 'ubnd_xa', overdue: false, decision: { decision: 'recognized', late: false } });

      // The demo accounts sign in, UBND xã among them.
      await login('official', 'official-demo');
      expect(await login('commune', 'commune-demo')).toMatchObject({ role: 'commune', commune: 'xa-an-binh' });
      const monitor = (await login('monitor', 'monitor-demo')).token;
      const recognised = (await api(`consultations/${election}/audit`, monitor)).find((e: { action: string }) => e.action === 'recognized');
      expect(recognised.actor).toMatchObject({ role: 'commune' });

      // The online round: its five conditions recorded before it opened with one code per household.
      const onlineAudit = (await api(`consultations/${online}/audit`, monitor)) as Array<{ action: string; data: Record<string, unknown> }>;
      expect(
        onlineAudit
          .filter((e) => e.action === 'online_condition_recorded')
          .map((e) => e.data.condition)
          .sort(),
      ).toEqual(['devices', 'leaders_agreed', 'poll', 'reported', 'team']);
      expect(onlineAudit.find((e) => e.action === 'voting_opened')!.data).toMatchObject({ credentialsIssued: DEMO_PLAN.eligible });

      // The road's household ballots: the plan and the ballot team recorded before the slips went out (D59 Art. 4).
      const roadAudit = (await api(`consultations/${road}/audit`, monitor)) as Array<{ action: string; data: Record<string, unknown> }>;
      const roadConditions = roadAudit.filter((e) => e.action === 'online_condition_recorded');
      expect(roadConditions.map((e) => e.data.condition)).toEqual(['ballot_plan', 'ballot_team']);
      expect(roadConditions[1]!.data).toMatchObject({ size: 3, leaderRole: 'Trưởng ban công tác Mặt trận' });
      expect(JSON.stringify(roadConditions)).not.toContain('Dương Văn Tài');
      expect(roadAudit.findIndex((e) => e.action === 'online_condition_recorded')).toBeLessThan(roadAudit.findIndex((e) => e.action === 'voting_opened'));
      expect((await api(`consultations/${online}`)).state).toBe('voting');

      // The law's processes around the rounds: the village-head election from plan to recognition, the community rule
      // in force with its history, a citizens' initiative collecting consents, and the notices in the local outbox.
      const processId = /demo process: +\S+\/p\/([0-9A-Z]{26})\//.exec(out)?.[1];
      const rulePath = /demo rule: +(\S+)/.exec(out)?.[1];
      const initiativePath = /initiative: +(\S+)/.exec(out)?.[1];
      for (const found of [processId, rulePath, initiativePath]) expect(found, out).toBeDefined();
      const processPage = await (await fetch(new URL(`p/${processId}/`, r.base))).text();
      expect(processPage).toContain('Thôn Đông');
      expect(processPage).toContain('Quyết định số 131/QĐ-UBND');
      expect(processPage).toContain('Trần Văn Hùng');
      const rulePage = await fetch(rulePath!);
      expect(rulePage.status).toBe(200);
      expect(await rulePage.text()).toContain('Hương ước');
      const initiativePage = await fetch(initiativePath!);
      expect(initiativePage.status).toBe(200);
      expect(await initiativePage.text()).toContain('TD-002');
      const outbox = readdirSync(join(dataDir, 'outbox'));
      // The online round's opening, the three results, and the election's public notice and invitation.
      expect(outbox.length).toBeGreaterThanOrEqual(6);

      // No head of a household on any public page of the demo (their names stay in the database).
      const pages = [roadPage, await (await get(road!, RECORD_FILES.decisionHtml)).text(), await (await get(road!, 'contributions/')).text()];
      for (const id of [meeting!, election!, online!]) pages.push(await (await get(id, '')).text());
      for (const id of [meeting!, road!, election!]) pages.push(await (await get(id, 'roll.json')).text());
      const heads = new Set(demoRoll().map((h) => h.head));
      expect(heads.size).toBeGreaterThan(20);
      for (const name of heads) for (const page of pages) expect(page.includes(name), name).toBe(false);

      // A demo code votes online; the household ballots take no code.
      const codes = readFileSync(join(dataDir, 'demo-codes.csv'), 'utf8').trim().split('\n').slice(1);
      expect(codes).toHaveLength(DEMO_PLAN.eligible);
      expect(statSync(join(dataDir, 'demo-codes.csv')).mode & 0o077).toBe(0);
      const [, codeOfFirst] = codes[0]!.split(',');
      const cast = (id: string) =>
        fetch(new URL(`api/consultations/${id}/ballots`, r.base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: codeOfFirst, answers: { q1: 'yes' } }),
        });
      const ballot = await cast(online!);
      expect(ballot.status).toBe(201);
      expect(((await ballot.json()) as { replaced: boolean }).replaced).toBe(false);
      expect((await cast(road!)).status).toBe(409);
      // No household code in what it printed (only where they were written).
      expect(r.output()).not.toContain(codeOfFirst!);
    } finally {
      code = await stop(r);
    }
    expect(code).toBe(0);
  }, 420_000);

  it('keeps what it had after a restart and seeds nothing more', async () => {
    const r = await start(dataDir);
    try {
      expect(r.output()).not.toContain('demo vote:');
      const list = (await (await fetch(new URL('api/consultations', r.base))).json()) as { consultations: Array<{ state: string }> };
      expect(list.consultations.map((c) => c.state).sort()).toEqual(['disclosure', 'disclosure', 'published', 'published', 'published', 'voting']);
    } finally {
      expect(await stop(r)).toBe(0);
    }
  }, 360_000);
});
