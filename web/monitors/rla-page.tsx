/**
 * The monitors' page of a round's risk-limiting audit (../../functions/core/rla.ts): how many slips to expect before
 * starting (the formula, and that a tiny margin means counting every slip), the seed digits and who entered them, the
 * slips to pull by serial, a reading form for the next draw (each question's allowed answers), the risk after each
 * draw per question, and the conclusion. A show of hands has no paper: the page says what stands behind its counts.
 */
import type { Question } from '../../shared/schemas.ts';
import { vnNumber, vnTime } from '../format.ts';
import type { Official } from '../officials/model.ts';
import { Bi } from '../officials/parts.tsx';
import { MonitorFrame } from './frame.tsx';
import { KeysPanel, type SiteKeys } from './keys.tsx';

/** What the page shows: the core's RlaState, restated here so that web/ needs nothing of functions/. */
export type RlaPageState =
  | { auditable: false; reason: { vi: string; en: string } }
  | {
      auditable: true;
      riskLimit: [number, number];
      gamma: number;
      population: number;
      questions: Array<{
        questionId: string;
        margin: number;
        assertions: string[];
        uncovered?: string;
        expected: { draws: number; formula: number; fullCount: boolean };
      }>;
      expected: { draws: number; fullCount: boolean };
      seedEntries: Array<{ digits: string; actor: { role: string; id: string }; at: string }>;
      seed?: string;
      draws: Array<{
        k: number;
        serial: string;
        reading?: Record<string, string | string[]>;
        discrepancy?: Record<string, number>;
        risk?: Record<string, number>;
      }>;
      latestRisk: Record<string, number>;
      conclusion: 'confirmed' | 'escalated' | 'full_count';
      published?: { conclusion: string; hash: string; url: string; jwsUrl: string; at: string };
    };

const CONCLUSION: Record<string, { vi: string; en: string }> = {
  confirmed: { vi: 'Kết quả được xác nhận: rủi ro dưới giới hạn ở mọi câu hỏi', en: 'Outcome confirmed: the risk is below the limit for every question' },
  escalated: { vi: 'Chưa đủ căn cứ: cần rút thêm phiếu', en: 'Not confirmed yet: more slips must be drawn' },
  full_count: { vi: 'Phải kiểm đếm lại toàn bộ phiếu', en: 'Every slip must be counted by hand' },
};

/** A risk as a percentage with two decimals, comma as the decimal sign. */
const pct = (p: number) => `${(p * 100).toFixed(2).replace('.', ',')} %`;

function answerLabel(q: Question, a: string): { vi: string; en: string } {
  if (a === 'yes') return { vi: 'Đồng ý', en: 'Yes' };
  if (a === 'no') return { vi: 'Không đồng ý', en: 'No' };
  if (a === 'abstain') return { vi: 'Không có ý kiến', en: 'Abstain' };
  const o = q.options.find((x) => x.id === a);
  return { vi: o?.label ?? a, en: o?.labelEn ?? o?.label ?? a };
}

function readingText(questions: readonly Question[], reading: Record<string, string | string[]>) {
  return questions.map((q) => {
    const a = Object.hasOwn(reading, q.id) ? reading[q.id] : undefined;
    const text =
      a === undefined
        ? { vi: 'không tìm thấy / không đọc được', en: 'not found / not read' }
        : Array.isArray(a)
          ? { vi: a.join(', ') || '—', en: a.join(', ') || '—' }
          : answerLabel(q, a);
    return (
      <div>
        {q.id}: <Bi vi={text.vi} en={text.en} />
      </div>
    );
  });
}

/** The allowed answers of a question as radio buttons (checkboxes for approval), and "not found". */
function AnswerInputs(props: { q: Question }) {
  const { q } = props;
  const name = `answer_${q.id}`;
  const choices =
    q.type === 'yes_no' ? ['yes', 'no', 'abstain'] : q.type === 'single' ? [...q.options.map((o) => o.id), 'abstain'] : q.options.map((o) => o.id);
  return (
    <fieldset class="reading">
      <legend>
        {q.id}. {q.text}
      </legend>
      {choices.map((a) => {
        const label = answerLabel(q, a);
        return (
          <label>
            <input type={q.type === 'approval' ? 'checkbox' : 'radio'} name={name} value={a} required={q.type !== 'approval'} />{' '}
            <Bi vi={label.vi} en={label.en} />{' '}
          </label>
        );
      })}
      {q.type !== 'approval' ? (
        <label>
          <input type="radio" name={name} value="" /> <Bi vi="Không tìm thấy phiếu / không đọc được" en="Slip not found / not readable" />
        </label>
      ) : (
        <label>
          <input type="checkbox" name={`missing_${q.id}`} value="1" /> <Bi vi="Không tìm thấy phiếu / không đọc được" en="Slip not found / not readable" />
        </label>
      )}
    </fieldset>
  );
}

export function RlaPage(props: {
  monitor: Official;
  id: string;
  title: string;
  questions: readonly Question[];
  state: RlaPageState;
  /** The site's keys: rla.jws is signed with the result key. */
  keys?: SiteKeys | undefined;
}) {
  const { state, id } = props;
  const base = `/monitors/c/${id}/rla`;
  return (
    <MonitorFrame title={`Kiểm tra xác suất — ${props.title}`} monitor={props.monitor}>
      <p>
        <a href={`/monitors/c/${id}`}>← {props.title}</a>
      </p>
      <h1>
        <Bi vi="Kiểm tra phiếu giấy theo mẫu ngẫu nhiên" en="Risk-limiting audit of the paper slips" />
      </h1>
      {state.auditable ? <Audit {...props} state={state} base={base} /> : <NoPaper reason={state.reason} />}
      {props.keys ? <KeysPanel keys={props.keys} /> : null}
    </MonitorFrame>
  );
}

function NoPaper(props: { reason: { vi: string; en: string } }) {
  return (
    <p class="panel" id="no-paper">
      <Bi vi={props.reason.vi} en={props.reason.en} />
    </p>
  );
}

function Audit(props: { id: string; questions: readonly Question[]; state: RlaPageState & { auditable: true }; base: string }) {
  const { state, base } = props;
  const [num, den] = state.riskLimit;
  const limit = pct(num / den);
  const audited = state.questions.map((p) => props.questions.find((q) => q.id === p.questionId)!).filter(Boolean);
  const next = state.draws.find((d) => d.reading === undefined);
  const readCount = state.draws.filter((d) => d.reading !== undefined).length;
  return (
    <>
      <section id="expected">
        <h2>
          <Bi vi="Trước khi bắt đầu: cần rút bao nhiêu phiếu" en="Before starting: how many slips to draw" />
        </h2>
        <p>
          <Bi
            vi={`Có ${vnNumber(state.population)} phiếu giấy có số sê-ri. Giới hạn rủi ro: ${limit}. Nếu mọi phiếu rút ra đều khớp với số liệu đã nhập, cần rút khoảng n phiếu, với n = ⌈−2γ·ln(α) / μ⌉, trong đó α là giới hạn rủi ro, γ = ${String(state.gamma).replace('.', ',')}, μ = cách biệt (số phiếu) / số phiếu giấy.`}
            en={`There are ${state.population} paper slips with a serial. Risk limit: ${limit}. If every slip drawn matches its entry, about n slips are needed, n = ⌈−2γ·ln(α) / μ⌉, with α the risk limit, γ = ${state.gamma}, μ = margin (votes) / number of slips.`}
          />
        </p>
        <table class="rla">
          <thead>
            <tr>
              <th>
                <Bi vi="Câu hỏi" en="Question" />
              </th>
              <th>
                <Bi vi="Khẳng định" en="Assertions" />
              </th>
              <th>
                <Bi vi="Cách biệt (phiếu)" en="Margin (votes)" />
              </th>
              <th>
                <Bi vi="Số phiếu cần rút" en="Slips to draw" />
              </th>
            </tr>
          </thead>
          <tbody>
            {state.questions.map((p) => (
              <tr>
                <td>{p.questionId}</td>
                <td>{p.assertions.join('; ') || '—'}</td>
                <td class="num">{vnNumber(p.margin)}</td>
                <td class="num">
                  {p.expected.fullCount ? (
                    <Bi vi="kiểm đếm toàn bộ" en="a full count" />
                  ) : (
                    <>
                      {vnNumber(p.expected.draws)} <span class="hint">(n = {vnNumber(p.expected.formula)})</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="hint">
          <Bi
            vi="Cách biệt càng nhỏ thì càng phải rút nhiều phiếu. Cách biệt rất nhỏ (vài phiếu) nghĩa là phải kiểm đếm lại toàn bộ phiếu giấy: khi đó không mẫu nhỏ nào đủ để xác nhận kết quả."
            en="The smaller the margin, the more slips to draw. A tiny margin (a few votes) means a full count of every paper slip: no small sample can confirm such an outcome."
          />
        </p>
        {state.questions.some((p) => p.uncovered) ? (
          <p class="warn">
            {state.questions
              .filter((p) => p.uncovered)
              .map((p) => (
                <span>
                  {p.questionId}: <Bi vi={p.uncovered!.split(' / ')[0]!} en={p.uncovered!.split(' / ')[1] ?? ''} />{' '}
                </span>
              ))}
          </p>
        ) : null}
      </section>

      <section id="seed">
        <h2>
          <Bi vi="Số khởi tạo (gieo xúc xắc 10 mặt tại phiên công khai)" en="The seed (ten-sided die rolled at the public session)" />
        </h2>
        {state.seedEntries.length ? (
          <ul>
            {state.seedEntries.map((e) => (
              <li>
                <code>{e.digits}</code> — <Bi vi={`giám sát viên ${e.actor.id}, lúc ${vnTime(e.at)}`} en={`monitor ${e.actor.id}`} />
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <Bi vi="Chưa ai nhập chữ số." en="No digits entered yet." />
          </p>
        )}
        {state.seed ? (
          <p>
            <Bi vi="Số khởi tạo đã cố định:" en="The seed is fixed:" /> <code id="seed-value">{state.seed}</code>
          </p>
        ) : (
          <form method="post" action={`${base}/seed`}>
            <p class="hint">
              <Bi
                vi="Gieo xúc xắc 10 mặt khoảng 20 lần trước mọi người và nhập các chữ số. Cần hai giám sát viên khác nhau cùng nhập; khi người thứ hai nhập xong, số khởi tạo cố định."
                en="Roll a ten-sided die about 20 times in front of everyone and enter the digits. Two different monitors must enter digits; once the second has, the seed is fixed."
              />
            </p>
            <label>
              <Bi vi="Các chữ số" en="Digits" /> <input name="digits" inputmode="numeric" pattern="[0-9]+" maxlength={100} required />
            </label>{' '}
            <button type="submit">
              <Bi vi="Ghi chữ số" en="Enter digits" />
            </button>
          </form>
        )}
      </section>

      {state.seed ? (
        <section id="draws">
          <h2>
            <Bi vi="Các phiếu cần rút ra khỏi hòm phiếu" en="The slips to pull from the sealed box" />
          </h2>
          <p class="hint">
            <Bi
              vi={`Đã đọc ${vnNumber(readCount)} / ${vnNumber(state.draws.length)} lượt. Rút có hoàn lại: một phiếu có thể được rút nhiều lần, mỗi lần đều tính.`}
              en={`${readCount} of ${state.draws.length} draws read. Draws are with replacement: a slip may come up more than once, and each time counts.`}
            />
          </p>
          {next && !state.published ? (
            <form method="post" action={`${base}/readings`} id="reading-form" data-serial={next.serial}>
              <h3>
                <Bi vi={`Lượt ${next.k}: phiếu ${next.serial} ghi gì?`} en={`Draw ${next.k}: what does slip ${next.serial} say?`} />
              </h3>
              <input type="hidden" name="k" value={String(next.k)} />
              {audited.map((q) => (
                <AnswerInputs q={q} />
              ))}
              <button type="submit">
                <Bi vi="Ghi nội dung phiếu" en="Enter the reading" />
              </button>
            </form>
          ) : !state.published ? (
            <p id="to-conclusion">
              <a href="#conclusion">
                <Bi vi="Đã đọc hết các lượt cần rút: xem kết luận và công bố" en="Every listed draw is read: see the conclusion and publish it" />
              </a>
            </p>
          ) : null}
          {readCount > 0 ? (
            <p id="risk-now">
              <Bi vi="Rủi ro hiện tại:" en="Risk now:" />{' '}
              {state.questions.map((p) => (
                <span>
                  {p.questionId}: {pct(state.latestRisk[p.questionId] ?? 1)}{' '}
                </span>
              ))}
              <Bi vi={`(giới hạn ${limit})`} en={`(limit ${limit})`} />
            </p>
          ) : null}
          <div class="scroll">
            <table class="rla">
              <thead>
                <tr>
                  <th>
                    <Bi vi="Lượt" en="Draw" />
                  </th>
                  <th>
                    <Bi vi="Số sê-ri" en="Serial" />
                  </th>
                  <th>
                    <Bi vi="Đọc được" en="Reading" />
                  </th>
                  <th>
                    <Bi vi="Chênh lệch" en="Discrepancy" />
                  </th>
                  <th>
                    <Bi vi="Rủi ro sau lượt" en="Risk after the draw" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.draws.map((d) => (
                  <tr id={`draw-${d.k}`}>
                    <td class="num">{d.k}</td>
                    <td>
                      <code>{d.serial}</code>
                    </td>
                    <td>{d.reading ? readingText(props.questions, d.reading) : '—'}</td>
                    <td>{d.discrepancy ? Object.entries(d.discrepancy).map(([q, n]) => <div>{`${q}: ${n}`}</div>) : '—'}</td>
                    <td>{d.risk ? Object.entries(d.risk).map(([q, p]) => <div>{`${q}: ${pct(p)}`}</div>) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section id="conclusion">
        <h2>
          <Bi vi="Kết luận" en="Conclusion" />
        </h2>
        {readCount > 0 ? (
          <>
            <p>
              {state.questions.map((p) => (
                <span>
                  {p.questionId}: {pct(state.latestRisk[p.questionId] ?? 1)}{' '}
                </span>
              ))}
            </p>
            <p class={state.conclusion === 'confirmed' ? 'ok' : 'warn'} id="conclusion-text">
              <Bi vi={CONCLUSION[state.conclusion]!.vi} en={CONCLUSION[state.conclusion]!.en} />
            </p>
          </>
        ) : (
          <p>
            <Bi vi="Chưa có lượt nào được đọc." en="No draw read yet." />
          </p>
        )}
        {state.published ? (
          <p id="rla-published">
            <Bi vi={`Đã công bố lúc ${vnTime(state.published.at)}:`} en="Published:" /> <a href={state.published.url}>rla.json</a>,{' '}
            <a href={state.published.jwsUrl}>rla.jws</a> —{' '}
            <Bi vi={CONCLUSION[state.published.conclusion]?.vi ?? state.published.conclusion} en={CONCLUSION[state.published.conclusion]?.en ?? ''} />{' '}
            <a href={`${base.replace(/\/rla$/, '')}/full-count`} id="full-count-link">
              <Bi vi="Kiểm đếm lại toàn bộ" en="Full hand count" />
            </a>
          </p>
        ) : readCount > 0 ? (
          <form method="post" action={`${base}/conclude`}>
            <p class="hint">
              <Bi
                vi="Kết luận sẽ ký và công bố rla.json cùng mọi lượt đã đọc; sau đó không nhập thêm được."
                en="Concluding signs and publishes rla.json with every reading; nothing more can be entered after it."
              />
            </p>
            {state.conclusion !== 'confirmed' ? (
              <label>
                <input type="checkbox" name="fullCount" value="1" />{' '}
                <Bi vi="Ban giám sát quyết định kiểm đếm lại toàn bộ" en="The monitors choose a full hand count" />
              </label>
            ) : null}{' '}
            <button type="submit">
              <Bi vi="Kết luận và công bố" en="Conclude and publish" />
            </button>
          </form>
        ) : null}
        <p class="hint">
          <Bi
            vi="Rủi ro là khả năng một kết quả sai vẫn lọt qua cuộc kiểm tra này mà không bị phát hiện."
            en="The risk is the chance that a wrong outcome would have passed this audit unnoticed."
          />
        </p>
      </section>
    </>
  );
}
