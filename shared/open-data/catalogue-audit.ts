/**
 * The files of the monitors' risk-limiting audit in the open-data catalogue (bundle.md "Risk-limiting audits of paper
 * rounds"): `c/<id>/audit/rla.json` with its signature `rla.jws`, and the slips to pull `c/<id>/audit/draws.json`,
 * each top-level field in Vietnamese and English; and a commune's own translation of a round,
 * `c/<id>/translations/<tag>.json`. Kept apart from catalogue.ts, which lists them with the others. Pure.
 */
import { RlaFile } from '../rla/rla-file.ts';
import type { Encoding, OpenDataFile, PublishedPath, Words } from './catalogue.ts';
import { RlaDrawsFile, TranslationFile, TranslationUpload } from './published.ts';

const ID = '[0-9A-HJKMNP-TV-Z]{26}';
const at = (path: string, pattern: string, encoding: Encoding): PublishedPath => ({ path, pattern: new RegExp(`^${pattern}$`), encoding });
const w = (vi: string, en: string): Words => ({ vi, en });

const consultationId = w('Mã cuộc lấy ý kiến (ULID) mà tệp này thuộc về.', 'The id (a ULID) of the consultation this file belongs to.');
const seed = w(
  'Số khởi tạo: các chữ số hai giám sát viên nhập tại phiên công khai (gieo xúc xắc 10 mặt), nối liền theo thứ tự nhập.',
  'The seed: the digits two monitors entered at the public session (rolls of a ten-sided die), joined in the order entered.',
);

const translationFields = {
  format: w('Phiên bản định dạng: translation/1.', 'Format version: translation/1.'),
  consultationId,
  language: w('Mã ngôn ngữ BCP 47 và tên ngôn ngữ do xã viết.', 'The BCP 47 language tag and the language’s name as the commune writes it.'),
  title: w('Tên cuộc lấy ý kiến, đã dịch.', 'The round’s title, translated.'),
  description: w('Nội dung, đã dịch.', 'The description, translated.'),
  questions: w('Từng câu hỏi theo mã, với nội dung và các phương án đã dịch.', 'Each question by id, with its text and options translated.'),
  notices: w('Nội dung thông báo đã dịch, theo loại (nếu có).', 'Notice texts translated, by kind (when supplied).'),
};

export const AUDIT_FILES: readonly OpenDataFile[] = [
  {
    name: 'rla',
    title: w('Kiểm tra phiếu giấy theo mẫu ngẫu nhiên', 'Risk-limiting audit'),
    holds: w(
      'Cuộc kiểm tra của ban giám sát sau khi công bố: số khởi tạo, từng phiếu giấy rút ra và nội dung đọc được, chênh lệch so với số liệu đã nhập, rủi ro sau mỗi lượt và kết luận. Ký bằng khóa đã ký kết quả (rla.jws); ai cũng rút lại và tính lại được từ ballots.json.',
      'The monitors’ audit after publication: the seed, each paper slip drawn and what it says, its difference from the published entry, the risk after each draw and the conclusion. Signed with the result’s key (rla.jws); anyone can redraw and recompute it from ballots.json.',
    ),
    schema: RlaFile,
    paths: [at('c/<id>/audit/rla.json', `c/${ID}/audit/rla\\.json`, 'json'), at('c/<id>/audit/rla.jws', `c/${ID}/audit/rla\\.jws`, 'jws')],
    fields: {
      format: w('Phiên bản định dạng: rla/1.', 'Format version: rla/1.'),
      consultationId,
      manifest: w('SHA-256 của nội dung đã ký trong result.jws: kết quả được kiểm tra.', 'SHA-256 of the signed result.jws payload: the result audited.'),
      riskLimit: w('Giới hạn rủi ro dạng phân số [tử, mẫu]; [1, 20] là 5 %.', 'The risk limit as a fraction [num, den]; [1, 20] is 5 %.'),
      seed,
      method: w(
        'Phép đo rủi ro và mọi tham số: kaplan-markov, gamma, số phiếu giấy N, cách biệt (số phiếu) của từng câu.',
        'The risk measure and every parameter: kaplan-markov, gamma, the number of slips N, each question’s margin in votes.',
      ),
      draws: w(
        'Từng lượt rút k: số sê-ri, nội dung đọc được trên phiếu (câu bỏ trống: không tìm thấy) và chênh lệch có dấu, tính bằng phiếu, của từng câu.',
        'Each draw k: the serial, what the slip says (a question left out: not found) and each question’s signed overstatement in votes.',
      ),
      risk: w('Rủi ro của từng câu sau mỗi lượt rút (số thực, 0 đến 1).', 'Each question’s risk after each draw (a number from 0 to 1).'),
      conclusion: w(
        'Kết luận: confirmed (xác nhận), escalated (phải rút thêm) hoặc full_count (kiểm đếm lại toàn bộ).',
        'The conclusion: confirmed, escalated (more slips needed) or full_count (every slip counted by hand).',
      ),
    },
  },
  {
    name: 'rla-draws',
    title: w('Các phiếu cần rút', 'The slips to pull'),
    holds: w(
      'Danh sách phiếu giấy cần rút khỏi hòm phiếu, tính từ số khởi tạo (SHA-256 của số khởi tạo và lượt, rút có hoàn lại); danh sách dài thêm khi cần rút thêm.',
      'The paper slips to pull from the sealed box, drawn from the seed (SHA-256 of the seed and the draw number, with replacement); the list grows when more slips are needed.',
    ),
    schema: RlaDrawsFile,
    paths: [at('c/<id>/audit/draws.json', `c/${ID}/audit/draws\\.json`, 'json')],
    fields: {
      consultationId,
      seed,
      draws: w('Từng lượt rút k và số sê-ri của phiếu cần rút.', 'Each draw k and the serial of the slip to pull.'),
    },
  },
  {
    name: 'translation',
    title: w('Bản dịch do xã cung cấp', 'The commune’s own translation'),
    holds: w(
      'Bản dịch một cuộc lấy ý kiến sang ngôn ngữ thứ hai mà xã tự cung cấp (hệ thống không dịch máy), đã kiểm tra khớp với từng câu hỏi và phương án; tiếng Việt là bản chính. Tệp xã tải lên được công bố nguyên vẹn bên cạnh, đặt tên theo SHA-256.',
      'A round’s translation into a second language the commune supplied itself (the system never machine-translates), checked against every question and option; the Vietnamese is authoritative. The file as uploaded is published beside it, named by its SHA-256.',
    ),
    schema: TranslationFile,
    paths: [at('c/<id>/translations/<tag>.json', `c/${ID}/translations/[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\.json`, 'json')],
    fields: translationFields,
  },
  {
    name: 'translation-upload',
    title: w('Tệp bản dịch xã tải lên', 'The translation file as the commune uploaded it'),
    holds: w(
      'Tệp bản dịch đúng như xã tải lên (dạng JSON), đặt tên theo SHA-256 của nó, để ai cũng đối chiếu được với bản đã kiểm tra bên cạnh (<tag>.json). Tệp CSV được công bố với đuôi .csv.',
      'The translation file exactly as the commune uploaded it (as JSON), named by its SHA-256, so that anyone can compare it with the checked copy beside it (<tag>.json). A CSV upload is published as .csv.',
    ),
    schema: TranslationUpload,
    paths: [at('c/<id>/translations/<sha256>.json', `c/${ID}/translations/[0-9a-f]{64}\\.json`, 'json')],
    fields: translationFields,
  },
];
