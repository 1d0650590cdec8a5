/** `schedule.csv`: the schedule of dues with what each household has paid, for a spreadsheet. */
import { utf8 } from '../bytes.ts';
import type { LedgerEvent } from './ledger.ts';
import type { Schedule } from './schedule.ts';
import { ledgerTotals } from './totals.ts';

/** The fixed header of `schedule.csv`. */
export const SCHEDULE_CSV_HEADER = ['roll id', 'category', 'basis', 'units', 'gross', 'exempt_percent', 'due', 'collected', 'outstanding'] as const;

/**
 * `schedule.csv`: the header, then one row per household by roll id, written as web/open-data.ts writes its files
 * (UTF-8 with a byte order mark, for Excel, and CRLF line ends, RFC 4180). No field needs quoting or can start a
 * formula: roll ids start with a letter or digit and hold no comma (schemas.ts), the rest are enums and numbers.
 */
export function scheduleCsv(schedule: Pick<Schedule, 'households'>, events: readonly LedgerEvent[] = []): Uint8Array<ArrayBuffer> {
  const payments = ledgerTotals(schedule, events).households;
  let out = `\uFEFF${SCHEDULE_CSV_HEADER.join(',')}\r\n`;
  schedule.households.forEach((r, i) => {
    const p = payments[i]!;
    out += `${[r.id, r.category, r.basis, r.units, r.gross, r.exemptPercent, r.due, p.collected, p.outstanding].join(',')}\r\n`;
  });
  return utf8(out);
}
