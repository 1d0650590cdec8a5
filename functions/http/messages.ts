/** Error messages shown to people, Vietnamese first (api.md: per Accept-Language). */
import type { ErrorCode } from '../../shared/errors.ts';

export const MESSAGES: Record<ErrorCode, { vi: string; en: string }> = {
  invalid_request: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The body is not valid JSON.' },
  unauthorized: { vi: 'Cần đăng nhập để thực hiện thao tác này.', en: 'Sign-in is required.' },
  invalid_code: { vi: 'Mã biểu quyết không đúng hoặc đã bị thay thế. Hãy kiểm tra lại mã trên phiếu.', en: 'The voting code is wrong or has been replaced. Check the code on your slip.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You may not do this.' },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  not_open: { vi: 'Cuộc biểu quyết chưa mở hoặc đã kết thúc.', en: 'Voting is not open.' },
  wrong_state: { vi: 'Không thể thực hiện ở trạng thái hiện tại của cuộc lấy ý kiến.', en: 'Not possible in the consultation\'s current state.' },
  already_open: { vi: 'Cuộc biểu quyết đã được mở; mã biểu quyết chỉ được cấp một lần.', en: 'Voting is already open; codes are issued only once.' },
  busy: { vi: 'Hệ thống đang bận xử lý cùng lúc; phiếu chưa được ghi nhận, hãy gửi lại.', en: 'Busy with a simultaneous change; nothing was recorded, please try again.' },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The body is too large.' },
  unsupported_media_type: { vi: 'Định dạng nội dung không được hỗ trợ.', en: 'Unsupported media type.' },
  too_many_attempts: { vi: 'Nhập sai mã quá nhiều lần. Hãy thử lại sau 15 phút.', en: 'Too many wrong codes. Try again in 15 minutes.' },
  invalid_attestation: { vi: 'Chữ ký xác nhận không hợp lệ.', en: 'The attestation is not valid.' },
  integrity_error: { vi: 'Dữ liệu không nhất quán; kết quả chưa được ký. Đã báo cho quản trị viên.', en: 'The data is inconsistent; nothing was signed. Operators have been alerted.' },
  internal_error: { vi: 'Lỗi hệ thống. Thao tác chưa được thực hiện; hãy thử lại.', en: 'Internal error. Nothing was done; please try again.' },
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
  busy: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  invalid_attestation: 400,
  integrity_error: 500,
  internal_error: 500,
};

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
