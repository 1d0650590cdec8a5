/** Vietnamese number and date formatting for the published pages (no Intl data needed at build time). */
import { vnNumber, vnPercent } from '../shared/numbers.ts';
import type { Matter, Method, State } from '../shared/schemas.ts';

export { vnNumber };

/** A file's size as Vietnamese readers write it: 512 -> "512 byte", 1536 -> "1,5 KB", 3670016 -> "3,5 MB" (units of 1024). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${vnNumber(bytes)} byte`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const tenths = Math.round(value * 10);
  return `${vnNumber(Math.floor(tenths / 10))}${tenths % 10 ? `,${tenths % 10}` : ''} ${unit}`;
}

/** part/whole as Vietnamese write a percentage ("66,7%"), the same digits as the minutes (shared/numbers.ts). */
export const percent = vnPercent;

/** "2026-11-22T10:00:00Z" -> "17:00 22/11/2026 (giờ Việt Nam)": Vietnam is UTC+7 all year. */
export function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "2026-12-06T07:00:00Z" -> "14:00 ngày 6/12/2026": an instant in Vietnam time as a sentence says it (UTC+7, no daylight saving). */
export function vnAt(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

export const STATE_VI: Record<State, string> = {
  draft: 'Dự thảo',
  disclosure: 'Đang công khai, lấy ý kiến',
  voting: 'Đang biểu quyết',
  closed: 'Đã kết thúc, đang kiểm phiếu',
  published: 'Đã công bố kết quả',
  cancelled: 'Đã hủy',
};
/** A round open for voting whose `opensAt` has not come (codes or slips handed out ahead): the state as people see it. */
export const NOT_YET_OPEN = { vi: 'Chưa đến giờ nhận phiếu', en: 'Not yet accepting ballots' } as const;

/** Whether a round in `state` is open for voting but before its `opensAt`. */
export const notYetOpen = (state: State, opensAt: string | undefined, now: Date | undefined): boolean =>
  state === 'voting' && opensAt !== undefined && now !== undefined && Date.parse(opensAt) > now.getTime();

export const STATE_EN: Record<State, string> = {
  draft: 'Draft',
  disclosure: 'Disclosed for discussion',
  voting: 'Voting open',
  closed: 'Closed, counting',
  published: 'Result published',
  cancelled: 'Cancelled',
};
export { OUTCOME_EN, OUTCOME_VI } from '../shared/rule-words.ts';
export const MATTER_VI: Record<Matter, string> = {
  contribution: 'Chủ trương và mức đóng góp xây dựng công trình (Điều 15 khoản 1 Luật Thực hiện dân chủ ở cơ sở)',
  contribution_management: 'Việc thu, chi, quản lý các khoản đóng góp (Điều 15 khoản 2)',
  community_rules: 'Hương ước, quy ước (Điều 15 khoản 3)',
  village_head: 'Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố (Điều 15 khoản 4)',
  board_members: 'Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng (Điều 15 khoản 5)',
  other_self_managed: 'Công việc tự quản khác trong cộng đồng (Điều 15 khoản 6)',
  opinion: 'Lấy ý kiến trước khi cơ quan có thẩm quyền quyết định (Điều 25)',
};
export const METHOD_VI: Record<Method, string> = {
  household_ballot: 'Phát phiếu lấy ý kiến hộ gia đình (phiếu giấy)',
  meeting: 'Cuộc họp cộng đồng dân cư',
  online: 'Biểu quyết trực tuyến',
};
export const CHANNEL_VI = { online: 'Trực tuyến', paper: 'Phiếu giấy', meeting: 'Tại cuộc họp' } as const;
