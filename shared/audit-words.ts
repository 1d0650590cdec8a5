/**
 * The audit log in words: for each action the system records, a sentence in Vietnamese (and English) built from the
 * event's data, and who acted by role. Times are the page's business; actors carry ids only, never a person's name.
 */
import { vnNumber } from './numbers.ts';

/** A sentence in both languages. */
export interface Words {
  vi: string;
  en: string;
}

type Data = Readonly<Record<string, unknown>>;

/** Who acted, by role (bundle.md "The audit log": `actor.role`). */
export const ACTOR_WORDS: Readonly<Record<string, Words>> = {
  official: { vi: 'Cán bộ', en: 'Official' },
  monitor: { vi: 'Giám sát viên', en: 'Monitor' },
  system: { vi: 'Hệ thống', en: 'System' },
  commune: { vi: 'UBND xã', en: 'Commune People’s Committee' },
};

/** The role of an actor in words; an unknown role as it is. */
export const actorWords = (role: string): Words => ACTOR_WORDS[role] ?? { vi: role, en: role };

const CONDITION: Readonly<Record<string, Words>> = {
  leaders_agreed: { vi: 'lãnh đạo thống nhất', en: 'leaders agreed' },
  reported: { vi: 'đã báo cáo cấp trên', en: 'reported upwards' },
  team: { vi: 'tổ giúp việc', en: 'the support team' },
  poll: { vi: 'khảo sát các hộ', en: 'the households’ poll' },
  devices: { vi: 'thiết bị sẵn sàng', en: 'devices ready' },
  ballot_plan: { vi: 'kế hoạch phát phiếu', en: 'the ballot plan' },
  ballot_team: { vi: 'tổ phát phiếu', en: 'the ballot team' },
};

/** The conclusion of a risk-limiting audit (bundle.md `conclusion`). */
const RLA_CONCLUSION: Readonly<Record<string, Words>> = {
  confirmed: { vi: 'kết quả được xác nhận', en: 'outcome confirmed' },
  escalated: { vi: 'chưa đủ căn cứ, cần rút thêm phiếu', en: 'not confirmed yet, more slips to draw' },
  full_count: { vi: 'phải kiểm đếm lại toàn bộ', en: 'a full hand count is needed' },
};

const CHANNEL: Readonly<Record<string, Words>> = {
  paper: { vi: 'phiếu giấy', en: 'paper ballot' },
  meeting: { vi: 'tại cuộc họp', en: 'at the meeting' },
  online: { vi: 'trực tuyến', en: 'online' },
};

/** What a paper entry replaced, by the channel of the household's earlier ballot. */
const REPLACED: Readonly<Record<string, Words>> = {
  online: { vi: ', thay phiếu trực tuyến', en: ', replacing the online ballot' },
  paper: { vi: ', thay phiếu giấy nhập trước', en: ', replacing the earlier paper ballot' },
  meeting: { vi: ', thay phiếu tại cuộc họp', en: ', replacing the ballot at the meeting' },
  unknown: { vi: ', thay phiếu trước của hộ', en: ", replacing the household's earlier ballot" },
};

const VOTING: Readonly<Record<string, Words>> = {
  show_of_hands: { vi: 'giơ tay', en: 'show of hands' },
  secret_ballot: { vi: 'bỏ phiếu kín', en: 'secret ballot' },
};

const BODY: Readonly<Record<string, Words>> = {
  ubnd_xa: { vi: 'UBND xã', en: 'the commune People’s Committee' },
  ubmttq_xa: { vi: 'Ủy ban MTTQ xã', en: 'the commune Fatherland Front Committee' },
};

const num = (v: unknown, lang: 'vi' | 'en'): string => (typeof v === 'number' ? (lang === 'vi' ? vnNumber(v) : v.toLocaleString('en')) : String(v ?? '?'));
/** A notice's kind in words. */
const NOTICE_KIND: Readonly<Record<string, Words>> = {
  meeting_invitation: { vi: 'giấy mời họp', en: 'meeting invitation' },
  documents_link: { vi: 'tài liệu', en: 'documents' },
  household_ballot_notice: { vi: 'phát phiếu hộ gia đình', en: 'household ballot' },
  voting_opened: { vi: 'mở biểu quyết', en: 'voting opened' },
  reminder_not_voted: { vi: 'nhắc hộ chưa biểu quyết', en: 'reminder' },
  result: { vi: 'kết quả', en: 'result' },
  election_notice: { vi: 'bầu cử', en: 'election' },
};
const str = (v: unknown): string => (v === undefined || v === null ? '?' : typeof v === 'string' ? v : JSON.stringify(v));
const pick = (table: Readonly<Record<string, Words>>, v: unknown): Words => table[str(v)] ?? { vi: str(v), en: str(v) };
/** ", words" when the data has the key, "" otherwise. */
const opt = (d: Data, key: string, vi: (v: unknown) => string, en: (v: unknown) => string) =>
  d[key] === undefined ? { vi: '', en: '' } : { vi: vi(d[key]), en: en(d[key]) };
const words = (vi: string, en: string): Words => ({ vi, en });
/** A calendar day as people write it: "2026-12-10" -> "10/12/2026"; anything else as it is. */
const day = (v: unknown): string => {
  const s = str(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s.split('-').reverse().join('/') : s;
};
const ref = (d: Data): Words => words(`số ${str(d.reference)}, ngày ${day(d.date)}`, `ref. ${str(d.reference)}, dated ${day(d.date)}`);
/** The reason given for opening before the notice ran out: in the event's `disclosure` (or, in older events, at its top). */
const overrideReason = (d: Data): unknown => {
  const disclosure = d.disclosure;
  if (disclosure && typeof disclosure === 'object' && 'overrideReason' in disclosure) return (disclosure as Data).overrideReason;
  return d.overrideReason;
};

/** Each recorded action's sentence, from the event's data. */
const SENTENCES: Readonly<Record<string, (d: Data) => Words>> = {
  created: (d) => {
    const g = opt(
      d,
      'group',
      () => ' (vòng lấy ý kiến toàn xã)',
      () => ' (commune-wide round)',
    );
    return words(`Tạo cuộc lấy ý kiến: “${str(d.title)}”${g.vi}`, `Consultation created: “${str(d.title)}”${g.en}`);
  },
  edited: (d) => words(`Sửa cuộc lấy ý kiến: “${str(d.title)}”`, `Consultation edited: “${str(d.title)}”`),
  contacts_uploaded: (d) =>
    words(
      `Đã tải danh bạ liên lạc: ${num(d.count, 'vi')} hộ (${num(d.withPhone, 'vi')} có số điện thoại, ${num(d.withZalo, 'vi')} có Zalo, ${num(d.optedOut, 'vi')} từ chối nhận tin)`,
      `Contacts uploaded: ${num(d.count, 'en')} households (${num(d.withPhone, 'en')} with a phone, ${num(d.withZalo, 'en')} with Zalo, ${num(d.optedOut, 'en')} opted out)`,
    ),
  contact_opted_out: (d) =>
    d.optedOut === false
      ? words(`Hộ ${str(d.household)} nhận lại tin nhắn thông báo`, `Household ${str(d.household)} takes notices again`)
      : words(`Hộ ${str(d.household)} từ chối nhận tin nhắn thông báo`, `Household ${str(d.household)} opted out of notices`),
  notice_sent: (d) =>
    words(
      `Gửi thông báo (${NOTICE_KIND[str(d.kind)]?.vi ?? str(d.kind)}): ${num(d.households, 'vi')} hộ, đã gửi ${num(d.sent, 'vi')}, lỗi ${num(d.failed, 'vi')}, từ chối nhận ${num(d.optedOut, 'vi')}`,
      `Notice sent (${NOTICE_KIND[str(d.kind)]?.en ?? str(d.kind)}): ${num(d.households, 'en')} households, ${num(d.sent, 'en')} sent, ${num(d.failed, 'en')} failed, ${num(d.optedOut, 'en')} opted out`,
    ),
  roll_uploaded: (d) => words(`Đã tải danh sách hộ: ${num(d.count, 'vi')} hộ`, `Roll uploaded: ${num(d.count, 'en')} households`),
  disclosed: () => words('Công khai cuộc lấy ý kiến', 'Consultation disclosed'),
  cancelled: (d) =>
    d.from === 'draft'
      ? words('Hủy cuộc lấy ý kiến khi còn là dự thảo (chưa công khai)', 'Consultation cancelled while still a draft (never disclosed)')
      : d.from === 'disclosure'
        ? words('Hủy cuộc lấy ý kiến đã công khai', 'Disclosed consultation cancelled')
        : words('Hủy cuộc lấy ý kiến', 'Consultation cancelled'),
  online_condition_recorded: (d) => {
    const c = pick(CONDITION, d.condition);
    return words(`Ghi nhận điều kiện: ${c.vi}`, `Condition recorded: ${c.en}`);
  },
  voting_opened: (d) => {
    const slips = typeof d.slipsIssued === 'number';
    const codes = !slips && typeof d.credentialsIssued === 'number' && d.credentialsIssued > 0;
    const vi = slips ? `, ${num(d.slipsIssued, 'vi')} phiếu` : codes ? `, ${num(d.credentialsIssued, 'vi')} mã` : '';
    const en = slips ? `, ${num(d.slipsIssued, 'en')} slips` : codes ? `, ${num(d.credentialsIssued, 'en')} codes` : '';
    const reason = overrideReason(d);
    const early =
      reason === undefined || reason === null
        ? { vi: '', en: '' }
        : { vi: ` (mở sớm hơn thời hạn thông báo, lý do: «${str(reason)}»)`, en: ` (opened before the notice ran out, reason: «${str(reason)}»)` };
    return words(`Mở biểu quyết: ${num(d.households, 'vi')} hộ${vi}${early.vi}`, `Voting opened: ${num(d.households, 'en')} households${en}${early.en}`);
  },
  codes_shown: (d) => {
    const h = opt(
      d,
      'hamlet',
      (v) => `, thôn ${str(v)}`,
      (v) => `, hamlet ${str(v)}`,
    );
    return words(
      `Hiện mã để in: trang ${num(d.page, 'vi')}/${num(d.pages, 'vi')}, ${num(d.codes, 'vi')} mã${h.vi}`,
      `Codes shown for printing: page ${num(d.page, 'en')} of ${num(d.pages, 'en')}, ${num(d.codes, 'en')} codes${h.en}`,
    );
  },
  slips_sealed: () => words('Niêm phong phiếu mã', 'Code slips sealed'),
  credential_reissued: (d) => words(`Cấp lại mã cho hộ ${str(d.household)}`, `Code reissued to household ${str(d.household)}`),
  paper_ballot_entered: (d) => {
    const c = pick(CHANNEL, d.channel);
    // An entry that replaced the household's earlier ballot says which (paper-replacements.ts).
    const r = d.replaced === true ? (REPLACED[str(d.previousChannel)] ?? REPLACED.unknown!) : { vi: '', en: '' };
    return words(`Nhập phiếu (${c.vi}) của hộ ${str(d.household)}${r.vi}`, `Ballot entered (${c.en}) for household ${str(d.household)}${r.en}`);
  },
  paper_ballot_withdrawn: (d) => {
    const c = pick(CHANNEL, d.channel);
    return words(`Rút phiếu (${c.vi}) của hộ ${str(d.household)}`, `Ballot withdrawn (${c.en}) for household ${str(d.household)}`);
  },
  slip_returned: (d) => words(`Nhận lại phiếu của hộ ${str(d.household)}`, `Slip returned by household ${str(d.household)}`),
  slip_entered: (d) => words(`Nhập phiếu số ${str(d.serial)}`, `Slip entered: serial ${str(d.serial)}`),
  attendance_recorded: (d) => {
    const c = opt(
      d,
      'cluster',
      (v) => ` (${str(v)})`,
      (v) => ` (${str(v)})`,
    );
    return words(`Ghi nhận hộ ${str(d.household)} có mặt${c.vi}`, `Household ${str(d.household)} present${c.en}`);
  },
  meeting_voting_chosen: (d) => {
    const v = pick(VOTING, d.voting);
    return words(`Chọn cách biểu quyết tại cuộc họp: ${v.vi}`, `Voting at the meeting chosen: ${v.en}`);
  },
  hand_count_recorded: (d) => {
    const c = opt(
      d,
      'cluster',
      (v) => ` (${str(v)})`,
      (v) => ` (${str(v)})`,
    );
    return words(`Ghi kết quả giơ tay${c.vi}`, `Show of hands recorded${c.en}`);
  },
  procedural_vote_recorded: () => words('Ghi biểu quyết về thủ tục cuộc họp', 'Procedural vote recorded'),
  closed: (d) => {
    if (d.reason === 'scheduled') return words('Đóng biểu quyết theo lịch', 'Voting closed as scheduled');
    if (d.early !== true) return words('Đóng biểu quyết', 'Voting closed');
    const why = opt(
      d,
      'earlyReason',
      (v) => `, lý do: «${str(v)}»`,
      (v) => `, reason: «${str(v)}»`,
    );
    return words(`Đóng biểu quyết sớm hơn dự kiến${why.vi}`, `Voting closed before the planned time${why.en}`);
  },
  published: (d) => words(`Công bố kết quả, ký bằng khóa ${str(d.kid)}`, `Result published, signed with key ${str(d.kid)}`),
  attestation_accepted: (d) => words(`Nhận chữ ký xác nhận của ${str(d.organisation)}`, `Attestation accepted from ${str(d.organisation)}`),
  record_drafted: () => words('Lập văn bản quyết định', 'Decision record drafted'),
  counting_drafted: () => words('Lập biên bản kiểm phiếu', 'Counting record drafted'),
  record_signed: (d) => words(`Ký số văn bản quyết định: ${str(d.role)}`, `Decision record signed: ${str(d.role)}`),
  record_scan_added: (d) =>
    d.document === 'counting'
      ? words(`Thêm bản quét biên bản kiểm phiếu: ${str(d.file)}`, `Counting record scan added: ${str(d.file)}`)
      : words(`Thêm bản quét văn bản quyết định: ${str(d.file)}`, `Decision record scan added: ${str(d.file)}`),
  record_sent: (d) => {
    const b = pick(BODY, d.to);
    const r = ref(d);
    return words(`Gửi văn bản tới ${b.vi}: ${r.vi}`, `Record sent to ${b.en}: ${r.en}`);
  },
  recognized: (d) => {
    const b = pick(BODY, d.body);
    const r = ref(d);
    return words(`${b.vi} công nhận kết quả: ${r.vi}`, `Recognised by ${b.en}: ${r.en}`);
  },
  recognition_refused: (d) => {
    const b = pick(BODY, d.body);
    const r = ref(d);
    return words(`${b.vi} không công nhận kết quả: ${r.vi}`, `Recognition refused by ${b.en}: ${r.en}`);
  },
  annulled: (d) => {
    const r = ref(d);
    return words(`Hủy bỏ kết quả: ${r.vi}`, `Result annulled: ${r.en}`);
  },
  amendment_requested: (d) => {
    const r = ref(d);
    return words(`Yêu cầu sửa đổi: ${r.vi}`, `Amendment requested: ${r.en}`);
  },
  comment_answered: (d) => words(`Trả lời góp ý ${str(d.commentId)}`, `Comment ${str(d.commentId)} answered`),
  comment_hidden: (d) => words(`Ẩn góp ý ${str(d.commentId)}`, `Comment ${str(d.commentId)} hidden`),
  discussion_codes_issued: (d) => words(`Cấp mã thảo luận: ${num(d.households, 'vi')} hộ`, `Discussion codes issued: ${num(d.households, 'en')} households`),
  complaint_filed: (d) => words(`Nhận kiến nghị ${str(d.complaintId)}`, `Petition ${str(d.complaintId)} filed`),
  complaint_answered: (d) => words(`Trả lời kiến nghị ${str(d.complaintId)}`, `Petition ${str(d.complaintId)} answered`),
  complaint_hidden: (d) => words(`Ẩn kiến nghị ${str(d.complaintId)}`, `Petition ${str(d.complaintId)} hidden`),
  opinion_hidden: (d) => words(`Ẩn ý kiến khác ${str(d.opinionId)}`, `Other opinion ${str(d.opinionId)} hidden`),
  document_attached: (d) => words(`Đính kèm tài liệu: “${str(d.title)}”`, `Document attached: “${str(d.title)}”`),
  document_removed: (d) => words(`Gỡ tài liệu: “${str(d.title)}”`, `Document removed: “${str(d.title)}”`),
  translation_supplied: (d) =>
    words(`Xã cung cấp bản dịch: ${str(d.name)} (${str(d.language)})`, `Translation supplied by the commune: ${str(d.name)} (${str(d.language)})`),
  translation_removed: (d) => words(`Gỡ bản dịch (${str(d.language)})`, `Translation removed (${str(d.language)})`),
  schedule_published: (d) =>
    words(`Công bố bảng mức đóng góp: ${num(d.households, 'vi')} hộ`, `Contribution schedule published: ${num(d.households, 'en')} households`),
  contribution_collected: (d) =>
    words(`Ghi thu đóng góp của hộ ${str(d.rollId)}: ${num(d.amount, 'vi')}`, `Contribution collected from household ${str(d.rollId)}: ${num(d.amount, 'en')}`),
  contribution_spent: (d) => words(`Ghi chi: ${num(d.amount, 'vi')}`, `Spending recorded: ${num(d.amount, 'en')}`),
  implementation_reported: () => words('Báo cáo kết quả thực hiện', 'Implementation reported'),
  ledger_corrected: () => words('Đính chính sổ thu chi', 'Ledger corrected'),
  aggregate_signed: () => words('Ký kết quả tổng hợp toàn xã', 'Commune-wide aggregate signed'),
  rla_seed: (d) => words(`Nhập chữ số khởi tạo cho kiểm tra xác suất: ${str(d.digits)}`, `Seed digits entered for the risk-limiting audit: ${str(d.digits)}`),
  rla_reading: (d) =>
    words(`Ghi nội dung phiếu rút thăm lượt ${str(d.k)} (phiếu ${str(d.serial)})`, `Reading of draw ${str(d.k)} entered (slip ${str(d.serial)})`),
  rla_published: (d) => {
    const c = RLA_CONCLUSION[str(d.conclusion)] ?? { vi: str(d.conclusion), en: str(d.conclusion) };
    return words(`Công bố kết quả kiểm tra xác suất: ${c.vi}`, `Risk-limiting audit published: ${c.en}`);
  },
  full_count_started: (d) => words(`Quyết định đếm lại toàn bộ phiếu giấy: «${str(d.reason)}»`, `Full hand count decided: “${str(d.reason)}”`),
  full_count_reading: (d) => words(`Đếm lại toàn bộ: ghi phiếu ${str(d.serial)}`, `Full count: slip ${str(d.serial)} recorded`),
  full_count_concluded: (d) =>
    d.agrees === true
      ? words('Đếm lại toàn bộ: khớp với kết quả đã công bố', 'Full count: agrees with the published result')
      : words(`Đếm lại toàn bộ: khác kết quả đã công bố, sửa bởi vòng ${str(d.correctedBy)}`, `Full count: differs; corrected by round ${str(d.correctedBy)}`),
  correction_opened: (d) =>
    words(`Mở vòng sửa kết quả của vòng ${str(d.corrects)} sau khi đếm lại toàn bộ`, `Correction of round ${str(d.corrects)} opened after a full count`),
  effective_date_set: (d) => words(`Định ngày có hiệu lực: ${day(d.date)}`, `Effective date set: ${day(d.date)}`),
  commune_named: (d) => {
    const where = [d.district, d.province].filter((v): v is string => typeof v === 'string' && v !== '').join(', ');
    const tail = where ? ` (${where})` : '';
    return words(`Đặt tên hiển thị của xã: “${str(d.name)}”${tail}`, `Commune’s display name set: “${str(d.name)}”${tail}`);
  },
  process_created: (d) =>
    words(
      `Tạo quy trình bầu Trưởng thôn, Tổ trưởng tổ dân phố ${str(d.hamlet)}, họp ngày ${day(d.meeting)}`,
      `Village-head election created for ${str(d.hamlet)}, meeting on ${day(d.meeting)}`,
    ),
  process_step_recorded: (d) => {
    const s = PROCESS_STEP_WORDS[str(d.step)] ?? { vi: str(d.step), en: str(d.step) };
    return words(`Ghi nhận bước: ${s.vi}, ngày ${day(d.on)}`, `Step recorded: ${s.en}, on ${day(d.on)}`);
  },
  candidates_listed: (d) =>
    words(`Ghi danh sách người ứng cử của Ban công tác Mặt trận, ngày ${day(d.on)}`, `The Front working committee’s candidate list recorded, on ${day(d.on)}`),
  election_team_formed: (d) =>
    words(
      `Ghi quyết định thành lập Tổ bầu cử (${num(d.members, 'vi')} thành viên), ngày ${day(d.on)}`,
      `Election team recorded (${num(d.members, 'en')} members), on ${day(d.on)}`,
    ),
  candidates_nominated: () => words('Ghi người được đề cử, tự ứng cử tại cuộc họp', 'Nominations from the floor recorded'),
  election_counted: (d) =>
    words(
      `Ghi kết quả bầu tại cuộc họp ngày ${day(d.on)}: ${num(d.present, 'vi')}/${num(d.households, 'vi')} hộ dự họp`,
      `Election count recorded for the meeting on ${day(d.on)}: ${num(d.present, 'en')} of ${num(d.households, 'en')} households present`,
    ),
  election_recognised: (d) => {
    const o = PROCESS_RECOGNITION_WORDS[str(d.outcome)] ?? { vi: str(d.outcome), en: str(d.outcome) };
    return words(`Ủy ban nhân dân cấp xã ${o.vi}, ngày ${day(d.on)}`, `UBND xã ${o.en}, on ${day(d.on)}`);
  },
};

/** The steps of a process recorded by date alone, in short words. */
const PROCESS_STEP_WORDS: Readonly<Record<string, { vi: string; en: string }>> = {
  election_decided: { vi: 'quyết định tổ chức bầu và kế hoạch của Chủ tịch Ủy ban nhân dân cấp xã', en: 'the commune chair’s decision and plan' },
  notice_posted: { vi: 'niêm yết, thông báo các quyết định đến Nhân dân', en: 'the public notice' },
  meeting_invited: { vi: 'thông báo cuộc họp (Mẫu số 01)', en: 'the meeting notice (form 01)' },
  decision_sent: { vi: 'gửi quyết định đến Ủy ban nhân dân cấp xã', en: 'the decision sent to UBND xã' },
};

/** What UBND xã decided on an election. */
const PROCESS_RECOGNITION_WORDS: Readonly<Record<string, { vi: string; en: string }>> = {
  recognised: { vi: 'công nhận người trúng cử', en: 'recognised the person elected' },
  new_election: { vi: 'quyết định bầu lại', en: 'decided a new election' },
  refused: { vi: 'trả lời bằng văn bản, nêu rõ lý do', en: 'answered in writing with its reasons' },
};

/** Every action that has its own sentence. */
export const WORDED_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/**
 * The event in words; an action without a sentence of its own is named as it is.
 * @example auditWords('roll_uploaded', { count: 8 }) // { vi: 'Đã tải danh sách hộ: 8 hộ', en: 'Roll uploaded: 8 households' }
 */
export function auditWords(action: string, data: Data): Words {
  const sentence = Object.hasOwn(SENTENCES, action) ? SENTENCES[action] : undefined;
  return sentence ? sentence(data) : words(`Hành động: ${action}`, `Action: ${action}`);
}
