/**
 * Contributions after adoption (domain.md "Contributions", law-research §6): which level the vote adopted, what
 * each household owes by roll id, and the hash-chained ledger of what was collected and spent against it.
 * Amounts are in the form's unit (terms.ts: dong, workdays, dong of property value); frontage is integer decimetres;
 * nothing here is rounded except in `roundDue`.
 *
 * One file per part, in contributions/: the adopted level (levels.ts), the schedule of dues (schedule.ts), the
 * ledger (ledger.ts), its totals against the schedule (totals.ts), `schedule.csv` (schedule-csv.ts) and the forms a
 * contribution takes (terms.ts). This file
 * is their one public entry.
 */
export {
  appendEntry,
  Collection,
  Correction,
  hashOfLedgerEvent,
  LedgerEntry,
  LedgerEvent,
  Report,
  Spending,
  toLedgerJsonl,
  verifyLedger,
} from './contributions/ledger.ts';
export { adoptedLevel, contributionLevels, goingAheadRefused, Level } from './contributions/levels.ts';
export { SCHEDULE_CSV_HEADER, SCHEDULE_CSV_UNIT, scheduleCsv } from './contributions/schedule-csv.ts';
export { formOf, MAX_WORKDAYS_PER_UNIT, residentsShareInUnit, type TermsProblem, termsProblems, UNIT } from './contributions/terms.ts';
export {
  dueSchedule,
  FrontageMetres,
  ROUNDING,
  Schedule,
  ScheduleRow,
  type ScheduleHousehold,
  type ScheduleInput,
} from './contributions/schedule.ts';
export {
  collectionForm,
  type HouseholdPayment,
  type LedgerTotals,
  ledgerTotals,
  liveEntries,
  type PaymentStatus,
} from './contributions/totals.ts';
