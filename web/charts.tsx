/**
 * The bar chart of one question on the result page: inline SVG, no script, no font, nothing fetched. Every bar is
 * drawn against H, the households on the roll, so that households that abstained or did not take part are seen
 * beside the votes and the threshold line sits where the rule puts it (domain.md "Decision rules").
 * Accessible as one image (role="img") whose <title>/<desc> say the numbers in sentences; the table beside it holds
 * the same numbers for those who read tables.
 */
import type { Question, QuestionTally } from '../shared/schemas.ts';
import { answerLabel } from '../shared/minutes.ts';
import { OUTCOME_VI, percent, vnNumber } from './format.ts';

/** The chart's geometry in viewBox units: exported so that tests can say where the threshold line must be. */
export const CHART = {
  width: 420,
  /** Left edge of the bars (count 0). */
  x0: 4,
  /** Length of a bar of H households. */
  plot: 300,
  /** Room above the first row for the threshold's label. */
  top: 30,
  /** One row: the option's label, then its bar. */
  row: 46,
  bar: 20,
  /** Room below the last row for the axis and its two ticks. */
  axis: 24,
  /** Labels longer than this are cut with an ellipsis (the table beside gives them in full). */
  labelChars: 44,
} as const;

/**
 * Colours with at least 3:1 contrast on white (WCAG 2.1 SC 1.4.11) and distinct in greyscale print; every bar is
 * also named by its label, so colour is never the only cue (SC 1.4.1).
 */
const FILL = { adopted: '#0b6b2f', option: '#0b4f8a', abstain: '#6b6b6b', absent: '#8c8c8c' } as const;
const INK = '#1a1a1a';

export type BarKind = keyof typeof FILL;

export interface Bar {
  label: string;
  count: number;
  kind: BarKind;
}

export { answerLabel } from '../shared/minutes.ts';

/** The bars of a question, in the order of the ballot paper, then abstained and did not take part. */
export function barsOf(q: Question, t: QuestionTally): Bar[] {
  const adopted = new Set(t.outcome.status === 'adopted' ? t.outcome.options : []);
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  return [
    ...ids.map((id): Bar => ({ label: answerLabel(q, id), count: t.counts[id] ?? 0, kind: adopted.has(id) ? 'adopted' : 'option' })),
    { label: 'Ý kiến khác', count: t.abstain, kind: 'abstain' },
    { label: 'Không tham gia', count: Math.max(0, t.eligible - t.cast), kind: 'absent' },
  ];
}

/** x of a count on the axis of H households (H = 0 draws every bar empty). */
export function xOf(count: number, eligible: number): number {
  const share = eligible > 0 ? Math.min(count, eligible) / eligible : 0;
  return round(CHART.x0 + CHART.plot * share);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length > CHART.labelChars ? `${chars.slice(0, CHART.labelChars - 1).join('')}…` : text;
}

/** The unit the rule counts in: households of H, or ballots cast. */
function unitOf(t: QuestionTally): string {
  return t.rule.base === 'cast' ? 'phiếu' : 'hộ';
}

/** The chart's description: every bar, the threshold and the outcome, in sentences a screen reader reads out. */
export function chartDescription(q: Question, t: QuestionTally, rule: string): string {
  const bars = barsOf(q, t).map(
    (b) => `${b.label}: ${vnNumber(b.count)} hộ (${percent(b.count, t.eligible)} tổng số hộ)${b.kind === 'adopted' ? ', được thông qua' : ''}.`,
  );
  const line = t.rule.base === 'plurality' ? `Điều kiện: ${rule}.` : `Đường kẻ dọc là ngưỡng thông qua: ${vnNumber(t.threshold)} ${unitOf(t)} (${rule}).`;
  return [
    `Tổng số hộ trong danh sách: ${vnNumber(t.eligible)}; số phiếu: ${vnNumber(t.cast)}.`,
    ...bars,
    line,
    `Kết quả: ${OUTCOME_VI[t.outcome.status]}.`,
  ].join(' ');
}

/**
 * The bar chart of one question, scaled to H (`t.eligible`), with the threshold drawn as a dashed line and labelled
 * (no line for a plurality rule, whose threshold is one vote). `rule` is the rule in words (ruleInWords).
 * @example <QuestionChart q={question} t={tally} rule={ruleInWords(tally.rule, tally.threshold)} />
 */
export function QuestionChart(props: { q: Question; t: QuestionTally; rule: string }) {
  const { q, t, rule } = props;
  const bars = barsOf(q, t);
  const axisY = CHART.top + bars.length * CHART.row;
  const height = axisY + CHART.axis;
  const titleId = `chart-${q.id}-title`;
  const descId = `chart-${q.id}-desc`;
  const lineX = xOf(t.threshold, t.eligible);
  // The label goes on the side of the line with more room, so it is never cut by the edge.
  const labelLeft = lineX > CHART.x0 + CHART.plot / 2;
  return (
    <figure style="margin:1rem 0;break-inside:avoid;page-break-inside:avoid">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${CHART.width} ${height}`}
        width="100%"
        style="max-width:30rem;height:auto;display:block"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"
      >
        <title id={titleId}>Biểu đồ kết quả: {q.text}</title>
        <desc id={descId}>{chartDescription(q, t, rule)}</desc>
        {bars.map((b, i) => (
          <rect x={CHART.x0} y={CHART.top + i * CHART.row + 20} width={round(xOf(b.count, t.eligible) - CHART.x0)} height={CHART.bar} fill={FILL[b.kind]} />
        ))}
        <line x1={CHART.x0} y1={axisY} x2={CHART.x0 + CHART.plot} y2={axisY} stroke={INK} stroke-width="1" />
        {t.rule.base === 'plurality' ? null : <line x1={lineX} y1={CHART.top - 8} x2={lineX} y2={axisY} stroke={INK} stroke-width="2" stroke-dasharray="6 4" />}
        {/* Text last, with a white halo, so that the threshold line never runs through a word. */}
        <g fill={INK} stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">
          {bars.map((b, i) => {
            const y = CHART.top + i * CHART.row;
            return (
              <>
                <text x={CHART.x0} y={y + 15} font-size="16">
                  {b.kind === 'adopted' ? `${cut(b.label)} ✓` : cut(b.label)}
                </text>
                <text x={xOf(b.count, t.eligible) + 6} y={y + 35} font-size="15">
                  {`${vnNumber(b.count)} (${percent(b.count, t.eligible)})`}
                </text>
              </>
            );
          })}
          <text x={CHART.x0} y={axisY + 18} font-size="13">
            0
          </text>
          <text x={CHART.x0 + CHART.plot} y={axisY + 18} font-size="13" text-anchor="end">
            {`${vnNumber(t.eligible)} hộ (tổng số)`}
          </text>
          {t.rule.base === 'plurality' ? null : (
            <text x={labelLeft ? lineX - 4 : lineX + 4} y={CHART.top - 12} font-size="14" font-weight="600" text-anchor={labelLeft ? 'end' : 'start'}>
              {`Ngưỡng thông qua: ${vnNumber(t.threshold)} ${unitOf(t)}`}
            </text>
          )}
        </g>
      </svg>
    </figure>
  );
}
