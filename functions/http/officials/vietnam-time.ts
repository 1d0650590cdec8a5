/**
 * Officials type dates in Vietnam time (UTC+7 all year, no daylight saving); consultations carry RFC 3339 UTC to
 * the second (bundle.md). These convert between the two for the form's `datetime-local` fields.
 */

const VN_OFFSET_MS = 7 * 3600_000;

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const VN_WRITTEN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The UTC instant of a time typed in Vietnam time (`2026-11-22T17:00`, or `22/11/2026 17:00` as written in
 * Vietnam); undefined for anything else, and for a time that does not exist (30/02, 24:00).
 * @example vnLocalToInstant('2026-11-22T17:00') // '2026-11-22T10:00:00Z'
 */
export function vnLocalToInstant(typed: string): string | undefined {
  const text = typed.trim();
  let parts: number[];
  const iso = ISO_LOCAL.exec(text);
  if (iso) parts = iso.slice(1).map((p) => Number(p ?? 0));
  else {
    const written = VN_WRITTEN.exec(text);
    if (!written) return undefined;
    const [d, mo, y, h, mi, s] = written.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
    parts = [y, mo, d, h, mi, s];
  }
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 30 February over into March and maps years below 100 to the 1900s: refuse both.
  const same =
    wall.getUTCFullYear() === y &&
    wall.getUTCMonth() === mo - 1 &&
    wall.getUTCDate() === d &&
    wall.getUTCHours() === h &&
    wall.getUTCMinutes() === mi &&
    wall.getUTCSeconds() === s;
  if (!same) return undefined;
  return `${new Date(wall.getTime() - VN_OFFSET_MS).toISOString().slice(0, 19)}Z`;
}

/**
 * The `datetime-local` value (Vietnam time) of a UTC instant, seconds only when there are any; '' for a bad instant.
 * @example instantToVnLocal('2026-11-22T10:00:00Z') // '2026-11-22T17:00'
 */
export function instantToVnLocal(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const local = new Date(ms + VN_OFFSET_MS).toISOString();
  return local.slice(17, 19) === '00' ? local.slice(0, 16) : local.slice(0, 19);
}
