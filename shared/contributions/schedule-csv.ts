/** `schedule.csv`: the schedule of dues with what each household has given, for a spreadsheet. */
import { utf8 } from '../bytes.ts';
import type { LedgerEvent } from './ledger.ts';
import type { Schedule } from './schedule.ts';
import { UNIT } from './terms.ts';
import { ledgerTotals } from './totals.ts';

/** The fixed header of `schedule.csv`; a schedule in labour or property adds SCHEDULE_CSV_UNIT after it. */
export const SCHEDULE_CSV_HEADER = ['roll id', 'category', 'basis', 'units', 'gross', 'exempt_percent', 'due', 'collected', 'outstanding'] as const;
/** The last column of a schedule in labour or property: what gross, due, collected and outstanding count in. */
export const SCHEDULE_CSV_UNIT = 'unit';

/** A field quoted as RFC 4180 asks (the property's description is free text). */
const quoted = (field: string) => `"${field.replaceAll('"', '""')}"`;

/**
 * What the amounts of a schedule in labour or property count in, for its last column: "ngày công", or "đồng (giá
 * trị tài sản: <description>)". Starts with a letter, so a spreadsheet never reads it as a formula. Undefined for
 * money, whose file keeps the columns it always had.
 */
function unitColumn(schedule: Pick<Schedule, 'form' | 'property'>): string | undefined {
  if (schedule.form === 'labour') return UNIT.labour.vi;
  if (schedule.form === 'property') return quoted(`đồng (giá trị tài sản: ${schedule.property?.description ?? ''})`);
  return undefined;
}

/**
 * `schedule.csv`: the header, then one row per household by roll id, written as web/open-data.ts writes its files
 * (UTF-8 with a byte order mark, for Excel, and CRLF line ends, RFC 4180). Roll ids start with a letter or digit
 * and hold no comma (schemas.ts), the rest are enums and numbers but the unit column, quoted.
 */
export function scheduleCsv(schedule: Pick<Schedule, 'households' | 'form' | 'property'>, events: readonly LedgerEvent[] = []): Uint8Array<ArrayBuffer> {
  const payments = ledgerTotals(schedule, events).households;
  const unit = unitColumn(schedule);
  const tail = unit === undefined ? [] : [unit];
  let out = `\uFEFF${[...SCHEDULE_CSV_HEADER, ...(unit === undefined ? [] : [SCHEDULE_CSV_UNIT])].join(',')}\r\n`;
  schedule.households.forEach((r, i) => {
    const p = payments[i]!;
    out += `${[r.id, r.category, r.basis, r.units, r.gross, r.exemptPercent, r.due, p.collected, p.outstanding, ...tail].join(',')}\r\n`;
  });
  return utf8(out);
}
