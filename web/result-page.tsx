/** The published result page `c/<id>/index.html`: the outcome in plain Vietnamese, the numbers behind it, the files. */
import type { Consultation, Manifest, Question, QuestionTally, Rule } from '../shared/schemas.ts';
import { CHANNEL_VI, MATTER_VI, METHOD_VI, OUTCOME_EN, OUTCOME_VI, percent, vnTime } from './format.ts';
import { Page, render } from './layout.tsx';

/** The rule in words a farmer understands: "cần ít nhất 20 hộ (2/3 tổng số hộ)". */
export function ruleInWords(rule: Rule, t: number): string {
  if (rule.base === 'plurality') return 'phương án được nhiều phiếu nhất';
  const [n, d] = rule.fraction;
  const share = n * 2 === d ? '1/2' : `${n}/${d}`;
  const of = rule.base === 'eligible' ? 'tổng số hộ' : 'số phiếu đã bỏ';
  const how = rule.op === 'at_least' ? share : `quá ${share}`;
  return `cần ít nhất ${t} ${rule.base === 'eligible' ? 'hộ' : 'phiếu'} (${how} ${of})`;
}

function label(q: Question, id: string): string {
  if (id === 'yes') return 'Tán thành';
  if (id === 'no') return 'Không tán thành';
  return q.options.find((o) => o.id === id)?.label ?? id;
}

/** The one-sentence outcome of a question, with the numbers behind it. */
export function outcomeSentence(q: Question, t: QuestionTally): string {
  const base = t.rule.base === 'cast' ? t.cast : t.eligible;
  const unit = t.rule.base === 'cast' ? 'phiếu' : 'hộ';
  const status = OUTCOME_VI[t.outcome.status];
  const need = ruleInWords(t.rule, t.threshold);
  if (t.outcome.status === 'quorum_not_met') return `${status}: ${t.cast}/${t.eligible} hộ tham gia.`;
  if (q.type === 'yes_no') {
    const yes = t.counts.yes ?? 0;
    return `${status}: ${yes}/${base} ${unit} tán thành (${percent(yes, base)}); ${need}.`;
  }
  const ranked = Object.entries(t.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (t.outcome.status === 'adopted') {
    const parts = t.outcome.options.map((id) => `«${label(q, id)}» ${t.counts[id] ?? 0}/${base} ${unit} (${percent(t.counts[id] ?? 0, base)})`);
    return `${status}: ${parts.join('; ')}; ${need}.`;
  }
  const top = ranked[0];
  return top ? `${status}: nhiều nhất là «${label(q, top[0])}» với ${top[1]}/${base} ${unit}; ${need}.` : `${status}.`;
}

export interface ResultPageInput {
  consultation: Consultation;
  manifest: Manifest;
  kid: string;
  attestations: string[];
}

function QuestionResult(props: { q: Question; t: QuestionTally }) {
  const { q, t } = props;
  const rows = Object.entries(t.counts);
  return (
    <section>
      <h2>{q.text}</h2>
      <p class={`outcome ${t.outcome.status}`}>{outcomeSentence(q, t)}</p>
      <p lang="en" class="en">
        {OUTCOME_EN[t.outcome.status]}
        {t.outcome.options.length > 0 ? `: ${t.outcome.options.join(', ')}` : ''} — threshold {t.threshold}, eligible {t.eligible}, ballots {t.cast}.
      </p>
      <table>
        <thead>
          <tr><th>Phương án / Option</th><th class="n">Số hộ</th><th class="n">% tổng số hộ</th></tr>
        </thead>
        <tbody>
          {rows.map(([id, n]) => (
            <tr><td>{label(q, id)}</td><td class="n">{n}</td><td class="n">{percent(n, t.eligible)}</td></tr>
          ))}
          <tr><td>Không biểu quyết (phiếu trống) / Abstained</td><td class="n">{t.abstain}</td><td class="n">{percent(t.abstain, t.eligible)}</td></tr>
          <tr><td>Không tham gia / Did not take part</td><td class="n">{t.eligible - t.cast}</td><td class="n">{percent(t.eligible - t.cast, t.eligible)}</td></tr>
        </tbody>
      </table>
    </section>
  );
}

export function resultPage({ consultation: c, manifest: m, kid, attestations }: ResultPageInput): string {
  const files = ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'result.json', 'result.jws'];
  return render(
    <Page title={`Kết quả: ${c.title}`} base="../../">
      <h1>Kết quả: {c.title}</h1>
      {c.titleEn ? <p lang="en" class="en">Result: {c.titleEn}</p> : null}
      <p>
        {c.scope.name} · {MATTER_VI[c.matter]} · {METHOD_VI[c.method]}
      </p>
      <p>
        Kết thúc lúc {vnTime(m.closedAt)}, công bố lúc {vnTime(m.publishedAt)} (giờ Việt Nam). Tổng số hộ trong danh sách: <strong>{m.roll.count}</strong>; số hộ
        đã biểu quyết: <strong>{m.participants.count}</strong> ({percent(m.participants.count, m.roll.count)}) — {CHANNEL_VI.online}{' '}
        {m.participants.byChannel.online}, {CHANNEL_VI.paper} {m.participants.byChannel.paper}, {CHANNEL_VI.meeting} {m.participants.byChannel.meeting}.
      </p>
      {m.tally.map((t) => {
        const q = c.questions.find((x) => x.id === t.questionId);
        return q ? <QuestionResult q={q} t={t} /> : null;
      })}
      <h2>Kiểm tra kết quả / Verify this result</h2>
      <p>
        Kết quả được ký số bằng khóa của xã; dấu vân tay khóa (kid): <code>{kid}</code>. Hãy so sánh với dấu vân tay niêm yết tại nhà văn hóa hoặc trụ sở
        UBND xã, rồi kiểm tra bằng lệnh <code>npx danban verify &lt;địa chỉ trang này&gt; --key khoa.pem</code>.
      </p>
      <p lang="en" class="en">Signed with the commune's key (kid above). Compare it with the fingerprint posted on the notice board, then verify with the command above.</p>
      <ul>
        {files.map((f) => (
          <li><a href={f}>{f}</a></li>
        ))}
      </ul>
      <h2>Chữ ký xác nhận của giám sát / Monitors' countersignatures</h2>
      {attestations.length === 0 ? (
        <p>Chưa có chữ ký xác nhận nào. <span lang="en" class="en">None yet.</span></p>
      ) : (
        <ul>
          {attestations.map((a) => (
            <li><a href={`attestations/${a}.jws`}><code>{a}</code></a></li>
          ))}
        </ul>
      )}
    </Page>,
  );
}
