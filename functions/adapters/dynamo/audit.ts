/**
 * The audit log (bundle.md "The audit log") and the audited transaction. The chain head (`auditSeq`, `auditHead`)
 * lives on the consultation item; every audited act writes its event in the same TransactWriteItems as the act,
 * conditional on the head being unchanged, so the chain can neither fork nor lose a link.
 */
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { queryAll } from './batch.ts';
import { requireConsultation } from './consultation-item.ts';
import { AuditItem, type ConsultationItem } from './items.ts';
import { backoff, MAX_TRIES } from './retry.ts';
import type { Table } from './table.ts';
import { type NamedItem, TransactionCancelledError, transact } from './transaction.ts';

/** What an audited act changes, decided from the consultation item as read. */
export interface AuditedAct {
  /** SET clauses on the consultation item after the head's (`#st` names the state), or clauses starting with REMOVE. */
  set?: string;
  values?: Record<string, unknown>;
  /** The act's own condition on the consultation item, besides the head's. */
  condition?: string;
  /** The act's own items, written in the same transaction; `head` and `event` are the chain's names. */
  items?: readonly NamedItem[];
  /** The act's event, when it depends on the item as read (the documents it changed); otherwise the draft given. */
  audit?: AuditDraft;
}

export class AuditLog {
  constructor(private readonly table: Table) {}

  /**
   * Runs an audited act: reads the chain head, seals the event, and writes the head, the event and the act's own
   * items in one transaction conditional on the head being unchanged. Re-reads and retries when another act
   * appended first; `build` throws a DomainError when the act no longer applies. When a condition of the act's own
   * items fails, the TransactionCancelledError is the act's to read (by its items' names).
   */
  async transact(id: string, draft: AuditDraft | undefined, build: (cur: ConsultationItem) => AuditedAct): Promise<AuditEvent> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const cur = await requireConsultation(this.table, id);
      const act = build(cur);
      const audit = act.audit ?? draft;
      if (!audit) throw new Error('an audited act without its audit event');
      const event = sealEvent({ seq: cur.auditSeq, hash: cur.auditHead }, audit);
      const own = act.items ?? [];
      try {
        await transact(this.table, [this.head(id, cur, act, event, audit), this.event(id, event), ...own]);
        return event;
      } catch (err) {
        if (!(err instanceof TransactionCancelledError)) throw err;
        // A failed condition on the act's own items (not the head) is the act's business.
        if (err.conditionFailed(own.map((i) => i.name))) throw err;
        await backoff(attempt);
      }
    }
    throw new DomainError('busy', 'the consultation is busy; try again');
  }

  /** Every event of a consultation's log, in order. */
  async events(id: string): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.audit(id, 0).pk }, ConsistentRead: true },
      AuditItem,
      'audit event',
    );
    return items.map((i) => i.event);
  }

  /** Records an event on its own; with `after`, only if the log's last event is still seq `after` (`busy` otherwise). */
  append(id: string, audit: AuditDraft, options: { after?: number } = {}): Promise<AuditEvent> {
    return this.transact(id, audit, (cur) => {
      if (options.after !== undefined && cur.auditSeq !== options.after) throw new DomainError('busy', 'the audit log moved on; read it again');
      return {};
    });
  }

  /**
   * Records an event together with a mark at `key` that must not exist yet; when it does, nothing is written and
   * `refused()` is thrown.
   */
  async appendOnce(id: string, audit: AuditDraft, key: { pk: string; sk: string }, refused: () => DomainError): Promise<AuditEvent> {
    const mark = {
      name: 'mark',
      item: { Put: { TableName: this.table.name, Item: { ...key, at: audit.at }, ConditionExpression: 'attribute_not_exists(pk)' } },
    };
    return this.transact(id, audit, () => ({ items: [mark] })).catch((err) => {
      if (err instanceof TransactionCancelledError && err.conditionFailed(['mark'])) throw refused();
      throw err;
    });
  }

  /** The consultation item's update: the new head, conditional on the head as read and on the act's own condition. */
  private head(id: string, cur: ConsultationItem, act: AuditedAct, event: AuditEvent, audit: AuditDraft): NamedItem<'head'> {
    const set = `SET auditSeq = :seq, auditHead = :head, updatedAt = :at${act.set ? (act.set.startsWith('REMOVE') ? ` ${act.set}` : `, ${act.set}`) : ''}`;
    return {
      name: 'head',
      item: {
        Update: {
          TableName: this.table.name,
          Key: keys.consultation(id),
          UpdateExpression: set,
          ConditionExpression: `auditSeq = :prevSeq${act.condition ? ` AND (${act.condition})` : ''}`,
          ExpressionAttributeNames: act.condition?.includes('#st') || act.set?.includes('#st') ? { '#st': 'st' } : undefined,
          ExpressionAttributeValues: { ...act.values, ':seq': event.seq, ':head': event.hash, ':at': audit.at, ':prevSeq': cur.auditSeq },
        },
      },
    };
  }

  private event(id: string, event: AuditEvent): NamedItem<'event'> {
    return {
      name: 'event',
      item: {
        Put: {
          TableName: this.table.name,
          Item: { ...keys.audit(id, event.seq), event: JSON.stringify(event) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  }
}
