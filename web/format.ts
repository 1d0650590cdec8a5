/** Vietnamese number and date formatting for the published pages (no Intl data needed at build time). */
import { vnNumber, vnPercent } from '../shared/numbers.ts';
import type { Matter, Method, OutcomeStatus, State } from '../shared/schemas.ts';

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

export const STATE_VI: Record<State, string> = {
  draft: 'Dự thảo',
  disclosure: 'Đang công khai, lấy ý kiến',
  voting: 'Đang biểu quyết',
  closed: 'Đã kết thúc, đang kiểm phiếu',
  published: 'Đã công bố kết quả',
  cancelled: 'Đã hủy',
};
export const STATE_EN: Record<State, string> = {
  draft: 'Draft',
  disclosure: 'Disclosed for discussion',
  voting: 'Voting open',
  closed: 'Closed, counting',
  published: 'Result published',
  cancelled: 'Cancelled',
};
export const OUTCOME_VI: Record<OutcomeStatus, string> = {
  adopted: 'Được thông qua',
  rejected: 'Không được thông qua',
  no_decision: 'Không có phương án nào được thông qua',
  quorum_not_met: 'Không đủ số hộ tham gia theo quy định',
};
export const OUTCOME_EN: Record<OutcomeStatus, string> = {
  adopted: 'Adopted',
  rejected: 'Not adopted',
  no_decision: 'No option adopted',
  quorum_not_met: 'Quorum not met',
};
export const MATTER_VI: Record<Matter, string> = {
  contribution: 'Chủ trương và mức đóng góp xây dựng công trình (Điều 15 khoản 1 Luật Thực hiện dân chủ ở cơ sở)',
  contribution_management: 'Việc thu, chi, quản lý các khoản đóng góp (Điều 15 khoản 2)',
  community_rules: 'Hương ước, quy ước (Điều 15 khoản 3)',
  election: 'Bầu, cho thôi làm Trưởng thôn / thành viên Ban (Điều 15 khoản 4, 5)',
  other_self_managed: 'Công việc tự quản khác trong cộng đồng (Điều 15 khoản 6)',
  opinion: 'Lấy ý kiến trước khi cơ quan có thẩm quyền quyết định (Điều 25)',
};
export const METHOD_VI: Record<Method, string> = {
  household_ballot: 'Phát phiếu lấy ý kiến hộ gia đình (trực tuyến bằng mã hoặc trên phiếu giấy)',
  meeting: 'Họp cộng đồng dân cư, bỏ phiếu kín',
  online: 'Biểu quyết trực tuyến',
};
export const CHANNEL_VI = { online: 'Trực tuyến', paper: 'Phiếu giấy', meeting: 'Tại cuộc họp' } as const;
