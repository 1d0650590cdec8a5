import { describe, expect, it } from 'vitest';
import type { Question, QuestionTally } from '../../shared/schemas.ts';
import { barsOf, CHART, QuestionChart, xOf } from '../../web/charts.tsx';
import { xmlProblems } from './markup.ts';

const yesNo: Question = {
  id: 'q1',
  type: 'yes_no',
  text: 'Hộ gia đình có tán thành làm đường không?',
  options: [],
  rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
};

/** The example: 24 of 30 households agree, 2/3 of 30 needs 20. */
const adopted: QuestionTally = {
  questionId: 'q1',
  type: 'yes_no',
  rule: yesNo.rule,
  eligible: 30,
  cast: 29,
  abstain: 1,
  counts: { no: 4, yes: 24 },
  threshold: 20,
  outcome: { status: 'adopted', options: ['yes'] },
};

const render = (q: Question, t: QuestionTally, rule = 'cần ít nhất 20 hộ (2/3 tổng số hộ)') => String(QuestionChart({ q, t, rule }));

/** The attributes of every element `name` in `svg`, as records. */
function elements(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

describe('the result chart of a question', () => {
  it('is one well-formed SVG image, labelled by its own title and description', () => {
    const svg = /<svg[\s\S]*<\/svg>/.exec(render(yesNo, adopted))![0];
    expect(xmlProblems(svg)).toEqual([]);
    const [root] = elements(svg, 'svg');
    expect(root).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-labelledby': 'chart-q1-title chart-q1-desc' });
    expect(svg).toMatch(/<title id="chart-q1-title">Biểu đồ kết quả: Hộ gia đình có tán thành làm đường không\?<\/title>/);
    expect(svg).toMatch(/<desc id="chart-q1-desc">[^<]+<\/desc>/);
    expect(svg).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('draws the threshold of 20 of 30 households as a dashed line two thirds along the axis, across every bar', () => {
    const svg = render(yesNo, adopted);
    const lines = elements(svg, 'line').filter((l) => l['stroke-dasharray']);
    expect(lines).toHaveLength(1);
    // x0 4 + 300 * 20/30 = 204; from 8 above the first row (30) to the axis under the 4 rows of 46: 30 + 184 = 214.
    expect(lines[0]).toMatchObject({ x1: '204', x2: '204', y1: '22', y2: '214' });
    expect(CHART).toMatchObject({ x0: 4, plot: 300, top: 30, row: 46 });
    expect(svg).toContain('>Ngưỡng thông qua: 20 hộ</text>');
  });

  it('scales each bar to the households on the roll: yes, no, abstained, did not take part', () => {
    const svg = render(yesNo, adopted);
    expect(elements(svg, 'rect').map((r) => r.width)).toEqual(['240', '40', '10', '10']);
    expect(barsOf(yesNo, adopted).map((b) => [b.label, b.count, b.kind])).toEqual([
      ['Đồng ý', 24, 'adopted'],
      ['Không đồng ý', 4, 'option'],
      ['Ý kiến khác', 1, 'abstain'],
      ['Không tham gia', 1, 'absent'],
    ]);
    expect(svg).toContain('>24 (80%)</text>');
  });

  it('says the numbers, the threshold and the outcome in its description', () => {
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(render(yesNo, adopted))![1]!;
    expect(desc).toContain('Tổng số hộ trong danh sách: 30; số phiếu: 29.');
    expect(desc).toContain('Đồng ý: 24 hộ (80% tổng số hộ), được thông qua.');
    expect(desc).toContain('Không tham gia: 1 hộ (3,3% tổng số hộ).');
    expect(desc).toContain('ngưỡng thông qua: 20 hộ (cần ít nhất 20 hộ (2/3 tổng số hộ)).');
    expect(desc).toContain('Kết quả: Được thông qua.');
  });

  it('escapes option labels and question text', () => {
    const q: Question = {
      id: 'q2',
      type: 'single',
      text: 'Chọn <b>một</b> & "chỉ một"',
      options: [
        { id: 'a', label: '<script>alert(1)</script>' },
        { id: 'b', label: 'Ngõ "Bắc" & <Nam>' },
      ],
      rule: { base: 'plurality' },
    };
    const t: QuestionTally = {
      ...adopted,
      questionId: 'q2',
      type: 'single',
      rule: q.rule,
      counts: { a: 20, b: 8 },
      threshold: 1,
      outcome: { status: 'adopted', options: ['a'] },
    };
    const svg = /<svg[\s\S]*<\/svg>/.exec(render(q, t, 'phương án được nhiều phiếu nhất'))![0];
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ✓');
    expect(svg).toContain('Ngõ &quot;Bắc&quot; &amp; &lt;Nam&gt;');
    // A plurality has no line to draw: its threshold is one vote.
    expect(elements(svg, 'line').filter((l) => l['stroke-dasharray'])).toEqual([]);
  });

  it('puts the threshold of a rule over the ballots cast on the same axis of households, and cuts long labels', () => {
    const q: Question = { ...yesNo, text: 'x', rule: { base: 'cast', op: 'more_than', fraction: [1, 2] } };
    const t: QuestionTally = {
      ...adopted,
      rule: q.rule,
      cast: 10,
      abstain: 0,
      counts: { yes: 6, no: 4 },
      threshold: 6,
      outcome: { status: 'adopted', options: ['yes'] },
    };
    const svg = render(q, t, 'cần ít nhất 6 phiếu (quá 1/2 số phiếu đã bỏ)');
    expect(elements(svg, 'line').find((l) => l['stroke-dasharray'])).toMatchObject({ x1: '64', x2: '64' });
    expect(svg).toContain('>Ngưỡng thông qua: 6 phiếu</text>');
    const long: Question = {
      ...yesNo,
      id: 'q9',
      type: 'single',
      options: [
        { id: 'a', label: 'Đ'.repeat(60) },
        { id: 'b', label: 'b' },
      ],
    };
    const cut = render(long, { ...adopted, type: 'single', counts: { a: 1, b: 1 }, outcome: { status: 'no_decision', options: [] } });
    expect(cut).toContain(`>${'Đ'.repeat(CHART.labelChars - 1)}…</text>`);
  });

  it('draws empty bars, not NaN, for a roll of no households, and keeps a threshold past H on the axis', () => {
    expect(xOf(5, 0)).toBe(CHART.x0);
    expect(xOf(31, 30)).toBe(CHART.x0 + CHART.plot);
    const svg = render(yesNo, {
      ...adopted,
      eligible: 0,
      cast: 0,
      abstain: 0,
      counts: { yes: 0, no: 0 },
      threshold: 0,
      outcome: { status: 'rejected', options: [] },
    });
    expect(svg).not.toContain('NaN');
    expect(xmlProblems(/<svg[\s\S]*<\/svg>/.exec(svg)![0])).toEqual([]);
  });
});
