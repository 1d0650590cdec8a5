/**
 * Every JSON file the site publishes, with the zod schema it is written from, where it lives, what it holds and
 * each top-level field in Vietnamese and English (bundle.md "Where it lives", "Commune rounds", "After
 * publication", "Attestations"). The one source of the published JSON Schemas (schemas.ts) and of the open-data
 * page (web/open-data-page.tsx). Pure.
 */
import type * as z from 'zod';
import { Aggregate } from '../aggregate.ts';
import { LedgerEvent, Schedule } from '../contributions.ts';
import { CountingRecord, DecisionRecord, MinutesSignaturePayload } from '../minutes.ts';
import { AttestationPayload, AuditEvent, BallotsFile, Consultation, Manifest, OpinionsFile, ParticipantsFile, RollFile } from '../schemas.ts';
import { AUDIT_FILES } from './catalogue-audit.ts';
import { AttestationsIndex, PublishedJwks } from './published.ts';

/** A text in both languages of the site: Vietnamese first. */
export interface Words {
  vi: string;
  en: string;
}

/**
 * How a published file carries the document the schema describes: the file is the document (`json`), each line
 * of it is one (`jsonl`), or it is the payload of a compact JWS (`jws`).
 */
export type Encoding = 'json' | 'jsonl' | 'jws';

/** One place on the site where files of a schema are published, relative to the site root. */
export interface PublishedPath {
  /** As the page shows it: `c/<id>/consultation.json`. */
  path: string;
  /** Matches the file's path relative to the site root. */
  pattern: RegExp;
  encoding: Encoding;
}

export interface OpenDataFile {
  /** The schema's name: published as `schemas/<name>.schema.json`. */
  name: string;
  title: Words;
  /** What the file holds, one or two sentences. */
  holds: Words;
  schema: z.ZodType;
  paths: readonly PublishedPath[];
  /** Each top-level field; none for a document that is an array. */
  fields: Readonly<Record<string, Words>>;
}

const ID = '[0-9A-HJKMNP-TV-Z]{26}';
const KID = '[A-Za-z0-9_-]{43}';
const at = (path: string, pattern: string, encoding: Encoding): PublishedPath => ({ path, pattern: new RegExp(`^${pattern}$`), encoding });
const w = (vi: string, en: string): Words => ({ vi, en });

const consultationId = w('Mã cuộc lấy ý kiến (ULID) mà tệp này thuộc về.', 'The id (a ULID) of the consultation this file belongs to.');
const chain = {
  kind: w('Loại bản ghi, cố định.', 'The kind of record, fixed.'),
  seq: w('Số thứ tự, bắt đầu từ 1, liên tục.', 'Sequence number, from 1, without gaps.'),
  at: w('Thời điểm ghi (giờ UTC, RFC 3339).', 'When it was recorded (UTC, RFC 3339).'),
  actor: w('Ai làm: vai trò và mã tài khoản; không bao giờ là một hộ dân.', 'Who acted: role and account id; never a household.'),
  prev: w('Mã băm của dòng trước (64 số 0 cho dòng đầu).', 'Hash of the line before (64 zeros for the first).'),
  hash: w('SHA-256 của dòng này (JCS, không có trường hash).', 'SHA-256 of this line (JCS, without the hash field).'),
};
const closedAt = w('Thời điểm kết thúc biểu quyết.', 'When voting closed.');
const publishedAt = w('Thời điểm công bố kết quả.', 'When the result was published.');
const manifestHash = w(
  'SHA-256 của nội dung đã ký trong result.jws: kết quả mà tệp này nói tới.',
  'SHA-256 of the signed result.jws payload: the result this file is about.',
);
const letterhead = w('Tiêu đề văn bản: cơ quan và đơn vị.', 'Letterhead: the authority and the unit.');
const scope = w('Phạm vi: thôn, tổ dân phố hoặc xã, và tên.', 'Scope: hamlet, residential group or commune, and its name.');
const title = w('Tên cuộc lấy ý kiến.', 'Title of the consultation.');
const place = w('Địa điểm.', 'Place.');
const recordQuestions = w(
  'Từng câu hỏi: số phiếu và tỷ lệ trên tổng số hộ, ngưỡng, kết quả bằng lời.',
  'Each question: votes and shares of all households, threshold, outcome in words.',
);

export const OPEN_DATA_FILES: readonly OpenDataFile[] = [
  {
    name: 'consultation',
    title: w('Nội dung lấy ý kiến', 'The consultation'),
    holds: w(
      'Cuộc lấy ý kiến như khi bắt đầu biểu quyết: phạm vi, nội dung, câu hỏi và cách quyết định, thời gian, điều khoản đóng góp.',
      'The consultation as it was when voting opened: scope, subject, questions and decision rules, times, contribution terms.',
    ),
    schema: Consultation,
    paths: [at('c/<id>/consultation.json', `c/${ID}/consultation\\.json`, 'json')],
    fields: {
      id: w('Mã cuộc lấy ý kiến (ULID).', 'Consultation id (a ULID).'),
      commune: w('Mã xã.', 'Commune id.'),
      scope,
      matter: w('Loại việc (đóng góp, hương ước, bầu trưởng thôn, ...).', 'Kind of matter (contribution, community rules, village head, ...).'),
      method: w('Hình thức: phát phiếu qua hộ, họp, hoặc trực tuyến.', 'Method: household ballot, meeting, or online.'),
      title,
      titleEn: w('Tên bằng tiếng Anh, nếu có.', 'Title in English, if given.'),
      description: w('Nội dung đưa ra lấy ý kiến.', 'What is put to the residents.'),
      opensAt: w('Thời điểm mở biểu quyết (UTC).', 'When voting opens (UTC).'),
      closesAt: w('Thời điểm kết thúc biểu quyết (UTC).', 'When voting closes (UTC).'),
      questions: w('Các câu hỏi, phương án và cách quyết định của từng câu.', 'The questions, their options and each decision rule.'),
      contribution: w(
        'Điều khoản đóng góp: tổng kinh phí, ngân sách, phần dân đóng, cách tính, miễn giảm.',
        'Contribution terms: total cost, state budget, residents’ share, basis, exemptions.',
      ),
      follows: w('Vòng trước mà vòng này tiếp theo, nếu có.', 'The earlier round this one follows, if any.'),
      group: w('Cuộc lấy ý kiến toàn xã mà vòng của thôn này thuộc về.', 'The commune round this hamlet round belongs to.'),
      documents: w('Tài liệu kèm theo, mỗi tài liệu với mã băm SHA-256.', 'Attached documents, each with its SHA-256.'),
    },
  },
  {
    name: 'roll',
    title: w('Danh sách hộ', 'The roll'),
    holds: w(
      'Danh sách hộ có quyền biểu quyết, đã chốt, theo mã hộ; không có tên (dữ liệu cá nhân do xã giữ).',
      'The frozen list of eligible households by roll id; no names (personal data stays with the commune).',
    ),
    schema: RollFile,
    paths: [at('c/<id>/roll.json', `c/${ID}/roll\\.json`, 'json')],
    fields: { consultationId, households: w('Các hộ, xếp theo mã hộ.', 'The households, sorted by roll id.') },
  },
  {
    name: 'participants',
    title: w('Hộ đã tham gia', 'Participants'),
    holds: w('Hộ nào đã tham gia và qua kênh nào; không cho biết hộ chọn gì.', 'Who took part and by which channel; not how they voted.'),
    schema: ParticipantsFile,
    paths: [at('c/<id>/participants.json', `c/${ID}/participants\\.json`, 'json')],
    fields: {
      consultationId,
      households: w(
        'Mã hộ và kênh (trực tuyến, phiếu giấy, tại cuộc họp), xếp theo mã hộ.',
        'Roll id and channel (online, paper, meeting), sorted by roll id.',
      ),
    },
  },
  {
    name: 'ballots',
    title: w('Các phiếu', 'Ballots'),
    holds: w(
      'Phiếu cuối cùng của mỗi hộ, không có mã hộ, kênh hay thời gian; xếp theo biên nhận.',
      'The final ballots, with no household, channel or time; sorted by receipt.',
    ),
    schema: BallotsFile,
    paths: [at('c/<id>/ballots.json', `c/${ID}/ballots\\.json`, 'json')],
    fields: {
      consultationId,
      ballots: w(
        'Mỗi phiếu: câu trả lời, số ngẫu nhiên, biên nhận (mã băm) và số sê-ri nếu là phiếu giấy.',
        'Each ballot: answers, nonce, receipt (a hash) and, for a paper slip, its serial.',
      ),
    },
  },
  {
    name: 'audit-event',
    title: w('Nhật ký kiểm tra (một dòng)', 'Audit log (one line)'),
    holds: w(
      'Mỗi dòng của audit.jsonl là một sự kiện, nối chuỗi bằng mã băm với dòng trước, đến sự kiện kết thúc biểu quyết.',
      'Each line of audit.jsonl is one event, hash-chained to the line before, up to the close of voting.',
    ),
    schema: AuditEvent,
    paths: [at('c/<id>/audit.jsonl', `c/${ID}/audit\\.jsonl`, 'jsonl')],
    fields: {
      ...chain,
      action: w('Việc đã làm (created, roll_uploaded, closed, ...).', 'What was done (created, roll_uploaded, closed, ...).'),
      data: w('Chi tiết của việc đó.', 'Its details.'),
    },
  },
  {
    name: 'result',
    title: w('Kết quả đã ký', 'The signed result'),
    holds: w(
      'Bản kê kết quả mà result.jws ký: mã băm của từng tệp, số hộ, số phiếu, gốc Merkle, kết quả từng câu hỏi.',
      'The manifest result.jws signs: each file’s hash, counts, the Merkle root, the outcome of each question.',
    ),
    schema: Manifest,
    paths: [at('c/<id>/result.json', `c/${ID}/result\\.json`, 'json'), at('c/<id>/result.jws', `c/${ID}/result\\.jws`, 'jws')],
    fields: {
      format: w('Phiên bản định dạng: result/1 hoặc result/2.', 'Format version: result/1 or result/2.'),
      consultationId,
      files: w('SHA-256 của từng tệp được ký.', 'SHA-256 of each signed file.'),
      method: w('Hình thức biểu quyết (result/2).', 'Voting method (result/2).'),
      voting: w('Tại cuộc họp: giơ tay hoặc bỏ phiếu kín.', 'At a meeting: show of hands or secret ballot.'),
      handCount: w('Số biểu quyết giơ tay theo từng câu và từng phương án.', 'Show-of-hands counts by question and answer.'),
      roll: w('Tổng số hộ có quyền biểu quyết.', 'Number of eligible households.'),
      participants: w('Số hộ tham gia, theo từng kênh.', 'Households that took part, by channel.'),
      ballots: w('Số phiếu và gốc cây Merkle của các biên nhận.', 'Number of ballots and the Merkle root of the receipts.'),
      audit: w('Số sự kiện và mã băm sự kiện cuối của nhật ký.', 'Number of audit events and the hash of the last one.'),
      tally: w('Kết quả từng câu hỏi: số phiếu, ngưỡng, kết quả.', 'Each question’s tally: counts, threshold, outcome.'),
      closedAt,
      publishedAt,
    },
  },
  {
    name: 'opinions',
    title: w('Ý kiến khác', 'Other opinions'),
    holds: w(
      'Các ý kiến khác kèm câu trả lời, tách khỏi phiếu, sau khi kiểm duyệt dữ liệu cá nhân.',
      'The “other opinion” texts given with an answer, kept apart from the ballots, after moderation.',
    ),
    schema: OpinionsFile,
    paths: [at('c/<id>/opinions.json', `c/${ID}/opinions\\.json`, 'json')],
    fields: { consultationId, opinions: w('Mã câu hỏi và nội dung, xếp theo câu hỏi rồi nội dung.', 'Question id and text, sorted by question then text.') },
  },
  {
    name: 'attestation',
    title: w('Xác nhận của người giám sát', 'A monitor’s attestation'),
    holds: w(
      'Nội dung mà người giám sát ký (attestations/<kid>.jws) sau khi tự kiểm tra kết quả.',
      'What a monitor signs (attestations/<kid>.jws) after verifying the result.',
    ),
    schema: AttestationPayload,
    paths: [at('c/<id>/attestations/<kid>.jws', `c/${ID}/attestations/${KID}\\.jws`, 'jws')],
    fields: {
      consultationId,
      manifest: manifestHash,
      monitor: w('Họ tên và tổ chức của người giám sát.', 'The monitor’s name and organisation.'),
      statement: w('Lời xác nhận: "verified" (đã kiểm tra).', 'The statement: "verified".'),
      at: w('Thời điểm ký.', 'When it was signed.'),
    },
  },
  {
    name: 'attestations-index',
    title: w('Danh sách xác nhận', 'List of attestations'),
    holds: w(
      'Mã khóa (kid) của các xác nhận đã nhận; mỗi xác nhận ở attestations/<kid>.jws.',
      'The kids of the attestations accepted; each is at attestations/<kid>.jws.',
    ),
    schema: AttestationsIndex,
    paths: [at('c/<id>/attestations/index.json', `c/${ID}/attestations/index\\.json`, 'json')],
    fields: {},
  },
  {
    name: 'decision',
    title: w('Biên bản quyết định', 'The decision record'),
    holds: w(
      'Văn bản ghi nhận quyết định của cộng đồng (Luật 10/2022 Điều 20; mẫu 03 Nghị định 59/2023), lập từ kết quả đã ký.',
      'The community’s decision (Law 10/2022 Art. 20; Decree 59/2023 form 03), drafted from the signed result.',
    ),
    schema: DecisionRecord,
    paths: [at('c/<id>/record/decision.json', `c/${ID}/record/decision\\.json`, 'json')],
    fields: {
      kind: w('Loại văn bản: decision/1.', 'Kind: decision/1.'),
      consultationId,
      manifest: manifestHash,
      form: w('Hình thức văn bản: nghị quyết, biên bản, bản ghi nhớ, bản thỏa thuận.', 'Form of the document: resolution, minutes, memorandum, agreement.'),
      letterhead,
      commune: w('Mã xã.', 'Commune id.'),
      scope,
      title,
      matter: w('Loại việc.', 'Kind of matter.'),
      place,
      time: w('Thời gian bàn và quyết định.', 'When the community discussed and decided.'),
      households: w('Tổng số hộ, số hộ tham gia theo kênh, các hộ vắng theo mã hộ.', 'All households, those taking part by channel, the absent by roll id.'),
      discussion: w('Tóm tắt thảo luận, câu hỏi và giải trình, ý kiến khác.', 'Summary of the discussion, questions and answers, other opinions.'),
      method: w('Hình thức quyết định.', 'How the community decided.'),
      voting: w('Tại cuộc họp: giơ tay hoặc bỏ phiếu kín.', 'At a meeting: show of hands or secret ballot.'),
      questions: recordQuestions,
      decision: w('Quyết định bằng lời.', 'The decision in words.'),
      contribution: w('Mức đóng góp được quyết định, cách tính và miễn giảm.', 'The contribution decided, its basis and exemptions.'),
      signers: w(
        'Người ký: trưởng thôn, trưởng ban công tác Mặt trận, 2 đại diện hộ (mã hộ).',
        'Signers: village head, head of the Front committee, 2 households (roll ids).',
      ),
      departures: w('Những điểm khác với trình tự luật định và lý do.', 'Departures from the law’s procedure, and why.'),
      closedAt,
      publishedAt,
    },
  },
  {
    name: 'counting',
    title: w('Biên bản kiểm phiếu', 'The counting record'),
    holds: w(
      'Biên bản kiểm phiếu (mẫu 02 khi họp, mẫu 04 khi phát phiếu qua hộ): tổ kiểm phiếu, 2 hộ chứng kiến, số phiếu.',
      'The counting record (form 02 at a meeting, 04 for a household ballot): the team, 2 household witnesses, the slips.',
    ),
    schema: CountingRecord,
    paths: [at('c/<id>/record/counting.json', `c/${ID}/record/counting\\.json`, 'json')],
    fields: {
      kind: w('Loại văn bản: counting/1.', 'Kind: counting/1.'),
      consultationId,
      manifest: manifestHash,
      form: w('Mẫu biên bản: mau_02 hoặc mau_04.', 'Form: mau_02 or mau_04.'),
      letterhead,
      scope,
      title,
      method: w('Họp hoặc phát phiếu qua hộ.', 'Meeting or household ballot.'),
      voting: w('Tại cuộc họp: giơ tay hoặc bỏ phiếu kín.', 'At a meeting: show of hands or secret ballot.'),
      place,
      at: w('Thời điểm kiểm phiếu.', 'When the count was made.'),
      members: w('Thành viên tổ kiểm phiếu: họ tên và vai trò.', 'Members of the counting team: name and role.'),
      witnesses: w('2 đại diện hộ chứng kiến (mã hộ).', 'The 2 household witnesses (roll ids).'),
      eligible: w('Tổng số hộ có quyền biểu quyết.', 'Number of eligible households.'),
      slips: w('Số phiếu phát ra, thu về, đã nhập, không hợp lệ, hợp lệ.', 'Slips issued, returned, entered, spoiled, valid.'),
      questions: recordQuestions,
    },
  },
  {
    name: 'record-signature',
    title: w('Chữ ký số biên bản', 'A key signature of the record'),
    holds: w(
      'Nội dung mà trưởng thôn hoặc trưởng ban công tác Mặt trận ký (record/signatures/<vai trò>.jws) trên biên bản quyết định.',
      'What the village head or the head of the Front committee signs (record/signatures/<role>.jws) over the decision record.',
    ),
    schema: MinutesSignaturePayload,
    paths: [at('c/<id>/record/signatures/<role>.jws', `c/${ID}/record/signatures/[a-z_]+\\.jws`, 'jws')],
    fields: {
      kind: w('Loại: record-signature/1.', 'Kind: record-signature/1.'),
      consultationId,
      record: w('SHA-256 của decision.json (JCS) được ký.', 'SHA-256 of the decision.json (JCS) signed.'),
      signer: w('Vai trò và họ tên người ký.', 'The signer’s role and name.'),
      at: w('Thời điểm ký.', 'When it was signed.'),
    },
  },
  {
    name: 'schedule',
    title: w('Bảng mức đóng góp', 'Schedule of dues'),
    holds: w(
      'Số tiền (hoặc ngày công) từng hộ phải đóng theo mức đã thông qua, theo mã hộ, với miễn giảm và tổng.',
      'What each household owes under the adopted level, by roll id, with exemptions and totals.',
    ),
    schema: Schedule,
    paths: [at('c/<id>/contributions/schedule.json', `c/${ID}/contributions/schedule\\.json`, 'json')],
    fields: {
      format: w('Phiên bản định dạng: schedule/1.', 'Format version: schedule/1.'),
      consultationId,
      level: w('Mức đã thông qua: câu hỏi, phương án và số tiền mỗi đơn vị.', 'The adopted level: question, option and amount per unit.'),
      basis: w('Cách tính: theo hộ, theo nhân khẩu, theo mét mặt tiền.', 'Basis: per household, per person, per metre of frontage.'),
      exemptions: w('Miễn giảm theo diện hộ (phần trăm).', 'Exemptions by category (percent).'),
      form: w('Hình thức đóng góp nếu không phải tiền: ngày công hoặc tài sản.', 'The form if not money: labour or property.'),
      property: w('Tài sản đóng góp và giá trị.', 'The property given and its value.'),
      rounding: w('Cách làm tròn: xuống, theo bội số.', 'Rounding: down, to a multiple.'),
      households: w('Từng hộ: diện, số đơn vị, số phải đóng trước và sau miễn giảm.', 'Each household: category, units, due before and after exemption.'),
      totals: w('Tổng số hộ, số hộ được miễn, giảm, tổng phải đóng.', 'Totals: households, exempt, reduced, gross and due.'),
      residentsShare: w('Phần dân đóng so với tổng phải đóng: thiếu hoặc thừa.', 'The residents’ share against the total due: shortfall or surplus.'),
    },
  },
  {
    name: 'ledger-event',
    title: w('Sổ thu chi (một dòng)', 'Ledger (one line)'),
    holds: w(
      'Mỗi dòng của ledger.jsonl là một khoản thu, chi, báo cáo hoặc điều chỉnh, nối chuỗi bằng mã băm như nhật ký.',
      'Each line of ledger.jsonl is a collection, spending, report or correction, hash-chained like the audit log.',
    ),
    schema: LedgerEvent,
    paths: [at('c/<id>/contributions/ledger.jsonl', `c/${ID}/contributions/ledger\\.jsonl`, 'jsonl')],
    fields: {
      ...chain,
      entry: w(
        'Nội dung: thu (mã hộ, số tiền, số biên lai), chi, báo cáo hoặc điều chỉnh.',
        'The entry: collection (roll id, amount, receipt no.), spending, report or correction.',
      ),
    },
  },
  {
    name: 'aggregate',
    title: w('Tổng hợp toàn xã', 'Commune aggregate'),
    holds: w(
      'Kết quả của việc quyết định trong toàn xã: kết quả từng thôn và việc có đủ 2/3 số thôn thông qua hay không.',
      'A commune-wide decision: each hamlet’s outcome and whether at least 2/3 of the hamlets adopted it.',
    ),
    schema: Aggregate,
    paths: [at('g/<id>/aggregate.json', `g/${ID}/aggregate\\.json`, 'json'), at('g/<id>/aggregate.jws', `g/${ID}/aggregate\\.jws`, 'jws')],
    fields: {
      format: w('Phiên bản định dạng: aggregate/1.', 'Format version: aggregate/1.'),
      groupId: w('Mã cuộc lấy ý kiến toàn xã.', 'Id of the commune round.'),
      commune: w('Mã xã.', 'Commune id.'),
      rounds: w(
        'Từng thôn: mã vòng, tên thôn, mã băm kết quả đã ký, kết quả từng câu.',
        'Each hamlet: round id, hamlet, hash of its signed result, outcome of each question.',
      ),
      hamlets: w('Số thôn.', 'Number of hamlets.'),
      rule: w('Quy tắc: từ 2/3 số thôn trở lên.', 'The rule: at least 2/3 of the hamlets.'),
      threshold: w('Số thôn cần thông qua.', 'Hamlets needed to adopt.'),
      outcome: w('Kết quả từng câu: số thôn thông qua và kết quả chung.', 'Each question: hamlets that adopted and the overall outcome.'),
    },
  },
  {
    name: 'jwks',
    title: w('Khóa công khai', 'Public keys'),
    holds: w(
      'Khóa công khai (JWKS): keys/jwks.json kiểm tra chữ ký kết quả, keys/receipt-jwks.json kiểm tra chữ ký biên nhận phiếu; nên đối chiếu dấu vân tay với bản niêm yết tại xã.',
      'Public keys (a JWKS): keys/jwks.json verifies result signatures, keys/receipt-jwks.json verifies the signatures on ballot receipts; compare the thumbprint with the one posted at the commune.',
    ),
    schema: PublishedJwks,
    paths: [at('keys/jwks.json', 'keys/jwks\\.json', 'json'), at('keys/receipt-jwks.json', 'keys/receipt-jwks\\.json', 'json')],
    fields: { keys: w('Các khóa P-256, mỗi khóa với kid là dấu vân tay RFC 7638.', 'The P-256 keys, each with its RFC 7638 thumbprint as kid.') },
  },
  ...AUDIT_FILES,
];

/** The catalogue entry whose paths match a site path (relative to the site root), and how that file carries it. */
export function openDataFileOf(sitePath: string): { file: OpenDataFile; encoding: Encoding } | undefined {
  for (const file of OPEN_DATA_FILES) {
    const hit = file.paths.find((p) => p.pattern.test(sitePath));
    if (hit) return { file, encoding: hit.encoding };
  }
  return undefined;
}
