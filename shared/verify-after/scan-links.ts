/**
 * Which scans of the paper record a loader fetches for M4: those the record's published pages link
 * (`record/decision.html`, `record/counting.html`, each scan as `scans/<sha256>.<ext>` relative to `record/`). No
 * imports, so that the verify page's script can use it without bringing the verifier along.
 */

/** The record's pages, which list its scans. */
export const RECORD_PAGES = ['record/decision.html', 'record/counting.html'] as const;

const LINK = /href="(scans\/[0-9a-f]{64}\.(?:pdf|jpg|png))"/g;

/**
 * The scans a record page links, as names under `c/<id>/` (`record/scans/<sha256>.<ext>`), sorted, each once.
 * @example scansLinkedFrom('<a href="scans/ab…ef.pdf">') // ['record/scans/ab…ef.pdf']
 */
export function scansLinkedFrom(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(LINK), (m) => `record/${m[1]}`))].sort();
}
