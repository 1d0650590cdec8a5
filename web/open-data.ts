/**
 * The open-data spreadsheets published beside a result: `ballots.csv` (one row per ballot) and `tally.csv` (one row
 * per option). They are conveniences for a spreadsheet, derived from the signed bundle and not signed themselves:
 * `ballots.json` and `result.jws` stay authoritative.
 *
 * RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, a quote
 * inside doubled. No field can start a spreadsheet formula: receipts are hex, question and option ids are slugs
 * (schemas.ts), and answers are checked against those ids before a ballot is accepted (answers.ts).
 */
import { utf8 } from '../shared/bytes.ts';
import type { Ballot, Manifest, Question } from '../shared/schemas.ts';

/**
 * Excel reads a CSV file without a byte order mark in the machine's legacy code page (Windows-1258 on a Vietnamese
 * Windows), which garbles every accented letter ("Tán thành" shows as "TÃ¡n thÃ nh"). The UTF-8 BOM is the one
 * signal it honours when a file is opened by double-click; other readers (LibreOffice, Python, R) skip it.
 */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** One RFC 4180 field: quoted only when it must be. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): Uint8Array<ArrayBuffer> {
  let out = BOM;
  for (const row of rows) out += row.map(csvField).join(',') + CRLF;
  return utf8(out);
}

/**
 * `ballots.csv`: a header `receipt,<question id>...`, then one row per ballot: its receipt, then its answer to each
 * question (an approval answer's option ids joined with `;`, so an empty cell is an approval abstention).
 * Rows are sorted by receipt as in ballots.json, whatever order they come in: the order of casting would tell
 * who voted when. Only the receipt and the answers are read, so nothing else a caller's ballot carries is published.
 * @example publisher.put(`c/${id}/ballots.csv`, ballotsCsv(ballots, consultation.questions), { contentType: 'text/csv; charset=utf-8', ... })
 */
export function ballotsCsv(
  ballots: ReadonlyArray<Pick<Ballot, 'answers' | 'receipt'>>,
  questions: ReadonlyArray<Pick<Question, 'id'>>,
): Uint8Array<ArrayBuffer> {
  const sorted = [...ballots].sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
  const rows: (string | number)[][] = [['receipt', ...questions.map((q) => q.id)]];
  for (const b of sorted) {
    rows.push([
      b.receipt,
      ...questions.map((q) => {
        const answer = b.answers[q.id];
        return Array.isArray(answer) ? answer.join(';') : (answer ?? '');
      }),
    ]);
  }
  return csv(rows);
}

/**
 * `tally.csv`: a header `questionId,option,count,threshold,outcome`, then per question of the manifest one row per
 * option (or `yes` and `no`, sorted by id) and one `abstain` row. The outcome of an option row is `adopted` when the option was
 * adopted; otherwise the question's status when nothing was adopted (`rejected`, `no_decision`, `quorum_not_met`),
 * or `not_adopted` when other options were. The abstain row has no threshold and no outcome.
 */
export function tallyCsv(manifest: Pick<Manifest, 'tally'>): Uint8Array<ArrayBuffer> {
  const rows: (string | number)[][] = [['questionId', 'option', 'count', 'threshold', 'outcome']];
  for (const t of manifest.tally) {
    const adopted = new Set(t.outcome.status === 'adopted' ? t.outcome.options : []);
    const otherwise = t.outcome.status === 'adopted' ? 'not_adopted' : t.outcome.status;
    // In the order of result.json (JCS sorts keys), so the file is the same from the in-memory manifest or the signed one.
    const options = Object.keys(t.counts).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const option of options) {
      const count = t.counts[option]!;
      rows.push([t.questionId, option, count, t.threshold, adopted.has(option) ? 'adopted' : otherwise]);
    }
    rows.push([t.questionId, 'abstain', t.abstain, '', '']);
  }
  return csv(rows);
}
