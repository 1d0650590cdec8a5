/**
 * Printing the decision record (the minutes, D59 form 03) to PDF with the machine's Chromium (as `npm start` does;
 * the printer function does the same with the serverless build): one process a page, so the figure is a cold start
 * of Chromium plus the layout and printing of an A4 page or two. Three runs, the median kept.
 */
import { performance } from 'node:perf_hooks';
import { ChromiumRenderer, findChromium } from '../../functions/adapters/chromium-renderer.ts';
import { utf8 } from '../../shared/bytes.ts';
import { DecisionRecord } from '../../shared/minutes.ts';
import { decisionPage } from '../../web/record-page.tsx';

const percent = (votes: number, h: number) => ((votes * 100) / h).toFixed(1);
const share = (votes: number, h: number) => ({ votes, percentOfH: percent(votes, h) });

/**
 * The decision record (D59 form 03) of a road contribution decided at a meeting of 142 households by secret ballot
 * (a contribution is decided at a meeting first, never online), three questions, parsed by the real schema so the
 * page is a real one.
 */
function roadRecord(): DecisionRecord {
  const H = 142;
  const present = 120;
  const question = (id: string, text: string, yes: number, no: number) => ({
    id,
    text,
    rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
    counts: [
      { id: 'yes', label: 'Đồng ý', ...share(yes, H) },
      { id: 'no', label: 'Không đồng ý', ...share(no, H) },
    ],
    abstain: share(present - yes - no, H),
    absent: share(H - present, H),
    threshold: 95,
    ruleInWords: 'ít nhất 2/3 tổng số hộ gia đình',
    status: yes >= 95 ? 'adopted' : 'rejected',
    adoptedOptions: yes >= 95 ? ['yes'] : [],
    decisionText: `${text}: ${yes >= 95 ? 'được thông qua' : 'không được thông qua'}.`,
  });
  const absent = Array.from({ length: H - present }, (_, i) => `H-${String(present + i + 1).padStart(3, '0')}`);
  return DecisionRecord.parse({
    kind: 'decision/1',
    consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    manifest: 'a'.repeat(64),
    form: 'nghi_quyet',
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    commune: 'xa-an-binh',
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    title: 'Làm đường bê tông thôn Đông',
    matter: 'contribution',
    place: 'Nhà văn hóa thôn Đông',
    time: { from: '2026-12-01T12:00:00Z', to: '2026-12-01T14:30:00Z' },
    households: {
      total: H,
      present,
      presentPercentOfH: percent(present, H),
      byChannel: { online: 0, paper: 0, meeting: present },
      absent: { count: absent.length, ids: absent },
    },
    discussion: {
      summary: 'Trưởng thôn trình bày dự án làm đường bê tông dài 500 m, rộng 3 m; tổng kinh phí, phần Nhà nước hỗ trợ và phần nhân dân đóng góp.',
      questions: [
        { question: 'Hộ vắng nhà dài ngày đóng góp thế nào?', answers: ['Đóng qua người thân hoặc chuyển khoản cho Ban giám sát.'] },
        { question: 'Khi nào khởi công?', answers: ['Sau mùa mưa, dự kiến tháng 2 năm sau.'] },
      ],
    },
    method: 'meeting',
    voting: 'secret_ballot',
    questions: [
      question('q1', 'Tán thành làm đường bê tông', 110, 8),
      question('q2', 'Mức đóng góp 400.000 đồng/hộ', 100, 18),
      question('q3', 'Miễn cho hộ nghèo', 90, 28),
    ],
    decision: 'Thôn Đông làm đường bê tông.\nMỗi hộ đóng góp 400.000 đồng; hộ nghèo được miễn, hộ cận nghèo giảm 50 %.',
    contribution: {
      amountPerUnit: 400_000,
      basis: 'per_household',
      totalCost: 900_000_000,
      stateBudget: 843_200_000,
      residentsShare: 56_800_000,
      exemptions: [
        { category: 'poor', percent: 100 },
        { category: 'near_poor', percent: 50 },
      ],
    },
    signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['H-001', 'H-002'] },
    departures: [],
    closedAt: '2026-12-01T14:30:00Z',
    publishedAt: '2026-12-01T14:30:05Z',
  });
}

export async function printBench(runs = 3): Promise<{ seconds: number; pdfKb: number; htmlKb: number }> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('No Chromium: install Debian’s chromium package, or set CHROMIUM_PATH');
  const html = utf8(decisionPage({ record: roadRecord(), pdf: true }));
  const renderer = new ChromiumRenderer({ executablePath });
  const times: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    pdf = await renderer.render(html);
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)]!, pdfKb: pdf.length / 1024, htmlKb: html.length / 1024 };
}
