/** A consultation round driven through the JSON API, and a resident voting in the browser as a resident does. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { recordOnlineConditions } from '../support/system.ts';
import type { ServedSystem } from './browser.ts';

/**
 * An opinion round voted online (Law 10/2022 Art. 25; Decree 59/2023 Art. 5: allowed for opinions and other
 * self-managed matters, never for contributions) with one question of each kind.
 */
export function opinionRound(title = 'Làm sân chơi cho trẻ em ở Thôn Đông', hoursOpen = 24): ConsultationInput {
  const now = new Date();
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'opinion',
    method: 'online',
    title,
    description: 'Lấy ý kiến các hộ về việc làm sân chơi cho trẻ em và giờ mở cửa nhà văn hóa thôn.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý làm sân chơi cho trẻ em?', options: [], rule: { base: 'plurality' } },
      {
        id: 'q2',
        type: 'single',
        text: 'Chọn vị trí sân chơi',
        options: [
          { id: 'dinh', label: 'Cạnh đình làng' },
          { id: 'truong', label: 'Sau trường mầm non' },
        ],
        rule: { base: 'plurality' },
      },
      {
        id: 'q3',
        type: 'approval',
        text: 'Giờ mở cửa nhà văn hóa',
        options: [
          { id: 'sang', label: 'Buổi sáng' },
          { id: 'chieu', label: 'Buổi chiều' },
          { id: 'toi', label: 'Buổi tối' },
        ],
        max: 2,
        rule: { base: 'plurality' },
      },
    ],
  };
}

export function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (let i = 1; i <= n; i++) lines.push(`H-${String(i).padStart(3, '0')},Thôn Đông,Chủ hộ ${i},${1 + (i % 5)},${i % 10 === 0 ? 'poor' : 'standard'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Creates, rolls and opens a round (an online one after its five Decree 59/2023 Art. 5 conditions, every household
 * agreeing in the poll); returns its id, one voting code per household in roll order (online only) and the slip
 * serials (household ballots only).
 */
export async function openRound(site: ServedSystem, token: string, households = 6, input = opinionRound()) {
  const created = await site.api('POST', '/api/consultations', input, { token });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  expect((await site.api('PUT', `/api/consultations/${id}/roll`, rollCsv(households), { token, type: 'text/csv' })).status).toBe(200);
  if (input.method === 'online') {
    await recordOnlineConditions(
      (method, path, opts = {}) => site.api(method, path, opts.body, opts.token ? { token: opts.token } : {}),
      token,
      id,
      households,
    );
  }
  const opened = await site.api('POST', `/api/consultations/${id}/open`, undefined, { token });
  expect(opened.status, opened.text).toBe(200);
  const codes = ((opened.json.credentials ?? []) as { household: string; code: string }[]).map((c) => c.code);
  const serials = (opened.json.serials ?? []) as string[];
  return { id, codes, serials };
}

/** A ballot sent through the JSON API; returns its receipt. */
export async function castByApi(site: ServedSystem, id: string, code: string, answers: Record<string, string | string[]>): Promise<string> {
  const r = await site.api('POST', `/api/consultations/${id}/ballots`, { code, answers });
  expect(r.status).toBe(201);
  return r.json.receipt as string;
}

/** Closes the round by hand, as an official: tally, sign, publish `c/<id>/`. */
export async function closeRound(site: ServedSystem, token: string, id: string): Promise<void> {
  const r = await site.api('POST', `/api/consultations/${id}/close`, undefined, { token });
  expect(r.status).toBe(200);
  expect(r.json.state).toBe('published');
}

/** The page's address once it is `path` (after a form was sent). */
export async function arrivedAt(page: Page, pathEnd: string): Promise<void> {
  await page.waitForURL((url) => url.pathname.endsWith(pathEnd));
  await page.waitForLoadState('load');
}

/** On the ballot page: types the code (unless the QR link filled it) and ticks the answers a resident picks. */
export async function fillBallot(page: Page, code: string | undefined): Promise<void> {
  if (code !== undefined) await page.getByLabel('Mã biểu quyết của hộ').fill(code);
  await page
    .getByRole('group', { name: /Đồng ý làm sân chơi/ })
    .getByRole('radio', { name: 'Đồng ý', exact: true })
    .check();
  await page
    .getByRole('group', { name: /Chọn vị trí sân chơi/ })
    .getByRole('radio', { name: 'Sau trường mầm non' })
    .check();
  const hours = page.getByRole('group', { name: /Giờ mở cửa nhà văn hóa/ });
  await hours.getByRole('checkbox', { name: 'Buổi sáng' }).check();
  await hours.getByRole('checkbox', { name: 'Buổi tối' }).check();
}

/** Presses "next" on the ballot page and waits for the review page. */
export async function toReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại lựa chọn' }).click();
  await arrivedAt(page, '/review');
}

/** Presses "send" on the review page and waits for the recorded page. */
export async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  await arrivedAt(page, '/cast');
}

/**
 * A contribution decided at a community meeting of the hamlet, as the law has it first (Law 10/2022 Art. 17(2), 18):
 * from 2/3 of all households in favour; a meeting whose attendance cannot reach that ends `not_enough_present`.
 */
export function meetingRound(title = 'Bê tông hóa đường Thôn Đông', hoursOpen = 24): ConsultationInput {
  const now = new Date();
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return {
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'contribution',
    method: 'meeting',
    title,
    description: 'Họp các hộ để quyết định mức đóng góp làm đường bê tông dài 500 m.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + hoursOpen * 3600_000)),
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý mức đóng góp 300.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
    ],
    contribution: {
      totalCost: 900_000_000,
      stateBudget: 870_000_000,
      residentsShare: 30_000_000,
      basis: 'per_household',
      amountPerUnit: 300_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
  };
}
