/**
 * The verifier's words in Vietnamese first: shared/verify/ reports each check's detail and warnings in English (the
 * command line's and the test vectors' language); the pages that run it in a browser (verify.html, the monitors'
 * consultation page) show a Vietnamese line above the English one. The details a check gives when it passes are
 * read back into Vietnamese here; a failure's reason, which can be anything the files hold, is introduced in
 * Vietnamese and kept whole in English below it.
 */

/** The checks of bundle.md in Vietnamese, by step; the English is the verifier's own (CHECK_NAMES). */
export const CHECK_NAMES_VI: Readonly<Record<number, string>> = {
  1: 'Chữ ký số của xã trên biên bản kết quả (result.jws) là đúng',
  2: 'Mọi tệp khớp với mã băm ghi trong biên bản',
  3: 'Mã biên nhận của từng phiếu tính lại đúng, không trùng, đúng thứ tự',
  4: 'Gốc Merkle của các phiếu tính lại đúng (và có biên nhận của bạn, nếu bạn nhập)',
  5: 'Các hộ tham gia không trùng, đều có trong danh sách, cộng đúng theo hình thức',
  6: 'Mọi phiếu trả lời mọi câu hỏi bằng phương án hợp lệ',
  7: 'Kiểm lại các phiếu ra đúng kết quả đã công bố, theo đúng điều kiện thông qua',
  8: 'Nhật ký thao tác liền mạch đến lúc kết thúc biểu quyết',
  9: 'Mọi chữ ký xác nhận của giám sát đều đúng và xác nhận đúng biên bản này',
};

/** A line in both languages: Vietnamese first, the verifier's own English under it. */
export interface Said {
  vi: string;
  en: string;
}

/** The Vietnamese of an outcome status as check 7 names it ("q1: adopted yes"). */
const STATUS_VI: Readonly<Record<string, string>> = {
  adopted: 'được thông qua',
  rejected: 'không được thông qua',
  no_decision: 'không có phương án nào được thông qua',
  quorum_not_met: 'không đủ số hộ tham gia',
  not_enough_present: 'không đủ số hộ dự họp',
};

/** Each pass detail of shared/verify/ (one pattern per wording) and its Vietnamese. */
const PASSED: ReadonlyArray<readonly [step: number, pattern: RegExp, vi: (m: RegExpMatchArray) => string]> = [
  [1, /^signed by (\S+)$/, (m) => `Ký bằng khóa có dấu vân tay ${m[1]}`],
  [2, /^(\d+) files match the manifest$/, (m) => `${m[1]} tệp khớp với mã băm trong biên bản`],
  [3, /^(\d+) receipts recompute, distinct and sorted$/, (m) => `${m[1]} mã biên nhận tính lại đúng, không trùng, đúng thứ tự`],
  [4, /^root ([0-9a-f]+) over (\d+) ballots$/, (m) => `Gốc Merkle ${m[1]} của ${m[2]} phiếu`],
  [
    4,
    /^root ([0-9a-f]+); receipt found as ballot (\d+) of (\d+)$/,
    (m) => `Gốc Merkle ${m[1]}; có phiếu của biên nhận đã nhập: phiếu thứ ${m[2]} trên ${m[3]}`,
  ],
  [
    5,
    /^(\d+) participants of (\d+) households \(online (\d+), paper (\d+), meeting (\d+)\)$/,
    (m) => `${m[1]} hộ tham gia trên ${m[2]} hộ trong danh sách (trực tuyến ${m[3]}, phiếu giấy ${m[4]}, tại cuộc họp ${m[5]})`,
  ],
  [6, /^(\d+) ballots answer all (\d+) question\(s\)$/, (m) => `${m[1]} phiếu đều trả lời đủ ${m[2]} câu hỏi bằng phương án hợp lệ`],
  [8, /^(\d+) events, head ([0-9a-f]+)$/, (m) => `${m[1]} thao tác nối liền; mã băm cuối ${m[2]}`],
  [
    8,
    /^(\d+) events, head ([0-9a-f]+); (\d+) paper ballots? replaced an online ballot$/,
    (m) => `${m[1]} thao tác nối liền; mã băm cuối ${m[2]}; ${m[3]} phiếu giấy thay phiếu trực tuyến`,
  ],
  [9, /^no attestations$/, () => 'Chưa có chữ ký xác nhận nào'],
  [9, /^(\d+) attestation\(s\): (.*)$/, (m) => `${m[1]} chữ ký xác nhận, đều đúng: ${m[2]}`],
];

/** Check 7's pass detail: "giơ tay / show of hands: q1: adopted yes; q2: no_decision". */
function recountVi(detail: string): string | undefined {
  const hands = 'giơ tay / show of hands: ';
  const body = detail.startsWith(hands) ? detail.slice(hands.length) : detail;
  const parts = body.split('; ').map((part) => {
    const m = /^([^:]+): ([a-z_]+)(?: (.*))?$/.exec(part);
    const status = m ? STATUS_VI[m[2]!] : undefined;
    return m && status ? `câu ${m[1]}: ${status}${m[3] ? ` (${m[3]})` : ''}` : undefined;
  });
  if (parts.some((p) => p === undefined)) return undefined;
  return `Kiểm lại ${detail.startsWith(hands) ? 'theo số giơ tay' : 'các phiếu'} ra đúng kết quả: ${parts.join('; ')}`;
}

/**
 * A check's detail, Vietnamese first.
 * @example checkDetail(9, true, '1 attestation(s): abc') // { vi: '1 chữ ký xác nhận, đều đúng: abc', en: '1 attestation(s): abc' }
 */
export function checkDetail(step: number, ok: boolean, detail: string): Said {
  if (!ok) return { vi: 'Không đạt. Lý do, theo lời của bộ kiểm tra (tiếng Anh):', en: detail };
  if (step === 7) {
    const vi = recountVi(detail);
    if (vi) return { vi, en: detail };
  }
  for (const [s, pattern, vi] of PASSED) {
    const m = s === step ? pattern.exec(detail) : null;
    if (m) return { vi: vi(m), en: detail };
  }
  return { vi: 'Đạt. Chi tiết (tiếng Anh):', en: detail };
}

/**
 * A warning of the verifier, Vietnamese first.
 * @example checkWarning("the key was taken from the site's JWKS by its kid, not pinned: compare K with the key the commune announced").vi
 */
export function checkWarning(warning: string): Said {
  const unpinned = /^the key was taken from the site's JWKS by its kid, not pinned: compare (\S+) with the key the commune announced$/.exec(warning);
  if (unpinned) {
    return {
      vi: `Khóa được lấy từ chính trang web này, không phải khóa bạn ghim: hãy so dấu vân tay ${unpinned[1]} với khóa xã đã niêm yết.`,
      en: warning,
    };
  }
  return { vi: 'Cảnh báo của bộ kiểm tra (tiếng Anh):', en: warning };
}
