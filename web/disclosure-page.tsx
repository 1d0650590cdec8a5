/** The disclosure page `c/<id>/index.html` while a consultation is disclosed or voting (replaced by the result at publication). */
import { threshold } from '../shared/rules.ts';
import type { Consultation, Question, State } from '../shared/schemas.ts';
import { MATTER_VI, METHOD_VI, STATE_EN, STATE_VI, vnNumber, vnTime } from './format.ts';
import { AttachedDocuments } from './documents.tsx';
import { DiscussionSummary } from './discussion.tsx';
import type { Comment } from '../shared/discussion.ts';
import { Page, render, FollowsLink } from './layout.tsx';
import { ruleInWords } from './result-page.tsx';
import { type SuppliedTranslation, translatedOption, translatedQuestion } from '../shared/translations.ts';
import { Supplied, SuppliedInline, SuppliedNote } from './supplied-translation.tsx';

const CATEGORY_VI = { poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo', policy: 'Gia đình chính sách' } as const;
const BASIS_VI = { per_household: 'hộ', per_person: 'nhân khẩu', per_frontage_metre: 'mét mặt tiền' } as const;

function QuestionBlock(props: { q: Question; eligible: number; s?: SuppliedTranslation | undefined }) {
  const { q, eligible, s } = props;
  return (
    <section>
      <h3>{q.text}</h3>
      {q.textEn ? (
        <p lang="en" class="en">
          {q.textEn}
        </p>
      ) : null}
      <Supplied s={s} text={translatedQuestion(s?.translation, q.id)} />
      {q.type === 'yes_no' ? (
        <p>Trả lời: Đồng ý / Không đồng ý / Ý kiến khác.</p>
      ) : (
        <ul>
          {q.options.map((o) => (
            <li>
              {o.label}
              {o.amountPerUnit !== undefined ? ` — ${vnNumber(o.amountPerUnit)} đồng` : ''}
              <SuppliedInline s={s} text={translatedOption(s?.translation, q.id, o.id)} />
            </li>
          ))}
        </ul>
      )}
      {q.type === 'approval' ? <p>Được chọn tối đa {q.max} phương án.</p> : null}
      <p>
        Điều kiện thông qua: {ruleInWords(q.rule, threshold(q.rule, eligible, eligible))}
        {q.rule.base === 'eligible' ? ` (tổng số ${eligible} hộ trong danh sách)` : ''}.
        {q.rule.base === 'eligible' ? ' Hộ không tham gia hoặc không biểu quyết được tính là không tán thành.' : ''}
      </p>
    </section>
  );
}

/**
 * Each contribution level (the yes/no amount, or each option's) against each kind of household: what one unit of
 * the basis costs it after its exemption, in whole dong rounded down (the household never pays more than stated).
 */
export function paymentRows(c: Consultation): Array<{ level: string; amounts: Array<{ category: string; dong: number }> }> {
  const k = c.contribution;
  if (!k) return [];
  const levels: Array<{ level: string; amount: number }> = [];
  if (k.amountPerUnit !== undefined) levels.push({ level: 'Mức đề xuất', amount: k.amountPerUnit });
  for (const q of c.questions) for (const o of q.options) if (o.amountPerUnit !== undefined) levels.push({ level: o.label, amount: o.amountPerUnit });
  const percentOf = (category: 'poor' | 'near_poor' | 'policy') => k.exemptions.find((e) => e.category === category)?.percent ?? 0;
  return levels.map(({ level, amount }) => ({
    level,
    amounts: [
      { category: 'Hộ thường', dong: amount },
      ...(['poor', 'near_poor', 'policy'] as const).map((cat) => ({ category: CATEGORY_VI[cat], dong: Math.floor((amount * (100 - percentOf(cat))) / 100) })),
    ],
  }));
}

function PaymentTable(props: { c: Consultation }) {
  const rows = paymentRows(props.c);
  const k = props.c.contribution;
  if (rows.length === 0 || !k) return null;
  const categories = rows[0]!.amounts.map((a) => a.category);
  return (
    <>
      <h3 id="payments-heading">
        Mỗi loại hộ đóng bao nhiêu (đồng/{BASIS_VI[k.basis]}){' '}
        <span lang="en" class="en">
          / What each kind of household pays
        </span>
      </h3>
      {/* Five columns are wider than a 360 px phone: there each level is a card (table.stack); the region scrolls if ever needed. */}
      <div role="region" aria-labelledby="payments-heading" tabindex={0} style="overflow-x:auto">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Phương án</th>
              {categories.map((cat) => (
                <th scope="col" class="n">
                  {cat}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.level}</th>
                {r.amounts.map((a) => (
                  <td class="n" data-label={a.category}>
                    {vnNumber(a.dong)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * `documentsBase` is where the attached documents are when the page is shown somewhere else than `c/<id>/` (a preview);
 * with `comments`, the page carries the discussion's questions and answers; `communeName` is the commune's display name,
 * once UBND xã has set it (consultation.json keeps the commune's id).
 */
export function disclosurePage(
  c: Consultation,
  state: State,
  eligible: number,
  documentsBase = '',
  comments?: readonly Comment[],
  communeName?: string,
  translation?: SuppliedTranslation,
): string {
  const k = c.contribution;
  return render(
    <Page title={c.title} base="../../">
      {communeName ? <p class="commune">{communeName}</p> : null}
      <p>
        <strong>{STATE_VI[state]}</strong>{' '}
        <span lang="en" class="en">
          / {STATE_EN[state]}
        </span>
      </p>
      <h1>{c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          {c.titleEn}
        </p>
      ) : null}
      <Supplied s={translation} text={translation?.translation.title} />
      <SuppliedNote s={translation} />
      <FollowsLink consultation={c} />
      <p>{c.scope.name}</p>
      {state === 'voting' && c.method !== 'meeting' ? (
        <p>
          <a href={`../../vote/${c.id}`}>Bỏ phiếu trực tuyến bằng mã của hộ</a>{' '}
          <span lang="en" class="en">
            / Vote online with the household code
          </span>
        </p>
      ) : null}
      <h2>Nội dung / Description</h2>
      <p>{c.description}</p>
      <Supplied s={translation} text={translation?.translation.description} />
      {k ? (
        <>
          <h2>Kinh phí và mức đóng góp / Cost and contribution</h2>
          <table>
            <tbody>
              <tr>
                <td>Tổng kinh phí</td>
                <td class="n">{vnNumber(k.totalCost)} đồng</td>
              </tr>
              <tr>
                <td>Ngân sách nhà nước hỗ trợ</td>
                <td class="n">{vnNumber(k.stateBudget)} đồng</td>
              </tr>
              <tr>
                <td>Nhân dân đóng góp</td>
                <td class="n">{vnNumber(k.residentsShare)} đồng</td>
              </tr>
              {k.amountPerUnit !== undefined ? (
                <tr>
                  <td>Mức đóng góp</td>
                  <td class="n">
                    {vnNumber(k.amountPerUnit)} đồng/{BASIS_VI[k.basis]}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {k.exemptions.length > 0 ? (
            <ul>
              {k.exemptions.map((e) => (
                <li>
                  {CATEGORY_VI[e.category]}: {e.percent === 100 ? 'được miễn' : `được giảm ${e.percent}%`}
                </li>
              ))}
            </ul>
          ) : null}
          <PaymentTable c={c} />
        </>
      ) : null}
      <AttachedDocuments documents={c.documents} base={documentsBase} />
      <h2>Nội dung biểu quyết / Questions</h2>
      {c.questions.map((q) => (
        <QuestionBlock q={q} eligible={eligible} s={translation} />
      ))}
      {comments ? <DiscussionSummary comments={comments} discussUrl={`../../vote/${c.id}/discuss`} /> : null}
      <h2>Căn cứ và cách thức / Legal basis and method</h2>
      <p>{MATTER_VI[c.matter]}.</p>
      <p>Hình thức: {METHOD_VI[c.method]}.</p>
      <p>
        Thời gian biểu quyết: từ {vnTime(c.opensAt)} đến {vnTime(c.closesAt)} (giờ Việt Nam). Mỗi hộ một phiếu; hộ có thể thay đổi ý kiến cho đến khi kết thúc,
        phiếu sau cùng được tính.
      </p>
    </Page>,
  );
}
