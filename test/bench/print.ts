/**
 * Printing the minutes to PDF with the machine's Chromium (as `npm start` does; the printer function does the same
 * with the serverless build): one process a page, so the figure is a cold start of Chromium plus the layout and
 * printing of an A4 page or two. Three runs, the median kept.
 */
import { performance } from 'node:perf_hooks';
import { ChromiumRenderer, findChromium } from '../../functions/adapters/chromium-renderer.ts';
import { utf8 } from '../../shared/bytes.ts';
import { Minutes } from '../../shared/minutes.ts';
import { minutesPage } from '../../web/minutes-page.tsx';

const share = (votes: number, h: number) => ({ votes, percentOfH: ((votes * 100) / h).toFixed(1) });

/** A road round of 142 households with three questions, parsed by the real schema so the page is a real one. */
function roadMinutes(): Minutes {
  const H = 142;
  const question = (id: string, text: string, yes: number, no: number) => ({
    id,
    text,
    method: 'household_ballot',
    rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
    counts: [
      { id: 'yes', label: 'Đồng ý', ...share(yes, H) },
      { id: 'no', label: 'Không đồng ý', ...share(no, H) },
    ],
    abstain: share(2, H),
    absent: share(H - yes - no - 2, H),
    threshold: 95,
    ruleInWords: 'ít nhất 2/3 tổng số hộ gia đình',
    status: yes >= 95 ? 'adopted' : 'rejected',
    adoptedOptions: yes >= 95 ? ['yes'] : [],
    decisionText: `${text}: ${yes >= 95 ? 'được thông qua' : 'không được thông qua'}.`,
  });
  return Minutes.parse({
    kind: 'minutes/1',
    consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    manifest: 'a'.repeat(64),
    commune: 'xa-an-binh',
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    title: 'Làm đường bê tông thôn Đông',
    matter: 'contribution',
    place: 'Nhà văn hóa thôn Đông',
    time: { from: '2026-12-01T01:00:00Z', to: '2026-12-08T10:00:00Z' },
    method: 'household_ballot',
    chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn' },
    secretary: { name: 'Trần Thị Bình', title: 'Thư ký' },
    frontRepresentative: { name: 'Lê Văn Cường', organisation: 'Ban công tác Mặt trận thôn' },
    eligible: H,
    participants: { total: 120, byChannel: { online: 80, paper: 40, meeting: 0 }, percentOfH: share(120, H).percentOfH },
    questions: [
      question('q1', 'Tán thành làm đường bê tông', 110, 8),
      question('q2', 'Mức đóng góp 400.000 đồng/hộ', 100, 18),
      question('q3', 'Miễn cho hộ nghèo', 90, 28),
    ],
    decision: 'Thôn Đông làm đường bê tông.\nMỗi hộ đóng góp 400.000 đồng; hộ nghèo được miễn, hộ cận nghèo giảm 50 %.',
    closedAt: '2026-12-08T10:00:00Z',
    publishedAt: '2026-12-08T10:00:05Z',
  });
}

export async function printBench(runs = 3): Promise<{ seconds: number; pdfKb: number; htmlKb: number }> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('No Chromium: install Debian’s chromium package, or set CHROMIUM_PATH');
  const html = utf8(minutesPage({ minutes: roadMinutes(), pdf: true }));
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
