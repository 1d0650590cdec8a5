/**
 * Other opinions in memory, refusing as the DynamoDB store does (functions/adapters/dynamo/opinions.ts): kept apart
 * from the consultation's ballots, added only through an open gate, listed by their random id, hidden while voting
 * with an audit event and never edited.
 */
import { DomainError } from '../../../shared/errors.ts';
import type { Opinion } from '../../../shared/schemas.ts';
import type { OpinionHidden, StoredOpinion } from '../../../shared/opinions.ts';
import type { AuditDraft } from '../../../functions/core/store.ts';
import { appendEvent, byKey, copy, type Entry, gateOpen, required } from './state.ts';

export class MemoryOpinions {
  /** By consultation, then by opinion id: nothing here points to a ballot or a household. */
  private readonly opinions = new Map<string, Map<string, StoredOpinion>>();

  add(found: Entry | undefined, id: string, opinion: Omit<StoredOpinion, 'hidden'>, now: string): void {
    const entry = required(found);
    if (!gateOpen(entry.gate, now)) throw new DomainError('not_open', `consultation is ${entry.st}`);
    const list = this.of(id);
    if (list.has(opinion.id)) throw new DomainError('busy', 'an opinion with this id exists; try again');
    const { hidden: _never, ...fields } = opinion as StoredOpinion;
    list.set(opinion.id, copy(fields));
  }

  list(id: string): StoredOpinion[] {
    return [...this.of(id).entries()].sort(([a], [b]) => byKey(a, b)).map(([, o]) => copy(o));
  }

  hide(found: Entry | undefined, id: string, opinionId: string, hidden: OpinionHidden, audit: AuditDraft): void {
    const entry = required(found);
    if (entry.st !== 'voting') throw new DomainError('wrong_state', `opinions are moderated while voting; this consultation is ${entry.st}`);
    const stored = this.of(id).get(opinionId);
    if (!stored) throw new DomainError('not_found', 'no such opinion');
    if (stored.hidden) throw new DomainError('wrong_state', 'the opinion is already hidden');
    stored.hidden = copy(hidden);
    appendEvent(entry, audit);
  }

  /** The visible opinions as the recount publishes them (none: the field is left out). */
  visible(id: string): { opinions?: Opinion[] } {
    const shown = this.list(id)
      .filter((o) => !o.hidden)
      .map((o) => ({ questionId: o.questionId, text: o.text }));
    return shown.length > 0 ? { opinions: shown } : {};
  }

  private of(id: string): Map<string, StoredOpinion> {
    let list = this.opinions.get(id);
    if (!list) this.opinions.set(id, (list = new Map()));
    return list;
  }
}
