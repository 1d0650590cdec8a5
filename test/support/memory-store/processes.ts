/** The processes (a village-head election) and each one's own audit chain, in memory, as dynamo/processes.ts keeps them. */
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, ProcessRecord, StoredProcess } from '../../../functions/core/store.ts';
import { copy } from './state.ts';

export class MemoryProcesses {
  private readonly records = new Map<string, ProcessRecord>();
  private readonly logs = new Map<string, AuditEvent[]>();

  get(id: string): StoredProcess | undefined {
    const record = this.records.get(id);
    return record ? copy({ record, auditSeq: this.logs.get(id)?.length ?? 0 }) : undefined;
  }

  put(record: ProcessRecord, audit: AuditDraft, prevSeq: number): AuditEvent {
    const log = this.logs.get(record.id) ?? [];
    if (log.length !== prevSeq) throw new DomainError('busy', 'the process changed meanwhile; try again');
    const event = sealEvent(log[log.length - 1], copy(audit));
    this.records.set(record.id, copy(record));
    this.logs.set(record.id, [...log, event]);
    return copy(event);
  }

  list(commune: string): ProcessRecord[] {
    return copy([...this.records.values()].filter((r) => r.commune === commune).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)));
  }

  events(id: string): AuditEvent[] {
    return copy(this.logs.get(id) ?? []);
  }
}
