/**
 * Numbers as the published pages and the records write them, in integer arithmetic so that every page, the records
 * and a monitor's recount show the same digits: thousands grouped with dots, percentages to one decimal, rounded
 * half up.
 */

function floorDiv(a: number, d: number): number {
  return (a - (a % d)) / d;
}

/** Tenths of a percent of part/whole, rounded half up, in integer arithmetic; 0 when whole is 0. */
function tenthsOfPercent(part: number, whole: number): number {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || whole < 0)
    throw new RangeError(`counts must be non-negative integers, got ${part}/${whole}`);
  if (whole === 0) return 0;
  const twice = part * 2000 + whole; // round(part*1000/whole) = floor((2*part*1000 + whole) / (2*whole))
  if (!Number.isSafeInteger(twice) || !Number.isSafeInteger(2 * whole)) throw new RangeError(`${part}/${whole} is too large for exact arithmetic`);
  return floorDiv(twice, 2 * whole);
}

/**
 * part/whole as a percentage with one decimal, rounded half up, exact: the `percentOfH` of `record/decision.json`.
 * @example percentOfH(2, 3) // "66.7"; percentOfH(0, 0) // "0.0"
 */
export function percentOfH(part: number, whole: number): string {
  const t = tenthsOfPercent(part, whole);
  return `${floorDiv(t, 10)}.${t % 10}`;
}

/**
 * A percentage as Vietnamese write it, to one decimal when there is one: "80%", "66,7%". Exact for counts; sums of
 * money too large for exact arithmetic (over about 4.5 million billion dong) are shown from floating point rather
 * than failing the page.
 */
export function vnPercent(part: number, whole: number): string {
  let t: number;
  try {
    t = tenthsOfPercent(part, whole);
  } catch {
    t = whole > 0 && Number.isFinite(part / whole) ? Math.round((part / whole) * 1000) : 0;
  }
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  return `${sign}${floorDiv(a, 10)}${a % 10 ? `,${a % 10}` : ''}%`;
}

/** 1234567 -> "1.234.567" (Vietnamese groups thousands with dots). */
export function vnNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
