/**
 * Creating or editing a draft, without script: scope, matter (with its legal rule and the methods it allows, and
 * why), method, texts, dates in Vietnam time, contribution terms, and question slots. Sent back with every
 * problem next to its field when something must be fixed.
 */
import { describeRule, presetRule, type LegalProfile } from '../../shared/matters.ts';
import { Matter } from '../../shared/schemas.ts';
import { MATTER_VI, METHOD_VI } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import { fieldId, type ConsultationFormValues, type FieldProblem, type Official, type QuestionFormValues } from './model.ts';
import { Bi, described, ErrorSummary, FieldError, MethodsWhy, METHOD_EN, ruleVi } from './parts.tsx';
import { En, showsEnglish } from '../lang.tsx';

export interface ConsultationFormPageInput {
  official: Official;
  /** The draft being edited; undefined for a new one. */
  id?: string | undefined;
  values: ConsultationFormValues;
  problems: readonly FieldProblem[];
  profile: LegalProfile;
}

type Choice = readonly [value: string, vi: string, en: string];

const SCOPES: Choice[] = [
  ['hamlet', 'Thôn, làng, ấp, bản', 'Hamlet'],
  ['residential_group', 'Tổ dân phố', 'Residential group'],
  ['commune', 'Toàn xã, phường', 'Whole commune'],
];
const MATTER_EN: Record<Matter, string> = {
  contribution: 'Going ahead with a public work and the contribution level',
  contribution_management: 'How contributions are collected, spent and managed',
  community_rules: 'Community rules',
  village_head: 'Electing or dismissing the village head',
  board_members: 'Electing or dismissing members of the Inspection or Investment Supervision Board',
  other_self_managed: 'Other self-managed community work',
  opinion: 'Opinions before an authority decides',
};
const MATTERS: Choice[] = Matter.options.map((m) => [m, MATTER_VI[m], MATTER_EN[m]] as const);
const METHODS: Choice[] = (['household_ballot', 'meeting', 'online'] as const).map((m) => [m, METHOD_VI[m], METHOD_EN[m]] as const);
const BASES: Choice[] = [
  ['per_household', 'Theo hộ', 'Per household'],
  ['per_person', 'Theo nhân khẩu', 'Per person'],
  ['per_frontage_metre', 'Theo mét mặt tiền', 'Per metre of frontage'],
];
/** Law 10/2022 Art. 15(1): "kinh phí, tài sản, công sức". */
const FORMS: Choice[] = [
  ['money', 'Bằng tiền', 'Money'],
  ['labour', 'Bằng ngày công', 'Labour'],
  ['property', 'Bằng tài sản', 'Property'],
];
const TYPES: Choice[] = [
  ['', '— Không dùng —', 'unused'],
  ['yes_no', 'Đồng ý / Không đồng ý / Ý kiến khác', 'In favour / against / other opinion'],
  ['single', 'Chọn một phương án', 'One option'],
  ['approval', 'Chọn nhiều phương án', 'Several options'],
];
const RULES: Choice[] = [
  ['preset', 'Theo quy định cho nội dung đã chọn', 'The matter’s rule'],
  ['custom', 'Tự đặt (chặt hơn quy định)', 'Custom (stricter than the rule)'],
];
const RULE_BASES: Choice[] = [
  ['eligible', 'Tổng số hộ trong danh sách', 'All households on the roll'],
  ['cast', 'Số phiếu đã bỏ', 'Ballots cast'],
  ['plurality', 'Nhiều phiếu nhất', 'Most votes'],
];
const OPS: Choice[] = [
  ['at_least', 'Ít nhất', 'At least'],
  ['more_than', 'Quá', 'More than'],
];
const QUORUM_OPS: Choice[] = [['', 'Không', 'None'], ...OPS];
const EXEMPTIONS: Choice[] = [
  ['poor', 'Hộ nghèo', 'Poor households'],
  ['near_poor', 'Hộ cận nghèo', 'Near-poor households'],
  ['policy', 'Gia đình chính sách', 'Policy households'],
];

const LABELS: Record<string, Choice> = {
  'scope.kind': ['', 'Loại phạm vi', 'Kind of scope'],
  'scope.name': ['', 'Tên thôn, tổ dân phố hoặc xã', 'Name of the hamlet, group or commune'],
  matter: ['', 'Nội dung', 'Matter'],
  method: ['', 'Hình thức', 'Method'],
  title: ['', 'Tiêu đề', 'Title'],
  titleEn: ['', 'Tiêu đề tiếng Anh (không bắt buộc)', 'English title (optional)'],
  description: ['', 'Nội dung công khai', 'Description'],
  opensAt: ['', 'Bắt đầu biểu quyết', 'Voting opens'],
  closesAt: ['', 'Kết thúc biểu quyết', 'Voting closes'],
  c: ['', 'Kinh phí và mức đóng góp', 'Cost and contribution'],
  'c.totalCost': ['', 'Tổng kinh phí (đồng)', 'Total cost (dong)'],
  'c.stateBudget': ['', 'Ngân sách nhà nước hỗ trợ (đồng)', 'State budget (dong)'],
  'c.residentsShare': ['', 'Nhân dân đóng góp (đồng)', 'Residents’ share (dong)'],
  'c.basis': ['', 'Cách tính', 'Basis'],
  'c.amountPerUnit': ['', 'Mức đóng góp mỗi đơn vị (đồng; ngày công nếu góp công)', 'Amount per unit (dong; workdays for labour)'],
  'c.form': ['', 'Hình thức đóng góp', 'Form of the contribution'],
  'c.workdays': ['', 'Tổng số ngày công nhân dân góp (nếu góp công)', 'Total workdays residents give (labour)'],
  'c.propertyDescription': ['', 'Tài sản đóng góp (nếu góp tài sản)', 'Property given (property)'],
  'c.propertyValue': ['', 'Giá trị tài sản (đồng)', 'Value of the property (dong)'],
  'c.poor': ['', 'Hộ nghèo: miễn, giảm (%)', 'Poor households: reduction (%)'],
  'c.near_poor': ['', 'Hộ cận nghèo: miễn, giảm (%)', 'Near-poor households: reduction (%)'],
  'c.policy': ['', 'Gia đình chính sách: miễn, giảm (%)', 'Policy households: reduction (%)'],
};
const QUESTION_LABELS: Record<string, Choice> = {
  type: ['', 'Loại câu hỏi', 'Type'],
  text: ['', 'Câu hỏi', 'Question'],
  textEn: ['', 'Câu hỏi tiếng Anh (không bắt buộc)', 'English question (optional)'],
  options: ['', 'Các phương án', 'Options'],
  max: ['', 'Số phương án được chọn tối đa', 'At most this many options'],
  rule: ['', 'Điều kiện thông qua', 'Decision rule'],
};

/** The label of a field, for the summary of problems: "Câu hỏi 2 — Các phương án". */
export function fieldLabel(field: string): string {
  const q = /^q(\d+)\.(\w+)$/.exec(field);
  if (q) return `Câu hỏi ${q[1]} — ${(QUESTION_LABELS[q[2]!] ?? QUESTION_LABELS.type!)[1]}`;
  return (LABELS[field] ?? ['', field, field])[1];
}

function Label(props: { name: string; choice?: Choice | undefined }) {
  const [, vi, en] = props.choice ?? LABELS[props.name] ?? ['', props.name, props.name];
  return (
    <label class="field" for={fieldId(props.name)}>
      <Bi vi={vi} en={en} />
    </label>
  );
}

function Select(props: { name: string; value: string; choices: readonly Choice[]; problems: readonly FieldProblem[]; label?: Choice | undefined }) {
  return (
    <>
      <Label name={props.name} choice={props.label} />
      <FieldError name={props.name} problems={props.problems} />
      <select {...described(props.name, props.problems)}>
        {props.choices.map(([value, vi, en]) => (
          <option value={value} selected={value === props.value}>
            {showsEnglish() ? `${vi} (${en})` : vi}
          </option>
        ))}
      </select>
    </>
  );
}

function Text(props: {
  name: string;
  value: string;
  problems: readonly FieldProblem[];
  label?: Choice | undefined;
  hint?: string;
  hintEn?: string;
  class?: string;
  required?: boolean;
  type?: string;
  maxlength?: number;
}) {
  const hint = props.hint ? `hint-${fieldId(props.name)}` : undefined;
  return (
    <>
      <Label name={props.name} choice={props.label} />
      {props.hint ? (
        <p class="hint" id={hint}>
          <Bi vi={props.hint} en={props.hintEn ?? ''} />
        </p>
      ) : null}
      <FieldError name={props.name} problems={props.problems} />
      <input
        type={props.type ?? 'text'}
        {...described(props.name, props.problems, hint)}
        value={props.value}
        class={props.class}
        required={props.required}
        maxlength={props.maxlength}
        autocomplete="off"
      />
    </>
  );
}

function TextArea(props: {
  name: string;
  value: string;
  problems: readonly FieldProblem[];
  label?: Choice | undefined;
  hint?: string;
  hintEn?: string;
  rows?: number;
  required?: boolean;
}) {
  const hint = props.hint ? `hint-${fieldId(props.name)}` : undefined;
  return (
    <>
      <Label name={props.name} choice={props.label} />
      {props.hint ? (
        <p class="hint" id={hint}>
          <Bi vi={props.hint} en={props.hintEn ?? ''} />
        </p>
      ) : null}
      <FieldError name={props.name} problems={props.problems} />
      <textarea {...described(props.name, props.problems, hint)} rows={props.rows ?? 4} required={props.required}>
        {props.value}
      </textarea>
    </>
  );
}

/** Every matter with its preset rule, whether it binds, and the methods it allows (no script: all at once). */
function MatterTable(props: { profile: LegalProfile; chosen: string }) {
  return (
    <table>
      <caption class="hint">
        <Bi vi="Điều kiện thông qua và hình thức theo quy định của xã" en="The commune’s legal profile: rule and methods per matter" />
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <Bi vi="Nội dung" en="Matter" />
          </th>
          <th scope="col">
            <Bi vi="Điều kiện thông qua" en="Passes with" />
          </th>
          <th scope="col">
            <Bi vi="Hình thức được phép" en="Methods allowed" />
          </th>
        </tr>
      </thead>
      <tbody>
        {Matter.options.map((m) => {
          const preset = props.profile.matters[m];
          return (
            <tr>
              <th scope="row">{m === props.chosen ? <strong>▶ {MATTER_VI[m]}</strong> : MATTER_VI[m]}</th>
              <td>
                <Bi vi={ruleVi(presetRule(m, props.profile))} en={describeRule(presetRule(m, props.profile))} />
                {preset.binding ? null : (
                  <>
                    {' '}
                    <Bi vi="(chỉ để tham khảo, cơ quan có thẩm quyền quyết định)" en="(advisory)" />
                  </>
                )}
              </td>
              <td>
                <MethodsWhy profile={props.profile} matter={m} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function QuestionSlot(props: { n: number; q: QuestionFormValues; problems: readonly FieldProblem[] }) {
  const { n, q, problems } = props;
  const f = (name: string) => `q${n}.${name}`;
  const small = (name: string, value: string, label: Choice) => (
    <div>
      <Text name={f(name)} value={value} problems={problems} label={label} class="short" type="number" />
    </div>
  );
  return (
    <fieldset id={`slot-${n}`}>
      <legend>
        <Bi vi={`Câu hỏi ${n}`} en={`Question ${n}`} />
      </legend>
      <input type="hidden" name={f('id')} value={q.id} />
      <Select name={f('type')} value={q.type} choices={TYPES} problems={problems} label={QUESTION_LABELS.type} />
      <TextArea name={f('text')} value={q.text} problems={problems} label={QUESTION_LABELS.text} rows={2} />
      <Text name={f('textEn')} value={q.textEn} problems={problems} label={QUESTION_LABELS.textEn} />
      <TextArea
        name={f('options')}
        value={q.options}
        problems={problems}
        label={QUESTION_LABELS.options}
        hint="Mỗi dòng một phương án: mã|tên phương án|số tiền|tên tiếng Anh (chỉ tên là bắt buộc; số tiền chỉ cho nội dung đóng góp). Câu tán thành / không tán thành không có phương án."
        hintEn="One option a line: id|label|amount|English label (only the label is required; an amount only for a contribution). A yes/no question has no options."
      />
      <Text
        name={f('max')}
        value={q.max}
        problems={problems}
        label={QUESTION_LABELS.max}
        class="short"
        type="number"
        hint="Chỉ cho câu chọn nhiều phương án."
        hintEn="Only for several options."
      />
      <Select name={f('rule')} value={q.rule} choices={RULES} problems={problems} label={QUESTION_LABELS.rule} />
      <p class="hint">
        <Bi vi="Điều kiện tự đặt (chỉ dùng khi chọn «Tự đặt»):" en="A custom rule (only with “Custom”):" />
      </p>
      <div class="row">
        <div>
          <Select name={f('op')} value={q.op} choices={OPS} problems={problems} label={['', 'Mức', 'Comparison']} />
        </div>
        {small('num', q.num, ['', 'Tử số', 'Numerator'])}
        {small('den', q.den, ['', 'Mẫu số', 'Denominator'])}
        <div>
          <Select name={f('base')} value={q.base} choices={RULE_BASES} problems={problems} label={['', 'Của', 'Of']} />
        </div>
      </div>
      <div class="row">
        <div>
          <Select name={f('quorumOp')} value={q.quorumOp} choices={QUORUM_OPS} problems={problems} label={['', 'Số hộ tham gia tối thiểu', 'Quorum']} />
        </div>
        {small('quorumNum', q.quorumNum, ['', 'Tử số', 'Numerator'])}
        {small('quorumDen', q.quorumDen, ['', 'Mẫu số', 'Denominator'])}
      </div>
    </fieldset>
  );
}

export function ConsultationFormPage(props: ConsultationFormPageInput) {
  const { values: v, problems, profile } = props;
  const k = v.contribution;
  const action = props.id ? `/officials/c/${props.id}/edit` : '/officials/c/new';
  const title = props.id ? 'Sửa dự thảo' : 'Tạo cuộc lấy ý kiến';
  const chosen = (Matter.options as readonly string[]).includes(v.matter) ? (v.matter as Matter) : undefined;
  return (
    <OfficialFrame title={title} official={props.official}>
      <h1>
        <Bi vi={title} en={props.id ? 'Edit the draft' : 'New consultation'} />
      </h1>
      <ErrorSummary problems={problems} label={fieldLabel} />
      {props.id ? (
        <p>
          <a href={`/officials/c/${props.id}/preview`}>
            <Bi vi="Xem trước trang công khai (bản đã lưu)" en="Preview the public page (as saved)" />
          </a>
        </p>
      ) : null}
      <form method="post" action={action}>
        <input type="hidden" name="slots" value={String(v.questions.length)} />
        <fieldset>
          <legend>
            <Bi vi="Phạm vi" en="Scope" />
          </legend>
          <Select name="scope.kind" value={v.scopeKind} choices={SCOPES} problems={problems} />
          <Text name="scope.name" value={v.scopeName} problems={problems} required maxlength={200} />
        </fieldset>
        <fieldset>
          <legend>
            <Bi vi="Nội dung và hình thức" en="Matter and method" />
          </legend>
          <Select name="matter" value={v.matter} choices={MATTERS} problems={problems} />
          {chosen ? (
            <p>
              <Bi vi="Điều kiện thông qua:" en="Passes with:" />{' '}
              <strong>
                <Bi vi={ruleVi(presetRule(chosen, profile))} en={describeRule(presetRule(chosen, profile))} />
              </strong>
              . <Bi vi="Hình thức được phép:" en="Methods allowed:" /> <MethodsWhy profile={profile} matter={chosen} />
            </p>
          ) : null}
          <MatterTable profile={profile} chosen={v.matter} />
          <Select name="method" value={v.method} choices={METHODS} problems={problems} />
        </fieldset>
        <fieldset>
          <legend>
            <Bi vi="Nội dung công khai" en="What the public sees" />
          </legend>
          {v.follows ? (
            <p class="panel">
              <input type="hidden" name="follows" value={v.follows} />
              <Bi
                vi="Vòng biểu quyết mới, tiếp theo vòng trước (phiên bản mới của đề xuất)."
                en="A new round following the earlier one (a new version of the proposal)."
              />
            </p>
          ) : null}
          <Text name="title" value={v.title} problems={problems} required maxlength={300} />
          <Text name="titleEn" value={v.titleEn} problems={problems} maxlength={300} />
          <TextArea name="description" value={v.description} problems={problems} rows={8} required />
        </fieldset>
        <fieldset>
          <legend>
            <Bi vi="Thời gian (giờ Việt Nam)" en="Dates (Vietnam time)" />
          </legend>
          <Text
            name="opensAt"
            value={v.opensAt}
            problems={problems}
            type="datetime-local"
            hint="Ví dụ 08/11/2026 07:00 (7 giờ sáng ngày 8 tháng 11 năm 2026)."
            hintEn="E.g. 08/11/2026 07:00 (7 in the morning on 8 November 2026)."
            required
          />
          <Text name="closesAt" value={v.closesAt} problems={problems} type="datetime-local" required />
        </fieldset>
        <fieldset id={fieldId('c')}>
          <legend>
            <Bi vi="Kinh phí và mức đóng góp" en="Cost and contribution" />
          </legend>
          <p class="hint">
            <Bi
              vi="Chỉ cho nội dung «Chủ trương và mức đóng góp»; với nội dung khác các ô này được bỏ qua. Số tiền là số nguyên đồng (có thể viết 300.000)."
              en="Only for a contribution matter; ignored otherwise. Amounts in whole dong (300.000 is fine)."
            />
          </p>
          <FieldError name="c" problems={problems} />
          <div class="row">
            <div>
              <Text name="c.totalCost" value={k.totalCost} problems={problems} />
            </div>
            <div>
              <Text name="c.stateBudget" value={k.stateBudget} problems={problems} />
            </div>
            <div>
              <Text name="c.residentsShare" value={k.residentsShare} problems={problems} />
            </div>
          </div>
          <div class="row">
            <div>
              <Select name="c.form" value={k.form ?? 'money'} choices={FORMS} problems={problems} />
            </div>
            <div>
              <Text name="c.workdays" value={k.workdays ?? ''} problems={problems} />
            </div>
          </div>
          <div class="row">
            <div>
              <Text name="c.propertyDescription" value={k.propertyDescription ?? ''} problems={problems} maxlength={500} />
            </div>
            <div>
              <Text name="c.propertyValue" value={k.propertyValue ?? ''} problems={problems} />
            </div>
          </div>
          <div class="row">
            <div>
              <Select name="c.basis" value={k.basis} choices={BASES} problems={problems} />
            </div>
            <div>
              <Text name="c.amountPerUnit" value={k.amountPerUnit} problems={problems} />
            </div>
          </div>
          <div class="row">
            {EXEMPTIONS.map(([category]) => (
              <div>
                <Text name={`c.${category}`} value={k[category as 'poor']} problems={problems} class="short" type="number" />
              </div>
            ))}
          </div>
          <p class="hint">
            <Bi vi="100 là miễn hoàn toàn; để trống nếu không miễn, giảm." en="100 is a full exemption; leave empty for none." />
          </p>
        </fieldset>
        <h2>
          <Bi vi="Câu hỏi" en="Questions" />
        </h2>
        <FieldError name="questions" problems={problems} />
        {v.questions.map((q, i) => (
          <QuestionSlot n={i + 1} q={q} problems={problems} />
        ))}
        <p>
          <button type="submit">
            Lưu dự thảo <En bare>Save the draft</En>
          </button>
        </p>
      </form>
    </OfficialFrame>
  );
}
