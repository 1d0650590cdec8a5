/**
 * C3: the ledger's chain (verifyLedger), its entries after publication, collections only from the schedule, and the
 * files of the village head's reports that are given (named by their hash, as a disclosure's documents).
 */
import { type LedgerEvent, ledgerTotals, UNIT } from '../contributions.ts';
import { sha256Hex } from '../sha256.ts';
import { noSchedule, type Published } from './load.ts';
import { both, dong, list, type Outcome, Unmet } from './outcome.ts';

/** The reports whose file is given but does not hash to what the report records. */
function reportFileProblems(published: Published, events: readonly LedgerEvent[]): string[] {
  const wrong: string[] = [];
  for (const e of events) {
    if (e.entry.type !== 'report' || !e.entry.document) continue;
    const bytes = published.file(e.entry.document.file);
    if (bytes && (bytes.length !== e.entry.document.bytes || sha256Hex(bytes, published.hash) !== e.entry.document.sha256))
      wrong.push(`${e.seq} (${e.entry.document.file})`);
  }
  return wrong;
}

/** C3: ledger.jsonl chains, starts after the result was published, and collects only from households of the schedule. */
export function checkLedger(published: Published): Outcome {
  const { ledger } = published;
  if (!ledger) return published.contributions ? { absent: both('Chưa công bố sổ thu chi', 'the ledger is not published yet') } : noSchedule(published);
  const problems: string[] = [];
  if (ledger.problems.length) problems.push(`${both('sổ thu chi không liền mạch hoặc có dòng sai', 'the ledger does not verify')}: ${list(ledger.problems)}`);
  const { manifest } = published.signed();
  const early = ledger.events.filter((e) => Date.parse(e.at) < Date.parse(manifest.publishedAt)).map((e) => String(e.seq));
  if (early.length) problems.push(both(`mục ghi trước khi công bố kết quả: ${list(early)}`, `entries before the result was published: ${list(early)}`));
  const s = published.needSchedule();
  const onSchedule = new Set(s.households.map((h) => h.id));
  const unknown = [...new Set(ledger.events.flatMap((e) => (e.entry.type === 'collection' && !onSchedule.has(e.entry.rollId) ? [e.entry.rollId] : [])))];
  if (unknown.length) problems.push(both(`thu của hộ không có trong bảng: ${list(unknown)}`, `collections for roll ids not on the schedule: ${list(unknown)}`));
  const files = reportFileProblems(published, ledger.events);
  if (files.length) problems.push(both(`tệp của báo cáo không khớp mã băm: ${list(files)}`, `report files that do not match their hash: ${list(files)}`));
  if (problems.length) throw new Unmet(problems);
  const t = ledgerTotals(s, ledger.events);
  const unit = UNIT[t.form];
  const reports = ledger.events.filter((e) => e.entry.type === 'report').length;
  return both(
    `${ledger.events.length} mục, ${reports} báo cáo; đã thu ${dong(t.collected)} trên ${dong(t.due)} ${unit.vi}, đã chi ${dong(t.spent)} đồng`,
    `${ledger.events.length} entries, ${reports} reports; ${t.collected} of ${t.due} ${unit.en} collected, ${t.spent} dong spent`,
  );
}
