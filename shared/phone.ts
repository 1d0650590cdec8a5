/**
 * Vietnamese mobile numbers as a household writes them (`0912 345 678`, `0912.345.678`, `+84 912 345 678`,
 * `84912345678`) put in the E.164 form an SMS gateway takes (`+84912345678`), or refused with the reason in both
 * languages. Only mobiles: a landline (`02x`) cannot receive a text message, and the 11-digit `01x` numbers were
 * moved to 10 digits in 2018 (the owner's number now starts `03`, `05`, `07` or `08`).
 */

/** A number normalised, or why not. */
export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: { vi: string; en: string } };

const refuse = (vi: string, en: string): PhoneCheck => ({ ok: false, reason: { vi, en } });

/**
 * The E.164 form of a Vietnamese mobile number: `+84` and the nine digits after the leading 0.
 * @example
 * vnMobileE164('0912 345 678'); // { ok: true, e164: '+84912345678' }
 * vnMobileE164('024 3825 1234'); // { ok: false, reason: { vi: 'Số máy bàn …', en: 'A landline …' } }
 */
export function vnMobileE164(input: string): PhoneCheck {
  const written = input.normalize('NFKC').trim();
  if (written === '') return refuse('Chưa có số điện thoại.', 'No phone number.');
  // Spaces, dots, dashes and brackets are how people group digits; anything else is not a phone number.
  const compact = written.replace(/[ .()-]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) {
    return refuse(
      'Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu gạch).',
      'A phone number has only digits (spaces, dots and dashes allowed).',
    );
  }
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : undefined;
  if (international !== undefined && !international.startsWith('84')) {
    return refuse('Không phải số điện thoại Việt Nam (mã nước khác +84).', 'Not a Vietnamese number (a country code other than +84).');
  }
  // `+84 0912…` is written too: the trunk 0 after the country code is dropped.
  const national =
    international !== undefined
      ? `0${international.slice(2).replace(/^0/, '')}`
      : compact.startsWith('84') && compact.length === 11
        ? `0${compact.slice(2)}`
        : compact;
  if (!national.startsWith('0')) return refuse('Số điện thoại phải bắt đầu bằng 0 hoặc +84.', 'A phone number starts with 0 or +84.');
  if (/^02/.test(national))
    return refuse('Số máy bàn không nhận được tin nhắn; cần số di động.', 'A landline cannot receive a text; a mobile number is needed.');
  if (/^01[0-9]{9}$/.test(national)) {
    return refuse(
      'Số di động 11 số (đầu 01) đã chuyển sang 10 số từ năm 2018; xin ghi số mới.',
      'Eleven-digit mobile numbers (01…) became ten digits in 2018; write the new number.',
    );
  }
  if (national.length !== 10) {
    return refuse(
      `Số di động có 10 chữ số (tính cả số 0 đầu); số này có ${national.length}.`,
      `A mobile number has 10 digits (with the leading 0); this has ${national.length}.`,
    );
  }
  // The mobile ranges since 2018: 03x, 05x, 07x, 08x, 09x.
  if (!/^0[35789]/.test(national))
    return refuse('Không phải đầu số di động Việt Nam (03, 05, 07, 08, 09).', 'Not a Vietnamese mobile prefix (03, 05, 07, 08, 09).');
  return { ok: true, e164: `+84${national.slice(1)}` };
}
