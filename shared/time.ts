/** RFC 3339 UTC to the second with a `Z` (bundle.md conventions): `2026-11-22T10:00:00Z`. */
export function instant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
