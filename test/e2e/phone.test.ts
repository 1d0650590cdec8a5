/**
 * Every page of every role fits a 360 px phone and a 1366 px office screen: nothing scrolls sideways
 * (`scrollWidth <= clientWidth` on `<html>`). Rounds with long Vietnamese names (a 200-character title, a 100-character
 * hamlet, long heads' names and roll ids) are moved through each state: draft, disclosure, voting before its opening
 * time and after, published; an online round, a community meeting, a household ballot by paper slips with serials and
 * a commune-wide round. Each state is a table of pages (the resident's, the officials', the monitors' and the commune
 * People's Committee's), each checked at both widths in one browser with one context a role; then every page those
 * pages link to is checked too, so that a page nobody listed is not left out.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { holdMeeting, recordBallotConditions, recordOnlineConditions } from '../support/system.ts';
import { launchChromium, MONITOR, OFFICIAL, serveSystem, type ServedSystem } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

const NARROW = { width: 360, height: 740 } as const;
/** With E2E_PHONE_SHOTS=1, each page at 360 px is also saved as a PNG in a scratch folder, for a look by hand. */
const SHOTS = process.env.E2E_PHONE_SHOTS === '1' ? join(tmpdir(), 'danban-phone') : undefined;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const WIDE = { width: 1366, height: 900 } as const;

/** A title of 200 characters, every word with its diacritics. */
const TITLE = fill(
  'Lấy ý kiến cộng đồng dân cư về việc đầu tư xây dựng, nâng cấp, mở rộng và bê tông hóa toàn tuyến đường liên thôn nối từ ngã ba Đình Làng Thượng qua Xóm Giếng Nước Ngọt đến khu nghĩa trang nhân dân Đồng Mả Cũ',
  200,
);
/** A hamlet of 100 characters. */
const HAMLET = fill('Thôn Thượng Phước Nghĩa Hưng Đông Xuân Trường Khánh Thịnh Lộc Điền Phú Quý An Khương Tường Huyền Diệu', 100);
const HEADS = [
  'Nguyễn Thị Phương Huyền Trang Ngọc Diễm Quỳnh Hương Xuân Thảo Tường Vy Khánh Linh Bảo Ngọc',
  'Trần Hoàng Đức Nguyên Khôi Vĩnh Thụy Phúc Lộc Thọ Quốc Trưởng Đại Nghĩa Dũng Cường',
  'Lê Phạm Huỳnh Võ Thị Thanh Tuyền Mỹ Duyên Ngọc Ánh Hồng Nhung Thùy Dương',
] as const;
/** Roll ids as long as the schema allows (32 characters, no space to break at). */
const rollId = (i: number) => `THUONGPHUOCNGHIAHUNGDONGXUAN${String(i).padStart(4, '0')}`;
/** A long question and options, with a link that has no place to break. */
const QUESTION = fill(
  'Ông bà có đồng ý với phương án mở rộng mặt đường lên sáu mét rưỡi, làm rãnh thoát nước hai bên và trồng cây xanh dọc tuyến theo bản vẽ thiết kế đã niêm yết tại nhà văn hóa thôn không?',
  180,
);
const LINK = 'https://xathunghiem.example/thongbao?tep=banvethietkeduongbetongliênthôntừngãbađìnhlàngthượngđếnnghĩatrang';
const COMMENT = `Đường mở rộng có lấn vào phần đất vườn nhà tôi ở đầu xóm Giếng Nước Ngọt không? Xem ${LINK}`;

/** `text` repeated (and cut at a word) to at least `length` characters. */
function fill(text: string, length: number): string {
  let out = text;
  while (out.length < length) out = `${out} ${text}`;
  const cut = out.slice(0, length);
  return cut.endsWith(' ') ? `${cut.slice(0, -1)}a` : cut;
}

function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (let i = 1; i <= n; i++) lines.push(`${rollId(i)},${HAMLET},${HEADS[i % HEADS.length]} ${i},${1 + (i % 5)},${i % 4 === 0 ? 'poor' : 'standard'}`);
  return `${lines.join('\n')}\n`;
}
/** A roll with an error on most lines: the page lists each, in words. */
const BAD_ROLL = [
  'id,hamlet,head,members,category',
  `${rollId(1)},${HAMLET},${HEADS[0]},0,standard`,
  `${rollId(1)}${'X'.repeat(40)},${HAMLET},${HEADS[1]},3,standard`,
  `${rollId(3)},${HAMLET},${HEADS[2]},abc,không-có-loại-hộ-này-trong-danh-sách-các-loại-hộ-được-miễn-giảm`,
  `${rollId(4)},,,,`,
  '',
].join('\n');

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

function opinion(method: 'online' | 'household_ballot', opensInHours = 0, title = TITLE): ConsultationInput {
  const now = Date.now();
  return {
    scope: { kind: 'hamlet', name: HAMLET },
    matter: 'opinion',
    method,
    title,
    description: `${TITLE}. ${COMMENT}`,
    opensAt: iso(new Date(now + opensInHours * 3600_000)),
    closesAt: iso(new Date(now + (opensInHours + 48) * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: QUESTION, options: [], rule: { base: 'plurality' } },
      {
        id: 'q2',
        type: 'single',
        text: 'Chọn phương án vị trí đặt trạm biến áp và cột đèn chiếu sáng công cộng dọc tuyến đường mới',
        options: [
          { id: 'dinh', label: fill('Phía bên trái tuyến đường, cạnh Đình Làng Thượng và giếng nước cổ của xóm', 120) },
          { id: 'truong', label: 'Sau trường mầm non Hoa Sen' },
        ],
        rule: { base: 'plurality' },
      },
    ],
  };
}

function meeting(matter: 'contribution' | 'village_head', title: string): ConsultationInput {
  const now = Date.now();
  const base = {
    scope: { kind: 'hamlet' as const, name: HAMLET },
    method: 'meeting' as const,
    title,
    description: `${TITLE}. Họp các hộ để quyết định.`,
    opensAt: iso(new Date(now)),
    closesAt: iso(new Date(now + 24 * 3600_000)),
  };
  if (matter === 'village_head')
    return {
      ...base,
      matter,
      questions: [
        {
          id: 'q1',
          type: 'yes_no',
          text: `Bầu ông ${HEADS[1]} làm Trưởng thôn ${HAMLET}?`,
          options: [],
          rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
        },
      ],
    };
  return {
    ...base,
    matter,
    questions: [{ id: 'q1', type: 'yes_no', text: QUESTION, options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } }],
    contribution: {
      totalCost: 912_345_678_000,
      stateBudget: 912_341_478_000,
      residentsShare: 4_200_000,
      basis: 'per_household',
      amountPerUnit: 700_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
  };
}

type Role = 'resident' | 'official' | 'monitor' | 'commune';

/** A page to check: where it is (a path), or how to bring it up when a path is not enough (a form sent). */
interface Row {
  name: string;
  role: Role;
  path?: () => string;
  open?: (page: Page) => Promise<void>;
}

interface Width {
  scrollWidth: number;
  clientWidth: number;
  culprits: string[];
  tables: string[];
  broken: string[];
}

/** How wide the document is against the window, and the innermost elements reaching past the window's right edge. */
async function measure(page: Page): Promise<Width> {
  return (await page.evaluate(`(() => {
    const html = document.documentElement;
    const limit = html.clientWidth;
    // An element reaching past the edge, or one whose text (a long word) spills out of its box past the edge.
    const reach = (e) => {
      const box = e.getBoundingClientRect();
      const spill = getComputedStyle(e).overflowX === 'visible' ? box.left + e.scrollWidth : box.right;
      return Math.max(box.right, spill);
    };
    const wide = [...document.querySelectorAll('body *')].filter((e) => reach(e) > limit + 0.5);
    const inner = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o)));
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '')
      + ' (to ' + Math.round(reach(e)) + ' px)';
    // A table wider than the box it is in scrolls sideways inside it: on a phone it must stack instead.
    const tables = [...document.querySelectorAll('table')].filter((t) => t.parentElement && t.getBoundingClientRect().width > t.parentElement.clientWidth + 0.5);
    // A table squeezed so narrow that an ordinary word (not an id, a hash or a link) breaks letter by letter: a
    // word (between spaces and hyphens) of a cell laid out on more than one line.
    const broken = [];
    const range = document.createRange();
    for (const cell of document.querySelectorAll('td, th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let found = '';
      for (let node = walker.nextNode(); node && !found; node = walker.nextNode()) {
        const parent = node.parentElement;
        // Ids and hashes (code, .mono) may break anywhere: they have no words.
        if (!parent || parent.closest('table') !== cell.closest('table') || parent.closest('code, .mono, .hash')) continue;
        for (const m of node.data.matchAll(/[^\\s-]+/g)) {
          if (m[0].length < 2 || m[0].length > 20) continue;
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) {
            found = m[0];
            break;
          }
        }
      }
      if (found) broken.push(name(cell) + ' breaks "' + found + '"');
    }
    return {
      broken: broken.slice(0, 4),
      scrollWidth: html.scrollWidth,
      clientWidth: limit,
      culprits: inner.slice(0, 4).map(name),
      tables: tables.slice(0, 4).map((t) => name(t) + ' ' + Math.round(t.getBoundingClientRect().width) + ' px in ' + t.parentElement.clientWidth + ' px'),
    };
  })()`)) as Width;
}

describe('every page fits a 360 px phone and a 1366 px screen', () => {
  let site: ServedSystem;
  let token: string;
  const contexts = new Map<Role, BrowserContext>();
  const pages = new Map<Role, Page>();
  /** Every page checked (by role and address), and the links found on the pages of the current state. */
  const seen = new Set<string>();
  let linked = new Map<string, { role: Role; from: string }>();

  const ids = { online: '', early: '', meeting: '', head: '', ballot: '', group: '' };
  let codes: string[] = [];
  let receipt = '';
  let serials: string[] = [];
  /** The hamlets' rounds of the commune-wide one. */
  let groupRounds: string[] = [];

  beforeAll(async () => {
    site = await serveSystem('phone');
    token = await site.officialToken();
    const tokens: Record<Role, string | undefined> = {
      resident: undefined,
      official: token,
      monitor: await site.issuer.issue(MONITOR),
      commune: await site.issuer.issue({ sub: 'commune-e2e', role: 'commune', commune: OFFICIAL.commune }),
    };
    for (const role of ['resident', 'official', 'monitor', 'commune'] as const) {
      const context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const session = tokens[role];
      if (session) await context.addCookies([{ name: 'danban_session', value: session, url: site.origin }]);
      const page = await context.newPage();
      await page.addInitScript('globalThis.__name = (f) => f');
      contexts.set(role, context);
      pages.set(role, page);
    }
  });
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser.close();
    await site?.close();
  });

  const api = async (method: string, path: string, body?: unknown, type?: string) => {
    const r = await site.api(method, path, body, { token, ...(type ? { type } : {}) });
    expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
    return r.json;
  };
  const call = (method: string, path: string, opts: { body?: unknown; token?: string } = {}) =>
    site.api(method, path, opts.body, opts.token ? { token: opts.token } : {});

  /** A page by its address, and for the staff pages by who looks at it (a published page is the same for all). */
  const keyOf = (role: Role, path: string) => `${/^\/(officials|monitors|commune)\//.test(path) ? role : 'public'} ${path}`;

  /** What is wrong with the page now at `size`, or nothing. */
  async function problemsAt(page: Page, size: { width: number; height: number }): Promise<string[]> {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const w = await measure(page);
    const problems: string[] = [];
    if (w.scrollWidth > w.clientWidth) problems.push(`${w.scrollWidth} px wide at ${size.width} px (${w.culprits.join(', ')})`);
    if (w.tables.length && size.width === NARROW.width) problems.push(`a table scrolls sideways at ${size.width} px: ${w.tables.join(', ')}`);
    if (w.broken.length) problems.push(`a table column too narrow for its words at ${size.width} px: ${w.broken.join(', ')}`);
    return problems;
  }

  /** Opens the row's page at 360 px, checks it there and at 1366 px, and keeps its links; returns the problems. */
  async function check(row: Row): Promise<string[]> {
    const page = pages.get(row.role)!;
    await page.setViewportSize(NARROW);
    if (row.open) await row.open(page);
    else {
      const res = await page.goto(site.origin + row.path!());
      expect(res, row.name).not.toBeNull();
    }
    await page.waitForLoadState('load');
    const url = new URL(page.url());
    seen.add(keyOf(row.role, `${url.pathname}${url.search}`));
    const hrefs = (await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) as string[];
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== site.origin) continue;
      // Pages only: not the files published beside them (JSON, CSV, keys, signatures, documents).
      if (!/(\/|\.html)$/.test(u.pathname) && /\.[a-z0-9]+$/.test(u.pathname)) continue;
      // The same page in English is checked where a row asks for it (the staff pages show Vietnamese alone).
      if (u.pathname.endsWith('/logout') || u.searchParams.has('lang')) continue;
      const key = keyOf(row.role, `${u.pathname}${u.search}`);
      if (!linked.has(key)) linked.set(key, { role: row.role, from: row.name });
    }
    const narrow = await problemsAt(page, NARROW);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${row.role}-${row.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}.png`), fullPage: true });
    return [...narrow, ...(await problemsAt(page, WIDE))].map((p) => `${row.name} (${url.pathname}${url.search}): ${p}`);
  }

  /** One state of the rounds: `arrive` moves them there, then each row is a test, then the pages they link to. */
  function state(name: string, arrive: () => Promise<void>, rows: Row[]) {
    describe(name, () => {
      beforeAll(async () => {
        linked = new Map();
        await arrive();
      });
      for (const row of rows) {
        it(`${row.role}: ${row.name}`, async () => {
          expect(await check(row)).toEqual([]);
        });
      }
      it('every page linked from those and not checked before', async () => {
        const problems: string[] = [];
        // One step only: the pages these link to, not the whole site again.
        for (const [key, { role, from }] of [...linked]) {
          if (seen.has(key)) continue;
          const path = key.slice(key.indexOf(' ') + 1);
          problems.push(...(await check({ name: `${path} (linked from ${from})`, role, path: () => path })));
        }
        expect(problems).toEqual([]);
      });
    });
  }

  const official = (name: string, path: () => string): Row => ({ name, role: 'official', path });
  const resident = (name: string, path: () => string): Row => ({ name, role: 'resident', path });
  const monitor = (name: string, path: () => string): Row => ({ name, role: 'monitor', path });
  const o =
    (id: () => string, rest = '') =>
    () =>
      `/officials/c/${id()}${rest}`;
  const online = () => ids.online;

  state('draft', async () => {
    ids.online = (await api('POST', '/api/consultations', opinion('online'))).id;
  }, [
    official('dashboard', () => '/officials/'),
    official('new round form', () => '/officials/c/new'),
    official('consultation page of a draft', o(online)),
    official('edit form', o(online, '/edit')),
    official('disclosure preview', o(online, '/preview')),
    official('roll, empty', o(online, '/roll')),
    official('roll in both languages', o(online, '/roll?lang=en')),
    {
      name: 'roll errors after a bad upload',
      role: 'official',
      open: async (page) => {
        await page.goto(`${site.origin}/officials/c/${ids.online}/roll`);
        await page.locator('#csv').fill(BAD_ROLL);
        await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
        await page.waitForLoadState('load');
        await expect(page.locator('main').innerText()).resolves.toContain('Dòng 2');
      },
    },
    {
      name: 'roll after a good upload',
      role: 'official',
      open: async (page) => {
        await page.goto(`${site.origin}/officials/c/${ids.online}/roll`);
        await page.locator('#csv').fill(rollCsv(8));
        await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
        await page.waitForLoadState('load');
        const view = await site.api('GET', `/api/consultations/${ids.online}`, undefined, { token });
        expect(view.json.counts.eligible).toBe(8);
      },
    },
    official('documents', o(online, '/documents')),
    official('open page of a draft', o(online, '/open')),
    official('cancel confirmation', o(online, '/cancel')),
    official('error page (no such round)', () => '/officials/c/01JDANBAN00000000000000ZZZ'),
    monitor('monitors’ list', () => '/monitors/'),
    monitor('monitors’ page of a draft', () => `/monitors/c/${ids.online}`),
    resident('site index', () => '/'),
  ]);

  state('disclosure', async () => {
    await api('POST', `/api/consultations/${ids.online}/disclose`);
    await api('POST', `/api/consultations/${ids.online}/discussion-codes`);
  }, [
    official('consultation page in disclosure', o(online)),
    official('discussion moderation in disclosure', o(online, '/discussion')),
    resident('notice (disclosure) page', () => `/c/${ids.online}/`),
    resident('vote page before voting', () => `/vote/${ids.online}`),
    resident('discussion in disclosure', () => `/vote/${ids.online}/discuss`),
    resident('site index', () => '/'),
  ]);

  state('voting before its opening time', async () => {
    ids.early = (await api('POST', '/api/consultations', opinion('online', 30, fill(`Sắp mở: ${TITLE}`, 200)))).id;
    await api('PUT', `/api/consultations/${ids.early}/roll`, rollCsv(4), 'text/csv');
    await recordOnlineConditions(call, token, ids.early, 4);
    await api('POST', `/api/consultations/${ids.early}/open`);
  }, [
    official(
      'consultation page before the opening time',
      o(() => ids.early),
    ),
    official(
      'code slips',
      o(() => ids.early, '/codes'),
    ),
    resident('vote page before the opening time', () => `/vote/${ids.early}`),
    resident('notice page before the opening time', () => `/c/${ids.early}/`),
    monitor('monitors’ page before the opening time', () => `/monitors/c/${ids.early}`),
  ]);

  state('voting', async () => {
    await recordOnlineConditions(call, token, ids.online, 8);
    const opened = await api('POST', `/api/consultations/${ids.online}/open`);
    codes = (opened.credentials as { code: string }[]).map((c) => c.code);
    const comment = await api('POST', `/api/consultations/${ids.online}/comments`, { code: codes[2], text: COMMENT, author: HEADS[0].slice(0, 80) });
    await api('POST', `/api/consultations/${ids.online}/comments/${comment.id}/answer`, { text: `Trả lời: ${COMMENT}` });
    for (const code of codes.slice(3, 6)) await site.api('POST', `/api/consultations/${ids.online}/ballots`, { code, answers: { q1: 'yes', q2: 'dinh' } });
    // The meeting round, the village head's election and the household ballot open too.
    ids.meeting = (await api('POST', '/api/consultations', meeting('contribution', fill(`Đóng góp: ${TITLE}`, 200)))).id;
    ids.head = (await api('POST', '/api/consultations', meeting('village_head', fill(`Bầu Trưởng thôn: ${TITLE}`, 200)))).id;
    ids.ballot = (await api('POST', '/api/consultations', opinion('household_ballot', 0, fill(`Phát phiếu: ${TITLE}`, 200)))).id;
    for (const id of [ids.meeting, ids.head, ids.ballot]) await api('PUT', `/api/consultations/${id}/roll`, rollCsv(6), 'text/csv');
    await recordBallotConditions(call, token, ids.ballot);
    // A commune-wide contribution: one meeting round a hamlet, their result aggregated once all are published.
    const group = await api('POST', '/api/groups', {
      consultation: { ...meeting('contribution', fill(`Toàn xã: ${TITLE}`, 200)), scope: { kind: 'commune', name: `Xã ${HAMLET}` } },
      hamlets: [HAMLET, fill(`Thôn Hạ ${HAMLET}`, 100)],
    });
    ids.group = group.groupId;
    groupRounds = (group.rounds as { consultationId: string }[]).map((r) => r.consultationId);
    for (const id of groupRounds) await api('PUT', `/api/consultations/${id}/roll`, rollCsv(6), 'text/csv');
    for (const id of [ids.meeting, ids.head, ...groupRounds]) await api('POST', `/api/consultations/${id}/open`);
    serials = (await api('POST', `/api/consultations/${ids.ballot}/open`)).serials as string[];
  }, [
    official('consultation page while voting', o(online)),
    official('consultation page while voting, in both languages', o(online, '?lang=en')),
    official('open page while voting', o(online, '/open')),
    official('code slips', o(online, '/codes')),
    official('paper entry', o(online, '/paper')),
    {
      name: 'paper entry after a ballot',
      role: 'official',
      open: async (page) => {
        await page.goto(`${site.origin}/officials/c/${ids.online}/paper`);
        const form = page.locator('form[action$="/paper"]');
        await form.locator('input.entry').nth(0).fill(rollId(1));
        await form.locator('input.entry.short').nth(0).fill('1');
        await form.locator('input.entry.short').nth(1).fill('1');
        await form.locator('button[type=submit]').click();
        await page.locator('#last').waitFor();
        await expect(page.locator('#last').innerText()).resolves.toContain(rollId(1));
      },
    },
    official('discussion moderation with a comment', o(online, '/discussion')),
    official('opinions', o(online, '/opinions')),
    official('close confirmation', o(online, '/close')),
    official(
      'meeting page',
      o(() => ids.meeting, '/meeting'),
    ),
    official(
      'meeting page in both languages',
      o(() => ids.meeting, '/meeting?lang=en'),
    ),
    official('paper entry in both languages', o(online, '/paper?lang=en')),
    {
      name: 'meeting page after an arrival',
      role: 'official',
      open: async (page) => {
        await page.goto(`${site.origin}/officials/c/${ids.meeting}/meeting`);
        await page.locator('input[name=household]').first().fill(rollId(1));
        await page.locator('input[name=household]').first().press('Enter');
        await page.waitForLoadState('load');
        await expect(page.locator('main').innerText()).resolves.toContain(rollId(1));
      },
    },
    official(
      'serial slips of the household ballot',
      o(() => ids.ballot, '/slips'),
    ),
    official(
      'paper entry by serial',
      o(() => ids.ballot, '/paper'),
    ),
    resident('vote page', () => `/vote/${ids.online}`),
    {
      name: 'review page',
      role: 'resident',
      open: async (page) => {
        await page.goto(`${site.origin}/vote/${ids.online}`);
        await page.getByLabel('Mã biểu quyết của hộ').fill(codes[0]!);
        await page.locator('input[type=radio][value=yes]').first().check();
        await page.locator('input[type=radio][value=dinh]').first().check();
        await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại lựa chọn' }).click();
        await page.waitForURL((u) => u.pathname.endsWith('/review'));
      },
    },
    {
      name: 'recorded page',
      role: 'resident',
      open: async (page) => {
        await page.getByRole('button', { name: 'Gửi phiếu' }).click();
        await page.waitForURL((u) => u.pathname.endsWith('/cast'));
        receipt = (await page.locator('#receipt').innerText()).trim();
        expect(receipt).toMatch(/^[0-9a-f]{64}$/);
      },
    },
    resident('receipt check', () => `/vote/${ids.online}/receipt`),
    resident('receipt check of a receipt', () => `/vote/${ids.online}/receipt/${receipt}`),
    resident('discussion with a comment and an answer', () => `/vote/${ids.online}/discuss`),
    resident('notice page while voting', () => `/c/${ids.online}/`),
    resident('site index', () => '/'),
    monitor('monitors’ list', () => '/monitors/'),
    monitor('monitors’ audit log while voting', () => `/monitors/c/${ids.online}`),
    monitor('monitors’ opinions', () => `/monitors/c/${ids.online}/opinions`),
  ]);

  state('published', async () => {
    await api('POST', `/api/consultations/${ids.online}/close`);
    const present = [1, 2, 3, 4, 5].map(rollId);
    for (const id of [ids.meeting, ids.head, ...groupRounds]) {
      const closed = await holdMeeting(call, token, id, present.slice(1), { q1: { yes: 4, no: 0, abstain: 0 } });
      expect(closed.status, closed.text).toBe(200);
    }
    await api('POST', `/api/groups/${ids.group}/aggregate`);
    await api('POST', `/api/consultations/${ids.ballot}/returns`, { household: rollId(1) });
    await api('POST', `/api/consultations/${ids.ballot}/paper-ballots`, { serial: serials[0], answers: { q1: 'yes', q2: 'truong' } });
    await api('POST', `/api/consultations/${ids.ballot}/close`);
    await api('POST', `/api/consultations/${ids.meeting}/record/decision`, {
      form: 'bien_ban',
      letterhead: { authority: 'UBND XÃ THƯỢNG PHƯỚC NGHĨA HƯNG ĐÔNG XUÂN', unit: HAMLET.toUpperCase() },
      place: `Nhà văn hóa ${HAMLET}`,
      summary: COMMENT,
      signers: { villageHead: HEADS[0], frontHead: HEADS[1], households: [rollId(2), rollId(3)] },
      meeting: { from: iso(new Date(Date.now() - 3600_000)), to: iso(new Date()) },
    });
    await api('POST', `/api/consultations/${ids.head}/record/sent`, {
      to: 'ubnd_xa',
      date: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      reference: '05/TTr-TTN',
    });
    await api('POST', `/api/consultations/${ids.online}/complaints`, { code: codes[4], text: COMMENT });
  }, [
    official('dashboard with published rounds', () => '/officials/'),
    official('consultation page of a published result', o(online)),
    official('complaints', o(online, '/complaints')),
    official(
      'minutes (records) form',
      o(() => ids.meeting, '/minutes'),
    ),
    official(
      'minutes signing',
      o(() => ids.meeting, '/minutes/sign'),
    ),
    official(
      'contributions',
      o(() => ids.meeting, '/contributions'),
    ),
    official(
      'consultation page of a published election',
      o(() => ids.head),
    ),
    official(
      'consultation page of a published household ballot',
      o(() => ids.ballot),
    ),
    official('next round form', o(online, '/next')),
    resident('result page', () => `/c/${ids.online}/`),
    resident('receipt check after publication', () => `/vote/${ids.online}/receipt/${receipt}`),
    resident('complaints', () => `/vote/${ids.online}/complain`),
    resident('verify page before a run', () => `/c/${ids.online}/verify.html`),
    {
      name: 'verify page after a run',
      role: 'resident',
      open: async (page) => {
        await page.goto(`${site.origin}/c/${ids.online}/verify.html`);
        await page.getByLabel(/Khóa công khai của xã/).fill(await (await fetch(`${site.origin}/keys/${site.kid}.pem`)).text());
        await page.getByLabel(/Mã biên nhận của phiếu/).fill(receipt);
        await page.getByRole('button', { name: 'Kiểm tra / Verify' }).click();
        await page.locator('#summary[data-state=pass]').waitFor({ timeout: 30_000 });
      },
    },
    resident('result of the meeting', () => `/c/${ids.meeting}/`),
    resident('decision record', () => `/c/${ids.meeting}/record/decision.html`),
    resident('contributions', () => `/c/${ids.meeting}/contributions/`),
    resident('result of the household ballot', () => `/c/${ids.ballot}/`),
    resident('commune-wide result', () => `/g/${ids.group}/`),
    official(
      'consultation page of a hamlet’s round of the commune-wide one',
      o(() => groupRounds[0] ?? ''),
    ),
    resident('site index', () => '/'),
    monitor('monitors’ audit log of a published result', () => `/monitors/c/${ids.online}`),
    monitor('monitors’ audit log of a meeting', () => `/monitors/c/${ids.meeting}`),
    monitor('monitors’ audit log in both languages', () => `/monitors/c/${ids.online}?lang=en`),
    official('dashboard in both languages', () => '/officials/?lang=en'),
    official(
      'contributions in both languages',
      o(() => ids.meeting, '/contributions?lang=en'),
    ),
    resident('vote page in English', () => `/vote/${ids.online}?lang=en`),
    { name: 'commune’s page in both languages', role: 'commune', path: () => `/commune/c/${ids.head}?lang=en` },
    { name: 'commune’s list', role: 'commune', path: () => '/commune/' },
    { name: 'commune’s page of an election', role: 'commune', path: () => `/commune/c/${ids.head}` },
  ]);
});
