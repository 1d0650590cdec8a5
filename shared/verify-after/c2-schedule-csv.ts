/**
 * C2: schedule.csv is the schedule with what each household paid, as the server writes it.
 *
 * The server writes ledger.jsonl, then schedule.csv (functions/core/contributions.ts), and the site lets each be
 * cached for up to 60 s on its own: a reader may get a csv older than the ledger, or, from a cache, the reverse.
 * A csv that is the ledger without its last entries is what the server wrote a moment before: it passes, saying
 * how far behind it is. Only entries recorded within CSV_BEHIND_MS of the last one may be missing from it, as no
 * cache is older (the last entry alone may be missing for longer: a crash between the two writes leaves the csv
 * one entry behind until the next); this also bounds the work, a csv per prefix. A csv that shows more (or other)
 * payments than such a prefix of the ledger is a failure: it could be a ledger served from a cache older than the
 * csv, but nothing here can tell that from a csv that claims payments the ledger does not hold, and the ledger is
 * what counts. Such a cache lasts a minute; a forgery stays, so the failure says to check again in a minute.
 */
import { bytesEqual, fromUtf8 } from '../bytes.ts';
import { type LedgerEvent, type Schedule, scheduleCsv } from '../contributions.ts';
import { noSchedule, type Published } from './load.ts';
import { both, type Outcome, Unmet } from './outcome.ts';

/**
 * How long before the ledger's last entry the entries schedule.csv is behind may have been recorded: each file is
 * published with `max-age=60`, which CloudFront's edge honours as well as a browser; ten minutes leave room for
 * both caches one after the other and for the clocks of the servers that recorded the entries.
 */
const CSV_BEHIND_MS = 10 * 60_000;

/** How many of the ledger's last entries `csv` is behind (recorded within CSV_BEHIND_MS of the last), or undefined. */
function entriesBehind(s: Schedule, all: readonly LedgerEvent[], csv: Uint8Array): number | undefined {
  // The longest shorter prefix first: the fewest entries behind.
  const last = Date.parse(all.at(-1)?.at ?? '');
  for (let k = all.length - 1; k >= 0; k--) {
    // all[k] is the first entry the csv would be behind.
    if (last - Date.parse(all[k]!.at) > CSV_BEHIND_MS) break;
    if (bytesEqual(scheduleCsv(s, all.slice(0, k)), csv)) return all.length - k;
  }
  return undefined;
}

/** The first line where `csv` differs from the expected one, both lines shown; and, with a ledger, to look again. */
function csvDiffers(expected: Uint8Array, csv: Uint8Array, withLedger: boolean): Unmet {
  const mine = fromUtf8(expected).split('\r\n');
  const theirs = fromUtf8(csv).split('\r\n');
  const line =
    Math.max(
      mine.findIndex((l, i) => l !== theirs[i]),
      0,
    ) + 1;
  const again = withLedger
    ? both('nếu sổ thu chi vừa được cập nhật, hãy kiểm tra lại sau một phút', 'if the ledger was just updated, check again in a minute')
    : undefined;
  return new Unmet([
    `${both(`schedule.csv khác từ dòng ${line}`, `schedule.csv differs from line ${line}`)}: ${JSON.stringify(theirs[line - 1] ?? '')} ≠ ${JSON.stringify(mine[line - 1] ?? '')}`,
    ...(again ? [again] : []),
  ]);
}

/** C2: schedule.csv is the schedule and the ledger as written, or as written a few entries before. */
export function checkScheduleCsv(published: Published): Outcome {
  const csv = published.file('contributions/schedule.csv');
  if (!csv) return published.contributions ? { absent: both('Chưa công bố schedule.csv', 'schedule.csv is not published yet') } : noSchedule(published);
  const s = published.needSchedule();
  const all = published.events();
  const rows = s.households.length;
  const expected = scheduleCsv(s, all);
  if (bytesEqual(expected, csv)) return both(`${rows} dòng khớp`, `${rows} rows match`);
  const behind = entriesBehind(s, all, csv);
  if (behind !== undefined) {
    return {
      detail: both(
        `${rows} dòng khớp với sổ thu chi khi chưa có ${behind} mục cuối: schedule.csv chậm hơn ledger.jsonl ${behind} mục (được ghi sau sổ, có thể còn trong bộ nhớ đệm tới 60 giây)`,
        `${rows} rows match the ledger without its last ${behind} entries: schedule.csv is ${behind} entries behind ledger.jsonl (written after it, and may be cached for up to 60 s)`,
      ),
      behind,
    };
  }
  throw csvDiffers(expected, csv, published.ledger !== undefined);
}
