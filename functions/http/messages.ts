/** Error messages shown to people, Vietnamese first (api.md: per Accept-Language). */
import type { ErrorCode } from '../../shared/errors.ts';

export const MESSAGES: Record<ErrorCode, { vi: string; en: string }> = {
  invalid_request: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The body is not valid JSON.' },
  unauthorized: { vi: 'Cần đăng nhập để thực hiện thao tác này.', en: 'Sign-in is required.' },
  invalid_code: {
    vi: 'Mã biểu quyết không đúng hoặc đã bị thay thế. Hãy kiểm tra lại mã trên phiếu.',
    en: 'The voting code is wrong or has been replaced. Check the code on your slip.',
  },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You may not do this.' },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  not_open: { vi: 'Cuộc biểu quyết chưa mở hoặc đã kết thúc.', en: 'Voting is not open.' },
  wrong_state: { vi: 'Không thể thực hiện ở trạng thái hiện tại của cuộc lấy ý kiến.', en: "Not possible in the consultation's current state." },
  already_open: { vi: 'Cuộc biểu quyết đã được mở; mã biểu quyết chỉ được cấp một lần.', en: 'Voting is already open; codes are issued only once.' },
  disclosure_too_short: {
    vi: 'Chưa hết thời gian công khai theo quy định của xã. Muốn mở biểu quyết sớm hơn phải ghi rõ lý do (lý do được ghi vào nhật ký).',
    en: 'The disclosure period is not over. Opening earlier needs a stated reason, which is audit-logged.',
  },
  conditions_missing: {
    vi: 'Chưa ghi nhận đủ các điều kiện trước khi mở (Nghị định 59/2023 Điều 5): Trưởng thôn và Ban công tác Mặt trận thống nhất; đã báo cáo UBND xã và UBMTTQ xã; có Tổ lấy ý kiến biểu quyết trực tuyến; trên 50% tổng số hộ gia đình đồng ý biểu quyết trực tuyến; các hộ có thiết bị.',
    en: 'The conditions before opening (Decree 59/2023 Art. 5) are not all recorded: the village head and the Front working committee agreed; reported to UBND xã and UBMTTQ xã; the online team; more than 50 % of all households agreed to vote online; the households have the devices.',
  },
  // Said of any act that lost a race (a ballot, a ledger entry, a comment, a document): it names none of them.
  busy: {
    vi: 'Hệ thống đang bận vì có thay đổi khác cùng lúc; chưa có gì được ghi nhận, hãy gửi lại.',
    en: 'Busy with a simultaneous change; nothing was recorded, please try again.',
  },
  already_attached: { vi: 'Tài liệu này đã được đính kèm.', en: 'This document is already attached.' },
  too_many_documents: { vi: 'Đã đủ 10 tài liệu đính kèm; hãy gỡ bớt trước khi thêm.', en: 'Ten documents are attached already; remove one first.' },
  duplicate_receipt: {
    vi: 'Số biên lai này đã được ghi vào sổ thu; mỗi biên lai chỉ ghi một lần.',
    en: 'This receipt number is already in the ledger; each receipt is recorded once.',
  },
  method_not_allowed: {
    vi: 'Luật không cho phép quyết định nội dung này bằng hình thức đã chọn.',
    en: 'The law does not allow this matter to be decided by the method chosen.',
  },
  duplicate_serial: {
    vi: 'Phiếu có số sê-ri này đã được nhập; mỗi phiếu chỉ nhập một lần.',
    en: 'The slip with this serial is already entered; each slip is entered once.',
  },
  slips_unreconciled: {
    vi: 'Số phiếu đã nhập khác số hộ đã nộp phiếu; hãy đối chiếu trước khi kết thúc.',
    en: 'The slips entered differ from the households ticked off as returned; reconcile them before closing.',
  },
  too_many_slips: {
    vi: 'Số phiếu kín đã nhập bằng số hộ có mặt; không nhận thêm phiếu.',
    en: 'As many secret ballots as households present are entered already.',
  },
  already_returned: { vi: 'Hộ này đã được đánh dấu nộp phiếu.', en: 'This household is already ticked off as having returned its slip.' },
  channel_not_allowed: {
    vi: 'Cuộc lấy ý kiến này không biểu quyết trực tuyến: hộ gia đình biểu quyết bằng phiếu giấy hoặc tại cuộc họp.',
    en: 'This round has no online vote: households vote on paper slips or at the meeting.',
  },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The body is too large.' },
  unsupported_media_type: { vi: 'Định dạng nội dung không được hỗ trợ.', en: 'Unsupported media type.' },
  too_many_attempts: { vi: 'Nhập sai mã quá nhiều lần. Hãy thử lại sau 15 phút.', en: 'Too many wrong codes. Try again in 15 minutes.' },
  too_many_comments: {
    vi: 'Hộ đã gửi nhiều ý kiến trong thời gian ngắn (tối đa 5 ý kiến trong 10 phút, 30 ý kiến cho mỗi cuộc lấy ý kiến). Hãy thử lại sau.',
    en: 'Your household has sent many comments in a short time (at most 5 in 10 minutes, 30 per consultation). Try again later.',
  },
  no_recognition_needed: {
    vi: 'Quyết định này có hiệu lực từ ngày biểu quyết thông qua (hoặc chỉ là ý kiến tham khảo), không cần công nhận (Luật Thực hiện dân chủ ở cơ sở, Điều 21).',
    en: 'This decision takes effect on the day of the vote (or is an opinion only) and needs no recognition (Law 10/2022 Art. 21).',
  },
  already_recorded: {
    vi: 'Việc này đã được ghi nhận; mỗi bước chỉ ghi một lần và không sửa kết quả đã công bố.',
    en: 'This is recorded already; each step is recorded once, and a published result is never edited.',
  },
  not_sent: {
    vi: 'Chưa ghi nhận việc gửi quyết định đến cơ quan công nhận; thời hạn công nhận tính từ ngày nhận được quyết định.',
    en: 'The decision is not recorded as sent to the recognising body; the time to recognise runs from its receipt.',
  },
  // Said of a monitor's countersignature and of an officer's signature of the minutes alike.
  invalid_attestation: {
    vi: 'Chữ ký số không hợp lệ: không khớp với nội dung cần ký hoặc với khóa.',
    en: 'The signature is not valid: it does not match what is signed or the key.',
  },
  already_signed: {
    vi: 'Đã ký rồi: mỗi vai trò chỉ ký biên bản một lần, mỗi tài khoản giám sát chỉ ký xác nhận một kết quả một lần.',
    en: 'Signed already: each role signs the minutes once, and each monitor account countersigns a result once.',
  },
  integrity_error: {
    vi: 'Dữ liệu không nhất quán; kết quả chưa được ký. Đã báo cho quản trị viên.',
    en: 'The data is inconsistent; nothing was signed. Operators have been alerted.',
  },
  internal_error: { vi: 'Lỗi hệ thống. Thao tác chưa được thực hiện; hãy thử lại.', en: 'Internal error. Nothing was done; please try again.' },
  // The database throttled the request beyond the store's retries: sent with Retry-After.
  unavailable: {
    vi: 'Hệ thống đang quá tải; chưa có gì được ghi nhận. Hãy gửi lại sau ít giây.',
    en: 'The service is overloaded; nothing was recorded. Please try again in a few seconds.',
  },
};

export const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_code: 401,
  forbidden: 403,
  not_found: 404,
  not_open: 409,
  wrong_state: 409,
  already_open: 409,
  disclosure_too_short: 409,
  conditions_missing: 409,
  busy: 409,
  already_attached: 409,
  too_many_documents: 409,
  duplicate_receipt: 409,
  duplicate_serial: 409,
  method_not_allowed: 400,
  slips_unreconciled: 409,
  too_many_slips: 409,
  already_returned: 409,
  channel_not_allowed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  too_many_comments: 429,
  no_recognition_needed: 409,
  already_recorded: 409,
  not_sent: 409,
  invalid_attestation: 400,
  already_signed: 409,
  integrity_error: 500,
  internal_error: 500,
  unavailable: 503,
};

/** Seconds a client is asked to wait before sending again (`Retry-After`), for the codes that ask it. */
export const RETRY_AFTER_S: Partial<Record<ErrorCode, number>> = { unavailable: 1 };

/** English only when the client prefers it over Vietnamese. */
export function language(acceptLanguage: string | undefined): 'vi' | 'en' {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag.startsWith('vi') || x.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'vi';
}
