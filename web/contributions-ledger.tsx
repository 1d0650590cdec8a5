/**
 * The ledger and the village head's reports on the public contributions page: every entry newest first (a mistake
 * is corrected by a new entry, never erased), and the reports on carrying out the decision (Law 10/2022 Art. 23(2))
 * with the file each was signed on. Households appear only by roll id.
 */
import { type LedgerEntry, type LedgerEvent, liveEntries, type Report } from '../shared/contributions.ts';
import { fileSize, vnNumber } from './format.ts';
import { En, ENTRY, entryForm, vnDate, vnDay } from './contributions-words.tsx';

/** What a ledger entry says, in Vietnamese; the amount column carries the amount. */
function entryDetail(entry: LedgerEntry): string {
  if (entry.type === 'collection') {
    const receipt = `Hộ ${entry.rollId}, biên lai số ${entry.receiptNo}`;
    if (entry.form === 'labour') return `${receipt}: ngày công lao động`;
    if (entry.form === 'property') return `${receipt}: tài sản — ${entry.description ?? ''}`;
    return receipt;
  }
  if (entry.type === 'spending') return entry.document ? `${entry.purpose} (chứng từ: ${entry.document})` : entry.purpose;
  if (entry.type === 'report') return `Báo cáo kết quả thực hiện ngày ${vnDate(entry.date)}${entry.document ? ', kèm tệp' : ''}`;
  return `Hủy mục số ${entry.ref}: ${entry.reason}`;
}

/** The day an entry happened: its own date, or the day a correction was recorded. */
const dayOf = (e: LedgerEvent) => (e.entry.type === 'correction' ? vnDay(e.at) : vnDate(e.entry.date));

/** The amount an entry moves, signed (+ given, − spent); 0 for a report or a correction of one. */
function signed(e: LedgerEvent | undefined): number {
  if (e?.entry.type === 'collection') return e.entry.amount;
  if (e?.entry.type === 'spending') return -e.entry.amount;
  return 0;
}

/** "+300.000", "−20.000", "0"; with its unit when the ledger mixes forms ("+3 ngày công"). */
function amountCell(n: number, unit: string | undefined): string {
  const number = n > 0 ? `+${vnNumber(n)}` : n < 0 ? `−${vnNumber(-n)}` : '0';
  return unit && n !== 0 ? `${number} ${unit}` : number;
}

export function Ledger(props: { ledger: readonly LedgerEvent[] }) {
  const bySeq = new Map(props.ledger.map((e) => [e.seq, e]));
  const correctedBy = new Map(props.ledger.flatMap((e) => (e.entry.type === 'correction' ? [[e.entry.ref, e.seq] as const] : [])));
  const moved = (e: LedgerEvent) => (e.entry.type === 'correction' ? bySeq.get(e.entry.ref) : e);
  // Money only (as every ledger before forms existed): one column in dong. Otherwise each amount names its unit.
  const mixed = props.ledger.some((e) => e.entry.type === 'collection' && entryForm(e.entry) !== 'money');
  const unitOf = (e: LedgerEvent | undefined) => (!mixed || !e ? undefined : entryForm(e.entry) === 'labour' ? 'ngày công' : 'đồng');
  const newestFirst = [...props.ledger].sort((a, b) => b.seq - a.seq);
  return (
    <section>
      <h2 id="ledger-heading">
        Sổ thu chi <En>Ledger</En>
      </h2>
      {newestFirst.length === 0 ? (
        <p>
          Chưa có khoản thu, chi nào. <En>Nothing collected or spent yet.</En>
        </p>
      ) : (
        // As wide as the dues on a 360 px phone: it scrolls in its own region, the page does not.
        <div role="region" aria-labelledby="ledger-heading" tabindex={0} style="overflow-x:auto">
          <table>
            <caption>
              Mọi khoản thu, chi, mới nhất trước; sai sót được sửa bằng một mục đính chính, không xóa.{' '}
              <En>Every entry, newest first; a mistake is corrected by a new entry, never erased.</En>
            </caption>
            <thead>
              <tr>
                <th scope="col" class="n">
                  Số
                </th>
                <th scope="col">Ngày</th>
                <th scope="col">Loại</th>
                <th scope="col">Nội dung</th>
                <th scope="col" class="n">
                  {mixed ? 'Số lượng' : 'Số tiền (đồng)'}
                </th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((e) => {
                const amount = e.entry.type === 'correction' ? -signed(bySeq.get(e.entry.ref)) : signed(e);
                const by = correctedBy.get(e.seq);
                return (
                  <tr>
                    <th scope="row" class="n">
                      {e.seq}
                    </th>
                    <td>{dayOf(e)}</td>
                    <td>
                      {ENTRY[e.entry.type][0]} <En>{ENTRY[e.entry.type][1]}</En>
                    </td>
                    <td>
                      {entryDetail(e.entry)}
                      {by !== undefined ? ` — đã hủy bởi mục số ${by}` : ''}
                    </td>
                    <td class="n">{amountCell(amount, unitOf(moved(e)))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The village head's reports that stand (not reversed by a correction), newest first, each with its file if any. */
export function Reports(props: { ledger: readonly LedgerEvent[]; docsBase: string }) {
  const reports = liveEntries(props.ledger)
    .flatMap((e) => (e.entry.type === 'report' ? [{ seq: e.seq, report: e.entry as Report }] : []))
    .reverse();
  return (
    <section>
      <h2>
        Báo cáo kết quả thực hiện <En>Reports on carrying out the decision</En>
      </h2>
      <p>
        Trưởng thôn, Tổ trưởng tổ dân phố báo cáo kết quả thực hiện quyết định của cộng đồng dân cư (Điều 23 khoản 2 Luật số 10/2022/QH15).{' '}
        <En>The village head reports on carrying out the community’s decision (Law 10/2022 Art. 23(2)).</En>
      </p>
      {reports.length === 0 ? (
        <p>
          Chưa có báo cáo nào. <En>No report yet.</En>
        </p>
      ) : (
        <ul class="docs">
          {reports.map(({ seq, report }) => (
            <li>
              <strong>
                Báo cáo ngày {vnDate(report.date)} (mục số {seq})
              </strong>{' '}
              <En>{`Report of ${vnDate(report.date)} (entry ${seq})`}</En>
              <div class="comment-text">{report.text}</div>
              {report.document ? (
                <a href={`${props.docsBase}${report.document.file}`}>
                  {report.document.title} ({fileSize(report.document.bytes)}, SHA-256 {report.document.sha256.slice(0, 12)}…)
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
