/** Citizens' initiatives, each one's own audit chain and its consents (one per roll id), in memory, as dynamo/initiatives.ts keeps them. */
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Consent } from '../../../shared/process/initiatives.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, InitiativeRecord, StoredInitiative } from '../../../functions/core/store.ts';
import { copy } from './state.ts';

export class MemoryInitiatives {
  private readonly records = new Map<string, InitiativeRecord>();
  private readonly logs = new Map<string, AuditEvent[]>();
  /** By initiative, then roll id: the consent and its last day. */
  private readonly kept = new Map<string, Map<string, { consent: Consent; until: string }>>();

  async get(id: string): Promise<StoredInitiative | undefined> {
    const record = this.records.get(id);
    return record ? copy({ record, auditSeq: this.logs.get(id)?.length ?? 0 }) : undefined;
  }

  async put(record: InitiativeRecord, audit: AuditDraft, prevSeq: number): Promise<AuditEvent> {
    const log = this.logs.get(record.id) ?? [];
    if (log.length !== prevSeq) throw new DomainError('busy', 'the initiative changed meanwhile; try again');
    const event = sealEvent(log[log.length - 1], copy(audit));
    this.records.set(record.id, copy(record));
    this.logs.set(record.id, [...log, event]);
    return copy(event);
  }

  async list(commune: string): Promise<InitiativeRecord[]> {
    return copy([...this.records.values()].filter((r) => r.commune === commune).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)));
  }

  async events(id: string): Promise<AuditEvent[]> {
    return copy(this.logs.get(id) ?? []);
  }

  async addConsent(id: string, consent: Consent, until: string, today: string): Promise<boolean> {
    const byRoll = this.kept.get(id) ?? new Map<string, { consent: Consent; until: string }>();
    const there = byRoll.get(consent.rollId);
    if (there && !(there.until < today)) return false;
    byRoll.set(consent.rollId, copy({ consent, until }));
    this.kept.set(id, byRoll);
    return true;
  }

  async consents(id: string): Promise<Consent[]> {
    return copy([...(this.kept.get(id)?.values() ?? [])].map((k) => k.consent).sort((a, b) => (a.rollId < b.rollId ? -1 : a.rollId > b.rollId ? 1 : 0)));
  }
}
