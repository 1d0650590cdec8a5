/** C3: the ledger's chain (verifyLedger), its entries after publication, and collections only from the schedule. */
import { ledgerTotals } from '../contributions.ts';
import { noSchedule, type Published } from './load.ts';
import { both, dong, list, type Outcome, Unmet } from './outcome.ts';

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
  if (problems.length) throw new Unmet(problems);
  const t = ledgerTotals(s, ledger.events);
  return both(
    `${ledger.events.length} mục; đã thu ${dong(t.collected)} trên ${dong(t.due)} đồng, đã chi ${dong(t.spent)} đồng`,
    `${ledger.events.length} entries; ${t.collected} of ${t.due} dong collected, ${t.spent} spent`,
  );
}
