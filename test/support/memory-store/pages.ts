/**
 * A page of the consultations' list in memory, as the DynamoDB store reads it from its index: newest id first,
 * one more than asked to know whether a next page exists, and a cursor that names its list (all communes or one)
 * and the last id shown, refused (`invalid_request`) when it is not one this list gave.
 */
import { DomainError } from '../../../shared/errors.ts';
import type { State } from '../../../shared/schemas.ts';
import type { ConsultationPage, ConsultationPageQuery, ConsultationSummary } from '../../../functions/core/store.ts';
import { byKey, copy, type Entry } from './state.ts';

const badCursor = () => new DomainError('invalid_request', 'the cursor is not one this list gave', [{ path: 'cursor', message: 'unknown cursor' }]);

/** The list a cursor belongs to: one commune's, or every commune's (`null`). */
function decodeCursor(cursor: string, commune: string | null): string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof value !== 'object' || value === null || !('list' in value) || !('after' in value)) throw badCursor();
  if (value.list !== commune || typeof value.after !== 'string' || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(value.after)) throw badCursor();
  return value.after;
}

function summaryOf(entry: Entry): ConsultationSummary {
  const c = entry.doc;
  return copy({
    id: c.id,
    commune: c.commune,
    title: c.title,
    titleEn: c.titleEn,
    matter: c.matter,
    method: c.method,
    scope: c.scope,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    state: entry.st,
    resultUrl: entry.resultUrl,
    closedAt: entry.closedAt,
  });
}

export function consultationPage(consultations: ReadonlyMap<string, Entry>, query: ConsultationPageQuery): ConsultationPage {
  const list = query.commune ?? null;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, list);
  const states = query.state === undefined ? undefined : new Set<State>([query.state].flat());
  const matching = [...consultations.entries()]
    .sort(([a], [b]) => byKey(b, a))
    .filter(([id, e]) => (after === undefined || id < after) && (list === null || e.doc.commune === list) && (!states || states.has(e.st)))
    .map(([, e]) => summaryOf(e));
  if (matching.length <= query.limit) return { items: matching };
  const items = matching.slice(0, query.limit);
  return { items, cursor: Buffer.from(JSON.stringify({ list, after: items[items.length - 1]!.id })).toString('base64url') };
}
